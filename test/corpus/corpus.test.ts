import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { CORPUS_DIR, CORPUS_LABEL, corpusEntries, OUTSIDE_CORPUS, readCorpusText } from '../helpers/corpus';
import { doc, fixAll, service } from '../helpers/service';

/** Deployment modes a verdict must hold in: a valid profile is valid however it is deployed. */
const DEPLOYMENTS = ['any', 'powershell', 'intune'] as const;

/**
 * A set of profiles as a conformance suite: every file is linted without a crash and with ranges
 * inside the document; each file gets the manifest's verdict in every deployment mode (`valid`:
 * no error; `has-errors`: at least one error, exactly the listed rules where the manifest lists
 * them; `not-well-formed`: xml-not-well-formed); every feature answers on every file; fix-all
 * keeps a well-formed profile well-formed.
 *
 * `npm test` runs it on the repository's profiles (test/fixtures/profiles/); the acceptance run
 * `npm run test:corpus -- DIR` on a corpus of real-world profiles kept outside the repository.
 */
describe(`profile corpus: ${CORPUS_LABEL}`, () => {
  const entries = corpusEntries();

  if (!OUTSIDE_CORPUS) {
    it("the repository's manifest gives every profile a verdict, and every one it lists exists", () => {
      assert.deepEqual(
        entries.filter((e) => !e.expect).map((e) => e.file),
        [],
        'profiles without a verdict in MANIFEST.tsv',
      );
      assert.deepEqual(
        entries.filter((e) => !existsSync(path.join(CORPUS_DIR, e.file))).map((e) => e.file),
        [],
        'listed but missing',
      );
      for (const verdict of ['valid', 'has-errors', 'not-well-formed'] as const)
        assert.ok(
          entries.some((e) => e.expect === verdict),
          `a profile marked ${verdict}`,
        );
      assert.ok(
        entries.filter((e) => e.expect === 'has-errors').every((e) => e.errors?.length),
        'each has-errors profile names the errors it must get',
      );
      // Only profiles, the manifest and nothing else: a stray file would be linted without anyone noticing.
      assert.deepEqual(
        readdirSync(CORPUS_DIR).filter((f) => f !== 'MANIFEST.tsv' && !f.endsWith('.xml')),
        [],
      );
    });
  }

  for (const entry of entries) {
    it(`${entry.file}${entry.expect ? ` (${entry.expect})` : ''}`, () => {
      const text = readCorpusText(entry.file);
      const d = doc(text, `file:///corpus/${entry.file}`);
      const lines = text.split('\n').length;
      const diagnostics = service.validate(d);
      for (const x of diagnostics) {
        assert.ok(x.range.start.line < lines && x.range.end.line < lines, `range inside the document: ${JSON.stringify(x)}`);
        assert.ok(d.offsetAt(x.range.start) <= d.offsetAt(x.range.end));
        assert.equal(x.source, 'profilexml');
      }
      for (const deployment of DEPLOYMENTS) {
        const errors = service.validate(d, { deployment }).filter((x) => x.severity === 1);
        const listed = errors.map((x) => `${x.code} at ${x.range.start.line + 1}: ${x.message}`);
        if (entry.expect === 'valid') assert.deepEqual(listed, [], `a valid profile gets no error (deployment ${deployment})`);
        if (entry.expect === 'has-errors')
          assert.ok(errors.length > 0, `a profile with errors gets at least one (deployment ${deployment})`);
        if (entry.expect === 'not-well-formed')
          assert.ok(
            errors.some((x) => x.code === 'xml-not-well-formed'),
            `xml-not-well-formed (deployment ${deployment}); got ${listed.join('; ') || 'nothing'}`,
          );
        if (entry.errors)
          assert.deepEqual(
            [...new Set(errors.map((x) => String(x.code)))].sort(),
            entry.errors,
            `the errors the manifest lists (deployment ${deployment}); got ${listed.join('; ') || 'nothing'}`,
          );
      }
      // Every other feature must answer, too.
      service.documentSymbols(d);
      service.foldingRanges(d);
      for (const offset of [0, Math.floor(text.length / 3), Math.floor(text.length / 2), text.length]) {
        service.complete(d, d.positionAt(offset));
        service.hover(d, d.positionAt(offset));
      }
      const fixed = fixAll(text);
      if (fixed !== text && diagnostics.every((x) => x.code !== 'xml-not-well-formed')) {
        assert.ok(!service.validate(doc(fixed)).some((x) => x.code === 'xml-not-well-formed'), 'fix-all keeps the profile well-formed');
      }
    });
  }
});
