import type { Finding } from '../../core/findings';
import type { RuleFamily } from '../../core/ruleFamily';
import type { Settings } from '../../settings';
import type { PowerShellDocument } from '../document';

export interface PsCheckContext {
  doc: PowerShellDocument;
  settings: Settings;
  report(finding: Finding): void;
}

/** A family of PowerShell rules (source `aovpn-powershell`). */
export type PsRuleFamily = RuleFamily<PsCheckContext>;
