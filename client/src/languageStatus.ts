// The language status item ("{ }" in the status bar) on ProfileXML and VPN scripts: the deployment
// mode and target Windows the document is checked for, with a link to change them, and the
// language server's state (busy while it starts, an error with a restart link when it stopped).
// Other XML and ordinary PowerShell get none: the item exists only while the active editor shows a
// profile or a VPN script (documentScope.ts). Shared by the desktop and the web extension.
import * as vscode from 'vscode';
import { State, type BaseLanguageClient } from 'vscode-languageclient';
import { documentScope, type DocumentScope } from './documentScope';
import { CONVENTION_COMMANDS } from './commandIds';
import { NAME } from './name';
import { describeStatus, type ServerState } from './statusModel';
import { targetReleases } from './targetSettings';

export const STATUS_ITEM_ID = 'aovpn.status';

/** Re-reading the active document waits for a pause in typing: the root element rarely changes. */
const TYPING_PAUSE_MS = 300;
/** A restart stops the client and starts it again at once: "stopped" is shown only if it lasts. */
const STOPPED_GRACE_MS = 1000;

const SEVERITY = {
  information: vscode.LanguageStatusSeverity.Information,
  warning: vscode.LanguageStatusSeverity.Warning,
  error: vscode.LanguageStatusSeverity.Error,
} as const;

function serverState(client: BaseLanguageClient): ServerState {
  return client.state === State.Running ? 'running' : client.state === State.Starting ? 'starting' : 'stopped';
}

export function registerLanguageStatus(context: vscode.ExtensionContext, client: BaseLanguageClient): void {
  const releases = targetReleases(context.extension);
  let item: vscode.LanguageStatusItem | undefined;
  let shown: { document: vscode.TextDocument; scope: DocumentScope } | undefined;
  // The client starts after activation registers this; until its first state change it is starting.
  let state: ServerState = client.state === State.Running ? 'running' : 'starting';

  const render = (): void => {
    if (!shown) {
      item?.dispose();
      item = undefined;
      return;
    }
    const config = vscode.workspace.getConfiguration('aovpn', shown.document.uri);
    const view = describeStatus({
      scope: shown.scope,
      targetWindows: config.get('targetWindows'),
      deployment: config.get('deployment'),
      releases,
      server: state,
    });
    // The selector only needs to match the active document; the item is disposed when another kind is shown.
    item ??= vscode.languages.createLanguageStatusItem(STATUS_ITEM_ID, [{ language: 'xml' }, { language: 'powershell' }]);
    item.name = 'Always On VPN';
    item.text = view.text;
    item.detail = view.detail;
    item.severity = SEVERITY[view.severity];
    item.busy = view.busy;
    item.accessibilityInformation = { label: `${NAME}: ${view.text}; ${view.detail}` };
    item.command =
      view.action === 'restart'
        ? { title: 'Restart', command: CONVENTION_COMMANDS.restartServer, tooltip: 'Restart the Always On VPN language server' }
        : {
            title: 'Change',
            command: CONVENTION_COMMANDS.setTargetAndDeployment,
            arguments: [shown.document.uri.toString()],
            tooltip: 'Choose the deployment and the oldest Windows release to check for',
          };
  };

  const update = (): void => {
    const document = vscode.window.activeTextEditor?.document;
    const scope = document ? documentScope(document.languageId, document.getText()) : undefined;
    shown = document && scope ? { document, scope } : undefined;
    render();
  };

  let typing: ReturnType<typeof setTimeout> | undefined;
  let stopping: ReturnType<typeof setTimeout> | undefined;
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(update),
    // A new document's language can change after it opens (Ctrl+N, then "Change Language Mode").
    vscode.workspace.onDidOpenTextDocument((document) => {
      if (document === vscode.window.activeTextEditor?.document) update();
    }),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document !== vscode.window.activeTextEditor?.document) return;
      clearTimeout(typing);
      typing = setTimeout(update, TYPING_PAUSE_MS);
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('aovpn')) render();
    }),
    client.onDidChangeState(() => {
      clearTimeout(stopping);
      const next = serverState(client);
      if (next !== 'stopped') {
        state = next;
        render();
        return;
      }
      stopping = setTimeout(() => {
        state = serverState(client);
        render();
      }, STOPPED_GRACE_MS);
    }),
    {
      dispose: () => {
        clearTimeout(typing);
        clearTimeout(stopping);
        item?.dispose();
      },
    },
  );
  update();
}
