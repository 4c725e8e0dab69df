import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';

/**
 * One long-lived pwsh process that answers JSON requests, one line in, one line out, in order
 * (pwsh takes about a second to start: one process per phase, never one per input).
 */
export class PwshServer {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: { resolve: (line: string) => void; reject: (error: Error) => void }[] = [];
  private stderr = '';
  private exited: Error | undefined;

  constructor(pwsh: string, script: string, args: readonly string[] = []) {
    this.child = spawn(pwsh, ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', script, ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', TERM: 'dumb', POWERSHELL_TELEMETRY_OPTOUT: '1', POWERSHELL_UPDATECHECK: 'Off' },
    });
    this.child.stdout.setEncoding('utf8');
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk: string) => {
      this.stderr += chunk;
    });
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      const next = this.waiting.shift();
      if (next) next.resolve(line);
      else this.stderr += `unexpected output: ${line}\n`;
    });
    this.child.on('exit', (code) => {
      this.exited = new Error(`pwsh (${script}) exited with ${code}: ${this.stderr.slice(0, 4000)}`);
      for (const w of this.waiting.splice(0)) w.reject(this.exited);
    });
  }

  /** Sends one request; resolves with the parsed reply. */
  request<T>(payload: unknown): Promise<T> {
    if (this.exited) return Promise.reject(this.exited);
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({
        resolve: (line) => {
          try {
            resolve(JSON.parse(line) as T);
          } catch (error) {
            reject(
              new Error(`pwsh answered what is not JSON: ${line.slice(0, 500)} (${String(error)}); stderr: ${this.stderr.slice(0, 2000)}`),
            );
          }
        },
        reject,
      });
      this.child.stdin.write(`${JSON.stringify(payload)}\n`);
    });
  }

  /** Ends the process (its stdin closes: the read loop ends) and waits for it. */
  close(): Promise<void> {
    if (this.exited) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.on('exit', () => resolve());
      this.child.stdin.end();
    });
  }

  /** What pwsh wrote to its error stream so far. */
  get errors(): string {
    return this.stderr;
  }
}
