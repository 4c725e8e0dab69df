import { childElements, firstChild, textOf, walkElements, type XmlElement } from '../xml/xmlTree';

/**
 * Navigation inside `Eap/Configuration/EapHostConfig` (Microsoft's EAP configuration page). EAP
 * elements come with default `xmlns` declarations or with prefixes (`baseEap:Eap`), so
 * everything here matches by local name; the namespace URIs themselves are checked by
 * eapNamespaces.ts.
 */

/** `Eap/Configuration` of the profile's Authentication element. */
export function eapConfigurationOf(eap: XmlElement | undefined): XmlElement | undefined {
  return firstChild(eap, 'Configuration');
}

/** The `EapHostConfig` element inside `Configuration`, when it is written as XML. */
export function hostConfigOf(configuration: XmlElement | undefined): XmlElement | undefined {
  return firstChild(configuration, 'EapHostConfig');
}

/**
 * True when `Configuration` carries the EapHostConfig as entity-escaped text
 * (`&lt;EapHostConfig ...&gt;`). That is how the standalone CSP node `Eap/Configuration` takes
 * its value (the VPNv2 CSP page: its value is the HTML-encoded XML), and real profiles embed it
 * that way; it is text to this parser, so the EAP checks cannot look inside, but it is not missing.
 */
export function holdsEscapedHostConfig(configuration: XmlElement): boolean {
  return /<\s*(?:[\w.-]+:)?EapHostConfig[\s>/]/.test(textOf(configuration));
}

/** EAP methods that run inside a TLS tunnel and therefore authenticate the server (§4.2). */
const TLS_BASED_TYPES = new Set([13, 21, 25, 55]);

export interface OuterMethod {
  /** EAP type number from `EapMethod/Type`, else from `Config/Eap/Type`. */
  type?: number;
  /** The element holding the outer method's settings (`Config/Eap/EapType`, or `Config/EapTtls` and the like). */
  settings?: XmlElement;
  /** True for TLS-based methods (EAP-TLS, PEAP, EAP-TTLS, TEAP), which validate the server. */
  validatesServer: boolean;
}

/** The outer (first) EAP method of an EapHostConfig: the one whose settings face the server. */
export function outerMethodOf(host: XmlElement): OuterMethod {
  const config = firstChild(host, 'Config');
  const first = config ? childElements(config)[0] : undefined;
  let settings: XmlElement | undefined;
  let typeText: string | undefined;
  if (first && first.localName === 'Eap') {
    settings = firstChild(first, 'EapType');
    const t = firstChild(first, 'Type');
    if (t) typeText = textOf(t);
  } else {
    settings = first;
  }
  const methodType = firstChild(firstChild(host, 'EapMethod'), 'Type');
  if (methodType) typeText = textOf(methodType);
  const type = typeText !== undefined && /^\s*\d+\s*$/.test(typeText) ? Number(typeText) : undefined;
  return { type, settings, validatesServer: type !== undefined && TLS_BASED_TYPES.has(type) };
}

/** Every element below `container` (not itself) with one of the local names. */
export function descendantsNamed(container: XmlElement, names: readonly string[]): XmlElement[] {
  const out: XmlElement[] = [];
  walkElements(container, (e) => {
    if (e !== container && names.includes(e.localName)) out.push(e);
  });
  return out;
}

/** A SHA-1 thumbprint as Windows accepts it: 40 hex digits, single spaces allowed between byte pairs. */
export function isThumbprint(value: string): boolean {
  return /^[0-9a-fA-F]{2}(?: ?[0-9a-fA-F]{2}){19}$/.test(value);
}

/** Marks the two places a skeleton leaves for the administrator (reported by invalid-thumbprint until filled in). */
// The quick fix of eap-configuration-missing inserts the product's PEAP / EAP-TLS template.
export { PEAP_TLS_HOST_CONFIG as EAP_SKELETON, NPS_NAME_PLACEHOLDER, ROOT_CA_PLACEHOLDER } from './eapTemplates';

/** Wraps a tab-relative template in an element, one level deeper. */
export function wrapTemplate(name: string, inner: string): string {
  return [`<${name}>`, ...inner.split('\n').map((l) => `\t${l}`), `</${name}>`].join('\n');
}

/**
 * Does the EAP configuration authenticate with certificates (an EAP-TLS method, type 13, as the
 * outer method or inside PEAP)? Reads `Type` elements wherever they are and, for a configuration
 * written entity-escaped, the decoded text.
 */
export function eapUsesCertificates(eap: XmlElement | undefined): boolean {
  const configuration = eapConfigurationOf(eap);
  if (!configuration) return false;
  if (descendantsNamed(configuration, ['Type']).some((t) => textOf(t).trim() === '13')) return true;
  return /<(?:[\w.-]+:)?Type(?:\s[^>]*)?>\s*13\s*</.test(textOf(configuration));
}
