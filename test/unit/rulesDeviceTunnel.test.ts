import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, CLEAN_PROFILE, doc, findingsOf, quickFixes, service } from '../helpers/service';
import { deviceTunnelRules } from '../../server/src/service/profilexml/rules/deviceTunnel';
import { ruleMeta } from '../../server/src/service/settings';
import { sourceDef } from '../../server/src/service/sources';
import { assertFamilyCorpusSafe } from '../helpers/corpus';

/** A rule-clean device tunnel: CLEAN_PROFILE with DeviceTunnel true. */
const DEVICE = CLEAN_PROFILE.replace('<AlwaysOn>true</AlwaysOn>\n', '<AlwaysOn>true</AlwaysOn>\n  <DeviceTunnel>true</DeviceTunnel>\n');
/** A rule-clean LockDown profile. */
const LOCKDOWN = CLEAN_PROFILE.replace('<AlwaysOn>true</AlwaysOn>\n', '<LockDown>true</LockDown>\n');
const MACHINE_AUTH = '    <Authentication>\n      <MachineMethod>Certificate</MachineMethod>\n    </Authentication>\n';

function withAuthentication(profile: string, inner: string): string {
  return profile.replace(MACHINE_AUTH, `    <Authentication>\n${inner}    </Authentication>\n`);
}

const EAP_BLOCK = '      <Eap>\n        <Configuration>\n          <!-- EAP settings -->\n        </Configuration>\n      </Eap>\n';

describe('device-tunnel-protocol', () => {
  it('reports a device tunnel that uses SSTP and sets IKEv2', () => {
    const text = DEVICE.replace('<NativeProtocolType>IKEv2<', '<NativeProtocolType>SSTP<');
    const [finding, ...rest] = findingsOf(text, 'device-tunnel-protocol');
    assert.equal(rest.length, 0);
    assert.equal(finding.text, 'SSTP');
    assert.equal(finding.severity, 1);
    assert.match(finding.message, /only works with IKEv2/);
    assert.match(finding.message, /NativeProtocolType is SSTP/);
    const fixed = applyFix(text, 'device-tunnel-protocol');
    assert.equal(fixed, DEVICE);
    assert.deepEqual(findingsOf(fixed, 'device-tunnel-protocol'), []);
  });

  it('reports a LockDown profile that uses L2TP', () => {
    const text = LOCKDOWN.replace('<NativeProtocolType>IKEv2<', '<NativeProtocolType>L2TP<');
    const [finding] = findingsOf(text, 'device-tunnel-protocol');
    assert.equal(finding.text, 'L2TP');
    assert.match(finding.message, /LockDown/);
    assert.equal(applyFix(text, 'device-tunnel-protocol'), LOCKDOWN);
  });

  it('reports a device tunnel without NativeProtocolType and inserts IKEv2 in model order', () => {
    const text = DEVICE.replace('    <NativeProtocolType>IKEv2</NativeProtocolType>\n', '');
    const [finding] = findingsOf(text, 'device-tunnel-protocol');
    assert.equal(finding.text, 'NativeProfile');
    assert.match(finding.message, /does not name a protocol/);
    const fixed = applyFix(text, 'device-tunnel-protocol');
    assert.equal(fixed, DEVICE);
    assert.deepEqual(findingsOf(fixed, 'device-tunnel-protocol'), []);
  });

  it('reports a device tunnel on a plug-in profile, without a fix', () => {
    const text =
      '<VPNProfile>\n  <DeviceTunnel>true</DeviceTunnel>\n  <PluginProfile>\n    <ServerUrlList>vpn.example.com</ServerUrlList>\n    <PluginPackageFamilyName>Vendor.App_abc</PluginPackageFamilyName>\n  </PluginProfile>\n</VPNProfile>\n';
    const [finding] = findingsOf(text, 'device-tunnel-protocol');
    assert.equal(finding.text, 'DeviceTunnel');
    assert.match(finding.message, /plug-in/);
    assert.deepEqual(quickFixes(text, 'device-tunnel-protocol'), []);
  });

  it('accepts the Ikev2 spelling (another case of IKEv2)', () => {
    const text = DEVICE.replace('<NativeProtocolType>IKEv2<', '<NativeProtocolType>Ikev2<');
    assert.deepEqual(findingsOf(text, 'device-tunnel-protocol'), []);
  });

  it('does not fire for a user tunnel with SSTP, or with DeviceTunnel false', () => {
    assert.deepEqual(findingsOf(CLEAN_PROFILE.replace('>IKEv2<', '>SSTP<'), 'device-tunnel-protocol'), []);
    const off = DEVICE.replace('<DeviceTunnel>true<', '<DeviceTunnel>false<').replace('>IKEv2<', '>SSTP<');
    assert.deepEqual(findingsOf(off, 'device-tunnel-protocol'), []);
  });

  it('leaves an unknown protocol word to invalid-value', () => {
    const text = DEVICE.replace('>IKEv2<', '>IKEv3<');
    assert.deepEqual(findingsOf(text, 'device-tunnel-protocol'), []);
    assert.equal(findingsOf(text, 'invalid-value').length, 1);
  });
});

describe('device-tunnel-authentication', () => {
  it('reports a user EAP method on a device tunnel; the preferred fix uses the machine certificate and drops EAP (not its comments)', () => {
    const text = withAuthentication(DEVICE, `      <UserMethod>Eap</UserMethod>\n${EAP_BLOCK}`);
    const [finding, ...rest] = findingsOf(text, 'device-tunnel-authentication');
    assert.equal(rest.length, 0);
    assert.equal(finding.text, 'UserMethod');
    assert.equal(finding.severity, 1);
    assert.match(finding.message, /no user to authenticate/);
    assert.match(finding.message, /<MachineMethod>Certificate<\/MachineMethod>/);
    const fixed = applyFix(text, 'device-tunnel-authentication');
    // A removed element leaves its comments in its place (test/corpus/fixRoundtrip.test.ts, property c).
    assert.equal(fixed, withAuthentication(DEVICE, '      <MachineMethod>Certificate</MachineMethod>\n      <!-- EAP settings -->\n'));
    assert.deepEqual(findingsOf(fixed, 'device-tunnel-authentication'), []);
  });

  it('offers a second fix that keeps the EAP configuration', () => {
    const text = withAuthentication(DEVICE, `      <UserMethod>Eap</UserMethod>\n${EAP_BLOCK}`);
    const titles = quickFixes(text, 'device-tunnel-authentication').map((a) => a.title);
    assert.equal(titles.length, 2);
    const fixed = applyFix(text, 'device-tunnel-authentication', 'keep the EAP configuration');
    assert.equal(fixed, withAuthentication(DEVICE, `      <MachineMethod>Certificate</MachineMethod>\n${EAP_BLOCK}`));
    assert.deepEqual(findingsOf(fixed, 'device-tunnel-authentication'), []);
  });

  it('reports a UserMethod next to MachineMethod Certificate and removes it', () => {
    const text = withAuthentication(DEVICE, '      <UserMethod>MSChapv2</UserMethod>\n      <MachineMethod>Certificate</MachineMethod>\n');
    const [finding] = findingsOf(text, 'device-tunnel-authentication');
    assert.equal(finding.text, 'UserMethod');
    assert.match(finding.message, /UserMethod MSChapv2/);
    assert.equal(applyFix(text, 'device-tunnel-authentication'), DEVICE);
  });

  it('reports MachineMethod EAP on a device tunnel and sets Certificate', () => {
    const text = withAuthentication(DEVICE, `      <MachineMethod>EAP</MachineMethod>\n${EAP_BLOCK}`);
    const [finding] = findingsOf(text, 'device-tunnel-authentication');
    assert.equal(finding.text, 'EAP');
    assert.match(finding.message, /MachineMethod is EAP/);
    const fixed = applyFix(text, 'device-tunnel-authentication');
    assert.equal(fixed, withAuthentication(DEVICE, '      <MachineMethod>Certificate</MachineMethod>\n      <!-- EAP settings -->\n'));
    assert.deepEqual(findingsOf(fixed, 'device-tunnel-authentication'), []);
  });

  it('reports an Authentication without any method and inserts MachineMethod Certificate', () => {
    const text = DEVICE.replace(MACHINE_AUTH, '    <Authentication></Authentication>\n');
    const [finding] = findingsOf(text, 'device-tunnel-authentication');
    assert.equal(finding.text, 'Authentication');
    assert.match(finding.message, /no MachineMethod/);
    const fixed = applyFix(text, 'device-tunnel-authentication');
    assert.equal(fixed, DEVICE.replace(MACHINE_AUTH, '    <Authentication><MachineMethod>Certificate</MachineMethod></Authentication>\n'));
    assert.deepEqual(findingsOf(fixed, 'device-tunnel-authentication'), []);
  });

  it('does not fire for machine certificate authentication, nor for user tunnels with EAP', () => {
    assert.deepEqual(findingsOf(DEVICE, 'device-tunnel-authentication'), []);
    assert.deepEqual(findingsOf(DEVICE.replace('>Certificate<', '>certificate<'), 'device-tunnel-authentication'), []);
    const userTunnel = withAuthentication(CLEAN_PROFILE, `      <UserMethod>Eap</UserMethod>\n${EAP_BLOCK}`);
    assert.deepEqual(findingsOf(userTunnel, 'device-tunnel-authentication'), []);
  });
});

describe('device-tunnel-force-tunnel', () => {
  it('reports RoutingPolicyType ForceTunnel on a device tunnel and sets SplitTunnel', () => {
    const text = DEVICE.replace('>SplitTunnel<', '>ForceTunnel<');
    const [finding] = findingsOf(text, 'device-tunnel-force-tunnel');
    assert.equal(finding.text, 'ForceTunnel');
    assert.equal(finding.severity, 1);
    assert.match(finding.message, /split tunnel only/);
    const fixed = applyFix(text, 'device-tunnel-force-tunnel');
    assert.equal(fixed, DEVICE);
    assert.deepEqual(findingsOf(fixed, 'device-tunnel-force-tunnel'), []);
  });

  it('reads a missing RoutingPolicyType as force tunnel and inserts SplitTunnel after Servers', () => {
    const text = DEVICE.replace('    <RoutingPolicyType>SplitTunnel</RoutingPolicyType>\n', '');
    const [finding] = findingsOf(text, 'device-tunnel-force-tunnel');
    assert.equal(finding.text, 'NativeProfile');
    assert.match(finding.message, /no RoutingPolicyType, which means force tunnel/);
    const fixed = applyFix(text, 'device-tunnel-force-tunnel');
    assert.equal(fixed, DEVICE);
    assert.deepEqual(findingsOf(fixed, 'device-tunnel-force-tunnel'), []);
  });

  it('cites Microsoft\'s device tunnel page first ("Device tunnel does not support Force tunnel"), then the field sample', () => {
    const text = DEVICE.replace('>SplitTunnel<', '>ForceTunnel<');
    const [finding] = findingsOf(text, 'device-tunnel-force-tunnel');
    const microsoft = finding.message.indexOf('Microsoft\'s device tunnel page: "Device tunnel does not support Force tunnel"');
    const hicks = finding.message.indexOf('Richard Hicks');
    assert.ok(microsoft >= 0 && hicks > microsoft, finding.message);
    assert.doesNotMatch(finding.message, /DPC|DEVTUN|HICKS/);
    const sources = ruleMeta('device-tunnel-force-tunnel')!.sources;
    assert.equal(sources[0], 'ms-device-tunnel');
    assert.equal(sourceDef(sources[0])?.title, 'Configure VPN device tunnels in Windows client');
    assert.equal(
      sourceDef(sources[0])?.url,
      'https://learn.microsoft.com/windows-server/remote/remote-access/vpn/vpn-device-tunnel-config',
    );
  });

  it('does not fire for split-tunnel device tunnels, user tunnels or LockDown (which forces the tunnel by design)', () => {
    assert.deepEqual(findingsOf(DEVICE, 'device-tunnel-force-tunnel'), []);
    assert.deepEqual(findingsOf(CLEAN_PROFILE.replace('>SplitTunnel<', '>ForceTunnel<'), 'device-tunnel-force-tunnel'), []);
    assert.deepEqual(
      findingsOf(LOCKDOWN.replace('    <RoutingPolicyType>SplitTunnel</RoutingPolicyType>\n', ''), 'device-tunnel-force-tunnel'),
      [],
    );
  });
});

describe('device-tunnel-not-always-on', () => {
  it('reports a device tunnel with AlwaysOn false and sets it to true (Microsoft device tunnel page: "need to specify always on = true")', () => {
    const text = DEVICE.replace('<AlwaysOn>true<', '<AlwaysOn>false<');
    const [finding, ...rest] = findingsOf(text, 'device-tunnel-not-always-on');
    assert.equal(rest.length, 0);
    assert.equal(finding.text, 'false');
    assert.equal(finding.range, '1:12-1:17');
    assert.equal(finding.severity, 2);
    assert.match(finding.message, /AlwaysOn is false/);
    assert.match(finding.message, /Microsoft's device tunnel page says to "specify always on = true"/);
    assert.match(finding.message, /"automatically becomes an always on profile"/);
    const [fix] = quickFixes(text, 'device-tunnel-not-always-on');
    assert.equal(fix.title, 'Set AlwaysOn to true');
    assert.equal(applyFix(text, 'device-tunnel-not-always-on'), DEVICE);
  });

  it('reports a device tunnel without AlwaysOn at DeviceTunnel and inserts AlwaysOn where the model puts it (before DeviceTunnel)', () => {
    const text = DEVICE.replace('  <AlwaysOn>true</AlwaysOn>\n', '');
    const [finding] = findingsOf(text, 'device-tunnel-not-always-on');
    assert.equal(finding.text, 'DeviceTunnel');
    assert.match(finding.message, /no AlwaysOn \(its default is false\)/);
    const [fix] = quickFixes(text, 'device-tunnel-not-always-on');
    assert.equal(fix.title, 'Add <AlwaysOn>true</AlwaysOn>');
    const fixed = applyFix(text, 'device-tunnel-not-always-on');
    assert.equal(fixed, DEVICE);
    assert.deepEqual(findingsOf(fixed, 'device-tunnel-not-always-on'), []);
  });

  it('does not fire for AlwaysOn true, for user tunnels, or for DeviceTunnel false', () => {
    assert.deepEqual(findingsOf(DEVICE, 'device-tunnel-not-always-on'), []);
    assert.deepEqual(findingsOf(CLEAN_PROFILE.replace('<AlwaysOn>true<', '<AlwaysOn>false<'), 'device-tunnel-not-always-on'), []);
    assert.deepEqual(
      findingsOf(
        DEVICE.replace('<DeviceTunnel>true<', '<DeviceTunnel>false<').replace('<AlwaysOn>true<', '<AlwaysOn>false<'),
        'device-tunnel-not-always-on',
      ),
      [],
    );
  });

  it('leaves an empty or misspelt AlwaysOn to empty-value and invalid-value (one finding per mistake)', () => {
    const misspelt = DEVICE.replace('<AlwaysOn>true<', '<AlwaysOn>True<');
    assert.deepEqual(findingsOf(misspelt, 'device-tunnel-not-always-on'), []);
    assert.equal(findingsOf(misspelt, 'invalid-value').length, 1);
    const empty = DEVICE.replace('<AlwaysOn>true<', '<AlwaysOn><');
    assert.deepEqual(findingsOf(empty, 'device-tunnel-not-always-on'), []);
    assert.equal(findingsOf(empty, 'empty-value').length, 1);
  });
});

describe('device-tunnel-traffic-filter-target', () => {
  const filter = '  <TrafficFilter>\n    <RemoteAddressRanges>10.10.0.2,10.10.0.3</RemoteAddressRanges>\n  </TrafficFilter>\n';
  const withFilters = (profile: string, count = 1): string => profile.replace('</VPNProfile>', `${filter.repeat(count)}</VPNProfile>`);
  const OLD = { targetWindows: 'win10-1909' };

  it('reports traffic filters on a device tunnel for a target before Windows 10 2004 (Microsoft device tunnel page: "the Device Tunnel denies inbound traffic")', () => {
    const text = withFilters(DEVICE);
    const [finding, ...rest] = findingsOf(text, 'device-tunnel-traffic-filter-target', OLD);
    assert.equal(rest.length, 0);
    assert.equal(finding.text, 'TrafficFilter');
    assert.equal(finding.range, '26:3-26:16');
    assert.equal(finding.severity, 2);
    assert.match(finding.message, /configured target is win10-1909 \(Windows 10, version 1909 \(10\.0\.18363\)\)/);
    assert.match(finding.message, /"the Device Tunnel denies inbound traffic"/);
    assert.match(finding.message, /manage out/);
    assert.match(finding.message, /Direction Inbound\) need Windows 10, version 2004 \(10\.0\.19041\)/);
    assert.deepEqual(quickFixes(text, 'device-tunnel-traffic-filter-target', OLD), []);
  });

  it('reports once per profile, with DeviceTunnel and the other filters as related information, and reads a build number as target', () => {
    const text = withFilters(DEVICE, 2);
    const d = doc(text);
    const findings = service.validate(d, { targetWindows: '10.0.18363' }).filter((x) => x.code === 'device-tunnel-traffic-filter-target');
    assert.equal(findings.length, 1);
    assert.deepEqual(
      findings[0].relatedInformation?.map((r) => [r.location.range.start.line, r.message]),
      [
        [2, 'DeviceTunnel'],
        [29, 'Another TrafficFilter'],
      ],
    );
  });

  it('does not fire from Windows 10 2004 on, for user tunnels, or for a device tunnel without traffic filters', () => {
    assert.deepEqual(findingsOf(withFilters(DEVICE), 'device-tunnel-traffic-filter-target', { targetWindows: 'win10-2004' }), []);
    assert.deepEqual(findingsOf(withFilters(DEVICE), 'device-tunnel-traffic-filter-target'), []);
    assert.deepEqual(findingsOf(withFilters(CLEAN_PROFILE), 'device-tunnel-traffic-filter-target', OLD), []);
    assert.deepEqual(findingsOf(DEVICE, 'device-tunnel-traffic-filter-target', OLD), []);
  });
});

describe("device tunnel rules on the repository's profiles (test/fixtures/profiles)", () => {
  it('never throw and give no error on profiles expected to be valid', () => {
    assertFamilyCorpusSafe(deviceTunnelRules);
  });
});

// Regression found by the safe-edit property test (test/corpus/fixRoundtrip.test.ts).
describe('device-tunnel-authentication: the fix says what it removes and keeps comments', () => {
  it('replacing the only UserMethod names it in the title and keeps its comment', () => {
    const text = withAuthentication(DEVICE, '      <UserMethod><!-- from the old template -->MSChapv2</UserMethod>\n');
    const [fix] = quickFixes(text, 'device-tunnel-authentication');
    assert.equal(fix.title, 'Use machine certificate authentication (remove the user method)');
    assert.equal(
      applyFix(text, 'device-tunnel-authentication'),
      withAuthentication(DEVICE, '      <MachineMethod>Certificate</MachineMethod><!-- from the old template -->\n'),
    );
  });
  it('the second fix with EAP says it removes the user method and keeps EAP', () => {
    const text = withAuthentication(DEVICE, `      <UserMethod>Eap</UserMethod>\n${EAP_BLOCK}`);
    assert.deepEqual(
      quickFixes(text, 'device-tunnel-authentication').map((f) => f.title),
      [
        'Use machine certificate authentication (remove the user method and the EAP configuration)',
        'Use machine certificate authentication (remove the user method, keep the EAP configuration)',
      ],
    );
  });
});
