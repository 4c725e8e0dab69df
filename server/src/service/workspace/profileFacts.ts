import type { ProfileDocument } from '../profilexml/document';
import { insertChild, replaceValue } from '../profilexml/edits';
import type { OffsetEdit } from '../core/findings';
import { suppressionAnchor } from '../profilexml/suppress';
import { schemaIndex } from '../profilexml/schema';
import { childrenNamed, firstChild, textOf, valueSpan, type Span, type XmlElement } from '../xml/xmlTree';
import { dnsSuffixEntries, serverAddresses } from './deployment';
import { emptyBody, type ClientPolicyFact, type FactsBody, type PolicyValues, type ProfileFact, type XmlSuppression } from './facts';
import type { SuiteElement } from '../core/spelling';
import { xmlSuppressedIdsOf } from '../suppression';
import { valuePlaceholder } from './align';
import { SUITE_ELEMENTS } from './policy';

/**
 * The cross-file facts of one ProfileXML profile: a standalone file, or a profile embedded in a
 * script (then `map` turns offsets of the decoded string into script offsets and re-escapes edits).
 */
export interface OffsetMap {
  /** Undefined when the span touches text only known at run time (a `$variable` in the string). */
  span(span: Span): Span | undefined;
  edit(edit: OffsetEdit): OffsetEdit | undefined;
}

export const SAME_OFFSETS: OffsetMap = { span: (s) => s, edit: (e) => e };

export interface ProfileOptions {
  /**
   * Report a profile without CryptographySuite as a client with the built-in proposals. False for
   * profiles embedded in a script that also runs Set-VpnConnectionIPsecConfiguration (the usual
   * way to give a deployed profile its policy afterwards).
   */
  clientWithoutSuite: boolean;
}

export function profileFacts(
  doc: ProfileDocument,
  map: OffsetMap,
  options: ProfileOptions,
): { profiles: ProfileFact[]; clients: ClientPolicyFact[] } {
  const out = { profiles: [] as ProfileFact[], clients: [] as ClientPolicyFact[] };
  const root = doc.root;
  if (!root || doc.wellFormedness.length > 0) return out;
  const { facts } = doc;
  const suppressedIds = xmlSuppressedIdsOf(doc);
  const suppressionAt = (span: Span): XmlSuppression => suppressedIds(suppressionAnchor(doc.text, span));

  const anchorLocal = facts.nativeProtocolType
    ? valueSpan(facts.nativeProtocolType.element, doc.text)
    : (facts.nativeProfile ?? root).nameSpan;
  const anchor = map.span(anchorLocal) ?? map.span(root.nameSpan);
  if (!anchor) return out;

  const registerDnsElement = firstChild(root, 'RegisterDNS');
  const registerDnsLocal =
    registerDnsElement && textOf(registerDnsElement).trim().toLowerCase() === 'true' ? valueSpan(registerDnsElement, doc.text) : undefined;
  // A value the script computes ($variable inside the string) is not known: left out.
  const known = (element: XmlElement | undefined): string | undefined =>
    element && map.span(valueSpan(element, doc.text)) ? textOf(element) : undefined;
  const servers = known(firstChild(facts.nativeProfile, 'Servers'));
  const dnsSuffix = known(firstChild(root, 'DnsSuffix'));
  const nrptLocal = childrenNamed(root, 'DomainNameInformation').map((e) => e.nameSpan);
  const nrptRules = nrptLocal.flatMap((span) => map.span(span) ?? []);
  out.profiles.push({
    span: anchor,
    rootSpan: map.span(root.nameSpan) ?? anchor,
    tunnel: facts.isDeviceTunnel ? 'device' : facts.isLockDown ? 'lockdown' : 'user',
    ikev2Certificate: !!facts.nativeProfile && facts.ikev2Possible && facts.certificateAuthentication,
    registerDns: registerDnsLocal && map.span(registerDnsLocal),
    servers: servers === undefined ? [] : serverAddresses(servers),
    dnsSuffixes: dnsSuffix === undefined ? [] : dnsSuffixEntries(dnsSuffix),
    nrptRules,
    xmlSuppressed: suppressionAt(anchorLocal),
    registerDnsXmlSuppressed: registerDnsLocal && suppressionAt(registerDnsLocal),
    nrptXmlSuppressed: nrptLocal.length > 0 ? suppressionAt(nrptLocal[0]) : undefined,
  });

  const native = facts.nativeProfile;
  if (!native || !facts.ikev2Possible) return out;
  const suite = facts.cryptoSuite;
  if (suite) {
    const span = map.span(suite.nameSpan);
    if (!span) return out;
    const values: PolicyValues = {};
    const valueSpans: Partial<Record<SuiteElement, Span>> = {};
    const slots: Partial<Record<SuiteElement, OffsetEdit | null>> = {};
    const valueXmlSuppressed: Partial<Record<SuiteElement, XmlSuppression>> = {};
    for (const name of SUITE_ELEMENTS) {
      const element = firstChild(suite, name);
      if (!element) continue;
      const value = textOf(element).trim();
      // A value the script computes ($variable inside the string) cannot be compared.
      const at = value ? map.span(valueSpan(element, doc.text)) : undefined;
      if (!at) continue;
      values[name] = value;
      valueSpans[name] = at;
      slots[name] = map.edit(replaceValue(doc, element, valuePlaceholder(name))) ?? null;
      valueXmlSuppressed[name] = suppressionAt(valueSpan(element, doc.text));
    }
    out.clients.push({
      kind: 'profile',
      span,
      source: 'profilexml',
      spelling: 'profilexml',
      values,
      valueSpans,
      xmlSuppressed: suppressionAt(suite.nameSpan),
      valueXmlSuppressed,
      alignment: { kind: 'replace-values', slots },
    });
  } else if (options.clientWithoutSuite) {
    out.clients.push({
      kind: 'profile',
      span: anchor,
      source: 'profilexml',
      spelling: 'profilexml',
      valueSpans: {},
      xmlSuppressed: suppressionAt(anchorLocal),
      alignment: insertSuite(doc, native, map),
    });
  }
  return out;
}

/** A CryptographySuite with a line per element, each value a placeholder (align.ts drops the lines a server leaves out). */
function insertSuite(doc: ProfileDocument, native: XmlElement, map: OffsetMap): ClientPolicyFact['alignment'] {
  const lines = SUITE_ELEMENTS.map((name) => `\t<${name}>${valuePlaceholder(name)}</${name}>`);
  const template = ['<CryptographySuite>', ...lines, '</CryptographySuite>'].join('\n');
  const edit = map.edit(insertChild(doc, native, 'CryptographySuite', template, nativeProfileOrder()));
  return edit && { kind: 'insert-suite', edit };
}

function nativeProfileOrder(): string[] {
  const children = schemaIndex().byPath.get('VPNProfile/NativeProfile')?.children;
  return children ? children.map((c) => c.name) : [];
}

/** The facts of a standalone ProfileXML file. */
export function profileFileFacts(doc: ProfileDocument): FactsBody {
  return { ...emptyBody(), ...profileFacts(doc, SAME_OFFSETS, { clientWithoutSuite: true }) };
}
