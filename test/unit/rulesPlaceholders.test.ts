import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { parseProfileDocument } from '../../server/src/service/profilexml/document';
import { dummyThumbprint, byteWalk, nibbleWalk, shortestPeriod } from '../../server/src/service/profilexml/placeholderThumbprint';
import { placeholderWording, variableTokens } from '../../server/src/service/profilexml/placeholderText';
import {
  EAP_TLS_HOST_CONFIG,
  fillEapTemplate,
  PEAP_MSCHAPV2_HOST_CONFIG,
  PEAP_TLS_HOST_CONFIG,
  ROOT_CA_PLACEHOLDER,
} from '../../server/src/service/profilexml/eapTemplates';
import { corpusEntries, FIXTURE_PROFILES_DIR, readCorpusText } from '../helpers/corpus';
import { CLEAN_PROFILE, codes, diagnose, doc, findingsOf, powerShellReady, quickFixes, script, service } from '../helpers/service';
import { lint } from '../fixtures/powershell/harness';
import { expandSnippetBody, isDocumentationValue, realistic, snippetsOf } from '../helpers/snippets';

const ERROR = 1;

const withTop = (xml: string): string => CLEAN_PROFILE.replace('<VPNProfile>\n', `<VPNProfile>\n  ${xml}\n`);
const replaced = (from: string, to: string, text = CLEAN_PROFILE): string => {
  assert.ok(text.includes(from), `${from} not in the profile`);
  return text.replace(from, to);
};
/** The clean profile with a user method EAP and `configuration` as the content of Eap/Configuration. */
const eapProfile = (configuration: string): string =>
  replaced(
    '<MachineMethod>Certificate</MachineMethod>',
    `<UserMethod>EAP</UserMethod>\n      <MachineMethod>EAP</MachineMethod>\n      <Eap>\n        <Configuration>${configuration}</Configuration>\n      </Eap>`,
  );
/** `template` (an EapHostConfig) with its root CA placeholder replaced by `thumbprint`. */
const withThumbprint = (thumbprint: string, template = PEAP_TLS_HOST_CONFIG): string =>
  eapProfile(fillEapTemplate(template, thumbprint, 'nps.corp.example.com'));

/** Random digits as a real SHA-1 hash has them (from a seeded generator, not a counting pattern). */
const REAL = '5014ef5ed72014e90b82285ea7888b4a091409ec';

describe('placeholder-value: template and script variables in a profile file', () => {
  it('reports {name} of a template that was never filled in, on the token, as an error (Microsoft VPNv2 CSP: DnsSuffix takes DNS names)', () => {
    const text = replaced('<DnsSuffix>corp.example.com</DnsSuffix>', '<DnsSuffix>{dns_suffix}</DnsSuffix>');
    const [f, ...rest] = findingsOf(text, 'placeholder-value');
    assert.deepEqual(rest, []);
    assert.equal(f.text, '{dns_suffix}');
    assert.equal(f.severity, ERROR);
    assert.match(f.message, /"\{dns_suffix\}" is a template placeholder that was never filled in/);
    assert.match(f.message, /Put the real DnsSuffix here: comma-separated DNS names/);
  });

  it('reports the token inside a longer value (.{dns_suffix}) and $name, ${name}, $(…), {{name}}, {0} and __NAME__', () => {
    const cases: [string, string][] = [
      ['.{dns_suffix}', '{dns_suffix}'],
      ['$Suffix', '$Suffix'],
      ['${env:Suffix}', '${env:Suffix}'],
      ['$($config.Suffix)', '$($config.Suffix)'],
      ['{{ dns_suffix }}', '{{ dns_suffix }}'],
      ['corp.{0}', '{0}'],
      ['__DNS_SUFFIX__', '__DNS_SUFFIX__'],
      ['#{DnsSuffix}#', '{DnsSuffix}'],
    ];
    for (const [value, token] of cases) {
      const text = replaced('<DnsSuffix>corp.example.com</DnsSuffix>', `<DnsSuffix>${value}</DnsSuffix>`);
      assert.deepEqual(
        findingsOf(text, 'placeholder-value').map((f) => f.text),
        [token],
        value,
      );
    }
  });

  it('gives one finding for a value with several variables, naming them all ($dc01,$dc02)', () => {
    const text = withTop(
      '<DomainNameInformation>\n    <DomainName>.corp.example.com</DomainName>\n    <DnsServers>$dc01,$dc02</DnsServers>\n  </DomainNameInformation>',
    );
    const found = diagnose(text).filter((f) => f.text.includes('$dc'));
    assert.deepEqual(
      found.map((f) => [f.code, f.text]),
      [['placeholder-value', '$dc01,$dc02']],
    );
    assert.match(found[0].message, /"\$dc01" and "\$dc02" are script variables that were never filled in/);
  });

  it('reports a variable left between elements ({routes_xml} where routes were to be generated), instead of invalid-value', () => {
    const text = replaced('  <Route>', '{routes_xml}  <Route>');
    const found = diagnose(text).filter((f) => f.text.includes('routes_xml'));
    assert.deepEqual(
      found.map((f) => [f.code, f.text]),
      [['placeholder-value', '{routes_xml}']],
    );
    assert.match(found[0].message, /VPNProfile holds child elements here/);
  });

  it('reports $EAPSettings where the EapHostConfig belongs, instead of eap-configuration-missing (one mistake, one finding)', () => {
    const text = eapProfile('\n          $EAPSettings\n        ');
    const found = diagnose(text).filter((f) => f.severity === ERROR);
    assert.deepEqual(
      found.map((f) => [f.code, f.text]),
      [['placeholder-value', '$EAPSettings']],
    );
    assert.match(found[0].message, /EapConfigXmlStream\.InnerXml/);
  });

  it('is quiet on GUIDs in braces, on a $ in a pre-shared key, on regular-expression counts in ServerNames and on a lone $ or braces', () => {
    const app = withTop(
      '<TrafficFilter>\n    <App>\n      <Id>C:\\Program Files\\{6F9619FF-8B86-D011-B42D-00C04FC964FF}\\app.exe</Id>\n    </App>\n  </TrafficFilter>',
    );
    assert.deepEqual(findingsOf(app, 'placeholder-value'), []);
    const psk = replaced(
      '<NativeProtocolType>IKEv2</NativeProtocolType>',
      '<NativeProtocolType>L2TP</NativeProtocolType>\n    <L2tpPsk>Pa$$w0rd{1}$abc</L2tpPsk>',
    );
    assert.deepEqual(findingsOf(psk, 'placeholder-value'), []);
    const regex = withThumbprint(REAL).replace(
      /<ServerNames>[^<]*<\/ServerNames>/g,
      '<ServerNames>nps[0-9]{2}\\.corp\\.example\\.com</ServerNames>',
    );
    assert.deepEqual(findingsOf(regex, 'placeholder-value'), []);
    assert.deepEqual(variableTokens('costs $ 5 {}', { formatItems: true }), []);
  });
});

describe('placeholder-value: wording for a human to replace, and sample text', () => {
  const cases: [string, string, RegExp][] = [
    ['<DnsSuffix>corp.example.com</DnsSuffix>', '<DnsSuffix>YOUR DNS SUFFIX</DnsSuffix>', /"YOUR …" addresses the reader/],
    ['<DnsSuffix>corp.example.com</DnsSuffix>', '<DnsSuffix>enter Domain</DnsSuffix>', /"enter …" is an instruction/],
    ['<Servers>vpn.example.com;vpn.example.com</Servers>', '<Servers>PATH-TO-YOUR-VPN-SERVERS.TLD</Servers>', /addresses the reader/],
    ['<DnsSuffix>corp.example.com</DnsSuffix>', '<DnsSuffix>corp.yourdomain.com</DnsSuffix>', /"yourdomain"/],
    ['<Servers>vpn.example.com;vpn.example.com</Servers>', '<Servers>vpn.company.tld</Servers>', /"\.tld" stands for a top-level domain/],
    ['<Servers>vpn.example.com;vpn.example.com</Servers>', '<Servers>TODO</Servers>', /"TODO" marks a value still to be filled in/],
    [
      '<Servers>vpn.example.com;vpn.example.com</Servers>',
      '<Servers>&lt;VPN server name&gt;</Servers>',
      /"<VPN server name>" names the value/,
    ],
  ];
  for (const [from, to, message] of cases) {
    it(`reports ${to} as one placeholder-value, and nothing else on it`, () => {
      const text = replaced(from, to);
      const value = />([^<]*)</.exec(to)![1];
      const onValue = diagnose(text).filter((f) => f.text === value.replace('&lt;', '<').replace('&gt;', '>') || f.text === value);
      assert.deepEqual(
        onValue.map((f) => f.code),
        ['placeholder-value'],
        to,
      );
      assert.match(onValue[0].message, message);
      assert.match(onValue[0].message, /Windows would apply the text as it is written/);
    });
  }

  it('reports YOUR,DNS,SERVERS once, not once per list entry (one mistake, one finding)', () => {
    const text = withTop(
      '<DomainNameInformation>\n    <DomainName>.corp.example.com</DomainName>\n    <DnsServers>YOUR,DNS,SERVERS</DnsServers>\n  </DomainNameInformation>',
    );
    assert.deepEqual(
      codes(text).filter((c) => c !== 'nrpt-suffix-without-dot'),
      ['placeholder-value'],
    );
    const [f] = findingsOf(text, 'placeholder-value');
    assert.equal(f.text, 'YOUR,DNS,SERVERS');
    assert.match(f.message, /Put the real DnsServers here: comma-separated IP addresses/);
  });

  it("reports Microsoft's sample Helloworld.Com in Proxy/AutoConfigUrl (VPNv2 CSP examples), instead of invalid-value", () => {
    const text = withTop('<Proxy>\n    <AutoConfigUrl>Helloworld.Com</AutoConfigUrl>\n  </Proxy>');
    const found = diagnose(text).filter((f) => f.text === 'Helloworld.Com');
    assert.deepEqual(
      found.map((f) => f.code),
      ['placeholder-value'],
    );
    assert.match(found[0].message, /"Helloworld" is sample text of documentation/);
  });

  it('is quiet on documentation domains that complete sample profiles use (contoso.com, example.com, example.net, corp.example.net, mydomain.net)', () => {
    for (const name of [
      'corp.contoso.com',
      'example.com',
      'vpn.example.net',
      'corp.example.net',
      'mydomain.net',
      'here.com',
      'enterprise.example.com',
    ]) {
      const text = replaced('<DnsSuffix>corp.example.com</DnsSuffix>', `<DnsSuffix>${name}</DnsSuffix>`);
      assert.deepEqual(findingsOf(text, 'placeholder-value'), [], name);
    }
  });

  it('is quiet on comments (Mr-Tbone\'s profile: "your VPN server from suffix rule above") and on a redacted gateway name', () => {
    const commented = replaced(
      '<Servers>vpn.example.com;vpn.example.com</Servers>',
      '<Servers>vpn.example.com;vpn.example.com</Servers> <!-- your VPN server, enter it twice -->',
    );
    assert.deepEqual(findingsOf(commented, 'placeholder-value'), []);
    const inside = replaced(
      '<Servers>vpn.example.com;vpn.example.com</Servers>',
      '<Servers><!-- YOUR server -->vpn.example.com;vpn.example.com</Servers>',
    );
    assert.deepEqual(findingsOf(inside, 'placeholder-value'), []);
    const redacted = replaced(
      'vpn.example.com;vpn.example.com',
      'azuregateway-54100057-da95-41fb-8b7d-8bb7a026fab1-xxxxxxxxxxxx.vpn.azure.com',
    );
    assert.deepEqual(findingsOf(redacted, 'placeholder-value'), []);
  });

  it('words the clues of each kind of wording', () => {
    assert.equal(placeholderWording('thumbprint goes here')?.reason, '"… here" asks for a value to be put here');
    assert.equal(placeholderWording('vpn.here.com'), undefined);
    assert.match(placeholderWording('x.x.x.x')!.reason, /stands for an address/);
    assert.match(placeholderWording('This is my Eku')!.reason, /sample text/);
    assert.equal(placeholderWording('entertainment.example.com'), undefined);
  });

  it('offers no quick fix (the catalogue gives none: only the administrator knows the value)', () => {
    const text = replaced('<DnsSuffix>corp.example.com</DnsSuffix>', '<DnsSuffix>YOUR DNS SUFFIX</DnsSuffix>');
    assert.deepEqual(quickFixes(text, 'placeholder-value'), []);
  });
});

describe('placeholder-value: made-up certificate thumbprints (ServerValidationParameters: TrustedRootCA is the thumbprint of a root CA)', () => {
  const made: [string, RegExp][] = [
    ['00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00', /one byte repeated \(00 00 00 00 …\)/],
    ['00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff 00 11 22 33', /obvious sequence \(00 11 22 33 …\)/],
    ['AA BB CC DD EE FF 00 11 22 33 44 55 66 77 88 99 AA BB CC DD', /obvious sequence \(AA BB CC DD …\)/],
    ['ab cd ef fe dc ba 01 23 45 67 89 98 76 54 32 10 ff ff ff ff', /obvious sequence \(ab cd ef fe …\)/],
    ['0102030405060708090a0b0c0d0e0f1011121314', /obvious sequence/],
    ['deadbeefdeadbeefdeadbeefdeadbeefdeadbeef', /repeats "deadbeef"/],
    ['ffffffffffffffffffffffffffffffffffffffee', /19 of its 20 bytes are ff/],
    ['xx xx xx xx xx xx xx xx xx xx xx xx xx xx xx xx xx xx xx xx', /row of x/],
    [ROOT_CA_PLACEHOLDER, /it is words/],
  ];
  for (const [value, why] of made) {
    it(`reports TrustedRootCA ${value} as placeholder-value, not invalid-thumbprint`, () => {
      const text = withThumbprint(value);
      const found = diagnose(text).filter((f) => f.text === value);
      assert.deepEqual(
        found.map((f) => f.code),
        ['placeholder-value', 'placeholder-value'],
        'one finding on each of the two ServerValidation blocks',
      );
      assert.match(found[0].message, why);
      assert.match(found[0].message, /Put the SHA-1 thumbprint of the root CA that issued the NPS server certificate here/);
      assert.deepEqual(findingsOf(text, 'invalid-thumbprint'), []);
    });
  }

  it('reports Microsoft\'s sample IssuerHash "This is my issuer hash" and the CSP\'s ffff…ff in DeviceCompliance/Sso/IssuerHash', () => {
    const sso = (hash: string): string =>
      withTop(
        `<DeviceCompliance>\n    <Enabled>true</Enabled>\n    <Sso>\n      <Enabled>true</Enabled>\n      <IssuerHash>${hash}</IssuerHash>\n    </Sso>\n  </DeviceCompliance>`,
      );
    for (const hash of ['This is my issuer hash', 'ffffffffffffffffffffffffffffffffffffffff;ffffffffffffffffffffffffffffffffffffffee']) {
      const found = diagnose(sso(hash)).filter((f) => f.text === hash);
      assert.deepEqual(
        found.map((f) => f.code),
        ['placeholder-value'],
        hash,
      );
      assert.match(found[0].message, /single sign-on/);
    }
    assert.deepEqual(findingsOf(sso(REAL), 'placeholder-value'), []);
  });

  it('reports an IssuerHash of the EAP certificate filter, with what belongs there', () => {
    const text = eapProfile(fillEapTemplate(EAP_TLS_HOST_CONFIG, REAL, 'nps.corp.example.com')).replace(
      '</EapType>',
      '<TLSExtensions xmlns="http://www.microsoft.com/provisioning/EapTlsConnectionPropertiesV2"><FilteringInfo xmlns="http://www.microsoft.com/provisioning/EapTlsConnectionPropertiesV3"><CAHashList Enabled="true"><IssuerHash>00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00</IssuerHash></CAHashList></FilteringInfo></TLSExtensions></EapType>',
    );
    const [f] = findingsOf(text, 'placeholder-value');
    assert.match(f.message, /CA that issues the users' certificates/);
  });

  it('leaves real thumbprints alone, and wrong lengths to invalid-thumbprint', () => {
    for (const value of [
      REAL,
      '9d 8f 89 5b 0a c3 c1 41 8a cc 7a 99 b0 c8 23 31 02 b3 90 f8 ',
      'DB525D00F813849E3FEEC253DBB04F2104C3C2B6',
    ]) {
      assert.deepEqual(findingsOf(withThumbprint(value), 'placeholder-value'), [], value);
    }
    const short = withThumbprint('00 00 00 00');
    assert.deepEqual(findingsOf(short, 'placeholder-value'), []);
    assert.equal(findingsOf(short, 'invalid-thumbprint').length, 2);
  });
});

/** A small deterministic generator (mulberry32), so that the random thumbprints are the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('placeholder-value: no false positive on real thumbprints', () => {
  it('flags none of 50,000 random SHA-1 thumbprints (seeded), in the forms Windows and administrators write them', () => {
    const random = seeded(11);
    let worstWalk = 0;
    let worstByteWalk = 0;
    let periodic = 0;
    for (let i = 0; i < 50_000; i++) {
      const bytes = Array.from({ length: 20 }, () => Math.floor(random() * 256));
      const hex = bytes.map((b) => b.toString(16).padStart(2, '0'));
      const forms = [hex.join(' '), hex.join('').toUpperCase(), `${hex.join(' ')} `];
      for (const form of forms) assert.equal(dummyThumbprint(form), undefined, form);
      const nibbles = [...hex.join('')].map((c) => parseInt(c, 16));
      worstWalk = Math.max(worstWalk, nibbleWalk(nibbles));
      worstByteWalk = Math.max(worstByteWalk, byteWalk(bytes));
      if (shortestPeriod(nibbles)) periodic++;
    }
    // The thresholds (30 of 39 digit steps, 14 of 19 byte steps) stay far above what chance gives.
    assert.ok(worstWalk <= 22, `worst digit walk ${worstWalk} of 39`);
    assert.ok(worstByteWalk <= 5, `worst byte walk ${worstByteWalk} of 19`);
    assert.equal(periodic, 0);
  });

  it("flags none of the random thumbprints of the repository's profiles, and each made-up one of the has-errors file", () => {
    const real = new Set<string>();
    const dummies: string[] = [];
    for (const entry of corpusEntries(FIXTURE_PROFILES_DIR)) {
      const text = readCorpusText(entry.file, FIXTURE_PROFILES_DIR);
      for (const m of text.matchAll(/<(?:TrustedRootCA|IssuerHash)>([^<]*)</g)) {
        const value = m[1].trim();
        if (!/^[0-9a-fA-F ]+$/.test(value) || value.replace(/ /g, '').length !== 40) continue;
        if (dummyThumbprint(value)) dummies.push(`${entry.file}: ${value}`);
        else real.add(value.replace(/ /g, '').toLowerCase());
      }
    }
    assert.ok(real.size >= 6, `real thumbprints found: ${[...real].join(', ')}`);
    assert.deepEqual(
      dummies.map((d) => d.split(':')[0]),
      ['user-made-up-thumbprints.xml', 'user-made-up-thumbprints.xml'],
    );
  });
});

describe('placeholder-value: EapHostConfig holding text', () => {
  it('reports <EapHostConfig …>YOUR EAP HOST CONFIG</EapHostConfig> on the text, with what belongs there', () => {
    const text = eapProfile(
      '\n          <EapHostConfig xmlns="http://www.microsoft.com/provisioning/EapHostConfig">YOUR EAP HOST CONFIG</EapHostConfig>\n        ',
    );
    const found = diagnose(text).filter((f) => f.severity === ERROR);
    assert.deepEqual(
      found.map((f) => [f.code, f.text]),
      [['placeholder-value', 'YOUR EAP HOST CONFIG']],
    );
    assert.match(found[0].message, /EapHostConfig holds the text "YOUR EAP HOST CONFIG" instead of the EapMethod and Config elements/);
    assert.match(found[0].message, /EapConfigXmlStream\.InnerXml/);
  });
  it('is quiet on an EapHostConfig with its elements, and on one written entity-escaped inside Configuration', () => {
    assert.deepEqual(findingsOf(withThumbprint(REAL), 'placeholder-value'), []);
    const escaped = eapProfile(
      '&lt;EapHostConfig xmlns="http://www.microsoft.com/provisioning/EapHostConfig"&gt;&lt;EapMethod&gt;&lt;/EapMethod&gt;&lt;/EapHostConfig&gt;',
    );
    assert.deepEqual(findingsOf(escaped, 'placeholder-value'), []);
  });
});

describe('our own EAP templates (eapTemplates.ts): the placeholder they leave is reported, and nothing else', () => {
  for (const [name, template] of [
    ['PEAP with EAP-TLS', PEAP_TLS_HOST_CONFIG],
    ['EAP-TLS', EAP_TLS_HOST_CONFIG],
    ['PEAP with EAP-MSCHAPv2', PEAP_MSCHAPV2_HOST_CONFIG],
  ] as const) {
    it(`${name}: left as written, only placeholder-value on each ${ROOT_CA_PLACEHOLDER}; filled in, nothing above information`, () => {
      const open = eapProfile(`\n${template}\n`);
      for (const deployment of ['any', 'intune', 'powershell'] as const) {
        const found = diagnose(open, { deployment }).filter((f) => f.severity !== undefined && f.severity <= 2);
        const expected = template.split(ROOT_CA_PLACEHOLDER).length - 1;
        assert.deepEqual(
          found.map((f) => [f.code, f.text]),
          Array(expected).fill(['placeholder-value', ROOT_CA_PLACEHOLDER]),
          `${name} (${deployment})`,
        );
        const filled = eapProfile(
          `\n${fillEapTemplate(template, '16 1b 1d fb 96 29 86 24 a4 0c 7d 1e 19 48 cd 75 04 5e 5a ba', 'nps1.corp.fabrikam.com')}\n`,
        );
        assert.deepEqual(
          diagnose(filled, { deployment }).filter((f) => f.severity !== undefined && f.severity <= 2),
          [],
          `${name} filled (${deployment})`,
        );
      }
    });
  }
});

describe('ProfileDocument: run-time text', () => {
  it('a span touches run-time text when it overlaps it; an empty span when it sits inside or at its edge', () => {
    const text = '<VPNProfile><A>$x</A><B>$y</B></VPNProfile>';
    const x = text.indexOf('$x');
    const y = text.indexOf('$y');
    const profile = parseProfileDocument(text, {
      host: 'powershell',
      quoting: 'double',
      runTime: [
        { start: x, end: x + 2 },
        { start: y, end: y + 2 },
      ],
    });
    assert.equal(profile.isRunTime({ start: x, end: x + 1 }), true);
    assert.equal(profile.isRunTime({ start: x + 2, end: x + 6 }), false, 'adjacent, not overlapping');
    assert.equal(profile.isRunTime({ start: x + 2, end: x + 2 }), true, 'empty at the edge');
    assert.equal(profile.isRunTime({ start: y - 3, end: y + 1 }), true);
    assert.equal(profile.isRunTime({ start: 0, end: 5 }), false);
    const [a, b] = profile.root!.children.filter((c) => c.kind === 'element');
    assert.equal(a.kind === 'element' && profile.holdsRunTime(a), true);
    assert.equal(b.kind === 'element' && profile.holdsRunTime(b), true);
    assert.equal(profile.holdsRunTime(profile.root!), false, 'the root holds elements, its own text has no run-time part');
    assert.equal(parseProfileDocument(text).isRunTime({ start: x, end: x + 2 }), false, 'a file of its own has no run-time text');
  });
});

// ---- run-time content of profiles built in PowerShell --------------------------------------------

/**
 * A user tunnel whose EAP configuration comes from a variable, as Microsoft's Always On VPN client
 * tutorial builds it ($EAPSettings = $Connection.EapConfigXmlStream.InnerXml, then the profile in
 * a double-quoted string with <Configuration>$($EAPSettings)</Configuration>).
 */
const TUTORIAL_PROFILE = eapProfile;
const PREAMBLE = "$Connection = Get-VpnConnection -Name 'Template'\n$EAPSettings = $Connection.EapConfigXmlStream.InnerXml\n";

function profileFindings(text: string): { code: string; text: string; message: string }[] {
  return lint(text)
    .filter((f) => f.source === 'profilexml')
    .map((f) => ({ code: f.code, text: f.text, message: f.message }));
}

describe('run-time content in profiles built by PowerShell (Microsoft Always On VPN tutorial; about_Quoting_Rules)', () => {
  before(() => powerShellReady);

  it('a double-quoted string with <Configuration>$($EAPSettings)</Configuration>: no eap-configuration-missing, no placeholder-value', () => {
    const xml = TUTORIAL_PROFILE('$($EAPSettings)');
    const text = `${PREAMBLE}$ProfileXML = "${xml.replace(/"/g, '`"')}"\n`;
    const found = profileFindings(text);
    assert.deepEqual(
      found.filter((f) => ['eap-configuration-missing', 'placeholder-value', 'eap-server-validation-off'].includes(f.code)),
      [],
    );
    assert.deepEqual(found, []);
  });

  it('a double-quoted here-string with <Configuration>$EAPSettings</Configuration>: nothing judges the run-time text', () => {
    const text = `${PREAMBLE}$ProfileXML = @"\n${TUTORIAL_PROFILE('\n$EAPSettings\n')}"@\n`;
    assert.deepEqual(profileFindings(text), []);
  });

  it('an Eap or Authentication whose content comes from a variable: no eap-configuration-missing either', () => {
    const eapVariable = replaced('<MachineMethod>Certificate</MachineMethod>', '<UserMethod>EAP</UserMethod>\n      <Eap>$EapXml</Eap>');
    assert.deepEqual(profileFindings(`$ProfileXML = @"\n${eapVariable}"@\n`), []);
    const authVariable = replaced('<MachineMethod>Certificate</MachineMethod>', '<UserMethod>EAP</UserMethod>\n      $EapXml');
    assert.deepEqual(profileFindings(`$ProfileXML = @"\n${authVariable}"@\n`), []);
    // Written as text, the same profile has no EAP configuration at all.
    assert.ok(profileFindings(`$ProfileXML = @'\n${eapVariable}'@\n`).some((f) => f.code === 'placeholder-value'));
  });

  it('the single-quoted counterpart IS reported: PowerShell does not expand $EAPSettings there (one finding, no eap-configuration-missing)', () => {
    for (const [open, close] of [
      ["'", "'"],
      ["@'\n", "'@"],
    ]) {
      const text = `${PREAMBLE}$ProfileXML = ${open}${TUTORIAL_PROFILE('$EAPSettings')}${close}\n`;
      const found = profileFindings(text);
      assert.deepEqual(
        found.map((f) => [f.code, f.text]),
        [['placeholder-value', '$EAPSettings']],
        open,
      );
      assert.match(found[0].message, /PowerShell does not expand variables in a single-quoted string/);
      assert.match(found[0].message, /double-quoted here-string/);
    }
  });

  it('an escaped `$ in a double-quoted here-string is text too, and reported as such', () => {
    const text = `$ProfileXML = @"\n${TUTORIAL_PROFILE('`$EAPSettings')}"@\n`;
    const found = profileFindings(text);
    assert.deepEqual(
      found.map((f) => f.code),
      ['placeholder-value'],
    );
    assert.match(found[0].message, /escaped with a backtick/);
  });

  it('run-time values elsewhere ($Server, a run-time TrustedRootCA, $RoutesXml between elements) are judged by no rule', () => {
    const xml = withThumbprint('$RootThumbprint')
      .replace('vpn.example.com;vpn.example.com', '$Server')
      .replace('  <Route>', '$RoutesXml\n  <Route>');
    const text = `$ProfileXML = @"\n${xml}"@\n`;
    assert.deepEqual(profileFindings(text), []);
  });

  it('a NativeProfile whose children partly come from a variable: no missing-element for what the variable may hold', () => {
    const xml = replaced('    <Servers>vpn.example.com;vpn.example.com</Servers>\n', '    $ServersXml\n');
    assert.deepEqual(profileFindings(`$ProfileXML = @"\n${xml}"@\n`), []);
    // As text (a file of its own, or single quotes) the variable is a placeholder and Servers really is missing.
    assert.deepEqual(codes(xml), ['missing-element', 'placeholder-value']);
    assert.deepEqual(
      profileFindings(`$ProfileXML = @'\n${xml}'@\n`).map((f) => f.code),
      ['missing-element', 'placeholder-value'],
    );
  });

  it('numbered items of a string formatted with -f are filled at run time; the same text without -f is reported', () => {
    const xml = replaced('<DnsSuffix>corp.example.com</DnsSuffix>', '<DnsSuffix>{0}</DnsSuffix>');
    assert.deepEqual(profileFindings(`$ProfileXML = @'\n${xml}'@ -f $Suffix\n`), []);
    assert.deepEqual(profileFindings(`$ProfileXML = ('${xml}' -f $Suffix)\n`), []);
    const found = profileFindings(`$ProfileXML = @'\n${xml}'@\n`);
    assert.deepEqual(
      found.map((f) => [f.code, f.text]),
      [['placeholder-value', '{0}']],
    );
    assert.match(found[0].message, /PowerShell leaves "\{0\}" as written/);
  });

  it('a {token} the script replaces itself (.Replace, -replace) is run-time content; one nothing replaces is reported', () => {
    const xml = replaced('<DnsSuffix>corp.example.com</DnsSuffix>', '<DnsSuffix>{dns_suffix}</DnsSuffix>');
    const template = `$Template = @'\n${xml}'@\n`;
    assert.deepEqual(profileFindings(`${template}$ProfileXML = $Template.Replace('{dns_suffix}', $Suffix)\n`), []);
    assert.deepEqual(profileFindings(`${template}$ProfileXML = $Template -replace '\\{dns_suffix\\}', $Suffix\n`), []);
    assert.deepEqual(
      profileFindings(`${template}$ProfileXML = $Template\n`).map((f) => f.text),
      ['{dns_suffix}'],
    );
    // A double-quoted string mentioning $EAPSettings expands it: it does not replace the text in the template.
    const single = `$Template = @'\n${TUTORIAL_PROFILE('$EAPSettings')}'@\nWrite-Host "Using $EAPSettings"\n`;
    assert.deepEqual(
      profileFindings(single).map((f) => f.code),
      ['placeholder-value'],
    );
  });

  it('reports through the script with the script position of the token', () => {
    const text = `$ProfileXML = '${replaced('<DnsSuffix>corp.example.com</DnsSuffix>', '<DnsSuffix>YOUR DNS SUFFIX</DnsSuffix>')}'\n`;
    const d = script(text);
    const [diagnostic] = service.validate(d).filter((x) => x.code === 'placeholder-value');
    assert.equal(d.getText(diagnostic.range), 'YOUR DNS SUFFIX');
    assert.equal(diagnostic.source, 'profilexml');
  });
});

// ---- our own snippets: the PowerShell ones and the completion snippets of the element model ----

describe('our own snippets leave no placeholder the linter cannot see', () => {
  before(() => powerShellReady);

  for (const s of Object.values(snippetsOf('powershell'))) {
    it(`PowerShell snippet ${s.prefix}: its defaults are sample values that work as written, and with defaults or real-looking values it gives nothing above information (deployment powershell)`, () => {
      const body = s.body.join('\n');
      const { text, defaults } = expandSnippetBody(body);
      for (const [n, value] of defaults) {
        // A sample profile (the MDM bridge snippet's) is judged by the linter itself below.
        if (value.trimStart().startsWith('<')) continue;
        assert.ok(isDocumentationValue(value), `${s.prefix}: tabstop ${n} defaults to "${value}"`);
      }
      for (const variant of [text, expandSnippetBody(body, realistic).text]) {
        const d = script(variant);
        const above = service.validate(d, { deployment: 'powershell' }).filter((x) => x.severity !== undefined && x.severity <= 2);
        assert.deepEqual(
          above.map((x) => `${x.code}: ${d.getText(x.range)}`),
          [],
          variant,
        );
      }
    });
  }

  it('completion snippets of the element model: a default that looks like a thumbprint is a made-up one that placeholder-value reports', () => {
    const shaped = /\$\{\d+:([0-9a-fA-F ]{32,})\}/g;
    const found: string[] = [];
    for (const m of readFileSync(join(__dirname, '..', '..', 'schemas', 'profilexml.json'), 'utf8').matchAll(shaped)) {
      found.push(m[1]);
      assert.ok(dummyThumbprint(m[1]), `${m[1]} passes as a real thumbprint`);
    }
    assert.ok(found.length >= 1, 'the DeviceCompliance snippet has an IssuerHash default');
  });
});

describe('placeholder-value: documentation', () => {
  it('hover on the id in a suppression comment explains the rule, and the diagnostic links to the VPNv2 CSP page', () => {
    const text = replaced(
      '<DnsSuffix>corp.example.com</DnsSuffix>',
      '<!-- profilexml-disable-next-line placeholder-value -->\n  <DnsSuffix>YOUR DNS SUFFIX</DnsSuffix>',
    );
    const d = doc(text);
    const at = text.indexOf('placeholder-value') + 3;
    const hover = service.hover(d, d.positionAt(at));
    const markdown = JSON.stringify(hover?.contents);
    assert.match(markdown, /Placeholder or sample value instead of a real setting/);
    assert.match(markdown, /single-quoted/);
    assert.deepEqual(findingsOf(text, 'placeholder-value'), [], 'the comment silences it');
    const [diagnostic] = service
      .validate(doc(replaced('<DnsSuffix>corp.example.com</DnsSuffix>', '<DnsSuffix>YOUR DNS SUFFIX</DnsSuffix>')))
      .filter((x) => x.code === 'placeholder-value');
    assert.equal(diagnostic.codeDescription?.href, 'https://learn.microsoft.com/windows/client-management/mdm/vpnv2-csp');
  });
});
