/**
 * Every rule table of test/ruleTables/ (test/helpers/ruleTester.ts): one suite per rule, a test
 * per valid and per invalid case.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ruleTables, testRule } from '../helpers/ruleTester';

const tables = ruleTables();
it('finds the rule tables, each rule in one table', () => {
  assert.ok(tables.length >= 5, `${tables.length} tables`);
  const ids = tables.map((t) => t.ruleId);
  assert.deepEqual(
    ids.filter((id, i) => ids.indexOf(id) !== i),
    [],
  );
});
for (const table of tables) testRule(table.language, table.ruleId, table);
