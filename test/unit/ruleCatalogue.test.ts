/**
 * The rule catalogue (schemas/rules.json) and the code agree: the generated RuleId type is
 * current, every rule is implemented by exactly one rule family of the engine its family belongs
 * to, and each family module says which family of the catalogue it checks.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { RULE_IDS_FILE, ruleIdsSource } from '../../scripts/generateRuleIds.mjs';
import type { RuleFamily } from '../../server/src/service/core/ruleFamily';
import { RULE_IDS, isRuleId } from '../../server/src/service/core/ruleIds';
import { POWERSHELL_RULE_FAMILIES } from '../../server/src/service/powershell/rules';
import { RULE_FAMILIES } from '../../server/src/service/profilexml/rules';
import { RULES, ruleMeta } from '../../server/src/service/settings';
import { WORKSPACE_RULE_FAMILIES } from '../../server/src/service/workspace/rules';

const ROOT = path.resolve(__dirname, '../..');

/** Each engine's rule list, and the catalogue families it carries. */
const ENGINES: readonly { engine: string; families: readonly RuleFamily<never>[]; carries(family: string): boolean }[] = [
  { engine: 'profilexml', families: RULE_FAMILIES, carries: (f) => f !== 'powershell' && f !== 'workspace' },
  { engine: 'powershell', families: POWERSHELL_RULE_FAMILIES, carries: (f) => f === 'powershell' },
  { engine: 'workspace', families: WORKSPACE_RULE_FAMILIES, carries: (f) => f === 'workspace' },
];

/** Reported outside any rule family: by profilexml/validate.ts from the XML parser's verdict. */
const NOT_IN_A_FAMILY = new Set(['xml-not-well-formed']);

describe('the RuleId type', () => {
  it('is generated from the current schemas/rules.json (run `npm run generate` after editing it)', () => {
    const rulesJson = JSON.parse(readFileSync(path.join(ROOT, 'schemas/rules.json'), 'utf8')) as {
      rules: { id: string; family: string }[];
    };
    assert.equal(readFileSync(RULE_IDS_FILE, 'utf8'), ruleIdsSource(rulesJson), `${path.relative(ROOT, RULE_IDS_FILE)} is stale`);
  });
  it('lists every catalogue id once and tells ids from other strings', () => {
    assert.deepEqual(
      RULE_IDS,
      RULES.map((r) => r.id),
    );
    assert.equal(new Set(RULE_IDS).size, RULE_IDS.length);
    assert.ok(isRuleId('weak-crypto'));
    assert.ok(!isRuleId('weak-cryptography'));
  });
});

describe('rule families', () => {
  const carriers = new Map<string, string[]>();
  for (const { engine, families } of ENGINES) {
    for (const family of families)
      for (const id of family.ids) carriers.set(id, [...(carriers.get(id) ?? []), `${engine}/${family.family}`]);
  }

  it('implement every shipped rule of the catalogue exactly once', () => {
    for (const rule of RULES) {
      if (rule.notARule || NOT_IN_A_FAMILY.has(rule.id)) assert.equal(carriers.get(rule.id), undefined, rule.id);
      else assert.equal(carriers.get(rule.id)?.length, 1, `${rule.id} is reported by ${carriers.get(rule.id)?.join(', ') ?? 'no family'}`);
    }
  });

  it('belong to the catalogue family of every id they report, in the engine that runs that family', () => {
    for (const { engine, families, carries } of ENGINES) {
      for (const family of families) {
        assert.ok(carries(family.family), `${engine} runs a family of ${family.family}`);
        for (const id of family.ids)
          assert.equal(
            ruleMeta(id)?.family,
            family.family,
            `${id}: schemas/rules.json says ${ruleMeta(id)?.family}, the code ${family.family}`,
          );
      }
    }
  });

  it('are contiguous in schemas/rules.json (docs/rules.md has one section per family)', () => {
    const seen = new Set<string>();
    let current = '';
    for (const rule of RULES) {
      if (rule.family === current) continue;
      assert.ok(!seen.has(rule.family), `${rule.id} is apart from the other rules of ${rule.family}`);
      seen.add((current = rule.family));
    }
  });
});
