import { CRYPTO, type SuiteElement } from '../profilexml/crypto';
import { schemaIndex } from '../profilexml/schema';
import { enumValue, findCmdlet, parameterNamed, REGISTRY } from '../powershell/cmdletSchema';
import { normaliseValue, spell } from '../core/spelling';
import type { PolicyValues } from '../workspace/facts';
import { psCommentText, psSingleQuoted } from './powershellText';
import { joinLines, refuse, type GeneratorResult } from './types';

/**
 * The two directions of one IPsec policy (Richard Hicks, "Always On VPN IKEv2 Security Configuration"):
 * - a ProfileXML CryptographySuite → the RRAS command that gives the server the same policy
 *   (`Set-VpnServerConfiguration -CustomPolicy …` and `Restart-Service RemoteAccess -PassThru`,
 *   PowerShell spellings);
 * - a server policy (`Set-VpnServerConfiguration`, values as bound: literal, splatted or piped)
 *   → the CryptographySuite block for the clients (ProfileXML spellings).
 * Spellings are mapped with workspace/policy.ts (schemas/crypto.json): the comparison that
 * ipsec-policy-mismatch makes is the one the generated pair satisfies by construction.
 */

const SERVER_CMDLET = 'Set-VpnServerConfiguration';

/** The parameter order of the server command in Richard Hicks, "Always On VPN IKEv2 Security Configuration": alphabetical, as administrators know it. */
const CMDLET_ORDER: readonly SuiteElement[] = [
  'AuthenticationTransformConstants',
  'CipherTransformConstants',
  'DHGroup',
  'EncryptionMethod',
  'IntegrityCheckMethod',
  'PfsGroup',
];

/** SA lifetimes of that article's later revision; IKEv2 does not negotiate them, so they never cause a mismatch. */
const LIFETIMES = '-SALifeTimeSeconds 28800 -MMSALifeTimeSeconds 86400 -SADataSizeForRenegotiationKilobytes 1024000';

export interface ServerPolicyInput {
  /** The suite's values as written in the profile (ProfileXML spelling); absent elements are not in the suite. */
  values: PolicyValues;
  /** Where the suite comes from, for the script's comment (`client.xml`). */
  sourceLabel?: string;
  /**
   * The profile authenticates IKEv2 with certificates: the script also turns on IKEv2
   * fragmentation on the server ("Always On VPN and IKEv2 Fragmentation"; otherwise server-fragmentation-not-enabled).
   */
  certificateAuthentication?: boolean;
  eol?: string;
}

/** `Set-VpnServerConfiguration -CustomPolicy …` + restart, matching a CryptographySuite. */
export function serverPolicyScript(input: ServerPolicyInput): GeneratorResult {
  const eol = input.eol ?? '\n';
  const cmdlet = findCmdlet(SERVER_CMDLET);
  if (!cmdlet) return refuse(`The ${SERVER_CMDLET} cmdlet is missing from the cmdlet data.`);
  const notes: string[] = [];
  const parameters: string[] = [];
  const missing: SuiteElement[] = [];
  for (const element of CMDLET_ORDER) {
    const written = input.values[element];
    if (written === undefined || written.trim() === '') {
      missing.push(element);
      continue;
    }
    const parameter = parameterNamed(cmdlet, element);
    if (!parameter || !enumValue(parameter, normaliseValue(element, written))) {
      missing.push(element);
      notes.push(
        `${element} "${written.trim()}" is not a value ${SERVER_CMDLET} accepts, so it was left out: correct it in the profile first.`,
      );
      continue;
    }
    parameters.push(`-${element} ${spell(element, written, 'powershell')}`);
  }
  if (parameters.length === 0) return refuse('The CryptographySuite has none of its six values, so there is no policy to give the server.');
  if (missing.length > 0) {
    notes.push(
      `The suite lacks ${missing.join(', ')}: the server policy leaves ${missing.length === 1 ? 'it' : 'them'} out too, and RRAS then uses values that are not documented (ps-partial-custom-policy). Complete the suite and generate again.`,
    );
  }
  const tunnel = parameterNamed(cmdlet, 'TunnelType')?.values?.find((v) => v.name.toLowerCase() === 'ikev2')?.name ?? 'IKEV2';
  const source = input.sourceLabel ? psCommentText(input.sourceLabel) : 'the profile';
  const lines = [
    `# RRAS server: custom IKEv2 IPsec policy equal to the CryptographySuite of ${source}.`,
    '# Clients and server must offer the same six values, or IKEv2 finds no common proposal and',
    '# connections fail with error 13868 (ERROR_IPSEC_IKE_POLICY_MATCH). Run elevated on every VPN server.',
    `${SERVER_CMDLET} -TunnelType ${tunnel} -CustomPolicy \``,
    ...parameters.map((p) => `    ${p} \``),
    `    ${LIFETIMES} -PassThru`,
  ];
  if (input.certificateAuthentication) {
    const fragmentation = REGISTRY.values.find((v) => v.name === 'EnableServerFragmentation');
    if (fragmentation) {
      lines.push(
        '',
        '# The profile authenticates with certificates: large IKE_AUTH messages are otherwise IP-fragmented',
        '# and dropped by many firewalls (error 809). RRAS fragments at the IKE layer once this is 1.',
        `New-ItemProperty -Path ${psSingleQuoted(fragmentation.psPath + '\\')} -Name ${fragmentation.name} -PropertyType DWORD -Value ${fragmentation.expected ?? 1} -Force`,
      );
    }
  }
  lines.push(
    '',
    '# RRAS applies the new settings when the Remote Access service restarts (connected clients are dropped).',
    'Restart-Service RemoteAccess -PassThru',
  );
  return { ok: true, language: 'powershell', text: joinLines(lines, eol), notes };
}

export interface SuiteInput {
  /** The server policy's known values, as written in the script (PowerShell spelling). */
  values: PolicyValues;
  /** Elements whose value the script computes at run time. */
  dynamic?: readonly SuiteElement[];
  eol?: string;
  /** One indentation level (default two spaces). */
  indent?: string;
}

/** A `<CryptographySuite>` block (ProfileXML spellings, suite order) with the server policy's values. */
export function cryptographySuiteBlock(input: SuiteInput): GeneratorResult {
  const eol = input.eol ?? '\n';
  const indent = input.indent ?? '  ';
  const schema = schemaIndex();
  const notes: string[] = [];
  const lines = ['<CryptographySuite>'];
  const missing: SuiteElement[] = [];
  for (const element of CRYPTO.order) {
    const written = input.values[element]?.trim();
    if (!written) {
      if (!input.dynamic?.includes(element)) missing.push(element);
      continue;
    }
    const value = spell(element, written, 'profilexml');
    const def = schema.byPath.get(`VPNProfile/NativeProfile/CryptographySuite/${element}`);
    const allowed = def?.values?.find((v) => v.value.toLowerCase() === value.toLowerCase());
    if (!allowed) {
      notes.push(
        `The server's ${element} ${written} has no ProfileXML equivalent, so the suite leaves ${element} out: a client cannot match this server policy through ProfileXML.`,
      );
      continue;
    }
    lines.push(`${indent}<${element}>${allowed.value}</${element}>`);
  }
  lines.push('</CryptographySuite>');
  if (lines.length === 2)
    return refuse('The server policy has no value that a CryptographySuite can carry (they are computed at run time or missing).');
  if (input.dynamic?.length)
    notes.push(
      `The script computes ${input.dynamic.join(', ')} at run time: fill ${input.dynamic.length === 1 ? 'it' : 'them'} in with the value the server really gets.`,
    );
  if (missing.length)
    notes.push(
      `The server policy does not set ${missing.join(', ')}; the suite cannot name a value the server does not state (incomplete-crypto-suite).`,
    );
  return { ok: true, language: 'xml', text: joinLines(lines, eol), notes };
}
