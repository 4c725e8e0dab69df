// What "New Always On VPN profile" offers for each answer so far. Pure (no vscode API), so a unit
// test can hold it to the generator: everything offered is accepted and comes out without a
// finding, everything held back is what the generator refuses (server/src/service/authoring/newProfile.ts).
import type { ProtocolChoice, TunnelChoice } from '../../server/src/service/authoring/protocol';

/**
 * The oldest release each kind of profile can be written for, by release id: a user tunnel needs
 * a CryptographySuite (Windows 10 1607), a device tunnel Windows 10 1709.
 */
const FIRST_RELEASE: Record<TunnelChoice, string> = { user: 'win10-1607', device: 'win10-1709' };

/** Releases (ids in ascending order, as the target setting lists them) a tunnel can target. */
export function targetsFor(tunnel: TunnelChoice, releases: readonly string[]): string[] {
  const first = releases.indexOf(FIRST_RELEASE[tunnel]);
  return first < 0 ? [...releases] : releases.slice(first);
}

/** Protocols a user tunnel can use on a target: SSTP only on Windows 11 (release ids win11-…). */
export function protocolsFor(target: string): ProtocolChoice[] {
  return /^win11-/i.test(target) ? ['IKEv2', 'SSTP'] : ['IKEv2'];
}
