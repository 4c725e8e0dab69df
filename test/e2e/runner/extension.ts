// The test-runner extension for the code-server launcher (scripts/e2e/runCodeServer.mjs).
// Installed next to the extension under test, it runs the mocha suites in code-server's
// extension host once the workbench has started and writes the results where the launcher
// waits for them. Paths come from runner.json, written into the extension by the launcher.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import type { RunOptions } from '../suite/index';

interface RunnerConfig extends RunOptions {
  resultsFile: string;
  progressFile: string;
}

export function activate(context: vscode.ExtensionContext): void {
  const config = JSON.parse(fs.readFileSync(path.join(context.extensionPath, 'runner.json'), 'utf8')) as RunnerConfig;
  // A reloaded window (the launcher reloads before its UI tests) starts a new extension host: the
  // suites ran already.
  if (fs.existsSync(config.resultsFile)) return;
  fs.appendFileSync(config.progressFile, `${JSON.stringify({ event: 'started', pid: process.pid })}\n`);
  // The suites are loaded at run time from the extension's own folder, so that `vscode`
  // resolves to this extension's API object.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const suites = require(path.join(context.extensionPath, 'out', 'index.js')) as typeof import('../suite/index');
  // The extension host's log folder (this extension's log folder is one of its children): output
  // channels are written below it, and a suite reads the language server trace from there.
  suites.run({ ...config, logDir: path.dirname(context.logUri.fsPath) }).catch((error: unknown) => {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    fs.appendFileSync(config.progressFile, `${JSON.stringify({ event: 'crashed', message })}\n`);
  });
}

export function deactivate(): void {}
