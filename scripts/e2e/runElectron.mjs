// `npm run test:electron`: the same end-to-end suites (test/e2e/suite) in desktop VS Code through
// @vscode/test-electron, the standard way to test an extension. It downloads a VS Code build from
// Microsoft's update servers, so it needs that host (or VSCODE_EXECUTABLE_PATH pointing at an
// installed VS Code). Where that host is unreachable, use `npm run test:e2e` (code-server).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runTests } from '@vscode/test-electron';
import { buildSuites, ROOT, SUITES, typecheck, WORK } from './build.mjs';

const { values: options } = parseArgs({ options: { grep: { type: 'string' } } });
const RUN = path.join(WORK, 'electron');
const workspace = path.join(RUN, 'workspace');

const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
if (build.status !== 0) process.exit(build.status ?? 1);
typecheck();
const suites = await buildSuites();
console.log(`[e2e] built ${suites} suite files into ${path.relative(ROOT, SUITES)}`);

rmSync(RUN, { recursive: true, force: true });
mkdirSync(RUN, { recursive: true });
// Tests edit documents and settings: they get a copy, the repository stays clean.
cpSync(path.join(ROOT, 'examples'), workspace, { recursive: true });

try {
  const exitCode = await runTests({
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: path.join(SUITES, 'index.js'),
    extensionTestsEnv: options.grep ? { AOVPN_E2E_GREP: options.grep } : undefined,
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH || undefined,
    cachePath: path.join(WORK, 'vscode-download'),
    timeout: 30_000,
    launchArgs: [
      workspace,
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      '--user-data-dir',
      path.join(RUN, 'user-data'),
    ],
  });
  process.exit(exitCode);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  if (
    /download|fetch|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|timeout|update\.code\.visualstudio\.com|socket/i.test(message) &&
    !process.env.VSCODE_EXECUTABLE_PATH
  ) {
    console.error(
      `\n[e2e] @vscode/test-electron could not get a VS Code build: ${message}\n` +
        '      It downloads VS Code from update.code.visualstudio.com, which this machine cannot reach.\n' +
        '      Set VSCODE_EXECUTABLE_PATH to an installed VS Code, or run the same suites in code-server: npm run test:e2e',
    );
    process.exit(2);
  }
  console.error(`\n[e2e] the end-to-end suites failed in VS Code: ${message}`);
  process.exit(1);
}
