/**
 * `npm run test:pwsh`: PowerShell 7 itself as the judge of our PowerShell analysis (a test
 * oracle only: the extension never needs PowerShell). Phases, each one long-lived pwsh process:
 * 1. parser oracle: PowerShell's parser against our extraction on fixtures, snippets, generated
 *    scripts and generated command lines (parserOracle.ts);
 * 2. the generated deployment scripts, run with recording CIM stand-ins (scriptRun.ts);
 * 3. binder oracle: proxy functions from schemas/vpn-cmdlets.json bind generated invocations
 *    (binderOracle.ts).
 * Prints what it compared and every difference acceptedDifferences.json does not explain; exits
 * non-zero when one remains.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { acceptedDifferences, triage, type OracleDifference } from './acceptedDifferences';
import { runParserOracle } from './parserOracle';
import { runGeneratedScripts } from './scriptRun';
import { runBinderOracle } from './binderOracle';
import { powerShellReady } from '../helpers/service';

export interface PhaseResult {
  oracle: OracleDifference['oracle'];
  /** Lines for the summary: what was compared and how many. */
  summary: string[];
  differences: OracleDifference[];
}

/** Where scripts/pwsh/install.mjs puts PowerShell (npm run test:pwsh runs it first). */
const PWSH = path.join(__dirname, '..', '..', '.test-work', 'pwsh', process.platform === 'win32' ? 'pwsh.exe' : 'pwsh');

async function main(): Promise<number> {
  if (!existsSync(PWSH)) throw new Error(`${PWSH} is missing: run node scripts/pwsh/install.mjs (npm run test:pwsh does)`);
  const pwsh = PWSH;
  await powerShellReady;
  const only = process.argv.slice(2);
  const phases: [string, () => Promise<PhaseResult>][] = [
    ['parser', () => runParserOracle(pwsh)],
    ['run', () => runGeneratedScripts(pwsh)],
    ['binder', () => runBinderOracle(pwsh)],
  ];
  const results: PhaseResult[] = [];
  for (const [name, run] of phases) {
    if (only.length > 0 && !only.includes(name)) continue;
    const started = Date.now();
    const result = await run();
    console.log(`${name}: ${result.summary.join('; ')} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    results.push(result);
  }
  const all = results.flatMap((r) => r.differences);
  const { unexplained, explained } = triage(all, acceptedDifferences(), new Set(results.map((r) => r.oracle)));
  console.log(
    `differences: ${all.length} found, ${all.length - unexplained.length} accepted (acceptedDifferences.json), ${unexplained.length} unexplained`,
  );
  for (const e of explained)
    console.log(
      `  accepted ${e.entry.oracle}/${e.entry.category}: ${e.count}${e.count === 0 ? '  <- explains nothing any more: remove it' : ''}`,
    );
  const byCategory = new Map<string, OracleDifference[]>();
  for (const d of unexplained) byCategory.set(`${d.oracle}/${d.category}`, [...(byCategory.get(`${d.oracle}/${d.category}`) ?? []), d]);
  for (const [category, list] of byCategory) {
    console.log(`\nunexplained ${category}: ${list.length}`);
    for (const d of list.slice(0, Number(process.env.PWSH_ORACLE_SHOW ?? 5)))
      console.log(`  ${d.input}: ${d.detail}\n    ${JSON.stringify(d.excerpt)}`);
  }
  const stale = explained.filter((e) => e.count === 0);
  return unexplained.length === 0 && stale.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
