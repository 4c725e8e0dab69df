import { effectiveSeverity, type Settings } from '../settings';
import type { Finding } from '../profilexml/rules/ruleTypes';
import type { RatedFinding } from '../profilexml/validate';
import type { PowerShellDocument } from './document';
import { embeddedProfileFindings } from './embedded';
import { POWERSHELL_RULE_FAMILIES } from './rules';

/**
 * Findings for a script: the VPN cmdlet and registry rules, plus every ProfileXML rule on the
 * profiles embedded in it. Suppression: `# aovpn-disable-next-line rule-id` on the line above.
 */
export function collectPowerShellFindings(doc: PowerShellDocument, settings: Settings): RatedFinding[] {
  const findings: Finding[] = [];
  for (const family of POWERSHELL_RULE_FAMILIES) {
    family.check({ doc, settings, report: (f) => findings.push({ ...f, source: 'aovpn-powershell' }) });
  }
  const rated: RatedFinding[] = [];
  const suppressed = suppressionsOf(doc);
  for (const finding of findings) {
    const severity = effectiveSeverity(finding.ruleId, settings);
    if (!severity || isSuppressed(doc.text, finding, suppressed)) continue;
    rated.push({ ...finding, severity });
  }
  // Embedded profiles are rated by the ProfileXML pipeline itself (its own suppression comments apply).
  for (const finding of embeddedProfileFindings(doc, settings)) {
    if (isSuppressed(doc.text, finding, suppressed)) continue;
    const severity = effectiveSeverity(finding.ruleId, settings);
    if (severity) rated.push({ ...finding, source: 'profilexml', severity });
  }
  return rated.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}

const SUPPRESS = /^#\s*aovpn-disable(-next-line)?(?:\s+([\w\s,-]*?))?\s*$/;

interface Suppression {
  line: number; // -1 = whole file
  ids: string[];
}

function suppressionsOf(doc: PowerShellDocument): Suppression[] {
  const out: Suppression[] = [];
  for (const span of doc.script.comments) {
    const m = SUPPRESS.exec(doc.text.slice(span.start, span.end));
    if (m) out.push({ line: m[1] ? lineOf(doc.text, span.end) + 1 : -1, ids: (m[2] ?? '').split(/[\s,]+/).filter(Boolean) });
  }
  return out;
}

function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function isSuppressed(text: string, finding: Finding, suppressions: Suppression[]): boolean {
  if (suppressions.length === 0) return false;
  const line = lineOf(text, finding.span.start);
  return suppressions.some((s) => (s.line === -1 || s.line === line) && (s.ids.length === 0 || s.ids.includes(finding.ruleId)));
}
