import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseProfileDocument } from '../../server/src/service/profilexml/document';
import type { Finding, RuleFamily } from '../../server/src/service/profilexml/rules/ruleTypes';
import { schemaIndex } from '../../server/src/service/profilexml/schema';
import { resolveDefinition } from '../../server/src/service/profilexml/structure';
import { effectiveSeverity, resolveSettings } from '../../server/src/service/settings';

/** The shared corpus of real ProfileXML lives beside the repository (../shared/corpus/real). */
export const CORPUS_DIR = path.resolve(__dirname, '../../../shared/corpus/real');

export interface CorpusEntry {
  file: string;
  /** The review's verdict: no error (`valid`), at least one error, or not XML at all ('' = not yet labelled). */
  expect: 'valid' | 'has-errors' | 'not-well-formed' | '';
  notes: string;
}

export function corpusEntries(): CorpusEntry[] {
  const manifest = path.join(CORPUS_DIR, 'MANIFEST.tsv');
  if (!existsSync(manifest)) throw new Error(`The shared corpus is missing: expected ${manifest} (a shared/ folder beside the repository).`);
  const rows = readFileSync(manifest, 'utf8').trim().split('\n').slice(1);
  const entries = rows.map((row) => {
    const cells = row.split('\t');
    return { file: cells[0], expect: (cells[6] ?? '') as CorpusEntry['expect'], notes: cells[7] ?? '' };
  });
  // Files present but not yet listed are still real input: lint them too.
  const listed = new Set(entries.map((e) => e.file));
  for (const file of readdirSync(CORPUS_DIR)) if (file.endsWith('.xml') && !listed.has(file)) entries.push({ file, expect: '', notes: '' });
  return entries;
}

/** Decodes by byte-order mark, as the CLI does (several corpus files are UTF-16LE). */
export function readCorpusText(file: string): string {
  const buf = readFileSync(path.join(CORPUS_DIR, file));
  if (buf[0] === 0xff && buf[1] === 0xfe) return buf.subarray(2).toString('utf16le');
  if (buf[0] === 0xfe && buf[1] === 0xff) {
    const swapped = Buffer.alloc(buf.length - 2);
    buf.copy(swapped, 0, 2);
    return swapped.swap16().toString('utf16le');
  }
  const text = buf.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Runs one rule family directly (so another family's failure cannot hide ours) over every corpus
 * file: none may throw, and files the manifest marks valid get no error from this family.
 */
export function assertFamilyCorpusSafe(family: RuleFamily): void {
  const entries = corpusEntries();
  assert.ok(entries.length > 20, 'corpus found');
  const schema = schemaIndex();
  for (const deployment of ['any', 'intune'] as const) {
    const settings = resolveSettings({ deployment });
    for (const entry of entries) {
      const text = readCorpusText(entry.file);
      const doc = parseProfileDocument(text);
      if (!doc.root || doc.wellFormedness.length > 0) continue;
      const root = doc.root;
      const findings: Finding[] = [];
      assert.doesNotThrow(() => family.check({ doc, root, schema, settings, defOf: (e) => resolveDefinition(e, schema), report: (f) => findings.push(f) }), entry.file);
      if (entry.expect !== 'valid') continue;
      const errors = findings.filter((f) => effectiveSeverity(f.ruleId, settings, f.severity) === 'error');
      assert.deepEqual(errors.map((f) => `${f.ruleId}: ${text.slice(f.span.start, f.span.end)}`), [], entry.file);
    }
  }
}
