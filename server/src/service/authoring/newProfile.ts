import { CRYPTO, type SuiteElement } from '../profilexml/crypto';
import {
  EAP_TLS_HOST_CONFIG,
  fillEapTemplate,
  NPS_NAME_PLACEHOLDER,
  PEAP_MSCHAPV2_HOST_CONFIG,
  PEAP_TLS_HOST_CONFIG,
  ROOT_CA_PLACEHOLDER,
} from '../profilexml/eapTemplates';
import { isThumbprint } from '../profilexml/eapConfig';
import { buildNumber, schemaIndex, targetBuild, windowsName, type SchemaIndex } from '../profilexml/schema';
import type { ElementDef } from '../profilexml/schemaTypes';
import { spell } from '../core/spelling';
import type { PolicyValues } from '../workspace/facts';
import type { AuthenticationChoice, NewProfileAnswers, ProtocolChoice, RoutingChoice } from './protocol';
import { joinLines, refuse, type GeneratorResult } from './types';

/**
 * "New Always On VPN profile": the answers to a few questions → a ProfileXML document that the
 * rules accept for those answers (shaped like Richard Hicks' sample user and device profiles).
 *
 * - User tunnel: EAP (PEAP with EAP-TLS inside, EAP-TLS, or PEAP with EAP-MSCHAPv2), IKEv2 or
 *   SSTP, split or force tunnel. Device tunnel: IKEv2, machine certificate, split tunnel only
 *   (the device-tunnel rules): other answers are not asked for and are refused here.
 * - IKEv2 gets a CryptographySuite: the server policy of the workspace when there is one (so
 *   ipsec-policy-mismatch cannot arise), else the baseline of schemas/crypto.json.
 * - Intune deployment: the server listed as `name;name` and `MachineMethod` EAP beside an EAP
 *   user method (rule 21). Children are always written in the model's order, which is the order
 *   Intune needs on Windows 11.
 * - Answers no profile can satisfy on the target Windows are refused with the reason, never
 *   written with a warning: a CryptographySuite needs 1607 (without one IKEv2 offers the weak
 *   built-in proposals), a device tunnel 1709, NativeProtocolType SSTP Windows 11 (the model's
 *   minimum builds). Elements newer than the target are left out when the profile works without them.
 * Placeholders (server name, DNS suffix, networks, root CA, NPS name) are real-looking values
 * unless the answers give them, except the root CA thumbprint: without one the profile keeps a
 * visible placeholder that placeholder-value reports (a made-up thumbprint would trust nothing).
 */

// The answers are part of the client–server contract (protocol.ts); tests and callers import them from here too.
export type { AuthenticationChoice, NewProfileAnswers, ProtocolChoice, RoutingChoice, TunnelChoice } from './protocol';

export const DEFAULT_SERVER = 'vpn.example.com';
export const DEFAULT_DNS_SUFFIX = 'corp.example.com';
export const DEFAULT_ROUTES: readonly string[] = ['10.0.0.0/8'];

const AUTH_LABEL: Record<AuthenticationChoice, string> = {
  'peap-tls': 'PEAP with EAP-TLS (user certificate)',
  'eap-tls': 'EAP-TLS (user certificate)',
  'peap-mschapv2': 'PEAP with EAP-MSCHAPv2 (user name and password)',
  'machine-certificate': 'machine certificate',
};

/** One element to write: a value, children, or raw (already well-formed, tab-relative) content. */
interface Node {
  name: string;
  value?: string;
  children?: Node[];
  raw?: string;
}

export function newProfile(answers: NewProfileAnswers, index: SchemaIndex = schemaIndex(), eol = '\n', indent = '  '): GeneratorResult {
  const build = targetBuild(answers.targetWindows, index);
  if (build === undefined)
    return refuse(
      `"${answers.targetWindows}" is not a Windows release or build this extension knows (for example win11-22h2 or 10.0.22621).`,
    );
  const device = answers.tunnel === 'device';
  const protocol: ProtocolChoice = device ? 'IKEv2' : (answers.protocol ?? 'IKEv2');
  const authentication: AuthenticationChoice = device ? 'machine-certificate' : (answers.authentication ?? 'peap-tls');
  const routing: RoutingChoice = device ? 'split' : (answers.routing ?? 'split');
  if (!device && authentication === 'machine-certificate')
    return refuse('A user tunnel authenticates the user with EAP; the machine certificate alone is for the device tunnel.');
  if (protocol !== 'IKEv2' && protocol !== 'SSTP') return refuse(`Unknown protocol "${String(protocol)}".`);

  const impossible = newProfileObstacle({ tunnel: answers.tunnel, protocol }, build, index);
  if (impossible) return refuse(impossible);

  const notes: string[] = [];
  const available = (path: string): boolean => {
    const min = buildNumber(index.byPath.get(path)?.minBuild);
    return Number.isNaN(min) || min <= build;
  };

  const server = clean(answers.server) || DEFAULT_SERVER;
  const suffix = clean(answers.dnsSuffix) || DEFAULT_DNS_SUFFIX;
  const placeholders: string[] = [];
  if (!clean(answers.server)) placeholders.push(`the VPN server name (${DEFAULT_SERVER})`);
  if (!clean(answers.dnsSuffix)) placeholders.push(`the internal DNS suffix (${DEFAULT_DNS_SUFFIX})`);

  // ---- VPNProfile children
  const root: Node[] = [{ name: 'AlwaysOn', value: 'true' }];
  if (device) {
    root.push({ name: 'DeviceTunnel', value: 'true' });
  }
  root.push({ name: 'DnsSuffix', value: suffix }, { name: 'TrustedNetworkDetection', value: suffix });

  // ---- NativeProfile
  const servers = answers.deployment === 'intune' ? `${server};${server}` : server;
  const native: Node[] = [
    { name: 'Servers', value: servers },
    {
      name: 'RoutingPolicyType',
      value: enumSpelling(index, 'VPNProfile/NativeProfile/RoutingPolicyType', routing === 'split' ? 'SplitTunnel' : 'ForceTunnel'),
    },
    { name: 'NativeProtocolType', value: enumSpelling(index, 'VPNProfile/NativeProfile/NativeProtocolType', protocol) },
  ];

  const auth: Node[] = [];
  if (authentication === 'machine-certificate') {
    auth.push({
      name: 'MachineMethod',
      value: enumSpelling(index, 'VPNProfile/NativeProfile/Authentication/MachineMethod', 'Certificate'),
    });
  } else {
    const eap = enumSpelling(index, 'VPNProfile/NativeProfile/Authentication/UserMethod', 'EAP');
    auth.push({ name: 'UserMethod', value: eap });
    // Intune on Windows 11 needs the EAP machine method beside the user method (rule 21).
    if (answers.deployment === 'intune')
      auth.push({ name: 'MachineMethod', value: enumSpelling(index, 'VPNProfile/NativeProfile/Authentication/MachineMethod', 'EAP') });
    // Copied from the certificate dialog, a thumbprint often carries an invisible left-to-right mark.
    const thumbprint = clean(answers.trustedRootCA).replace(/[\u200E\u200F\u202A-\u202E]/g, '');
    const nps = clean(answers.npsServerNames) || NPS_NAME_PLACEHOLDER;
    if (!clean(answers.npsServerNames)) placeholders.push(`the NPS server name (${NPS_NAME_PLACEHOLDER})`);
    if (!thumbprint) {
      notes.push(
        `The EAP configuration needs the SHA-1 thumbprint of the root CA that issued the NPS server certificate: replace ${ROOT_CA_PLACEHOLDER} (placeholder-value reports it until then).`,
      );
    } else if (!isThumbprint(thumbprint)) {
      notes.push(
        'The root CA thumbprint given is not 40 hexadecimal digits (invalid-thumbprint reports it): use the SHA-1 thumbprint of the root CA.',
      );
    }
    auth.push({
      name: 'Eap',
      children: [{ name: 'Configuration', raw: eapConfiguration(authentication, thumbprint || ROOT_CA_PLACEHOLDER, nps) }],
    });
  }
  native.push({ name: 'Authentication', children: auth });

  if (protocol === 'IKEv2') {
    native.push({ name: 'CryptographySuite', children: suiteNodes(answers.suite) });
    if (answers.suite)
      notes.push("The CryptographySuite carries the VPN server's custom IPsec policy found in the workspace, so clients and server agree.");
  }
  const routes = routing === 'split' ? (answers.routes?.map(clean).filter((r) => r !== '') ?? []) : [];
  if (routing === 'split' && routes.length === 0) {
    routes.push(...DEFAULT_ROUTES);
    placeholders.push(`the internal networks (${DEFAULT_ROUTES.join(', ')})`);
  }
  // Split tunnel: only the routes listed go through the tunnel (not the class-based route of the tunnel address).
  if (routing === 'split' && available('VPNProfile/NativeProfile/DisableClassBasedDefaultRoute'))
    native.push({ name: 'DisableClassBasedDefaultRoute', value: 'true' });
  root.push({ name: 'NativeProfile', children: native });

  for (const route of routes) {
    const [address, prefix] = route.includes('/') ? route.split('/', 2) : [route, route.includes(':') ? '128' : '32'];
    root.push({
      name: 'Route',
      children: [
        { name: 'Address', value: address.trim() },
        { name: 'PrefixSize', value: prefix.trim() },
      ],
    });
  }

  if (placeholders.length) notes.unshift(`Replace the example values with yours: ${placeholders.join(', ')}.`);
  const lines = render({ name: 'VPNProfile', children: root }, index.byPath.get('VPNProfile'), indent, '');
  return { ok: true, language: 'xml', text: joinLines(lines, eol), notes };
}

/** Human-readable summary of the answers, for the new document's title or a message. */
export function describeAnswers(answers: NewProfileAnswers): string {
  const device = answers.tunnel === 'device';
  const protocol = device ? 'IKEv2' : (answers.protocol ?? 'IKEv2');
  const auth = AUTH_LABEL[device ? 'machine-certificate' : (answers.authentication ?? 'peap-tls')];
  const routing = device || (answers.routing ?? 'split') === 'split' ? 'split tunnel' : 'force tunnel';
  return `${device ? 'Device' : 'User'} tunnel, ${protocol}, ${auth}, ${routing}`;
}

/**
 * Why no profile can satisfy these choices on a Windows build, or undefined when one can: the
 * same test decides what the wizard offers (client/src/wizardChoices.ts is checked against it).
 */
export function newProfileObstacle(
  choices: { tunnel: NewProfileAnswers['tunnel']; protocol?: ProtocolChoice },
  build: number,
  index: SchemaIndex = schemaIndex(),
): string | undefined {
  const target = windowsName(`10.0.${build}`, index);
  const tooOld = (minBuild: string | undefined): boolean => !!minBuild && buildNumber(minBuild) > build;
  const device = choices.tunnel === 'device';
  const deviceMin = index.byPath.get('VPNProfile/DeviceTunnel')?.minBuild;
  if (device && tooOld(deviceMin))
    return `A device tunnel needs ${windowsName(deviceMin!, index)} or later; the target is ${target}. Choose a newer target Windows.`;
  const suiteMin = index.byPath.get('VPNProfile/NativeProfile/CryptographySuite')?.minBuild;
  if (tooOld(suiteMin)) {
    return `Profiles for ${target} cannot carry a CryptographySuite (it needs ${windowsName(suiteMin!, index)}), so IKEv2 would use Windows' weak built-in proposals, and SSTP needs Windows 11. Choose ${windowsName(suiteMin!, index)} or later as the target.`;
  }
  const sstpMin = enumMinBuild(index, 'VPNProfile/NativeProfile/NativeProtocolType', 'SSTP');
  if (!device && choices.protocol === 'SSTP' && tooOld(sstpMin)) {
    return `NativeProtocolType SSTP needs ${windowsName(sstpMin!, index)} or later (Windows 10 cannot take it from a ProfileXML); the target is ${target}. Choose IKEv2, or a Windows 11 target.`;
  }
  return undefined;
}

function clean(value: string | undefined): string {
  return (value ?? '').trim();
}

/** The documented spelling of an enumeration value (the model's), falling back to `value`. */
function enumSpelling(index: SchemaIndex, path: string, value: string): string {
  return index.byPath.get(path)?.values?.find((v) => v.value.toLowerCase() === value.toLowerCase())?.value ?? value;
}

function enumMinBuild(index: SchemaIndex, path: string, value: string): string | undefined {
  const def = index.byPath.get(path);
  return def?.values?.find((v) => v.value.toLowerCase() === value.toLowerCase())?.minBuild ?? def?.minBuild;
}

/** The six suite values in ProfileXML spelling: the server's policy where given, the baseline of schemas/crypto.json otherwise. */
function suiteNodes(server: PolicyValues | undefined): Node[] {
  return CRYPTO.order.map((element: SuiteElement) => {
    const written = server?.[element] ?? CRYPTO.baseline[element];
    return { name: element, value: spell(element, written, 'profilexml') };
  });
}

function xmlText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Elements in the model's child order (the Intune / Windows 11 order); unknown names keep their place at the end. */
function render(node: Node, def: ElementDef | undefined, indent: string, prefix: string): string[] {
  if (node.value !== undefined) return [`${prefix}<${node.name}>${xmlText(node.value)}</${node.name}>`];
  const lines = [`${prefix}<${node.name}>`];
  if (node.raw !== undefined) {
    for (const line of node.raw.split('\n')) lines.push(prefix + indent + line.replace(/^\t+/, (tabs) => indent.repeat(tabs.length)));
  }
  const order = def?.children?.map((c) => c.name) ?? [];
  const rank = (n: Node): number => {
    const i = order.indexOf(n.name);
    return i < 0 ? order.length : i;
  };
  const children = [...(node.children ?? [])].sort((a, b) => rank(a) - rank(b));
  for (const child of children)
    lines.push(
      ...render(
        child,
        def?.children?.find((c) => c.name === child.name),
        indent,
        prefix + indent,
      ),
    );
  lines.push(`${prefix}</${node.name}>`);
  return lines;
}

/** The EapHostConfig for a user tunnel, tab-relative, with the server validation filled in. */
function eapConfiguration(method: AuthenticationChoice, thumbprint: string, nps: string): string {
  const template =
    method === 'eap-tls' ? EAP_TLS_HOST_CONFIG : method === 'peap-mschapv2' ? PEAP_MSCHAPV2_HOST_CONFIG : PEAP_TLS_HOST_CONFIG;
  return fillEapTemplate(template, thumbprint, nps);
}
