// Native libxml2 (Debian's xmllint, package libxml2-utils): the anchor for XSD validation.
// Installed here, idempotently, as scripts/e2e/install.mjs installs Chromium: apt-get as root,
// else through `sudo -n`; when neither works the bench says so and the native figures are left out.
//
// xmllint is a process per invocation: its start and the schema compile are paid once per
// invocation, not per document. To compare with a service that keeps its schema loaded, the bench
// times the same invocation with k documents and with one, and divides the difference by k − 1:
// what one more document costs a warm xmllint (read, parse, validate). The start-up is reported
// beside it.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

export const XSD_PATH = path.join(__dirname, '..', 'schemas', 'ProfileXML.xsd');
const XMLLINT = '/usr/bin/xmllint';

function run(command: string, args: string[]): { ok: boolean; out: string } {
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return { ok: result.status === 0, out: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}` };
}

/** Installs libxml2-utils when xmllint is missing. Returns its version line, or why it is unavailable. */
export function ensureNativeXmllint(log: (line: string) => void): { ok: true; version: string } | { ok: false; reason: string } {
  const version = (): string | undefined => {
    const r = run(XMLLINT, ['--version']);
    return r.ok || r.out.includes('using libxml') ? r.out.split('\n')[0].trim() : undefined;
  };
  const present = version();
  if (present) return { ok: true, version: present };
  const asRoot = process.getuid?.() === 0;
  if (!asRoot && !run('sudo', ['-n', 'true']).ok)
    return { ok: false, reason: 'xmllint is not installed and apt-get needs root (apt-get install -y libxml2-utils)' };
  log('installing Debian package libxml2-utils (native xmllint) for the baselines');
  const aptGet = (args: string[]): { ok: boolean; out: string } =>
    asRoot ? run('apt-get', args) : run('sudo', ['-n', 'apt-get', ...args]);
  let installed = aptGet(['install', '-y', '-qq', '--no-install-recommends', 'libxml2-utils']);
  if (!installed.ok) {
    // A fresh image has no package lists yet.
    const update = aptGet(['update', '-qq']);
    if (!update.ok) return { ok: false, reason: `apt-get update failed: ${update.out.trim().split('\n').slice(-3).join(' ')}` };
    installed = aptGet(['install', '-y', '-qq', '--no-install-recommends', 'libxml2-utils']);
  }
  if (!installed.ok)
    return { ok: false, reason: `apt-get install libxml2-utils failed: ${installed.out.trim().split('\n').slice(-3).join(' ')}` };
  const after = version();
  return after ? { ok: true, version: after } : { ok: false, reason: 'libxml2-utils installed, but /usr/bin/xmllint does not run' };
}

/** Wall time of one xmllint invocation over `files` (output discarded). */
export function timeXmllint(files: readonly string[], withSchema: boolean): number {
  const args = withSchema ? ['--noout', '--schema', XSD_PATH, ...files] : ['--noout', ...files];
  const t = performance.now();
  const r = spawnSync(XMLLINT, args, { stdio: 'ignore' });
  const elapsed = performance.now() - t;
  // 0 valid, 1–4 parse or validation errors: all are answers. Anything else is a failure to run.
  if (r.error || r.status === null || r.status > 5) throw new Error(`xmllint failed (status ${r.status}): ${String(r.error ?? '')}`);
  return elapsed;
}

/**
 * What one more document costs a warm xmllint: the text written once to `dir`, then one
 * invocation with it listed `copies` times against one with it listed once.
 */
export function nativePerDocument(text: string, dir: string, copies: number, withSchema = true): { perDocument: number; startUp: number } {
  const file = path.join(dir, `native-${text.length}.xml`);
  writeFileSync(file, text);
  const one = timeXmllint([file], withSchema);
  const many = timeXmllint(
    Array.from({ length: copies }, () => file),
    withSchema,
  );
  const perDocument = Math.max(0, (many - one) / (copies - 1));
  return { perDocument, startUp: Math.max(0, one - perDocument) };
}

/** Copies that keep one sample near a fixed amount of text (enough above the start-up, not minutes). */
export function copiesFor(size: number): number {
  return Math.max(4, Math.min(100, Math.round(8_000_000 / size)));
}

/**
 * Every file in one invocation (argument lists split only when they would not fit), less one
 * invocation over the first file alone (the start-up and the schema compile): the cost of the
 * files' validation, as an in-process validator with the schema loaded would pay it.
 */
export function nativeBatch(files: readonly string[], withSchema = true): { wall: number; startUp: number; work: number } {
  const chunks: string[][] = [];
  let chunk: string[] = [];
  let length = 0;
  for (const f of files) {
    if (length + f.length + 1 > 1_000_000 && chunk.length) {
      chunks.push(chunk);
      chunk = [];
      length = 0;
    }
    chunk.push(f);
    length += f.length + 1;
  }
  if (chunk.length) chunks.push(chunk);
  const startUp = timeXmllint([files[0]], withSchema);
  let wall = 0;
  for (const c of chunks) wall += timeXmllint(c, withSchema);
  return { wall, startUp, work: Math.max(0, wall - startUp * chunks.length) };
}
