import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, CLEAN_PROFILE, codes, diagnose, doc, findingsOf, powerShellReady, service, script } from '../helpers/service';
import { looksLikeProfileXml } from '../../server/src/service/profilexml/document';

/** CLEAN_PROFILE (no finding at all) with its root element renamed in both tags. */
const withRoot = (name: string): string => CLEAN_PROFILE.replace('<VPNProfile>', `<${name}>`).replace('</VPNProfile>', `</${name}>`);

// The VPNv2 CSP's ProfileXML schema defines one root element, VPNProfile, and XML matches names
// without case folding (XML 1.0, section 1.2): any other root is not a profile Windows can read.
describe('wrong-root-element (VPNv2 CSP ProfileXML schema: the root is VPNProfile; XML names are case-sensitive)', () => {
  for (const name of ['VpnProfile', 'vpnprofile', 'VPNPROFILE', 'VPNProfiles', 'VPN_Profile', 'VPNProfle', 'VPNPrfoile']) {
    it(`reports <${name}> at the root's name, as an error, and nothing else on an otherwise clean profile`, () => {
      const text = withRoot(name);
      const [f, ...rest] = findingsOf(text, 'wrong-root-element');
      assert.equal(rest.length, 0);
      assert.equal(f.text, name);
      assert.equal(f.range, `0:1-0:${1 + name.length}`);
      assert.equal(f.severity, 1);
      assert.match(f.message, new RegExp(`must be <VPNProfile>.*but it is <${name}>`));
      assert.deepEqual(codes(text), ['wrong-root-element'], 'the profile under the root is still checked, and it is clean');
    });
  }

  it('says so when only the case differs', () => {
    assert.match(findingsOf(withRoot('VpnProfile'), 'wrong-root-element')[0].message, /case-sensitive/);
    assert.doesNotMatch(findingsOf(withRoot('VPNProfiles'), 'wrong-root-element')[0].message, /case-sensitive/);
  });

  it('the fix renames the start and the end tag and leaves every other byte alone', () => {
    const fixed = applyFix(withRoot('VpnProfile'), 'wrong-root-element');
    assert.equal(fixed, CLEAN_PROFILE);
    assert.deepEqual(codes(fixed), []);
  });

  it('keeps checking the profile inside a misnamed root (the other rules still run)', () => {
    const text = withRoot('vpnprofile').replace('<NativeProtocolType>IKEv2<', '<NativeProtocolType>Automatic<');
    assert.deepEqual(codes(text), ['crypto-suite-ignored-automatic', 'wrong-root-element']);
  });

  it('is quiet on VPNProfile', () => {
    assert.deepEqual(findingsOf(CLEAN_PROFILE, 'wrong-root-element'), []);
  });

  it('does not take other XML for a profile: AzVpnProfile (the Azure VPN Client format), unrelated roots', () => {
    for (const name of ['AzVpnProfile', 'Profile', 'VPNProfileList', 'configuration', 'WLANProfile', 'VPNv2']) {
      assert.equal(looksLikeProfileXml(`<${name}><x/></${name}>`), false, name);
      assert.deepEqual(diagnose(`<${name}><x/></${name}>`), [], name);
    }
    for (const name of ['VPNProfile', 'VpnProfile', 'VPNProfiles'])
      assert.equal(looksLikeProfileXml(`<?xml version="1.0"?>\n<!-- c -->\n<${name}/>`), true, name);
  });

  it('completion and hover work under a misnamed root, as under VPNProfile', () => {
    const text = withRoot('VpnProfile');
    const document = doc(text);
    const h = service.hover(document, document.positionAt(text.indexOf('<AlwaysOn>') + 2));
    assert.match(JSON.stringify(h?.contents ?? ''), /AlwaysOn/);
    const at = text.indexOf('  <DnsSuffix>');
    const typed = `${text.slice(0, at)}  <${text.slice(at)}`;
    const typedDoc = doc(typed);
    const list = service.complete(typedDoc, typedDoc.positionAt(at + 3));
    const labels = (Array.isArray(list) ? list : list.items).map((i) => i.label);
    assert.ok(labels.includes('DeviceTunnel'), `element names of VPNProfile are offered: ${labels.slice(0, 10).join(', ')}`);
  });

  it('finds a misnamed root in a profile embedded in a PowerShell here-string, and checks it', async () => {
    await powerShellReady;
    const body = withRoot('VpnProfile');
    const text = `$ProfileXML = @'\n${body}'@\n`;
    const d = script(text);
    const found = service.validate(d).filter((x) => x.code === 'wrong-root-element');
    assert.equal(found.length, 1);
    assert.equal(d.getText(found[0].range), 'VpnProfile');
    assert.equal(found[0].range.start.line, 1);
  });
});
