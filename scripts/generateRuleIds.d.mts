// Types of scripts/generateRuleIds.mjs for the TypeScript that imports it (the unit test).
export const RULE_IDS_FILE: string;
export function ruleIdsSource(rulesJson: { rules: readonly { id: string; family: string }[] }): string;
export function writeRuleIds(): boolean;
