import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CLEAN_PROFILE, diagnose, type Found } from '../helpers/service';

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

/**
 * The text VS Code inserts when every placeholder keeps its default: `${1:default}` → default,
 * `${1|a,b|}` → a, `$1`/`${1}` → whatever placeholder 1 holds elsewhere, `$0` → nothing.
 */
export function expandSnippet(body: string): string {
  const values = new Map<string, string>();
  const MARK = '\u0000';
  const parse = (from: number, inside: boolean): [string, number] => {
    let out = '';
    let i = from;
    while (i < body.length) {
      const c = body[i];
      if (c === '\\' && i + 1 < body.length) {
        out += body[i + 1];
        i += 2;
      } else if (inside && c === '}') {
        return [out, i + 1];
      } else if (c === '$' && /\d/.test(body[i + 1] ?? '')) {
        const n = /^\d+/.exec(body.slice(i + 1))![0];
        out += `${MARK}${n}${MARK}`;
        i += 1 + n.length;
      } else if (c === '$' && body[i + 1] === '{' && /\d/.test(body[i + 2] ?? '')) {
        const n = /^\d+/.exec(body.slice(i + 2))![0];
        let j = i + 2 + n.length;
        if (body[j] === ':') {
          const [value, next] = parse(j + 1, true);
          if (!values.has(n)) values.set(n, value);
          j = next;
        } else if (body[j] === '|') {
          const end = body.indexOf('|}', j + 1);
          const first = body.slice(j + 1, end).split(/(?<!\\),/)[0].replace(/\\(.)/g, '$1');
          if (!values.has(n)) values.set(n, first);
          j = end + 2;
        } else {
          j += 1; // `}` of `${1}`
        }
        out += `${MARK}${n}${MARK}`;
        i = j;
      } else {
        out += c;
        i++;
      }
    }
    return [out, i];
  };
  const [raw] = parse(0, false);
  let text = raw;
  // Placeholder values may themselves refer to placeholders: resolve until stable.
  for (let pass = 0; pass < 5 && text.includes(MARK); pass++) {
    text = text.replace(new RegExp(`${MARK}(\\d+)${MARK}`, 'g'), (_, n: string) => values.get(n) ?? '');
  }
  return text;
}

/** The snippet as pasted at `indent`, with the document's two-space indentation. */
function pasted(prefix: string, indent: string): string {
  return expandSnippet(snippet(prefix).body.join('\n'))
    .split('\n')
    .map((line) => indent + line.replace(/^\t+/, (tabs) => '  '.repeat(tabs.length)))
    .join('\n');
}

const CRYPTO_BLOCK = /    <CryptographySuite>[\s\S]*?<\/CryptographySuite>/;
const FORCE_TUNNEL = CLEAN_PROFILE.replace('SplitTunnel', 'ForceTunnel')
  .replace('    <DisableClassBasedDefaultRoute>true</DisableClassBasedDefaultRoute>\n', '')
  .replace(/  <Route>[\s\S]*?<\/Route>\n/, '');

/** Where each snippet goes to be checked. */
const HOSTS: Record<string, () => string> = {
  'aovpn-user-tunnel': () => pasted('aovpn-user-tunnel', ''),
  'aovpn-device-tunnel': () => pasted('aovpn-device-tunnel', ''),
  'aovpn-crypto-baseline': () => CLEAN_PROFILE.replace(CRYPTO_BLOCK, pasted('aovpn-crypto-baseline', '    ')),
  'aovpn-crypto-gcm': () => CLEAN_PROFILE.replace(CRYPTO_BLOCK, pasted('aovpn-crypto-gcm', '    ')),
  'aovpn-route': () => CLEAN_PROFILE.replace('</VPNProfile>', `${pasted('aovpn-route', '  ')}\n</VPNProfile>`),
  'aovpn-exclusion-route': () => FORCE_TUNNEL.replace('</VPNProfile>', `${pasted('aovpn-exclusion-route', '  ')}\n</VPNProfile>`),
  'aovpn-dns': () => CLEAN_PROFILE.replace('</VPNProfile>', `${pasted('aovpn-dns', '  ')}\n</VPNProfile>`),
  'aovpn-traffic-filter': () => CLEAN_PROFILE.replace('</VPNProfile>', `${pasted('aovpn-traffic-filter', '  ')}\n</VPNProfile>`),
  'aovpn-proxy': () => FORCE_TUNNEL.replace('  <NativeProfile>', `${pasted('aovpn-proxy', '  ')}\n  <NativeProfile>`),
};

const errorsOf = (found: Found[]): Found[] => found.filter((f) => f.severity === 1);
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
    assert.deepEqual(Object.values(SNIPPETS).map((s) => s.prefix).sort(), Object.keys(HOSTS).sort());
    for (const [name, s] of Object.entries(SNIPPETS)) {
      assert.ok(s.description.length > 20, `${name} has a description`);
      assert.ok(Array.isArray(s.body) && s.body.every((line) => typeof line === 'string'), `${name} body is a list of lines`);
      assert.ok(s.body.every((line) => !/^ +</.test(line)), `${name} indents with tabs (VS Code converts them)`);
    }
  });

  for (const prefix of Object.keys(HOSTS)) {
    it(`${prefix}: pasted with its defaults, gives no error`, () => {
      const text = HOSTS[prefix]();
      assert.ok(!text.includes('$'), `placeholders left in:\n${text}`);
      for (const deployment of ['any', 'intune', 'powershell'] as const) {
        const errors = errorsOf(diagnose(text, { deployment }));
        assert.deepEqual(errors, [], `${prefix} (${deployment}):\n${describeFound(errors)}\n${text}`);
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
    for (const code of ['eap-configuration-missing', 'eap-server-validation-off', 'eap-namespace', 'ikev2-default-crypto', 'split-tunnel-without-routes']) {
      assert.ok(!codes.includes(code), `${code} in ${codes.join(', ')}`);
    }
  });
});
