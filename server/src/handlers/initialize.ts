// initialize and initialized: what the client can do, the server's capabilities, and the
// registrations that must wait for `initialized`.
import { TextDocumentSyncKind, type InitializeResult } from 'vscode-languageserver';
import { codeActionCapability } from './codeActions';
import { SERVER_COMMAND_IDS } from './commands';
import { completionCapability, registerCompletionPerLanguage } from './completion';
import { clientSupportOf, type HandlerContext } from './context';
import { registerForConfigurationChanges, type SettingsStore } from './settings';

/** `afterInitialized` runs once the client is initialized (it answers settings requests then). */
export function handleInitialize(ctx: HandlerContext, settings: SettingsStore, afterInitialized: () => void): void {
  const { connection, host } = ctx;
  connection.onInitialize((params): InitializeResult => {
    Object.assign(ctx.client, clientSupportOf(params));
    settings.initialized(host.initialize(params));
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        // Registered per language after `initialized` when the client can (never both: items would come twice).
        ...completionCapability(ctx),
        hoverProvider: true,
        codeActionProvider: codeActionCapability(ctx),
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        codeLensProvider: { resolveProvider: false },
        executeCommandProvider: { commands: [...SERVER_COMMAND_IDS] },
        ...host.capabilities,
      },
      serverInfo: { name: host.name },
    };
  });

  connection.onInitialized(() => {
    registerForConfigurationChanges(ctx);
    registerCompletionPerLanguage(ctx);
    host.initialized?.();
    afterInitialized();
  });
}
