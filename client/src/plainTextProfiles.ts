// Plain-text documents that hold a profile: Ctrl+N opens Plain Text, and typing `<VPNProfile>`
// there got nothing until the language was set to XML by hand. An untitled document whose text
// starts a VPNProfile root is switched to XML (as VS Code's own language detection switches
// untitled documents); a saved plain-text file is only offered the switch, since its file name
// chose the language. Each document is considered once: set back to Plain Text, it stays so.
import * as vscode from 'vscode';
import { startsProfileRoot } from '../../server/src/service/profilexml/sniff';
import { NAME } from './name';

/** Only the start of the text is read: the root element comes after a prolog of a few lines. */
const HEAD_LINES = 200;
const XML = 'xml';

export function registerPlainTextDetection(context: vscode.ExtensionContext): void {
  /** Documents already switched or offered the switch, by URI: never again in this session. */
  const decided = new Set<string>();
  let xmlKnown: Promise<boolean> | undefined;
  const xmlAvailable = (): Promise<boolean> =>
    (xmlKnown ??= Promise.resolve(vscode.languages.getLanguages()).then((ids) => ids.includes(XML)));

  const consider = (document: vscode.TextDocument): void => {
    if (document.languageId !== 'plaintext' || !isUsersDocument(document.uri)) return;
    const key = document.uri.toString();
    if (decided.has(key)) return;
    const head = document.getText(new vscode.Range(0, 0, Math.min(document.lineCount, HEAD_LINES), 0));
    if (!startsProfileRoot(head)) return;
    decided.add(key);
    void xmlAvailable()
      .then((available) => {
        // Without any XML language (none is known to this editor) there is nothing to switch to.
        if (!available) return undefined;
        return document.uri.scheme === 'untitled' ? switchToXml(document) : offerXml(document);
      })
      .catch(
        (error: unknown) =>
          void vscode.window.showWarningMessage(
            `${NAME}: could not open the document as XML: ${error instanceof Error ? error.message : String(error)}`,
          ),
      );
  };

  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument(consider),
    vscode.workspace.onDidChangeTextDocument((event) => consider(event.document)),
  );
  for (const document of vscode.workspace.textDocuments) consider(document);
}

/** A new document, or a file of the user's (not an output channel, a git view or another extension's document). */
function isUsersDocument(uri: vscode.Uri): boolean {
  return uri.scheme === 'untitled' || uri.scheme === 'file' || vscode.workspace.getWorkspaceFolder(uri) !== undefined;
}

async function switchToXml(document: vscode.TextDocument): Promise<void> {
  // The user may have changed the language meanwhile (the check above ran before an await).
  if (document.isClosed || document.languageId !== 'plaintext') return;
  await vscode.languages.setTextDocumentLanguage(document, XML);
  vscode.window.setStatusBarMessage(
    `${NAME}: the document holds a VPNProfile, so it is now XML (change it back with "Change Language Mode").`,
    8000,
  );
}

async function offerXml(document: vscode.TextDocument): Promise<void> {
  const open = 'Open as XML';
  const name = vscode.workspace.asRelativePath(document.uri);
  const answer = await vscode.window.showInformationMessage(
    `${NAME}: ${name} holds an Always On VPN profile but is open as plain text. Open it as XML to check it?`,
    open,
  );
  if (answer === open && !document.isClosed && document.languageId === 'plaintext')
    await vscode.languages.setTextDocumentLanguage(document, XML);
}
