import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { RULES } from '../../server/src/service/settings';
import { CLIENT_COMMANDS } from '../../server/src/service/authoring/protocol';
import { LENS_COMMANDS } from '../../server/src/service/authoring/requests';
import { renderPackageJson, renderReadme, rulesDoc, sourcesDoc } from '../../scripts/generateDocs';

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
  it('docs/sources.md matches schemas/sources.json', () => {
    assert.equal(read('docs/sources.md'), sourcesDoc(), `docs/sources.md ${STALE}`);
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
    for (const id of Object.values(LENS_COMMANDS))
      assert.ok(Object.values(CLIENT_COMMANDS).includes(id), `a code lens runs ${id}, which the extension does not register`);
  });
});

/**
 * Every rule id the product has shipped, oldest first. Users name these in settings, suppression
 * comments and pipelines, so an id never changes and never goes away; this list only grows.
 */
const RELEASED_RULE_IDS: readonly string[] = [
  // 0.1.0
  'xml-not-well-formed',
  'doctype-not-allowed',
  'unknown-element',
  'misplaced-element',
  'duplicate-element',
  'missing-element',
  'invalid-value',
  'non-canonical-value',
  'empty-value',
  'unsupported-on-target',
  'profile-type-conflict',
  'protocol-list-mismatch',
  'unsupported-auth-method',
  'crypto-suite-ignored-automatic',
  'ikev2-default-crypto',
  'weak-crypto',
  'incomplete-crypto-suite',
  'gcm-transform-mismatch',
  'powershell-spelling',
  'crypto-suite-unused',
  'insecure-protocol',
  'legacy-protocol',
  'cleartext-secret',
  'l2tp-psk-unused',
  'ikev2-fragmentation-disabled',
  'eap-configuration-missing',
  'eap-server-validation-off',
  'invalid-thumbprint',
  'eap-namespace',
  'stray-characters',
  'device-tunnel-protocol',
  'device-tunnel-authentication',
  'device-tunnel-force-tunnel',
  'split-tunnel-without-routes',
  'force-tunnel-class-route',
  'force-tunnel-routes',
  'proxy-ignored-split-tunnel',
  'invalid-route',
  'invalid-address-list',
  'invalid-port-range',
  'invalid-server-list',
  'invalid-dns-suffix',
  'intune-element-order',
  'intune-server-listed-once',
  'intune-machine-method-missing',
  'ps-unknown-parameter',
  'ps-invalid-value',
  'ps-missing-parameter',
  'ps-partial-custom-policy',
  'ps-switch-given-value',
  'ps-cleartext-secret',
  'ps-weak-crypto',
  'ps-revert-to-default',
  'ps-confirm-prompt',
  'ps-restart-required',
  'ps-registry-value',
  'ps-sa-limit-workaround',
  'ps-crl-check-without-root',
  'ps-sstp-offload-hash',
  'ps-embedded-profilexml',
  'ipsec-policy-mismatch',
  'server-fragmentation-not-enabled',
  'register-dns-both-tunnels',
  // the review of real profiles
  'wrong-root-element',
  'placeholder-value',
  'read-only-element',
  'native-protocol-type-missing',
  'nrpt-suffix-without-dot',
  'duplicate-nrpt-rule',
  'proxy-server-without-port',
  'device-tunnel-not-always-on',
  'device-tunnel-traffic-filter-target',
  'nrpt-on-device-tunnel',
  'ps-proxy-split-tunnel',
  'ps-pipeline-unbound-key',
  'tnd-separator',
];

describe('rule metadata', () => {
  it('keeps every rule id ever released (ids are public API: settings, suppression comments, CI pipelines)', () => {
    const missing = RELEASED_RULE_IDS.filter((id) => !RULES.some((r) => r.id === id));
    assert.deepEqual(missing, [], 'a released rule id was renamed or removed');
  });
  it('lists every rule id of rules.json as released (add a new id to RELEASED_RULE_IDS when it ships)', () => {
    const unlisted = RULES.map((r) => r.id).filter((id) => !RELEASED_RULE_IDS.includes(id));
    assert.deepEqual(unlisted, []);
  });
  it('gives every rule a title, a default severity and at least one source', () => {
    for (const r of RULES) {
      assert.ok(r.title && r.sources.length > 0, r.id);
      assert.ok(['error', 'warning', 'information', 'hint'].includes(r.severity), r.id);
    }
  });
});
