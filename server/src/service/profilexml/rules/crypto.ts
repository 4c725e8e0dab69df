import { childElements, childrenNamed, firstChild, textOf, valueSpan, type XmlElement } from '../../xml/xmlTree';
import { differingProfileXmlSpelling } from '../../core/spelling';
import { CRYPTO, isWeak, type Suite, type SuiteElement } from '../crypto';
import { insertChild, removeElement, replaceValue } from '../edits';
import { isTrueish } from '../facts';
import { effectiveSeverity } from '../../settings';
import type { Fix, OffsetEdit } from '../../core/findings';
import type { CheckContext, RuleFamily } from './ruleTypes';

/**
 * Protocol and IPsec cryptography (sources: Richard Hicks' Always On VPN articles on IKEv2 security
 * configuration, error 800, IKEv2 fragmentation and protocol recommendations; Microsoft's VPNv2
 * CSP page; profiles from the field). Facts about
 * the suite (baseline, GCM variant, weak values, PowerShell spellings) come from
 * schemas/crypto.json through ../crypto.ts; nothing here restates them.
 */
export const cryptoRules: RuleFamily = {
  family: 'crypto',
  ids: [
    'protocol-list-mismatch',
    'crypto-suite-ignored-automatic',
    'ikev2-default-crypto',
    'weak-crypto',
    'incomplete-crypto-suite',
    'gcm-transform-mismatch',
    'powershell-spelling',
    'crypto-suite-unused',
    'insecure-protocol',
    'legacy-protocol',
    'cleartext-secret',
    'l2tp-psk-unused',
    'ikev2-fragmentation-disabled',
    'native-protocol-type-missing',
  ],
  check(ctx) {
    checkCleartextSecrets(ctx);
    if (!ctx.doc.facts.nativeProfile) return;
    checkProtocolMissing(ctx);
    checkProtocolList(ctx);
    checkProtocol(ctx);
    checkProtocolListEntries(ctx);
    checkSuitePresence(ctx);
    checkSuiteValues(ctx);
    checkL2tpPsk(ctx);
    checkFragmentation(ctx);
  },
};

const SUITE_NAMES: readonly string[] = CRYPTO.order;

function nativeProfileOrder(ctx: CheckContext): string[] {
  return (ctx.schema.byPath.get('VPNProfile/NativeProfile')?.children ?? []).map((c) => c.name);
}

function suiteTemplate(suite: Suite): string {
  return ['<CryptographySuite>', ...CRYPTO.order.map((n) => `\t<${n}>${suite[n]}</${n}>`), '</CryptographySuite>'].join('\n');
}

function describeSuite(suite: Suite): string {
  return CRYPTO.order.map((n) => suite[n]).join(', ');
}

// ---- protocol --------------------------------------------------------------------------

/**
 * NativeProfile without NativeProtocolType: Microsoft's CSP calls the element required for native
 * profiles and documents no default. The fix names the protocol the profile can
 * use: ProtocolList when it has a <ProtocolList> (evidently meant), SSTP when the user signs in
 * with MSChapv2 (not supported with IKEv2, VPNv2 CSP page), IKEv2 otherwise.
 */
function checkProtocolMissing(ctx: CheckContext): void {
  const { facts } = ctx.doc;
  const nativeProfile = facts.nativeProfile;
  if (!nativeProfile || facts.nativeProtocolType) return;
  // A device tunnel or LockDown profile has the same gap reported by device-tunnel-protocol, as an
  // error that also says only IKEv2 works there. One gap, one finding: that rule speaks (unless the
  // user turned it off), this one stays silent.
  if ((facts.isDeviceTunnel || facts.isLockDown) && effectiveSeverity('device-tunnel-protocol', ctx.settings)) return;
  const hasList = childrenNamed(nativeProfile, 'ProtocolList').length > 0;
  const mschap = facts.userMethod?.value.toLowerCase() === 'mschapv2';
  const [protocol, why] = hasList
    ? ['ProtocolList', 'so that Windows uses the <ProtocolList> this profile already has']
    : mschap
      ? ['SSTP', 'because UserMethod MSChapv2 is not supported with IKEv2 (SSTP as an explicit protocol needs Windows 11)']
      : ['IKEv2', 'the protocol for the highest security; the VPN server must accept it'];
  const element = `<NativeProtocolType>${protocol}</NativeProtocolType>`;
  ctx.report({
    ruleId: 'native-protocol-type-missing',
    span: nativeProfile.nameSpan,
    message:
      "NativeProfile does not say which protocol to use (no NativeProtocolType). Microsoft's VPNv2 CSP page calls NativeProtocolType required for native profiles and does not document what Windows does without it. " +
      `Add ${element}, ${why}.`,
    fixes: [
      {
        title: `Add NativeProtocolType ${protocol}`,
        edits: [insertChild(ctx.doc, nativeProfile, 'NativeProtocolType', element, nativeProfileOrder(ctx))],
        preferred: true,
      },
    ],
  });
}

/** `NativeProtocolType` ProtocolList needs the `ProtocolList` element and the other way round (VPNv2 CSP page). */
function checkProtocolList(ctx: CheckContext): void {
  const { facts } = ctx.doc;
  const lists = childrenNamed(facts.nativeProfile, 'ProtocolList');
  const typeElement = facts.nativeProtocolType?.element;
  if (facts.protocol === 'ProtocolList' && lists.length === 0 && typeElement) {
    // Windows is told to work through a list that is not there: an error.
    ctx.report({
      ruleId: 'protocol-list-mismatch',
      span: valueSpan(typeElement, ctx.doc.text),
      message:
        'NativeProtocolType is ProtocolList, but NativeProfile has no <ProtocolList> element saying which protocols to try. ' +
        'Add <ProtocolList> with one <NativeProtocol><Type>Ikev2</Type></NativeProtocol> entry per protocol in order of preference, or name a single protocol here.',
    });
    return;
  }
  // Without any NativeProtocolType, native-protocol-type-missing reports the gap and its fix sets ProtocolList.
  if (lists.length > 0 && facts.nativeProtocolType && facts.protocol !== 'ProtocolList') {
    // An unrecognised NativeProtocolType is invalid-value's business; only speak when the protocol is known.
    if (!facts.protocol) return;
    // The named protocol is used and the list ignored: the profile works, but not as the list suggests.
    for (const list of lists) {
      ctx.report({
        ruleId: 'protocol-list-mismatch',
        severity: 'warning',
        span: list.nameSpan,
        message: `<ProtocolList> only applies when NativeProtocolType is ProtocolList, but NativeProtocolType is ${facts.nativeProtocolType.value}: Windows connects with ${facts.protocol} and ignores this list. Set NativeProtocolType to ProtocolList (Windows 11) if the list is meant, or remove the list.`,
      });
    }
  }
}

function setIkev2Fix(ctx: CheckContext, element: XmlElement): Fix {
  return { title: 'Set NativeProtocolType to IKEv2', edits: [replaceValue(ctx.doc, element, 'IKEv2')], preferred: true };
}

/** PPTP and L2TP (Richard Hicks, "Always On VPN Protocol Recommendations for Windows Server Routing and Remote Access Service (RRAS)"). */
function checkProtocol(ctx: CheckContext): void {
  const { facts } = ctx.doc;
  const type = facts.nativeProtocolType;
  if (!type) return;
  const span = valueSpan(type.element, ctx.doc.text);
  if (facts.protocol === 'PPTP') {
    ctx.report({
      ruleId: 'insecure-protocol',
      span,
      message:
        'PPTP is obsolete and has well-known weaknesses (its MS-CHAPv2 handshake can be cracked offline, which exposes the traffic keys): never use it. ' +
        'Use IKEv2 (or SSTP); the VPN server must accept that protocol and have a suitable certificate.',
      fixes: [setIkev2Fix(ctx, type.element)],
    });
  } else if (facts.protocol === 'L2TP') {
    ctx.report({
      ruleId: 'legacy-protocol',
      span,
      message:
        'L2TP/IPsec is a legacy protocol, usually set up with a shared key, that offers nothing IKEv2 or SSTP lacks. ' +
        'Use IKEv2 or SSTP instead, whichever the VPN server accepts.',
      fixes: [setIkev2Fix(ctx, type.element)],
    });
  }
}

/** Weak protocols by their ProtocolList spelling (the VPNv2 CSP page writes Pptp, L2tp, Ikev2, Sstp; matched in any case). */
const WEAK_LIST_TYPES: Readonly<Record<string, 'insecure-protocol' | 'legacy-protocol'>> = {
  pptp: 'insecure-protocol',
  l2tp: 'legacy-protocol',
};
const STRONG_LIST_TYPES = new Set(['ikev2', 'sstp']);

/**
 * PPTP and L2TP as entries of the ProtocolList that Windows works through (the protocol recommendations above): Windows falls
 * back to them when the protocols before them fail. A list Windows ignores (NativeProtocolType
 * names one protocol) is protocol-list-mismatch's, so its entries are left alone. The fix removes
 * the entry while the list keeps an IKEv2 or SSTP entry; otherwise the first weak entry becomes
 * Ikev2 and the others go, so that applying every fix leaves one good entry.
 */
function checkProtocolListEntries(ctx: CheckContext): void {
  const { facts } = ctx.doc;
  if (facts.protocol !== 'ProtocolList') return;
  const list = firstChild(facts.nativeProfile, 'ProtocolList');
  if (!list) return;
  const entries = childrenNamed(list, 'NativeProtocol').flatMap((entry) => {
    const type = firstChild(entry, 'Type');
    return type ? [{ entry, type, value: textOf(type).trim() }] : [];
  });
  const keepsStrong = entries.some((e) => STRONG_LIST_TYPES.has(e.value.toLowerCase()));
  let firstWeak = true;
  for (const { entry, type, value } of entries) {
    const ruleId = WEAK_LIST_TYPES[value.toLowerCase()];
    if (!ruleId) continue;
    const replace = !keepsStrong && firstWeak;
    firstWeak = false;
    const fix: Fix = replace
      ? { title: `Use Ikev2 instead of ${value} in the ProtocolList`, edits: [replaceValue(ctx.doc, type, 'Ikev2')], preferred: true }
      : { title: `Remove the ${value} entry from the ProtocolList`, edits: [removeElement(ctx.doc, entry)], preferred: true };
    const what =
      ruleId === 'insecure-protocol'
        ? 'PPTP is obsolete and has well-known weaknesses (its MS-CHAPv2 handshake can be cracked offline, which exposes the traffic keys): never use it.'
        : 'L2TP/IPsec is a legacy protocol, usually set up with a shared key, that offers nothing IKEv2 or SSTP lacks.';
    ctx.report({
      ruleId,
      span: valueSpan(type, ctx.doc.text),
      message: `The ProtocolList offers ${value}, so Windows may connect with it when the protocols before it fail. ${what} ${replace ? 'Use Ikev2 in this entry' : 'Remove this entry; the list keeps its other protocols'}.`,
      fixes: [fix],
    });
  }
}

// ---- suite present or absent -----------------------------------------------------------

function checkSuitePresence(ctx: CheckContext): void {
  const { facts } = ctx.doc;
  const suite = facts.cryptoSuite;
  const type = facts.nativeProtocolType;
  if (suite && facts.protocol === 'Automatic' && type) {
    // Richard Hicks, "Always On VPN IKEv2 Connection Failure Error Code 800": the suite is ignored with Automatic; an IKEv2-only server with a custom policy refuses.
    ctx.report({
      ruleId: 'crypto-suite-ignored-automatic',
      span: valueSpan(type.element, ctx.doc.text),
      message:
        'With NativeProtocolType Automatic, Windows ignores the CryptographySuite and offers its default IKEv2 proposals. ' +
        'A VPN server with a custom IPsec policy refuses them (NO_PROPOSAL_CHOSEN) and the connection fails with error 800. ' +
        'Set NativeProtocolType to IKEv2 so that the suite is used (automatic fallback to SSTP is unreliable in practice anyway).',
      fixes: [setIkev2Fix(ctx, type.element)],
    });
    return;
  }
  if (suite && (facts.protocol === 'SSTP' || facts.protocol === 'PPTP')) {
    ctx.report({
      ruleId: 'crypto-suite-unused',
      span: suite.nameSpan,
      message: `CryptographySuite configures IPsec (IKEv2), which ${facts.protocol} does not use: these settings have no effect with NativeProtocolType ${facts.protocol}. Remove the suite, or keep it only if you plan to switch to IKEv2.`,
      fixes: [{ title: 'Remove the CryptographySuite', edits: [removeElement(ctx.doc, suite)], preferred: true }],
    });
    return;
  }
  if (!suite && facts.ikev2Possible) {
    const span = type ? valueSpan(type.element, ctx.doc.text) : facts.nativeProfile!.nameSpan;
    const order = nativeProfileOrder(ctx);
    const automatic =
      facts.protocol === 'Automatic'
        ? ' Note that with Automatic Windows ignores any suite: set IKEv2 as well for the suite to apply.'
        : '';
    ctx.report({
      ruleId: 'ikev2-default-crypto',
      span,
      message:
        "IKEv2 can be used but no CryptographySuite is set, so Windows offers its default IPsec proposals: 3DES, SHA-1 and Diffie-Hellman group 2 (1024-bit), all below today's baseline. " +
        `Add a suite (baseline: ${describeSuite(CRYPTO.baseline)}) and configure the VPN server with the same custom policy, or the connection fails with error 13868.${automatic}`,
      fixes: [
        {
          title: 'Insert the baseline CryptographySuite (AES128, SHA-256, DH group 14)',
          edits: [insertChild(ctx.doc, facts.nativeProfile!, 'CryptographySuite', suiteTemplate(CRYPTO.baseline), order)],
          preferred: true,
        },
        {
          title: 'Insert the GCM/ECP CryptographySuite (GCMAES128, ECP256)',
          edits: [insertChild(ctx.doc, facts.nativeProfile!, 'CryptographySuite', suiteTemplate(CRYPTO.gcmBaseline), order)],
        },
      ],
    });
  }
}

// ---- suite values ----------------------------------------------------------------------

interface SuiteValue {
  name: SuiteElement;
  element: XmlElement;
  value: string;
  /** The value is one of the element's documented values (any case), so invalid-value is quiet about it. */
  known: boolean;
}

/** Every suite child by its element name, in document order (duplicates included). */
function readSuite(ctx: CheckContext, suite: XmlElement): SuiteValue[] {
  const entries: SuiteValue[] = [];
  for (const child of childElements(suite)) {
    if (!SUITE_NAMES.includes(child.localName)) continue;
    const name = child.localName as SuiteElement;
    const value = textOf(child).trim();
    const allowed = ctx.defOf(child)?.values ?? [];
    entries.push({ name, element: child, value, known: allowed.some((v) => v.value.toLowerCase() === value.toLowerCase()) });
  }
  return entries;
}

/** The first occurrence of each element (the one relationship checks read; extras are duplicate-element's). */
function firstOfEach(entries: SuiteValue[]): Map<SuiteElement, SuiteValue> {
  const values = new Map<SuiteElement, SuiteValue>();
  for (const entry of entries) if (!values.has(entry.name)) values.set(entry.name, entry);
  return values;
}

/** `GCMAES128` → `GCMAES128` (canonical), anything else → undefined. */
function gcmTransform(value: string | undefined): string | undefined {
  const m = /^gcmaes(128|192|256)$/i.exec(value ?? '');
  return m ? `GCMAES${m[1]}` : undefined;
}

function partnerOf(name: SuiteElement): SuiteElement | undefined {
  if (name === 'CipherTransformConstants') return 'AuthenticationTransformConstants';
  if (name === 'AuthenticationTransformConstants') return 'CipherTransformConstants';
  return undefined;
}

/** The value to put in place of a weak one: the baseline, or the partner's GCM transform so the ESP pair stays consistent. */
function strongValueFor(name: SuiteElement, values: Map<SuiteElement, SuiteValue>): string {
  const partner = partnerOf(name);
  const partnerGcm = partner ? gcmTransform(values.get(partner)?.value) : undefined;
  return partnerGcm ?? CRYPTO.baseline[name];
}

function checkSuiteValues(ctx: CheckContext): void {
  const suite = ctx.doc.facts.cryptoSuite;
  if (!suite) return;
  const entries = readSuite(ctx, suite);
  const values = firstOfEach(entries);
  const text = ctx.doc.text;

  const unused = ctx.doc.facts.protocol === 'SSTP' || ctx.doc.facts.protocol === 'PPTP';
  for (const entry of entries) {
    const spelling = entry.known ? undefined : differingProfileXmlSpelling(entry.name, entry.value);
    if (spelling) {
      const alsoWeak = isWeak(entry.name, spelling)
        ? ` Note that ${spelling} is itself below the baseline; ${CRYPTO.baseline[entry.name]} is recommended.`
        : '';
      ctx.report({
        ruleId: 'powershell-spelling',
        span: valueSpan(entry.element, text),
        message: `"${entry.value}" is how the PowerShell VPN cmdlets spell this value; ProfileXML's ${entry.name} needs ${spelling}. Windows does not recognise the cmdlet spelling here, so the suite is not applied as written.${alsoWeak}`,
        fixes: [
          { title: `Use the ProfileXML spelling ${spelling}`, edits: [replaceValue(ctx.doc, entry.element, spelling)], preferred: true },
        ],
      });
      continue;
    }
    if (entry.known && !unused && isWeak(entry.name, entry.value)) {
      const replacement = strongValueFor(entry.name, values);
      ctx.report({
        ruleId: 'weak-crypto',
        span: valueSpan(entry.element, text),
        message: `${entry.name} ${entry.value} is below the IPsec baseline (AES-128, SHA-256, DH group 14 or stronger)${weakNote(entry.name, entry.value)}. Use ${replacement}, and give the VPN server's custom IPsec policy the same value, or the connection fails with error 13868.`,
        fixes: [{ title: `Use ${replacement}`, edits: [replaceValue(ctx.doc, entry.element, replacement)], preferred: true }],
      });
    }
  }

  // A suite that SSTP or PPTP never reads is reported once, as crypto-suite-unused.
  if (unused) return;
  checkGcmPair(ctx, values);
  checkCompleteness(ctx, suite, values);
}

function weakNote(name: SuiteElement, value: string): string {
  if (value.toLowerCase() === 'none')
    return name === 'PfsGroup' ? ': None turns perfect forward secrecy off' : ': None means no protection at this step';
  return '';
}

/** ESP cipher and integrity should agree on GCM (Richard Hicks' sample user profile; Richard Hicks, "Always On VPN IKEv2 Security Configuration"). */
function checkGcmPair(ctx: CheckContext, values: Map<SuiteElement, SuiteValue>): void {
  const cipher = values.get('CipherTransformConstants');
  const auth = values.get('AuthenticationTransformConstants');
  if (!cipher || !auth || !cipher.known || !auth.known) return;
  const cipherGcm = gcmTransform(cipher.value);
  const authGcm = gcmTransform(auth.value);
  if (!cipherGcm && !authGcm) return;
  if (cipherGcm && authGcm && cipherGcm === authGcm) return;
  // The side to change: the integrity transform when the cipher is GCM, else the cipher.
  const [target, reference, wanted] = cipherGcm ? [auth, cipher, cipherGcm] : [cipher, auth, authGcm!];
  if (isWeak(target.name, target.value)) return; // weak-crypto already offers the aligned value
  ctx.report({
    ruleId: 'gcm-transform-mismatch',
    span: valueSpan(target.element, ctx.doc.text),
    message:
      `${reference.name} is ${reference.value} but ${target.name} is ${target.value}. GCM encrypts and authenticates in one step, so the ESP cipher and integrity transforms are normally set to the same GCMAES value; ` +
      `this is field practice (every working GCM sample does it) rather than a documented hard failure, but mixed pairs are a known source of proposals the server refuses. Use ${wanted} here, with the same values on the server.`,
    fixes: [{ title: `Use ${wanted}`, edits: [replaceValue(ctx.doc, target.element, wanted)], preferred: true }],
  });
}

/** A suite without all six values leaves the rest to undocumented defaults (Richard Hicks, "Always On VPN IKEv2 Security Configuration"). */
function checkCompleteness(ctx: CheckContext, suite: XmlElement, values: Map<SuiteElement, SuiteValue>): void {
  const present = new Set<string>();
  for (const child of childElements(suite)) {
    const meant = SUITE_NAMES.find(
      (n) =>
        n === child.localName || n.toLowerCase() === child.localName.toLowerCase() || ctx.schema.misspellings.get(child.localName) === n,
    );
    if (meant) present.add(meant);
  }
  const missing = CRYPTO.order.filter((n) => !present.has(n));
  if (missing.length === 0) return;
  const usesGcm = !!(
    gcmTransform(values.get('CipherTransformConstants')?.value) ?? gcmTransform(values.get('AuthenticationTransformConstants')?.value)
  );
  const source = usesGcm ? CRYPTO.gcmBaseline : CRYPTO.baseline;
  const fill = (name: SuiteElement): string => {
    const partner = partnerOf(name);
    return (partner && gcmTransform(values.get(partner)?.value)) ?? source[name];
  };
  // Runs of adjacent missing names go in as one insertion so they stay in order.
  const edits: OffsetEdit[] = [];
  let run: SuiteElement[] = [];
  const flush = (): void => {
    if (run.length === 0) return;
    const template = run.map((n) => `<${n}>${fill(n)}</${n}>`).join('\n');
    edits.push(insertChild(ctx.doc, suite, run[0], template, SUITE_NAMES));
    run = [];
  };
  for (const name of CRYPTO.order) {
    if (present.has(name)) flush();
    else run.push(name);
  }
  flush();
  ctx.report({
    ruleId: 'incomplete-crypto-suite',
    span: suite.nameSpan,
    message:
      `CryptographySuite lacks ${missing.join(', ')}. The values Windows uses for missing entries are not documented and may be the weak defaults, ` +
      `and the VPN server's custom policy must match all six or the connection fails with error 13868. Set all six explicitly.`,
    fixes: [{ title: `Add ${missing.join(', ')} with ${usesGcm ? 'GCM baseline' : 'baseline'} values`, edits, preferred: true }],
  });
}

// ---- secrets, L2TP key, fragmentation --------------------------------------------------

function checkCleartextSecrets(ctx: CheckContext): void {
  const { text } = ctx.doc;
  const psk = firstChild(ctx.doc.facts.nativeProfile, 'L2tpPsk');
  if (psk && textOf(psk).trim()) {
    ctx.report({
      ruleId: 'cleartext-secret',
      span: valueSpan(psk, text),
      message:
        'L2tpPsk holds the pre-shared key in clear text. Anyone who can read the profile can read it: the Intune policy, the copy Windows caches in the registry, the WMI bridge, scripts and source control. ' +
        'Prefer certificate authentication (IKEv2); if a key is unavoidable, keep this file out of shared storage.',
    });
  }
  const password = firstChild(firstChild(ctx.root, 'APNBinding'), 'Password');
  if (password && textOf(password).trim()) {
    ctx.report({
      ruleId: 'cleartext-secret',
      span: valueSpan(password, text),
      message:
        'APNBinding/Password stores a password in clear text in the profile, readable wherever the profile is stored or deployed (Intune, registry cache, WMI, scripts). Leave it out unless the mobile operator requires it.',
    });
  }
}

/** `L2tpPsk` is the key of an L2TP connection (VPNv2 CSP page). Automatic may still pick L2TP, so it is quiet there. */
function checkL2tpPsk(ctx: CheckContext): void {
  const { facts } = ctx.doc;
  const psk = firstChild(facts.nativeProfile, 'L2tpPsk');
  if (!psk || !facts.protocol || facts.protocol === 'L2TP' || facts.protocol === 'Automatic') return;
  if (facts.protocol === 'ProtocolList') {
    const list = firstChild(facts.nativeProfile, 'ProtocolList');
    const types = list
      ? childElements(list).map((p) =>
          textOf(firstChild(p, 'Type') ?? p)
            .trim()
            .toLowerCase(),
        )
      : [];
    if (types.includes('l2tp')) return;
  }
  ctx.report({
    ruleId: 'l2tp-psk-unused',
    span: psk.nameSpan,
    message: `L2tpPsk is only used by L2TP, and this profile connects with ${facts.protocol}: the key is never used but still travels in clear text with the profile. Remove it.`,
    fixes: [{ title: 'Remove L2tpPsk', edits: [removeElement(ctx.doc, psk)], preferred: true }],
  });
}

/** Richard Hicks, "Always On VPN and IKEv2 Fragmentation": large certificate IKE_AUTH messages need IKEv2 fragmentation, or firewalls drop them (error 809). */
function checkFragmentation(ctx: CheckContext): void {
  const { facts } = ctx.doc;
  const disable = firstChild(ctx.root, 'DisableIKEv2Fragmentation');
  if (!disable || !facts.ikev2Possible) return;
  if (!facts.certificateAuthentication) return;
  const value = { value: textOf(disable).trim(), element: disable };
  if (!isTrueish(value)) return;
  ctx.report({
    ruleId: 'ikev2-fragmentation-disabled',
    span: valueSpan(disable, ctx.doc.text),
    message:
      'DisableIKEv2Fragmentation is true while the profile authenticates with certificates. Certificate IKE_AUTH messages are large; without IKEv2 fragmentation they are split into IP fragments, ' +
      'which many firewalls and carrier networks drop, and the connection fails with error 809 ("the remote server is not responding"). Set it to false (the default) and enable fragmentation on the server.',
    fixes: [{ title: 'Set DisableIKEv2Fragmentation to false', edits: [replaceValue(ctx.doc, disable, 'false')], preferred: true }],
  });
}
