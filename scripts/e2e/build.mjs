// Builds what both launchers run, under .test-work/e2e/build (git-ignored):
//   suites/   index.js (mocha bundled in) and one <name>.test.js per test/e2e/suite/*.test.ts,
//             `vscode` left external: @vscode/test-electron loads index.js as extensionTestsPath
//   runner/   the test-runner extension for code-server (test/e2e/runner) with a copy of suites/
//   ui/       the Playwright UI tests (test/e2e/ui/*.ui.ts) as ES modules
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WORK = path.join(ROOT, '.test-work', 'e2e');
export const BUILD = path.join(WORK, 'build');
export const SUITES = path.join(BUILD, 'suites');
export const RUNNER = path.join(BUILD, 'runner');
export const UI = path.join(BUILD, 'ui');
export const RUNNER_ID = 'aovpn-tools-e2e.aovpn-e2e-runner';

const E2E = path.join(ROOT, 'test', 'e2e');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: 'inline',
  logLevel: 'warning',
  absWorkingDir: ROOT,
};

/** Type-checks the e2e sources (the project's tsconfig leaves test/e2e out). */
export function typecheck() {
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(E2E, 'tsconfig.json')], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`type errors in test/e2e:\n${result.stdout}${result.stderr}`);
}

export async function buildSuites() {
  rmSync(SUITES, { recursive: true, force: true });
  const suiteDir = path.join(E2E, 'suite');
  const tests = readdirSync(suiteDir).filter((name) => name.endsWith('.test.ts'));
  await build({
    ...common,
    format: 'cjs',
    entryPoints: [path.join(suiteDir, 'index.ts'), ...tests.map((name) => path.join(suiteDir, name))],
    outdir: SUITES,
    external: ['vscode'],
    // Mocha's parallel mode (unused here) resolves its worker files at run time.
    logOverride: { 'require-resolve-not-external': 'silent' },
  });
  return tests.length;
}

/** The runner extension folder; `config` becomes runner.json (where to write progress and results). */
export async function buildRunner(config) {
  rmSync(RUNNER, { recursive: true, force: true });
  mkdirSync(RUNNER, { recursive: true });
  await build({
    ...common,
    format: 'cjs',
    entryPoints: [path.join(E2E, 'runner', 'extension.ts')],
    outfile: path.join(RUNNER, 'extension.js'),
    external: ['vscode'],
  });
  cpSync(SUITES, path.join(RUNNER, 'out'), { recursive: true });
  const [publisher, name] = RUNNER_ID.split('.');
  const manifest = {
    name,
    publisher,
    displayName: 'AOVPN e2e test runner',
    description: 'Runs the end-to-end suites of aovpn-profilexml inside the editor (test harness, not shipped).',
    version: '0.0.1',
    private: true,
    license: 'MIT',
    engines: { vscode: '^1.91.0' },
    main: './extension.js',
    // After the workbench has restored, so the suites see a settled editor.
    activationEvents: ['onStartupFinished'],
    extensionDependencies: [],
  };
  writeFileSync(path.join(RUNNER, 'package.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(path.join(RUNNER, 'runner.json'), JSON.stringify(config, null, 2));
  writeFileSync(path.join(RUNNER, 'LICENSE'), 'MIT (test harness of aovpn-profilexml)\n');
  writeFileSync(path.join(RUNNER, '.vscodeignore'), '');
  const vsix = path.join(BUILD, 'aovpn-e2e-runner.vsix');
  const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const result = spawnSync(
    process.execPath,
    [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', vsix],
    {
      cwd: RUNNER,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  if (result.status !== 0) throw new Error(`packaging the test-runner extension failed:\n${result.stdout}${result.stderr}`);
  return vsix;
}

export async function buildUi() {
  rmSync(UI, { recursive: true, force: true });
  const uiDir = path.join(E2E, 'ui');
  const entries = readdirSync(uiDir).filter((name) => name.endsWith('.ui.ts'));
  await build({
    ...common,
    format: 'esm',
    entryPoints: entries.map((name) => path.join(uiDir, name)),
    outdir: UI,
    outExtension: { '.js': '.mjs' },
    external: ['playwright-core'],
  });
  return entries.map((name) => path.join(UI, name.replace(/\.ts$/, '.mjs')));
}
