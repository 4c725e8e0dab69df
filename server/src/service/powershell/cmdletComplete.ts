import {
  CompletionItemKind,
  CompletionItemTag,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type Range,
} from 'vscode-languageserver-types';
import { createLineIndex } from '../core/positions';
import type { Span } from '../xml/xmlTree';
import { resolveParameter } from './binding';
import { findCmdlet, inAllSets, isMandatoryIn, parametersOf, setsOfParameter, type CmdletDef, type ParameterDef } from './cmdletSchema';
import { baselineSpelling, parameterMarkdown, parameterSetText, parameterTypeText, valueMarkdown } from './cmdletDocs';
import { commandLineAt, type ScanToken } from './cmdletContext';
import type { PowerShellDocument } from './document';

/** A character whose typing asked for completion in a script: `-` (a parameter) or a space (its value). */
export type ScriptTrigger = '-' | ' ';

/**
 * Completion in VPN cmdlet commands: parameter names after `-` (those not given yet and
 * compatible with the parameter set the given ones select), and values after a parameter that
 * has an enumeration (documented spelling; weak values tagged deprecated and sorted last) or
 * is a Boolean. Ordinary commands get nothing: the PowerShell extension serves those.
 */
export function completeCmdlet(doc: PowerShellDocument, offset: number, trigger?: ScriptTrigger): CompletionList {
  const empty: CompletionList = { isIncomplete: false, items: [] };
  const context = commandLineAt(doc.text, offset);
  if (!context) return empty;
  const cmdlet = findCmdlet(context.head.text);
  if (!cmdlet || !cmdlet.vpn) return empty;
  const { word, before } = context;
  // Typed `-`: parameter names, nothing else. Typed space: the values of the parameter before it,
  // if it has any; the list of parameters after every space would be in the way.
  if (trigger === '-' && word.kind !== 'parameter') return empty;
  if (trigger === ' ' && (word.text !== '' || !expectsValue(cmdlet, before, offset))) return empty;
  if (word.kind === 'parameter' || (word.text === '' && !expectsValue(cmdlet, before, offset))) {
    return { isIncomplete: false, items: parameterItems(doc.text, cmdlet, context.before, context.after, word) };
  }
  const target = valueTarget(cmdlet, before, word, offset);
  if (!target) return empty;
  return { isIncomplete: false, items: valueItems(doc.text, cmdlet, target.parameter, word, offset) };
}

// ---- parameters ------------------------------------------------------------------------------

function parameterNames(cmdlet: CmdletDef, tokens: readonly ScanToken[]): ParameterDef[] {
  const out: ParameterDef[] = [];
  for (const t of tokens) {
    if (t.kind !== 'parameter') continue;
    const r = resolveParameter(cmdlet, t.text);
    if (r.kind === 'exact' || r.kind === 'alias' || r.kind === 'prefix') out.push(r.parameter);
  }
  return out;
}

function parameterItems(text: string, cmdlet: CmdletDef, before: ScanToken[], after: ScanToken[], word: ScanToken): CompletionItem[] {
  const given = new Set(parameterNames(cmdlet, [...before, ...after]));
  const setSpecific = [...given].filter((p) => !inAllSets(p));
  // Sets every given set-specific parameter belongs to; when they already conflict, do not narrow.
  let sets = cmdlet.parameterSets.filter((s) => setSpecific.every((p) => setsOfParameter(cmdlet, p).includes(s)));
  if (sets.length === 0) sets = cmdlet.parameterSets;
  const range = rangeOf(text, word.text === '' ? { start: word.span.start, end: word.span.start } : wordSpan(word));
  const items: CompletionItem[] = [];
  parametersOf(cmdlet).forEach((p, index) => {
    if (given.has(p)) return;
    if (!setsOfParameter(cmdlet, p).some((s) => sets.includes(s))) return;
    const mandatory = sets.length === 1 && isMandatoryIn(p, sets[0]);
    const rank = mandatory ? 0 : p.kind === 'declared' ? 1 : p.kind === 'cim' || p.kind === 'shouldProcess' ? 2 : 3;
    const detail = [parameterTypeText(p), parameterSetText(cmdlet, p), p.unverified ? 'not confirmed' : ''].filter(Boolean).join(' · ');
    items.push({
      label: `-${p.name}`,
      kind: CompletionItemKind.Property,
      detail,
      documentation: { kind: MarkupKind.Markdown, value: parameterMarkdown(cmdlet, p) },
      sortText: `${rank}${String(index).padStart(3, '0')}`,
      filterText: `-${p.name}`,
      textEdit: { range, newText: `-${p.name}` },
      insertTextFormat: InsertTextFormat.PlainText,
    });
  });
  return items;
}

// ---- values ----------------------------------------------------------------------------------

/** The previous token is a parameter that takes a value (`-DHGroup ` + cursor). */
function expectsValue(cmdlet: CmdletDef, before: readonly ScanToken[], offset: number): boolean {
  return valueTarget(cmdlet, before, { text: '', span: { start: offset, end: offset }, kind: 'word' }, offset) !== undefined;
}

function valueTarget(
  cmdlet: CmdletDef,
  before: readonly ScanToken[],
  word: ScanToken,
  offset: number,
): { parameter: ParameterDef; colon: boolean } | undefined {
  let i = before.length - 1;
  // `-AuthenticationMethod Eap, <cursor>`: skip the list written so far.
  while (i >= 1 && before[i].kind === 'comma' && (before[i - 1].kind === 'word' || before[i - 1].kind === 'string')) i -= 2;
  if (word.text === '' && i === before.length - 1 && before[i]?.kind === 'comma') return undefined;
  const previous = before[i];
  if (!previous || previous.kind !== 'parameter') return undefined;
  const colon = previous.text.endsWith(':');
  // `-Name:value` must be written without a space.
  if (colon && previous.span.end !== (word.text === '' ? offset : word.span.start)) return undefined;
  const r = resolveParameter(cmdlet, previous.text);
  if (r.kind !== 'exact' && r.kind !== 'alias' && r.kind !== 'prefix') return undefined;
  const p = r.parameter;
  if (p.type === 'switch' && !colon) return undefined;
  return { parameter: p, colon };
}

function valueItems(text: string, cmdlet: CmdletDef, p: ParameterDef, word: ScanToken, offset: number): CompletionItem[] {
  const quote = word.text.startsWith("'") || word.text.startsWith('"') ? word.text[0] : '';
  let span: Span = word.text === '' ? { start: offset, end: offset } : wordSpan(word);
  if (quote) {
    const close = text[span.end - 1] === quote && span.end - 1 > span.start ? span.end - 1 : span.end;
    span = { start: span.start + 1, end: close };
    // The cursor after the closing quote (`'x'|`) or on the opening one is not in the value: an
    // edit of the content would not contain the cursor, which LSP forbids.
    if (offset < span.start || offset > span.end) return [];
    // A string running over several lines (often one left open): replacing its content would
    // be a multi-line completion edit, which LSP forbids.
    if (/[\r\n]/.test(text.slice(span.start, span.end))) return [];
  }
  const range = rangeOf(text, span);
  if (p.type === 'switch' || p.type === 'bool') {
    if (quote) return [];
    return ['$true', '$false'].map((value, index) => ({
      label: value,
      kind: CompletionItemKind.Value,
      sortText: String(index),
      filterText: value,
      textEdit: { range, newText: value },
      insertTextFormat: InsertTextFormat.PlainText,
      documentation: { kind: MarkupKind.Markdown, value: parameterMarkdown(cmdlet, p) },
    }));
  }
  if (!p.values?.length) return [];
  const baseline = baselineSpelling(p);
  return p.values.map((v, index) => {
    const low = v.weak || v.discouraged;
    const detail: string[] = [];
    if (v.weak) detail.push('weak: avoid');
    else if (v.discouraged) detail.push('discouraged');
    if (baseline && v.name === baseline) detail.push('security baseline');
    if (v.profileXml) detail.push(`ProfileXML: ${v.profileXml}`);
    if (v.minBuild) detail.push(`needs build ${v.minBuild}`);
    const item: CompletionItem = {
      label: v.name,
      kind: CompletionItemKind.EnumMember,
      detail: detail.join(' · ') || undefined,
      documentation: { kind: MarkupKind.Markdown, value: valueMarkdown(cmdlet, p, v) },
      sortText: `${low ? 1 : 0}${String(index).padStart(3, '0')}`,
      filterText: v.name,
      textEdit: { range, newText: v.name },
      insertTextFormat: InsertTextFormat.PlainText,
    };
    if (low) item.tags = [CompletionItemTag.Deprecated];
    if (baseline && v.name === baseline) item.preselect = true;
    return item;
  });
}

// ---- positions -------------------------------------------------------------------------------

/** The whole word at the cursor (the typed part and what follows it up to a blank or separator). */
function wordSpan(word: ScanToken): Span {
  return { start: word.span.start, end: Math.max(word.span.end, word.span.start) };
}

function rangeOf(text: string, span: Span): Range {
  const lines = createLineIndex(text);
  return { start: lines.positionAt(span.start), end: lines.positionAt(span.end) };
}
