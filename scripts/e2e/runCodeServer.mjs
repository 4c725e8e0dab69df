// `npm run test:e2e`: the end-to-end suites (test/e2e/suite) in a real VS Code, code-server's,
// driven by headless Chromium; then the UI tests (test/e2e/ui) through the same browser.
//
//   1. installs what is missing (scripts/e2e/install.mjs): Chromium, Node 24, code-server
//   2. packages the extension (npm run package) and builds the suites and the test-runner extension
//   3. installs both VSIX files into a fresh extensions folder and user-data folder
//   4. starts code-server on 127.0.0.1 (free port, no auth) on a copy of examples/
//   5. opens the workbench in Chromium; the runner extension runs the suites in the extension
//      host and writes progress and results files, which this script reads and prints
//   6. runs the UI tests in the same page, prints "N passed, M failed", exits 1 if any failed
// Setup failures (no VS Code, no extension host, no results) exit 2 with what went wrong.
// Every process started here (code-server and its children, Chromium) is stopped on exit,
// on failure and on Ctrl+C.
//
// Options: --grep <regexp> (only tests whose full title matches), --update-screenshots (write
// docs/images instead of .test-work/e2e/run/screenshots).
import { spawn, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { freePort } from '../freePort.mjs';
import { parseArgs } from 'node:util';
import { buildRunner, buildSuites, buildUi, ROOT, RUNNER_ID, typecheck, WORK } from './build.mjs';
import { codeServerEnv, ensureTools } from './install.mjs';

const { values: options } = parseArgs({
  options: {
    grep: { type: 'string' },
    'update-screenshots': { type: 'boolean', default: false },
  },
});

const SERVER_START_MS = 60_000;
const WORKBENCH_MS = 120_000;
const RUNNER_START_MS = 120_000;
const SUITES_MS = 20 * 60_000;
const UI_TEST_MS = 3 * 60_000;

const RUN = path.join(WORK, 'run');
const files = {
  workspace: path.join(RUN, 'workspace'),
  userData: path.join(RUN, 'user-data'),
  extensions: path.join(RUN, 'extensions'),
  config: path.join(RUN, 'code-server.yaml'),
  serverLog: path.join(RUN, 'code-server.log'),
  browserLog: path.join(RUN, 'browser-console.log'),
  progress: path.join(RUN, 'progress.jsonl'),
  results: path.join(RUN, 'results.json'),
  screenshots: options['update-screenshots'] ? path.join(ROOT, 'docs', 'images') : path.join(RUN, 'screenshots'),
};
const VSIX = path.join(ROOT, 'dist', 'aovpn-profilexml.vsix');
/**
 * Where the packaged README takes its images from (npm run package -- --images-url): VS Code's
 * extension page shows README images only from https URLs. A reserved name that never resolves:
 * the UI test answers its requests with the files of docs/images, standing in for the public
 * repository a release points them at.
 */
const README_IMAGES_URL = 'https://readme-images.example/';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
/** User settings of the test VS Code: nothing that pops up over the editor or phones home. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'extensions.ignoreRecommendations': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'git.enabled': false,
  'security.workspace.trust.enabled': false,
  'editor.hover.delay': 300,
  'files.hotExit': 'off',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

class SetupError extends Error {}

const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
const log = (line) => console.log(`[e2e ${elapsed()}] ${line}`);

// ---- cleanup: everything started is stopped, whatever happens -------------------------------

const cleanups = [];
let cleaning;
function cleanup() {
  cleaning ??= (async () => {
    for (const step of cleanups.reverse()) {
      try {
        await step();
      } catch (error) {
        console.error(`[e2e] cleanup: ${error instanceof Error ? error.message : error}`);
      }
    }
  })();
  return cleaning;
}
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
]) {
  process.on(signal, () => {
    console.error(`\n[e2e] ${signal}: stopping code-server and Chromium`);
    void cleanup().finally(() => process.exit(code));
  });
}

/** Stops a detached child and its whole process group: TERM, then KILL after a grace period. */
function stopGroup(child, name) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch (error) {
        // The group may have ended by itself in the meantime; anything else is a real failure.
        if (error.code !== 'ESRCH') throw error;
      }
    }, 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      // Whatever of its group outlived it (an extension host, a language server) goes too.
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch (error) {
        // The group may have ended by itself in the meantime; anything else is a real failure.
        if (error.code !== 'ESRCH') throw error;
      }
      log(`${name} stopped`);
      resolve();
    });
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}

// ---- small helpers -------------------------------------------------------------------------

function npm(args, what) {
  const result = spawnSync('npm', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new SetupError(`${what} failed (npm ${args.join(' ')}):\n${tail(`${result.stdout}${result.stderr}`, 30)}`);
}

function tail(text, lines) {
  return text.trim().split('\n').slice(-lines).join('\n');
}

function fileTail(file, lines = 30) {
  return existsSync(file) ? tail(readFileSync(file, 'utf8'), lines) : `(no ${path.relative(ROOT, file)})`;
}

/** Resolves when `check` returns a value other than undefined; re-checks every `everyMs`. */
async function until(check, timeoutMs, message, everyMs = 200) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new SetupError(message());
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

function codeServerArgs(port) {
  return [
    '--config',
    files.config,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--extensions-dir',
    files.extensions,
    '--user-data-dir',
    files.userData,
  ];
}

/** Config, data and cache folders inside the run folder, so that nothing lands in $HOME. */
const XDG = {
  XDG_CONFIG_HOME: path.join(RUN, 'xdg', 'config'),
  XDG_DATA_HOME: path.join(RUN, 'xdg', 'data'),
  XDG_CACHE_HOME: path.join(RUN, 'xdg', 'cache'),
};

/** Environment of code-server: Node 24 first on PATH. */
function serverEnv() {
  return codeServerEnv(XDG);
}

// ---- the run --------------------------------------------------------------------------------

async function prepare(tools) {
  log(`packaging the extension (npm run package -- --images-url ${README_IMAGES_URL})`);
  npm(['run', 'package', '--', '--images-url', README_IMAGES_URL], 'packaging the extension');
  if (!existsSync(VSIX)) throw new SetupError(`npm run package did not produce ${path.relative(ROOT, VSIX)}`);
  log(`packaged ${path.relative(ROOT, VSIX)} (${(statSync(VSIX).size / 1024).toFixed(0)} KiB)`);

  rmSync(RUN, { recursive: true, force: true });
  for (const dir of [RUN, files.userData, files.extensions, files.screenshots, path.join(files.userData, 'User')])
    mkdirSync(dir, { recursive: true });
  // Tests edit documents and settings: they get a copy, the repository stays clean.
  cpSync(path.join(ROOT, 'examples'), files.workspace, { recursive: true });
  writeFileSync(path.join(files.userData, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  writeFileSync(files.config, 'auth: none\ncert: false\n');
  writeFileSync(files.progress, '');

  typecheck();
  const suites = await buildSuites();
  const runner = await buildRunner({
    resultsFile: files.results,
    progressFile: files.progress,
    ...(options.grep ? { grep: options.grep } : {}),
  });
  const uiModules = await buildUi();
  log(`built ${suites} suite files, the test-runner extension and ${uiModules.length} UI test file(s)`);

  const install = spawnSync(
    tools.codeServer,
    [...codeServerArgs(0), '--force', '--install-extension', VSIX, '--install-extension', runner],
    {
      env: serverEnv(),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output = `${install.stdout}${install.stderr}`;
  const installed = (output.match(/was successfully installed/g) ?? []).length;
  if (install.status !== 0 || installed !== 2)
    throw new SetupError(`installing the VSIX files into code-server failed:\n${tail(output, 20)}`);
  log('installed aovpn-profilexml and the test-runner extension into a fresh extensions folder');
  return uiModules;
}

async function startServer(tools) {
  const port = await freePort();
  const out = openSync(files.serverLog, 'a');
  const child = spawn(tools.codeServer, [...codeServerArgs(port), files.workspace], {
    env: serverEnv(),
    stdio: ['ignore', out, out],
    detached: true,
  });
  cleanups.push(() => stopGroup(child, 'code-server'));
  let exited = '';
  child.once('exit', (code, signal) => (exited = `code-server exited (${signal ?? `code ${code}`})`));
  const url = `http://127.0.0.1:${port}`;
  await until(
    async () => {
      if (exited)
        throw new SetupError(`${exited} while starting. Its log (${path.relative(ROOT, files.serverLog)}):\n${fileTail(files.serverLog)}`);
      try {
        const response = await fetch(`${url}/healthz`);
        return response.ok ? true : undefined;
      } catch {
        return undefined;
      }
    },
    SERVER_START_MS,
    () => `code-server did not answer on ${url} within ${SERVER_START_MS / 1000} s. Its log:\n${fileTail(files.serverLog)}`,
  );
  log(`code-server listening on ${url} (pid ${child.pid})`);
  return { url, isRunning: () => !exited, exitReason: () => exited };
}

async function openWorkbench(tools, url) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: tools.chromium,
    headless: true,
    args: CHROMIUM_ARGS,
    env: { ...process.env, ...XDG },
    // This script stops the browser itself, after code-server, on every way out.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  cleanups.push(async () => {
    await Promise.race([browser.close(), new Promise((resolve) => setTimeout(resolve, 10_000))]);
    log('Chromium stopped');
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  page.on('console', (message) => appendFileSync(files.browserLog, `[${message.type()}] ${message.text()}\n`));
  page.on('pageerror', (error) => appendFileSync(files.browserLog, `[pageerror] ${error.message}\n`));
  await page.goto(`${url}/?folder=${encodeURIComponent(files.workspace)}`);
  try {
    await page.locator('.monaco-workbench').waitFor({ timeout: WORKBENCH_MS });
  } catch {
    throw new SetupError(
      `the VS Code workbench did not load in Chromium within ${WORKBENCH_MS / 1000} s. Browser console: ${path.relative(ROOT, files.browserLog)}\n${fileTail(files.browserLog, 15)}`,
    );
  }
  log('VS Code workbench loaded in Chromium');
  return { browser, page };
}

/** The runner's progress events; a last line without its newline may still be being written. */
function readProgress() {
  return readFileSync(files.progress, 'utf8')
    .split('\n')
    .slice(0, -1)
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

function printTest(test) {
  const mark = test.state === 'passed' ? '✓' : test.state === 'failed' ? '✗' : '-';
  console.log(`  ${mark} ${test.title}${test.state === 'pending' ? ' (pending)' : ` (${test.durationMs} ms)`}`);
  if (test.error) console.log(test.error.replace(/^/gm, '      '));
}

async function runSuites(server) {
  const hostLogs = path.relative(ROOT, path.join(files.userData, 'logs'));
  await until(
    () => {
      if (!server.isRunning()) throw new SetupError(`${server.exitReason()} before the extension host started`);
      return readProgress().find((e) => e.event === 'started') ? true : undefined;
    },
    RUNNER_START_MS,
    () =>
      `the test-runner extension did not start within ${RUNNER_START_MS / 1000} s: the extension host did not come up or did not activate ${RUNNER_ID}. ` +
      `Extension host logs: ${hostLogs}; code-server log:\n${fileTail(files.serverLog, 15)}`,
  );
  log('extension host started; running the suites');
  let shown = 0;
  const show = () => {
    const tests = readProgress().filter((e) => e.state);
    for (const test of tests.slice(shown)) printTest(test);
    shown = tests.length;
  };
  const results = await until(
    () => {
      show();
      const crash = readProgress().find((e) => e.event === 'crashed');
      if (crash) throw new SetupError(`the suites crashed in the extension host:\n${crash.message}`);
      if (!server.isRunning()) throw new SetupError(`${server.exitReason()} while the suites ran`);
      return existsSync(files.results) ? JSON.parse(readFileSync(files.results, 'utf8')) : undefined;
    },
    SUITES_MS,
    () => `the suites did not finish within ${SUITES_MS / 60_000} minutes. Extension host logs: ${hostLogs}`,
    250,
  );
  show();
  log(
    `suites finished in VS Code ${results.vscodeVersion}: ${results.passed} passed, ${results.failed} failed${results.pending ? `, ${results.pending} pending` : ''}`,
  );
  return results.tests;
}

async function runUiTests(page, uiModules) {
  const results = [];
  for (const modulePath of uiModules) {
    const { tests } = await import(modulePath);
    for (const test of tests) {
      if (options.grep && !new RegExp(options.grep).test(test.title)) continue;
      const start = Date.now();
      let timer;
      try {
        await Promise.race([
          test.run({
            page,
            workspace: files.workspace,
            screenshotsDir: files.screenshots,
            readmeImages: { url: README_IMAGES_URL, root: ROOT },
            log: (line) => log(`  ${line}`),
          }),
          new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${UI_TEST_MS / 1000} s`)), UI_TEST_MS))),
        ]);
        results.push({ title: test.title, state: 'passed', durationMs: Date.now() - start });
      } catch (error) {
        const shot = path.join(RUN, `ui-failure-${results.length + 1}.png`);
        await page.screenshot({ path: shot }).catch(() => {});
        const message = error instanceof Error ? error.message : String(error);
        results.push({
          title: test.title,
          state: 'failed',
          durationMs: Date.now() - start,
          error: `${message}\n(screenshot: ${path.relative(ROOT, shot)})`,
        });
      } finally {
        clearTimeout(timer);
      }
      printTest(results.at(-1));
    }
  }
  return results;
}

/**
 * The command-line linter as shipped: dist/cli.js and its WebAssembly files from the extension
 * folder code-server installed the VSIX into, run by plain Node on the untouched workspace copy
 * (docs/ci.md tells CI users to take the linter from the VSIX).
 */
function runPackagedCli() {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const folder = readdirSync(files.extensions).find((name) => name.startsWith(`${manifest.publisher}.${manifest.name}-`));
  const title = 'packaged CLI: the linter inside the installed extension checks the example profile and script on its own';
  const start = Date.now();
  const result = (error) => ({ title, state: error ? 'failed' : 'passed', durationMs: Date.now() - start, ...(error ? { error } : {}) });
  if (!folder) return result(`no ${manifest.publisher}.${manifest.name} folder in ${path.relative(ROOT, files.extensions)}`);
  const cli = path.join(files.extensions, folder, 'dist', 'cli.js');
  const run = spawnSync(process.execPath, [cli, '--format', 'json', 'user-tunnel.xml', 'deploy-profile.ps1', 'device-tunnel.xml'], {
    cwd: files.workspace,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (run.status !== 0) return result(`exit ${run.status ?? run.signal}: ${tail(`${run.stdout}${run.stderr}`, 10)}`);
  let entries;
  try {
    entries = JSON.parse(run.stdout);
  } catch {
    return result(`not JSON: ${run.stdout.slice(0, 300)}`);
  }
  const codes = Object.fromEntries(entries.map((e) => [e.file, e.diagnostics.map((d) => d.code)]));
  // The script's finding needs the PowerShell grammar: the .wasm files beside the packaged cli.js.
  const expected = {
    'user-tunnel.xml': ['crypto-suite-ignored-automatic'],
    'deploy-profile.ps1': ['crypto-suite-ignored-automatic'],
    'device-tunnel.xml': [],
  };
  if (JSON.stringify(codes) !== JSON.stringify(expected))
    return result(`findings ${JSON.stringify(codes)}, expected ${JSON.stringify(expected)}`);
  return result();
}

async function main() {
  log('checking tools (Chromium, Node 24, code-server)');
  let tools;
  try {
    tools = ensureTools((line) => log(line));
  } catch (error) {
    throw new SetupError(`could not install the tools: ${error instanceof Error ? error.message : error}`);
  }
  const uiModules = await prepare(tools);
  const cliTest = runPackagedCli();
  printTest(cliTest);
  const server = await startServer(tools);
  const { page } = await openWorkbench(tools, server.url);
  const apiTests = await runSuites(server);
  log('UI tests through Chromium, in a reloaded window');
  // A fresh window: no editors, Problems panel or settings left over from the suites.
  rmSync(path.join(files.workspace, '.vscode'), { recursive: true, force: true });
  await page.reload();
  await page.locator('.monaco-workbench').waitFor({ timeout: WORKBENCH_MS });
  const uiTests = await runUiTests(page, uiModules);
  const all = [cliTest, ...apiTests, ...uiTests];
  const passed = all.filter((t) => t.state === 'passed').length;
  const failed = all.filter((t) => t.state === 'failed').length;
  const pending = all.filter((t) => t.state === 'pending').length;
  if (failed) {
    console.log('\nFailed:');
    for (const test of all.filter((t) => t.state === 'failed')) console.log(`  ✗ ${test.title}`);
  }
  log(`done; logs and screenshots in ${path.relative(ROOT, RUN)}`);
  if (pending) console.log(`${pending} pending`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

let exitCode;
try {
  exitCode = await main();
} catch (error) {
  const message = error instanceof Error ? (error instanceof SetupError ? error.message : (error.stack ?? error.message)) : String(error);
  console.error(`\n[e2e] ABORTED after ${elapsed()}: ${message}`);
  exitCode = 2;
} finally {
  await cleanup();
}
log(`total ${elapsed()}`);
process.exit(exitCode);
