import { spawn } from 'node:child_process';

/** How a child process ended, with what it printed. */
export interface ProcessRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Killed at the deadline. */
  timedOut: boolean;
  ms: number;
}

export interface RunOptions {
  cwd: string;
  /** Killed (SIGKILL) when still running after this. */
  timeoutMs: number;
  /** Output kept at most (characters); the rest is read and dropped. */
  maxStdout?: number;
  maxStderr?: number;
}

/**
 * Runs a command without blocking this process (the fuzzer keeps its workers busy meanwhile, the
 * hostile-XML tests keep their trap server answering), killed at a deadline.
 */
export function runWithDeadline(command: string, args: readonly string[], options: RunOptions): Promise<ProcessRun> {
  const { maxStdout = Infinity, maxStderr = Infinity } = options;
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (stdout.length < maxStdout) stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < maxStderr) stderr += chunk;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr, timedOut, ms: performance.now() - started });
    });
  });
}
