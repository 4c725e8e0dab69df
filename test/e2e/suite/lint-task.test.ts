// The "profilexml-lint: lint workspace" task: the bundled command-line linter run by VS Code's
// task system over the workspace folder, its output read by the $profilexml-lint problem matcher
// into the Problems panel, for files that were never opened.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, codeOf, describeDiagnostics, setWorkspaceSetting, workspaceText, workspaceUri } from './helpers';

const TASK_SOURCE = 'profilexml-lint';
const WAIT_MS = 60_000;

/** The problem matcher's diagnostics for a file (the language server's have source "profilexml"). */
function taskDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === TASK_SOURCE);
}

/** Resolves once `accept` holds for the file's task diagnostics; fails after the deadline with what was there. */
function waitForTaskDiagnostics(uri: vscode.Uri, accept: (diagnostics: vscode.Diagnostic[]) => boolean, what: string): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const found = taskDiagnostics(uri);
      if (!accept(found)) return false;
      finish();
      resolve(found);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics(() => check());
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`timed out after ${WAIT_MS / 1000} s waiting for ${what} in ${uri.toString(true)}; all diagnostics there: ${describeDiagnostics(vscode.languages.getDiagnostics(uri))}`));
    }, WAIT_MS);
    function finish(): void {
      clearTimeout(timer);
      subscription.dispose();
    }
    check();
  });
}

suite('Lint task and problem matcher', () => {
  let restore: (() => Promise<void>) | undefined;
  suiteSetup(activateExtension);
  teardown(async () => {
    await restore?.();
    restore = undefined;
    await closeAllEditors();
  });

  test('the task runs the bundled linter over the workspace with its settings, and the findings of closed files reach the Problems panel', async () => {
    // The folder's settings go to the linter: this rule's warning becomes information there too.
    restore = await setWorkspaceSetting('rules', { 'crypto-suite-ignored-automatic': 'information' });
    const tasks = await vscode.tasks.fetchTasks({ type: TASK_SOURCE });
    const task = tasks.find((t) => t.name === 'lint workspace' && t.source === TASK_SOURCE);
    assert.ok(task, `no "${TASK_SOURCE}: lint workspace" task among: ${tasks.map((t) => `${t.source}: ${t.name}`).join(', ') || '(none)'}`);
    assert.deepEqual(task.problemMatchers, ['$profilexml-lint']);
    assert.equal((task.scope as vscode.WorkspaceFolder).uri.toString(), vscode.workspace.workspaceFolders?.[0].uri.toString());

    const profile = workspaceUri('user-tunnel.xml');
    const script = workspaceUri('deploy-profile.ps1');
    const ended = new Promise<number | undefined>((resolve) => {
      const subscription = vscode.tasks.onDidEndTaskProcess((event) => {
        if (event.execution.task.definition.type !== TASK_SOURCE) return;
        subscription.dispose();
        resolve(event.exitCode);
      });
    });
    await vscode.tasks.executeTask(task);
    const exitCode = await Promise.race([ended, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`the task did not end within ${WAIT_MS / 1000} s`)), WAIT_MS))]);
    // The examples have no error: the linter exits 0 (2 would mean it could not run or read the files).
    assert.equal(exitCode, 0);

    const [automatic] = await waitForTaskDiagnostics(profile, (all) => all.some((d) => codeOf(d) === 'crypto-suite-ignored-automatic'), 'the task\'s crypto-suite-ignored-automatic');
    const text = await workspaceText('user-tunnel.xml');
    const lines = text.split(/\r?\n/);
    const line = lines.findIndex((l) => l.includes('<NativeProtocolType>Automatic'));
    assert.equal(automatic.range.start.line, line);
    assert.equal(automatic.range.start.character, lines[line].indexOf('Automatic'));
    assert.equal(automatic.severity, vscode.DiagnosticSeverity.Information, 'the information word of the compact format is information in VS Code');
    assert.match(automatic.message, /^With NativeProtocolType Automatic, Windows ignores the CryptographySuite/);

    // The script was not opened by this test: the task still reports it.
    const [inScript] = await waitForTaskDiagnostics(script, (all) => all.some((d) => codeOf(d) === 'crypto-suite-ignored-automatic'), 'the task\'s finding in the deployment script');
    assert.equal(inScript.severity, vscode.DiagnosticSeverity.Information);
  });
});
