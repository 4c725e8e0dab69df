import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { newProfile, type AuthenticationChoice, type NewProfileAnswers, type ProtocolChoice, type RoutingChoice } from '../../server/src/service/authoring/newProfile';
import { targetBuild } from '../../server/src/service/profilexml/schema';
import type { Deployment } from '../../server/src/service/settings';
import { diagnose, doc, powerShellReady, service } from '../helpers/service';

// "New Always On VPN profile": for every combination of answers the generated ProfileXML passes
// every rule (warnings and information included) under the answers' deployment and target, except
// the findings the answers themselves make unavoidable, which the notes explain.

// Random digits, as a real SHA-1 hash has them (a counting pattern such as 1a2b3c… is placeholder-value's).
const THUMBPRINT = '5014ef5ed72014e90b82285ea7888b4a091409ec';
const TARGETS = ['win10-1511', 'win10-1607', 'win10-1709', 'win10-1803', 'win10-2004', 'win10-22h2', 'win11-21h2', 'win11-24h2'];
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

/** The findings the answers cannot avoid (the catalogue's own conditions), sorted. */
function unavoidable(answers: NewProfileAnswers): string[] {
  const build = targetBuild(answers.targetWindows)!;
  const device = answers.tunnel === 'device';
  const out: string[] = [];
  if ((device || answers.protocol === 'IKEv2') && build < 14393) out.push('ikev2-default-crypto'); // no CryptographySuite before 1607
  if (!device && answers.protocol === 'SSTP' && build < 22000) out.push('unsupported-on-target'); // NativeProtocolType SSTP: Windows 11
  if (device && build < 16299) out.push('unsupported-on-target'); // DeviceTunnel: 1709
  return out.sort();
}

function allAnswers(): NewProfileAnswers[] {
  const out: NewProfileAnswers[] = [];
  for (const deployment of DEPLOYMENTS) {
    for (const targetWindows of TARGETS) {
      out.push({ tunnel: 'device', deployment, targetWindows, server: 'vpn.contoso.com', dnsSuffix: 'corp.contoso.com', routes: ['10.1.0.10/32'] });
      for (const protocol of PROTOCOLS) {
        for (const authentication of AUTHS) {
          for (const routing of ROUTINGS) {
            out.push({ tunnel: 'user', protocol, authentication, routing, deployment, targetWindows, server: 'vpn.contoso.com', trustedRootCA: THUMBPRINT, npsServerNames: 'nps.contoso.com' });
          }
        }
      }
    }
  }
  return out;
}

describe('authoring: new Always On VPN profile', () => {
  beforeEach(() => service.workspace.clear());

  it('passes every rule for every combination of answers, except the findings the answers make unavoidable (and the notes name those)', () => {
    const failures: string[] = [];
    let clean = 0;
    for (const answers of allAnswers()) {
      const { text, notes } = generate(answers);
      const found = diagnose(text, { deployment: answers.deployment, targetWindows: answers.targetWindows });
      const codes = found.map((f) => f.code).sort();
      const expected = unavoidable(answers);
      if (JSON.stringify(codes) !== JSON.stringify(expected)) failures.push(`${JSON.stringify(answers)}: ${found.map((f) => `${f.code} on "${f.text}"`).join(', ') || '(none)'}; expected ${expected.join(', ') || '(none)'}`);
      for (const code of expected) if (!notes.some((n) => n.includes(code))) failures.push(`${JSON.stringify(answers)}: no note explains ${code}`);
      if (expected.length === 0) clean++;
    }
    assert.deepEqual(failures, []);
    assert.ok(clean >= 150, `only ${clean} combinations came out clean`);
  });

  it('writes a device tunnel as the answers say, in the model (Intune) order, with the seed baseline suite', () => {
    const { text, notes } = generate({ tunnel: 'device', deployment: 'intune', targetWindows: 'win11-22h2', server: 'vpn.contoso.com', dnsSuffix: 'corp.contoso.com', routes: ['10.1.0.10', '2001:db8::/48'] });
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
    const base: NewProfileAnswers = { tunnel: 'user', protocol: 'IKEv2', authentication: 'eap-tls', routing: 'force', deployment: 'intune', targetWindows: 'win11-22h2', server: 'vpn.contoso.com', trustedRootCA: THUMBPRINT };
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
    const { text, notes } = generate({ tunnel: 'user', protocol: 'IKEv2', authentication: 'peap-tls', routing: 'split', deployment: 'any', targetWindows: 'win11-22h2' });
    const found = diagnose(text);
    assert.deepEqual([...new Set(found.map((f) => f.code))], ['placeholder-value']);
    assert.equal(found[0].text, 'ROOT-CA-SHA1-THUMBPRINT');
    assert.ok(notes.some((n) => n.includes('ROOT-CA-SHA1-THUMBPRINT') && n.includes('placeholder-value')));
    assert.ok(notes.some((n) => n.startsWith('Replace the example values') && n.includes('vpn.example.com') && n.includes('10.0.0.0/8')));
  });

  it('escapes what the answers write into the XML', () => {
    const { text } = generate({ tunnel: 'device', deployment: 'any', targetWindows: 'win11-22h2', server: 'vpn.example.com<x>&', dnsSuffix: 'corp.example.com' });
    assert.match(text, /<Servers>vpn\.example\.com&lt;x&gt;&amp;<\/Servers>/);
  });

  it('drops the invisible left-to-right mark a thumbprint copied from the certificate dialog starts with', () => {
    const { text } = generate({ tunnel: 'user', protocol: 'IKEv2', authentication: 'eap-tls', routing: 'force', deployment: 'any', targetWindows: 'win11-22h2', trustedRootCA: `\u200E${THUMBPRINT}` });
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
    const server = 'Set-VpnServerConfiguration -CustomPolicy -AuthenticationTransformConstants GCMAES128 -CipherTransformConstants GCMAES128 -DHGroup ECP256 -EncryptionMethod GCMAES128 -IntegrityCheckMethod SHA256 -PfsGroup ECP256\nRestart-Service RemoteAccess -PassThru\n';
    service.workspace.setFile('file:///ws/server.ps1', 'powershell', server, 1);
    await service.workspace.ready();
    const answers: NewProfileAnswers = { tunnel: 'user', protocol: 'IKEv2', authentication: 'eap-tls', routing: 'split', deployment: 'any', targetWindows: 'win11-22h2', trustedRootCA: THUMBPRINT };
    const result = service.newProfile(answers);
    assert.ok(result.ok);
    assert.match(result.text, /<EncryptionMethod>AES_GCM_128<\/EncryptionMethod>/);
    assert.match(result.text, /<DHGroup>ECP256<\/DHGroup>/);
    assert.ok(result.notes.some((n) => n.includes("server's custom IPsec policy")));
    // The profile as a file of the same workspace: no mismatch (the server also never enables fragmentation: information).
    const codes = service.validate(doc(result.text, 'file:///ws/new.xml')).map((d) => String(d.code));
    assert.deepEqual(codes, ['server-fragmentation-not-enabled']);
    assert.ok(result.notes.some((n) => n.startsWith('server-fragmentation-not-enabled:')), 'the service names the finding the workspace adds');
  });
});
