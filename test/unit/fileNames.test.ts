/**
 * One file-naming style for code (docs/architecture.md, "Module layout"): modules, tests and
 * scripts are camelCase (`cursorLocal.ts`, `rulesPlaceholders.test.ts`), never kebab-case.
 * Fixtures keep the names of the real files they stand for.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { filesUnder } from '../helpers/files';

const ROOT = path.resolve(__dirname, '../..');
const CODE_FOLDERS = ['server/src', 'client/src', 'test', 'scripts', 'bench', 'fuzz'];
// Build output and installed packages are not ours to name.
const SKIPPED = new Set(['node_modules', 'fixtures', 'out', 'dist']);

describe('file names', () => {
  it('every module, test and script is named in camelCase', () => {
    const files = CODE_FOLDERS.flatMap((folder) => filesUnder(path.join(ROOT, folder), (name) => /\.(ts|mjs|js)$/.test(name), SKIPPED));
    assert.ok(files.length > 200, `only ${files.length} code files found: the walk is broken`);
    const stem = (file: string): string => path.basename(file).split('.')[0];
    const offenders = files.filter((file) => !/^[a-z][a-zA-Z0-9]*$/.test(stem(file))).map((file) => path.relative(ROOT, file));
    assert.deepEqual(offenders, [], 'rename these to camelCase (and update their imports)');
  });
});
