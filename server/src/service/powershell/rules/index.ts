import type { PsRuleFamily } from './ruleTypes';

/** Every PowerShell rule family. */
export const POWERSHELL_RULE_FAMILIES: readonly PsRuleFamily[] = [];
