import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

export async function attributeScaling(service: LanguageService, rounds: number): Promise<{ small: Stats; large: Stats; sizeRatio: number }> {
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

/** Wall time of `node dist/cli.js --format json` over 1,000 and 4,000 profiles (and over one, the start-up). */
export function cliScaling(cli: string, rounds: number): { one: number; thousand: number; fourThousand: number } {
  const work = mkdtempSync(path.join(os.tmpdir(), 'aovpn-bench-cli-'));
  try {
    writeProfiles(path.join(work, 'one'), 1);
    writeProfiles(path.join(work, 'k1'), 1000);
    writeProfiles(path.join(work, 'k4'), 4000);
    const time = (dir: string): number => {
      const t = performance.now();
      const r = spawnSync(process.execPath, [cli, '--format', 'json', dir], { encoding: 'utf8', maxBuffer: 1 << 30 });
      if (r.status !== 0 && r.status !== 1) throw new Error(`the CLI failed on ${dir}: ${r.stderr}`);
      return performance.now() - t;
    };
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const samples = { one: [] as number[], thousand: [] as number[], fourThousand: [] as number[] };
    for (let i = 0; i < rounds; i++) {
      samples.one.push(time(path.join(work, 'one')));
      samples.thousand.push(time(path.join(work, 'k1')));
      samples.fourThousand.push(time(path.join(work, 'k4')));
    }
    return { one: median(samples.one), thousand: median(samples.thousand), fourThousand: median(samples.fourThousand) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
