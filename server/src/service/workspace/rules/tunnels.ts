import { sharedDeployment } from '../deployment';
import type { ProfileFact } from '../facts';
import type { ProfileAt } from '../summary';
import { listPlaces, whereIs } from '../places';
import type { WorkspaceCheckContext, WorkspaceRuleFamily } from './ruleTypes';

/**
 * A device tunnel and a user tunnel of one deployment (deployment.ts: same VPN server or DNS
 * suffix) deployed side by side:
 * - register-dns-both-tunnels: both set RegisterDNS. Richard Hicks' sample user tunnel says to
 *   use the setting "on one connection or the other, not both" when deployed with a device
 *   tunnel; his sample device tunnel says it "should only be defined on the device tunnel" then.
 *   Reported on every RegisterDNS=true of the validated file that has such a counterpart.
 * - nrpt-on-device-tunnel: the device tunnel has NRPT rules (DomainNameInformation). Microsoft's
 *   device tunnel page: with a user tunnel and a device tunnel on one system, the NRPT can be
 *   used only on the user tunnel. Reported once per device tunnel profile, at its first rule.
 * The counterpart may be in any file of the workspace, the same script included. Profiles of
 * unrelated deployments (another organisation's samples in the same folder) are never paired.
 */
export const tunnelRules: WorkspaceRuleFamily = {
  family: 'workspace',
  ids: ['register-dns-both-tunnels', 'nrpt-on-device-tunnel'],
  check(ctx) {
    for (const profile of ctx.self.profiles) {
      registerDnsBothTunnels(ctx, profile);
      nrptOnDeviceTunnel(ctx, profile);
    }
  },
};

/** The profiles of `kind` that belong to the same deployment as `profile`, with what ties them. */
function counterparts(profile: ProfileFact, kind: ProfileFact['tunnel'], all: readonly ProfileAt[]): (ProfileAt & { shared: string })[] {
  // A loop, not flatMap: with many copies of a deployment every profile has dozens of counterparts.
  const found: (ProfileAt & { shared: string })[] = [];
  for (const p of all) {
    if (p.profile === profile || p.profile.tunnel !== kind) continue;
    const shared = sharedDeployment(profile, p.profile);
    if (shared) found.push({ file: p.file, profile: p.profile, shared });
  }
  return found;
}

/** "(device.xml, line 4, which uses the same VPN server vpn.example.com)", or a list of places. */
function placesText(
  ctx: WorkspaceCheckContext,
  found: readonly (ProfileAt & { shared: string })[],
  spanOf: (p: ProfileFact) => { start: number; end: number },
): string {
  const places = listPlaces(found, (r) => whereIs(ctx, r.file, spanOf(r.profile)));
  return found.length === 1
    ? `${places}, which uses the same ${found[0].shared.replace(/^the /, '')}`
    : `${places}; each shares a VPN server or DNS suffix with this profile`;
}

function registerDnsBothTunnels(ctx: WorkspaceCheckContext, profile: ProfileFact): void {
  if (!profile.registerDns || profile.tunnel === 'lockdown') return;
  const other = profile.tunnel === 'device' ? 'user' : 'device';
  // Only profiles that share a server or suffix can be of its deployment: those are looked up.
  const found = counterparts(
    profile,
    other,
    ctx.workspace.profilesNear(profile, other === 'device' ? 'registering-device' : 'registering-user'),
  );
  if (found.length === 0) return;
  const advice =
    profile.tunnel === 'device'
      ? 'Keep it on this device tunnel and remove it (or set it to false) on the user tunnel.'
      : 'Remove it here (or set it to false) and keep it on the device tunnel.';
  ctx.report({
    ruleId: 'register-dns-both-tunnels',
    source: 'profilexml',
    span: profile.registerDns,
    message:
      `RegisterDNS is true on this ${profile.tunnel} tunnel profile and also on ${found.length === 1 ? `a ${other} tunnel profile` : `${other} tunnel profiles`} of the same deployment (${placesText(ctx, found, (p) => p.registerDns!)}). ` +
      `Richard Hicks' sample user tunnel profile says to use this setting "on one connection or the other, not both" when it is used with a device tunnel, and his sample device tunnel profile says it "should only be defined on the device tunnel" when a user tunnel is deployed with it. ${advice}`,
    elsewhere: found.map((r) => ({
      uri: r.file.uri,
      span: r.profile.registerDns!,
      message: `RegisterDNS is also true on this ${other} tunnel profile (it shares ${r.shared} with the profile reported)`,
    })),
    xmlSuppressed: profile.registerDnsXmlSuppressed,
  });
}

function nrptOnDeviceTunnel(ctx: WorkspaceCheckContext, profile: ProfileFact): void {
  if (profile.tunnel !== 'device' || profile.nrptRules.length === 0) return;
  const users = counterparts(profile, 'user', ctx.workspace.profilesNear(profile, 'user'));
  if (users.length === 0) return;
  const count = profile.nrptRules.length;
  const rules = count === 1 ? 'an NRPT rule (DomainNameInformation)' : `${count} NRPT rules (DomainNameInformation)`;
  ctx.report({
    ruleId: 'nrpt-on-device-tunnel',
    source: 'profilexml',
    span: profile.nrptRules[0],
    message:
      `This device tunnel profile has ${rules}, and the workspace also has ${users.length === 1 ? 'a user tunnel profile' : 'user tunnel profiles'} of the same deployment (${placesText(ctx, users, (p) => p.rootSpan)}). ` +
      `Microsoft's device tunnel page ("Configure VPN device tunnels in Windows client"): when a user tunnel and a device tunnel are used on one system, the NRPT can be used "only on the User Tunnel". ` +
      `Put the DomainNameInformation entries on the user tunnel profile and remove them from this device tunnel.`,
    elsewhere: users.map((r) => ({
      uri: r.file.uri,
      span: r.profile.rootSpan,
      message: `The user tunnel profile of the same deployment (it shares ${r.shared}): NRPT rules belong here`,
    })),
    xmlSuppressed: profile.nrptXmlSuppressed,
  });
}
