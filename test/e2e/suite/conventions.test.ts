// What makes the extension behave like other language extensions, driven through the vscode API:
// the restart command (a new server process, diagnostics back), the trace setting (the messages
// in the trace output, none while it is off), the settings command behind the language status
// item, and the walkthrough (contributed, its media in the installed extension, its example).
// The status item itself is read from the workbench by the UI test ui/languageStatus.ui.ts: the
// vscode API cannot read another extension's language status.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  activateExtension,
  closeAllEditors,
  codeOf,
  EXTENSION_ID,
  markdownOf,
  openAndValidate,
  pollUntil,
  positionIn,
  profileDiagnostics,
  publicationCount,
  SOURCE,
  waitForCode,
  waitForDiagnostics,
} from './helpers';

const RULE = 'crypto-suite-ignored-automatic';

interface Step {
  id: string;
  description: string;
  media: { image?: string; markdown?: string; svg?: string };
}

/** Language server processes this extension host started (Linux: read from /proc; elsewhere none are found). */
function serverProcesses(extensionPath: string): number[] {
  if (!fs.existsSync('/proc/self/status')) return [];
  const server = path.join(extensionPath, 'dist', 'server.js');
  const found: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const parent = /^PPid:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${name}/status`, 'utf8'))?.[1];
      if (Number(parent) !== process.pid) continue;
      if (fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').includes(server)) found.push(Number(name));
    } catch (error) {
      // A process that ended between listing and reading is simply not there.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && (error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  }
  return found;
}

function alive(pid: number): boolean {
  return fs.existsSync(`/proc/${pid}`) && !/^State:\s+Z/m.test(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
}

suite('Conventions of a language extension', () => {
  let restore: (() => Promise<void>)[] = [];
  suiteSetup(activateExtension);
  teardown(async () => {
    for (const undo of restore.reverse()) await undo();
    restore = [];
    await closeAllEditors();
  });

  test('Restart Language Server: a new server process, diagnostics cleared and back, requests answered', async () => {
    const extension = await activateExtension();
    const { editor } = await openAndValidate('user-tunnel.xml');
    const uri = editor.document.uri;
    await waitForCode(uri, RULE);
    const before = serverProcesses(extension.extensionPath);
    if (process.platform === 'linux') assert.equal(before.length, 1, `expected one language server process, found ${before.length}`);

    let cleared = false;
    const watch = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((u) => u.toString() === uri.toString()) && profileDiagnostics(uri).length === 0) cleared = true;
    });
    const published = publicationCount(uri);
    try {
      await vscode.commands.executeCommand('aovpn.restartServer');
    } finally {
      watch.dispose();
    }
    assert.ok(cleared, 'the diagnostics were not cleared while the server was down');
    await waitForDiagnostics(
      uri,
      (all) => all.some((d) => d.source === SOURCE && codeOf(d) === RULE),
      `${RULE} from the restarted server`,
      published,
    );

    if (before.length === 1) {
      const after = await pollUntil(() => {
        const now = serverProcesses(extension.extensionPath);
        return now.length === 1 && !alive(before[0]) ? now : undefined;
      }, 'the old server process to end and one new one to run');
      assert.notEqual(after[0], before[0]);
    }
    // The new server answers requests, not only publishes.
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      uri,
      positionIn(editor.document, '<NativeProtocolType>', 3),
    );
    assert.ok(
      hovers.some((h) => h.contents.map(markdownOf).join('\n').includes('NativeProtocolType')),
      'no hover from the restarted server',
    );
  });

  test('aovpn.trace.server: "verbose" traces requests with their content in the trace output, "off" stops it', async function () {
    const logDir = process.env.AOVPN_E2E_LOG_DIR;
    // Under @vscode/test-electron the suites do not know where the extension host logs.
    if (!logDir) this.skip();
    const { editor } = await openAndValidate('user-tunnel.xml');
    const document = editor.document;
    // Three hovers told apart by their positions (verbose traces the parameters).
    const at = (marker: string, delta: number): vscode.Position => positionIn(document, marker, delta);
    const hover = (position: vscode.Position) =>
      vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
    const traced = (position: vscode.Position): RegExp => new RegExp(`"line": ${position.line},\\s*"character": ${position.character}\\b`);
    const traceText = (): string => {
      const folders = fs.readdirSync(logDir!).filter((name) => name.startsWith('output_logging_'));
      return folders
        .flatMap((folder) =>
          fs
            .readdirSync(path.join(logDir!, folder))
            .filter((name) => name.endsWith('-Always On VPN ProfileXML (Trace).log'))
            .map((name) => path.join(logDir!, folder, name)),
        )
        .map((file) => fs.readFileSync(file, 'utf8'))
        .join('\n');
    };
    const setTrace = async (value: string): Promise<void> => {
      await vscode.workspace.getConfiguration('aovpn').update('trace.server', value, vscode.ConfigurationTarget.Workspace);
      await pollUntil(
        () => (vscode.workspace.getConfiguration('aovpn').get('trace.server') === value ? true : undefined),
        `aovpn.trace.server to be ${value}`,
      );
    };
    restore.push(async () => {
      await vscode.workspace.getConfiguration('aovpn').update('trace.server', undefined, vscode.ConfigurationTarget.Workspace);
    });

    const first = at('<AlwaysOn>', 3);
    const second = at('<DnsSuffix>', 4);
    const third = at('<TrustedNetworkDetection>', 5);
    await setTrace('verbose');
    await hover(first);
    await pollUntil(() => (traced(first).test(traceText()) ? true : undefined), 'the first hover in the trace output');
    assert.match(traceText(), /Sending request 'textDocument\/hover/);

    await setTrace('off');
    await hover(second);
    await setTrace('verbose');
    await hover(third);
    await pollUntil(() => (traced(third).test(traceText()) ? true : undefined), 'the third hover in the trace output');
    assert.doesNotMatch(traceText(), traced(second), 'a request was traced while aovpn.trace.server was off');
  });

  test('Set Target Windows and Deployment writes both settings where they apply, and the checks follow', async () => {
    const { editor } = await openAndValidate('user-tunnel.xml');
    const uri = editor.document.uri;
    await waitForCode(uri, RULE);
    restore.push(async () => {
      const config = vscode.workspace.getConfiguration('aovpn');
      await config.update('targetWindows', undefined, vscode.ConfigurationTarget.Workspace);
      await config.update('deployment', undefined, vscode.ConfigurationTarget.Workspace);
    });
    const written = await vscode.commands.executeCommand<string[]>('aovpn.setTargetAndDeployment', uri.toString(), {
      targetWindows: 'win10-1511',
      deployment: 'intune',
    });
    assert.deepEqual(written, ['workspace settings', 'workspace settings']);
    const config = vscode.workspace.getConfiguration('aovpn', uri);
    assert.equal(config.inspect('targetWindows')?.workspaceValue, 'win10-1511');
    assert.equal(config.inspect('deployment')?.workspaceValue, 'intune');
    // Windows 10 1511 predates elements of the profile; Intune turns on its own checks.
    await waitForDiagnostics(
      uri,
      (all) =>
        ['unsupported-on-target', 'intune-machine-method-missing'].every((code) =>
          all.some((d) => d.source === SOURCE && codeOf(d) === code),
        ),
      'unsupported-on-target and intune-machine-method-missing',
    );
  });

  test('the walkthrough is contributed, its media are in the installed extension, and its commands exist', async () => {
    const extension = await activateExtension();
    const walkthroughs =
      (extension.packageJSON as { contributes: { walkthroughs?: { id: string; steps: Step[] }[] } }).contributes.walkthroughs ?? [];
    assert.deepEqual(
      walkthroughs.map((w) => w.id),
      ['gettingStarted'],
    );
    const steps = walkthroughs[0].steps;
    assert.equal(steps.length, 5);
    const commands = new Set(await vscode.commands.getCommands(true));
    for (const step of steps) {
      const media = step.media.markdown ?? step.media.image ?? step.media.svg;
      assert.ok(media, `${step.id} has no media`);
      const stat = await vscode.workspace.fs.stat(vscode.Uri.joinPath(extension.extensionUri, media));
      assert.ok(stat.type === vscode.FileType.File && stat.size > 0, `${step.id}: ${media} is not in the installed extension`);
      for (const [, command] of step.description.matchAll(/\(command:([\w.]+)/g))
        assert.ok(commands.has(command), `${step.id} links to ${command}, which is not registered`);
    }
    // VS Code opens it (in the Welcome editor).
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#gettingStarted`, false);
    await pollUntil(
      () => (vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => /Welcome|Walkthrough/i.test(t.label))) ? true : undefined),
      'the walkthrough to open',
    );
  });

  test("Open Example Profile (the walkthrough's first step) opens an unsaved copy of the example with its finding", async () => {
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('aovpn.openExample');
    assert.ok(editor, 'the command returned no editor');
    assert.equal(editor.document.uri.scheme, 'untitled');
    assert.equal(editor.document.languageId, 'xml');
    assert.equal(vscode.window.activeTextEditor?.document, editor.document);
    const diagnostic = await waitForCode(editor.document.uri, RULE);
    assert.equal(editor.document.getText(diagnostic.range), 'Automatic');
  });
});
