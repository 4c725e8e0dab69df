// Mocha runner for the end-to-end suites, inside VS Code's extension host. Both launchers call
// `run`: @vscode/test-electron (as extensionTestsPath, no options: spec reporter, throws when a
// test fails) and the code-server launcher (through the test-runner extension, with files to
// write progress and results to).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

export interface RunOptions {
  /** Written once at the end: RunResults as JSON. */
  resultsFile?: string;
  /** One line appended per finished test, so the launcher can show progress. */
  progressFile?: string;
  /** Only tests whose full title matches this regular expression. */
  grep?: string;
  /** The extension host's log folder, where VS Code writes the output channels (unknown under @vscode/test-electron). */
  logDir?: string;
}

export interface TestResult {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs: number;
  error?: string;
}

export interface RunResults {
  vscodeVersion: string;
  passed: number;
  failed: number;
  pending: number;
  tests: TestResult[];
}

/** Per test; the waits inside the tests have their own, shorter deadlines with clearer messages. */
const TEST_TIMEOUT_MS = 90_000;

export async function run(options?: RunOptions | string): Promise<void> {
  // @vscode/test-electron passes the tests path as the first argument.
  const opts: RunOptions = typeof options === 'object' ? options : {};
  const grep = opts.grep ?? process.env.AOVPN_E2E_GREP;
  // Each suite file is a bundle of its own (helpers.ts included), so this goes through the environment.
  if (opts.logDir) process.env.AOVPN_E2E_LOG_DIR = opts.logDir;
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    timeout: TEST_TIMEOUT_MS,
    reporter: 'spec',
    ...(grep ? { grep: new RegExp(grep) } : {}),
  });
  const testFiles = fs
    .readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js'))
    .sort();
  if (testFiles.length === 0) throw new Error(`no *.test.js suites next to ${__filename}`);
  for (const name of testFiles) mocha.addFile(path.join(__dirname, name));

  const tests: TestResult[] = [];
  const progress = (line: string): void => {
    if (opts.progressFile) fs.appendFileSync(opts.progressFile, `${line}\n`);
  };
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run(resolve);
    runner.on('pass', (test) => {
      tests.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0 });
      progress(JSON.stringify(tests.at(-1)));
    });
    runner.on('fail', (test, error: unknown) => {
      tests.push({ title: test.fullTitle(), state: 'failed', durationMs: test.duration ?? 0, error: describeError(error) });
      progress(JSON.stringify(tests.at(-1)));
    });
    runner.on('pending', (test) => {
      tests.push({ title: test.fullTitle(), state: 'pending', durationMs: 0 });
      progress(JSON.stringify(tests.at(-1)));
    });
  });

  const count = (state: TestResult['state']): number => tests.filter((t) => t.state === state).length;
  if (opts.resultsFile) {
    const results: RunResults = {
      vscodeVersion: vscode.version,
      passed: count('passed'),
      failed: count('failed'),
      pending: count('pending'),
      tests,
    };
    // Written under another name first: the launcher must never read half a file.
    fs.writeFileSync(`${opts.resultsFile}.partial`, JSON.stringify(results, null, 2));
    fs.renameSync(`${opts.resultsFile}.partial`, opts.resultsFile);
  } else if (failures > 0) {
    throw new Error(`${failures} end-to-end test(s) failed`);
  }
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const stack = (error.stack ?? '')
    .split('\n')
    .slice(1)
    .filter((line) => line.includes('/test/e2e/') || line.includes('.test.js'))
    .slice(0, 3)
    .join('\n');
  return stack ? `${error.message}\n${stack}` : error.message;
}
