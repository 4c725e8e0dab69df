// What users expect of a language extension besides its language features, for the desktop and
// the web extension alike: a restart command, a language status item with the settings the checks
// assume, a command to change them, and the walkthrough's commands. (The trace setting is wired
// where each extension creates its client: trace.ts.)
import type * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { registerLanguageStatus } from './languageStatus';
import { registerRestartCommand } from './restart';
import { registerTargetSettingsCommand } from './targetSettings';
import { registerWalkthroughCommands } from './walkthrough';

/** Call before the client starts, so the status item sees it start. */
export function registerConventions(context: vscode.ExtensionContext, client: BaseLanguageClient): void {
  registerRestartCommand(context, client);
  registerTargetSettingsCommand(context);
  registerWalkthroughCommands(context);
  registerLanguageStatus(context, client);
}
