import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';
import type { LanguageService } from '../languageService';
import type { Settings } from '../settings';
import type { NewProfileAnswers } from './newProfile';
import type { AuthoringResult } from './requests';
import { refuse } from './types';

/**
 * The language server's `workspace/executeCommand` commands (the same in the Node and the web
 * server). The extension asks its questions, runs one of these, and opens the document it gets
 * back; nothing here touches the editor. Arguments are JSON: a document URI, an LSP position,
 * the answers of the new-profile questions.
 */
export const SERVER_COMMANDS = {
  /** [answers: NewProfileAnswers] */
  newProfile: 'aovpn.server.newProfile',
  /** [uri, { profileName?, position? }] */
  deploymentScript: 'aovpn.server.deploymentScript',
  /** [uri, position?] */
  serverPolicyFromSuite: 'aovpn.server.serverPolicyFromSuite',
  /** [uri, position?] */
  suiteFromServerPolicy: 'aovpn.server.suiteFromServerPolicy',
} as const;

export const SERVER_COMMAND_IDS: readonly string[] = Object.values(SERVER_COMMANDS);

export interface CommandContext {
  service: LanguageService;
  /** An open document by URI. */
  document(uri: string): TextDocument | undefined;
  /** The settings for a URI (or the workspace's when undefined). */
  settings(uri: string | undefined): Promise<Partial<Settings>>;
}

function isPosition(value: unknown): value is Position {
  return !!value && typeof value === 'object' && typeof (value as Position).line === 'number' && typeof (value as Position).character === 'number';
}

export async function executeAuthoringCommand(ctx: CommandContext, command: string, args: readonly unknown[] = []): Promise<AuthoringResult> {
  if (command === SERVER_COMMANDS.newProfile) {
    const answers = args[0] as NewProfileAnswers | undefined;
    if (!answers || typeof answers !== 'object') return refuse('No answers were given.');
    return ctx.service.newProfile(answers, await ctx.settings(undefined));
  }
  const uri = typeof args[0] === 'string' ? args[0] : undefined;
  const document = uri ? ctx.document(uri) : undefined;
  if (!document) return refuse('The document is not open in the editor.');
  switch (command) {
    case SERVER_COMMANDS.deploymentScript: {
      const options = (args[1] && typeof args[1] === 'object' ? args[1] : {}) as { profileName?: unknown; position?: unknown };
      return ctx.service.deploymentScript(document, {
        profileName: typeof options.profileName === 'string' ? options.profileName : undefined,
        position: isPosition(options.position) ? options.position : undefined,
      });
    }
    case SERVER_COMMANDS.serverPolicyFromSuite:
      return ctx.service.serverPolicyFromSuite(document, isPosition(args[1]) ? args[1] : undefined);
    case SERVER_COMMANDS.suiteFromServerPolicy:
      return ctx.service.suiteFromServerPolicy(document, isPosition(args[1]) ? args[1] : undefined);
    default:
      return refuse(`Unknown command ${command}.`);
  }
}
