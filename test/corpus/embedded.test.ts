/**
 * A profile inside a script is checked as the same profile on its own: every well-formed profile
 * of the set, wrapped in a single-quoted here-string (verbatim, the way deployment scripts carry
 * it), gets the same ProfileXML findings at the same places, one line further down. Runs on the
 * repository's profiles in `npm test` and on DIR in `npm run test:corpus -- DIR`.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { CORPUS_DIR, CORPUS_LABEL, corpusEntries, readCorpusText } from '../helpers/corpus';
import { doc, powerShellReady, script, service } from '../helpers/service';

describe(`profiles of ${CORPUS_LABEL} wrapped in a here-string`, () => {
  before(() => powerShellReady);
  // A here-string cannot hold a line starting with '@ (it would end the string there).
  const entries = corpusEntries().filter((e) => e.expect !== 'not-well-formed' && !/^'@/m.test(readCorpusText(e.file)));

  it('has profiles to wrap', () => assert.ok(entries.length > 0, `no well-formed profile in ${CORPUS_DIR}`));

  for (const { file } of entries) {
    it(file, () => {
      const xml = readCorpusText(file);
      const text = (m: string | { value: string }): string => (typeof m === 'string' ? m : m.value);
      const standalone = service.validate(doc(xml)).map((x) => ({ code: String(x.code), range: x.range, message: text(x.message) }));
      for (const eol of ['\n', /\r\n/.test(xml) ? '\r\n' : '\n']) {
        const wrapped = `$ProfileXML = @'${eol}${xml}${eol}'@${eol}`;
        const embedded = service
          .validate(script(wrapped))
          .filter((x) => x.source === 'profilexml')
          .map((x) => ({
            code: String(x.code),
            range: { start: { ...x.range.start, line: x.range.start.line - 1 }, end: { ...x.range.end, line: x.range.end.line - 1 } },
            message: text(x.message),
          }));
        // A $variable or {name} left in the file is placeholder-value in both, at the same place;
        // inside a script the message says why PowerShell leaves it as written (no expansion in
        // single quotes, no -f), so only the message differs.
        const comparable = (list: typeof standalone): typeof standalone =>
          list.map((x) =>
            x.code === 'placeholder-value' && /script variable|template placeholder|single-quoted string|PowerShell leaves/.test(x.message)
              ? { ...x, message: '(depends on the quoting)' }
              : x,
          );
        assert.deepEqual(comparable(embedded), comparable(standalone));
        for (const x of embedded.filter((f) => f.code === 'placeholder-value' && f.message.includes('$')))
          assert.match(x.message, /does not expand variables in a single-quoted string/);
      }
    });
  }
});
