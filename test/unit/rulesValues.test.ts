import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, applyTextEdits, CLEAN_PROFILE, doc, findingsOf, service } from '../helpers/service';

const withTop = (xml: string): string => CLEAN_PROFILE.replace('<VPNProfile>\n', `<VPNProfile>\n  ${xml}\n`);

describe('invalid-value', () => {
  it('reports a boolean that is not lower-case and fixes its case', () => {
    const text = CLEAN_PROFILE.replace('<AlwaysOn>true</AlwaysOn>', '<AlwaysOn>True</AlwaysOn>');
    const [f] = findingsOf(text, 'invalid-value');
    assert.equal(f.text, 'True');
    assert.equal(f.severity, 1);
    assert.match(f.message, /lower case/);
    assert.equal(applyFix(text, 'invalid-value'), CLEAN_PROFILE);
  });
  it('reports an enumeration value that does not exist and suggests the closest', () => {
    const text = CLEAN_PROFILE.replace('<DHGroup>Group14</DHGroup>', '<DHGroup>Group15</DHGroup>');
    const [f] = findingsOf(text, 'invalid-value');
    assert.equal(f.text, 'Group15');
    assert.match(f.message, /Group14/);
    assert.equal(applyFix(text, 'invalid-value').includes('<DHGroup>Group1'), true);
  });
  it('reports an integer out of range and clamps it', () => {
    const text = withTop('<IPv4InterfaceMetric>10000</IPv4InterfaceMetric>');
    const [f] = findingsOf(text, 'invalid-value');
    assert.equal(f.text, '10000');
    assert.match(f.message, /1 to 9999/);
    assert.equal(applyFix(text, 'invalid-value'), withTop('<IPv4InterfaceMetric>9999</IPv4InterfaceMetric>'));
  });
  it('reports text inside a container element', () => {
    const text = withTop('<Proxy>proxy.example.com</Proxy>');
    const [f] = findingsOf(text, 'invalid-value');
    assert.equal(f.text, 'proxy.example.com');
  });
  it('accepts every documented value in its exact spelling', () => {
    for (const v of ['SplitTunnel', 'ForceTunnel']) {
      assert.deepEqual(findingsOf(CLEAN_PROFILE.replace('SplitTunnel', v), 'invalid-value'), []);
    }
  });
});

describe('non-canonical-value', () => {
  it('notes a case variant that Windows accepts and offers the documented spelling', () => {
    const text = CLEAN_PROFILE.replace('<NativeProtocolType>IKEv2', '<NativeProtocolType>Ikev2');
    const [f] = findingsOf(text, 'non-canonical-value');
    assert.equal(f.text, 'Ikev2');
    assert.equal(f.severity, 3);
    assert.equal(applyFix(text, 'non-canonical-value'), CLEAN_PROFILE);
    assert.deepEqual(findingsOf(text, 'invalid-value'), []);
  });
  it('is quiet on the documented spelling', () => {
    assert.deepEqual(findingsOf(CLEAN_PROFILE, 'non-canonical-value'), []);
  });
  const withAuth = (inner: string): string => CLEAN_PROFILE.replace('<MachineMethod>Certificate</MachineMethod>', inner);
  it("is silent on UserMethod Eap and EAP: Microsoft's examples write Eap, the CSP documents EAP", () => {
    for (const v of ['Eap', 'EAP']) {
      assert.deepEqual(findingsOf(withAuth(`<UserMethod>${v}</UserMethod>`), 'non-canonical-value'), [], v);
      assert.deepEqual(findingsOf(withAuth(`<UserMethod>${v}</UserMethod>`), 'invalid-value'), [], v);
    }
  });
  it("is silent on MachineMethod EAP and Eap (Richard Hicks' samples write both, Microsoft's CSP examples write Eap)", () => {
    for (const v of ['Eap', 'EAP'])
      assert.deepEqual(
        findingsOf(withAuth(`<UserMethod>EAP</UserMethod><MachineMethod>${v}</MachineMethod>`), 'non-canonical-value'),
        [],
        v,
      );
  });
  it('notes UserMethod eap: documented as EAP, read without regard to case, write EAP or Eap', () => {
    const text = withAuth('<UserMethod>eap</UserMethod>');
    const [f] = findingsOf(text, 'non-canonical-value');
    assert.equal(f.text, 'eap');
    assert.equal(f.severity, 3);
    assert.match(f.message, /documented as "EAP"/);
    assert.match(f.message, /Microsoft's examples write "Eap"/);
    assert.match(f.message, /without regard to case/);
    assert.equal(applyFix(text, 'non-canonical-value'), withAuth('<UserMethod>EAP</UserMethod>'));
  });
  it('never calls EAP documented for MachineMethod: Microsoft documents only Certificate there', () => {
    for (const v of ['eap', 'EAp']) {
      const [f] = findingsOf(withAuth(`<UserMethod>EAP</UserMethod><MachineMethod>${v}</MachineMethod>`), 'non-canonical-value');
      assert.equal(f.text, v);
      assert.doesNotMatch(f.message, /documented as/);
      assert.match(f.message, /lists only Certificate for MachineMethod/);
      assert.match(f.message, /"EAP" or "Eap"/);
    }
    const [cert] = findingsOf(withAuth('<MachineMethod>certificate</MachineMethod>'), 'non-canonical-value');
    assert.match(cert.message, /documented as "Certificate"/);
  });
  it('says for other elements that the case is not documented (reference: no evidence outside the authentication methods)', () => {
    const [f] = findingsOf(CLEAN_PROFILE.replace('<DHGroup>Group14</DHGroup>', '<DHGroup>group14</DHGroup>'), 'non-canonical-value');
    assert.match(f.message, /not documented/);
    const [ikev2] = findingsOf(CLEAN_PROFILE.replace('<NativeProtocolType>IKEv2', '<NativeProtocolType>Ikev2'), 'non-canonical-value');
    assert.match(ikev2.message, /work in the field/);
  });
});

describe('empty-value', () => {
  it('reports an empty boolean', () => {
    const text = CLEAN_PROFILE.replace('<AlwaysOn>true</AlwaysOn>', '<AlwaysOn></AlwaysOn>');
    const [f] = findingsOf(text, 'empty-value');
    assert.equal(f.text, 'AlwaysOn');
    assert.match(f.message, /true or false/);
  });
  it('reports a self-closing required value', () => {
    const text = CLEAN_PROFILE.replace('<Servers>vpn.example.com;vpn.example.com</Servers>', '<Servers/>');
    assert.equal(findingsOf(text, 'empty-value')[0].text, 'Servers');
  });
  it('allows an empty optional free-text element', () => {
    assert.deepEqual(findingsOf(withTop('<EdpModeId></EdpModeId>'), 'empty-value'), []);
  });
  it('rates an empty optional list information: an empty TrustedNetworkDetection lists nothing (deliberate on some device tunnels)', () => {
    const text = CLEAN_PROFILE.replace('<TrustedNetworkDetection>corp.example.com</TrustedNetworkDetection>', '<TrustedNetworkDetection/>');
    const [f] = findingsOf(text, 'empty-value');
    assert.equal(f.text, 'TrustedNetworkDetection');
    assert.equal(f.severity, 3);
    assert.match(f.message, /lists nothing/);
    assert.match(f.message, /comma-separated DNS names/);
  });
  it('rates other empty optional lists information too (DnsSuffix, DnsServers, address and port ranges)', () => {
    const lists = [
      CLEAN_PROFILE.replace('<DnsSuffix>corp.example.com</DnsSuffix>', '<DnsSuffix></DnsSuffix>'),
      withTop('<DomainNameInformation>\n    <DomainName>.corp.example.com</DomainName>\n    <DnsServers/>\n  </DomainNameInformation>'),
      withTop('<TrafficFilter>\n    <RemoteAddressRanges></RemoteAddressRanges>\n  </TrafficFilter>'),
      withTop('<TrafficFilter>\n    <Protocol>6</Protocol>\n    <RemotePortRanges></RemotePortRanges>\n  </TrafficFilter>'),
    ];
    for (const text of lists)
      assert.deepEqual(
        findingsOf(text, 'empty-value').map((f) => f.severity),
        [3],
        text,
      );
  });
  it('keeps the error for an empty typed value and a user setting still wins over the information rating', () => {
    assert.equal(findingsOf(CLEAN_PROFILE.replace('<AlwaysOn>true</AlwaysOn>', '<AlwaysOn/>'), 'empty-value')[0].severity, 1);
    assert.equal(findingsOf(CLEAN_PROFILE.replace('<DHGroup>Group14</DHGroup>', '<DHGroup></DHGroup>'), 'empty-value')[0].severity, 1);
    assert.equal(findingsOf(withTop('<IPv4InterfaceMetric></IPv4InterfaceMetric>'), 'empty-value')[0].severity, 1);
    const tnd = CLEAN_PROFILE.replace('<TrustedNetworkDetection>corp.example.com</TrustedNetworkDetection>', '<TrustedNetworkDetection/>');
    assert.equal(findingsOf(tnd, 'empty-value', { rules: { 'empty-value': 'warning' } })[0].severity, 2);
  });
  it('says a required element (TrafficFilter/App/Id, minOccurs 1) is required and what it takes, not "remove it to use the default"', () => {
    const text = withTop('<TrafficFilter>\n    <App>\n      <Id></Id>\n    </App>\n  </TrafficFilter>');
    const [f] = findingsOf(text, 'empty-value');
    assert.equal(f.text, 'Id');
    assert.equal(f.severity, 1);
    assert.match(f.message, /Id is required in App but empty/);
    assert.match(f.message, /package family name/i);
    assert.match(f.message, /SYSTEM/);
    assert.doesNotMatch(f.message, /[Rr]emove/);
    assert.doesNotMatch(f.message, /`/);
    const servers = CLEAN_PROFILE.replace('<Servers>vpn.example.com;vpn.example.com</Servers>', '<Servers/>');
    const [s] = findingsOf(servers, 'empty-value');
    assert.equal(s.severity, 1);
    assert.match(s.message, /required in NativeProfile/);
  });
});

describe('unsupported-on-target', () => {
  const text = withTop('<DisableIKEv2Fragmentation>false</DisableIKEv2Fragmentation>');
  it('reports a Windows 11 element when the target is Windows 10', () => {
    const [f] = findingsOf(text, 'unsupported-on-target', { targetWindows: 'win10-22h2' });
    assert.equal(f.text, 'DisableIKEv2Fragmentation');
    assert.equal(f.severity, 2);
    assert.match(f.message, /22000/);
  });
  it('accepts a build number as target', () => {
    assert.equal(findingsOf(text, 'unsupported-on-target', { targetWindows: '10.0.19045' }).length, 1);
    assert.deepEqual(findingsOf(text, 'unsupported-on-target', { targetWindows: '10.0.22631' }), []);
  });
  it('is quiet for the default Windows 11 target', () => {
    assert.deepEqual(findingsOf(text, 'unsupported-on-target'), []);
  });
  it('reports a value that needs a newer build than its element', () => {
    const sstp = CLEAN_PROFILE.replace('<NativeProtocolType>IKEv2', '<NativeProtocolType>SSTP');
    const [f] = findingsOf(sstp, 'unsupported-on-target', { targetWindows: 'win10-1709' });
    assert.equal(f.text, 'SSTP');
  });
});

// Regressions found by the safe-edit property test (test/corpus/fixRoundtrip.test.ts).
describe('value fixes and suppression around comments', () => {
  it('a value fix replaces the text only: comments among it stay', () => {
    const before = CLEAN_PROFILE.replace('<AlwaysOn>true</AlwaysOn>', '<AlwaysOn><!-- everyone -->True<!-- see ticket 42 --></AlwaysOn>');
    assert.equal(
      applyFix(before, 'invalid-value'),
      CLEAN_PROFILE.replace('<AlwaysOn>true</AlwaysOn>', '<AlwaysOn><!-- everyone -->true<!-- see ticket 42 --></AlwaysOn>'),
    );
    const split = CLEAN_PROFILE.replace('<AlwaysOn>true</AlwaysOn>', '<AlwaysOn>Tr<!-- odd -->ue</AlwaysOn>');
    assert.equal(
      applyFix(split, 'invalid-value'),
      CLEAN_PROFILE.replace('<AlwaysOn>true</AlwaysOn>', '<AlwaysOn>true<!-- odd --></AlwaysOn>'),
    );
  });
  it('"Disable … for this line" silences a value written on a line of its own', () => {
    const text = CLEAN_PROFILE.replace('<AlwaysOn>true</AlwaysOn>', '<AlwaysOn>\n    True\n  </AlwaysOn>');
    const d = doc(text);
    const diagnostic = service.validate(d).find((x) => x.code === 'invalid-value')!;
    const disable = service
      .codeActions(d, diagnostic.range, { diagnostics: [diagnostic], only: ['quickfix'] })
      .find((a) => a.title === 'Disable invalid-value for this line')!;
    const fixed = applyTextEdits(text, disable.edit!.changes![d.uri]);
    assert.equal(
      fixed,
      CLEAN_PROFILE.replace(
        '<AlwaysOn>true</AlwaysOn>',
        '<AlwaysOn>\n    <!-- profilexml-disable-next-line invalid-value -->\n    True\n  </AlwaysOn>',
      ),
    );
    assert.deepEqual(findingsOf(fixed, 'invalid-value'), []);
  });
});
