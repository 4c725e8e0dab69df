// The "profilexml-lint: lint workspace" task: the bundled command-line linter run by VS Code's
// task system over the workspace folder, its output read by the $profilexml-lint problem matcher
// into the Problems panel, for files that were never opened.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { TextEncoder } from 'node:util';
import {
  activateExtension,
  closeAllEditors,
  codeOf,
  describeDiagnostics,
  setWorkspaceSetting,
  workspaceText,
  workspaceUri,
} from './helpers';

const TASK_SOURCE = 'profilexml-lint';
const WAIT_MS = 60_000;

/** The problem matcher's diagnostics for a file (the language server's have source "profilexml"). */
function taskDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === TASK_SOURCE);
}

/** Resolves once `accept` holds for the file's task diagnostics; fails after the deadline with what was there. */
function waitForTaskDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
): Promise<vscode.Diagnostic[]> {
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
      reject(
        new Error(
          `timed out after ${WAIT_MS / 1000} s waiting for ${what} in ${uri.toString(true)}; all diagnostics there: ${describeDiagnostics(vscode.languages.getDiagnostics(uri))}`,
        ),
      );
    }, WAIT_MS);
    function finish(): void {
      clearTimeout(timer);
      subscription.dispose();
    }
    check();
  });
}

/** Runs a task and resolves with its process's exit code and the execution VS Code ran (the task as the provider resolved it). */
async function runTask(task: vscode.Task): Promise<{ exitCode: number | undefined; ran: vscode.Task }> {
  let ran: vscode.Task | undefined;
  const started = vscode.tasks.onDidStartTaskProcess((event) => {
    if (event.execution.task.definition.type === TASK_SOURCE) ran = event.execution.task;
  });
  const ended = new Promise<number | undefined>((resolve) => {
    const subscription = vscode.tasks.onDidEndTaskProcess((event) => {
      if (event.execution.task.definition.type !== TASK_SOURCE) return;
      subscription.dispose();
      resolve(event.exitCode);
    });
  });
  try {
    await vscode.tasks.executeTask(task);
    const exitCode = await Promise.race([
      ended,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`the task did not end within ${WAIT_MS / 1000} s`)), WAIT_MS)),
    ]);
    assert.ok(ran, 'VS Code reported no process start for the task');
    return { exitCode, ran };
  } finally {
    started.dispose();
  }
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
    const { exitCode } = await runTask(task);
    // The examples have no error: the linter exits 0 (2 would mean it could not run or read the files).
    assert.equal(exitCode, 0);

    const [automatic] = await waitForTaskDiagnostics(
      profile,
      (all) => all.some((d) => codeOf(d) === 'crypto-suite-ignored-automatic'),
      "the task's crypto-suite-ignored-automatic",
    );
    const text = await workspaceText('user-tunnel.xml');
    const lines = text.split(/\r?\n/);
    const line = lines.findIndex((l) => l.includes('<NativeProtocolType>Automatic'));
    assert.equal(automatic.range.start.line, line);
    assert.equal(automatic.range.start.character, lines[line].indexOf('Automatic'));
    assert.equal(
      automatic.severity,
      vscode.DiagnosticSeverity.Information,
      'the information word of the compact format is information in VS Code',
    );
    assert.match(automatic.message, /^With NativeProtocolType Automatic, Windows ignores the CryptographySuite/);

    // The script was not opened by this test: the task still reports it.
    const [inScript] = await waitForTaskDiagnostics(
      script,
      (all) => all.some((d) => codeOf(d) === 'crypto-suite-ignored-automatic'),
      "the task's finding in the deployment script",
    );
    assert.equal(inScript.severity, vscode.DiagnosticSeverity.Information);
  });

  test('a profilexml-lint task in tasks.json runs on its paths with its extra options', async () => {
    const tasksJson = workspaceUri('.vscode/tasks.json');
    const definition = {
      version: '2.0.0',
      tasks: [
        {
          type: TASK_SOURCE,
          label: 'lint the deployment script',
          paths: ['deploy-profile.ps1', 'device-tunnel.xml'],
          extraArgs: ['--rule', 'crypto-suite-ignored-automatic=error'],
          problemMatcher: ['$profilexml-lint'],
        },
      ],
    };
    await vscode.workspace.fs.writeFile(tasksJson, new TextEncoder().encode(JSON.stringify(definition, null, 2)));
    restore = async () => vscode.workspace.fs.delete(tasksJson);
    // VS Code reads tasks.json again when it changes: wait for the task to be there.
    let task: vscode.Task | undefined;
    const deadline = Date.now() + WAIT_MS;
    while (!(task = (await vscode.tasks.fetchTasks({ type: TASK_SOURCE })).find((t) => t.name === 'lint the deployment script'))) {
      assert.ok(Date.now() < deadline, 'the task of tasks.json did not appear');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const { exitCode, ran } = await runTask(task);
    // The provider resolved it into the bundled linter with the paths and options of tasks.json.
    const execution = ran.execution as vscode.ProcessExecution | undefined;
    assert.ok(execution && Array.isArray(execution.args), 'a process execution');
    assert.match(execution.args[0], /[\\/]dist[\\/]cli\.js$/);
    assert.deepEqual(execution.args.slice(1, 3), ['--format', 'compact']);
    assert.deepEqual(execution.args.slice(-3), ['--', 'deploy-profile.ps1', 'device-tunnel.xml']);
    const raised = execution.args.indexOf('crypto-suite-ignored-automatic=error');
    assert.equal(execution.args[raised - 1], '--rule');
    // The raised rule fails the run and shows as an error in the script.
    assert.equal(exitCode, 1);
    const script = workspaceUri('deploy-profile.ps1');
    await waitForTaskDiagnostics(
      script,
      (all) => all.some((d) => codeOf(d) === 'crypto-suite-ignored-automatic' && d.severity === vscode.DiagnosticSeverity.Error),
      'the finding raised to an error by the extra options',
    );
  });
});
