/**
 * Fuzz regressions: every input saved in test/fixtures/fuzz/ (by `npm run fuzz`, or by hand)
 * goes through the fuzzer's own checks (fuzz/checks.ts): no request throws, none takes longer
 * than the limit, every range handed to the editor lies inside the document, every action's
 * edits apply. Inputs whose failure is known and not fixed yet carry `open` in their .json
 * sidecar and are reported as todo; remove `open` once fixed.
 *
 * Then the bugs the fuzzer found and that were fixed, each as a plain case.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { nodeWasmSource } from '../../server/src/host/wasm';
import { createLanguageService, fixAllText } from '../../server/src/service/languageService';
import type { RatedFinding } from '../../server/src/service/profilexml/validate';
import { readFileSync } from 'node:fs';
import { loadFixtures, type ReplayResult } from '../../fuzz/replay';
import { applyTextEdits } from '../helpers/service';

// Node waits at exit until V8 has optimised the PowerShell grammar's WebAssembly (~4 s of CPU);
// Liftoff alone parses as fast, so this process and the replay skip that wait.
setFlagsFromString('--liftoff-only');

const ROOT = join(__dirname, '..', '..');
/** Per request; the fuzzer's default is 2 s, with some slack for slower machines. */
// A hang detector, not a speed check (speed lives in `npm run bench`): generous for loaded CI machines.
const TIME_LIMIT_MS = 10000;

describe('fuzz regressions: test/fixtures/fuzz/', () => {
  const fixtures = loadFixtures();
  const runnable = fixtures.filter((f) => !(f.sidecar.open && (f.sidecar as { slow?: boolean }).slow));
  let results = new Map<string, ReplayResult>();

  // Replayed in a child process with a deadline: a hang fails this suite instead of stopping it.
  before(() => {
    if (runnable.length === 0) return;
    const r = spawnSync(
      process.execPath,
      [
        '--liftoff-only',
        '--import',
        'tsx',
        'fuzz/replay.ts',
        '--json',
        '--time-limit',
        String(TIME_LIMIT_MS),
        ...runnable.map((f) => f.name),
      ],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 180_000,
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    assert.equal(r.error, undefined, `the replay did not finish: ${String(r.error)}`);
    assert.equal(r.status, 0, `the replay failed (exit ${r.status}):\n${r.stderr}`);
    results = new Map((JSON.parse(r.stdout) as ReplayResult[]).map((x) => [x.name, x]));
  });

  it('has fixtures', () => {
    assert.ok(fixtures.length > 0);
  });

  for (const fixture of fixtures) {
    const { open } = fixture.sidecar;
    const slow = (fixture.sidecar as { slow?: boolean }).slow;
    const options =
      open && slow
        ? { skip: `open, and slow to replay: ${open} (node --import tsx fuzz/replay.ts ${fixture.name})` }
        : open
          ? { todo: open }
          : {};
    it(`${fixture.name}: no crash, timeout or range outside the document`, options, () => {
      const result = results.get(fixture.name);
      assert.ok(result, `no replay result for ${fixture.name}`);
      const failures = result.failures.map(
        (f) => `${f.kind} [${f.doc}] ${f.call}: ${f.message}${f.stack ? `\n${f.stack.split('\n').slice(0, 4).join('\n')}` : ''}`,
      );
      assert.deepEqual(failures, []);
    });
  }
});

describe('fuzz regressions: fixed bugs', () => {
  const service = createLanguageService({ wasm: nodeWasmSource() });
  before(() => service.preparePowerShell());
  after(() => service.workspace.clear());
  let version = 0;
  const script = (text: string): TextDocument => TextDocument.create('file:///fuzz/test.ps1', 'powershell', ++version, text);
  const profile = (text: string): TextDocument => TextDocument.create('file:///fuzz/test.xml', 'xml', ++version, text);

  it('10,000 nested parentheses in a script: requests answer instead of overflowing the stack (powershell/embeddedStrings.ts)', () => {
    const d = script(`$x = ${'('.repeat(10_000)}1${')'.repeat(10_000)}\n`);
    assert.ok(Array.isArray(service.validate(d)));
    assert.ok(service.complete(d, d.positionAt(3)));
    assert.deepEqual(service.fixAll(d), []);
  });

  it('10,000 nested elements with a comment inside: validate and fix-all read the suppression comments without recursion (workspace/suppress.ts)', () => {
    const depth = 10_000;
    const xml = `<VPNProfile>\n${'<NativeProfile>'.repeat(depth)}<!-- profilexml-disable-next-line -->v${'</NativeProfile>'.repeat(depth)}\n</VPNProfile>\n`;
    for (const d of [profile(xml), script(`$ProfileXML = @'\n${xml}'@\n`)]) {
      const diagnostics = service.validate(d);
      assert.ok(Array.isArray(diagnostics));
      service.codeActions(d, { start: d.positionAt(0), end: d.positionAt(d.getText().length) }, { diagnostics });
      service.fixAll(d);
    }
  });

  it('a server value that is not a documented value (here text a typographic quote swallowed) is not copied into the client; fix-all stays small (workspace/rules/ipsecPolicy.ts)', () => {
    const text = readFileSync(join(ROOT, 'test', 'fixtures', 'fuzz', 'ps-script-edits-seed20261127-71855.ps1'), 'utf8');
    const d = script(text);
    const mismatch = service.validate(d).find((x) => x.code === 'ipsec-policy-mismatch');
    assert.ok(mismatch, 'the mismatch is still reported');
    const actions = service.codeActions(d, mismatch.range, { diagnostics: [mismatch], only: ['quickfix'] });
    assert.ok(!actions.some((a) => a.title.startsWith('Align the client IPsec policy')), actions.map((a) => a.title).join(', '));
    const edits = service.fixAll(d);
    const fixed = TextDocument.applyEdits(d, edits);
    assert.ok(fixed.length < text.length + 200, `fix-all grew the script from ${text.length} to ${fixed.length} characters`);
  });

  it('fix-all applies nothing when fixes keep feeding on each other (languageService.ts fixAllText)', () => {
    const runaway = (text: string): RatedFinding[] => [
      {
        ruleId: 'test',
        severity: 'warning',
        message: 'grows',
        span: { start: 0, end: 0 },
        fixes: [{ title: 'copy', preferred: true, edits: [{ start: text.length, end: text.length, newText: text.repeat(50) }] }],
      } as unknown as RatedFinding,
    ];
    assert.equal(fixAllText('abc', runaway), 'abc');
    // A fix that converges is applied as before.
    const once = (text: string): RatedFinding[] =>
      text.endsWith('!')
        ? []
        : [
            {
              ruleId: 'test',
              severity: 'warning',
              message: 'add',
              span: { start: 0, end: 0 },
              fixes: [{ title: 'add', preferred: true, edits: [{ start: text.length, end: text.length, newText: '!' }] }],
            } as unknown as RatedFinding,
          ];
    assert.equal(fixAllText('abc', once), 'abc!');
  });

  describe('ipsec-policy-mismatch fix on Add-VpnConnection (workspace/scriptFacts.ts)', () => {
    const SERVER =
      'Set-VpnServerConfiguration -CustomPolicy -AuthenticationTransformConstants GCMAES128 -CipherTransformConstants GCMAES128 -DHGroup Group14 -EncryptionMethod GCMAES128 -IntegrityCheckMethod SHA256 -PfsGroup ECP256\n';
    const CLIENT_SUITE =
      '-AuthenticationTransformConstants GCMAES128 -CipherTransformConstants GCMAES128 -DHGroup Group14 -EncryptionMethod GCMAES128 -IntegrityCheckMethod SHA256 -PfsGroup ECP256 -Force';
    before(() => service.workspace.setFile('file:///fuzz/server.ps1', 'powershell', SERVER, 1));

    it('is not offered inside an unterminated string that runs across the rest of the script; fix-all converges', () => {
      // An unterminated string after the first Add-VpnConnection swallows the rest of the script;
      // the fix used to insert its line again on every fix-all pass (3 s, exponential growth).
      // PowerShell's tokenizer reads everything after `"` as string content, the second
      // Add-VpnConnection included, so a line written after it would be string content too.
      const text = [
        'Add-VpnConnection @p";',
        "Add-VpnConnection -Name 'Contoso VPN' -ServerAddress vpn.example.com -TunnelType Ikev2 -AuthenticationMethod MachineCertificate -Force",
        "New-ItemProperty -Path '' -Name CertAuthFlags -PropertyType DWORD -Force",
        '',
      ].join('\n');
      const d = script(text);
      const started = performance.now();
      const fixed = applyTextEdits(text, service.fixAll(d));
      assert.ok(performance.now() - started < 1000, 'fix-all converges quickly');
      const inserted = fixed.split('\n').filter((l) => l.startsWith('Set-VpnConnectionIPsecConfiguration'));
      assert.deepEqual(inserted, []);
      // The same connection without the run-on string gets its line, once.
      const clean = text.split('\n').slice(1).join('\n');
      const cleanFixed = applyTextEdits(clean, service.fixAll(script(clean)));
      assert.deepEqual(
        cleanFixed.split('\n').filter((l) => l.startsWith('Set-VpnConnectionIPsecConfiguration')),
        [`Set-VpnConnectionIPsecConfiguration -ConnectionName 'Contoso VPN' ${CLIENT_SUITE}`],
      );
    });

    it('doubles typographic single quotes in the connection name, as PowerShell reads them', () => {
      const text = "Add-VpnConnection -Name 'Contoso\u2019\u2019s VPN' -ServerAddress vpn.example.com -TunnelType Ikev2\n";
      const fixed = applyTextEdits(text, service.fixAll(script(text)));
      assert.equal(fixed, `${text}Set-VpnConnectionIPsecConfiguration -ConnectionName 'Contoso\u2019\u2019s VPN' ${CLIENT_SUITE}\n`);
    });
  });

  it('completion after the closing quote of a value offers nothing; inside the quotes it replaces the content (powershell/cmdletComplete.ts)', () => {
    const text = "Set-VpnServerConfiguration -CustomPolicy -IntegrityCheckMethod 'x' -PfsGroup PFS2048\n";
    const d = script(text);
    const closing = text.indexOf("'x'") + 3;
    assert.deepEqual(service.complete(d, d.positionAt(closing)).items, []);
    const inside = service.complete(d, d.positionAt(closing - 1)).items;
    assert.ok(inside.some((i) => i.label === 'SHA256'));
    for (const item of inside) {
      const edit = item.textEdit!;
      assert.ok('range' in edit);
      assert.deepEqual(edit.range, { start: d.positionAt(closing - 2), end: d.positionAt(closing - 1) });
    }
  });
});
