import type { FileFacts, ProfileFact } from '../facts';
import { listPlaces, whereIs, type WorkspaceRuleFamily } from './ruleTypes';

/**
 * register-dns-both-tunnels (field: HICKS-U/-D sample profiles): when a device tunnel and a user
 * tunnel are both deployed, only the device tunnel should register its address in DNS. Reported
 * on every RegisterDNS=true of the validated file that has a counterpart of the other tunnel
 * kind anywhere in the workspace (the same script may hold both profiles).
 */
export const tunnelRules: WorkspaceRuleFamily = {
  ids: ['register-dns-both-tunnels'],
  check(ctx) {
    const registering: { file: FileFacts; profile: ProfileFact }[] = ctx.files.flatMap((file) => file.profiles.filter((p) => p.registerDns).map((profile) => ({ file, profile })));
    for (const profile of ctx.self.profiles) {
      if (!profile.registerDns || profile.tunnel === 'lockdown') continue;
      const other = profile.tunnel === 'device' ? 'user' : 'device';
      const counterparts = registering.filter((r) => r.profile !== profile && r.profile.tunnel === other);
      if (counterparts.length === 0) continue;
      const places = listPlaces(counterparts.map((r) => whereIs(ctx, r.file, r.profile.registerDns!)));
      const advice =
        profile.tunnel === 'device'
          ? 'Keep it on this device tunnel and remove it (or set it to false) on the user tunnel.'
          : 'Remove it here (or set it to false) and keep it on the device tunnel.';
      ctx.report({
        ruleId: 'register-dns-both-tunnels',
        source: 'profilexml',
        span: profile.registerDns,
        message:
          `RegisterDNS is true on this ${profile.tunnel} tunnel profile and also on a ${other} tunnel profile (${places}). ` +
          `When both tunnels are deployed, both register the computer's name in DNS with their own tunnel address; the field guidance is to register from the device tunnel only. ${advice}`,
        elsewhere: counterparts.map((r) => ({ uri: r.file.uri, span: r.profile.registerDns!, message: `RegisterDNS is also true on this ${other} tunnel profile` })),
        xmlSuppressed: profile.registerDnsXmlSuppressed,
      });
    }
  },
};
