import { localPart } from '../xml/prolog';

/** The root element of every profile (VPNv2 CSP: ProfileXML has no namespace and one root). */
export const ROOT_NAME = 'VPNProfile';

const LOWER_ROOT = ROOT_NAME.toLowerCase();

/**
 * How a root element's name relates to `VPNProfile`: the name itself, a near miss that is meant
 * as the profile root (`VpnProfile`, `vpnprofile`, `VPNProfiles`, `VPN_Profile`, `VPNPrfoile`:
 * another case, or one letter added, dropped, changed or swapped), or something else. Windows
 * rejects a near miss (XML names are case-sensitive), so such a file is a broken profile to
 * report, never "not ProfileXML" to skip. One edit is the limit on purpose: `AzVpnProfile` (the
 * Azure VPN Client's own profile format) is two edits away and is not a ProfileXML root.
 */
export function rootNameKind(name: string): 'exact' | 'near-miss' | undefined {
  const local = localPart(name);
  if (local === ROOT_NAME) return 'exact';
  const lower = local.toLowerCase();
  if (lower === LOWER_ROOT) return 'near-miss';
  return Math.abs(lower.length - LOWER_ROOT.length) <= 1 && withinOneEdit(lower, LOWER_ROOT) ? 'near-miss' : undefined;
}

/** The name is `VPNProfile` or a near miss of it (see rootNameKind). */
export function isProfileRootName(name: string): boolean {
  return rootNameKind(name) !== undefined;
}

/** One insertion, deletion, substitution or swap of neighbours turns `a` into `b` (or none). */
function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
