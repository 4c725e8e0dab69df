import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cryptoRules } from '../../server/src/service/profilexml/rules/crypto';
import { corpusEntries, FIXTURE_PROFILES_DIR, readCorpusText } from '../helpers/corpus';
import { applyFix, CLEAN_PROFILE, diagnose, findingsOf, fixAll, quickFixes } from '../helpers/service';

const ERROR = 1;
const WARNING = 2;
const INFORMATION = 3;

/** CLEAN_PROFILE with one exact piece of text replaced (fails loudly when the piece is absent). */
function edit(from: string, to: string, base = CLEAN_PROFILE): string {
  assert.ok(base.includes(from), `fixture lacks ${JSON.stringify(from)}`);
  return base.replace(from, to);
}

const SUITE_BLOCK = `    <CryptographySuite>
      <AuthenticationTransformConstants>SHA256128</AuthenticationTransformConstants>
      <CipherTransformConstants>AES128</CipherTransformConstants>
      <PfsGroup>PFS2048</PfsGroup>
      <DHGroup>Group14</DHGroup>
      <IntegrityCheckMethod>SHA256</IntegrityCheckMethod>
      <EncryptionMethod>AES128</EncryptionMethod>
    </CryptographySuite>
`;
const NO_SUITE = edit(SUITE_BLOCK, '');
const withProtocol = (protocol: string, base = CLEAN_PROFILE): string =>
  edit('<NativeProtocolType>IKEv2</NativeProtocolType>', `<NativeProtocolType>${protocol}</NativeProtocolType>`, base);
const withSuiteValue = (element: string, value: string, base = CLEAN_PROFILE): string =>
  base.replace(new RegExp(`<${element}>[^<]*</${element}>`), `<${element}>${value}</${element}>`);
const withTop = (xml: string, base = CLEAN_PROFILE): string => edit('<VPNProfile>\n', `<VPNProfile>\n  ${xml}\n`, base);
const afterProtocol = (xml: string, base = CLEAN_PROFILE): string =>
  edit('<NativeProtocolType>IKEv2</NativeProtocolType>\n', `<NativeProtocolType>IKEv2</NativeProtocolType>\n    ${xml}\n`, base);

describe('crypto family', () => {
  it('is silent on the clean profile', () => {
    const ids = new Set<string>(cryptoRules.ids);
    assert.deepEqual(
      diagnose(CLEAN_PROFILE).filter((f) => ids.has(f.code)),
      [],
    );
  });
});

describe('protocol-list-mismatch', () => {
  it('reports NativeProtocolType ProtocolList without a ProtocolList element', () => {
    const [f] = findingsOf(withProtocol('ProtocolList'), 'protocol-list-mismatch');
    assert.equal(f.text, 'ProtocolList');
    assert.equal(f.range, '7:24-7:36');
    assert.equal(f.severity, ERROR);
    assert.match(f.message, /no <ProtocolList> element/);
  });
  it('reports a ProtocolList element while NativeProtocolType names one protocol', () => {
    const text = afterProtocol('<ProtocolList>\n      <NativeProtocol><Type>Ikev2</Type></NativeProtocol>\n    </ProtocolList>');
    const [f] = findingsOf(text, 'protocol-list-mismatch');
    assert.equal(f.text, 'ProtocolList');
    assert.equal(f.range, '8:5-8:17');
    assert.match(f.message, /NativeProtocolType is IKEv2/);
    assert.match(f.message, /ignores this list/);
  });
  it('rates a list next to a concrete protocol a warning (Windows uses the named protocol and ignores the list), any protocol', () => {
    for (const protocol of ['IKEv2', 'SSTP', 'Automatic']) {
      const text = withProtocol(
        protocol,
        afterProtocol('<ProtocolList>\n      <NativeProtocol><Type>Ikev2</Type></NativeProtocol>\n    </ProtocolList>'),
      );
      const found = findingsOf(text, 'protocol-list-mismatch');
      assert.deepEqual(
        found.map((f) => [f.text, f.severity]),
        [['ProtocolList', WARNING]],
        protocol,
      );
    }
  });
  it('keeps the error for NativeProtocolType ProtocolList without the list, and a user setting still wins', () => {
    assert.equal(findingsOf(withProtocol('ProtocolList'), 'protocol-list-mismatch')[0].severity, ERROR);
    const text = afterProtocol('<ProtocolList>\n      <NativeProtocol><Type>Ikev2</Type></NativeProtocol>\n    </ProtocolList>');
    assert.equal(findingsOf(text, 'protocol-list-mismatch', { rules: { 'protocol-list-mismatch': 'error' } })[0].severity, ERROR);
  });
  it('leaves a list without any NativeProtocolType to native-protocol-type-missing (one finding for one gap)', () => {
    const text = edit(
      '    <NativeProtocolType>IKEv2</NativeProtocolType>\n',
      '    <ProtocolList>\n      <NativeProtocol><Type>Ikev2</Type></NativeProtocol>\n    </ProtocolList>\n',
    );
    assert.deepEqual(findingsOf(text, 'protocol-list-mismatch'), []);
    assert.equal(findingsOf(text, 'native-protocol-type-missing').length, 1);
  });
  it('is quiet when the value and the element agree', () => {
    const text = withProtocol(
      'ProtocolList',
      afterProtocol(
        '<ProtocolList>\n      <NativeProtocol><Type>Ikev2</Type></NativeProtocol>\n      <NativeProtocol><Type>Sstp</Type></NativeProtocol>\n    </ProtocolList>',
      ),
    );
    assert.deepEqual(findingsOf(text, 'protocol-list-mismatch'), []);
    assert.deepEqual(findingsOf(CLEAN_PROFILE, 'protocol-list-mismatch'), []);
  });
});

describe('crypto-suite-ignored-automatic', () => {
  const text = withProtocol('Automatic');
  it('reports a CryptographySuite under Automatic on the Automatic value (error 800)', () => {
    const found = findingsOf(text, 'crypto-suite-ignored-automatic');
    assert.equal(found.length, 1);
    assert.equal(found[0].text, 'Automatic');
    assert.equal(found[0].range, '7:24-7:33');
    assert.equal(found[0].severity, WARNING);
    assert.match(found[0].message, /ignores the CryptographySuite/);
    assert.match(found[0].message, /error 800/);
    assert.match(found[0].message, /NO_PROPOSAL_CHOSEN/);
  });
  it('does not also report ikev2-default-crypto', () => {
    assert.deepEqual(findingsOf(text, 'ikev2-default-crypto'), []);
  });
  it('fixes by setting IKEv2 and changes nothing else', () => {
    const fixed = applyFix(text, 'crypto-suite-ignored-automatic');
    assert.equal(
      fixed,
      text.replace('<NativeProtocolType>Automatic</NativeProtocolType>', '<NativeProtocolType>IKEv2</NativeProtocolType>'),
    );
    assert.equal(fixed, CLEAN_PROFILE);
    assert.deepEqual(findingsOf(fixed, 'crypto-suite-ignored-automatic'), []);
  });
  it('keeps CRLF line endings and the rest byte-identical', () => {
    const crlf = text.replace(/\n/g, '\r\n');
    assert.equal(applyFix(crlf, 'crypto-suite-ignored-automatic'), CLEAN_PROFILE.replace(/\n/g, '\r\n'));
  });
  it('is quiet with IKEv2, and with Automatic but no suite', () => {
    assert.deepEqual(findingsOf(CLEAN_PROFILE, 'crypto-suite-ignored-automatic'), []);
    assert.deepEqual(findingsOf(withProtocol('Automatic', NO_SUITE), 'crypto-suite-ignored-automatic'), []);
  });
});

describe('ikev2-default-crypto', () => {
  it('reports IKEv2 without a CryptographySuite on the protocol value', () => {
    const [f] = findingsOf(NO_SUITE, 'ikev2-default-crypto');
    assert.equal(f.text, 'IKEv2');
    assert.equal(f.range, '7:24-7:29');
    assert.equal(f.severity, WARNING);
    assert.match(f.message, /3DES, SHA-1 and Diffie-Hellman group 2/);
    assert.match(f.message, /error 13868/);
  });
  it('reports Automatic without a suite too, saying the suite needs IKEv2', () => {
    const [f] = findingsOf(withProtocol('Automatic', NO_SUITE), 'ikev2-default-crypto');
    assert.equal(f.text, 'Automatic');
    assert.match(f.message, /with Automatic Windows ignores any suite/);
  });
  it('inserts the baseline suite where the model puts it (preferred fix)', () => {
    const fixed = applyFix(NO_SUITE, 'ikev2-default-crypto');
    assert.equal(fixed, CLEAN_PROFILE);
    assert.deepEqual(findingsOf(fixed, 'ikev2-default-crypto'), []);
    assert.equal(
      quickFixes(NO_SUITE, 'ikev2-default-crypto')
        .find((a) => a.isPreferred)
        ?.title.includes('baseline'),
      true,
    );
  });
  it('offers the GCM/ECP variant as a second fix', () => {
    const fixed = applyFix(NO_SUITE, 'ikev2-default-crypto', 'GCM');
    const gcm = SUITE_BLOCK.replace('<AuthenticationTransformConstants>SHA256128', '<AuthenticationTransformConstants>GCMAES128')
      .replace('<CipherTransformConstants>AES128', '<CipherTransformConstants>GCMAES128')
      .replace('<PfsGroup>PFS2048', '<PfsGroup>ECP256')
      .replace('<DHGroup>Group14', '<DHGroup>ECP256')
      .replace('<EncryptionMethod>AES128', '<EncryptionMethod>AES_GCM_128');
    assert.equal(fixed, CLEAN_PROFILE.replace(SUITE_BLOCK, gcm));
    assert.deepEqual(findingsOf(fixed, 'ikev2-default-crypto'), []);
    assert.deepEqual(findingsOf(fixed, 'gcm-transform-mismatch'), []);
  });
  it('follows the document indentation and line endings', () => {
    const tabs = NO_SUITE.replace(/^( +)/gm, (s) => '\t'.repeat(s.length / 2)).replace(/\n/g, '\r\n');
    const expected = CLEAN_PROFILE.replace(/^( +)/gm, (s) => '\t'.repeat(s.length / 2)).replace(/\n/g, '\r\n');
    assert.equal(applyFix(tabs, 'ikev2-default-crypto'), expected);
  });
  it('is quiet with a suite, with SSTP, and for a plug-in profile', () => {
    assert.deepEqual(findingsOf(CLEAN_PROFILE, 'ikev2-default-crypto'), []);
    assert.deepEqual(findingsOf(withProtocol('SSTP', NO_SUITE), 'ikev2-default-crypto'), []);
    const plugin =
      '<VPNProfile>\n  <PluginProfile>\n    <ServerUrlList>vpn.example.com</ServerUrlList>\n    <PluginPackageFamilyName>Vendor.App_abc</PluginPackageFamilyName>\n  </PluginProfile>\n</VPNProfile>\n';
    assert.deepEqual(findingsOf(plugin, 'ikev2-default-crypto'), []);
  });
});

describe('weak-crypto', () => {
  const cases: [string, string, string][] = [
    ['CipherTransformConstants', 'DES3', 'AES128'],
    ['AuthenticationTransformConstants', 'SHA196', 'SHA256128'],
    ['DHGroup', 'Group2', 'Group14'],
    ['PfsGroup', 'PFS1', 'PFS2048'],
    ['IntegrityCheckMethod', 'MD5', 'SHA256'],
    ['EncryptionMethod', 'DES', 'AES128'],
  ];
  for (const [element, weak, strong] of cases) {
    it(`reports ${element} ${weak} and replaces it with ${strong}`, () => {
      const text = withSuiteValue(element, weak);
      const found = findingsOf(text, 'weak-crypto');
      assert.equal(found.length, 1);
      assert.equal(found[0].text, weak);
      assert.equal(found[0].severity, WARNING);
      assert.match(found[0].message, new RegExp(`${element} ${weak} is below the IPsec baseline`));
      assert.match(found[0].message, /error 13868/);
      const fixed = applyFix(text, 'weak-crypto');
      assert.equal(fixed, CLEAN_PROFILE);
      assert.deepEqual(findingsOf(fixed, 'weak-crypto'), []);
    });
  }
  it('explains that PfsGroup None turns forward secrecy off', () => {
    const [f] = findingsOf(withSuiteValue('PfsGroup', 'None'), 'weak-crypto');
    assert.equal(f.text, 'None');
    assert.match(f.message, /perfect forward secrecy off/);
  });
  it('keeps the ESP pair consistent: a weak cipher next to a GCM integrity transform becomes the same GCM value', () => {
    const text = withSuiteValue('CipherTransformConstants', 'DES3', withSuiteValue('AuthenticationTransformConstants', 'GCMAES256'));
    const [f] = findingsOf(text, 'weak-crypto');
    assert.match(f.message, /Use GCMAES256/);
    const fixed = applyFix(text, 'weak-crypto');
    assert.equal(
      fixed,
      withSuiteValue('CipherTransformConstants', 'GCMAES256', withSuiteValue('AuthenticationTransformConstants', 'GCMAES256')),
    );
    assert.deepEqual(findingsOf(fixed, 'gcm-transform-mismatch'), []);
  });
  it('does not double-report a value that invalid-value already reports', () => {
    const text = withSuiteValue('CipherTransformConstants', 'None');
    assert.equal(findingsOf(text, 'invalid-value').length, 1);
    assert.deepEqual(findingsOf(text, 'weak-crypto'), []);
  });
  it('accepts AES256 and the GCM/ECP values (AES256 is not a weakness; Richard Hicks prefers AES128 for speed, not safety)', () => {
    assert.deepEqual(findingsOf(withSuiteValue('CipherTransformConstants', 'AES256'), 'weak-crypto'), []);
    assert.deepEqual(findingsOf(withSuiteValue('DHGroup', 'ECP384', withSuiteValue('PfsGroup', 'ECP384')), 'weak-crypto'), []);
  });
  it('leaves a suite that SSTP never uses to crypto-suite-unused', () => {
    const text = withProtocol('SSTP', withSuiteValue('DHGroup', 'Group2'));
    assert.deepEqual(findingsOf(text, 'weak-crypto'), []);
    assert.equal(findingsOf(text, 'crypto-suite-unused').length, 1);
  });
});

describe('incomplete-crypto-suite', () => {
  it('reports missing children on the suite name and adds them with baseline values, in order', () => {
    const text = edit('      <PfsGroup>PFS2048</PfsGroup>\n      <DHGroup>Group14</DHGroup>\n', '');
    const [f] = findingsOf(text, 'incomplete-crypto-suite');
    assert.equal(f.text, 'CryptographySuite');
    assert.equal(f.severity, WARNING);
    assert.match(f.message, /lacks PfsGroup, DHGroup/);
    assert.match(f.message, /error 13868/);
    const fixed = applyFix(text, 'incomplete-crypto-suite');
    assert.equal(fixed, CLEAN_PROFILE);
    assert.deepEqual(findingsOf(fixed, 'incomplete-crypto-suite'), []);
  });
  it('adds the first and last children in their places', () => {
    const text = edit(
      '      <EncryptionMethod>AES128</EncryptionMethod>\n',
      '',
      edit('      <AuthenticationTransformConstants>SHA256128</AuthenticationTransformConstants>\n', ''),
    );
    assert.equal(applyFix(text, 'incomplete-crypto-suite'), CLEAN_PROFILE);
  });
  it('fills an empty suite completely', () => {
    const text = edit(SUITE_BLOCK, '    <CryptographySuite>\n    </CryptographySuite>\n');
    assert.match(
      findingsOf(text, 'incomplete-crypto-suite')[0].message,
      /lacks AuthenticationTransformConstants, CipherTransformConstants, PfsGroup, DHGroup, IntegrityCheckMethod, EncryptionMethod/,
    );
    assert.equal(applyFix(text, 'incomplete-crypto-suite'), CLEAN_PROFILE);
  });
  it('uses the GCM baseline for the missing values when the suite already uses GCM', () => {
    const gcm = `    <CryptographySuite>
      <AuthenticationTransformConstants>GCMAES256</AuthenticationTransformConstants>
      <CipherTransformConstants>GCMAES256</CipherTransformConstants>
      <IntegrityCheckMethod>SHA256</IntegrityCheckMethod>
    </CryptographySuite>
`;
    const text = edit(SUITE_BLOCK, gcm);
    const fixed = applyFix(text, 'incomplete-crypto-suite');
    assert.equal(
      fixed,
      edit(
        SUITE_BLOCK,
        `    <CryptographySuite>
      <AuthenticationTransformConstants>GCMAES256</AuthenticationTransformConstants>
      <CipherTransformConstants>GCMAES256</CipherTransformConstants>
      <PfsGroup>ECP256</PfsGroup>
      <DHGroup>ECP256</DHGroup>
      <IntegrityCheckMethod>SHA256</IntegrityCheckMethod>
      <EncryptionMethod>AES_GCM_128</EncryptionMethod>
    </CryptographySuite>
`,
      ),
    );
  });
  it('mirrors a GCM cipher into a missing integrity transform', () => {
    const text = edit(
      '      <AuthenticationTransformConstants>SHA256128</AuthenticationTransformConstants>\n',
      '',
      withSuiteValue('CipherTransformConstants', 'GCMAES192'),
    );
    assert.match(
      applyFix(text, 'incomplete-crypto-suite'),
      /<AuthenticationTransformConstants>GCMAES192<\/AuthenticationTransformConstants>/,
    );
  });
  it('is quiet on a complete suite and does not call a misspelled child missing', () => {
    assert.deepEqual(findingsOf(CLEAN_PROFILE, 'incomplete-crypto-suite'), []);
    const misspelled = edit('<PfsGroup>PFS2048</PfsGroup>', '<PFSGroup>PFS2048</PFSGroup>');
    assert.deepEqual(findingsOf(misspelled, 'incomplete-crypto-suite'), []);
    assert.equal(findingsOf(misspelled, 'unknown-element').length, 1);
  });
});

describe('gcm-transform-mismatch', () => {
  it('reports a non-GCM integrity transform next to a GCM cipher, worded as field practice', () => {
    const text = withSuiteValue('CipherTransformConstants', 'GCMAES128');
    const [f] = findingsOf(text, 'gcm-transform-mismatch');
    assert.equal(f.text, 'SHA256128');
    assert.equal(f.range, '12:40-12:49');
    assert.equal(f.severity, WARNING);
    assert.match(f.message, /field practice/);
    assert.match(f.message, /rather than a documented hard failure/);
    const fixed = applyFix(text, 'gcm-transform-mismatch');
    assert.equal(fixed, withSuiteValue('AuthenticationTransformConstants', 'GCMAES128', text));
    assert.deepEqual(findingsOf(fixed, 'gcm-transform-mismatch'), []);
  });
  it('aligns the cipher when only the integrity transform is GCM', () => {
    const text = withSuiteValue('AuthenticationTransformConstants', 'GCMAES256');
    const [f] = findingsOf(text, 'gcm-transform-mismatch');
    assert.equal(f.text, 'AES128');
    assert.equal(f.range, '13:32-13:38');
    assert.equal(applyFix(text, 'gcm-transform-mismatch'), withSuiteValue('CipherTransformConstants', 'GCMAES256', text));
  });
  it('reports two different GCM sizes', () => {
    const text = withSuiteValue('CipherTransformConstants', 'GCMAES256', withSuiteValue('AuthenticationTransformConstants', 'GCMAES128'));
    assert.equal(findingsOf(text, 'gcm-transform-mismatch')[0].text, 'GCMAES128');
  });
  it('is quiet on a matching GCM pair and on AES_GCM main mode with a CBC cipher (independent settings)', () => {
    const gcm = withSuiteValue('CipherTransformConstants', 'GCMAES128', withSuiteValue('AuthenticationTransformConstants', 'GCMAES128'));
    assert.deepEqual(findingsOf(gcm, 'gcm-transform-mismatch'), []);
    const mainModeGcm = withSuiteValue('EncryptionMethod', 'AES_GCM_256', withSuiteValue('CipherTransformConstants', 'AES256'));
    assert.deepEqual(findingsOf(mainModeGcm, 'gcm-transform-mismatch'), []);
  });
});

describe('powershell-spelling', () => {
  it('reports GCMAES128 in EncryptionMethod and offers AES_GCM_128', () => {
    const text = withSuiteValue('EncryptionMethod', 'GCMAES128');
    const [f] = findingsOf(text, 'powershell-spelling');
    assert.equal(f.text, 'GCMAES128');
    assert.equal(f.severity, ERROR);
    assert.match(f.message, /PowerShell/);
    assert.match(f.message, /needs AES_GCM_128/);
    assert.deepEqual(findingsOf(text, 'invalid-value'), []);
    const fixed = applyFix(text, 'powershell-spelling');
    assert.equal(fixed, withSuiteValue('EncryptionMethod', 'AES_GCM_128'));
    assert.deepEqual(findingsOf(fixed, 'powershell-spelling'), []);
  });
  it('reports SHA1 in IntegrityCheckMethod, offers SHA196 and notes that SHA-1 is weak', () => {
    const text = withSuiteValue('IntegrityCheckMethod', 'SHA1');
    const [f] = findingsOf(text, 'powershell-spelling');
    assert.equal(f.text, 'SHA1');
    assert.match(f.message, /needs SHA196/);
    assert.match(f.message, /below the baseline/);
    assert.deepEqual(findingsOf(text, 'invalid-value'), []);
    assert.deepEqual(findingsOf(text, 'weak-crypto'), []);
    assert.equal(applyFix(text, 'powershell-spelling'), withSuiteValue('IntegrityCheckMethod', 'SHA196'));
  });
  it('fix-all ends at the baseline value (spelling first, then strength)', () => {
    assert.equal(fixAll(withSuiteValue('IntegrityCheckMethod', 'SHA1')), CLEAN_PROFILE);
  });
  it('is quiet on the ProfileXML spellings and leaves unknown words to invalid-value', () => {
    assert.deepEqual(findingsOf(withSuiteValue('EncryptionMethod', 'AES_GCM_128'), 'powershell-spelling'), []);
    const typo = withSuiteValue('EncryptionMethod', 'GSMAES128');
    assert.deepEqual(findingsOf(typo, 'powershell-spelling'), []);
    assert.equal(findingsOf(typo, 'invalid-value').length, 1);
  });
});

describe('crypto-suite-unused', () => {
  it('notes a suite with SSTP and removes it', () => {
    const text = withProtocol('SSTP');
    const [f] = findingsOf(text, 'crypto-suite-unused');
    assert.equal(f.text, 'CryptographySuite');
    assert.equal(f.severity, INFORMATION);
    assert.match(f.message, /SSTP does not use/);
    const fixed = applyFix(text, 'crypto-suite-unused');
    assert.equal(fixed, withProtocol('SSTP', NO_SUITE));
    assert.deepEqual(findingsOf(fixed, 'crypto-suite-unused'), []);
  });
  it('notes a suite with PPTP', () => {
    assert.equal(findingsOf(withProtocol('PPTP'), 'crypto-suite-unused').length, 1);
  });
  it('is quiet with IKEv2 and with L2TP (IPsec)', () => {
    assert.deepEqual(findingsOf(CLEAN_PROFILE, 'crypto-suite-unused'), []);
    assert.deepEqual(findingsOf(withProtocol('L2TP'), 'crypto-suite-unused'), []);
  });
});

describe('insecure-protocol', () => {
  it('reports PPTP as an error and sets IKEv2', () => {
    const text = withProtocol('PPTP');
    const [f] = findingsOf(text, 'insecure-protocol');
    assert.equal(f.text, 'PPTP');
    assert.equal(f.severity, ERROR);
    assert.match(f.message, /obsolete/);
    const fixed = applyFix(text, 'insecure-protocol');
    assert.equal(fixed, CLEAN_PROFILE);
    assert.deepEqual(findingsOf(fixed, 'insecure-protocol'), []);
  });
  it('is quiet with IKEv2 and SSTP', () => {
    assert.deepEqual(findingsOf(CLEAN_PROFILE, 'insecure-protocol'), []);
    assert.deepEqual(findingsOf(withProtocol('SSTP'), 'insecure-protocol'), []);
  });
});

/** A NativeProfile whose NativeProtocolType is ProtocolList with these entry types, in order. */
function withList(types: string[], protocol = 'ProtocolList'): string {
  const entries = types.map((t) => `      <NativeProtocol>\n        <Type>${t}</Type>\n      </NativeProtocol>\n`).join('');
  return edit(
    '    <NativeProtocolType>IKEv2</NativeProtocolType>\n',
    `    <NativeProtocolType>${protocol}</NativeProtocolType>\n    <ProtocolList>\n${entries}    </ProtocolList>\n`,
  );
}

describe('insecure-protocol and legacy-protocol in a ProtocolList (Microsoft VPNv2 CSP: Type Pptp, L2tp, Ikev2, Sstp)', () => {
  it('reports a Pptp entry as an error on its Type value and removes the entry when an IKEv2 entry remains', () => {
    const text = withList(['Ikev2', 'Pptp']);
    const [f] = findingsOf(text, 'insecure-protocol');
    assert.equal(f.text, 'Pptp');
    assert.equal(f.range, '13:14-13:18');
    assert.equal(f.severity, ERROR);
    assert.match(f.message, /ProtocolList offers Pptp/);
    assert.match(f.message, /obsolete/);
    assert.equal(applyFix(text, 'insecure-protocol'), withList(['Ikev2']));
  });
  it('matches the entry in any case (pptp, PPTP) and makes a lone weak entry Ikev2 instead of emptying the list', () => {
    for (const spelling of ['pptp', 'PPTP']) {
      const text = withList([spelling]);
      assert.equal(findingsOf(text, 'insecure-protocol')[0].text, spelling);
      assert.equal(applyFix(text, 'insecure-protocol'), withList(['Ikev2']));
    }
  });
  it('reports an L2tp entry as legacy (warning) and removes it while SSTP remains', () => {
    const text = withList(['L2tp', 'Sstp']);
    const [f] = findingsOf(text, 'legacy-protocol');
    assert.equal(f.text, 'L2tp');
    assert.equal(f.severity, WARNING);
    assert.deepEqual(findingsOf(text, 'insecure-protocol'), []);
    assert.equal(applyFix(text, 'legacy-protocol'), withList(['Sstp']));
  });
  it('fix-all on a list of only weak protocols leaves one Ikev2 entry', () => {
    const fixed = fixAll(withList(['Pptp', 'L2tp']));
    assert.equal(fixed, withList(['Ikev2']));
    assert.deepEqual(findingsOf(fixed, 'insecure-protocol'), []);
    assert.deepEqual(findingsOf(fixed, 'legacy-protocol'), []);
  });
  it('is quiet on IKEv2 and SSTP entries, and on a list Windows ignores (protocol-list-mismatch speaks there)', () => {
    assert.deepEqual(findingsOf(withList(['Ikev2', 'Sstp']), 'insecure-protocol'), []);
    assert.deepEqual(findingsOf(withList(['Ikev2', 'Sstp']), 'legacy-protocol'), []);
    const ignored = withList(['Pptp'], 'IKEv2');
    assert.deepEqual(findingsOf(ignored, 'insecure-protocol'), []);
    assert.equal(findingsOf(ignored, 'protocol-list-mismatch').length, 1);
  });
});

describe('native-protocol-type-missing (Microsoft VPNv2 CSP: NativeProtocolType "Required for native profiles")', () => {
  const NO_TYPE = edit('    <NativeProtocolType>IKEv2</NativeProtocolType>\n', '');
  it('warns at the NativeProfile name and inserts IKEv2 where the model puts it', () => {
    const [f] = findingsOf(NO_TYPE, 'native-protocol-type-missing');
    assert.equal(f.text, 'NativeProfile');
    assert.equal(f.range, '4:3-4:16');
    assert.equal(f.severity, WARNING);
    assert.match(f.message, /required for native profiles/);
    assert.match(f.message, /does not document/);
    assert.equal(applyFix(NO_TYPE, 'native-protocol-type-missing'), CLEAN_PROFILE);
  });
  it('inserts SSTP when the user signs in with MSChapv2, which IKEv2 does not support', () => {
    const mschap = edit('<MachineMethod>Certificate</MachineMethod>', '<UserMethod>MSChapv2</UserMethod>', NO_TYPE);
    const [f] = findingsOf(mschap, 'native-protocol-type-missing');
    assert.match(f.message, /SSTP/);
    assert.match(f.message, /MSChapv2 is not supported with IKEv2/);
    const fixed = applyFix(mschap, 'native-protocol-type-missing');
    assert.equal(fixed, edit('<MachineMethod>Certificate</MachineMethod>', '<UserMethod>MSChapv2</UserMethod>', withProtocol('SSTP')));
    assert.deepEqual(findingsOf(fixed, 'unsupported-auth-method'), []);
  });
  it('inserts ProtocolList when the profile already has a ProtocolList element', () => {
    const text = edit(
      '    <NativeProtocolType>IKEv2</NativeProtocolType>\n',
      '    <ProtocolList>\n      <NativeProtocol>\n        <Type>Ikev2</Type>\n      </NativeProtocol>\n    </ProtocolList>\n',
    );
    assert.equal(applyFix(text, 'native-protocol-type-missing'), withList(['Ikev2']));
  });
  it('stays silent on a device tunnel, where device-tunnel-protocol reports the same gap as an error', () => {
    const device = edit('<AlwaysOn>true</AlwaysOn>\n', '<AlwaysOn>true</AlwaysOn>\n  <DeviceTunnel>true</DeviceTunnel>\n', NO_TYPE);
    assert.deepEqual(findingsOf(device, 'native-protocol-type-missing'), []);
    assert.equal(findingsOf(device, 'device-tunnel-protocol').length, 1);
    // With that rule turned off, the gap is still reported once.
    assert.equal(findingsOf(device, 'native-protocol-type-missing', { rules: { 'device-tunnel-protocol': 'off' } }).length, 1);
  });
  it('is quiet when NativeProtocolType is present (even empty: empty-value speaks) and on plug-in profiles', () => {
    assert.deepEqual(findingsOf(CLEAN_PROFILE, 'native-protocol-type-missing'), []);
    assert.deepEqual(findingsOf(withProtocol(''), 'native-protocol-type-missing'), []);
    const plugin =
      '<VPNProfile>\n  <PluginProfile>\n    <ServerUrlList>vpn.example.com</ServerUrlList>\n    <PluginPackageFamilyName>Vendor.App_abc</PluginPackageFamilyName>\n  </PluginProfile>\n</VPNProfile>\n';
    assert.deepEqual(findingsOf(plugin, 'native-protocol-type-missing'), []);
  });
});

describe('legacy-protocol', () => {
  it('warns about L2TP and sets IKEv2', () => {
    const text = withProtocol('L2TP');
    const [f] = findingsOf(text, 'legacy-protocol');
    assert.equal(f.text, 'L2TP');
    assert.equal(f.severity, WARNING);
    assert.match(f.message, /legacy protocol.*Use IKEv2 or SSTP instead/);
    const fixed = applyFix(text, 'legacy-protocol');
    assert.equal(fixed, CLEAN_PROFILE);
    assert.deepEqual(findingsOf(fixed, 'legacy-protocol'), []);
  });
  it('is quiet with IKEv2 and does not call PPTP legacy (it is insecure)', () => {
    assert.deepEqual(findingsOf(CLEAN_PROFILE, 'legacy-protocol'), []);
    assert.deepEqual(findingsOf(withProtocol('PPTP'), 'legacy-protocol'), []);
  });
});

describe('cleartext-secret', () => {
  it('reports the L2tpPsk value', () => {
    const text = withProtocol('L2TP', afterProtocol('<L2tpPsk>S3cret-Key!</L2tpPsk>'));
    const [f] = findingsOf(text, 'cleartext-secret');
    assert.equal(f.text, 'S3cret-Key!');
    assert.equal(f.severity, WARNING);
    assert.match(f.message, /pre-shared key in clear text/);
  });
  it('reports an APNBinding password', () => {
    const text = withTop(
      '<APNBinding>\n    <AccessPointName>internet</AccessPointName>\n    <Password>hunter2</Password>\n  </APNBinding>',
    );
    const [f] = findingsOf(text, 'cleartext-secret');
    assert.equal(f.text, 'hunter2');
    assert.match(f.message, /clear text/);
  });
  it('is quiet on empty secrets', () => {
    assert.deepEqual(findingsOf(withProtocol('L2TP', afterProtocol('<L2tpPsk></L2tpPsk>')), 'cleartext-secret'), []);
    assert.deepEqual(findingsOf(withTop('<APNBinding>\n    <Password></Password>\n  </APNBinding>'), 'cleartext-secret'), []);
  });
});

describe('l2tp-psk-unused', () => {
  it('reports L2tpPsk with IKEv2 and removes it', () => {
    const text = afterProtocol('<L2tpPsk>S3cret</L2tpPsk>');
    const [f] = findingsOf(text, 'l2tp-psk-unused');
    assert.equal(f.text, 'L2tpPsk');
    assert.equal(f.severity, WARNING);
    assert.match(f.message, /only used by L2TP/);
    const fixed = applyFix(text, 'l2tp-psk-unused');
    assert.equal(fixed, CLEAN_PROFILE);
    assert.deepEqual(findingsOf(fixed, 'l2tp-psk-unused'), []);
  });
  it('is quiet with L2TP, with Automatic (which may pick L2TP) and with a ProtocolList naming L2tp', () => {
    const psk = afterProtocol('<L2tpPsk>S3cret</L2tpPsk>');
    assert.deepEqual(findingsOf(withProtocol('L2TP', psk), 'l2tp-psk-unused'), []);
    assert.deepEqual(findingsOf(withProtocol('Automatic', psk), 'l2tp-psk-unused'), []);
    const list = withProtocol(
      'ProtocolList',
      afterProtocol('<ProtocolList>\n      <NativeProtocol><Type>L2tp</Type></NativeProtocol>\n    </ProtocolList>', psk),
    );
    assert.deepEqual(findingsOf(list, 'l2tp-psk-unused'), []);
  });
});

describe('ikev2-fragmentation-disabled', () => {
  const text = withTop('<DisableIKEv2Fragmentation>true</DisableIKEv2Fragmentation>');
  it('warns when fragmentation is off with machine certificate authentication (error 809)', () => {
    const [f] = findingsOf(text, 'ikev2-fragmentation-disabled');
    assert.equal(f.text, 'true');
    assert.equal(f.range, '1:29-1:33');
    assert.equal(f.severity, WARNING);
    assert.match(f.message, /error 809/);
    const fixed = applyFix(text, 'ikev2-fragmentation-disabled');
    assert.equal(fixed, withTop('<DisableIKEv2Fragmentation>false</DisableIKEv2Fragmentation>'));
    assert.deepEqual(findingsOf(fixed, 'ikev2-fragmentation-disabled'), []);
  });
  const eapAuth = (type: string): string =>
    edit(
      '<MachineMethod>Certificate</MachineMethod>',
      `<UserMethod>EAP</UserMethod>\n      <Eap>\n        <Configuration>\n          <EapHostConfig xmlns="http://www.microsoft.com/provisioning/EapHostConfig"><EapMethod><Type xmlns="http://www.microsoft.com/provisioning/EapCommon">${type}</Type></EapMethod></EapHostConfig>\n        </Configuration>\n      </Eap>`,
      text,
    );
  it('counts an EAP configuration that uses certificates (type 13) as certificate authentication', () => {
    assert.equal(findingsOf(eapAuth('13'), 'ikev2-fragmentation-disabled').length, 1);
  });
  it('is quiet for password-based EAP, with fragmentation on, and with SSTP', () => {
    assert.deepEqual(findingsOf(eapAuth('26'), 'ikev2-fragmentation-disabled'), []);
    assert.deepEqual(
      findingsOf(withTop('<DisableIKEv2Fragmentation>false</DisableIKEv2Fragmentation>'), 'ikev2-fragmentation-disabled'),
      [],
    );
    assert.deepEqual(findingsOf(withProtocol('SSTP', text), 'ikev2-fragmentation-disabled'), []);
  });
});

// ------------------------------------------------------------------------------------------------
describe("the repository's profiles (test/fixtures/profiles): those marked valid get no error from the crypto rules", () => {
  it('has no error-severity finding of this family on expect=valid files', () => {
    const valid = corpusEntries(FIXTURE_PROFILES_DIR).filter((e) => e.expect === 'valid');
    assert.ok(valid.length >= 10);
    const ids = new Set<string>(cryptoRules.ids);
    for (const { file } of valid) {
      const errors = diagnose(readCorpusText(file, FIXTURE_PROFILES_DIR)).filter((f) => ids.has(f.code) && f.severity === ERROR);
      assert.deepEqual(errors, [], file);
    }
  });
});
