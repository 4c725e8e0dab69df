import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, CLEAN_PROFILE, diagnose, findingsOf } from '../helpers/service';
import { intuneRules } from '../../server/src/service/profilexml/rules/intune';
import { assertFamilyCorpusSafe } from '../helpers/corpus';

const INTUNE = { deployment: 'intune' } as const;
const ANY = { deployment: 'any' } as const;

/** CLEAN_PROFILE with AlwaysOn written after DnsSuffix (Windows accepts it; Intune on Windows 11 may not). */
const ALWAYS_ON_LATE = CLEAN_PROFILE.replace(
  '  <AlwaysOn>true</AlwaysOn>\n  <DnsSuffix>corp.example.com</DnsSuffix>\n',
  '  <DnsSuffix>corp.example.com</DnsSuffix>\n  <AlwaysOn>true</AlwaysOn>\n',
);

const EAP_USER_AUTH =
  '    <Authentication>\n      <UserMethod>Eap</UserMethod>\n      <Eap>\n        <Configuration>\n          <!-- EAP settings -->\n        </Configuration>\n      </Eap>\n    </Authentication>\n';
const MACHINE_AUTH = '    <Authentication>\n      <MachineMethod>Certificate</MachineMethod>\n    </Authentication>\n';
const EAP_USER = CLEAN_PROFILE.replace(MACHINE_AUTH, EAP_USER_AUTH);

describe('intune-element-order', () => {
  it('reports the first element out of order, only for Intune deployments', () => {
    const [finding, ...rest] = findingsOf(ALWAYS_ON_LATE, 'intune-element-order', INTUNE);
    assert.equal(rest.length, 0);
    assert.equal(finding.text, 'AlwaysOn');
    assert.equal(finding.range, '2:3-2:11');
    assert.equal(finding.severity, 2);
    assert.match(finding.message, /AlwaysOn comes after DnsSuffix/);
    assert.match(finding.message, /Expected order in VPNProfile: AlwaysOn, DnsSuffix, TrustedNetworkDetection, NativeProfile, Route/);
    assert.deepEqual(findingsOf(ALWAYS_ON_LATE, 'intune-element-order', ANY), []);
    assert.deepEqual(findingsOf(ALWAYS_ON_LATE, 'intune-element-order'), []);
  });

  it('reorders the container into the model order', () => {
    const fixed = applyFix(ALWAYS_ON_LATE, 'intune-element-order', undefined, INTUNE);
    assert.equal(fixed, CLEAN_PROFILE);
    assert.deepEqual(findingsOf(fixed, 'intune-element-order', INTUNE), []);
  });

  it('keeps comments, unknown elements, CRLF line endings and indentation when reordering', () => {
    const lines = [
      '<!-- header comment -->',
      '<VPNProfile>',
      '  <!-- about the server -->',
      '  <NativeProfile>',
      '    <Servers>vpn.example.com;vpn.example.com</Servers>',
      '    <NativeProtocolType>IKEv2</NativeProtocolType> <!-- IKEv2 only -->',
      '    <RoutingPolicyType>SplitTunnel</RoutingPolicyType>',
      '    <Authentication>',
      '      <MachineMethod>Certificate</MachineMethod>',
      '    </Authentication>',
      '  </NativeProfile>',
      '  <VendorExtension>x</VendorExtension>',
      '',
      '  <!-- routes to the data centre -->',
      '  <Route>',
      '    <PrefixSize>8</PrefixSize>',
      '    <Address>10.0.0.0</Address>',
      '  </Route>',
      '  <!-- always on -->',
      '  <AlwaysOn>true</AlwaysOn>',
      '  <!-- trailing note -->',
      '</VPNProfile>',
      '',
    ];
    const text = lines.join('\r\n');
    const findings = findingsOf(text, 'intune-element-order', INTUNE);
    assert.deepEqual(
      findings.map((f) => f.text),
      ['RoutingPolicyType', 'Address', 'AlwaysOn'],
    );
    let fixed = text;
    for (let i = 0; i < 3; i++) fixed = applyFix(fixed, 'intune-element-order', undefined, INTUNE);
    const expected = [
      '<!-- header comment -->',
      '<VPNProfile>',
      '  <!-- always on -->',
      '  <AlwaysOn>true</AlwaysOn>',
      '  <!-- about the server -->',
      '  <NativeProfile>',
      '    <Servers>vpn.example.com;vpn.example.com</Servers>',
      '    <RoutingPolicyType>SplitTunnel</RoutingPolicyType>',
      '    <NativeProtocolType>IKEv2</NativeProtocolType> <!-- IKEv2 only -->',
      '    <Authentication>',
      '      <MachineMethod>Certificate</MachineMethod>',
      '    </Authentication>',
      '  </NativeProfile>',
      '  <VendorExtension>x</VendorExtension>',
      '',
      '  <!-- routes to the data centre -->',
      '  <Route>',
      '    <Address>10.0.0.0</Address>',
      '    <PrefixSize>8</PrefixSize>',
      '  </Route>',
      '  <!-- trailing note -->',
      '</VPNProfile>',
      '',
    ].join('\r\n');
    assert.equal(fixed, expected);
    for (const comment of text.match(/<!--[\s\S]*?-->/g) ?? []) assert.ok(fixed.includes(comment), comment);
    assert.equal(fixed.split('\r\n').length, text.split('\r\n').length);
    assert.ok(!/[^\r]\n/.test(fixed), 'only CRLF line endings');
    const after = diagnose(fixed, INTUNE).map((f) => f.code);
    assert.ok(!after.includes('xml-not-well-formed'));
    assert.ok(!after.includes('intune-element-order'));
  });

  it('moves comments with the element they introduce on a single-line profile', () => {
    const text =
      '<VPNProfile><NativeProfile><Servers>vpn.example.com;vpn.example.com</Servers><RoutingPolicyType>SplitTunnel</RoutingPolicyType><NativeProtocolType>IKEv2</NativeProtocolType><Authentication><MachineMethod>Certificate</MachineMethod></Authentication></NativeProfile><!-- DC01 --><Route><Address>10.0.0.15</Address><PrefixSize>32</PrefixSize></Route><!-- on --><AlwaysOn>true</AlwaysOn></VPNProfile>';
    const [finding] = findingsOf(text, 'intune-element-order', INTUNE);
    assert.equal(finding.text, 'AlwaysOn');
    const fixed = applyFix(text, 'intune-element-order', undefined, INTUNE);
    assert.equal(
      fixed,
      '<VPNProfile><!-- on --><AlwaysOn>true</AlwaysOn><NativeProfile><Servers>vpn.example.com;vpn.example.com</Servers><RoutingPolicyType>SplitTunnel</RoutingPolicyType><NativeProtocolType>IKEv2</NativeProtocolType><Authentication><MachineMethod>Certificate</MachineMethod></Authentication></NativeProfile><!-- DC01 --><Route><Address>10.0.0.15</Address><PrefixSize>32</PrefixSize></Route></VPNProfile>',
    );
  });

  it('does not fire on a profile already in order, nor inside the EAP configuration', () => {
    assert.deepEqual(findingsOf(CLEAN_PROFILE, 'intune-element-order', INTUNE), []);
    const eap = EAP_USER.replace(
      '<!-- EAP settings -->',
      '<EapHostConfig xmlns="http://www.microsoft.com/provisioning/EapHostConfig"><Config/><EapMethod/></EapHostConfig>',
    ).replace('<UserMethod>Eap</UserMethod>', '<UserMethod>Eap</UserMethod>\n      <MachineMethod>Eap</MachineMethod>');
    assert.deepEqual(findingsOf(eap, 'intune-element-order', INTUNE), []);
  });
});

describe("intune-element-order: only where an order is field-proven (native user and device tunnels in Richard Hicks' samples)", () => {
  /** A Palo Alto GlobalProtect plug-in profile in an order of its own, as real plug-in samples are written. */
  const PLUGIN = [
    '<VPNProfile>',
    '  <PluginProfile>',
    '    <ServerUrlList>vpn.example.com</ServerUrlList>',
    '    <CustomConfiguration></CustomConfiguration>',
    '    <PluginPackageFamilyName>PaloAltoNetworks.GlobalProtect_rn9aeerfb38dg</PluginPackageFamilyName>',
    '  </PluginProfile>',
    '  <Route>',
    '    <Address>10.0.0.0</Address>',
    '    <PrefixSize>8</PrefixSize>',
    '  </Route>',
    '  <DnsSuffix>corp.example.com</DnsSuffix>',
    '  <AlwaysOn>true</AlwaysOn>',
    '</VPNProfile>',
    '',
  ].join('\n');

  it('does not check plug-in profiles, where no order is proven', () => {
    assert.deepEqual(findingsOf(PLUGIN, 'intune-element-order', INTUNE), []);
  });

  it('does not check LockDown profiles, where no order is proven', () => {
    const lockDown = ALWAYS_ON_LATE.replace('<VPNProfile>\n', '<VPNProfile>\n  <LockDown>true</LockDown>\n');
    assert.deepEqual(findingsOf(lockDown, 'intune-element-order', INTUNE), []);
    // The same order problem on a user tunnel is reported: the exemption is the LockDown switch.
    assert.equal(
      findingsOf(lockDown.replace('<LockDown>true</LockDown>', '<LockDown>false</LockDown>'), 'intune-element-order', INTUNE).length,
      1,
    );
  });

  it("words the top-level order as Richard Hicks' warning, not as a documented failure", () => {
    const [finding] = findingsOf(ALWAYS_ON_LATE, 'intune-element-order', INTUNE);
    assert.match(finding.message, /Richard Hicks' sample profiles warn that element order is critical/);
    assert.doesNotMatch(finding.message, /known to fail/);
  });

  it('words the CryptographySuite order as a precaution resting on one change', () => {
    const swapped = CLEAN_PROFILE.replace(
      '      <AuthenticationTransformConstants>SHA256128</AuthenticationTransformConstants>\n      <CipherTransformConstants>AES128</CipherTransformConstants>\n',
      '      <CipherTransformConstants>AES128</CipherTransformConstants>\n      <AuthenticationTransformConstants>SHA256128</AuthenticationTransformConstants>\n',
    );
    const [finding, ...rest] = findingsOf(swapped, 'intune-element-order', INTUNE);
    assert.equal(rest.length, 0);
    assert.equal(finding.text, 'AuthenticationTransformConstants');
    assert.match(finding.message, /only evidence/);
    assert.match(finding.message, /precaution/);
    assert.doesNotMatch(finding.message, /known to fail|critical/);
  });
});

describe('intune-server-listed-once', () => {
  const once = CLEAN_PROFILE.replace('<Servers>vpn.example.com;vpn.example.com</Servers>', '<Servers>vpn.example.com</Servers>');

  it('notes a server without a friendly name and lists it twice', () => {
    const [finding] = findingsOf(once, 'intune-server-listed-once', INTUNE);
    assert.equal(finding.text, 'vpn.example.com');
    assert.equal(finding.range, '5:13-5:28');
    assert.equal(finding.severity, 3);
    assert.match(finding.message, /"vpn\.example\.com;vpn\.example\.com"/);
    const fixed = applyFix(once, 'intune-server-listed-once', undefined, INTUNE);
    assert.equal(fixed, CLEAN_PROFILE);
    assert.deepEqual(findingsOf(fixed, 'intune-server-listed-once', INTUNE), []);
    assert.deepEqual(findingsOf(once, 'intune-server-listed-once', ANY), []);
  });

  it('checks each entry of a list on its own', () => {
    const text = CLEAN_PROFILE.replace(
      '<Servers>vpn.example.com;vpn.example.com</Servers>',
      '<Servers>a.example.com;Primary, b.example.com</Servers>',
    );
    const [finding, ...rest] = findingsOf(text, 'intune-server-listed-once', INTUNE);
    assert.equal(rest.length, 0);
    assert.equal(finding.text, 'b.example.com');
    assert.equal(
      applyFix(text, 'intune-server-listed-once', undefined, INTUNE),
      CLEAN_PROFILE.replace(
        '<Servers>vpn.example.com;vpn.example.com</Servers>',
        '<Servers>a.example.com;Primary, b.example.com;b.example.com</Servers>',
      ),
    );
  });

  it('does not fire for entries with a friendly name, nor for malformed ones (invalid-server-list reports those)', () => {
    assert.deepEqual(findingsOf(CLEAN_PROFILE, 'intune-server-listed-once', INTUNE), []);
    assert.deepEqual(
      findingsOf(
        CLEAN_PROFILE.replace('<Servers>vpn.example.com;vpn.example.com<', '<Servers>vpn..example.com<'),
        'intune-server-listed-once',
        INTUNE,
      ),
      [],
    );
  });
});

describe('intune-machine-method-missing', () => {
  it('reports an EAP user tunnel without MachineMethod and adds <MachineMethod>EAP</MachineMethod> after UserMethod', () => {
    const [finding, ...rest] = findingsOf(EAP_USER, 'intune-machine-method-missing', INTUNE);
    assert.equal(rest.length, 0);
    assert.equal(finding.text, 'UserMethod');
    assert.equal(finding.severity, 2);
    assert.match(finding.message, /<MachineMethod>EAP<\/MachineMethod>/);
    const fixed = applyFix(EAP_USER, 'intune-machine-method-missing', undefined, INTUNE);
    assert.equal(
      fixed,
      EAP_USER.replace(
        '      <UserMethod>Eap</UserMethod>\n',
        '      <UserMethod>Eap</UserMethod>\n      <MachineMethod>EAP</MachineMethod>\n',
      ),
    );
    assert.deepEqual(findingsOf(fixed, 'intune-machine-method-missing', INTUNE), []);
    assert.deepEqual(findingsOf(EAP_USER, 'intune-machine-method-missing', ANY), []);
  });

  it('does not fire with a MachineMethod, for MSChapv2, or on a device tunnel', () => {
    const withMachine = EAP_USER.replace(
      '      <UserMethod>Eap</UserMethod>\n',
      '      <UserMethod>Eap</UserMethod>\n      <MachineMethod>Eap</MachineMethod>\n',
    );
    assert.deepEqual(findingsOf(withMachine, 'intune-machine-method-missing', INTUNE), []);
    assert.deepEqual(
      findingsOf(EAP_USER.replace('>Eap</UserMethod>', '>MSChapv2</UserMethod>'), 'intune-machine-method-missing', INTUNE),
      [],
    );
    const device = EAP_USER.replace('<AlwaysOn>true</AlwaysOn>\n', '<AlwaysOn>true</AlwaysOn>\n  <DeviceTunnel>true</DeviceTunnel>\n');
    assert.deepEqual(findingsOf(device, 'intune-machine-method-missing', INTUNE), []);
  });
});

describe("intune rules on the repository's profiles (test/fixtures/profiles)", () => {
  it('never throw and give no error on profiles expected to be valid', () => {
    assertFamilyCorpusSafe(intuneRules);
  });
});
