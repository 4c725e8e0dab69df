// Generated from schemas/rules.json by scripts/generateRuleIds.mjs (npm run build, npm run generate): do not edit.

/** Every rule id of schemas/rules.json. */
export type RuleId =
  | 'xml-not-well-formed'
  | 'doctype-not-allowed'
  | 'wrong-root-element'
  | 'unknown-element'
  | 'misplaced-element'
  | 'duplicate-element'
  | 'missing-element'
  | 'read-only-element'
  | 'profile-type-conflict'
  | 'invalid-value'
  | 'non-canonical-value'
  | 'empty-value'
  | 'unsupported-on-target'
  | 'placeholder-value'
  | 'protocol-list-mismatch'
  | 'crypto-suite-ignored-automatic'
  | 'ikev2-default-crypto'
  | 'weak-crypto'
  | 'incomplete-crypto-suite'
  | 'gcm-transform-mismatch'
  | 'powershell-spelling'
  | 'crypto-suite-unused'
  | 'insecure-protocol'
  | 'legacy-protocol'
  | 'native-protocol-type-missing'
  | 'cleartext-secret'
  | 'l2tp-psk-unused'
  | 'ikev2-fragmentation-disabled'
  | 'unsupported-auth-method'
  | 'eap-configuration-missing'
  | 'eap-server-validation-off'
  | 'invalid-thumbprint'
  | 'eap-namespace'
  | 'stray-characters'
  | 'device-tunnel-protocol'
  | 'device-tunnel-authentication'
  | 'device-tunnel-force-tunnel'
  | 'device-tunnel-not-always-on'
  | 'device-tunnel-traffic-filter-target'
  | 'split-tunnel-without-routes'
  | 'force-tunnel-class-route'
  | 'force-tunnel-routes'
  | 'proxy-ignored-split-tunnel'
  | 'invalid-route'
  | 'invalid-address-list'
  | 'invalid-port-range'
  | 'invalid-server-list'
  | 'invalid-dns-suffix'
  | 'proxy-server-without-port'
  | 'nrpt-suffix-without-dot'
  | 'duplicate-nrpt-rule'
  | 'tnd-separator'
  | 'intune-element-order'
  | 'intune-server-listed-once'
  | 'intune-machine-method-missing'
  | 'ps-unknown-parameter'
  | 'ps-invalid-value'
  | 'ps-missing-parameter'
  | 'ps-partial-custom-policy'
  | 'ps-switch-given-value'
  | 'ps-pipeline-unbound-key'
  | 'ps-cleartext-secret'
  | 'ps-weak-crypto'
  | 'ps-revert-to-default'
  | 'ps-proxy-split-tunnel'
  | 'ps-confirm-prompt'
  | 'ps-restart-required'
  | 'ps-registry-value'
  | 'ps-sa-limit-workaround'
  | 'ps-sstp-offload-hash'
  | 'ps-embedded-profilexml'
  | 'ipsec-policy-mismatch'
  | 'server-fragmentation-not-enabled'
  | 'ps-crl-check-without-root'
  | 'register-dns-both-tunnels'
  | 'nrpt-on-device-tunnel';

/** Every rule family of schemas/rules.json (the groups of docs/rules.md). */
export type RuleFamilyName =
  | 'structure'
  | 'values'
  | 'placeholders'
  | 'crypto'
  | 'authentication'
  | 'device-tunnel'
  | 'routing'
  | 'intune'
  | 'powershell'
  | 'workspace';

/** The rule ids in the order of schemas/rules.json. */
export const RULE_IDS: readonly RuleId[] = [
  'xml-not-well-formed',
  'doctype-not-allowed',
  'wrong-root-element',
  'unknown-element',
  'misplaced-element',
  'duplicate-element',
  'missing-element',
  'read-only-element',
  'profile-type-conflict',
  'invalid-value',
  'non-canonical-value',
  'empty-value',
  'unsupported-on-target',
  'placeholder-value',
  'protocol-list-mismatch',
  'crypto-suite-ignored-automatic',
  'ikev2-default-crypto',
  'weak-crypto',
  'incomplete-crypto-suite',
  'gcm-transform-mismatch',
  'powershell-spelling',
  'crypto-suite-unused',
  'insecure-protocol',
  'legacy-protocol',
  'native-protocol-type-missing',
  'cleartext-secret',
  'l2tp-psk-unused',
  'ikev2-fragmentation-disabled',
  'unsupported-auth-method',
  'eap-configuration-missing',
  'eap-server-validation-off',
  'invalid-thumbprint',
  'eap-namespace',
  'stray-characters',
  'device-tunnel-protocol',
  'device-tunnel-authentication',
  'device-tunnel-force-tunnel',
  'device-tunnel-not-always-on',
  'device-tunnel-traffic-filter-target',
  'split-tunnel-without-routes',
  'force-tunnel-class-route',
  'force-tunnel-routes',
  'proxy-ignored-split-tunnel',
  'invalid-route',
  'invalid-address-list',
  'invalid-port-range',
  'invalid-server-list',
  'invalid-dns-suffix',
  'proxy-server-without-port',
  'nrpt-suffix-without-dot',
  'duplicate-nrpt-rule',
  'tnd-separator',
  'intune-element-order',
  'intune-server-listed-once',
  'intune-machine-method-missing',
  'ps-unknown-parameter',
  'ps-invalid-value',
  'ps-missing-parameter',
  'ps-partial-custom-policy',
  'ps-switch-given-value',
  'ps-pipeline-unbound-key',
  'ps-cleartext-secret',
  'ps-weak-crypto',
  'ps-revert-to-default',
  'ps-proxy-split-tunnel',
  'ps-confirm-prompt',
  'ps-restart-required',
  'ps-registry-value',
  'ps-sa-limit-workaround',
  'ps-sstp-offload-hash',
  'ps-embedded-profilexml',
  'ipsec-policy-mismatch',
  'server-fragmentation-not-enabled',
  'ps-crl-check-without-root',
  'register-dns-both-tunnels',
  'nrpt-on-device-tunnel',
];

const KNOWN: ReadonlySet<string> = new Set(RULE_IDS);

/** Whether a string from outside (a diagnostic code, a setting, a suppression comment) is a rule id. */
export function isRuleId(id: string): id is RuleId {
  return KNOWN.has(id);
}
