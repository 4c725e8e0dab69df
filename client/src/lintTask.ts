// The "profilexml-lint: lint workspace" task (desktop only: it runs a process): the command-line
// linter bundled with the extension (dist/cli.js) over a workspace folder, in the compact format
// that the $profilexml-lint problem matcher (package.json) reads into the Problems panel, with
// the folder's aovpn settings, so that the task reports what the editor reports.
import * as path from 'node:path';
import * as vscode from 'vscode';

export const LINT_TASK_TYPE = 'profilexml-lint';
export const LINT_TASK_NAME = 'lint workspace';

/** A task of type profilexml-lint in tasks.json (see contributes.taskDefinitions in package.json). */
interface LintTaskDefinition extends vscode.TaskDefinition {
  /** Files and folders to check, relative to the workspace folder (default: the whole folder). */
  paths?: string[];
  /**
   * More command-line options, such as ["--fail-on", "warning"]. (Not "options" or "args": VS
   * Code reads those names in tasks.json as the process options and arguments of a task.)
   */
  extraArgs?: string[];
}

export function registerLintTask(context: vscode.ExtensionContext): void {
  const cli = context.asAbsolutePath(path.join('dist', 'cli.js'));
  context.subscriptions.push(
    vscode.tasks.registerTaskProvider(LINT_TASK_TYPE, {
      provideTasks: () =>
        (vscode.workspace.workspaceFolders ?? [])
          .filter((folder) => folder.uri.scheme === 'file')
          .map((folder) => lintTask(cli, folder, { type: LINT_TASK_TYPE })),
      resolveTask: (task) => {
        // A task written in tasks.json: the same command with its paths and options.
        const folder = task.scope;
        if (task.definition.type !== LINT_TASK_TYPE || typeof folder !== 'object' || folder.uri.scheme !== 'file') return undefined;
        return lintTask(cli, folder, task.definition as LintTaskDefinition, task.name);
      },
    }),
  );
}

function lintTask(cli: string, folder: vscode.WorkspaceFolder, definition: LintTaskDefinition, name = LINT_TASK_NAME): vscode.Task {
  const paths = definition.paths?.length ? definition.paths : ['.'];
  const args = [cli, '--format', 'compact', ...settingsArguments(folder), ...(definition.extraArgs ?? []), '--', ...paths];
  // The extension host's own runtime runs the linter, so that no Node.js needs to be installed:
  // in desktop VS Code that is Electron, which runs as plain Node.js with ELECTRON_RUN_AS_NODE.
  const execution = new vscode.ProcessExecution(process.execPath, args, { cwd: folder.uri.fsPath, env: { ELECTRON_RUN_AS_NODE: '1' } });
  const task = new vscode.Task(definition, folder, name, LINT_TASK_TYPE, execution, ['$profilexml-lint']);
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Silent, clear: true };
  return task;
}

/** The folder's aovpn settings as the linter's options (the settings of package.json, same meaning). */
function settingsArguments(folder: vscode.WorkspaceFolder): string[] {
  const config = vscode.workspace.getConfiguration('aovpn', folder.uri);
  const args: string[] = [];
  const deployment = config.get<string>('deployment');
  if (deployment) args.push('--deployment', deployment);
  const target = config.get<string>('targetWindows');
  if (target) args.push('--target-windows', target);
  const rules = config.get<Record<string, unknown>>('rules') ?? {};
  // An unknown id or level is passed on: the linter names it (with a suggestion) instead of checking quietly with other settings.
  for (const [id, level] of Object.entries(rules)) args.push('--rule', `${id}=${String(level)}`);
  return args;
}
