import type { PsRuleFamily } from './ruleTypes';
import { connectionRules } from './connections';
import { parameterRules } from './parameters';
import { pipelineRules } from './pipeline';
import { registryRules } from './registry';
import { restartRules } from './restart';
import { securityRules } from './security';

/** Every PowerShell rule family (the cross-file rules run from the workspace index, not here). */
export const POWERSHELL_RULE_FAMILIES: readonly PsRuleFamily[] = [
  parameterRules,
  pipelineRules,
  securityRules,
  registryRules,
  restartRules,
  connectionRules,
];
