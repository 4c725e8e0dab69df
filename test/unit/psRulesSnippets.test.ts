/**
 * The PowerShell snippets (snippets/powershell.json): each one, with its placeholders at their
 * defaults, gives no diagnostic at all — the SA-limit snippet only its by-design
 * ps-sa-limit-workaround information — and the IPsec snippets carry exactly the baseline of
 * schemas/crypto.json (from Richard Hicks' "Always On VPN IKEv2 Security Configuration"). The MDM-bridge snippet's sample profile is checked as embedded
 * ProfileXML and is clean too.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { powerShellReady } from '../helpers/service';
import { lint } from '../fixtures/powershell/harness';

before(() => powerShellReady);

interface Snippet {
  prefix: string;
  description: string;
  body: string[];
}

const ROOT = join(__dirname, '..', '..');
const SNIPPETS = JSON.parse(readFileSync(join(ROOT, 'snippets', 'powershell.json'), 'utf8')) as Record<string, Snippet>;
const CRYPTO = JSON.parse(readFileSync(join(ROOT, 'schemas', 'crypto.json'), 'utf8')) as {
  baseline: Record<string, string>;
  powershellToProfileXml: Record<string, Record<string, string>>;
};

function snippet(prefix: string): Snippet {
  const found = Object.values(SNIPPETS).find((s) => s.prefix === prefix);
  assert.ok(found, `no snippet with prefix ${prefix}`);
  return found;
}

/**
 * The text VS Code inserts when every placeholder keeps its default (VS Code snippet grammar:
 * `\` escapes only `$`, `}` and `\`; `${1:default}` → default, `${1|a,b|}` → a, `$1` → what
 * placeholder 1 holds, `$0` → nothing).
 */
function expand(snippetBody: string[]): string {
  const body = snippetBody.join('\n');
  const values = new Map<string, string>();
  let out: string;
  const parse = (from: number, inside: boolean): [string, number] => {
    let text = '';
    let i = from;
    while (i < body.length) {
      const c = body[i];
      if (c === '\\' && ['$', '}', '\\'].includes(body[i + 1] ?? '')) {
        text += body[i + 1];
        i += 2;
      } else if (inside && c === '}') return [text, i + 1];
      else if (c === '$' && /\d/.test(body[i + 1] ?? '')) {
        const n = /^\d+/.exec(body.slice(i + 1))![0];
        text += `\u0000${n}\u0000`;
        i += 1 + n.length;
      } else if (c === '$' && body[i + 1] === '{' && /\d/.test(body[i + 2] ?? '')) {
        const n = /^\d+/.exec(body.slice(i + 2))![0];
        let j = i + 2 + n.length;
        if (body[j] === ':') {
          const [value, next] = parse(j + 1, true);
          if (!values.has(n)) values.set(n, value);
          j = next;
        } else if (body[j] === '|') {
          const end = body.indexOf('|}', j);
          if (!values.has(n)) values.set(n, body.slice(j + 1, end).split(',')[0]);
          j = end + 2;
        } else j += 1;
        text += `\u0000${n}\u0000`;
        i = j;
      } else {
        text += c;
        i++;
      }
    }
    return [text, i];
  };
  [out] = parse(0, false);
  for (let round = 0; round < 5 && out.includes('\u0000'); round++) {
    out = out.replace(/\u0000(\d+)\u0000/g, (_, n: string) => values.get(n) ?? '');
  }
  return out;
}

function codesOf(text: string): string[] {
  return lint(text).map((f) => `${f.code} (${f.text}): ${f.message}`);
}

/** The PowerShell spelling of the baseline value of one IPsec parameter. */
function baseline(parameter: string): string {
  const xml = CRYPTO.baseline[parameter];
  const table = CRYPTO.powershellToProfileXml[parameter] ?? {};
  return Object.entries(table).find(([, v]) => v === xml)?.[0] ?? xml;
}

const SIX = [
  'AuthenticationTransformConstants',
  'CipherTransformConstants',
  'DHGroup',
  'EncryptionMethod',
  'IntegrityCheckMethod',
  'PfsGroup',
];

describe('PowerShell snippets', () => {
  it('are well-formed VS Code snippets with aovpn- prefixes', () => {
    const prefixes = Object.values(SNIPPETS).map((s) => s.prefix);
    assert.deepEqual(prefixes.sort(), [
      'aovpn-client-baseline',
      'aovpn-mdm-deploy',
      'aovpn-sa-limit-workaround',
      'aovpn-server-baseline',
      'aovpn-server-fragmentation',
    ]);
    for (const s of Object.values(SNIPPETS)) {
      assert.ok(s.description.length > 20, s.prefix);
      assert.ok(Array.isArray(s.body) && s.body.every((l) => typeof l === 'string'), s.prefix);
    }
  });

  for (const prefix of ['aovpn-server-baseline', 'aovpn-client-baseline', 'aovpn-server-fragmentation', 'aovpn-mdm-deploy']) {
    it(`${prefix} gives no diagnostic`, () => {
      assert.deepEqual(codesOf(expand(snippet(prefix).body)), []);
    });
  }

  it('aovpn-sa-limit-workaround gives only its by-design information', () => {
    const text = expand(snippet('aovpn-sa-limit-workaround').body);
    assert.deepEqual(
      lint(text).map((f) => [f.code, f.severity]),
      [['ps-sa-limit-workaround', 3]],
    );
    assert.match(text, /PARTIAL WORKAROUND/);
    assert.match(text, /destination NAT only/);
    assert.match(text, /Restart-Service IKEEXT -Force/);
  });

  it("the server and client baselines carry the six values of schemas/crypto.json and the baseline article's SA lifetimes", () => {
    const server = expand(snippet('aovpn-server-baseline').body);
    const client = expand(snippet('aovpn-client-baseline').body);
    for (const p of SIX) {
      assert.match(server, new RegExp(`-${p} ${baseline(p)}\\b`), `server ${p}`);
      assert.match(client, new RegExp(`-${p} ${baseline(p)}\\b`), `client ${p}`);
    }
    assert.match(server, /-SALifeTimeSeconds 28800 `\n\t-MMSALifeTimeSeconds 86400 `\n\t-SADataSizeForRenegotiationKilobytes 1024000\n/);
    assert.match(server, /\nRestart-Service RemoteAccess -PassThru\n/);
    assert.match(client, /-ConnectionName 'Always On VPN'/);
    assert.match(client, /-Force\n/);
  });

  it('the fragmentation snippet writes EnableServerFragmentation as DWORD 1 and restarts RemoteAccess', () => {
    const text = expand(snippet('aovpn-server-fragmentation').body);
    assert.match(
      text,
      /-Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\RemoteAccess\\Parameters\\Ikev2\\' -Name EnableServerFragmentation -PropertyType DWORD -Value 1 -Force/,
    );
    assert.match(text, /\nRestart-Service RemoteAccess -PassThru\n/);
  });

  it('the MDM snippet escapes <, > and " and its sample profile is analysed as embedded ProfileXML', () => {
    const text = expand(snippet('aovpn-mdm-deploy').body);
    assert.match(text, /\$ProfileXML = @'\n<VPNProfile>\n/);
    assert.match(text, /<\/VPNProfile>\n'@\n/);
    for (const [c, entity] of [
      ['<', '&lt;'],
      ['>', '&gt;'],
      ['"', '&quot;'],
    ]) {
      assert.ok(text.includes(`$ProfileXML = $ProfileXML -replace '${c}', '${entity}'`), c);
    }
    assert.match(text, /-Namespace 'root\\cimv2\\mdm\\dmmap' -ClassName 'MDM_VPNv2_01'/);
    assert.match(text, /ParentID {3}= '\.\/Vendor\/MSFT\/VPNv2'/);
    assert.match(text, /SYSTEM/);
    // The sample really is checked: a broken value in it is reported.
    const broken = text.replace('<DHGroup>Group14</DHGroup>', '<DHGroup>Group15</DHGroup>');
    assert.ok(lint(broken).some((f) => f.source === 'profilexml' && f.code === 'invalid-value' && f.text === 'Group15'));
  });
});
