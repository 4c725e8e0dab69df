// Fix-all: the preferred fix of every finding, pass after pass, until nothing changes.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-types';
import { changedSpan } from '../changedSpan';
import { applyFixPasses, type FixPassesResult } from '../fixPasses';
import type { RatedFinding } from '../profilexml/validate';
import { resolveSettings, type Settings } from '../settings';
import type { FeatureContext } from './context';
import { documentKind } from './documentKind';

export function fixAll(ctx: FeatureContext, document: TextDocument, partial: Partial<Settings> | undefined): TextEdit[] {
  const settings = resolveSettings(partial);
  const original = document.getText();
  if (documentKind(document) === 'none') return [];
  const fixed = fixAllText(original, ctx.findings.findingsOfText(document, settings));
  if (fixed === original) return [];
  return [minimalEdit(document, original, fixed)];
}

export function fixAllReport(ctx: FeatureContext, document: TextDocument, partial: Partial<Settings> | undefined): FixPassesResult {
  const original = document.getText();
  if (documentKind(document) === 'none') return { text: original, applied: [] };
  return applyFixPasses(original, ctx.findings.findingsOfText(document, resolveSettings(partial)));
}

/** Applies preferred fixes pass after pass (new fixes may appear once others are applied). */
export function fixAllText(text: string, findingsOf: (text: string) => RatedFinding[]): string {
  return applyFixPasses(text, findingsOf).text;
}

/** One edit covering only what changed between two texts. */
function minimalEdit(document: TextDocument, before: string, after: string): TextEdit {
  const { start, endBefore, endAfter } = changedSpan(before, after);
  return { range: { start: document.positionAt(start), end: document.positionAt(endBefore) }, newText: after.slice(start, endAfter) };
}
