import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeText } from '../../server/src/host/textFile';
import { parseProfileDocument } from '../../server/src/service/profilexml/document';
import type { Finding } from '../../server/src/service/core/findings';
import type { RuleFamily } from '../../server/src/service/profilexml/rules/ruleTypes';
import { schemaIndex } from '../../server/src/service/profilexml/schema';
import { resolveDefinition } from '../../server/src/service/profilexml/structure';
import { effectiveSeverity, resolveSettings } from '../../server/src/service/settings';

/**
 * Sets of profiles with a manifest of expected verdicts (docs/architecture.md, "How the tests are
 * layered"):
 *
 * - the repository's own, hand-written profiles in test/fixtures/profiles/, which every
 *   `npm test` runs on;
 * - a corpus of real-world profiles kept outside the repository (third-party files are not ours
 *   to copy), given to the acceptance run `npm run test:corpus -- DIR`. scripts/testCorpus.mjs
 *   checks DIR and passes it to the suites of test/corpus/ in CORPUS_ENV.
 *
 * A manifest is DIR/MANIFEST.tsv: tab-separated with a header row naming its columns. `file`
 * and `expect` are required; `errors` (the rule ids of the errors the file must get, comma-
 * separated) and `notes` are read when present; other columns are ignored.
 */

/** The environment variable that points the suites of test/corpus/ at another set of profiles. */
export const CORPUS_ENV = 'AOVPN_CORPUS_DIR';

/** The repository's own profiles. */
export const FIXTURE_PROFILES_DIR = path.resolve(__dirname, '../fixtures/profiles');

/** The set the suites of test/corpus/ run on: DIR of `npm run test:corpus -- DIR`, or the repository's own. */
export const CORPUS_DIR = process.env[CORPUS_ENV] ? path.resolve(process.env[CORPUS_ENV]) : FIXTURE_PROFILES_DIR;

/** How test names show the set: relative to the repository for its own profiles, absolute for an outside corpus. */
export const CORPUS_LABEL = path.relative(path.resolve(__dirname, '../..'), CORPUS_DIR).startsWith('..')
  ? CORPUS_DIR
  : path.relative(path.resolve(__dirname, '../..'), CORPUS_DIR);

/** Whether this run checks an outside corpus (the acceptance run) rather than the repository's profiles. */
export const OUTSIDE_CORPUS = CORPUS_DIR !== FIXTURE_PROFILES_DIR;

export type Verdict = 'valid' | 'has-errors' | 'not-well-formed';
export const VERDICTS: readonly Verdict[] = ['valid', 'has-errors', 'not-well-formed'];

export interface CorpusEntry {
  file: string;
  /** The review's verdict: no error (`valid`), at least one error, or not XML at all ('' = not labelled). */
  expect: Verdict | '';
  /** Rule ids of the errors the file must get, when the manifest says (exactly these, in every deployment mode). */
  errors?: string[];
  notes: string;
}

/** Every row of DIR/MANIFEST.tsv, then the `.xml` files of DIR the manifest does not list (unlabelled, still linted). */
export function corpusEntries(dir = CORPUS_DIR): CorpusEntry[] {
  const manifest = path.join(dir, 'MANIFEST.tsv');
  if (!existsSync(manifest)) throw new Error(`No manifest of expected verdicts: ${manifest} does not exist.`);
  const lines = readFileSync(manifest, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim());
  const header = lines[0].split('\t');
  const column = (name: string): number => header.indexOf(name);
  const [fileCol, expectCol, errorsCol, notesCol] = [column('file'), column('expect'), column('errors'), column('notes')];
  if (fileCol < 0 || expectCol < 0)
    throw new Error(`${manifest}: the header row needs a "file" and an "expect" column (it has ${header.join(', ')}).`);
  const entries = lines.slice(1).map((line): CorpusEntry => {
    const cells = line.split('\t');
    const expect = (cells[expectCol] ?? '').trim();
    if (expect && !(VERDICTS as readonly string[]).includes(expect))
      throw new Error(`${manifest}: ${cells[fileCol]} has the verdict "${expect}"; expected one of ${VERDICTS.join(', ')}.`);
    const errors =
      errorsCol >= 0
        ? (cells[errorsCol] ?? '')
            .split(',')
            .map((id) => id.trim())
            .filter(Boolean)
        : [];
    return {
      file: cells[fileCol],
      expect: expect as CorpusEntry['expect'],
      errors: errors.length ? errors.sort() : undefined,
      notes: notesCol >= 0 ? (cells[notesCol] ?? '') : '',
    };
  });
  // Files present but not yet listed are still real input: lint them too.
  const listed = new Set(entries.map((e) => e.file));
  for (const file of readdirSync(dir).sort())
    if (file.toLowerCase().endsWith('.xml') && !listed.has(file)) entries.push({ file, expect: '', notes: '' });
  return entries;
}

/** A corpus file's text, decoded as the CLI decodes it (UTF-8 or UTF-16 by byte-order mark, BOM removed). */
export function readCorpusText(file: string, dir = CORPUS_DIR): string {
  return decodeText(readFileSync(path.join(dir, file))).text;
}

/**
 * Runs one rule family directly (so another family's failure cannot hide ours) over every
 * profile of the repository's set: none may throw, and files the manifest marks valid get no
 * error from this family.
 */
export function assertFamilyCorpusSafe(family: RuleFamily): void {
  const entries = corpusEntries(FIXTURE_PROFILES_DIR);
  assert.ok(entries.length >= 20, 'the repository has its profiles');
  const schema = schemaIndex();
  for (const deployment of ['any', 'intune'] as const) {
    const settings = resolveSettings({ deployment });
    for (const entry of entries) {
      const text = readCorpusText(entry.file, FIXTURE_PROFILES_DIR);
      const doc = parseProfileDocument(text);
      if (!doc.root || doc.wellFormedness.length > 0) continue;
      const root = doc.root;
      const findings: Finding[] = [];
      assert.doesNotThrow(
        () => family.check({ doc, root, schema, settings, defOf: (e) => resolveDefinition(e, schema), report: (f) => findings.push(f) }),
        entry.file,
      );
      if (entry.expect !== 'valid') continue;
      const errors = findings.filter((f) => effectiveSeverity(f.ruleId, settings, f.severity) === 'error');
      assert.deepEqual(
        errors.map((f) => `${f.ruleId}: ${text.slice(f.span.start, f.span.end)}`),
        [],
        entry.file,
      );
    }
  }
}
