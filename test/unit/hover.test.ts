import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { schemaIndex } from '../../server/src/service/languageService';
import type { Settings } from '../../server/src/service/settings';
import { CLEAN_PROFILE, doc, service } from '../helpers/service';

/** Hover at the `|` marker: the text of the hovered span and the markdown, or null. */
function hover(marked: string, settings?: Partial<Settings>): { span: string; markdown: string } | null {
  const offset = marked.indexOf('|');
  assert.ok(offset >= 0, 'test text needs a | cursor marker');
  const document = doc(marked.slice(0, offset) + marked.slice(offset + 1));
  const result = service.hover(document, document.positionAt(offset), settings);
  if (!result) return null;
  assert.ok(result.range, 'hover has a range');
  const contents = result.contents;
  assert.ok(typeof contents === 'object' && 'kind' in contents && contents.kind === 'markdown');
  return { span: document.getText(result.range), markdown: contents.value };
}

function mustHover(marked: string, settings?: Partial<Settings>): { span: string; markdown: string } {
  const result = hover(marked, settings);
  assert.ok(result, `expected a hover in:\n${marked}`);
  return result;
}

const schema = schemaIndex();
const def = (path: string) => {
  const d = schema.byPath.get(path);
  assert.ok(d, `schema has ${path}`);
  return d;
};
const PROTOCOL = def('VPNProfile/NativeProfile/NativeProtocolType');
const withTop = (xml: string): string => CLEAN_PROFILE.replace('<VPNProfile>\n', `<VPNProfile>\n  ${xml}\n`);

describe('hover over element names', () => {
  it('explains the element in its start tag: doc, notes, values, default, Windows, sources', () => {
    const h = mustHover(CLEAN_PROFILE.replace('<NativeProtocolType>', '<NativePro|tocolType>'));
    assert.equal(h.span, 'NativeProtocolType');
    assert.ok(h.markdown.includes(PROTOCOL.doc));
    assert.ok(h.markdown.includes(PROTOCOL.notes!));
    assert.ok(h.markdown.includes('`VPNProfile/NativeProfile/NativeProtocolType`'));
    for (const value of PROTOCOL.values!) assert.ok(h.markdown.includes(`\`${value.value}\`: ${value.doc}`), value.value);
    assert.match(h.markdown, /`PPTP`.*weak/);
    assert.match(
      h.markdown,
      /Sources: \[VPNv2 DDF file\]\(https:\/\/learn\.microsoft\.com\/[^)]+\) · .*\[Always On VPN IKEv2 Connection Failure Error Code 800\]\(https:\/\/directaccess\.richardhicks\.com\/[^)]+\) \(Richard M\. Hicks, 2019\)/,
    );
    assert.match(h.markdown, /Minimum Windows:\*\* every Windows version/);
  });

  it('gives the same explanation over the end tag, with the end-tag name as span', () => {
    const start = mustHover(CLEAN_PROFILE.replace('<NativeProtocolType>', '<NativeProtocolType|>'));
    const end = mustHover(CLEAN_PROFILE.replace('</NativeProtocolType>', '</Native|ProtocolType>'));
    assert.equal(end.span, 'NativeProtocolType');
    assert.equal(end.markdown, start.markdown);
  });

  it('names the minimum Windows, scope and default of DeviceTunnel', () => {
    const h = mustHover(withTop('<Device|Tunnel>false</DeviceTunnel>'));
    assert.match(h.markdown, /Minimum Windows:\*\* Windows 10, version 1709 \(10\.0\.16299\)/);
    assert.match(h.markdown, /Scope:\*\* device profiles only/);
    assert.match(h.markdown, /When absent:\*\* `false`/);
    assert.match(h.markdown, /lower case/);
  });

  it('warns when the element needs a newer Windows than the target', () => {
    const text = withTop('<Disable|DisconnectButton>true</DisableDisconnectButton>');
    assert.match(mustHover(text, { targetWindows: 'win10-22h2' }).markdown, /newer than your target Windows 10, version 22H2/);
    assert.doesNotMatch(mustHover(text, { targetWindows: 'win11-24h2' }).markdown, /newer than your target/);
  });

  it("says when an element is outside Microsoft's XSD and repeats what Microsoft's documentation does not confirm", () => {
    const outside = mustHover(withTop('<Network|OutageTime>0</NetworkOutageTime>'));
    assert.match(outside.markdown, /Outside Microsoft's XSD/);
    const unverified = mustHover(withTop('<AlwaysOn|Active>true</AlwaysOnActive>'));
    assert.ok(unverified.markdown.includes(`**Not confirmed:** ${def('VPNProfile/AlwaysOnActive').unverified}`));
  });

  it('describes the value format of list elements', () => {
    assert.match(mustHover(CLEAN_PROFILE.replace('<Servers>', '<Ser|vers>')).markdown, /comma-separated servers/);
  });

  it('points a misplaced element to its place', () => {
    const h = mustHover(withTop('<DH|Group>Group14</DHGroup>'));
    assert.equal(h.span, 'DHGroup');
    assert.match(h.markdown, /belongs under `VPNProfile\/NativeProfile\/CryptographySuite`, not under `VPNProfile`/);
  });

  it('says only that an unknown element is not ProfileXML, with a suggestion for a near miss', () => {
    const unknown = mustHover(withTop('<Foo|Bar>1</FooBar>'));
    assert.equal(unknown.span, 'FooBar');
    assert.match(unknown.markdown, /`FooBar` is not a ProfileXML element/);
    assert.ok(unknown.markdown.length < 120);
    assert.match(mustHover(withTop('<Always|on>true</Alwayson>')).markdown, /Did you mean `AlwaysOn`\?/);
  });
});

describe('hover over values', () => {
  it("gives the value's doc and the element's summary", () => {
    const h = mustHover(CLEAN_PROFILE.replace('>IKEv2<', '>IK|Ev2<'));
    assert.equal(h.span, 'IKEv2');
    assert.ok(h.markdown.includes(PROTOCOL.values!.find((v) => v.value === 'IKEv2')!.doc));
    assert.ok(h.markdown.includes(`**NativeProtocolType**: ${PROTOCOL.doc}`));
  });

  it('marks weak values', () => {
    const h = mustHover(CLEAN_PROFILE.replace('>IKEv2<', '>PP|TP<'));
    assert.match(h.markdown, /Weak/);
  });

  it('names the documented spelling of a value in another case', () => {
    const h = mustHover(CLEAN_PROFILE.replace('>IKEv2<', '>Ikev|2<'));
    assert.equal(h.span, 'Ikev2');
    assert.match(h.markdown, /Documented spelling:\* `IKEv2`/);
  });

  it('lists the allowed values for an unknown one', () => {
    const h = mustHover(CLEAN_PROFILE.replace('<DHGroup>Group14', '<DHGroup>Group|15'));
    assert.match(h.markdown, /`Group15` is not a value of `DHGroup`/);
    assert.match(h.markdown, /`Group14`/);
  });

  it('explains boolean values and their case', () => {
    const h = mustHover(CLEAN_PROFILE.replace('<AlwaysOn>true', '<AlwaysOn>tr|ue'));
    assert.equal(h.span, 'true');
    assert.match(h.markdown, /AlwaysOn/);
    assert.match(mustHover(CLEAN_PROFILE.replace('<AlwaysOn>true', '<AlwaysOn>TR|UE')).markdown, /lower case/);
  });

  it('has nothing for free-text values', () => {
    assert.equal(hover(CLEAN_PROFILE.replace('<DnsSuffix>corp', '<DnsSuffix>co|rp')), null);
  });
});

describe('no hover outside ProfileXML', () => {
  it('has nothing outside the VPNProfile root or in other XML', () => {
    assert.equal(hover(`<!-- ab|out -->\n${CLEAN_PROFILE}`), null);
    assert.equal(hover('<project>\n  <Always|On>true</AlwaysOn>\n</project>'), null);
  });

  it('has nothing in comments or whitespace inside the profile', () => {
    assert.equal(hover(withTop('<!-- Always|On -->')), null);
    assert.equal(hover(CLEAN_PROFILE.replace('  <AlwaysOn>', ' | <AlwaysOn>')), null);
  });

  it('has nothing for elements inside the EAP configuration', () => {
    const eap = CLEAN_PROFILE.replace(
      '      <MachineMethod>Certificate</MachineMethod>\n',
      '      <UserMethod>EAP</UserMethod>\n      <Eap>\n        <Configuration>\n          <EapHost|Config xmlns="http://www.microsoft.com/provisioning/EapHostConfig"></EapHostConfig>\n        </Configuration>\n      </Eap>\n',
    );
    assert.equal(hover(eap), null);
    assert.match(mustHover(eap.replace('|', '').replace('<Configuration>', '<Config|uration>')).markdown, /\*\*Configuration\*\*/);
  });

  it('does not throw in a broken document', () => {
    const broken = '<VPNProfile>\n  <NativeProfile>\n    <NativeProtocolType>IKEv2\n  <Rou';
    for (let i = 0; i <= broken.length; i++) {
      const document = doc(broken);
      service.hover(document, document.positionAt(i));
    }
    assert.equal(mustHover(broken.replace('<NativeProtocolType>', '<Native|ProtocolType>')).span, 'NativeProtocolType');
  });
});

describe('hover over read-only nodes and authentication spellings', () => {
  const AUTH = (inner: string): string => CLEAN_PROFILE.replace('<MachineMethod>Certificate</MachineMethod>', inner);
  it('explains that DomainNameType is read-only (Microsoft VPNv2 CSP: Get only) and that Windows ignores it', () => {
    const h = mustHover(
      withTop(
        '<DomainNameInformation>\n    <DomainName>vpn.example.com</DomainName>\n    <DomainNameT|ype>FQDN</DomainNameType>\n  </DomainNameInformation>',
      ),
    );
    assert.equal(h.span, 'DomainNameType');
    assert.match(h.markdown, /\*Read-only:\*/);
    assert.match(h.markdown, /ignores it in a profile/);
    assert.match(h.markdown, /leading dot/);
    assert.doesNotMatch(h.markdown, /not a ProfileXML element/);
    const stray = mustHover(withTop('<DomainNameT|ype>FQDN</DomainNameType>'));
    assert.match(stray.markdown, /\*Read-only:\*/);
    assert.doesNotMatch(stray.markdown, /Misplaced/);
  });
  it("shows UserMethod Eap as Microsoft's example spelling, not as a misspelling", () => {
    const h = mustHover(AUTH('<UserMethod>Ea|p</UserMethod>'));
    assert.equal(h.span, 'Eap');
    assert.doesNotMatch(h.markdown, /Documented spelling/);
    assert.match(h.markdown, /Microsoft's examples write `Eap`/);
  });
  it("never calls MachineMethod EAP documented: it says Microsoft's list has only Certificate", () => {
    const h = mustHover(AUTH('<UserMethod>EAP</UserMethod><MachineMethod>ea|p</MachineMethod>'));
    assert.doesNotMatch(h.markdown, /Documented spelling/);
    assert.match(h.markdown, /Spelling known to work:\* `EAP` or `Eap`/);
    assert.match(h.markdown, /Not in Microsoft's documented list:\* Microsoft's VPNv2 CSP page lists only Certificate/);
    assert.match(h.markdown, /without regard to case/);
  });
  it('says on the element that Windows reads the authentication methods in any case', () => {
    const h = mustHover(AUTH('<UserMet|hod>EAP</UserMethod>'));
    assert.match(h.markdown, /\*\*Case:\*\* Windows reads the authentication method without regard to case/);
    assert.match(h.markdown, /`EAP`: .*also written `Eap`/);
  });
});
