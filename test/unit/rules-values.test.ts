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

// Regressions found by the safe-edit property test (test/corpus/fix-roundtrip.test.ts).
describe('value fixes and suppression around comments', () => {
  it('a value fix replaces the text only: comments among it stay', () => {
    const before = CLEAN_PROFILE.replace('<AlwaysOn>true</AlwaysOn>', '<AlwaysOn><!-- everyone -->True<!-- see ticket 42 --></AlwaysOn>');
    assert.equal(applyFix(before, 'invalid-value'), CLEAN_PROFILE.replace('<AlwaysOn>true</AlwaysOn>', '<AlwaysOn><!-- everyone -->true<!-- see ticket 42 --></AlwaysOn>'));
    const split = CLEAN_PROFILE.replace('<AlwaysOn>true</AlwaysOn>', '<AlwaysOn>Tr<!-- odd -->ue</AlwaysOn>');
    assert.equal(applyFix(split, 'invalid-value'), CLEAN_PROFILE.replace('<AlwaysOn>true</AlwaysOn>', '<AlwaysOn>true<!-- odd --></AlwaysOn>'));
  });
  it('"Disable … for this line" silences a value written on a line of its own', () => {
    const text = CLEAN_PROFILE.replace('<AlwaysOn>true</AlwaysOn>', '<AlwaysOn>\n    True\n  </AlwaysOn>');
    const d = doc(text);
    const diagnostic = service.validate(d).find((x) => x.code === 'invalid-value')!;
    const disable = service.codeActions(d, diagnostic.range, { diagnostics: [diagnostic], only: ['quickfix'] }).find((a) => a.title === 'Disable invalid-value for this line')!;
    const fixed = applyTextEdits(text, disable.edit!.changes![d.uri]);
    assert.equal(fixed, CLEAN_PROFILE.replace('<AlwaysOn>true</AlwaysOn>', '<AlwaysOn>\n    <!-- profilexml-disable-next-line invalid-value -->\n    True\n  </AlwaysOn>'));
    assert.deepEqual(findingsOf(fixed, 'invalid-value'), []);
  });
});
