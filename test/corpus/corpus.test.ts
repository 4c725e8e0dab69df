import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { corpusEntries, readCorpusText } from '../helpers/corpus';
import { doc, fixAll, service } from '../helpers/service';

/** Deployment modes a verdict must hold in: a valid profile is valid however it is deployed. */
const DEPLOYMENTS = ['any', 'powershell', 'intune'] as const;

/**
 * The corpus of real profiles as a conformance suite: every file is linted without a crash and
 * with ranges inside the document; each file gets the review's verdict in every deployment mode
 * (`valid`: no error; `has-errors`: at least one error; `not-well-formed`: xml-not-well-formed);
 * every feature answers on every file.
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
      for (const deployment of DEPLOYMENTS) {
        const errors = service.validate(d, { deployment }).filter((x) => x.severity === 1);
        const listed = errors.map((x) => `${x.code} at ${x.range.start.line + 1}: ${x.message}`);
        if (entry.expect === 'valid') assert.deepEqual(listed, [], `a valid profile gets no error (deployment ${deployment})`);
        if (entry.expect === 'has-errors') assert.ok(errors.length > 0, `a profile with errors gets at least one (deployment ${deployment})`);
        if (entry.expect === 'not-well-formed') assert.ok(errors.some((x) => x.code === 'xml-not-well-formed'), `xml-not-well-formed (deployment ${deployment}); got ${listed.join('; ') || 'nothing'}`);
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
