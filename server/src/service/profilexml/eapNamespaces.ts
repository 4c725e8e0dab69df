import { editDistance } from './structure';

/**
 * EAP configuration namespaces. Windows compares these URIs character for character: an
 * `https://` or a missing version suffix makes the EAP XML unreadable on the device although
 * every XML checker accepts it (MicrosoftDocs/windowsserverdocs pull request 4329, and the issues it fixed).
 */

const PREFIX = 'http://www.microsoft.com/provisioning/';

/** Last path segments of the namespaces of Microsoft's EAP configuration page and the Win32 EAPHost schemas. */
const DOCUMENTED = [
  'EapHostConfig',
  'EapCommon',
  'BaseEapConnectionPropertiesV1',
  'MsPeapConnectionPropertiesV1',
  'MsPeapConnectionPropertiesV2',
  'EapTlsConnectionPropertiesV1',
  'EapTlsConnectionPropertiesV2',
  'EapTlsConnectionPropertiesV3',
  'MsChapV2ConnectionPropertiesV1',
];

/**
 * Real Windows namespaces outside §4.1 (seen in Windows exports and WLAN profiles: PEAP V3's
 * AllowPromptingWhenServerCANotFound, EAP-TTLS, EAP-SIM). Listed only so that they are never
 * mistaken for typos of the documented ones (EapTtls is one letter away from EapTls).
 */
const ALSO_REAL = ['MsPeapConnectionPropertiesV3', 'EapTtlsConnectionPropertiesV1', 'EapSimConnectionPropertiesV1'];

const KNOWN_SEGMENTS = [...DOCUMENTED, ...ALSO_REAL];
export const KNOWN_EAP_NAMESPACES: readonly string[] = KNOWN_SEGMENTS.map((s) => PREFIX + s);

/**
 * Which version of a versioned namespace an element belongs to (§4.1), to pick the right one
 * when the version suffix is missing. Elements not listed belong to V1.
 */
const VERSION_HOMES: Record<string, string> = {
  PerformServerValidation: 'V2',
  AcceptServerName: 'V2',
  TLSExtensions: 'V2',
  PeapExtensionsV2: 'V2',
  FilteringInfo: 'V3',
  AllowPromptingWhenServerCANotFound: 'V3',
};

export interface NamespaceProblem {
  /** The exact URI to use. */
  suggestion: string;
  /** What is wrong, in words, for the message. */
  reasons: string[];
}

function splitVersion(segment: string): { base: string; version?: string } {
  const m = /^([\s\S]*?)(V\d*)?$/.exec(segment)!;
  return { base: m[1], version: m[2] };
}

/**
 * Checks one namespace URI written in an EAP configuration. Returns undefined when the URI is
 * a known one, or when it is not meant to be a Microsoft provisioning namespace at all (xsi,
 * a third-party EAP method), or when it is a well-formed Microsoft URI for a method or version
 * this product does not know (never an error: it may be newer than our reference).
 * `localNames` are the elements the declaration applies to (for choosing a version).
 */
export function checkEapNamespace(uri: string, localNames: readonly string[]): NamespaceProblem | undefined {
  if (KNOWN_EAP_NAMESPACES.includes(uri)) return undefined;
  const trimmed = uri.trim();
  const nearest = Math.min(...KNOWN_EAP_NAMESPACES.map((k) => editDistance(trimmed.toLowerCase(), k.toLowerCase())));
  const oursByName = /microsoft/i.test(trimmed) && /provisioning/i.test(trimmed);
  if (!oursByName && nearest > 6) return undefined;

  const reasons: string[] = [];
  if (trimmed !== uri) reasons.push('it has spaces around it');
  // A line break inside the URI (a value wrapped by an editor or a script) is still one URI: read
  // it across lines, so that the suggestion replaces its last segment instead of prefixing it all.
  const m = /^([A-Za-z]+):\/\/([^/]*)\/([\s\S]*?)\/*$/.exec(trimmed);
  const scheme = m ? m[1] : '';
  const host = m ? m[2] : '';
  // Not a URI (a line break or other junk inside): the part after the last slash is still the
  // method's name; taking the whole text would put the prefix in front of a prefix.
  const path = m ? m[3].split('/') : trimmed.split('/');
  const segment = path[path.length - 1];
  const directory = path.slice(0, -1).join('/');
  if (m && scheme.toLowerCase() === 'https') reasons.push('it uses https:// where Windows expects http://');
  else if (m && scheme !== 'http') reasons.push(`it starts with ${scheme}:// instead of http://`);
  if (m && host.toLowerCase() !== 'www.microsoft.com') reasons.push(`the host must be www.microsoft.com, not ${host}`);
  else if (m && host !== 'www.microsoft.com') reasons.push('the host must be written in lower case');
  if (m && directory !== 'provisioning')
    reasons.push(
      directory.toLowerCase() === 'provisioning'
        ? 'the path must read /provisioning/ in lower case'
        : `the path must be /provisioning/, not /${directory}/`,
    );
  if (!m) reasons.push(`it is not a full http://www.microsoft.com/provisioning/ URI`);
  if (/\/$/.test(trimmed)) reasons.push('it ends with a slash');

  const { segment: fixedSegment, reason } = correctSegment(segment, localNames);
  if (reason) reasons.push(reason);
  if (reasons.length === 0) return undefined;
  return { suggestion: PREFIX + fixedSegment, reasons };
}

/** The known segment the author meant, or the segment itself when it is unknown but plausible. */
function correctSegment(segment: string, localNames: readonly string[]): { segment: string; reason?: string } {
  if (KNOWN_SEGMENTS.includes(segment)) return { segment };
  const caseMatch = KNOWN_SEGMENTS.find((k) => k.toLowerCase() === segment.toLowerCase());
  if (caseMatch) return { segment: caseMatch, reason: `the name is ${caseMatch} (letter case matters)` };
  const { base, version } = splitVersion(segment);
  const sameBase = KNOWN_SEGMENTS.filter((k) => splitVersion(k).base.toLowerCase() === base.toLowerCase());
  if (sameBase.length > 0 && (!version || version === 'V')) {
    const chosen = pickVersion(sameBase, localNames);
    return { segment: chosen, reason: `the version suffix is missing (${chosen})` };
  }
  if (sameBase.length > 0 && version && sameBase.every((k) => !splitVersion(k).version)) {
    return { segment: sameBase[0], reason: `${sameBase[0]} has no version suffix` };
  }
  if (sameBase.length > 0 && sameBase.some((k) => splitVersion(k).base === base)) {
    // A version we do not know (say V4): may be newer than our reference, so not a typo.
    return { segment };
  }
  const endsWithKnown = KNOWN_SEGMENTS.find((k) => segment.length > k.length && segment.endsWith(k));
  if (endsWithKnown)
    return { segment: endsWithKnown, reason: `${segment} is not a Windows namespace; the EAP method's namespace is ${endsWithKnown}` };
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of KNOWN_SEGMENTS) {
    const d = editDistance(segment.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  if (best && bestDistance <= 2) return { segment: best, reason: `${segment} looks like a typo of ${best}` };
  // Unknown method name: keep it (only the prefix, if wrong, is corrected).
  return { segment };
}

function pickVersion(candidates: string[], localNames: readonly string[]): string {
  const wanted = localNames.map((n) => VERSION_HOMES[n]).find(Boolean) ?? 'V1';
  return candidates.find((c) => splitVersion(c).version === wanted) ?? candidates.sort()[0];
}
