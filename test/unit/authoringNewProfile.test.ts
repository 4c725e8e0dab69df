import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import {
  newProfile,
  newProfileObstacle,
  type AuthenticationChoice,
  type NewProfileAnswers,
  type ProtocolChoice,
  type RoutingChoice,
} from '../../server/src/service/authoring/newProfile';
import { SCHEMA, targetBuild } from '../../server/src/service/profilexml/schema';
import { protocolsFor, targetsFor } from '../../client/src/wizardChoices';
import type { Deployment } from '../../server/src/service/settings';
import { diagnose, doc, powerShellReady, service } from '../helpers/service';

// "New Always On VPN profile": every combination of answers the wizard offers gives ProfileXML
// that passes every rule (warnings and information included) under the answers' deployment and
// target; every combination it holds back is one the generator refuses with the reason.

// A real-looking SHA-1 thumbprint (a counting pattern such as 1a2b3c… is placeholder-value's).
const THUMBPRINT = '3f0788e8ac0032e4063f30bae7c4cc999b685b5c';
const RELEASES = SCHEMA.windowsBuilds.map((b) => b.id);
const DEPLOYMENTS: Deployment[] = ['intune', 'powershell', 'any'];
const PROTOCOLS: ProtocolChoice[] = ['IKEv2', 'SSTP'];
const AUTHS: Exclude<AuthenticationChoice, 'machine-certificate'>[] = ['peap-tls', 'eap-tls', 'peap-mschapv2'];
const ROUTINGS: RoutingChoice[] = ['split', 'force'];

function generate(answers: NewProfileAnswers): { text: string; notes: string[] } {
  const result = newProfile(answers);
  if (!result.ok) throw new Error(result.message);
  assert.equal(result.language, 'xml');
  return result;
}

/** Every combination of answers, whether the wizard offers it or not, with the free text filled in. */
function allAnswers(): NewProfileAnswers[] {
  const out: NewProfileAnswers[] = [];
  for (const deployment of DEPLOYMENTS) {
    for (const targetWindows of RELEASES) {
      out.push({
        tunnel: 'device',
        deployment,
        targetWindows,
        server: 'vpn.contoso.com',
        dnsSuffix: 'corp.contoso.com',
        routes: ['10.1.0.10/32'],
      });
      for (const protocol of PROTOCOLS) {
        for (const authentication of AUTHS) {
          for (const routing of ROUTINGS) {
            out.push({
              tunnel: 'user',
              protocol,
              authentication,
              routing,
              deployment,
              targetWindows,
              server: 'vpn.contoso.com',
              dnsSuffix: 'corp.contoso.com',
              routes: ['10.0.0.0/8', '192.168.10.0/24'],
              trustedRootCA: THUMBPRINT,
              npsServerNames: 'nps.corp.contoso.com',
            });
          }
        }
      }
    }
  }
  return out;
}

/** Does the wizard (client/src/wizardChoices.ts) offer these answers? */
function offered(answers: NewProfileAnswers): boolean {
  if (!targetsFor(answers.tunnel, RELEASES).includes(answers.targetWindows)) return false;
  return answers.tunnel === 'device' || protocolsFor(answers.targetWindows).includes(answers.protocol!);
}

describe('authoring: new Always On VPN profile', () => {
  beforeEach(() => service.workspace.clear());

  it('every combination the wizard offers passes every rule in its own deployment mode and target; the rest is refused with the reason', () => {
    const failures: string[] = [];
    let clean = 0;
    let refused = 0;
    for (const answers of allAnswers()) {
      const result = newProfile(answers);
      const obstacle = newProfileObstacle(answers, targetBuild(answers.targetWindows)!);
      if (!offered(answers)) {
        refused++;
        if (result.ok || !obstacle || result.message !== obstacle)
          failures.push(`${JSON.stringify(answers)}: not offered by the wizard, so the generator must refuse it`);
        continue;
      }
      if (!result.ok) {
        failures.push(`${JSON.stringify(answers)}: offered by the wizard but refused: ${result.message}`);
        continue;
      }
      const found = diagnose(result.text, { deployment: answers.deployment, targetWindows: answers.targetWindows });
      if (found.length > 0) failures.push(`${JSON.stringify(answers)}: ${found.map((f) => `${f.code} on "${f.text}"`).join(', ')}`);
      else clean++;
      if (result.notes.length) failures.push(`${JSON.stringify(answers)}: notes ${result.notes.join(' | ')}`);
    }
    assert.deepEqual(failures, []);
    // Per deployment: device tunnels on the 10 Windows 10 releases from 1709 and the 5 Windows 11
    // releases; user tunnels on the 12 Windows 10 releases from 1607 with IKEv2 only (3
    // authentications × 2 routings) and on Windows 11 with IKEv2 or SSTP (12 each).
    assert.equal(clean, 3 * (15 + 12 * 6 + 5 * 12), `${clean} combinations came out clean`);
    assert.equal(refused, allAnswers().length - clean);
  });

  it('refuses what no profile can do on the target, and says why: SSTP on Windows 10, a device tunnel before 1709, anything before 1607', () => {
    const sstp = newProfile({
      tunnel: 'user',
      protocol: 'SSTP',
      authentication: 'eap-tls',
      routing: 'split',
      deployment: 'any',
      targetWindows: 'win10-22h2',
    });
    assert.equal(sstp.ok, false);
    assert.match(sstp.ok ? '' : sstp.message, /SSTP needs Windows 11/);
    const device = newProfile({ tunnel: 'device', deployment: 'any', targetWindows: 'win10-1703' });
    assert.match(device.ok ? '' : device.message, /device tunnel needs Windows 10, version 1709/);
    const old = newProfile({
      tunnel: 'user',
      protocol: 'IKEv2',
      authentication: 'eap-tls',
      routing: 'split',
      deployment: 'any',
      targetWindows: 'win10-1511',
    });
    assert.match(old.ok ? '' : old.message, /cannot carry a CryptographySuite/);
  });

  it('the Intune answer gives a profile with no finding under the intune deployment (server listed twice, MachineMethod EAP)', () => {
    for (const tunnel of ['user', 'device'] as const) {
      const { text } = generate({
        tunnel,
        protocol: 'IKEv2',
        authentication: 'peap-tls',
        routing: 'split',
        deployment: 'intune',
        targetWindows: 'win11-22h2',
        server: 'vpn.contoso.com',
        dnsSuffix: 'corp.contoso.com',
        trustedRootCA: THUMBPRINT,
        npsServerNames: 'nps.corp.contoso.com',
      });
      assert.deepEqual(diagnose(text, { deployment: 'intune', targetWindows: 'win11-22h2' }), [], tunnel);
    }
  });

  it('writes a device tunnel as the answers say, in the model (Intune) order, with the baseline suite', () => {
    const { text, notes } = generate({
      tunnel: 'device',
      deployment: 'intune',
      targetWindows: 'win11-22h2',
      server: 'vpn.contoso.com',
      dnsSuffix: 'corp.contoso.com',
      routes: ['10.1.0.10', '2001:db8::/48'],
    });
    assert.equal(
      text,
      `<VPNProfile>
  <AlwaysOn>true</AlwaysOn>
  <DeviceTunnel>true</DeviceTunnel>
  <DnsSuffix>corp.contoso.com</DnsSuffix>
  <TrustedNetworkDetection>corp.contoso.com</TrustedNetworkDetection>
  <NativeProfile>
    <Servers>vpn.contoso.com;vpn.contoso.com</Servers>
    <RoutingPolicyType>SplitTunnel</RoutingPolicyType>
    <NativeProtocolType>IKEv2</NativeProtocolType>
    <Authentication>
      <MachineMethod>Certificate</MachineMethod>
    </Authentication>
    <CryptographySuite>
      <AuthenticationTransformConstants>SHA256128</AuthenticationTransformConstants>
      <CipherTransformConstants>AES128</CipherTransformConstants>
      <PfsGroup>PFS2048</PfsGroup>
      <DHGroup>Group14</DHGroup>
      <IntegrityCheckMethod>SHA256</IntegrityCheckMethod>
      <EncryptionMethod>AES128</EncryptionMethod>
    </CryptographySuite>
    <DisableClassBasedDefaultRoute>true</DisableClassBasedDefaultRoute>
  </NativeProfile>
  <Route>
    <Address>10.1.0.10</Address>
    <PrefixSize>32</PrefixSize>
  </Route>
  <Route>
    <Address>2001:db8::</Address>
    <PrefixSize>48</PrefixSize>
  </Route>
</VPNProfile>
`,
    );
    assert.deepEqual(notes, []);
  });

  it('adds MachineMethod EAP and lists the server twice for Intune only', () => {
    const base: NewProfileAnswers = {
      tunnel: 'user',
      protocol: 'IKEv2',
      authentication: 'eap-tls',
      routing: 'force',
      deployment: 'intune',
      targetWindows: 'win11-22h2',
      server: 'vpn.contoso.com',
      trustedRootCA: THUMBPRINT,
    };
    const intune = generate(base).text;
    assert.match(intune, /<UserMethod>EAP<\/UserMethod>\n {6}<MachineMethod>EAP<\/MachineMethod>/);
    assert.match(intune, /<Servers>vpn\.contoso\.com;vpn\.contoso\.com<\/Servers>/);
    const other = generate({ ...base, deployment: 'powershell' }).text;
    assert.doesNotMatch(other, /MachineMethod/);
    assert.match(other, /<Servers>vpn\.contoso\.com<\/Servers>/);
    // Force tunnel: no class-route switch, no routes.
    assert.doesNotMatch(intune, /DisableClassBasedDefaultRoute|<Route>/);
  });

  it('keeps the root CA placeholder visible when no thumbprint is given (placeholder-value), and says so', () => {
    const { text, notes } = generate({
      tunnel: 'user',
      protocol: 'IKEv2',
      authentication: 'peap-tls',
      routing: 'split',
      deployment: 'any',
      targetWindows: 'win11-22h2',
    });
    const found = diagnose(text);
    assert.deepEqual([...new Set(found.map((f) => f.code))], ['placeholder-value']);
    assert.equal(found[0].text, 'ROOT-CA-SHA1-THUMBPRINT');
    assert.ok(notes.some((n) => n.includes('ROOT-CA-SHA1-THUMBPRINT') && n.includes('placeholder-value')));
    assert.ok(notes.some((n) => n.startsWith('Replace the example values') && n.includes('vpn.example.com') && n.includes('10.0.0.0/8')));
  });

  it('escapes what the answers write into the XML', () => {
    const { text } = generate({
      tunnel: 'device',
      deployment: 'any',
      targetWindows: 'win11-22h2',
      server: 'vpn.example.com<x>&',
      dnsSuffix: 'corp.example.com',
    });
    assert.match(text, /<Servers>vpn\.example\.com&lt;x&gt;&amp;<\/Servers>/);
  });

  it('drops the invisible left-to-right mark a thumbprint copied from the certificate dialog starts with', () => {
    const { text } = generate({
      tunnel: 'user',
      protocol: 'IKEv2',
      authentication: 'eap-tls',
      routing: 'force',
      deployment: 'any',
      targetWindows: 'win11-22h2',
      trustedRootCA: `\u200E${THUMBPRINT}`,
    });
    assert.ok(text.includes(`<TrustedRootCA>${THUMBPRINT}</TrustedRootCA>`));
    assert.deepEqual(diagnose(text), []);
  });

  it('refuses a user tunnel with only the machine certificate and an unknown target', () => {
    const refused = newProfile({ tunnel: 'user', authentication: 'machine-certificate', deployment: 'any', targetWindows: 'win11-22h2' });
    assert.equal(refused.ok, false);
    assert.match(refused.ok ? '' : refused.message, /EAP/);
    const unknown = newProfile({ tunnel: 'device', deployment: 'any', targetWindows: 'windows-xp' });
    assert.equal(unknown.ok, false);
    assert.match(unknown.ok ? '' : unknown.message, /windows-xp/);
  });

  it("through the service: takes the workspace server's policy, so ipsec-policy-mismatch cannot arise", async () => {
    await powerShellReady;
    const server =
      'Set-VpnServerConfiguration -CustomPolicy -AuthenticationTransformConstants GCMAES128 -CipherTransformConstants GCMAES128 -DHGroup ECP256 -EncryptionMethod GCMAES128 -IntegrityCheckMethod SHA256 -PfsGroup ECP256\nRestart-Service RemoteAccess -PassThru\n';
    service.workspace.setFile('file:///ws/server.ps1', 'powershell', server, 1);
    await service.workspace.ready();
    const answers: NewProfileAnswers = {
      tunnel: 'user',
      protocol: 'IKEv2',
      authentication: 'eap-tls',
      routing: 'split',
      deployment: 'any',
      targetWindows: 'win11-22h2',
      trustedRootCA: THUMBPRINT,
    };
    const result = service.newProfile(answers);
    assert.ok(result.ok);
    assert.match(result.text, /<EncryptionMethod>AES_GCM_128<\/EncryptionMethod>/);
    assert.match(result.text, /<DHGroup>ECP256<\/DHGroup>/);
    assert.ok(result.notes.some((n) => n.includes("server's custom IPsec policy")));
    // The profile as a file of the same workspace: no mismatch (the server also never enables fragmentation: information).
    const codes = service.validate(doc(result.text, 'file:///ws/new.xml')).map((d) => String(d.code));
    assert.deepEqual(codes, ['server-fragmentation-not-enabled']);
    assert.ok(
      result.notes.some((n) => n.startsWith('server-fragmentation-not-enabled:')),
      'the service names the finding the workspace adds',
    );
  });
});
