import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CLEAN_PROFILE, diagnose, type Found } from '../helpers/service';
import { expandSnippetBody, isDocumentationValue, realistic } from '../helpers/snippets';

/**
 * The VS Code snippets in snippets/profilexml.json: each body, with its placeholders replaced by
 * their defaults and pasted where it belongs, must give no error; the IPsec snippets must carry
 * exactly the values of schemas/crypto.json.
 */

interface Snippet {
  prefix: string;
  description: string;
  body: string[];
}

const ROOT = join(__dirname, '..', '..');
const SNIPPETS = JSON.parse(readFileSync(join(ROOT, 'snippets', 'profilexml.json'), 'utf8')) as Record<string, Snippet>;
const CRYPTO = JSON.parse(readFileSync(join(ROOT, 'schemas', 'crypto.json'), 'utf8')) as {
  order: string[];
  baseline: Record<string, string>;
  gcmBaseline: Record<string, string>;
};

function snippet(prefix: string): Snippet {
  const found = Object.values(SNIPPETS).find((s) => s.prefix === prefix);
  assert.ok(found, `no snippet with prefix ${prefix}`);
  return found;
}

/** The text VS Code inserts when every placeholder keeps its default (see test/helpers/snippets.ts). */
export function expandSnippet(body: string): string {
  return expandSnippetBody(body).text;
}

/** The snippet as pasted at `indent`, with the document's two-space indentation; `fill` types over tabstops. */
function pasted(prefix: string, indent: string, fill?: (n: string, defaultText: string) => string): string {
  return expandSnippetBody(snippet(prefix).body.join('\n'), fill)
    .text.split('\n')
    .map((line) => indent + line.replace(/^\t+/, (tabs) => '  '.repeat(tabs.length)))
    .join('\n');
}

const CRYPTO_BLOCK = / {4}<CryptographySuite>[\s\S]*?<\/CryptographySuite>/;
const FORCE_TUNNEL = CLEAN_PROFILE.replace('SplitTunnel', 'ForceTunnel')
  .replace('    <DisableClassBasedDefaultRoute>true</DisableClassBasedDefaultRoute>\n', '')
  .replace(/ {2}<Route>[\s\S]*?<\/Route>\n/, '');

/** Where each snippet goes to be checked. */
type Fill = (n: string, defaultText: string) => string;
const HOSTS: Record<string, (fill?: Fill) => string> = {
  'aovpn-user-tunnel': (fill) => pasted('aovpn-user-tunnel', '', fill),
  'aovpn-device-tunnel': (fill) => pasted('aovpn-device-tunnel', '', fill),
  'aovpn-crypto-baseline': (fill) => CLEAN_PROFILE.replace(CRYPTO_BLOCK, pasted('aovpn-crypto-baseline', '    ', fill)),
  'aovpn-crypto-gcm': (fill) => CLEAN_PROFILE.replace(CRYPTO_BLOCK, pasted('aovpn-crypto-gcm', '    ', fill)),
  'aovpn-route': (fill) => CLEAN_PROFILE.replace('</VPNProfile>', `${pasted('aovpn-route', '  ', fill)}\n</VPNProfile>`),
  'aovpn-exclusion-route': (fill) => FORCE_TUNNEL.replace('</VPNProfile>', `${pasted('aovpn-exclusion-route', '  ', fill)}\n</VPNProfile>`),
  'aovpn-dns': (fill) => CLEAN_PROFILE.replace('</VPNProfile>', `${pasted('aovpn-dns', '  ', fill)}\n</VPNProfile>`),
  'aovpn-traffic-filter': (fill) => CLEAN_PROFILE.replace('</VPNProfile>', `${pasted('aovpn-traffic-filter', '  ', fill)}\n</VPNProfile>`),
  'aovpn-proxy': (fill) => FORCE_TUNNEL.replace('  <NativeProfile>', `${pasted('aovpn-proxy', '  ', fill)}\n  <NativeProfile>`),
};

const ERROR = 1;
const WARNING = 2;

/**
 * Tabstops whose default is a placeholder the administrator must replace (the profile does not
 * work until then, and placeholder-value says so). Every other default is a sample value that
 * works as written (documentation names and addresses, baseline algorithms).
 */
const PLACEHOLDER_TABSTOPS: Record<string, string[]> = {
  'aovpn-user-tunnel': ['5'],
};

/** The ProfileXML snippets are written for every deployment path. */
const SNIPPET_DEPLOYMENTS = ['any', 'intune', 'powershell'] as const;

const describeFound = (found: Found[]): string => found.map((f) => `${f.code} "${f.text}": ${f.message}`).join('\n');

/** `<Name>value</Name>` pairs of the suite in document order. */
function suiteOf(text: string): [string, string][] {
  const block = /<CryptographySuite>([\s\S]*?)<\/CryptographySuite>/.exec(text);
  assert.ok(block, 'has a CryptographySuite');
  return [...block[1].matchAll(/<(\w+)>([^<]*)<\/\1>/g)].map((m) => [m[1], m[2]]);
}

const expectedSuite = (key: 'baseline' | 'gcmBaseline'): [string, string][] => CRYPTO.order.map((name) => [name, CRYPTO[key][name]]);

describe('snippets/profilexml.json', () => {
  it('has the AOVPN snippets, each with prefix, description and body', () => {
    assert.deepEqual(
      Object.values(SNIPPETS)
        .map((s) => s.prefix)
        .sort(),
      Object.keys(HOSTS).sort(),
    );
    for (const [name, s] of Object.entries(SNIPPETS)) {
      assert.ok(s.description.length > 20, `${name} has a description`);
      assert.ok(Array.isArray(s.body) && s.body.every((line) => typeof line === 'string'), `${name} body is a list of lines`);
      assert.ok(
        s.body.every((line) => !/^ +</.test(line)),
        `${name} indents with tabs (VS Code converts them)`,
      );
    }
  });

  for (const prefix of Object.keys(HOSTS)) {
    it(`${prefix}: pasted with its defaults, every placeholder it leaves is placeholder-value and nothing else above information fires`, () => {
      const text = HOSTS[prefix]();
      assert.ok(!text.includes('$'), `tabstops left in:\n${text}`);
      const { defaults } = expandSnippetBody(snippet(prefix).body.join('\n'));
      const placeholders = (PLACEHOLDER_TABSTOPS[prefix] ?? []).map((n) => defaults.get(n)!);
      for (const [n, value] of defaults) {
        if (placeholders.includes(value)) continue;
        assert.ok(
          isDocumentationValue(value),
          `${prefix}: tabstop ${n} defaults to "${value}", which is neither a sample value that works as written nor a listed placeholder`,
        );
      }
      for (const deployment of SNIPPET_DEPLOYMENTS) {
        const found = diagnose(text, { deployment }).filter((f) => f.severity !== undefined && f.severity <= WARNING);
        const others = found.filter((f) => f.code !== 'placeholder-value');
        assert.deepEqual(others, [], `${prefix} (${deployment}):\n${describeFound(others)}\n${text}`);
        // Each placeholder the snippet leaves is reported where it stands, and nothing else is.
        const reported = found.map((f) => f.text);
        const expected = placeholders.flatMap((value) => Array(text.split(value).length - 1).fill(value));
        assert.deepEqual(reported, expected, `${prefix} (${deployment})`);
        for (const f of found) assert.equal(f.severity, ERROR, f.message);
      }
    });

    it(`${prefix}: filled in with real-looking values (a random thumbprint, fabrikam.com names), gives nothing above information`, () => {
      const text = HOSTS[prefix](realistic);
      for (const deployment of SNIPPET_DEPLOYMENTS) {
        const found = diagnose(text, { deployment }).filter((f) => f.severity !== undefined && f.severity <= WARNING);
        assert.deepEqual(found, [], `${prefix} (${deployment}):\n${describeFound(found)}\n${text}`);
      }
    });
  }

  it('expands placeholders the way VS Code does', () => {
    assert.equal(expandSnippet('<A>${1:x}</A><B>$1</B><C>${2|p,q|}</C>$0'), '<A>x</A><B>x</B><C>p</C>');
    assert.equal(expandSnippet('${1:a ${2:b}} $2 \\$3'), 'a b b $3');
  });
});

describe('IPsec snippets follow schemas/crypto.json', () => {
  it('aovpn-crypto-baseline holds the baseline, in the documented order', () => {
    assert.deepEqual(suiteOf(pasted('aovpn-crypto-baseline', '')), expectedSuite('baseline'));
  });

  it('aovpn-crypto-gcm holds the GCM baseline, in the documented order', () => {
    assert.deepEqual(suiteOf(pasted('aovpn-crypto-gcm', '')), expectedSuite('gcmBaseline'));
  });

  it('the tunnel profiles carry the baseline too', () => {
    assert.deepEqual(suiteOf(pasted('aovpn-user-tunnel', '')), expectedSuite('baseline'));
    assert.deepEqual(suiteOf(pasted('aovpn-device-tunnel', '')), expectedSuite('baseline'));
  });
});

describe('tunnel profile snippets', () => {
  it('the device tunnel is a valid device tunnel: IKEv2, machine certificate, split tunnel, host routes', () => {
    const text = pasted('aovpn-device-tunnel', '');
    assert.match(text, /<DeviceTunnel>true<\/DeviceTunnel>/);
    assert.match(text, /<NativeProtocolType>IKEv2<\/NativeProtocolType>/);
    assert.match(text, /<MachineMethod>Certificate<\/MachineMethod>/);
    assert.doesNotMatch(text, /<UserMethod>/);
    assert.match(text, /<RoutingPolicyType>SplitTunnel<\/RoutingPolicyType>/);
    assert.match(text, /<PrefixSize>32<\/PrefixSize>/);
    const codes = diagnose(text).map((f) => f.code);
    assert.ok(!codes.some((c) => c.startsWith('device-tunnel-')), codes.join(', '));
  });

  it('the user tunnel uses IKEv2 with EAP and an EAP configuration that validates the server', () => {
    const text = pasted('aovpn-user-tunnel', '');
    assert.match(text, /<NativeProtocolType>IKEv2<\/NativeProtocolType>/);
    assert.match(text, /<UserMethod>EAP<\/UserMethod>/);
    assert.match(text, /<EapHostConfig xmlns="http:\/\/www\.microsoft\.com\/provisioning\/EapHostConfig">/);
    assert.match(text, /<ServerNames>nps\.corp\.example\.net<\/ServerNames>/);
    assert.match(text, /<DomainName>\.corp\.example\.net<\/DomainName>/, 'the NRPT rule follows the DNS suffix');
    const codes = diagnose(text).map((f) => f.code);
    for (const code of [
      'eap-configuration-missing',
      'eap-server-validation-off',
      'eap-namespace',
      'ikev2-default-crypto',
      'split-tunnel-without-routes',
    ]) {
      assert.ok(!codes.includes(code), `${code} in ${codes.join(', ')}`);
    }
  });
});
