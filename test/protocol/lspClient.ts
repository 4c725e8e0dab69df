import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver-types';

export const ROOT = join(__dirname, '..', '..');
export const SERVER = join(ROOT, 'dist', 'server.js');

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}

export interface LogMessage {
  type: number;
  message: string;
}

/**
 * The built server as VS Code runs it: a child process speaking LSP on stdio, driven by a real
 * JSON-RPC connection. Waits are on events with a timeout, never fixed sleeps.
 */
export class TestLspClient {
  readonly connection: MessageConnection;
  readonly published: PublishedDiagnostics[] = [];
  readonly logs: LogMessage[] = [];
  readonly shown: LogMessage[] = [];
  /** `telemetry/event` notifications (the server sends none today; anything it sends is checked for document text). */
  readonly telemetry: unknown[] = [];
  readonly configurationRequests: { scopeUri?: string; section?: string }[] = [];
  /** What the client answers to workspace/configuration (section `aovpn`). */
  settings: Record<string, unknown> = {};
  /** Declare, as VS Code does, that code actions' edits may be resolved later (codeAction/resolve). */
  resolvesCodeActionEdits = false;
  /** Declare, as VS Code does, that completion may be registered per document selector (client/registerCapability). */
  registersCompletion = false;
  /** What the server registered through client/registerCapability. */
  readonly registrations: { id: string; method: string; registerOptions?: unknown }[] = [];
  private readonly child: ChildProcessWithoutNullStreams;
  private stderr = '';
  private readonly listeners = new Set<() => void>();

  constructor() {
    if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`node scripts/build.mjs\` (npm test builds first)`);
    this.child = spawn(process.execPath, [SERVER, '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk: string) => (this.stderr += chunk));
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishedDiagnostics) => {
      this.published.push(params);
      this.notify();
    });
    this.connection.onNotification('window/logMessage', (params: LogMessage) => {
      this.logs.push(params);
      this.notify();
    });
    this.connection.onNotification('window/showMessage', (params: LogMessage) => {
      this.shown.push(params);
      this.notify();
    });
    this.connection.onNotification('telemetry/event', (params: unknown) => {
      this.telemetry.push(params);
      this.notify();
    });
    this.connection.onRequest('workspace/configuration', (params: { items: { scopeUri?: string; section?: string }[] }) => {
      this.configurationRequests.push(...params.items);
      return params.items.map((item) => (item.section === 'aovpn' ? this.settings : null));
    });
    this.connection.onRequest(
      'client/registerCapability',
      (params: { registrations: { id: string; method: string; registerOptions?: unknown }[] }) => {
        this.registrations.push(...params.registrations);
        this.notify();
        return null;
      },
    );
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.listen();
  }

  /** Server stderr, for failure messages. */
  get serverStderr(): string {
    return this.stderr;
  }

  /** The server's process id (to read its memory from /proc). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** True while the server process has neither exited nor been killed. */
  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /**
   * Writes one frame straight to the server's stdin: a correct Content-Length header and `body`
   * as it is (not necessarily JSON, not necessarily a JSON-RPC message). Await the previous
   * message before calling, so that frames do not interleave.
   */
  writeFrame(body: string | Buffer): Promise<void> {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    return new Promise<void>((resolve, reject) => {
      this.child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${bytes.length}\r\n\r\n`, 'ascii'), bytes]), (error) =>
        error ? reject(error) : resolve(),
      );
    });
  }

  /** `workspaceFolders`: folder URIs the server indexes (ProfileXML and scripts), as VS Code sends them. */
  async initialize(initializationOptions?: unknown, workspaceFolders?: string[]): Promise<{ capabilities: Record<string, unknown> }> {
    const result = await this.connection.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
      processId: process.pid,
      rootUri: workspaceFolders?.[0] ?? null,
      workspaceFolders: workspaceFolders ? workspaceFolders.map((uri) => ({ uri, name: uri.split('/').pop() })) : null,
      initializationOptions,
      capabilities: {
        workspace: {
          configuration: true,
          didChangeConfiguration: { dynamicRegistration: true },
          workspaceFolders: true,
          didChangeWatchedFiles: { dynamicRegistration: false },
        },
        textDocument: {
          synchronization: { dynamicRegistration: false },
          publishDiagnostics: { versionSupport: true, relatedInformation: true },
          completion: { completionItem: { snippetSupport: true }, ...(this.registersCompletion ? { dynamicRegistration: true } : {}) },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          codeAction: {
            codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } },
            isPreferredSupport: true,
            ...(this.resolvesCodeActionEdits ? { dataSupport: true, resolveSupport: { properties: ['edit'] } } : {}),
          },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        },
      },
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  open(uri: string, text: string, version = 1, languageId = 'xml'): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /** What the client's file watcher reports: 1 created, 2 changed, 3 deleted. */
  filesChanged(changes: { uri: string; type: 1 | 2 | 3 }[]): Promise<void> {
    return this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes });
  }

  /** Replaces the whole text (a full-content change event). */
  change(uri: string, text: string, version: number): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest<R>(method, params);
  }

  /**
   * Resolves with the first diagnostics published for `uri` after this call that satisfy
   * `accept`. Create the wait before sending what triggers it.
   */
  nextDiagnostics(uri: string, accept: (p: PublishedDiagnostics) => boolean = () => true, timeoutMs = 5000): Promise<PublishedDiagnostics> {
    const from = this.published.length;
    return this.waitFor(
      () => this.published.slice(from).find((p) => p.uri === uri && accept(p)),
      timeoutMs,
      () =>
        `diagnostics for ${uri}; published since: ${JSON.stringify(this.published.slice(from).map((p) => ({ uri: p.uri, version: p.version, codes: p.diagnostics.map((d) => d.code) })))}`,
    );
  }

  waitFor<T>(probe: () => T | undefined, timeoutMs: number, what: () => string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = (): boolean => {
        const value = probe();
        if (value === undefined) return false;
        cleanup();
        resolve(value);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what()}\nserver stderr: ${this.stderr}`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.listeners.delete(listener);
      };
      const listener = (): void => void check();
      if (check()) return;
      this.listeners.add(listener);
    });
  }

  /** Orderly shutdown; the child is killed whatever happens. */
  async dispose(): Promise<void> {
    const exited = new Promise<number | null>((resolve) => {
      if (this.child.exitCode !== null) resolve(this.child.exitCode);
      else this.child.once('exit', (code) => resolve(code));
    });
    try {
      await withTimeout(this.connection.sendRequest('shutdown'), 3000);
      await this.connection.sendNotification('exit');
      await withTimeout(exited, 3000);
    } finally {
      this.connection.dispose();
      if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
    }
  }

  /** The exit code after dispose(). */
  get exitCode(): number | null {
    return this.child.exitCode;
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
