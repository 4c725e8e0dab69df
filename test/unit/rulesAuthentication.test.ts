import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { authenticationRules } from '../../server/src/service/profilexml/rules/authentication';
import { findStrayRuns } from '../../server/src/service/profilexml/authStrayCharacters';
import { EAP_SKELETON, NPS_NAME_PLACEHOLDER, ROOT_CA_PLACEHOLDER } from '../../server/src/service/profilexml/eapConfig';
import { corpusEntries, FIXTURE_PROFILES_DIR, readCorpusText } from '../helpers/corpus';
import { applyFix, CLEAN_PROFILE, diagnose, findingsOf, quickFixes } from '../helpers/service';

const ERROR = 1;
const WARNING = 2;

function edit(from: string, to: string, base = CLEAN_PROFILE): string {
  assert.ok(base.includes(from), `fixture lacks ${JSON.stringify(from)}`);
  return base.replace(from, to);
}

const MACHINE_CERT = '<MachineMethod>Certificate</MachineMethod>';
const withProtocol = (protocol: string, base: string): string =>
  edit('<NativeProtocolType>IKEv2</NativeProtocolType>', `<NativeProtocolType>${protocol}</NativeProtocolType>`, base);
const withAuthentication = (inner: string, base = CLEAN_PROFILE): string => edit(MACHINE_CERT, inner, base);

/** An EAP-TLS EapHostConfig as Windows exports it (own values), indented for Eap/Configuration in CLEAN_PROFILE. */
const TLS_HOST = `          <EapHostConfig xmlns="http://www.microsoft.com/provisioning/EapHostConfig">
            <EapMethod>
              <Type xmlns="http://www.microsoft.com/provisioning/EapCommon">13</Type>
              <VendorId xmlns="http://www.microsoft.com/provisioning/EapCommon">0</VendorId>
              <VendorType xmlns="http://www.microsoft.com/provisioning/EapCommon">0</VendorType>
              <AuthorId xmlns="http://www.microsoft.com/provisioning/EapCommon">0</AuthorId>
            </EapMethod>
            <Config xmlns="http://www.microsoft.com/provisioning/EapHostConfig">
              <Eap xmlns="http://www.microsoft.com/provisioning/BaseEapConnectionPropertiesV1">
                <Type>13</Type>
                <EapType xmlns="http://www.microsoft.com/provisioning/EapTlsConnectionPropertiesV1">
                  <CredentialsSource>
                    <CertificateStore>
                      <SimpleCertSelection>true</SimpleCertSelection>
                    </CertificateStore>
                  </CredentialsSource>
                  <ServerValidation>
                    <DisableUserPromptForServerValidation>true</DisableUserPromptForServerValidation>
                    <ServerNames>nps.corp.example.com</ServerNames>
                    <TrustedRootCA>d2 d3 8e 1a 44 5b 6c 7d 8e 9f a0 b1 c2 d3 e4 f5 06 17 28 c2 </TrustedRootCA>
                  </ServerValidation>
                  <DifferentUsername>false</DifferentUsername>
                  <PerformServerValidation xmlns="http://www.microsoft.com/provisioning/EapTlsConnectionPropertiesV2">true</PerformServerValidation>
                  <AcceptServerName xmlns="http://www.microsoft.com/provisioning/EapTlsConnectionPropertiesV2">true</AcceptServerName>
                  <TLSExtensions xmlns="http://www.microsoft.com/provisioning/EapTlsConnectionPropertiesV2">
                    <FilteringInfo xmlns="http://www.microsoft.com/provisioning/EapTlsConnectionPropertiesV3">
                      <CAHashList Enabled="true">
                        <IssuerHash>02487d261e10ae9fc6c76e86bb80b0fac04676c4</IssuerHash>
                      </CAHashList>
                    </FilteringInfo>
                  </TLSExtensions>
                </EapType>
              </Eap>
            </Config>
          </EapHostConfig>`;

/** The skeleton the fix inserts, at a given indentation, in this document's two-space style. */
const skeletonAt = (indent: string, skeleton = EAP_SKELETON): string =>
  skeleton
    .split('\n')
    .map((l) => indent + l.replace(/\t/g, '  '))
    .join('\n');

/** The skeleton filled in: a clean PEAP / EAP-TLS configuration. */
const PEAP_HOST = skeletonAt(
  '          ',
  EAP_SKELETON.split(ROOT_CA_PLACEHOLDER)
    .join('fcd6a6536fc62d5dcf3e1fd31f6bf54ea18ccba2')
    .split(NPS_NAME_PLACEHOLDER)
    .join('nps.corp.example.com'),
);

const eapProfile = (host: string, method = 'UserMethod'): string =>
  withAuthentication(`<${method}>EAP</${method}>\n      <Eap>\n        <Configuration>\n${host}\n        </Configuration>\n      </Eap>`);

const TLS_PROFILE = eapProfile(TLS_HOST);
const PEAP_PROFILE = eapProfile(PEAP_HOST);

const mine = (text: string) => {
  const ids = new Set<string>(authenticationRules.ids);
  return diagnose(text).filter((f) => ids.has(f.code));
};

describe('authentication family', () => {
  it('is silent on clean certificate, EAP-TLS and PEAP profiles', () => {
    assert.deepEqual(mine(CLEAN_PROFILE), []);
    assert.deepEqual(mine(TLS_PROFILE), []);
    assert.deepEqual(mine(PEAP_PROFILE), []);
  });
});

describe('unsupported-auth-method', () => {
  const text = withAuthentication('<UserMethod>MSChapv2</UserMethod>');
  it('reports UserMethod MSChapv2 with IKEv2', () => {
    const [f] = findingsOf(text, 'unsupported-auth-method');
    assert.equal(f.text, 'MSChapv2');
    assert.equal(f.severity, ERROR);
    assert.match(f.message, /not supported with IKEv2/);
  });
  it('is quiet with SSTP and with Automatic (which may settle on another protocol)', () => {
    assert.deepEqual(findingsOf(withProtocol('SSTP', text), 'unsupported-auth-method'), []);
    assert.deepEqual(findingsOf(withProtocol('Automatic', text), 'unsupported-auth-method'), []);
  });
  it('never reports a MachineMethod next to a user method, or with SSTP (Intune on Windows 11)', () => {
    const both = eapProfile(TLS_HOST).replace(
      '<UserMethod>EAP</UserMethod>',
      '<UserMethod>EAP</UserMethod>\n      <MachineMethod>EAP</MachineMethod>',
    );
    assert.deepEqual(findingsOf(both, 'unsupported-auth-method'), []);
    assert.deepEqual(findingsOf(withProtocol('SSTP', both), 'unsupported-auth-method'), []);
    assert.deepEqual(findingsOf(withProtocol('SSTP', CLEAN_PROFILE), 'unsupported-auth-method'), []);
  });
});

describe('eap-configuration-missing', () => {
  it('reports a Configuration holding only a placeholder comment and inserts the skeleton after it', () => {
    const comment = '          <!-- Paste the EapHostConfig exported from a working connection here -->';
    const text = eapProfile(comment);
    const [f] = findingsOf(text, 'eap-configuration-missing');
    assert.equal(f.text, 'Configuration');
    assert.equal(f.severity, ERROR);
    assert.match(f.message, /UserMethod is EAP but Eap\/Configuration holds no EapHostConfig/);
    const fixed = applyFix(text, 'eap-configuration-missing');
    assert.equal(fixed, eapProfile(`${comment}\n${skeletonAt('          ')}`));
    assert.deepEqual(findingsOf(fixed, 'eap-configuration-missing'), []);
    // The placeholders stay visible until the administrator fills them in: one placeholder-value each, no invalid-thumbprint beside it.
    assert.deepEqual(
      findingsOf(fixed, 'placeholder-value').map((x) => x.text),
      [ROOT_CA_PLACEHOLDER, ROOT_CA_PLACEHOLDER],
    );
    assert.deepEqual(findingsOf(fixed, 'invalid-thumbprint'), []);
  });
  it('creates Eap/Configuration when the EAP method has no Eap element (range on the method value)', () => {
    const text = withAuthentication('<UserMethod>EAP</UserMethod>');
    const [f] = findingsOf(text, 'eap-configuration-missing');
    assert.equal(f.text, 'EAP');
    assert.match(f.message, /there is no Eap\/Configuration/);
    const fixed = applyFix(text, 'eap-configuration-missing');
    assert.equal(
      fixed,
      withAuthentication(
        `<UserMethod>EAP</UserMethod>\n      <Eap>\n        <Configuration>\n${skeletonAt('          ')}\n        </Configuration>\n      </Eap>`,
      ),
    );
    assert.deepEqual(findingsOf(fixed, 'eap-configuration-missing'), []);
  });
  it('creates Configuration inside an empty Eap', () => {
    const text = withAuthentication('<UserMethod>EAP</UserMethod>\n      <Eap>\n      </Eap>');
    const fixed = applyFix(text, 'eap-configuration-missing');
    assert.equal(fixed, eapProfile(skeletonAt('          ')));
  });
  it('reports a MachineMethod EAP as well', () => {
    const [f] = findingsOf(withAuthentication('<MachineMethod>EAP</MachineMethod>'), 'eap-configuration-missing');
    assert.equal(f.text, 'EAP');
    assert.match(f.message, /^MachineMethod is EAP/);
  });
  it('accepts an EapHostConfig written entity-escaped inside Configuration (the CSP node format) without looking into it', () => {
    const escaped = TLS_HOST.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    const text = eapProfile(escaped);
    assert.deepEqual(mine(text), []);
  });
  it('accepts a prefixed EapHostConfig', () => {
    const prefixed =
      '          <q1:EapHostConfig xmlns:q1="http://www.microsoft.com/provisioning/EapHostConfig"><q1:EapMethod><Type xmlns="http://www.microsoft.com/provisioning/EapCommon">13</Type></q1:EapMethod></q1:EapHostConfig>';
    assert.deepEqual(findingsOf(eapProfile(prefixed), 'eap-configuration-missing'), []);
  });
  it('is quiet without an EAP method', () => {
    assert.deepEqual(findingsOf(CLEAN_PROFILE, 'eap-configuration-missing'), []);
    assert.deepEqual(findingsOf(TLS_PROFILE, 'eap-configuration-missing'), []);
  });
});

describe('eap-server-validation-off', () => {
  it('reports PerformServerValidation false on the EAP-TLS method', () => {
    const text = edit(
      'EapTlsConnectionPropertiesV2">true</PerformServerValidation>',
      'EapTlsConnectionPropertiesV2">false</PerformServerValidation>',
      TLS_PROFILE,
    );
    const [f] = findingsOf(text, 'eap-server-validation-off');
    assert.equal(f.text, 'false');
    assert.equal(f.severity, WARNING);
    assert.match(f.message, /PerformServerValidation is false/);
  });
  it('reports PerformServerValidation false in the PEAP extensions', () => {
    const text = edit(
      'MsPeapConnectionPropertiesV2">true</PerformServerValidation>',
      'MsPeapConnectionPropertiesV2">false</PerformServerValidation>',
      PEAP_PROFILE,
    );
    const [f] = findingsOf(text, 'eap-server-validation-off');
    assert.equal(f.text, 'false');
    assert.equal(f.range.split(':')[0], String(text.slice(0, text.indexOf('MsPeapConnectionPropertiesV2">false')).split('\n').length - 1));
  });
  it('reports a ServerValidation with neither TrustedRootCA nor a non-blank ServerNames', () => {
    const text = edit(
      '<ServerNames>nps.corp.example.com</ServerNames>',
      '<ServerNames>\n                    </ServerNames>',
      edit(
        '\n                    <TrustedRootCA>d2 d3 8e 1a 44 5b 6c 7d 8e 9f a0 b1 c2 d3 e4 f5 06 17 28 c2 </TrustedRootCA>',
        '',
        TLS_PROFILE,
      ),
    );
    const [f] = findingsOf(text, 'eap-server-validation-off');
    assert.equal(f.text, 'ServerValidation');
    assert.match(f.message, /neither a trusted root CA \(TrustedRootCA\) nor the NPS server \(ServerNames\)/);
  });
  it('reports on EapHostConfig when the outer method has no ServerValidation at all', () => {
    const start = TLS_PROFILE.indexOf('                  <ServerValidation>');
    const end = TLS_PROFILE.indexOf('</ServerValidation>\n') + '</ServerValidation>\n'.length;
    const text = TLS_PROFILE.slice(0, start) + TLS_PROFILE.slice(end);
    assert.equal(findingsOf(text, 'eap-server-validation-off')[0].text, 'EapHostConfig');
  });
  it('is quiet with only a root CA, with only server names, and for the inner method of PEAP', () => {
    const rootOnly = edit('<ServerNames>nps.corp.example.com</ServerNames>', '<ServerNames> </ServerNames>', TLS_PROFILE);
    assert.deepEqual(findingsOf(rootOnly, 'eap-server-validation-off'), []);
    const namesOnly = edit('<TrustedRootCA>d2 d3 8e 1a 44 5b 6c 7d 8e 9f a0 b1 c2 d3 e4 f5 06 17 28 c2 </TrustedRootCA>', '', TLS_PROFILE);
    assert.deepEqual(findingsOf(namesOnly, 'eap-server-validation-off'), []);
    const inner = edit(
      'EapTlsConnectionPropertiesV2">true</PerformServerValidation>',
      'EapTlsConnectionPropertiesV2">false</PerformServerValidation>',
      PEAP_PROFILE,
    );
    assert.deepEqual(findingsOf(inner, 'eap-server-validation-off'), []);
  });
  it('is quiet for EAP-MSCHAPv2 alone, which has no server certificate to validate', () => {
    const host = TLS_HOST.replace(/>13</g, '>26<');
    const noValidation = host.replace(/\s*<ServerValidation>[\s\S]*<\/ServerValidation>/, '');
    assert.deepEqual(findingsOf(eapProfile(noValidation), 'eap-server-validation-off'), []);
  });
});

describe('invalid-thumbprint', () => {
  const root = '<TrustedRootCA>d2 d3 8e 1a 44 5b 6c 7d 8e 9f a0 b1 c2 d3 e4 f5 06 17 28 c2 </TrustedRootCA>';
  const withRoot = (value: string): string => edit(root, `<TrustedRootCA>${value}</TrustedRootCA>`, TLS_PROFILE);
  it('reports a TrustedRootCA with a digit missing', () => {
    const text = withRoot('d2d38e1a445b6c7d8e9fa0b1c2d3e4f5061728c');
    const [f] = findingsOf(text, 'invalid-thumbprint');
    assert.equal(f.text, 'd2d38e1a445b6c7d8e9fa0b1c2d3e4f5061728c');
    assert.equal(f.severity, ERROR);
    assert.match(f.message, /39 hexadecimal digits instead of 40/);
  });
  it('recognises a SHA-256 hash', () => {
    const [f] = findingsOf(withRoot('9e3c1f0b7a52d846e1b09c7d35fa6e2184c0b5d93a7f12e6c48d0b95a3e7f261'), 'invalid-thumbprint');
    assert.match(f.message, /SHA-256/);
  });
  it('names characters that are not hexadecimal', () => {
    const [f] = findingsOf(withRoot('d2:d3:8e:1a:44:5b:6c:7d:8e:9f:a0:b1:c2:d3:e4:f5:06:17:28:c2'), 'invalid-thumbprint');
    assert.match(f.message, /not hexadecimal \(:\)/);
  });
  it('reports spacing that is not one space between byte pairs', () => {
    const [f] = findingsOf(withRoot('d2d 38e1a445b6c7d8e9fa0b1c2d3e4f5061728c2'), 'invalid-thumbprint');
    assert.match(f.message, /spacing/);
  });
  it('reports an IssuerHash inside the EAP certificate filter', () => {
    const text = edit(
      '<IssuerHash>02487d261e10ae9fc6c76e86bb80b0fac04676c4</IssuerHash>',
      '<IssuerHash>02487d261e10ae9fc6c76e86bb80b0fac04676</IssuerHash>',
      TLS_PROFILE,
    );
    assert.equal(findingsOf(text, 'invalid-thumbprint')[0].text, '02487d261e10ae9fc6c76e86bb80b0fac04676');
  });
  it('accepts the forms Windows and administrators write', () => {
    for (const value of [
      'd2 d3 8e 1a 44 5b 6c 7d 8e 9f a0 b1 c2 d3 e4 f5 06 17 28 c2 ',
      'D2D38E1A445B6C7D8E9FA0B1C2D3E4F5061728C2',
      'd2d38e1a445b6c7d8e9fa0b1c2d3e4f5061728c2',
      '',
    ]) {
      assert.deepEqual(findingsOf(withRoot(value), 'invalid-thumbprint'), [], value);
    }
  });
  it('names an invisible U+200E LEFT-TO-RIGHT MARK (copied from the Windows certificate dialog) and removes it', () => {
    const digits = 'd2 d3 8e 1a 44 5b 6c 7d 8e 9f a0 b1 c2 d3 e4 f5 06 17 28 c2';
    const text = withRoot(`\u200e${digits}`);
    const [f] = findingsOf(text, 'invalid-thumbprint');
    assert.match(f.message, /U\+200E LEFT-TO-RIGHT MARK, which the Windows certificate dialog adds when a thumbprint is copied from it/);
    assert.match(f.message, /at the start of the value/);
    assert.doesNotMatch(f.message, /\u200e/);
    assert.equal(quickFixes(text, 'invalid-thumbprint')[0].isPreferred, true);
    assert.equal(applyFix(text, 'invalid-thumbprint'), withRoot(digits));
  });
  it('names other invisible and control characters by code point and name', () => {
    const [zw] = findingsOf(withRoot('d2d38e1a445b\u200b6c7d8e9fa0b1c2d3e4f5061728c2'), 'invalid-thumbprint');
    assert.match(zw.message, /U\+200B ZERO WIDTH SPACE/);
    assert.match(zw.message, /after the 12th hexadecimal digit/);
    const [rtl] = findingsOf(withRoot('&#x202E;d2d38e1a445b6c7d8e9fa0b1c2d3e4f5061728c2'), 'invalid-thumbprint');
    assert.match(rtl.message, /U\+202E RIGHT-TO-LEFT OVERRIDE/);
    const [c1] = findingsOf(withRoot('d2d38e1a445b6c7d8e9fa0b1c2d3e4f5061728c2&#x85;x'), 'invalid-thumbprint');
    assert.match(c1.message, /U\+0085 a control character/);
    assert.match(c1.message, /not hexadecimal \(x\)/);
  });
  it('offers no removal when the digits are wrong anyway', () => {
    assert.deepEqual(quickFixes(withRoot('\u200ed2d38e1a445b6c7d8e9fa0b1c2d3e4f5061728'), 'invalid-thumbprint'), []);
  });
  it('names the character in DeviceCompliance/Sso/IssuerHash too, and fixes it there', () => {
    const sso = (hash: string): string =>
      edit(
        '<VPNProfile>\n',
        `<VPNProfile>\n  <DeviceCompliance>\n    <Enabled>true</Enabled>\n    <Sso>\n      <Enabled>true</Enabled>\n      <IssuerHash>${hash}</IssuerHash>\n    </Sso>\n  </DeviceCompliance>\n`,
        TLS_PROFILE,
      );
    const good = '7c4e91b2f05da386e41c9b07a2d58f13e96b0c4a;e2975d0c3b18f46a8d21c7e05b93f4a61d8c2e70';
    const text = sso(`7c4e91b2f05da386e41c9b07a2d58f13e96b0c4a;\u200ee2975d0c3b18f46a8d21c7e05b93f4a61d8c2e70`);
    const [f] = findingsOf(text, 'invalid-thumbprint');
    assert.match(f.message, /U\+200E LEFT-TO-RIGHT MARK/);
    assert.match(f.message, /In the entry "e297/);
    assert.equal(applyFix(text, 'invalid-thumbprint'), sso(good));
    assert.deepEqual(findingsOf(sso(good), 'invalid-thumbprint'), []);
  });
  it('leaves DeviceCompliance/Sso/IssuerHash to the value rules (one finding, not two)', () => {
    const text = edit(
      '<VPNProfile>\n',
      '<VPNProfile>\n  <DeviceCompliance>\n    <Enabled>true</Enabled>\n    <Sso>\n      <Enabled>true</Enabled>\n      <IssuerHash>xyz</IssuerHash>\n    </Sso>\n  </DeviceCompliance>\n',
      TLS_PROFILE,
    );
    assert.equal(findingsOf(text, 'invalid-thumbprint').length, 1);
  });
});

describe('eap-namespace', () => {
  const TLS_V2 = 'http://www.microsoft.com/provisioning/EapTlsConnectionPropertiesV2';
  it('reports https:// and fixes it to the exact URI', () => {
    const text = edit(`<TLSExtensions xmlns="${TLS_V2}">`, `<TLSExtensions xmlns="${TLS_V2.replace('http:', 'https:')}">`, TLS_PROFILE);
    const [f] = findingsOf(text, 'eap-namespace');
    assert.equal(f.text, TLS_V2.replace('http:', 'https:'));
    assert.equal(f.severity, ERROR);
    assert.match(f.message, /https:\/\//);
    assert.match(f.message, /character for character/);
    const fixed = applyFix(text, 'eap-namespace');
    assert.equal(fixed, TLS_PROFILE);
    assert.deepEqual(findingsOf(fixed, 'eap-namespace'), []);
  });
  it('reads a URI broken across lines as one URI: the fix replaces its last segment, not the whole URI after the prefix', () => {
    const broken = TLS_V2.replace('EapTlsC', 'EapTlsC\n');
    const text = edit(`<TLSExtensions xmlns="${TLS_V2}">`, `<TLSExtensions xmlns="${broken}">`, TLS_PROFILE);
    assert.equal(findingsOf(text, 'eap-namespace').length, 1);
    const fixed = applyFix(text, 'eap-namespace');
    assert.equal(fixed, TLS_PROFILE);
    assert.deepEqual(findingsOf(fixed, 'eap-namespace'), []);
  });
  it('restores a missing version suffix from the element the namespace is for', () => {
    const bare = 'http://www.microsoft.com/provisioning/EapTlsConnectionProperties';
    const text = edit(
      `<FilteringInfo xmlns="http://www.microsoft.com/provisioning/EapTlsConnectionPropertiesV3">`,
      `<FilteringInfo xmlns="${bare}">`,
      TLS_PROFILE,
    );
    const [f] = findingsOf(text, 'eap-namespace');
    assert.equal(f.text, bare);
    assert.match(f.message, /version suffix is missing \(EapTlsConnectionPropertiesV3\)/);
    assert.equal(applyFix(text, 'eap-namespace'), TLS_PROFILE);
    const perform = edit(`<PerformServerValidation xmlns="${TLS_V2}">`, `<PerformServerValidation xmlns="${bare}">`, TLS_PROFILE);
    assert.equal(applyFix(perform, 'eap-namespace'), TLS_PROFILE);
  });
  it('corrects a typo and a wrong host', () => {
    const typo = edit(
      '<EapHostConfig xmlns="http://www.microsoft.com/provisioning/EapHostConfig">',
      '<EapHostConfig xmlns="http://www.microsoft.com/provisioning/EapHostConfg">',
      TLS_PROFILE,
    );
    assert.match(findingsOf(typo, 'eap-namespace')[0].message, /looks like a typo of EapHostConfig/);
    assert.equal(applyFix(typo, 'eap-namespace'), TLS_PROFILE);
    const host = edit(
      '<Config xmlns="http://www.microsoft.com/provisioning/EapHostConfig">',
      '<Config xmlns="http://microsoft.com/provisioning/EapHostConfig">',
      TLS_PROFILE,
    );
    assert.match(findingsOf(host, 'eap-namespace')[0].message, /host must be www\.microsoft\.com/);
    assert.equal(applyFix(host, 'eap-namespace'), TLS_PROFILE);
  });
  it('checks prefixed declarations and picks the version from the elements using the prefix', () => {
    const text = edit(
      '<Eap xmlns="http://www.microsoft.com/provisioning/BaseEapConnectionPropertiesV1">\n                <Type>13</Type>',
      '<b:Eap xmlns:b="https://www.microsoft.com/provisioning/BaseEapConnectionProperties">\n                <b:Type>13</b:Type>',
      TLS_PROFILE,
    ).replace('              </Eap>\n            </Config>', '              </b:Eap>\n            </Config>');
    const [f] = findingsOf(text, 'eap-namespace');
    assert.equal(f.text, 'https://www.microsoft.com/provisioning/BaseEapConnectionProperties');
    assert.match(f.message, /https/);
    assert.match(f.message, /version suffix is missing/);
    assert.match(applyFix(text, 'eap-namespace'), /xmlns:b="http:\/\/www\.microsoft\.com\/provisioning\/BaseEapConnectionPropertiesV1"/);
  });
  it('does not mistake real Windows namespaces, newer versions or foreign namespaces for typos', () => {
    const ttls = edit(
      'xmlns="http://www.microsoft.com/provisioning/EapTlsConnectionPropertiesV1"',
      'xmlns="http://www.microsoft.com/provisioning/EapTtlsConnectionPropertiesV1"',
      TLS_PROFILE,
    );
    assert.deepEqual(findingsOf(ttls, 'eap-namespace'), []);
    const newer = edit(
      `<TLSExtensions xmlns="${TLS_V2}">`,
      '<TLSExtensions xmlns="http://www.microsoft.com/provisioning/EapTlsConnectionPropertiesV4">',
      TLS_PROFILE,
    );
    assert.deepEqual(findingsOf(newer, 'eap-namespace'), []);
    const foreign = edit(
      '<EapHostConfig xmlns="http://www.microsoft.com/provisioning/EapHostConfig">',
      '<EapHostConfig xmlns="http://www.microsoft.com/provisioning/EapHostConfig" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:v="urn:vendor:eap:config">',
      TLS_PROFILE,
    );
    assert.deepEqual(findingsOf(foreign, 'eap-namespace'), []);
    assert.deepEqual(findingsOf(TLS_PROFILE, 'eap-namespace'), []);
  });
});

describe('stray-characters', () => {
  it('reports a non-breaking space in a value and replaces it with a plain space', () => {
    const text = edit(
      '<TrustedNetworkDetection>corp.example.com</TrustedNetworkDetection>',
      '<TrustedNetworkDetection>corp.example.com,\u00A0lab.example.com</TrustedNetworkDetection>',
    );
    const [f] = findingsOf(text, 'stray-characters');
    assert.equal(f.text, '\u00A0');
    assert.equal(f.range, '3:44-3:45');
    assert.equal(f.severity, WARNING);
    assert.match(f.message, /^The value of TrustedNetworkDetection contains a non-breaking space/);
    assert.match(f.message, /U\+00A0/);
    const fixed = applyFix(text, 'stray-characters');
    assert.equal(
      fixed,
      edit(
        '<TrustedNetworkDetection>corp.example.com</TrustedNetworkDetection>',
        '<TrustedNetworkDetection>corp.example.com, lab.example.com</TrustedNetworkDetection>',
      ),
    );
    assert.deepEqual(findingsOf(fixed, 'stray-characters'), []);
  });
  it('removes zero-width characters, including a byte-order mark inside a value', () => {
    const zw = edit('<Servers>vpn.example.com;', '<Servers>vpn.example.com\u200B\u200D;');
    const [f] = findingsOf(zw, 'stray-characters');
    assert.equal(f.text, '\u200B\u200D');
    assert.match(f.message, /zero-width/);
    assert.equal(applyFix(zw, 'stray-characters'), CLEAN_PROFILE);
    const bom = edit('<DnsSuffix>corp', '<DnsSuffix>\uFEFFcorp');
    assert.equal(applyFix(bom, 'stray-characters'), CLEAN_PROFILE);
  });
  it('ignores the byte-order mark at the start of the file', () => {
    assert.deepEqual(findingsOf('\uFEFF' + CLEAN_PROFILE, 'stray-characters'), []);
  });
  it('reports typographic quotes and replaces them with plain ones', () => {
    const text = edit(
      '<ServerNames>nps.corp.example.com</ServerNames>',
      '<ServerNames>\u201Cnps.corp.example.com\u201D</ServerNames>',
      TLS_PROFILE,
    );
    const found = findingsOf(text, 'stray-characters');
    assert.deepEqual(
      found.map((f) => f.text),
      ['\u201C', '\u201D'],
    );
    assert.match(found[0].message, /typographic \(curly\) quote/);
    const once = applyFix(text, 'stray-characters');
    assert.equal(
      applyFix(once, 'stray-characters'),
      edit('<ServerNames>nps.corp.example.com</ServerNames>', '<ServerNames>"nps.corp.example.com"</ServerNames>', TLS_PROFILE),
    );
  });
  it('checks attribute values and escapes a quote that matches the delimiter', () => {
    const text = edit('<CAHashList Enabled="true">', '<CAHashList Enabled="true\u200B">', TLS_PROFILE);
    const [f] = findingsOf(text, 'stray-characters');
    assert.match(f.message, /^The Enabled attribute of CAHashList/);
    assert.equal(applyFix(text, 'stray-characters'), TLS_PROFILE);
    const source = 'a="\u201Cx\u201D"';
    assert.deepEqual(
      findStrayRuns(source, 3, 6, '"').map((r) => r.replacement),
      ['&quot;', '&quot;'],
    );
    assert.deepEqual(
      findStrayRuns("a='\u2018x\u2019'", 3, 6, "'").map((r) => r.replacement),
      ['&apos;', '&apos;'],
    );
  });
  it('reports HTML escaped twice and undoes one level', () => {
    const text = eapProfile('          &amp;lt;EapHostConfig&amp;gt;&amp;lt;/EapHostConfig&amp;gt;');
    const found = findingsOf(text, 'stray-characters');
    assert.deepEqual(
      found.map((f) => f.text),
      ['&amp;lt;', '&amp;gt;&amp;lt;', '&amp;gt;'],
    );
    assert.match(found[0].message, /HTML escaped twice/);
    assert.equal(applyFix(text, 'stray-characters'), eapProfile('          &lt;EapHostConfig&amp;gt;&amp;lt;/EapHostConfig&amp;gt;'));
  });
  it('reports a character reference to a non-breaking space', () => {
    const text = edit('<DnsSuffix>corp.example.com</DnsSuffix>', '<DnsSuffix>corp.example.com&#160;</DnsSuffix>');
    const [f] = findingsOf(text, 'stray-characters');
    assert.equal(f.text, '&#160;');
    assert.equal(
      applyFix(text, 'stray-characters'),
      edit('<DnsSuffix>corp.example.com</DnsSuffix>', '<DnsSuffix>corp.example.com </DnsSuffix>'),
    );
  });
  it('is quiet on a single &amp;, on comments and on a single-escaped EapHostConfig', () => {
    assert.deepEqual(findingsOf(edit('<VPNProfile>\n', '<VPNProfile>\n  <EdpModeId>R&amp;D</EdpModeId>\n'), 'stray-characters'), []);
    assert.deepEqual(
      findingsOf(edit('<VPNProfile>\n', '<VPNProfile>\n  <!-- copied\u00A0from \u201Cthe docs\u201D -->\n'), 'stray-characters'),
      [],
    );
    assert.deepEqual(
      findingsOf(
        eapProfile(
          '          &lt;EapHostConfig xmlns=&quot;http://www.microsoft.com/provisioning/EapHostConfig&quot;&gt;&lt;/EapHostConfig&gt;',
        ),
        'stray-characters',
      ),
      [],
    );
  });
});

// ------------------------------------------------------------------------------------------------
describe("the repository's profiles (test/fixtures/profiles)", () => {
  const entries = corpusEntries(FIXTURE_PROFILES_DIR);
  it('profiles marked valid get no error-severity finding from the authentication rules', () => {
    const valid = entries.filter((e) => e.expect === 'valid');
    assert.ok(valid.length >= 10);
    for (const { file } of valid) {
      const errors = mine(readCorpusText(file, FIXTURE_PROFILES_DIR)).filter((f) => f.severity === ERROR);
      assert.deepEqual(errors, [], file);
    }
  });
  it('accepts an EapHostConfig written entity-escaped as the text of Configuration', () => {
    const text = readCorpusText('user-sstp-escaped-eap-configuration.xml', FIXTURE_PROFILES_DIR);
    assert.match(text, /<Configuration>&lt;EapHostConfig xmlns=/);
    assert.deepEqual(mine(text), []);
  });
  it('checks every profile without throwing', () => {
    for (const { file } of entries) assert.doesNotThrow(() => diagnose(readCorpusText(file, FIXTURE_PROFILES_DIR)), file);
  });
});

describe('eap-namespace: robustness', () => {
  it('does not throw on a namespace URI that contains a line break, and its fix writes the namespace once', () => {
    const text = `<VPNProfile>
  <NativeProfile>
    <Servers>vpn.example.com</Servers>
    <NativeProtocolType>IKEv2</NativeProtocolType>
    <Authentication>
      <UserMethod>EAP</UserMethod>
      <Eap><Configuration><EapHostConfig xmlns="http://www.microsoft.com/provisioning/EapHostConfig"><EapMethod><Type xmlns="http://www.microsoft.com/provisioning/Eap
Common">25</Type></EapMethod></EapHostConfig></Configuration></Eap>
    </Authentication>
  </NativeProfile>
</VPNProfile>
`;
    const found = diagnose(text);
    assert.ok(
      found.some((f) => f.code === 'eap-namespace'),
      JSON.stringify(found.map((f) => f.code)),
    );
    // The fix writes the namespace once: the text after the last slash is the name (no prefix in front of a prefix).
    const fixed = applyFix(text, 'eap-namespace');
    assert.match(fixed, /<Type xmlns="http:\/\/www\.microsoft\.com\/provisioning\/EapCommon">25<\/Type>/);
    assert.deepEqual(findingsOf(fixed, 'eap-namespace'), []);
  });
});
