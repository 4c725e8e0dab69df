import type { OffsetEdit, Span } from '../core/findings';
import { documentLineIndex, type DocumentLineIndex } from '../core/positions';
import type { Spelling, SuiteElement } from '../core/spelling';
import type { SuppressedIds } from '../suppression';

/**
 * What one file contributes to the checks across files. Extracted with the same parsers as the
 * single-file checks (ProfileXML tree, PowerShell model + binder), once per file version.
 * Spans are offsets into the file's text. Facts are plain data — no functions, nothing that
 * holds a parse tree — so the index keeps them for every file of a large workspace and answers
 * every question (suppressions, the edits that align a policy) without parsing a file again.
 */

/** The rules a ProfileXML suppression comment (`<!-- profilexml-disable-next-line id -->`) silences at a place. */
export type XmlSuppression = SuppressedIds;

/** Known values of a policy by element (as written); absent elements are unknown or omitted. */
export type PolicyValues = Partial<Record<SuiteElement, string>>;

/**
 * How a client is made to use a server's policy, as edits whose text holds a placeholder for each
 * value (align.ts fills them in with the values in the client's spelling).
 */
export type Alignment =
  /** Each value rewritten in place (a CryptographySuite, the cmdlet's arguments); null where a value cannot be rewritten. */
  | { kind: 'replace-values'; slots: Partial<Record<SuiteElement, OffsetEdit | null>> }
  /** A CryptographySuite inserted with a line per element; the lines of elements the server leaves out are dropped. */
  | { kind: 'insert-suite'; edit: OffsetEdit }
  /** A statement that needs every value (Set-VpnConnectionIPsecConfiguration after Add-VpnConnection). */
  | { kind: 'insert-statement'; edit: OffsetEdit };

/** `Set-VpnServerConfiguration -CustomPolicy` (or its old name), values as bound: literal, splatted or piped. */
export interface ServerPolicyFact {
  /** The command name. */
  span: Span;
  /** Known values as written; elements not given, or computed at run time, are absent. */
  values: PolicyValues;
  /** Elements whose value is computed at run time (a variable, an expression). */
  dynamic: SuiteElement[];
}

export type ClientKind =
  /** A ProfileXML profile (standalone file or embedded in a script), with or without a CryptographySuite. */
  | 'profile'
  /** `Set-VpnConnectionIPsecConfiguration` with its values. */
  | 'ipsec-cmdlet'
  /** `Add-VpnConnection` that can use IKEv2 (no custom policy of its own). */
  | 'add-connection';

export interface ClientPolicyFact {
  kind: ClientKind;
  /** Where a mismatch is reported: CryptographySuite's name, the command name, or the profile's protocol. */
  span: Span;
  source: 'profilexml' | 'aovpn-powershell';
  /** How values are written in this client (messages and fixes use it). */
  spelling: Spelling;
  /** The client's custom policy; undefined when it has none (Windows' built-in proposals). */
  values?: PolicyValues;
  /** Connection name of cmdlet clients: the literal, or null when computed at run time. */
  connectionName?: string | null;
  /**
   * Where each known value is written: the element's text in a profile, the cmdlet's argument
   * (or splatted / piped hashtable value). A mismatch in one value alone is reported there.
   */
  valueSpans: Partial<Record<SuiteElement, Span>>;
  /** How to make this client use a server's values (align.ts); undefined when they cannot be written. */
  alignment?: Alignment;
  xmlSuppressed?: XmlSuppression;
  /** ProfileXML suppression comments at a value's line (profiles). */
  valueXmlSuppressed?: Partial<Record<SuiteElement, XmlSuppression>>;
}

/** A write of a known AOVPN registry value (schemas/registry.json) by New-/Set-ItemProperty or reg.exe. */
export interface RegistryWriteFact {
  /** Registry value id (R2, R3, ...). */
  id: string;
  name: string;
  where: 'server' | 'client' | 'nps';
  /** The value written, when it is a literal (as text); undefined when computed at run time. */
  value?: string;
  /** The value name as written (or the command when the name is not a literal). */
  span: Span;
}

export type TunnelKind = 'device' | 'user' | 'lockdown';

export interface ProfileFact {
  /** Where profile-level findings go: NativeProtocolType's value, else NativeProfile's name. */
  span: Span;
  /** The root element's name (`VPNProfile`): where related information points at the profile as a whole. */
  rootSpan: Span;
  tunnel: TunnelKind;
  /** IKEv2 can be negotiated and the machine or EAP authenticates with certificates. */
  ikev2Certificate: boolean;
  /** RegisterDNS set to true: its value span. */
  registerDns?: Span;
  /**
   * What ties the profiles of one deployment together (deployment.ts): the server addresses of
   * NativeProfile/Servers and the DnsSuffix entries, normalised. Values computed at run time
   * (a `$variable` in an embedded profile) are left out.
   */
  servers: string[];
  dnsSuffixes: string[];
  /** The `DomainNameInformation` (NRPT rule) elements: their start-tag names. */
  nrptRules: Span[];
  /** Suppression comments at the profile's span / at RegisterDNS / at the first NRPT rule. */
  xmlSuppressed?: XmlSuppression;
  registerDnsXmlSuppressed?: XmlSuppression;
  nrptXmlSuppressed?: XmlSuppression;
}

/** Something only an RRAS server script does (server policy, server registry values, RemoteAccess cmdlets). */
export interface ServerMarker {
  span: Span;
  what: string;
}

export interface FileFacts {
  uri: string;
  kind: 'profilexml' | 'powershell' | 'none';
  version: number;
  text: string;
  serverPolicies: ServerPolicyFact[];
  clients: ClientPolicyFact[];
  registryWrites: RegistryWriteFact[];
  /** `Set-VpnAuthProtocol -RootCertificateNameToAccept` with a value other than $null. */
  rootCertificates: Span[];
  serverMarkers: ServerMarker[];
  profiles: ProfileFact[];
  /** Changes whenever anything another file could see changes (values and positions). */
  signature: string;
}

export type FactsBody = Pick<
  FileFacts,
  'serverPolicies' | 'clients' | 'registryWrites' | 'rootCertificates' | 'serverMarkers' | 'profiles'
>;

export function emptyBody(): FactsBody {
  return { serverPolicies: [], clients: [], registryWrites: [], rootCertificates: [], serverMarkers: [], profiles: [] };
}

export function makeFacts(uri: string, kind: FileFacts['kind'], version: number, text: string, body: FactsBody): FileFacts {
  return { uri, kind, version, text, ...body, signature: signatureOf(body) };
}

/** Line index of each facts' text, built when a message or a range first needs one (facts stay plain data). */
const POSITIONS = new WeakMap<FileFacts, DocumentLineIndex>();

/** Offsets ↔ positions in the text the facts were extracted from. */
export function positionsOf(file: FileFacts): DocumentLineIndex {
  let index = POSITIONS.get(file);
  if (!index) POSITIONS.set(file, (index = documentLineIndex(file.text)));
  return index;
}

/**
 * What only the file's own findings use: suppression comments and the edits that align it. Left
 * out of the signature, so that editing them does not re-validate the other files.
 */
const OWN_USE = new Set(['alignment', 'xmlSuppressed', 'valueXmlSuppressed', 'registerDnsXmlSuppressed', 'nrptXmlSuppressed']);

/**
 * The facts other files see, as a string. Own-use keys are fields of clients and profiles only
 * (the types above): those two lists are copied without them, so that JSON.stringify needs no
 * replacer function (one call per value, the cost of indexing a large folder).
 */
function signatureOf(body: FactsBody): string {
  return JSON.stringify({ ...body, clients: body.clients.map(withoutOwnUse), profiles: body.profiles.map(withoutOwnUse) });
}

function withoutOwnUse(fact: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fact)) if (!OWN_USE.has(key)) out[key] = value;
  return out;
}

/** Whether the facts say anything at all (a file with none does not matter to other files). */
export function hasFacts(facts: FileFacts): boolean {
  return (
    facts.serverPolicies.length +
      facts.clients.length +
      facts.registryWrites.length +
      facts.rootCertificates.length +
      facts.serverMarkers.length +
      facts.profiles.length >
    0
  );
}
