import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { corpusEntries, readCorpusText } from '../helpers/corpus';
import { doc, fixAll, service } from '../helpers/service';

/**
 * The corpus of real profiles as a conformance suite: every file is linted without a crash and
 * with ranges inside the document; files the manifest marks valid get no error; every
 * feature answers on every file.
 */
describe('corpus of real ProfileXML', () => {
  for (const entry of corpusEntries()) {
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
      if (entry.expect === 'valid') {
        const errors = diagnostics.filter((x) => x.severity === 1);
        assert.deepEqual(errors.map((x) => `${x.code} at ${x.range.start.line + 1}: ${x.message}`), [], 'a valid profile gets no error');
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
