import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../server/src/service/languageService';
import { typicalProfile } from './inputs';
import { interleave, type Stats } from './stats';

/**
 * Hostile sizes that were once quadratic: one tag with very many attributes (each attribute
 * searched the rest of the tag), and a CLI run over thousands of profiles (each file's checks
 * across files walked every file). Measured at two sizes, interleaved; the budget is on the
 * growth, which is linear when the ratio of times stays near the ratio of sizes.
 */

/** A profile whose root carries `count` attributes. */
export function manyAttributes(count: number): string {
  let attributes = '';
  for (let i = 0; i < count; i++) attributes += ` a${i}="x"`;
  return typicalProfile().replace('<VPNProfile>', `<VPNProfile${attributes}>`);
}

export async function attributeScaling(
  service: LanguageService,
  rounds: number,
): Promise<{ small: Stats; large: Stats; sizeRatio: number }> {
  // Above ~50,000 the times grow in proportion (measured: 87, 150 and 318 ms for 75k, 150k and
  // 300k); below, a young-generation heap flatters the small size.
  const small = manyAttributes(75_000);
  const large = manyAttributes(300_000);
  let version = 0;
  const stats = await interleave(
    [
      { name: 'small', run: () => service.validate(TextDocument.create(`file:///bench/attrs-${++version}.xml`, 'xml', 1, small)) },
      { name: 'large', run: () => service.validate(TextDocument.create(`file:///bench/attrs-${++version}.xml`, 'xml', 1, large)) },
    ],
    rounds,
  );
  return { small: stats.get('small')!, large: stats.get('large')!, sizeRatio: large.length / small.length };
}

/** `count` profiles of as many deployments (their own server and suffix), as an MSP's repository holds. */
function writeProfiles(dir: string, count: number): void {
  mkdirSync(dir, { recursive: true });
  const base = typicalProfile();
  for (let i = 0; i < count; i++) {
    const text = base.replace(/vpn\d*\.example\.net/g, `vpn-${i}.example.net`).replace(/corp\.example\.net/g, `corp-${i}.example.net`);
    writeFileSync(path.join(dir, `customer-${i}.xml`), text);
  }
}

/** Wall time (median) and peak memory of one CLI run. */
export interface CliRun {
  ms: number;
  /** The CLI process's peak resident memory (its own report at exit), MB. */
  peakMB: number;
}

/** Prints the process's peak resident memory on exit: loaded with --require into the timed CLI. */
const PEAK_REPORTER = `process.on('exit', () => process.stderr.write('\\naovpn-bench-maxrss ' + process.resourceUsage().maxRSS + '\\n'));`;

/** Runs `node dist/cli.js --format json DIR` once: wall time and peak memory. */
export function runCli(cli: string, dir: string, work: string): CliRun {
  const reporter = path.join(work, 'peak-reporter.cjs');
  writeFileSync(reporter, PEAK_REPORTER);
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--require', reporter, cli, '--format', 'json', dir], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = performance.now() - t;
  // 0: no findings at the threshold, 1: findings. Anything else is a failure, not a figure.
  if (r.status !== 0 && r.status !== 1) throw new Error(`the CLI failed on ${dir} (status ${r.status}): ${r.stderr}`);
  // One entry per file checked: an answer for every file, not an early exit.
  const reported = JSON.parse(r.stdout) as unknown[];
  if (
    !Array.isArray(reported) ||
    reported.length !== readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.xml')).length
  ) {
    throw new Error(`the CLI's JSON over ${dir} does not list every file`);
  }
  const kb = Number(/aovpn-bench-maxrss (\d+)/.exec(r.stderr)?.[1] ?? NaN);
  return { ms, peakMB: kb / 1024 };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** `node dist/cli.js --format json` over 1, 1,000 and 10,000 profiles, interleaved per round: medians. */
export function cliScaling(cli: string, rounds: number): { one: CliRun; thousand: CliRun; tenThousand: CliRun } {
  const work = mkdtempSync(path.join(os.tmpdir(), 'aovpn-bench-cli-'));
  try {
    writeProfiles(path.join(work, 'one'), 1);
    writeProfiles(path.join(work, 'k1'), 1000);
    writeProfiles(path.join(work, 'k10'), 10000);
    const samples = { one: [] as CliRun[], thousand: [] as CliRun[], tenThousand: [] as CliRun[] };
    for (let i = 0; i < rounds; i++) {
      samples.one.push(runCli(cli, path.join(work, 'one'), work));
      samples.thousand.push(runCli(cli, path.join(work, 'k1'), work));
      samples.tenThousand.push(runCli(cli, path.join(work, 'k10'), work));
    }
    const summary = (xs: CliRun[]): CliRun => ({ ms: median(xs.map((x) => x.ms)), peakMB: median(xs.map((x) => x.peakMB)) });
    return { one: summary(samples.one), thousand: summary(samples.thousand), tenThousand: summary(samples.tenThousand) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
