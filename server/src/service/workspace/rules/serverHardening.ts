import { REGISTRY } from '../../powershell/cmdletSchema';
import type { FileFacts, RegistryWriteFact } from '../facts';
import { writesNumber } from '../scriptFacts';
import { listPlaces, whereIs } from '../places';
import type { ElsewhereSpan, WorkspaceRuleFamily } from './ruleTypes';

/**
 * Server settings that only make sense together with something elsewhere in the workspace:
 * - server-fragmentation-not-enabled (Richard Hicks, "Always On VPN and IKEv2 Fragmentation"): a profile authenticating IKEv2 with
 *   certificates, in a workspace that configures the RRAS server (a server policy, RemoteAccess
 *   cmdlets or RRAS registry values) but never writes EnableServerFragmentation = 1. Without any
 *   server script nothing is said: the server may be configured elsewhere.
 * - ps-crl-check-without-root (the later revision of Richard Hicks, "Always On VPN IKEv2 Security Configuration"): CertAuthFlags = 4 written while no file restricts
 *   IKEv2 certificates to a root CA with `Set-VpnAuthProtocol -RootCertificateNameToAccept`.
 * A value computed at run time counts as set (no finding on a guess).
 */
export const serverHardeningRules: WorkspaceRuleFamily = {
  family: 'workspace',
  ids: ['server-fragmentation-not-enabled', 'ps-crl-check-without-root'],
  check(ctx) {
    const writes = (name: string): { file: FileFacts; write: RegistryWriteFact }[] =>
      ctx.workspace.withRegistryWrites.flatMap((file) =>
        file.registryWrites.filter((w) => w.name.toLowerCase() === name.toLowerCase()).map((write) => ({ file, write })),
      );

    // ---- server-fragmentation-not-enabled
    const profiles = ctx.self.profiles.filter((p) => p.ikev2Certificate);
    const serverFiles = ctx.workspace.withServerMarkers;
    const enabled = writes('EnableServerFragmentation').some(({ write }) => write.value === undefined || writesNumber(write.value, 1));
    if (profiles.length > 0 && serverFiles.length > 0 && !enabled) {
      const key = REGISTRY.values.find((v) => v.name === 'EnableServerFragmentation');
      const elsewhere: ElsewhereSpan[] = serverFiles.map((file) => ({
        uri: file.uri,
        span: file.serverMarkers[0].span,
        message: `RRAS server configuration (${file.serverMarkers[0].what}) that never enables IKEv2 fragmentation`,
      }));
      const places = listPlaces(serverFiles, (file) => whereIs(ctx, file, file.serverMarkers[0].span));
      for (const profile of profiles) {
        ctx.report({
          ruleId: 'server-fragmentation-not-enabled',
          source: 'profilexml',
          span: profile.span,
          message:
            'This profile authenticates IKEv2 with certificates, so its IKE_AUTH messages are large and get split into IP fragments, which many firewalls drop: the connection then fails with error 809. ' +
            `The workspace configures the VPN server (${places}) but never turns on IKEv2 fragmentation there. On the RRAS server (Windows Server 1803 / 2019 or later), set the DWORD EnableServerFragmentation to 1 under ${key?.psPath ?? 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\RemoteAccess\\Parameters\\Ikev2'} and restart RemoteAccess (Richard Hicks, "Always On VPN and IKEv2 Fragmentation").`,
          elsewhere,
          xmlSuppressed: profile.xmlSuppressed,
        });
      }
    }

    // ---- ps-crl-check-without-root
    const rootRestricted = ctx.workspace.withRootCertificates.length > 0;
    if (!rootRestricted) {
      for (const write of ctx.self.registryWrites) {
        if (write.name.toLowerCase() !== 'certauthflags' || !writesNumber(write.value, 4)) continue;
        ctx.report({
          ruleId: 'ps-crl-check-without-root',
          source: 'aovpn-powershell',
          span: write.span,
          message:
            'CertAuthFlags 4 asks RRAS to check certificate revocation for IKEv2 machine-certificate connections, but no script in the workspace restricts IKEv2 to a root CA with Set-VpnAuthProtocol -RootCertificateNameToAccept. ' +
            'The revocation check needs that setting, and without it RRAS accepts certificates from any CA in its Trusted Root store (Richard Hicks, "Always On VPN IKEv2 Security Configuration"). ' +
            'Add Set-VpnAuthProtocol -RootCertificateNameToAccept $RootCACert (the root CA certificate from Cert:\\LocalMachine\\Root) and restart RemoteAccess.',
        });
      }
    }
  },
};
