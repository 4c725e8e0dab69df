/**
 * The strict XSD generated from the model (schemas/ProfileXML.xsd) agrees with our verdicts: every
 * profile the manifest marks valid passes it. Runs on the repository's profiles in `npm test` and
 * on DIR in `npm run test:corpus -- DIR` (test/helpers/corpus.ts). The other XSD checks, which need
 * no corpus, are in test/unit/schema.test.ts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { validateXML } from 'xmllint-wasm';
import { CORPUS_DIR, CORPUS_LABEL, corpusEntries, readCorpusText } from '../helpers/corpus';

const XSD = readFileSync(path.join(__dirname, '..', '..', 'schemas', 'ProfileXML.xsd'), 'utf8');

/** xmllint is handed UTF-8: a UTF-16 label in the XML declaration would make it misread the text. */
function asUtf8Document(text: string): string {
  return text.replace(/^(\s*<\?xml[^>]*encoding\s*=\s*["'])utf-16(["'])/i, '$1UTF-8$2');
}

describe(`the XSD on the profiles of ${CORPUS_LABEL}`, () => {
  test('every profile marked valid passes the XSD', async () => {
    const valid = corpusEntries().filter((e) => e.expect === 'valid');
    assert.ok(valid.length > 0, `no profile of ${CORPUS_DIR} is marked valid`);
    const docs = valid.map((e) => ({ fileName: e.file, contents: asUtf8Document(readCorpusText(e.file)) }));
    const result = await validateXML({ xml: docs, schema: [XSD] });
    const errors = new Map<string, string[]>(docs.map((d) => [d.fileName, []]));
    for (const e of result.errors) {
      const key = e.loc?.fileName;
      if (key && errors.has(key)) errors.get(key)!.push(e.message);
      else if (/ fails to validate$/.test(e.rawMessage.trim()))
        continue; // xmllint's per-file summary line
      else for (const list of errors.values()) list.push(e.rawMessage); // not attributed to a file: blame every file
    }
    for (const [file, list] of errors) assert.deepEqual(list, [], `${file} should pass the XSD`);
  });
});
