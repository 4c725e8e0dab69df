// Findings as LSP diagnostics: severity, rule id with the link to its documentation, related
// spans in the document and in other files.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver-types';
import type { RatedFinding } from '../profilexml/validate';
import { resolveSettings, ruleMeta, type RuleMeta, type Settings } from '../settings';
import { firstSourceUrl } from '../sources';
import type { WorkspaceRatedFinding } from '../workspace/validate';
import type { FeatureContext } from './context';

export const DIAGNOSTIC_SOURCE = 'profilexml';
export const POWERSHELL_SOURCE = 'aovpn-powershell';

const SEVERITY: Record<RatedFinding['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function validate(ctx: FeatureContext, document: TextDocument, partial: Partial<Settings> | undefined): Diagnostic[] {
  const settings = resolveSettings(partial);
  return ctx.findings.findingsFor(document, settings).map((f) => toDiagnostic(document, f));
}

/** validate() in two steps (Findings.inTwoSteps): the document's own rules now, the returned function's findings across files later. */
export function validateInTwoSteps(
  ctx: FeatureContext,
  document: TextDocument,
  partial: Partial<Settings> | undefined,
): () => Diagnostic[] {
  const findingsLater = ctx.findings.inTwoSteps(document, resolveSettings(partial));
  return () => findingsLater().map((f) => toDiagnostic(document, f));
}

export function toRange(document: TextDocument, start: number, end: number): Range {
  return { start: document.positionAt(start), end: document.positionAt(end) };
}

export function toDiagnostic(document: TextDocument, finding: RatedFinding): Diagnostic {
  const meta = ruleMeta(finding.ruleId);
  const diagnostic: Diagnostic = {
    range: toRange(document, finding.span.start, finding.span.end),
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    source: finding.source ?? DIAGNOSTIC_SOURCE,
    message: finding.message,
  };
  const href = meta && ruleDocUrl(meta);
  if (href) diagnostic.codeDescription = { href };
  const related = [
    ...(finding.related ?? []).map((r) => ({
      location: { uri: document.uri, range: toRange(document, r.span.start, r.span.end) },
      message: r.message,
    })),
    ...((finding as WorkspaceRatedFinding).relatedLocations ?? []).map((r) => ({
      location: { uri: r.uri, range: r.range },
      message: r.message,
    })),
  ];
  if (related.length) diagnostic.relatedInformation = related;
  return diagnostic;
}

/** The address of a rule's first source that has one (schemas/sources.json): the link of the rule id. */
export function ruleDocUrl(meta: RuleMeta): string | undefined {
  return firstSourceUrl(meta.sources);
}
