import type { Range } from 'vscode-languageserver-types';
import type { RatedFinding } from '../profilexml/validate';
import { effectiveSeverity, type Settings } from '../settings';
import { positionsOf, type FileFacts } from './facts';
import { SummaryWithSelf, type WorkspaceSummary } from './summary';
import { WORKSPACE_RULE_FAMILIES } from './rules';
import type { WorkspaceFinding } from './rules/ruleTypes';
import { silences, type SuppressionTest } from '../suppression';
import { reportInternalError } from '../core/internalErrors';

/** A related place in any file of the workspace, already as an LSP range. */
export interface RelatedLocation {
  uri: string;
  range: Range;
  message: string;
}

export interface WorkspaceRatedFinding extends RatedFinding {
  relatedLocations?: RelatedLocation[];
}

/**
 * Findings across files for one file: `self` (facts of its current text) against every other
 * indexed file. Severity settings ("off" included) and suppression comments apply as for the
 * single-file rules: `# aovpn-disable-next-line id` in scripts (`scriptSuppressed`), and
 * `<!-- profilexml-disable-next-line id -->` in profiles, standalone or embedded.
 */
export function collectWorkspaceFindings(
  self: FileFacts,
  indexed: WorkspaceSummary,
  settings: Settings,
  scriptSuppressed?: SuppressionTest,
): WorkspaceRatedFinding[] {
  const workspace = new SummaryWithSelf(indexed, self);
  const found: WorkspaceFinding[] = [];
  for (const family of WORKSPACE_RULE_FAMILIES) {
    try {
      family.check({ self, workspace, report: (f) => found.push(f) });
    } catch (error) {
      // A rule failing on unusual facts must not take the file's other diagnostics with it.
      reportInternalError(`rules across files (${family.ids.join(', ')})`, error);
    }
  }
  const rated: WorkspaceRatedFinding[] = [];
  for (const finding of found) {
    const severity = effectiveSeverity(finding.ruleId, settings, finding.severity);
    if (!severity) continue;
    if (
      silences(finding.xmlSuppressed, finding.ruleId) ||
      [finding.span, ...(finding.alsoSuppressedAt ?? [])].some((span) => scriptSuppressed?.(finding.ruleId, span))
    )
      continue;
    const { elsewhere, xmlSuppressed: _ignored, alsoSuppressedAt: _alsoIgnored, ...rest } = finding;
    const out: WorkspaceRatedFinding = { ...rest, severity };
    const locations: RelatedLocation[] = [];
    for (const place of elsewhere ?? []) {
      const file = workspace.file(place.uri);
      if (!file) continue;
      const positions = positionsOf(file);
      locations.push({
        uri: place.uri,
        range: { start: positions.positionAt(place.span.start), end: positions.positionAt(place.span.end) },
        message: place.message,
      });
    }
    if (locations.length) out.relatedLocations = locations;
    rated.push(out);
  }
  return rated;
}
