/**
 * One file-naming style for code (docs/architecture.md, "Module layout"): modules, tests and
 * scripts are camelCase (`cursorLocal.ts`, `rulesPlaceholders.test.ts`), never kebab-case.
 * Fixtures keep the names of the real files they stand for.
 */
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

const ROOT = path.resolve(__dirname, '../..');
const CODE_FOLDERS = ['server/src', 'client/src', 'test', 'scripts', 'bench', 'fuzz'];
// Build output and installed packages are not ours to name.
const SKIPPED = new Set(['node_modules', 'fixtures', 'out', 'dist']);

function codeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return SKIPPED.has(name) ? [] : codeFiles(full);
    return /\.(ts|mjs|js)$/.test(name) ? [full] : [];
  });
}

describe('file names', () => {
  it('every module, test and script is named in camelCase', () => {
    const files = CODE_FOLDERS.flatMap((folder) => codeFiles(path.join(ROOT, folder)));
    assert.ok(files.length > 200, `only ${files.length} code files found: the walk is broken`);
    const stem = (file: string): string => path.basename(file).split('.')[0];
    const offenders = files.filter((file) => !/^[a-z][a-zA-Z0-9]*$/.test(stem(file))).map((file) => path.relative(ROOT, file));
    assert.deepEqual(offenders, [], 'rename these to camelCase (and update their imports)');
  });
});
