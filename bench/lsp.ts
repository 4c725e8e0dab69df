// The built language server as an editor runs it: `node <the extension's server options>
// dist/server.js --stdio`, driven over JSON-RPC. Used for start-up latency and for the server's own memory after many documents.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Position } from 'vscode-languageserver-types';
import { SERVER_NODE_OPTIONS } from '../client/src/serverProcess';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export const SERVER = path.join(__dirname, '..', 'dist', 'server.js');

interface Published {
  uri: string;
  version?: number;
  diagnostics: unknown[];
}

export class BenchServer {
  readonly child: ChildProcessWithoutNullStreams;
  readonly connection: MessageConnection;
  private readonly waiters = new Map<string, (p: Published) => void>();
  /** Waiters for the diagnostics of one version: `uri#version`. */
  private readonly versionWaiters = new Map<string, (p: Published) => void>();
  readonly published = new Map<string, Published>();
  private stderr = '';

  /** `nodeOptions` are for investigations; the benchmark runs the server with the extension's own options. */
  constructor(nodeOptions: readonly string[] = SERVER_NODE_OPTIONS, server = SERVER) {
    if (!existsSync(server)) throw new Error(`${server} is missing: run node scripts/build.mjs`);
    this.child = spawn(process.execPath, [...nodeOptions, server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk: string) => (this.stderr += chunk));
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: Published) => {
      this.published.set(params.uri, params);
      const waiter = this.waiters.get(params.uri);
      if (waiter) {
        this.waiters.delete(params.uri);
        waiter(params);
      }
      const key = `${params.uri}#${params.version}`;
      const versionWaiter = this.versionWaiters.get(key);
      if (versionWaiter) {
        this.versionWaiters.delete(key);
        versionWaiter(params);
      }
    });
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({})));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.listen();
  }

  get pid(): number {
    return this.child.pid!;
  }

  async initialize(): Promise<void> {
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: {
          publishDiagnostics: { versionSupport: true, relatedInformation: true },
          completion: { completionItem: { snippetSupport: true } },
        },
      },
    });
    await this.connection.sendNotification('initialized', {});
  }

  /** Opens a document; resolves with its first published diagnostics. */
  open(uri: string, text: string, languageId = 'xml'): Promise<Published> {
    const published = new Promise<Published>((resolve) => this.waiters.set(uri, resolve));
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return published;
  }

  /** Resolves when the diagnostics of this version of the document are published. */
  whenPublished(uri: string, version: number): Promise<Published> {
    return new Promise<Published>((resolve) => this.versionWaiters.set(`${uri}#${version}`, resolve));
  }

  /** An incremental edit (one range replaced), as an editor sends a keystroke. */
  change(uri: string, version: number, range: { start: Position; end: Position }, text: string): void {
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
  }

  complete(uri: string, position: Position): Promise<{ items: unknown[] } | unknown[] | null> {
    return this.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position });
  }

  /** Resident and peak memory of the server process, from /proc (Linux). */
  memory(): { rssMB: number; peakMB: number } | undefined {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const kb = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
      return { rssMB: kb('VmRSS') / 1024, peakMB: kb('VmHWM') / 1024 };
    } catch {
      return undefined;
    }
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    const timer = setTimeout(() => this.child.kill(), 3000);
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }

  get serverStderr(): string {
    return this.stderr;
  }
}

/**
 * Wall time from spawning the server to the first publishDiagnostics of a document opened
 * right after `initialized`, as when VS Code starts with a profile already open.
 */
export async function startToFirstDiagnostics(uri: string, text: string): Promise<number> {
  const t0 = performance.now();
  const server = new BenchServer();
  await server.initialize();
  await server.open(uri, text);
  const elapsed = performance.now() - t0;
  await server.stop();
  return elapsed;
}
