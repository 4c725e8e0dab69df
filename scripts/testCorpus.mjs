// `npm run test:corpus -- DIR`: the acceptance run on a corpus of real-world profiles kept outside
// the repository (third-party files are not ours to copy). DIR holds the profiles (*.xml) and
// MANIFEST.tsv, a tab-separated table with a header row whose `file` and `expect` columns give
// each profile's verdict (valid, has-errors, not-well-formed; empty: not reviewed, linted only).
// Runs the suites of test/corpus/ on DIR instead of the repository's own test/fixtures/profiles/:
// conformance in every deployment mode, XSD agreement on the valid profiles, profiles wrapped in
// a script, and the fix round trip. See docs/architecture.md, "How the tests are layered".
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

function fail(message) {
  console.error(`test:corpus: ${message}`);
  console.error('Usage: npm run test:corpus -- DIR   (DIR: a folder of profiles with a MANIFEST.tsv of expected verdicts)');
  process.exit(2);
}

if (args.length !== 1 || args[0].startsWith('-'))
  fail(args.length ? `expected one folder, got: ${args.join(' ')}` : 'no corpus folder given.');
// npm runs scripts in the package's folder; a relative DIR means relative to where npm was run.
const dir = path.resolve(process.env.INIT_CWD ?? process.cwd(), args[0]);
if (!existsSync(dir)) fail(`the corpus folder ${args[0]} does not exist (resolved to ${dir}).`);
if (!statSync(dir).isDirectory()) fail(`${args[0]} is not a folder (resolved to ${dir}).`);
if (!existsSync(path.join(dir, 'MANIFEST.tsv')))
  fail(`the corpus folder ${args[0]} has no MANIFEST.tsv (looked for ${path.join(dir, 'MANIFEST.tsv')}).`);

console.log(`test:corpus: checking the profiles of ${dir}`);
const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'runTests.mjs'), path.join(root, 'test', 'corpus')], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, AOVPN_CORPUS_DIR: dir },
});
if (result.status !== 0) console.error(`test:corpus: the acceptance run on ${dir} failed.`);
process.exit(result.status ?? 1);
