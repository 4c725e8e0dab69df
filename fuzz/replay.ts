/**
 * Replays saved fuzz inputs (test/fixtures/fuzz/) through the same checks as the fuzzer.
 *
 *   node --import tsx fuzz/replay.ts [--json] [--time-limit MS] [FILE_OR_DIR...]
 *
 * A fixture is a stem with `.xml` (a profile; its `.ps1` sibling, when present, is the script it
 * was wrapped in) or `.ps1` alone (a script), plus an optional `.json` sidecar written by the
 * fuzzer: settings and offsets of the failing run, and `open` — the reason a failure is still
 * expected (reported, not fixed yet). Used by test/unit/fuzzRegressions.test.ts in a child
 * process, so that a hang fails the test instead of stopping it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative } from 'node:path';
import { createLanguageService, type LanguageService } from '../server/src/service/languageService';
import { nodeWasmSource } from '../server/src/host/wasm';
import type { Settings } from '../server/src/service/settings';
import { checkInput, type Failure } from './checks';
import { ROOT } from './corpus';
import { decodeForService } from './decode';
import { createRng } from './rng';
import { prepareWorkspace } from './setup';

export const FIXTURE_DIR = join(ROOT, 'test', 'fixtures', 'fuzz');

export interface Sidecar {
  seed?: string;
  index?: number;
  generator?: string;
  note?: string;
  settings?: Partial<Settings> | null;
  offsets?: { xml?: number[]; ps?: number[] };
  /** Set while the failure is known and not fixed: the replay then reports it as "todo". */
  open?: string;
}

export interface Fixture {
  /** Path of the main file relative to the repository. */
  name: string;
  kind: 'xml' | 'ps';
  xmlText: string;
  scriptText: string;
  sidecar: Sidecar;
}

export interface ReplayResult {
  name: string;
  open?: string;
  ms: number;
  slowest: { call: string; ms: number; doc: string };
  failures: Failure[];
}

/** The fixtures under the given files or folders (default: test/fixtures/fuzz/), in name order. */
export function loadFixtures(paths: readonly string[] = [FIXTURE_DIR]): Fixture[] {
  const stems = new Set<string>();
  const add = (file: string): void => {
    const ext = extname(file).toLowerCase();
    if (ext === '.xml' || ext === '.ps1' || ext === '.json') stems.add(join(dirname(file), basename(file, extname(file))));
  };
  for (const path of paths) {
    if (!existsSync(path)) continue;
    if (statSync(path).isDirectory()) for (const name of readdirSync(path).sort()) add(join(path, name));
    else add(path);
  }
  const out: Fixture[] = [];
  for (const stem of [...stems].sort()) {
    const xmlFile = `${stem}.xml`;
    const psFile = `${stem}.ps1`;
    const sidecarFile = `${stem}.json`;
    const sidecar: Sidecar = existsSync(sidecarFile) ? (JSON.parse(readFileSync(sidecarFile, 'utf8')) as Sidecar) : {};
    if (existsSync(xmlFile)) {
      const xmlText = decodeForService(readFileSync(xmlFile)).text;
      const scriptText = existsSync(psFile) ? decodeForService(readFileSync(psFile)).text : `$ProfileXML = @'\n${xmlText}\n'@\n`;
      out.push({ name: relative(ROOT, xmlFile), kind: 'xml', xmlText, scriptText, sidecar });
    } else if (existsSync(psFile)) {
      const text = decodeForService(readFileSync(psFile)).text;
      out.push({ name: relative(ROOT, psFile), kind: 'ps', xmlText: text, scriptText: text, sidecar });
    }
  }
  return out;
}

/** Every check of the fuzzer on one fixture: all offsets it recorded, every diagnostic range, both code action kinds. */
export function replayFixture(service: LanguageService, fixture: Fixture, timeLimitMs: number): ReplayResult {
  const result = checkInput(
    service,
    { xmlText: fixture.xmlText, scriptText: fixture.scriptText, kind: fixture.kind },
    createRng('replay', fixture.name),
    { timeLimitMs, settings: fixture.sidecar.settings ?? {}, randomOffsets: 4, allActionKinds: true, neighbour: false },
    { xml: fixture.sidecar.offsets?.xml, ps: fixture.sidecar.offsets?.ps },
  );
  return { name: fixture.name, open: fixture.sidecar.open, ms: result.ms, slowest: result.slowest, failures: result.failures };
}

export async function replayAll(paths: readonly string[] = [FIXTURE_DIR], timeLimitMs = 5000): Promise<ReplayResult[]> {
  const service = createLanguageService({ wasm: nodeWasmSource() });
  await service.preparePowerShell();
  prepareWorkspace(service);
  return loadFixtures(paths).map((f) => replayFixture(service, f, timeLimitMs));
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  let timeLimitMs = 5000;
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--json') continue;
    if (args[i] === '--time-limit') timeLimitMs = Number(args[++i]);
    else paths.push(args[i]);
  }
  replayAll(paths.length ? paths : [FIXTURE_DIR], timeLimitMs).then(
    (results) => {
      if (json) {
        process.stdout.write(JSON.stringify(results) + '\n');
        return;
      }
      let failed = 0;
      for (const r of results) {
        const status = r.failures.length === 0 ? 'ok' : r.open ? 'open' : 'FAIL';
        if (status === 'FAIL') failed++;
        process.stdout.write(
          `${status.padEnd(5)} ${r.name} (${Math.round(r.ms)} ms; slowest ${r.slowest.call} ${Math.round(r.slowest.ms)} ms)${r.open ? ` — open: ${r.open}` : ''}\n`,
        );
        for (const f of r.failures.slice(0, 5)) process.stdout.write(`      ${f.kind} [${f.doc}] ${f.call}: ${f.message}\n`);
      }
      process.exitCode = failed ? 1 : 0;
    },
    (error) => {
      process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
