// "Always On VPN: Restart Language Server", for the desktop (a Node process) and the web (a
// worker): stops the server if it runs and starts it again, as ESLint's and the YAML extension's
// restart commands do. Also what the language status offers when the server has stopped.
import * as vscode from 'vscode';
import { State, type BaseLanguageClient } from 'vscode-languageclient';
import { CONVENTION_COMMANDS } from './commandIds';
import { NAME } from './name';

/** Stops (waiting for a start under way first) and starts the client; one restart at a time. */
export function createRestarter(client: BaseLanguageClient): () => Promise<void> {
  let queue: Promise<void> = Promise.resolve();
  const restartOnce = async (): Promise<void> => {
    // A client that is starting cannot be stopped yet: let it finish first.
    if (client.state === State.Starting) await client.start();
    if (client.state === State.Running) await client.stop();
    await client.start();
  };
  return () => {
    const next = queue.then(restartOnce);
    // The next restart waits for this one, failed or not; this one's failure goes to its caller.
    queue = next.catch(() => undefined);
    return next;
  };
}

export function registerRestartCommand(context: vscode.ExtensionContext, client: BaseLanguageClient): void {
  const restart = createRestarter(client);
  context.subscriptions.push(
    vscode.commands.registerCommand(CONVENTION_COMMANDS.restartServer, () =>
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: `Restarting the ${NAME} language server` },
        async () => {
          try {
            await restart();
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            client.outputChannel.error(`Restarting the language server failed: ${message}`);
            void vscode.window
              .showErrorMessage(
                `${NAME}: the language server could not be restarted (${message}). See the output for details.`,
                'Show Output',
              )
              .then((choice) => {
                if (choice) client.outputChannel.show(true);
              });
            throw error;
          }
        },
      ),
    ),
  );
}
