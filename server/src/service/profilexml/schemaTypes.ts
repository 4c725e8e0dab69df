/**
 * Shape of `schemas/profilexml.json`: the single model of ProfileXML that validation,
 * completion, hover, the generated XSD and the README read. Facts live in the JSON file;
 * this file only names their shape.
 */

/** How the text of an element is checked. Formats with structure have their own rule ids. */
export type ValueType =
  | 'boolean' // lower-case true/false only (the Always On VPN tutorial insists on lower case)
  | 'string' // any text
  | 'enum' // one of `values`
  | 'integer' // whole number within minimum/maximum
  | 'serverList' // NativeProfile/Servers: comma-separated address[;friendlyName]
  | 'urlList' // PluginProfile/ServerUrlList: semicolon-separated
  | 'dnsNameList' // DnsSuffix, TrustedNetworkDetection: comma-separated DNS names
  | 'domainName' // DomainNameInformation/DomainName: FQDN, .suffix or "."
  | 'ipAddressList' // DnsServers: comma-separated IP addresses
  | 'ipAddress' // Route/Address
  | 'addressRanges' // Local/RemoteAddressRanges: IP, CIDR or first-last, comma-separated
  | 'portRanges' // Local/RemotePortRanges: ports and low-high, comma-separated
  | 'hostPort' // Proxy/Manual/Server and WebProxyServers: host[:port]
  | 'url' // Proxy/AutoConfigUrl
  | 'thumbprintList' // Sso/IssuerHash: 40 hex digits each, comma or semicolon separated
  | 'oidList' // Sso/Eku: comma-separated OIDs
  | 'none' // container element with child elements only
  | 'any'; // opaque content (EAP configuration, plug-in CustomConfiguration)

export interface EnumValue {
  /** Exact documented spelling. */
  value: string;
  /** One line in our words. */
  doc: string;
  /** Minimum Windows build (e.g. "10.0.22000") when the value needs a newer Windows than the element. */
  minBuild?: string;
  /** Marked weak/insecure: shown with a deprecation hint in completion. */
  weak?: boolean;
  /**
   * Other spellings of this value that working profiles in the field use (e.g. `Ikev2` for
   * `IKEv2`, written by a widely used profile generator): the validator notes them as
   * `non-canonical-value`, the generated XSD accepts them.
   */
  aliases?: string[];
  /**
   * Spellings that Microsoft's own examples use and that deployed profiles prove (e.g. `Eap` for
   * `UserMethod` `EAP`): as good as `value`. The validator is silent on them, the XSD accepts them.
   */
  exampleSpellings?: string[];
  /**
   * Set when Microsoft's documented list of values for the element does not contain this value
   * (it is known from examples or the field only): where it comes from, in plain words. Messages
   * and hover never call such a value "documented".
   */
  undocumented?: string;
}

export interface ElementDef {
  name: string;
  /** One-line documentation in our words (markdown allowed). */
  doc: string;
  /** Longer notes for hover: behaviour, field advice, caveats (markdown). */
  notes?: string;
  minOccurs: number;
  /** Use -1 for unbounded. */
  maxOccurs: number;
  type: ValueType;
  values?: EnumValue[];
  /**
   * Evidence, in plain words, that Windows reads this enumeration without regard to case (e.g.
   * `UserMethod`: `EAP`, `Eap` and `Mschapv2` all work in deployed profiles). Other case variants
   * are then only noted (`non-canonical-value`) and the generated XSD accepts any case.
   */
  caseInsensitive?: string;
  minimum?: number;
  maximum?: number;
  /** Behaviour when absent, in words or as the effective value. */
  default?: string;
  /** Minimum Windows build, "10.0.NNNNN". Absent = every VPNv2 version (10.0.10586). */
  minBuild?: string;
  /** Where the fact comes from: names and URLs of public pages. */
  source: string[];
  /** Facts no source confirms, or that sources disagree on: never reported as errors. */
  unverified?: string;
  /** Only valid in a ./Device profile (DeviceTunnel, LockDown) or ./User profile. */
  scope?: 'device' | 'user';
  /** Not in Microsoft's XSD (only in the VPNv2 CSP node list or in the field): the strict XSD still includes it. */
  notInOfficialXsd?: boolean;
  /** Other spellings people write (CSP node names, wrong case) that mean this element. */
  misspellings?: string[];
  /**
   * No field-proven position in the Intune/Windows 11 order (Richard Hicks' sample profiles): the order rule
   * leaves it where it is.
   */
  orderUnverified?: boolean;
  /**
   * Other spellings that appear in Microsoft's own examples and may well work: accepted as this
   * element, with a non-canonical note (e.g. RetryTimeinHours).
   */
  acceptedSpellings?: string[];
  /**
   * A CSP node Windows only reports (Get-only in Microsoft's CSP) and never takes from a profile:
   * what Windows derives it from, in plain words. Reported as `read-only-element`, never offered
   * by completion; the generated XSD still accepts it, since real profiles carry it.
   */
  readOnly?: string;
  /** Child elements, in the recommended order (the Intune/Windows 11 field order where known). */
  children?: ElementDef[];
  /** Snippet body (VS Code snippet syntax) inserted by completion for this element. */
  snippet?: string;
}

export interface ProfileXmlSchema {
  /** Windows builds with their marketing names, used in hover and the target setting. */
  windowsBuilds: { build: string; name: string; id: string }[];
  root: ElementDef;
}
