import { effectiveSeverity, type Settings } from '../settings';
import type { Finding } from '../core/findings';
import type { RatedFinding } from '../profilexml/validate';
import type { PowerShellDocument } from './document';
import { embeddedProfileFindings } from './embedded';
import { POWERSHELL_RULE_FAMILIES } from './rules';
import { psSuppressionsOf } from '../suppression';
import { reportInternalError } from '../core/internalErrors';

/**
 * Findings for a script: the VPN cmdlet and registry rules, plus every ProfileXML rule on the
 * profiles embedded in it. Suppression: `# aovpn-disable-next-line rule-id` on the line above.
 */
export function collectPowerShellFindings(doc: PowerShellDocument, settings: Settings): RatedFinding[] {
  const findings: Finding[] = [];
  for (const family of POWERSHELL_RULE_FAMILIES) {
    try {
      family.check({ doc, settings, report: (f) => findings.push({ ...f, source: 'aovpn-powershell' }) });
    } catch (error) {
      // One family's bug costs its findings, not the other families'; it is reported.
      reportInternalError(`PowerShell rules (${family.ids.join(', ')})`, error);
    }
  }
  const rated: RatedFinding[] = [];
  const suppressed = psSuppressionsOf(doc);
  for (const finding of findings) {
    const severity = effectiveSeverity(finding.ruleId, settings, finding.severity);
    if (!severity || suppressed(finding.ruleId, finding.span)) continue;
    rated.push({ ...finding, severity });
  }
  // Embedded profiles are rated by the ProfileXML pipeline itself (its own suppression comments apply).
  for (const finding of embeddedProfileFindings(doc, settings)) {
    if (suppressed(finding.ruleId, finding.span)) continue;
    const severity = effectiveSeverity(finding.ruleId, settings, finding.severity);
    if (severity) rated.push({ ...finding, source: 'profilexml', severity });
  }
  return rated.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}
