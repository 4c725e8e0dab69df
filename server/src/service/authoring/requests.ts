import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Position, Range } from 'vscode-languageserver-types';
import type { ProfileDocument } from '../profilexml/document';
import { embeddedProfiles, type EmbeddedProfile } from '../powershell/embedded';
import { touchesExpansion } from '../powershell/embeddedMap';
import type { PowerShellDocument } from '../powershell/document';
import type { Settings } from '../settings';
import type { OffsetEdit } from '../core/findings';
import { alignEdits } from '../workspace/align';
import { positionsOf, type FileFacts, type PolicyValues, type ServerPolicyFact } from '../workspace/facts';
import { policyKey, SUITE_ELEMENTS } from '../workspace/policy';
import { firstChild, textOf, valueSpan, type Span } from '../xml/xmlTree';
import { suggestedConnectionName } from './connectionName';
import { deploymentScript } from './deploymentScript';
import { documentLabel } from './labels';
import { describeAnswers, newProfile } from './newProfile';
import { policyLenses, type PolicyPlace } from './policyLenses';
import { cryptographySuiteBlock, serverPolicyScript } from './serverPolicy';
import { CLIENT_COMMANDS, type AuthoringResult, type AuthoringTarget, type NewProfileAnswers } from './protocol';
import { refuse, type GeneratorRefusal } from './types';
import { reportInternalError } from '../core/internalErrors';

/**
 * The authoring requests of the language service: which profile, suite or server policy of a
 * document a command is about (the one at the cursor, or the only one), the generator call, and
 * the answer in LSP terms. The generators themselves are pure functions of text (newProfile.ts,
 * deploymentScript.ts, serverPolicy.ts, policyLenses.ts).
 */

export type DocumentKindOf = 'profilexml' | 'powershell' | 'none';

/** What the requests need from the language service (its caches and its workspace index). */
export interface AuthoringHost {
  kind(document: TextDocument): DocumentKindOf;
  profileOf(document: TextDocument): ProfileDocument;
  /** Only called for scripts, after the grammar is loaded. */
  scriptOf(document: TextDocument): PowerShellDocument;
  /** Cross-file facts of the document's current text (undefined for other documents). */
  factsOf(document: TextDocument): FileFacts | undefined;
  /** Facts of every indexed file. */
  files(): FileFacts[];
  validate(document: TextDocument, settings: Partial<Settings>): Diagnostic[];
}

export type { AuthoringDocument, AuthoringResult, AuthoringTarget } from './protocol';

/** A code lens in LSP terms; `command` is one of the client's commands (package.json). */
export interface AuthoringLens {
  range: Range;
  command: { title: string; command: string; arguments: unknown[] };
}

/** Client commands the lenses run (registered by the extension). */
export const LENS_COMMANDS = {
  show: CLIENT_COMMANDS.showLocations,
  createServerPolicy: CLIENT_COMMANDS.serverPolicy,
  createSuite: CLIENT_COMMANDS.suite,
} as const;

// ---- code lenses -------------------------------------------------------------------------------

export function codeLenses(host: AuthoringHost, document: TextDocument): AuthoringLens[] {
  const self = host.factsOf(document);
  if (!self) return [];
  const rangeOf = (uri: string, span: Span): Range => {
    if (uri === document.uri) return { start: document.positionAt(span.start), end: document.positionAt(span.end) };
    const file = host.files().find((f) => f.uri === uri);
    const positions = file && positionsOf(file);
    return positions
      ? { start: positions.positionAt(span.start), end: positions.positionAt(span.end) }
      : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  };
  return policyLenses(self, host.files()).map((lens): AuthoringLens => {
    const range = rangeOf(document.uri, lens.span);
    if (lens.kind === 'show') {
      const locations = lens.targets.map((t: PolicyPlace) => ({ uri: t.uri, range: rangeOf(t.uri, t.span) }));
      return { range, command: { title: lens.title, command: LENS_COMMANDS.show, arguments: [document.uri, range.start, locations] } };
    }
    const command = lens.kind === 'create-server-policy' ? LENS_COMMANDS.createServerPolicy : LENS_COMMANDS.createSuite;
    return { range, command: { title: lens.title, command, arguments: [document.uri, range.start] } };
  });
}

// ---- new profile ------------------------------------------------------------------------------

export function newProfileRequest(host: AuthoringHost, answers: NewProfileAnswers, settings: Partial<Settings>): AuthoringResult {
  if (!answers || typeof answers !== 'object') return refuse('No answers were given.');
  const servers = completeServerPolicies(host.files());
  const notes: string[] = [];
  let suite: PolicyValues | undefined;
  if (servers.length > 0) {
    suite = servers[0].fact.values;
    if (servers.length > 1) {
      notes.push(
        `The workspace sets ${servers.length} different server policies; the CryptographySuite matches the one in ${documentLabel(servers[0].file.uri)}.`,
      );
    }
  }
  const result = newProfile({ ...answers, suite: answers.suite ?? suite });
  if (!result.ok) return result;
  // Whatever the rules still say about the result (the generator's notes explain the expected ones).
  const validation = { ...settings, deployment: answers.deployment, targetWindows: answers.targetWindows };
  const probe = TextDocument.create('untitled:aovpn-new-profile.xml', 'xml', 1, result.text);
  const explained = [...result.notes, ...notes].join('\n');
  for (const d of host.validate(probe, validation)) {
    const code = String(d.code);
    if (explained.includes(code)) continue;
    notes.push(`${code}: ${typeof d.message === 'string' ? d.message : d.message.value}`);
  }
  return { ok: true, language: 'xml', text: result.text, notes: [...result.notes, ...notes], title: describeAnswers(answers) };
}

/** Server policies with all six values known, one per distinct policy (they can be copied into a suite as they are). */
function completeServerPolicies(files: readonly FileFacts[]): { file: FileFacts; fact: ServerPolicyFact }[] {
  const seen = new Set<string>();
  const out: { file: FileFacts; fact: ServerPolicyFact }[] = [];
  for (const file of files) {
    for (const fact of file.serverPolicies) {
      if (SUITE_ELEMENTS.some((e) => fact.values[e] === undefined)) continue;
      const key = policyKey(fact.values);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ file, fact });
    }
  }
  return out;
}

// ---- profiles of a document ---------------------------------------------------------------------

interface ProfileAt {
  profile: ProfileDocument;
  /** The embedded literal, when the profile is inside a script. */
  embedded?: EmbeddedProfile;
}

/** The profile a command is about: the document itself, or the embedded profile at (or the only one in) a script. */
function profileAt(host: AuthoringHost, document: TextDocument, position: Position | undefined): ProfileAt | GeneratorRefusal {
  switch (host.kind(document)) {
    case 'profilexml': {
      const profile = host.profileOf(document);
      if (profile.wellFormedness.length > 0)
        return refuse('The profile is not well-formed XML: correct it first (see the xml-not-well-formed problem).');
      return { profile };
    }
    case 'powershell': {
      const all = embeddedProfiles(host.scriptOf(document)).filter((p) => p.complete);
      if (all.length === 0)
        return refuse('This script holds no complete ProfileXML (a string whose content is a whole <VPNProfile> document).');
      const offset = position ? document.offsetAt(position) : undefined;
      const at = offset === undefined ? undefined : all.find((p) => p.literal.span.start <= offset && offset <= p.literal.span.end);
      const chosen = at ?? (all.length === 1 ? all[0] : undefined);
      if (!chosen) return refuse('This script holds several profiles: put the cursor inside the one you mean.');
      if (chosen.profile.wellFormedness.length > 0) return refuse('The embedded profile is not well-formed XML: correct it first.');
      return { profile: chosen.profile, embedded: chosen };
    }
    default:
      return refuse('Open a ProfileXML document (root element VPNProfile) or a script that holds one.');
  }
}

function isRefusal(value: unknown): value is GeneratorRefusal {
  return !!value && typeof value === 'object' && (value as { ok?: unknown }).ok === false;
}

/** `client.xml` for messages and comments. */
function labelOf(document: TextDocument): string {
  return documentLabel(document.uri);
}

/** The document's file name without its extension; undefined for a new document (`Untitled-2` is the editor's name, not the administrator's). */
function savedName(document: TextDocument): string | undefined {
  const base = labelOf(document).replace(/\.[^.]+$/, '');
  return document.uri.startsWith('untitled:') && /^Untitled-\d+$/i.test(base) ? undefined : base;
}

/** Default connection name: the profile's ProfileName, the file's name, or one made from the server (connectionName.ts). */
function defaultProfileName(profile: ProfileDocument, document: TextDocument): string {
  const text = (element: ReturnType<typeof firstChild>): string | undefined => (element ? textOf(element) : undefined);
  const native = firstChild(profile.root, 'NativeProfile');
  const plugin = firstChild(profile.root, 'PluginProfile');
  return suggestedConnectionName({
    profileName: text(firstChild(profile.root, 'ProfileName')),
    fileName: savedName(document),
    servers: text(firstChild(native, 'Servers')) ?? text(firstChild(plugin, 'ServerUrlList')),
    deviceTunnel: profile.facts.isDeviceTunnel,
  });
}

// ---- deployment script ---------------------------------------------------------------------------

export function deploymentScriptRequest(
  host: AuthoringHost,
  document: TextDocument,
  options: { profileName?: string; position?: Position } = {},
): AuthoringResult {
  const at = profileAt(host, document, options.position);
  if (isRefusal(at)) return at;
  if (at.embedded && at.embedded.virtual.expansions.length > 0) {
    return refuse(
      'The embedded profile contains values the script computes at run time ($variables): a deployment script can only carry a literal profile.',
    );
  }
  const profileName = options.profileName ?? defaultProfileName(at.profile, document);
  // A new document's editor name (`Untitled-1`) says nothing in the script's comment.
  const sourceLabel = savedName(document) === undefined ? undefined : labelOf(document);
  const result = deploymentScript({ profileXml: at.profile.text, facts: at.profile.facts, profileName, sourceLabel, eol: at.profile.eol });
  if (!result.ok) return result;
  return { ...result, title: `Deployment script for ${profileName}`, profileName };
}

// ---- suite → server policy ------------------------------------------------------------------------

export function serverPolicyRequest(host: AuthoringHost, document: TextDocument, position?: Position): AuthoringResult {
  const at = profileAt(host, document, position);
  if (isRefusal(at)) return at;
  const { profile, embedded } = at;
  const suite = profile.facts.cryptoSuite;
  if (!suite)
    return refuse(
      'This profile has no CryptographySuite: add one first (the ikev2-default-crypto fix inserts the baseline), then create the server policy from it.',
    );
  const values: PolicyValues = {};
  const notes: string[] = [];
  for (const element of SUITE_ELEMENTS) {
    const child = firstChild(suite, element);
    if (!child) continue;
    if (embedded && touchesExpansion(embedded.virtual, valueSpan(child, profile.text))) {
      notes.push(`${element} is computed at run time in the script, so the server policy leaves it out.`);
      continue;
    }
    values[element] = textOf(child).trim();
  }
  const facts = profile.facts;
  const result = serverPolicyScript({
    values,
    sourceLabel: labelOf(document),
    certificateAuthentication: !!facts.nativeProfile && facts.ikev2Possible && facts.certificateAuthentication,
    eol: profile.eol,
  });
  if (!result.ok) return result;
  if (facts.protocol && facts.protocol !== 'IKEv2') {
    notes.push(
      `The profile's NativeProtocolType is ${facts.protocol}: Windows applies the CryptographySuite only when NativeProtocolType is IKEv2.`,
    );
  }
  return { ...result, notes: [...result.notes, ...notes], title: `RRAS server policy from ${labelOf(document)}` };
}

// ---- server policy → suite --------------------------------------------------------------------------

export function suiteRequest(host: AuthoringHost, document: TextDocument, position?: Position): AuthoringResult {
  if (host.kind(document) !== 'powershell')
    return refuse('Open the RRAS server script that runs Set-VpnServerConfiguration -CustomPolicy.');
  const self = host.factsOf(document);
  const policies = self?.serverPolicies ?? [];
  if (policies.length === 0)
    return refuse('This script sets no custom IPsec policy (Set-VpnServerConfiguration -CustomPolicy with IKEv2).');
  const offset = position ? document.offsetAt(position) : undefined;
  const before = offset === undefined ? [] : policies.filter((p) => p.span.start <= offset);
  const policy = before.length ? before[before.length - 1] : policies[0];
  const suite = cryptographySuiteBlock({ values: policy.values, dynamic: policy.dynamic, eol: eolOf(document.getText()) });
  if (!suite.ok) return suite;
  return { ...suite, title: `CryptographySuite from ${labelOf(document)}`, targets: alignTargets(host, policy.values) };
}

/** Profiles of the workspace whose suite differs from the policy (or that have none): the edits that align them. */
function alignTargets(host: AuthoringHost, values: PolicyValues): AuthoringTarget[] {
  const out: AuthoringTarget[] = [];
  for (const file of host.files()) {
    for (const client of file.clients) {
      if (client.kind !== 'profile') continue;
      let edits: OffsetEdit[] | undefined;
      try {
        edits = alignEdits(client, values);
      } catch (error) {
        reportInternalError(`aligning ${documentLabel(file.uri)}`, error);
        continue;
      }
      if (!edits?.length) continue;
      const positions = positionsOf(file);
      const where = documentLabel(file.uri);
      out.push({
        uri: file.uri,
        title: client.values ? `Align the CryptographySuite in ${where}` : `Insert the CryptographySuite into ${where}`,
        edits: edits.map((e) => ({
          range: { start: positions.positionAt(e.start), end: positions.positionAt(e.end) },
          newText: e.newText,
        })),
      });
    }
  }
  return out;
}

function eolOf(text: string): string {
  const lf = text.indexOf('\n');
  return lf > 0 && text[lf - 1] === '\r' ? '\r\n' : '\n';
}
