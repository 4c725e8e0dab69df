/**
 * Every single-script PowerShell rule of the catalogue (schemas/rules.json, language
 * `powershell`) has a rule family, and no family reports an id the catalogue does not have.
 * ps-crl-check-without-root looks across the workspace and lives with the workspace index.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { POWERSHELL_RULE_FAMILIES } from '../../server/src/service/powershell/rules';
import { RULES } from '../../server/src/service/settings';

const ACROSS_FILES = new Set(['ps-crl-check-without-root']);

describe('PowerShell rule families', () => {
  const implemented = POWERSHELL_RULE_FAMILIES.flatMap((f) => [...f.ids]);

  it('implement every single-script PowerShell rule of the catalogue', () => {
    const expected = RULES.filter((r) => r.language === 'powershell' && !r.notARule && !ACROSS_FILES.has(r.id)).map((r) => r.id);
    assert.deepEqual([...implemented].sort(), [...expected].sort());
  });

  it('report each id from one family only', () => {
    assert.equal(new Set(implemented).size, implemented.length);
  });
});
