// Writes server/src/service/core/ruleIds.ts from schemas/rules.json: the RuleId and RuleFamilyName
// string-literal unions, so that a misspelt rule id in a rule module or a fix is a compile error.
// Run by scripts/build.mjs and `npm run generate`; test/unit/ruleIds.test.ts fails when the
// checked-in file is stale (typecheck and a fresh clone need no build step first).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const RULE_IDS_FILE = path.join(ROOT, 'server/src/service/core/ruleIds.ts');

/** The text of ruleIds.ts for the parsed schemas/rules.json. */
export function ruleIdsSource(rulesJson) {
  const rules = rulesJson.rules;
  const families = [...new Set(rules.map((r) => r.family))];
  const union = (values) => values.map((v) => `  | '${v}'`).join('\n');
  return [
    '// Generated from schemas/rules.json by scripts/generateRuleIds.mjs (npm run build, npm run generate): do not edit.',
    '',
    '/** Every rule id of schemas/rules.json. */',
    `export type RuleId =\n${union(rules.map((r) => r.id))};`,
    '',
    '/** Every rule family of schemas/rules.json (the groups of docs/rules.md). */',
    `export type RuleFamilyName =\n${union(families)};`,
    '',
    '/** The rule ids in the order of schemas/rules.json. */',
    `export const RULE_IDS: readonly RuleId[] = [\n${rules.map((r) => `  '${r.id}',`).join('\n')}\n];`,
    '',
    'const KNOWN: ReadonlySet<string> = new Set(RULE_IDS);',
    '',
    '/** Whether a string from outside (a diagnostic code, a setting, a suppression comment) is a rule id. */',
    'export function isRuleId(id: string): id is RuleId {',
    '  return KNOWN.has(id);',
    '}',
    '',
  ].join('\n');
}

/** Rewrites ruleIds.ts when it differs; returns whether it changed. */
export function writeRuleIds() {
  const wanted = ruleIdsSource(JSON.parse(readFileSync(path.join(ROOT, 'schemas/rules.json'), 'utf8')));
  let current = '';
  try {
    current = readFileSync(RULE_IDS_FILE, 'utf8');
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
  if (current === wanted) return false;
  writeFileSync(RULE_IDS_FILE, wanted);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(writeRuleIds() ? 'wrote server/src/service/core/ruleIds.ts' : 'server/src/service/core/ruleIds.ts is current');
}
