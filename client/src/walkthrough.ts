// The commands behind the getting-started walkthrough (package.json "contributes.walkthroughs"):
// the example profile the walkthrough's first steps use. It ships in the VSIX and opens as a new
// untitled document, so the user can fix it without touching the installed extension.
// Shared by the desktop and the web extension (the file is read through vscode.workspace.fs).
import * as vscode from 'vscode';
import { CONVENTION_COMMANDS } from './commandIds';

/** A user tunnel with one deliberate mistake (NativeProtocolType Automatic), as in the repository's examples/. */
const EXAMPLE = ['examples', 'user-tunnel.xml'];

export function registerWalkthroughCommands(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(CONVENTION_COMMANDS.openExample, async () => {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, ...EXAMPLE));
      const document = await vscode.workspace.openTextDocument({ language: 'xml', content: new TextDecoder().decode(bytes) });
      return vscode.window.showTextDocument(document);
    }),
  );
}
