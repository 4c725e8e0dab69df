/**
 * The repository stands on its own (docs/architecture.md, "How the tests are layered"): no file of
 * it — code, comments, tests, scripts, docs, data — points at a file outside it, such as the
 * team's notes kept beside the repository, their research sections or the corpus of third-party
 * profiles. A reader of a fresh clone could not open any of those. The only exception is the
 * acceptance run in .ci/run, which names the corpus folder CI keeps beside the repository on
 * purpose.
 *
 * The patterns are assembled from pieces so that this file does not match itself.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

const ROOT = path.resolve(__dirname, '..', '..');
const SHARED = 'shar' + 'ed';
const REF = 'refer' + 'ence';

export interface Pointer {
  file: string;
  line: number;
  text: string;
  why: string;
}

/** What counts as pointing outside: a pattern and the reason shown when it matches. */
const POINTERS: readonly { pattern: RegExp; why: string }[] = [
  { pattern: new RegExp(`(?:\\.\\./)+${SHARED}\\b`), why: `a folder beside the repository (../${SHARED})` },
  { pattern: new RegExp(`/work/${SHARED}\\b`), why: 'an absolute path on one machine' },
  { pattern: new RegExp(`(?:(?<![\\w./-])|\\.\\./)${REF}/[\\w-]+\\.(?:md|xsd)\\b`), why: `the team's ${REF} notes` },
  { pattern: new RegExp(`${REF} §`), why: `a section of the team's ${REF} notes` },
  { pattern: new RegExp(`seed-${'facts'}`), why: "the team's source notes" },
];

/** The team's notes kept beside the repository: named anywhere, they must be files the repository has. */
const TEAM_NOTES = ['DESIGN', 'RULES', 'ENVIRONMENT', 'STYLE'].map((name) => `${name}.md`);
const NOTE_NAME = new RegExp(`\\b(${TEAM_NOTES.map((n) => n.replace('.', '\\.')).join('|')})\\b`, 'g');

/** Lines allowed to point outside, by file: the acceptance run on the corpus CI keeps beside the repository. */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  '.ci/run': [`npm run test:corpus -- ../${SHARED}/corpus/real`],
};

/** The pointers outside the repository in one file's text. */
export function pointersIn(file: string, text: string, repositoryDocuments: ReadonlySet<string>): Pointer[] {
  const found: Pointer[] = [];
  const allowed = ALLOWED[file] ?? [];
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    if (allowed.includes(line.trim())) return;
    for (const { pattern, why } of POINTERS)
      if (pattern.test(line)) found.push({ file, line: i + 1, text: line.trim().slice(0, 160), why });
    for (const m of line.matchAll(NOTE_NAME)) {
      if (!repositoryDocuments.has(m[1]))
        found.push({ file, line: i + 1, text: line.trim().slice(0, 160), why: `${m[1]} is not a file of the repository` });
    }
  });
  return found;
}

/** The repository's files: what git tracks or would track (ignored files excluded), or a walk when git is not there. */
function repositoryFiles(): string[] {
  const git = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: ROOT, encoding: 'utf8' });
  if (git.status === 0 && git.stdout) return git.stdout.split('\0').filter((f) => f && existsSync(path.join(ROOT, f)));
  const skip = new Set(['.git', 'node_modules', 'dist', 'out', '.test-work']);
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(path.join(ROOT, dir))) {
      if (skip.has(name)) continue;
      const rel = dir ? `${dir}/${name}` : name;
      if (statSync(path.join(ROOT, rel)).isDirectory()) walk(rel);
      else out.push(rel);
    }
  };
  walk('');
  return out;
}

/** A file's text, or undefined for binary files (images, WebAssembly). UTF-16 files are decoded. */
function textOf(file: string): string | undefined {
  const bytes = readFileSync(path.join(ROOT, file));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  if (bytes.includes(0)) return undefined;
  return bytes.toString('utf8');
}

const describeAll = (list: readonly Pointer[]): string => list.map((p) => `${p.file}:${p.line}: ${p.why}\n    ${p.text}`).join('\n');

describe('the repository stands on its own', () => {
  const files = repositoryFiles();
  const documents = new Set(files.map((f) => path.basename(f)).filter((f) => f.endsWith('.md')));
  const pointers = files.flatMap((file) => {
    const text = textOf(file);
    return text === undefined ? [] : pointersIn(file, text, documents);
  });

  it('finds the files to check', () => {
    assert.ok(
      files.includes('package.json') && files.includes('.ci/run') && files.some((f) => f.startsWith('server/src/')),
      files.slice(0, 5).join(', '),
    );
    assert.ok(files.length > 300, `${files.length} files`);
  });

  it('no code, comment, test, script or document points at a file outside the repository', () => {
    assert.equal(describeAll(pointers), '');
  });

  it('every citation of a section of docs/architecture.md names one of its headings', () => {
    const headings = readFileSync(path.join(ROOT, 'docs', 'architecture.md'), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('#'))
      .map((l) => l.replace(/^#+\s*/, ''));
    const cited: string[] = [];
    for (const file of files.filter((f) => /\.(ts|mjs|js|md)$/.test(f))) {
      // Comments wrap: join continuation lines (and their comment markers) before looking.
      const text = (textOf(file) ?? '').replace(/\s*\n\s*(?:\*(?!\/)|\/\/)?\s*/g, ' ');
      for (const m of text.matchAll(/docs\/architecture\.md,? \(?"([^"]+)"/g)) cited.push(`${file}: ${m[1]}`);
    }
    assert.ok(cited.length >= 5, cited.join('; '));
    assert.deepEqual(
      cited.filter((c) => !headings.some((h) => h.startsWith(c.slice(c.indexOf(': ') + 2)))),
      [],
    );
  });

  it('the acceptance run in .ci/run is the one place that names the corpus beside the repository', () => {
    const run = readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8');
    for (const line of ALLOWED['.ci/run'])
      assert.ok(
        run.split('\n').some((l) => l.trim() === line),
        `.ci/run runs: ${line}`,
      );
  });
});

describe('what counts as pointing outside', () => {
  const [design, rules, style] = [TEAM_NOTES[0], TEAM_NOTES[1], TEAM_NOTES[3]];
  const documents = new Set(['README.md', style]);
  const check = (file: string, text: string): string[] => pointersIn(file, text, documents).map((p) => p.why);

  it("finds a folder beside the repository, a machine path, the team's notes and documents the repository does not have", () => {
    assert.equal(check('server/src/a.ts', `// see ../${SHARED}/corpus/real`).length, 1);
    assert.equal(check('test/a.test.ts', `const dir = '../../../${SHARED}/corpus/real';`).length, 1);
    assert.equal(check('fuzz/a.ts', `const dir = '/work/${SHARED}/corpus/real';`).length, 1);
    assert.equal(check('server/src/a.ts', `/** (${REF}/powershell.md §5) */`).length, 1);
    assert.equal(check('server/src/a.ts', `/** (${REF} §2.13) */`).length, 1);
    assert.equal(check('schemas/x.json', `"Sources: seed-${'facts'} S1-S6"`).length, 1);
    assert.deepEqual(check('server/src/cli.ts', `// see ${design} "Interfaces"`), [`${design} is not a file of the repository`]);
    assert.deepEqual(check('server/src/a.ts', `/** A family (${rules} "Across files"). */`), [`${rules} is not a file of the repository`]);
  });

  it('leaves alone the documents the repository has, public addresses and ordinary words', () => {
    assert.deepEqual(check('docs/a.md', `See README.md and ${style} (a file the repository has).`), []);
    assert.deepEqual(check('test/unit/cli.test.ts', "const profile = join(dir, 'a::error file=SECURITY.md::forged.xml');"), []);
    assert.deepEqual(check('server/src/a.ts', `// https://learn.microsoft.com/powershell/module/${REF}/about.md`), []);
    assert.deepEqual(check('test/a.test.ts', '/** The previous implementation, as the reference. */'), []);
    assert.deepEqual(check('server/src/a.ts', `const ${SHARED} = new Map(); // ${SHARED}/state`), []);
  });

  it('allows only the acceptance line of .ci/run, and only there', () => {
    const line = `npm run test:corpus -- ../${SHARED}/corpus/real`;
    assert.deepEqual(check('.ci/run', line), []);
    assert.equal(check('.ci/run', `npm run fuzz -- --corpus ../${SHARED}/corpus/real`).length, 1);
    assert.equal(check('README.md', line).length, 1);
  });
});
