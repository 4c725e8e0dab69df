import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Difference } from './parserCompare';

/**
 * The reviewed list of differences between PowerShell and our extraction or binder that we keep
 * (test/pwsh/acceptedDifferences.json): each entry names the oracle, the category, a pattern of
 * the statement (and optionally of the detail) and the reason. A difference no entry explains
 * fails the run; so does an entry that explains nothing any more (the defect was repaired: remove it).
 */

export interface AcceptedDifference {
  oracle: 'parser' | 'binder' | 'run';
  category: string;
  /** Regular expression the statement (excerpt) must match. */
  excerpt?: string;
  /** Regular expression the detail must match. */
  detail?: string;
  reason: string;
}

export interface OracleDifference extends Difference {
  oracle: AcceptedDifference['oracle'];
}

const FILE = path.join(__dirname, 'acceptedDifferences.json');

export function acceptedDifferences(): AcceptedDifference[] {
  const json = JSON.parse(readFileSync(FILE, 'utf8')) as { accepted: AcceptedDifference[] };
  for (const a of json.accepted)
    if (!a.reason || a.reason.trim().length < 20) throw new Error(`acceptedDifferences.json: ${a.category} needs a reason`);
  return json.accepted;
}

export interface Triage {
  unexplained: OracleDifference[];
  /** Per accepted entry, how many differences it explained. */
  explained: { entry: AcceptedDifference; count: number }[];
}

export function triage(
  differences: readonly OracleDifference[],
  accepted: readonly AcceptedDifference[],
  oraclesRun: ReadonlySet<string>,
): Triage {
  const compiled = accepted.map((entry) => ({
    entry,
    excerpt: entry.excerpt ? new RegExp(entry.excerpt, 'u') : undefined,
    detail: entry.detail ? new RegExp(entry.detail, 'u') : undefined,
    count: 0,
  }));
  const unexplained: OracleDifference[] = [];
  for (const d of differences) {
    const hit = compiled.find(
      (c) =>
        c.entry.oracle === d.oracle &&
        c.entry.category === d.category &&
        (!c.excerpt || c.excerpt.test(d.excerpt)) &&
        (!c.detail || c.detail.test(d.detail)),
    );
    if (hit) hit.count++;
    else unexplained.push(d);
  }
  return {
    unexplained,
    explained: compiled.filter((c) => oraclesRun.has(c.entry.oracle)).map((c) => ({ entry: c.entry, count: c.count })),
  };
}
