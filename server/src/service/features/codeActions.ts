// Code actions: each finding's quick fixes and "disable for this line", and the document's
// fix-all (deferred to codeAction/resolve where the client resolves edits on demand).
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind, type CodeAction, type CodeActionContext, type Range, type TextEdit } from 'vscode-languageserver-types';
import { embeddedSuppressionEdit } from '../powershell/embedded';
import { suppressionEdit } from '../profilexml/suppress';
import type { Fix, OffsetEdit } from '../core/findings';
import type { RatedFinding } from '../profilexml/validate';
import { resolveSettings, type Settings } from '../settings';
import type { FeatureContext } from './context';
import { toDiagnostic, toRange } from './diagnostics';
import { documentKind } from './documentKind';

const FIX_ALL_TITLE = 'Fix all auto-fixable ProfileXML problems';

/** What a deferred fix-all action carries until it is resolved. */
interface DeferredFixAll {
  aovpnFixAll: { uri: string; version: number };
}

/** The edits of fix-all (the service's own fixAll, with its internal-error hook). */
type FixAll = (document: TextDocument, partial: Partial<Settings> | undefined) => TextEdit[];

export function codeActions(
  ctx: FeatureContext,
  document: TextDocument,
  range: Range,
  context: CodeActionContext,
  partial: Partial<Settings> | undefined,
  options: { deferFixAll?: boolean; fixAll: FixAll },
): CodeAction[] {
  const settings = resolveSettings(partial);
  const findings = ctx.findings.findingsFor(document, settings);
  const actions: CodeAction[] = [];
  const wantsQuickFix = !context.only || context.only.some((k) => k === CodeActionKind.QuickFix || k === CodeActionKind.Empty);
  const asksForFixAll = !!context.only?.some((k) => k === CodeActionKind.SourceFixAll || k === CodeActionKind.Source);
  const wantsFixAll = !context.only || asksForFixAll;
  if (wantsQuickFix) {
    const start = document.offsetAt(range.start);
    const end = document.offsetAt(range.end);
    for (const finding of findings) {
      if (finding.span.end < start || finding.span.start > end) continue;
      actions.push(...quickFixes(ctx, document, finding));
    }
  }
  if (wantsFixAll && findings.some((f) => f.fixes?.some((x) => x.preferred))) {
    if (options.deferFixAll && !asksForFixAll) {
      const data: DeferredFixAll = { aovpnFixAll: { uri: document.uri, version: document.version } };
      actions.push({ title: FIX_ALL_TITLE, kind: CodeActionKind.SourceFixAll, data });
    } else {
      const edits = options.fixAll(document, partial);
      if (edits.length)
        actions.push({ title: FIX_ALL_TITLE, kind: CodeActionKind.SourceFixAll, edit: { changes: { [document.uri]: edits } } });
    }
  }
  return actions;
}

/** A finding's fixes, then the comment that disables its rule for the line. */
function quickFixes(ctx: FeatureContext, document: TextDocument, finding: RatedFinding): CodeAction[] {
  const actions: CodeAction[] = [];
  const diagnostic = toDiagnostic(document, finding);
  for (const fix of finding.fixes ?? []) {
    actions.push({
      title: fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: !!fix.preferred,
      edit: { changes: { [document.uri]: toTextEdits(document, fix) } },
    });
  }
  const edit = finding.ruleId === 'xml-not-well-formed' ? undefined : suppressionFor(ctx, document, finding);
  if (edit) {
    actions.push({
      title: `Disable ${finding.ruleId} for this line`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: { changes: { [document.uri]: [{ range: toRange(document, edit.start, edit.end), newText: edit.newText }] } },
    });
  }
  return actions;
}

export function resolveCodeAction(
  document: TextDocument,
  action: CodeAction,
  partial: Partial<Settings> | undefined,
  fixAll: FixAll,
): CodeAction {
  if (action.edit || !isDeferredFixAll(action.data) || action.data.aovpnFixAll.uri !== document.uri) return action;
  // Computed on the document as it is now: edits for the version the action was offered on would land in the wrong place.
  return { ...action, edit: { changes: { [document.uri]: fixAll(document, partial) } } };
}

function isDeferredFixAll(data: unknown): data is DeferredFixAll {
  if (typeof data !== 'object' || data === null) return false;
  const inner = (data as { aovpnFixAll?: unknown }).aovpnFixAll;
  return typeof inner === 'object' && inner !== null && typeof (inner as { uri?: unknown }).uri === 'string';
}

/** Where a "disable for this line" comment goes: XML comment in profiles, `#` comment in scripts, either for embedded profiles. */
function suppressionFor(ctx: FeatureContext, document: TextDocument, finding: RatedFinding): OffsetEdit | undefined {
  if (documentKind(document) !== 'powershell') return suppressionEdit(document.getText(), finding, 'xml');
  const parsed = ctx.documents.parseScript(document);
  if (finding.source === 'profilexml') return embeddedSuppressionEdit(parsed, finding);
  // A line that begins inside a multi-line string: a comment put there would be string content.
  const lineStart = parsed.text.lastIndexOf('\n', finding.span.start - 1) + 1;
  if (parsed.script.strings.some((s) => s.span.start < lineStart && lineStart < s.span.end)) return undefined;
  return suppressionEdit(parsed.text, finding, 'powershell');
}

function toTextEdits(document: TextDocument, fix: Fix): TextEdit[] {
  return fix.edits.map((e) => ({ range: toRange(document, e.start, e.end), newText: e.newText }));
}
