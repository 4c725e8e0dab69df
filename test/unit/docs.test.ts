import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { RULE_FAMILIES } from '../../server/src/service/profilexml/rules';
import { POWERSHELL_RULE_FAMILIES } from '../../server/src/service/powershell/rules';
import { WORKSPACE_RULE_FAMILIES } from '../../server/src/service/workspace/rules';
import { RULES } from '../../server/src/service/settings';
import { CLIENT_COMMANDS } from '../../server/src/service/authoring/protocol';
import { LENS_COMMANDS } from '../../server/src/service/authoring/requests';
import { renderPackageJson, renderReadme, rulesDoc, shippedRules } from '../../scripts/generate-docs';

const ROOT = path.resolve(__dirname, '../..');
const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');
const STALE = 'is stale: run `npm run generate` and commit the result';

describe('generated documentation', () => {
  it('README rules table matches schemas/rules.json', () => {
    assert.equal(read('README.md'), renderReadme(read('README.md')), `README.md ${STALE}`);
  });
  it('docs/rules.md matches schemas/rules.json', () => {
    assert.equal(read('docs/rules.md'), rulesDoc(), `docs/rules.md ${STALE}`);
  });
  it('package.json settings schema matches the rule metadata', () => {
    assert.equal(read('package.json'), renderPackageJson(read('package.json')), `package.json ${STALE}`);
  });
});

describe('command contract', () => {
  const manifest = JSON.parse(read('package.json')) as { contributes: { commands: { command: string }[] }; activationEvents?: string[] };
  const contributed = new Set(manifest.contributes.commands.map((c) => c.command));
  it('contributes every authoring command the extension registers and the code lenses run', () => {
    for (const id of Object.values(CLIENT_COMMANDS)) assert.ok(contributed.has(id), `package.json does not contribute ${id}`);
    for (const id of Object.values(LENS_COMMANDS)) assert.ok(Object.values(CLIENT_COMMANDS).includes(id), `a code lens runs ${id}, which the extension does not register`);
  });
});

describe('rule metadata', () => {
  it('keeps exactly the rule ids of the shared catalogue', () => {
    const catalogue = path.resolve(ROOT, '../shared/RULES.md');
    assert.ok(existsSync(catalogue), `expected the shared catalogue at ${catalogue}`);
    const ids = [...readFileSync(catalogue, 'utf8').matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]);
    for (const id of ids) assert.ok(RULES.some((r) => r.id === id), `rules.json lacks ${id}`);
  });
  it('gives every rule a title, a default severity and at least one source', () => {
    for (const r of RULES) {
      assert.ok(r.title && r.sources.length > 0, r.id);
      assert.ok(['error', 'warning', 'information', 'hint'].includes(r.severity), r.id);
    }
  });
  it('has an implementation for every rule, and no family reports an unknown id', () => {
    const implemented = new Set([...RULE_FAMILIES, ...POWERSHELL_RULE_FAMILIES, ...WORKSPACE_RULE_FAMILIES].flatMap((f) => [...f.ids]));
    implemented.add('xml-not-well-formed'); // reported by validate.ts from the XML parser
    for (const r of shippedRules()) assert.ok(implemented.has(r.id), `no rule family reports ${r.id}`);
    for (const id of implemented) assert.ok(RULES.some((r) => r.id === id), `${id} is not in rules.json`);
  });
});
