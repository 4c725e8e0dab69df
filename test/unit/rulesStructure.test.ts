import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, CLEAN_PROFILE, codes, findingsOf, quickFixes } from '../helpers/service';

/** A tiny profile: NativeProfile with the given inner XML. */
const native = (inner: string, outer = ''): string =>
  `<VPNProfile>\n  <NativeProfile>\n    <Servers>vpn.example.com</Servers>\n    <NativeProtocolType>IKEv2</NativeProtocolType>\n${inner}  </NativeProfile>\n${outer}</VPNProfile>\n`;
const AUTH = '    <Authentication>\n      <MachineMethod>Certificate</MachineMethod>\n    </Authentication>\n';

describe('xml-not-well-formed', () => {
  it('reports a mismatched end tag at the error and runs no other rule', () => {
    const text = '<VPNProfile>\n  <AlwaysOn>true</AlwaysOnn>\n</VPNProfile>';
    const found = findingsOf(text, 'xml-not-well-formed');
    assert.equal(found.length >= 1, true);
    assert.equal(found[0].range.split(':')[0], '1');
    assert.match(found[0].message, /Not well-formed/);
    assert.deepEqual([...new Set(codes(text))], ['xml-not-well-formed']);
  });
  it('is quiet on well-formed text', () => {
    assert.deepEqual(findingsOf(CLEAN_PROFILE, 'xml-not-well-formed'), []);
  });
});

describe('unknown-element', () => {
  it('names the element and suggests the closest known spelling', () => {
    const text = native(
      AUTH,
      '  <DomainNameInformation>\n    <DomainName>.corp.example.com</DomainName>\n    <DNSServers>10.0.0.1</DNSServers>\n  </DomainNameInformation>\n',
    );
    const [f] = findingsOf(text, 'unknown-element');
    assert.equal(f.text, 'DNSServers');
    assert.match(f.message, /did you mean <DnsServers>/);
    const fixed = applyFix(text, 'unknown-element');
    assert.equal(fixed, text.replace('<DNSServers>10.0.0.1</DNSServers>', '<DnsServers>10.0.0.1</DnsServers>'));
    assert.deepEqual(findingsOf(fixed, 'unknown-element'), []);
  });
  it('offers no rename for a name unlike anything', () => {
    const text = native(AUTH, '  <Frobnicate>1</Frobnicate>\n');
    const [f] = findingsOf(text, 'unknown-element');
    assert.equal(f.text, 'Frobnicate');
    assert.doesNotMatch(f.message, /did you mean/);
  });
  it('leaves the opaque EAP configuration alone', () => {
    const text = native(
      '    <Authentication>\n      <UserMethod>EAP</UserMethod>\n      <Eap><Configuration><EapHostConfig xmlns="http://www.microsoft.com/provisioning/EapHostConfig"><Anything/></EapHostConfig></Configuration></Eap>\n    </Authentication>\n',
    );
    assert.deepEqual(findingsOf(text, 'unknown-element'), []);
  });
});

describe('misplaced-element', () => {
  it('reports a known element under the wrong parent and moves it into the existing parent', () => {
    const text = native(
      AUTH + '    <CryptographySuite>\n      <CipherTransformConstants>AES128</CipherTransformConstants>\n    </CryptographySuite>\n',
      '  <DHGroup>Group14</DHGroup>\n',
    );
    const [f] = findingsOf(text, 'misplaced-element');
    assert.equal(f.text, 'DHGroup');
    assert.match(f.message, /CryptographySuite/);
    const fixed = applyFix(text, 'misplaced-element');
    assert.equal(
      fixed,
      native(
        AUTH +
          '    <CryptographySuite>\n      <CipherTransformConstants>AES128</CipherTransformConstants>\n      <DHGroup>Group14</DHGroup>\n    </CryptographySuite>\n',
      ),
    );
    assert.deepEqual(findingsOf(fixed, 'misplaced-element'), []);
  });
  it('offers no move when the right parent does not exist', () => {
    const text = native(AUTH, '  <DHGroup>Group14</DHGroup>\n');
    const [f] = findingsOf(text, 'misplaced-element');
    assert.equal(f.text, 'DHGroup');
    assert.throws(() => applyFix(text, 'misplaced-element'), /no fix/);
  });
});

describe('duplicate-element', () => {
  it('reports the second NativeProtocolType and removes it', () => {
    const text = native('    <NativeProtocolType>SSTP</NativeProtocolType>\n' + AUTH);
    const [f] = findingsOf(text, 'duplicate-element');
    assert.equal(f.text, 'NativeProtocolType');
    assert.equal(f.range, '4:5-4:23');
    assert.equal(applyFix(text, 'duplicate-element'), native(AUTH));
  });
  it('allows repeated Route, AppTrigger and DomainNameInformation', () => {
    const route = '  <Route>\n    <Address>10.0.0.0</Address>\n    <PrefixSize>8</PrefixSize>\n  </Route>\n';
    assert.deepEqual(findingsOf(native(AUTH, route + route), 'duplicate-element'), []);
  });
  it('reports a pasted list of repeats once', () => {
    const route = '  <Route>\n' + '    <Address>10.0.0.0</Address>\n    <PrefixSize>8</PrefixSize>\n'.repeat(5) + '  </Route>\n';
    const found = findingsOf(native(AUTH, route), 'duplicate-element');
    assert.deepEqual(
      found.map((f) => f.text),
      ['Address', 'PrefixSize'],
    );
    assert.match(found[0].message, /appears 5 times/);
  });
});

describe('missing-element', () => {
  it('reports NativeProfile without Servers and inserts it in model order', () => {
    const text =
      '<VPNProfile>\n  <NativeProfile>\n    <NativeProtocolType>IKEv2</NativeProtocolType>\n' +
      AUTH +
      '  </NativeProfile>\n</VPNProfile>\n';
    const [f] = findingsOf(text, 'missing-element');
    assert.equal(f.text, 'NativeProfile');
    assert.match(f.message, /Servers/);
    const fixed = applyFix(text, 'missing-element');
    assert.equal(fixed, text.replace('  <NativeProfile>\n', '  <NativeProfile>\n    <Servers>vpn.example.com</Servers>\n'));
  });
  it('reports Route without PrefixSize', () => {
    const text = native(AUTH, '  <Route>\n    <Address>10.0.0.0</Address>\n  </Route>\n');
    const [f] = findingsOf(text, 'missing-element');
    assert.equal(f.text, 'Route');
    assert.match(f.message, /PrefixSize/);
    assert.match(applyFix(text, 'missing-element'), /<Address>10\.0\.0\.0<\/Address>\n {4}<PrefixSize>0<\/PrefixSize>\n {2}<\/Route>/);
  });
  it('does not also report a required element that is present under a misspelling', () => {
    const text = native(AUTH, '  <Route>\n    <Address>10.0.0.0</Address>\n    <Prefix>8</Prefix>\n  </Route>\n');
    assert.deepEqual(findingsOf(text, 'missing-element'), []);
    assert.equal(findingsOf(text, 'unknown-element')[0].text, 'Prefix');
  });
  it('is quiet on a complete profile', () => {
    assert.deepEqual(findingsOf(CLEAN_PROFILE, 'missing-element'), []);
  });
});

describe("read-only-element (Microsoft's VPNv2 CSP page: DomainNameType and App/Type are Get-only nodes)", () => {
  const NRPT =
    '  <DomainNameInformation>\n    <DomainName>vpn.example.com</DomainName>\n    <DnsServers>10.0.0.1</DnsServers>\n    <DomainNameType>FQDN</DomainNameType>\n    <Persistent>true</Persistent>\n  </DomainNameInformation>\n';
  const text = native(AUTH, NRPT);
  it('warns on DomainNameType at its start-tag name, with no "did you mean" and no unknown-element', () => {
    const [f] = findingsOf(text, 'read-only-element');
    assert.equal(f.text, 'DomainNameType');
    assert.equal(f.range, '11:5-11:19');
    assert.equal(f.severity, 2);
    assert.match(f.message, /only reports/);
    assert.match(f.message, /leading dot/);
    assert.doesNotMatch(f.message, /did you mean/);
    assert.deepEqual(findingsOf(text, 'unknown-element'), []);
  });
  it('removes the element (its whole line) as the preferred fix', () => {
    assert.equal(quickFixes(text, 'read-only-element')[0].isPreferred, true);
    const fixed = applyFix(text, 'read-only-element');
    assert.equal(fixed, text.replace('    <DomainNameType>FQDN</DomainNameType>\n', ''));
    assert.deepEqual(findingsOf(fixed, 'read-only-element'), []);
  });
  it('reports App/Type under TrafficFilter and AppTrigger, and checks nothing else about them', () => {
    const filter = native(
      AUTH,
      '  <TrafficFilter>\n    <App>\n      <Id>SYSTEM</Id>\n      <Type>system</Type>\n    </App>\n  </TrafficFilter>\n',
    );
    assert.deepEqual(
      findingsOf(filter, 'read-only-element').map((f) => f.text),
      ['Type'],
    );
    assert.deepEqual(
      codes(filter).filter((c) => c === 'non-canonical-value' || c === 'invalid-value'),
      [],
    );
    const trigger = native(
      AUTH,
      '  <AppTrigger>\n    <App>\n      <Id>%ProgramFiles%\\App\\app.exe</Id>\n      <Type>FilePath</Type>\n    </App>\n  </AppTrigger>\n',
    );
    assert.deepEqual(
      findingsOf(trigger, 'read-only-element').map((f) => f.text),
      ['Type'],
    );
  });
  it('reports a read-only node outside its place as read-only, not as a misplaced element to move', () => {
    const stray = native(AUTH, '  <DomainNameType>Suffix</DomainNameType>\n');
    assert.deepEqual(
      findingsOf(stray, 'read-only-element').map((f) => f.text),
      ['DomainNameType'],
    );
    assert.deepEqual(findingsOf(stray, 'misplaced-element'), []);
  });
  it('never suggests a read-only node for an unknown name', () => {
    const typo = native(AUTH, NRPT.replace(/DomainNameType/g, 'DomainNameTyp'));
    const [f] = findingsOf(typo, 'unknown-element');
    assert.doesNotMatch(f.message, /DomainNameType/);
  });
  it('is quiet on the writable elements around it', () => {
    assert.deepEqual(findingsOf(native(AUTH, NRPT.replace('    <DomainNameType>FQDN</DomainNameType>\n', '')), 'read-only-element'), []);
  });
});

describe('profile-type-conflict', () => {
  it('reports both NativeProfile and PluginProfile', () => {
    const text = native(
      AUTH,
      '  <PluginProfile>\n    <ServerUrlList>vpn.example.com</ServerUrlList>\n    <PluginPackageFamilyName>Vendor.App_abc</PluginPackageFamilyName>\n  </PluginProfile>\n',
    );
    const [f] = findingsOf(text, 'profile-type-conflict');
    assert.equal(f.text, 'PluginProfile');
  });
  it('reports a profile with neither', () => {
    const [f] = findingsOf('<VPNProfile>\n  <AlwaysOn>true</AlwaysOn>\n</VPNProfile>', 'profile-type-conflict');
    assert.equal(f.text, 'VPNProfile');
    assert.match(f.message, /neither/);
  });
  it('is quiet for a plug-in profile', () => {
    const text =
      '<VPNProfile>\n  <PluginProfile>\n    <ServerUrlList>vpn.example.com</ServerUrlList>\n    <PluginPackageFamilyName>Vendor.App_abc</PluginPackageFamilyName>\n  </PluginProfile>\n</VPNProfile>\n';
    assert.deepEqual(findingsOf(text, 'profile-type-conflict'), []);
  });
});

describe('accepted spellings from Microsoft examples', () => {
  it('accepts RetryTimeinHours with a non-canonical note and a rename', () => {
    const list =
      '    <ProtocolList>\n      <NativeProtocol>\n        <Type>Ikev2</Type>\n      </NativeProtocol>\n      <RetryTimeinHours>168</RetryTimeinHours>\n    </ProtocolList>\n';
    const text = native(list + AUTH).replace('<NativeProtocolType>IKEv2', '<NativeProtocolType>ProtocolList');
    assert.deepEqual(findingsOf(text, 'unknown-element'), []);
    const found = findingsOf(text, 'non-canonical-value').filter((f) => f.text === 'RetryTimeinHours');
    assert.equal(found.length, 1);
    assert.equal(
      applyFix(text, 'non-canonical-value', 'Rename to RetryTimeInHours'),
      text.replace(/RetryTimeinHours/g, 'RetryTimeInHours'),
    );
  });
});

describe('duplicate-element: routes pasted into one Route', () => {
  it('splits them back into one Route each, keeping every value', () => {
    const text = native(
      AUTH,
      '  <Route>\n    <Address>10.0.0.0</Address>\n    <PrefixSize>8</PrefixSize>\n    <Address>192.168.0.0</Address>\n    <PrefixSize>16</PrefixSize>\n    <ExclusionRoute>true</ExclusionRoute>\n  </Route>\n',
    );
    const fixed = applyFix(text, 'duplicate-element');
    assert.equal(
      fixed,
      native(
        AUTH,
        '  <Route>\n    <Address>10.0.0.0</Address>\n    <PrefixSize>8</PrefixSize>\n  </Route>\n  <Route>\n    <Address>192.168.0.0</Address>\n    <PrefixSize>16</PrefixSize>\n    <ExclusionRoute>true</ExclusionRoute>\n  </Route>\n',
      ),
    );
    assert.deepEqual(findingsOf(fixed, 'duplicate-element'), []);
  });
  it('falls back to removing the extra when the groups are not clean', () => {
    const text = native(
      AUTH,
      '  <Route>\n    <Address>10.0.0.0</Address>\n    <Address>192.168.0.0</Address>\n    <PrefixSize>16</PrefixSize>\n  </Route>\n',
    );
    const [fix] = quickFixes(text, 'duplicate-element');
    assert.match(fix.title, /Remove this extra Address/);
  });
});

// Regressions found by the safe-edit property test (test/corpus/fixRoundtrip.test.ts).
describe('structure fixes keep the text safe', () => {
  it('duplicate-element removes every extra copy at once (fix-all no longer needs a pass per copy)', () => {
    const copy = '    <NativeProtocolType>SSTP</NativeProtocolType>\n';
    const text = native(copy.repeat(3) + AUTH);
    const [fix] = quickFixes(text, 'duplicate-element');
    assert.equal(fix.title, 'Remove the 3 extra NativeProtocolType elements');
    const fixed = applyFix(text, 'duplicate-element');
    assert.equal(fixed, native(AUTH));
    assert.deepEqual(findingsOf(fixed, 'duplicate-element'), []);
  });
  it('a removed element leaves its comments where it was', () => {
    const text = native('    <NativeProtocolType>\n      <!-- SSTP for the hotel wifi -->\n      SSTP\n    </NativeProtocolType>\n' + AUTH);
    assert.equal(applyFix(text, 'duplicate-element'), native('    <!-- SSTP for the hotel wifi -->\n' + AUTH));
  });
  it('misplaced-element does not move a copy into a parent that already has one; an identical stray copy is removed', () => {
    const suite = '    <CryptographySuite>\n      <DHGroup>Group14</DHGroup>\n    </CryptographySuite>\n';
    const same = native(AUTH + suite, '  <DHGroup>Group14</DHGroup>\n');
    const [fix] = quickFixes(same, 'misplaced-element');
    assert.equal(fix.title, 'Remove this misplaced DHGroup (CryptographySuite already has the same)');
    const fixed = applyFix(same, 'misplaced-element');
    assert.equal(fixed, native(AUTH + suite));
    assert.deepEqual([...findingsOf(fixed, 'misplaced-element'), ...findingsOf(fixed, 'duplicate-element')], []);
    // A different value: which one is meant is the author's call; moving it would only make a duplicate.
    assert.deepEqual(quickFixes(native(AUTH + suite, '  <DHGroup>Group2</DHGroup>\n'), 'misplaced-element'), []);
  });
});
