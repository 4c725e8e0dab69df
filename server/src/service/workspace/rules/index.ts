import { ipsecPolicyRules } from './ipsec-policy';
import type { WorkspaceRuleFamily } from './ruleTypes';
import { serverHardeningRules } from './server-hardening';
import { tunnelRules } from './tunnels';

/** Every rule across files. */
export const WORKSPACE_RULE_FAMILIES: readonly WorkspaceRuleFamily[] = [ipsecPolicyRules, serverHardeningRules, tunnelRules];
