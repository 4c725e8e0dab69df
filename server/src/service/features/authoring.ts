// The authoring requests (service/authoring): generated documents, never edits of their own.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeLens, Diagnostic, Position } from 'vscode-languageserver-types';
import type { NewProfileAnswers } from '../authoring/newProfile';
import {
  codeLenses,
  deploymentScriptRequest,
  newProfileRequest,
  serverPolicyRequest,
  suiteRequest,
  type AuthoringHost,
  type AuthoringResult,
} from '../authoring/requests';
import { withInternalErrorHook, type InternalErrorHook } from '../core/internalErrors';
import type { Settings } from '../settings';
import type { FeatureContext } from './context';
import { documentKind } from './documentKind';

export interface Authoring {
  codeLenses(document: TextDocument): CodeLens[];
  newProfile(answers: NewProfileAnswers, settings?: Partial<Settings>): AuthoringResult;
  deploymentScript(document: TextDocument, options?: { profileName?: string; position?: Position }): Promise<AuthoringResult>;
  serverPolicyFromSuite(document: TextDocument, position?: Position): Promise<AuthoringResult>;
  suiteFromServerPolicy(document: TextDocument, position?: Position): Promise<AuthoringResult>;
}

/**
 * `validate` is the service's own (with its internal-error hook); the asynchronous requests run
 * their synchronous part with `onInternalError` receiving its internal errors.
 */
export function createAuthoring(
  ctx: FeatureContext,
  onInternalError: InternalErrorHook,
  validate: (document: TextDocument, settings?: Partial<Settings>) => Diagnostic[],
): Authoring {
  const { documents } = ctx;
  const host: AuthoringHost = {
    kind: documentKind,
    profileOf: documents.parse,
    scriptOf: documents.parseScript,
    factsOf: documents.documentFacts,
    files: () => ctx.workspace.files(),
    validate,
  };
  /** Scripts need the grammar before any authoring request. */
  const readyFor = async (document: TextDocument): Promise<void> => {
    if (documentKind(document) === 'powershell') await documents.preparePowerShell();
  };
  return {
    codeLenses: (document) => codeLenses(host, document),
    newProfile: (answers, partial) => newProfileRequest(host, answers, partial ?? {}),
    async deploymentScript(document, options) {
      await readyFor(document);
      return withInternalErrorHook(onInternalError, () => deploymentScriptRequest(host, document, options));
    },
    async serverPolicyFromSuite(document, position) {
      await readyFor(document);
      return withInternalErrorHook(onInternalError, () => serverPolicyRequest(host, document, position));
    },
    async suiteFromServerPolicy(document, position) {
      await readyFor(document);
      return withInternalErrorHook(onInternalError, () => suiteRequest(host, document, position));
    },
  };
}
