/**
 * The repository's hand-written VPN scripts (test/fixtures/scripts/) as a conformance suite, the
 * script counterpart of test/corpus/corpus.test.ts: each script carries its profiles in one of the
 * ways deployment scripts do (single- and double-quoted here-strings, quoted strings with their
 * escapes, an [xml] cast, pieces joined with + and +=), and MANIFEST.tsv says what it must get:
 * its verdict, the rule ids of its errors and how many whole profiles the service finds in it.
 * The same scripts feed the fix round trip (test/corpus/fixRoundtrip.test.ts) and the fuzzer.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { nodeWasmSource } from '../../server/src/host/wasm';
import { parsePowerShellDocument } from '../../server/src/service/powershell/document';
import { embeddedProfiles } from '../../server/src/service/powershell/embedded';
import { loadPowerShellParser, type PowerShellParser } from '../../server/src/service/powershell/grammar';
import { corpusEntries } from '../helpers/corpus';
import { applyTextEdits, powerShellReady, script, service } from '../helpers/service';

const DIR = path.join(__dirname, '..', 'fixtures', 'scripts');
const DEPLOYMENTS = ['any', 'powershell', 'intune'] as const;

/** The `profiles` column: how many whole profiles each script holds. */
function profileCounts(): Map<string, number> {
  const [header, ...rows] = readFileSync(path.join(DIR, 'MANIFEST.tsv'), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .map((l) => l.split('\t'));
  const [file, count] = [header.indexOf('file'), header.indexOf('profiles')];
  return new Map(rows.map((cells) => [cells[file], Number(cells[count])]));
}

let parser: PowerShellParser;
before(async () => {
  await powerShellReady;
  parser = await loadPowerShellParser(nodeWasmSource());
});

describe("the repository's VPN scripts (test/fixtures/scripts)", () => {
  const entries = corpusEntries(DIR);
  const counts = profileCounts();

  it('the manifest lists every script with a verdict and a profile count', () => {
    const scripts = readdirSync(DIR)
      .filter((f) => f.endsWith('.ps1'))
      .sort();
    assert.deepEqual(entries.map((e) => e.file).sort(), scripts);
    for (const e of entries) {
      assert.ok(e.expect === 'valid' || e.expect === 'has-errors', `${e.file}: a script is valid or has errors`);
      assert.ok(Number.isInteger(counts.get(e.file)), `${e.file}: profiles column`);
    }
    assert.ok(entries.some((e) => e.expect === 'has-errors') && entries.some((e) => (counts.get(e.file) ?? 0) > 1));
  });

  for (const entry of entries) {
    it(`${entry.file} (${entry.expect})`, () => {
      const text = readFileSync(path.join(DIR, entry.file), 'utf8');
      const d = script(text, `file:///fixtures/${entry.file}`);
      const parsed = parsePowerShellDocument(parser, text);
      assert.equal(embeddedProfiles(parsed).filter((e) => e.complete).length, counts.get(entry.file), 'whole profiles found in the script');
      const lines = text.split('\n').length;
      for (const deployment of DEPLOYMENTS) {
        const diagnostics = service.validate(d, { deployment });
        for (const x of diagnostics) {
          assert.ok(x.range.start.line < lines && x.range.end.line < lines, `range inside the script: ${JSON.stringify(x)}`);
          assert.ok(['profilexml', 'aovpn-powershell'].includes(String(x.source)), String(x.source));
        }
        const errors = diagnostics.filter((x) => x.severity === 1);
        const listed = errors.map((x) => `${x.code} at ${x.range.start.line + 1}: ${x.message}`);
        if (entry.expect === 'valid') assert.deepEqual(listed, [], `a valid script gets no error (deployment ${deployment})`);
        assert.deepEqual(
          [...new Set(errors.map((x) => String(x.code)))].sort(),
          entry.errors ?? [],
          `the errors the manifest lists (deployment ${deployment})`,
        );
      }
      service.documentSymbols(d);
      service.foldingRanges(d);
      for (const offset of [0, Math.floor(text.length / 3), Math.floor(text.length / 2), text.length]) {
        service.complete(d, d.positionAt(offset));
        service.hover(d, d.positionAt(offset));
      }
      // Fix-all never loses a profile or breaks the script's syntax (the fix round trip checks each fix in detail).
      const fixed = applyTextEdits(text, service.fixAll(d));
      if (entry.expect === 'has-errors') assert.notEqual(fixed, text, 'fix-all has something to fix');
      const after = parsePowerShellDocument(parser, fixed);
      assert.equal(embeddedProfiles(after).filter((e) => e.complete).length, counts.get(entry.file), 'fix-all keeps every profile');
      if (!parsed.tree.rootNode.hasError) assert.ok(!after.tree.rootNode.hasError, 'fix-all keeps the script parseable');
    });
  }
});
