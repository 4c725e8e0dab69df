import type { Settings } from '../../settings';
import type { Finding } from '../../profilexml/rules/ruleTypes';
import type { PowerShellDocument } from '../document';

export interface PsCheckContext {
  doc: PowerShellDocument;
  settings: Settings;
  report(finding: Finding): void;
}

/** A family of PowerShell rules (source `aovpn-powershell`). */
export interface PsRuleFamily {
  ids: readonly string[];
  check(ctx: PsCheckContext): void;
}
