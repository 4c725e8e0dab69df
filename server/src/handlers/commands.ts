// workspace/executeCommand: the authoring commands. Their arguments come as JSON from the client;
// they are checked here, on the LSP side, and the service gets typed values (its authoring
// requests: newProfile, deploymentScript, serverPolicyFromSuite, suiteFromServerPolicy).
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';
import type { LanguageService } from '../service/languageService';
import type { Settings } from '../service/settings';
import { SERVER_COMMANDS, type AuthoringResult, type NewProfileAnswers } from '../service/authoring/protocol';
import { refuse } from '../service/authoring/types';
import type { HandlerContext } from './context';
import { indexed } from './readiness';
import type { SettingsStore } from './settings';

// The command ids are part of the client–server contract (protocol.ts).
export { SERVER_COMMANDS } from '../service/authoring/protocol';

export const SERVER_COMMAND_IDS: readonly string[] = Object.values(SERVER_COMMANDS);

export interface CommandContext {
  service: LanguageService;
  /** An open document by URI. */
  document(uri: string): TextDocument | undefined;
  /** The settings for a URI (or the workspace's when undefined). */
  settings(uri: string | undefined): Promise<Partial<Settings>>;
}

function isPosition(value: unknown): value is Position {
  return (
    !!value &&
    typeof value === 'object' &&
    typeof (value as Position).line === 'number' &&
    typeof (value as Position).character === 'number'
  );
}

/** Answers that are text where text is expected (the generator checks the values themselves). */
const TEXT_ANSWERS = [
  'tunnel',
  'protocol',
  'authentication',
  'routing',
  'deployment',
  'targetWindows',
  'server',
  'dnsSuffix',
  'trustedRootCA',
  'npsServerNames',
] as const;
const REQUIRED_ANSWERS = new Set<string>(['tunnel', 'deployment', 'targetWindows']);

/** What is wrong with the shape of the new-profile answers (they come as JSON from the client), or undefined. */
function answersProblem(answers: Record<string, unknown>): string | undefined {
  for (const key of TEXT_ANSWERS) {
    const value = answers[key];
    if (value === undefined || value === null) {
      if (REQUIRED_ANSWERS.has(key)) return `The answer "${key}" is missing.`;
    } else if (typeof value !== 'string') {
      return `The answer "${key}" must be text.`;
    }
  }
  const routes = answers.routes;
  if (routes !== undefined && routes !== null && !(Array.isArray(routes) && routes.every((r) => typeof r === 'string')))
    return 'The answer "routes" must be a list of networks.';
  const suite = answers.suite;
  if (
    suite !== undefined &&
    suite !== null &&
    (typeof suite !== 'object' || Array.isArray(suite) || Object.values(suite).some((v) => v !== undefined && typeof v !== 'string'))
  ) {
    return 'The answer "suite" must map CryptographySuite elements to values.';
  }
  return undefined;
}

export async function executeAuthoringCommand(
  ctx: CommandContext,
  command: string,
  args: readonly unknown[] = [],
): Promise<AuthoringResult> {
  if (command === SERVER_COMMANDS.newProfile) {
    const answers = args[0];
    if (!answers || typeof answers !== 'object' || Array.isArray(answers)) return refuse('No answers were given.');
    const problem = answersProblem(answers as Record<string, unknown>);
    if (problem) return refuse(problem);
    return ctx.service.newProfile(answers as NewProfileAnswers, await ctx.settings(undefined));
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

export function handleCommands(ctx: HandlerContext, settings: SettingsStore): void {
  const { connection, service, documents } = ctx;
  connection.onExecuteCommand(async (params: unknown) => {
    const record = params && typeof params === 'object' ? (params as Record<string, unknown>) : undefined;
    const command = record?.command;
    const args = record?.arguments ?? [];
    if (typeof command !== 'string')
      throw new ResponseError(ErrorCodes.InvalidParams, 'workspace/executeCommand: command must be a string');
    if (!Array.isArray(args)) throw new ResponseError(ErrorCodes.InvalidParams, 'workspace/executeCommand: arguments must be an array');
    try {
      await indexed(ctx);
      return await executeAuthoringCommand(
        {
          service,
          document: (uri) => documents.get(uri),
          settings: (uri) => (uri ? settings.settingsFor(uri) : settings.workspaceSettings()),
        },
        command,
        args as unknown[],
      );
    } catch (error) {
      ctx.log.logError(`command ${SERVER_COMMAND_IDS.includes(command) ? command : '(unknown)'}`, error);
      return { ok: false, message: 'The command failed; see the output of the language server.' };
    }
  });
}
