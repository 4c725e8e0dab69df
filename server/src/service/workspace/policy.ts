import { normaliseValue, type SuiteElement } from '../core/spelling';
import { CRYPTO } from '../profilexml/crypto';
import type { FileFacts, PolicyValues, ServerPolicyFact } from './facts';

/**
 * Comparing IPsec policies across files: PowerShell (`Set-VpnServerConfiguration`,
 * `Set-VpnConnectionIPsecConfiguration`) and ProfileXML (`CryptographySuite`) name the same
 * algorithms differently in two places (Microsoft's Set-VpnConnectionIPsecConfiguration and VPNv2
 * CSP pages: GCMAES128 = AES_GCM_128, GCMAES256 = AES_GCM_256 for EncryptionMethod, SHA1 = SHA196 for
 * IntegrityCheckMethod; everything else is the same token, case-insensitively). Values are
 * compared in the normal form of core/spelling.ts, the one spelling map.
 */

export const SUITE_ELEMENTS: readonly SuiteElement[] = CRYPTO.order;

/** Elements that shape the IKE SA (main mode): a difference there fails the connection at once. */
const IKE_ELEMENTS: ReadonlySet<SuiteElement> = new Set<SuiteElement>(['EncryptionMethod', 'IntegrityCheckMethod', 'DHGroup']);

/**
 * PfsGroup names of the DH groups (MS-WFP IPSEC_PFS_GROUP: PFS2048 is group 14, PFS24 group 24),
 * so that `PFSMM` ("same group as the main mode") compares as the group it stands for
 * (Microsoft's Set-VpnServerConfiguration page documents PFSMM without saying more; treating the
 * two as equal is not confirmed by any source, it only avoids reporting a difference that may not
 * be one).
 */
const PFS_OF_DH_GROUP: Readonly<Record<string, string>> = {
  group1: 'pfs1',
  group2: 'pfs2',
  group14: 'pfs2048',
  ecp256: 'ecp256',
  ecp384: 'ecp384',
  group24: 'pfs24',
};

/** The DH group Windows clients offer without a custom policy (Richard Hicks, "Always On VPN IKEv2 Security Configuration"). */
export const CLIENT_DEFAULT_DH_GROUP = 'group2';

/** Normalised values, with PFSMM resolved to the policy's own DH group when it is known. */
export function comparable(values: PolicyValues): PolicyValues {
  const out: PolicyValues = {};
  for (const element of SUITE_ELEMENTS) {
    const v = values[element];
    if (v !== undefined) out[element] = normaliseValue(element, v);
  }
  if (out.PfsGroup === 'pfsmm' && out.DHGroup && PFS_OF_DH_GROUP[out.DHGroup]) out.PfsGroup = PFS_OF_DH_GROUP[out.DHGroup];
  return out;
}

export interface Difference {
  element: SuiteElement;
  /** As written on each side. */
  client: string;
  server: string;
}

/** Elements known on both sides whose values differ after normalisation, in the suite order. */
export function differences(client: PolicyValues, server: PolicyValues): Difference[] {
  const a = comparable(client);
  const b = comparable(server);
  const out: Difference[] = [];
  for (const element of SUITE_ELEMENTS) {
    if (a[element] === undefined || b[element] === undefined) continue;
    if (a[element] !== b[element]) out.push({ element, client: client[element]!, server: server[element]! });
  }
  return out;
}

/** A stable key of a policy's normalised values (to tell different server policies apart). */
export function policyKey(values: PolicyValues): string {
  const c = comparable(values);
  return SUITE_ELEMENTS.map((e) => `${e}=${c[e] ?? '?'}`).join(';');
}

/** A server policy and the file it is in. */
export interface ServerPolicyAt {
  file: FileFacts;
  policy: ServerPolicyFact;
}

/** Server policies with at least one known value, one per distinct set of values, in URI and text order. */
export function distinctServerPolicies(files: readonly FileFacts[]): ServerPolicyAt[] {
  const seen = new Set<string>();
  const out: ServerPolicyAt[] = [];
  for (const file of files) {
    for (const policy of file.serverPolicies) {
      if (Object.keys(policy.values).length === 0) continue;
      const key = policyKey(policy.values);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ file, policy });
    }
  }
  return out;
}

export function isIkeElement(element: SuiteElement): boolean {
  return IKE_ELEMENTS.has(element);
}
