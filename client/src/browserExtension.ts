// The web extension (VS Code for the Web, vscode.dev / github.dev): the same commands as the
// desktop extension, with the language server in a web worker (dist/browser/server.js) instead of
// a Node process. The worker fetches the PowerShell grammar (WebAssembly) from dist/, relative to
// itself; the workspace's files reach it through the extension (workspaceFeed.ts).
import * as vscode from 'vscode';
import {
  LanguageClient,
  State,
  type BaseLanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/browser';
import {
  CANDIDATE_GLOB,
  EXCLUDED_GLOB,
  WORKSPACE_FILE_LIMITS,
  WORKSPACE_FILES_NOTIFICATION,
} from '../../server/src/host/workspaceFeedProtocol';
import { registerClientCommands } from './clientCommands';
import { registerConventions } from './conventions';
import { createWorkspaceFeed } from './workspaceFeed';
import { NAME } from './name';
import { createTraceChannel } from './trace';

/** The browser's Worker (the client compiles without the DOM library). */
interface ServerWorker {
  terminate(): void;
}
declare const Worker: new (scriptUrl: string) => ServerWorker;

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist', 'browser', 'server.js');
  const traceOutputChannel = createTraceChannel(`${NAME} (Trace)`);
  context.subscriptions.push(traceOutputChannel);
  const clientOptions: LanguageClientOptions = {
    // Every scheme: web workspaces are virtual (vscode-vfs://, memfs:, …).
    documentSelector: [{ language: 'xml' }, { language: 'powershell' }],
    synchronize: { configurationSection: 'aovpn' },
    // Workers may start from a blob: URL: the server resolves its WebAssembly files against this one.
    initializationOptions: { wasmBaseUrl: serverMain.toString() },
    traceOutputChannel,
  };
  // A worker per start: after a restart's shutdown and exit the old one is still alive (a worker
  // server cannot end itself), so it is terminated before the next one starts.
  let worker: ServerWorker | undefined;
  const startWorker = (): Promise<ServerOptions> => {
    worker?.terminate();
    worker = new Worker(serverMain.toString(true));
    // Our Worker declaration carries only what this file uses; the client takes the real object.
    return Promise.resolve(worker as unknown as ServerOptions);
  };
  context.subscriptions.push({ dispose: () => worker?.terminate() });
  // vscode-languageclient 11 takes the server first, as its Node client does (10 took the client options first).
  const languageClient = new LanguageClient('aovpn', NAME, startWorker, clientOptions);
  client = languageClient;
  registerClientCommands(context, languageClient);
  registerConventions(context, languageClient);
  await languageClient.start();
  startWorkspaceFeed(context, languageClient);
}

/**
 * Sends the workspace's profiles and scripts to the worker (it cannot read files) and keeps
 * them current, so the checks across files see closed files too.
 */
function startWorkspaceFeed(context: vscode.ExtensionContext, languageClient: BaseLanguageClient): void {
  const feed = createWorkspaceFeed(
    {
      list: async (limit) => (await vscode.workspace.findFiles(CANDIDATE_GLOB, EXCLUDED_GLOB, limit)).map((uri) => uri.toString()),
      size: async (uri) => {
        const info = await vscode.workspace.fs.stat(vscode.Uri.parse(uri));
        return info.type & vscode.FileType.File ? info.size : undefined;
      },
      read: async (uri) => vscode.workspace.fs.readFile(vscode.Uri.parse(uri)),
      relativePath: (uri) => {
        const parsed = vscode.Uri.parse(uri);
        const folder = vscode.workspace.getWorkspaceFolder(parsed);
        return folder ? vscode.workspace.asRelativePath(parsed, false) : undefined;
      },
    },
    (params) => languageClient.sendNotification(WORKSPACE_FILES_NOTIFICATION, params),
  );
  const report = (what: string) => (error: unknown) =>
    languageClient.outputChannel.appendLine(`Workspace files: ${what} failed: ${error instanceof Error ? error.message : String(error)}`);
  const watcher = vscode.workspace.createFileSystemWatcher(CANDIDATE_GLOB);
  context.subscriptions.push(
    watcher,
    watcher.onDidCreate((uri) => void feed.changed(uri.toString()).catch(report('reading a new file'))),
    watcher.onDidChange((uri) => void feed.changed(uri.toString()).catch(report('reading a changed file'))),
    watcher.onDidDelete((uri) => void feed.deleted(uri.toString()).catch(report('a deleted file'))),
  );
  const scan = (): void => {
    void feed
      .scan()
      .then(({ sent, truncated }) => {
        if (truncated)
          languageClient.outputChannel.appendLine(
            `Workspace files: more than ${WORKSPACE_FILE_LIMITS.maxFiles} .xml, .ps1 and .psm1 files; only the first ${WORKSPACE_FILE_LIMITS.maxFiles} were read (${sent} of them profiles or scripts), and only those are compared across files.`,
          );
      })
      .catch(report('listing the workspace'));
  };
  context.subscriptions.push(
    vscode.workspace.onDidChangeWorkspaceFolders(scan),
    // A restarted worker starts empty: send it the files again.
    languageClient.onDidChangeState((event) => {
      if (event.newState === State.Running) scan();
    }),
  );
  scan();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
