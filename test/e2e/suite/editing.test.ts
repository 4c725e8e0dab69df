// Rough edges of editing, as a user meets them: a new Plain Text document that becomes a profile,
// `-` and a space after a VPN cmdlet in a script, and the connection name the deployment script
// proposes for an untitled profile.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, codeOf, openUntitled, waitForDiagnostics } from './helpers';

const WAIT_MS = 30_000;

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/** Completion as VS Code asks for it when `triggerCharacter` was typed. */
async function completionsAfter(document: vscode.TextDocument, position: vscode.Position, triggerCharacter?: string): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    document.uri,
    position,
    triggerCharacter,
  );
  return (list?.items ?? []).map(labelOf);
}

/** Resolves with the document once VS Code holds `uri` in `languageId` (a language change closes and reopens it). */
function languageBecomes(uri: vscode.Uri, languageId: string): Promise<vscode.TextDocument> {
  const find = (): vscode.TextDocument | undefined =>
    vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && d.languageId === languageId && !d.isClosed);
  return new Promise((resolve, reject) => {
    const now = find();
    if (now) return resolve(now);
    const subscription = vscode.workspace.onDidOpenTextDocument(() => {
      const found = find();
      if (!found) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(found);
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(
        new Error(
          `${uri.toString(true)} did not become ${languageId} within ${WAIT_MS / 1000} s (it is ${vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.languageId})`,
        ),
      );
    }, WAIT_MS);
  });
}

/** Lets the extension host handle the events of an edit (no event marks "nothing happened"). */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1500));

suite('Editing', () => {
  suiteSetup(activateExtension);
  teardown(closeAllEditors);

  test('a new Plain Text document becomes XML once <VPNProfile> is typed, gets diagnostics, and stays Plain Text when set back', async () => {
    const editor = await openUntitled('', 'plaintext');
    const uri = editor.document.uri;
    await vscode.commands.executeCommand('type', { text: '<VPNProfile' });
    assert.equal(editor.document.languageId, 'plaintext', 'not while the name is being typed');
    const becameXml = languageBecomes(uri, 'xml');
    await vscode.commands.executeCommand('type', { text: '>\n  <AlwaysOn>yes</AlwaysOn>\n</VPNProfile>\n' });
    const xml = await becameXml;
    assert.match(xml.getText(), /^<VPNProfile>\n {2}<AlwaysOn>yes<\/AlwaysOn>/, 'the typed text is kept');
    await waitForDiagnostics(uri, (all) => all.some((d) => codeOf(d) === 'invalid-value'), 'invalid-value on AlwaysOn yes');

    // Set back to Plain Text by the user: left alone from then on.
    const plain = await vscode.languages.setTextDocumentLanguage(xml, 'plaintext');
    const shown = await vscode.window.showTextDocument(plain);
    await shown.edit((edit) => edit.insert(new vscode.Position(0, 0), '<!-- notes -->\n'));
    await settle();
    const now = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && !d.isClosed);
    assert.equal(now?.languageId, 'plaintext');
  });

  test('plain text that is not a profile stays Plain Text', async () => {
    const editor = await openUntitled('', 'plaintext');
    await vscode.commands.executeCommand('type', { text: 'Meeting notes: <VPNProfile> needs a CryptographySuite\n<project>\n' });
    await settle();
    assert.equal(editor.document.languageId, 'plaintext');
  });

  test('in a script, - after a VPN cmdlet asks for its parameters and a space after -DHGroup for its values, without snippets', async () => {
    const text = 'Set-VpnConnectionIPsecConfiguration -ConnectionName Contoso -\n';
    const { document } = await openUntitled(text, 'powershell');
    await waitForDiagnostics(document.uri, () => true, 'the language server to see the script');
    const parameters = await completionsAfter(document, new vscode.Position(0, text.length - 1), '-');
    assert.ok(parameters.includes('-DHGroup'), parameters.join(', '));
    assert.ok(!parameters.some((l) => l.startsWith('aovpn-')), parameters.join(', '));

    const values = await vscode.window.activeTextEditor!.edit((edit) => edit.insert(new vscode.Position(0, text.length - 1), 'DHGroup '));
    assert.ok(values);
    const labels = await completionsAfter(document, new vscode.Position(0, text.length - 1 + 'DHGroup '.length), ' ');
    assert.ok(labels.includes('Group14'), labels.join(', '));
    assert.ok(!labels.some((l) => l.startsWith('aovpn-')), labels.join(', '));
  });

  test('in XML a typed - gets nothing from the extension', async () => {
    const { document } = await openUntitled('<VPNProfile>\n  <DnsSuffix>corp-</DnsSuffix>\n</VPNProfile>\n');
    await waitForDiagnostics(document.uri, () => true, 'the language server to see the profile');
    const labels = await completionsAfter(document, new vscode.Position(1, '  <DnsSuffix>corp-'.length), '-');
    assert.ok(!labels.some((l) => l.startsWith('aovpn-') || l === 'NativeProfile'), labels.join(', '));
  });

  test('Create Deployment Script on an untitled profile proposes a name from its server, not "Untitled-N"', async () => {
    const profile = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('aovpn.newProfile', {
      tunnel: 'user',
      deployment: 'any',
      targetWindows: 'win11-21h2',
      server: 'vpn.contoso.com',
      dnsSuffix: 'corp.contoso.com',
    });
    assert.ok(profile && profile.uri.scheme === 'untitled', 'the command opened an untitled profile');
    // No name given: the command asks, proposing one; Enter takes the proposal.
    const created = vscode.commands.executeCommand<vscode.TextDocument | undefined>('aovpn.createDeploymentScript', profile.uri.toString());
    let done = false;
    void created.then(
      () => (done = true),
      () => (done = true),
    );
    const deadline = Date.now() + WAIT_MS;
    while (!done && Date.now() < deadline) {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const script = await created;
    assert.ok(script, 'the command opened the script');
    assert.match(script.getText(), /^\$ProfileName = 'Contoso VPN'$/m);
    assert.doesNotMatch(script.getText(), /Untitled-\d+/);
  });
});
