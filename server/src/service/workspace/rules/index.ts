import { ipsecPolicyRules } from './ipsecPolicy';
import type { WorkspaceRuleFamily } from './ruleTypes';
import { serverHardeningRules } from './serverHardening';
import { tunnelRules } from './tunnels';

/** Every rule across files. */
export const WORKSPACE_RULE_FAMILIES: readonly WorkspaceRuleFamily[] = [ipsecPolicyRules, serverHardeningRules, tunnelRules];
