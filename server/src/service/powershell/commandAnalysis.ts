import type { Node } from 'web-tree-sitter';
import type { Span } from '../xml/xmlTree';
import type { OffsetEdit } from '../core/findings';
import { spell } from '../core/spelling';
import { CRYPTO, type SuiteElement } from '../profilexml/crypto';
import { bindCommand, boundParameter, type BindResult, type BoundParameter } from './binding';
import { findCmdlet, type CmdletDef, type ParameterDef } from './cmdletSchema';
import type { PowerShellDocument } from './document';
import type { PsCommand, PsValue } from './model';
import type { PsCheckContext } from './rules/ruleTypes';
import { reportInternalError } from '../core/internalErrors';

/**
 * What every PowerShell rule family shares: the commands of a script bound to the cmdlet data
 * (once per parse), static values, and the edits fixes are made of.
 */

export interface AnalysedCommand {
  command: PsCommand;
  cmdlet: CmdletDef;
  binding: BindResult;
}

const cache = new WeakMap<PowerShellDocument, AnalysedCommand[]>();

/** Every command the cmdlet data knows (VPN cmdlets, registry and service cmdlets), bound once per parse. */
export function analysedCommands(doc: PowerShellDocument): AnalysedCommand[] {
  const hit = cache.get(doc);
  if (hit) return hit;
  const out: AnalysedCommand[] = [];
  for (const command of doc.script.commands) {
    const cmdlet = findCmdlet(command.name);
    if (!cmdlet) continue;
    try {
      out.push({ command, cmdlet, binding: bindCommand(cmdlet, command) });
    } catch (error) {
      // A command the binder cannot read costs its findings, never the whole script's.
      reportInternalError(`binding ${cmdlet.name}`, error);
    }
  }
  cache.set(doc, out);
  return out;
}

/** The VpnClient / RemoteAccess cmdlets and VPN community helpers: the only commands the cmdlet rules look at. */
export function vpnCommands(doc: PowerShellDocument): AnalysedCommand[] {
  return analysedCommands(doc).filter((c) => c.cmdlet.vpn);
}

/** A parameter whose value is a secret (schemas/vpn-cmdlets.json `secret`, SecureString, PSCredential): never repeated in a message. */
export function takesSecret(p: ParameterDef): boolean {
  return !!p.secret || p.type === 'securestring' || p.type === 'pscredential';
}

export function bound(c: AnalysedCommand, name: string): BoundParameter | undefined {
  return boundParameter(c.binding, name);
}

/** A switch that is on (bare, `:$true`, or a truthy literal). Undefined `switchOn` (a variable) counts as unknown → false. */
export function switchIsOn(b: BoundParameter | undefined): boolean {
  return !!b && b.switchOn === true;
}

// ---------------------------------------------------------------------------------------------
// Values

/** The literal text of a value (unquoted strings, barewords, numbers, booleans as true/false); undefined when computed at run time. */
export function staticText(value: PsValue | undefined): string | undefined {
  if (!value) return undefined;
  switch (value.kind) {
    case 'string':
    case 'bareword':
    case 'number':
      return value.value ?? value.text;
    case 'boolean':
      return value.value ?? value.text.replace(/^\$/, '').toLowerCase();
    default:
      return undefined;
  }
}

/**
 * The literal a value stands for: the value itself, or for `$variable` the literal assigned to
 * it last before `before` (plain `=` only). Used for registry paths and names, which scripts
 * often keep in variables.
 */
export function resolveValue(doc: PowerShellDocument, value: PsValue | undefined, before: number): PsValue | undefined {
  if (!value) return undefined;
  if (value.kind !== 'variable' || !value.variable) return value;
  const name = value.variable.toLowerCase();
  let found: PsValue | undefined;
  for (const a of doc.script.assignments) {
    if (a.span.start >= before) break;
    if (a.variable.toLowerCase() !== name) continue;
    found = a.operator === '=' ? a.value : undefined;
  }
  return found && found.kind !== 'variable' ? found : undefined;
}

export function resolvedText(doc: PowerShellDocument, value: PsValue | undefined, before: number): string | undefined {
  return staticText(resolveValue(doc, value, before));
}

/** Items of a value: the array items, or the value itself. */
export function itemsOf(value: PsValue): PsValue[] {
  return value.kind === 'array' && value.items ? value.items : [value];
}

/** A value written as a quoted string keeps its quotes: the span of the text between them, else the whole value. */
export function valueContentSpan(text: string, value: PsValue): Span {
  const first = text[value.span.start];
  const last = text[value.span.end - 1];
  const quote = (c: string | undefined): boolean =>
    c === "'" || c === '"' || c === '\u2018' || c === '\u2019' || c === '\u201C' || c === '\u201D';
  if (value.kind === 'string' && value.span.end - value.span.start >= 2 && quote(first) && quote(last) && text[value.span.start] !== '@') {
    return { start: value.span.start + 1, end: value.span.end - 1 };
  }
  return value.span;
}

/** Replaces a value, keeping its quotes when it is a quoted string. */
export function replaceValueEdit(text: string, value: PsValue, newValue: string): OffsetEdit {
  const span = valueContentSpan(text, value);
  return { start: span.start, end: span.end, newText: newValue };
}

// ---------------------------------------------------------------------------------------------
// Parameter names

const DASHES = new Set(['-', '\u2013', '\u2014', '\u2015']);

/** The span of the name only: without the dash, a trailing colon or the quotes of a hashtable key. */
export function writtenNameSpan(text: string, span: Span): Span {
  let start = span.start;
  let end = span.end;
  if (DASHES.has(text[start])) start++;
  if (text[end - 1] === ':') end--;
  const q = text[start];
  if ((q === "'" || q === '"') && end - start >= 2 && text[end - 1] === q) {
    start++;
    end--;
  }
  return { start, end };
}

/** Renames a written parameter (`-PFSgrop` → `-PfsGroup`, hashtable key `'PFSgrop'` → `'PfsGroup'`), keeping dash, colon and quotes. */
export function renameParameterEdit(text: string, span: Span, newName: string): OffsetEdit {
  const name = writtenNameSpan(text, span);
  return { start: name.start, end: name.end, newText: newName };
}

// ---------------------------------------------------------------------------------------------
// Baseline values

/** The six IPsec parameters and the ProfileXML element each one corresponds to. */
export function suiteElementOf(parameter: ParameterDef): SuiteElement | undefined {
  return parameter.profileXmlElement;
}

/**
 * The value to write for an IPsec parameter: the baseline of Richard Hicks, "Always On VPN IKEv2 Security Configuration" (crypto.json `baseline`)
 * in its PowerShell spelling, except that the ESP pair follows a GCM partner (Set-VpnConnectionIPsecConfiguration:
 * a GCMAESn cipher goes with the same GCMAESn integrity transform and the other way round).
 */
export function baselineValue(c: AnalysedCommand, parameter: ParameterDef): string | undefined {
  const element = suiteElementOf(parameter);
  if (!element) return undefined;
  const partnerName =
    element === 'AuthenticationTransformConstants'
      ? 'CipherTransformConstants'
      : element === 'CipherTransformConstants'
        ? 'AuthenticationTransformConstants'
        : undefined;
  if (partnerName) {
    const partner = staticText(bound(c, partnerName)?.value);
    const gcm = partner && /^gcmaes(128|192|256)$/i.exec(partner.trim());
    if (gcm) return `GCMAES${gcm[1]}`;
  }
  return spell(element, CRYPTO.baseline[element], 'powershell');
}

// ---------------------------------------------------------------------------------------------
// Edits on commands

/**
 * The parser read the command without a syntax error in it or around it. Where a command with
 * an unclosed string, hashtable, sub-expression or here-string ends is the parser's guess (the
 * rest of the script may be inside it), so fixes that write at its end — a parameter, a new
 * statement after it — are not offered for it: the text would land inside the unclosed
 * construct, and fix-all would write it again on every pass.
 */
export function parsedCleanly(doc: PowerShellDocument, command: PsCommand): boolean {
  const node = commandNode(doc, command);
  if (!node || node.hasError) return false;
  // Inside an ERROR node? Asked of the error spans, not by climbing `parent`: tree-sitter finds
  // a parent by descending from the root, so climbing is quadratic in the nesting depth.
  if (errorSpansOf(doc).some((e) => e.start <= node.startIndex && node.endIndex <= e.end)) return false;
  // The argument scanner (PowerShell's tokenizer rules) reads the command on past the grammar's
  // end of it: a quote inside a bareword (`GCMAES128@'`) opens a string that runs on.
  return command.span.end <= node.endIndex;
}

/** The span touches a syntax error of the parse: what the parser made of it there is a guess. */
export function touchesSyntaxError(doc: PowerShellDocument, span: Span): boolean {
  return errorSpansOf(doc).some((e) => e.start < span.end && span.start < e.end);
}

const errorSpans = new WeakMap<PowerShellDocument, Span[]>();

/** Spans of the parse's ERROR nodes, once per parse. */
function errorSpansOf(doc: PowerShellDocument): Span[] {
  let spans = errorSpans.get(doc);
  if (!spans) {
    const root = doc.script.tree.rootNode;
    spans = root.hasError ? root.descendantsOfType('ERROR').flatMap((n) => (n ? [{ start: n.startIndex, end: n.endIndex }] : [])) : [];
    errorSpans.set(doc, spans);
  }
  return spans;
}

function commandNode(doc: PowerShellDocument, command: PsCommand): Node | undefined {
  let node = doc.script.tree.rootNode.descendantForIndex(command.nameSpan.start);
  while (node && node.type !== 'command') node = node.parent;
  return node ?? undefined;
}

/**
 * The command's text names this parameter (`-Force`, `-PfsGroup:`), whether or not the binder
 * bound it: a parameter the binder does not see where it is written (inside a brace the parser
 * reads as a script block, say) would not be seen where a fix appends it either — the fix would
 * come back on every fix-all pass.
 */
export function writesParameter(doc: PowerShellDocument, command: PsCommand, name: string): boolean {
  const body = doc.text.slice(command.nameSpan.end, command.span.end);
  return new RegExp(`(?:^|[\\s({;])[-\u2013\u2014\u2015]${name}(?=[\\s:;)}]|$)`, 'i').test(body);
}

/**
 * A new statement written at `offset` (after the command's last line) stays a statement of its
 * own: the command parsed cleanly and the parser does not read it on past `offset` (a line that
 * ends in an operator, such as a lone `-`, continues on the next line for the parser).
 */
export function canWriteStatementAfter(doc: PowerShellDocument, command: PsCommand, offset: number): boolean {
  if (!parsedCleanly(doc, command)) return false;
  // Another command that reads on across that place past where the parser ends it (an unclosed
  // string earlier in the script that PowerShell's tokenizer carries to the end) would swallow
  // the new statement. One that ends there, or holds it in a script block, is fine.
  if (
    doc.script.commands.some(
      (other) => other !== command && other.span.start < offset && offset <= other.span.end && !parsedCleanly(doc, other),
    )
  )
    return false;
  // A syntax error between the command and that place (`$a}b` after the last argument): the
  // script does not run as written, and where the statement ends is a guess.
  if (errorSpansOf(doc).some((e) => e.start < offset && command.span.start < e.end)) return false;
  const node = commandNode(doc, command);
  return !!node && node.endIndex <= offset;
}

/**
 * Appends parameters to a command. A command written over several lines with backtick
 * continuations gets one more continuation line per parameter, indented like its last line;
 * a one-line command gets them at its end.
 */
export function appendParametersEdit(doc: PowerShellDocument, command: PsCommand, pieces: readonly string[]): OffsetEdit {
  const text = doc.text;
  const at = command.span.end;
  const body = text.slice(command.span.start, at);
  const gap = separatorBefore(text, at);
  if (/`[ \t]*\r?\n/.test(body)) {
    const lineStart = Math.max(text.lastIndexOf('\n', at - 1) + 1, command.span.start);
    const indent = /^[ \t]*/.exec(text.slice(lineStart, at))?.[0] ?? '';
    return { start: at, end: at, newText: pieces.map((p) => ` \`${doc.eol}${indent}${p}`).join('') + gap };
  }
  return { start: at, end: at, newText: pieces.map((p) => ` ${p}`).join('') + gap };
}

/**
 * A blank after text appended at `at` when what follows is glued to the command's end
 * (`-CustomPolicy# note`, `-Force;`): the appended value must not run into it (`PFS2048#` is
 * one word, and the comment would be gone).
 */
export function separatorBefore(text: string, at: number): string {
  const next = text[at];
  return next === undefined || /\s/.test(next) ? '' : ' ';
}

/** Inserts text on a new line after the statement that holds `span` (past pipelines and continuations ending that line), indented like it. */
export function insertLineAfterEdit(doc: PowerShellDocument, span: Span, line: string): OffsetEdit {
  const text = doc.text;
  let end = span.end;
  for (;;) {
    let lineEnd = end;
    while (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
    const lineStart = text.lastIndexOf('\n', lineEnd - 1) + 1;
    const content = text
      .slice(lineStart, lineEnd)
      .replace(/\s#[^'"]*$/, '')
      .trimEnd();
    const continues = content.endsWith('`') || content.endsWith('|');
    if (!continues || lineEnd >= text.length) {
      end = lineEnd;
      break;
    }
    end = text[lineEnd] === '\r' && text[lineEnd + 1] === '\n' ? lineEnd + 2 : lineEnd + 1;
  }
  const startLine = text.lastIndexOf('\n', span.start - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(startLine, span.start))?.[0] ?? '';
  return { start: end, end, newText: `${doc.eol}${indent}${line}` };
}

/** `-Name` list for messages: "`-A`, `-B` and `-C`". */
export function parameterList(names: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  const quoted = names.map((n) => `-${n}`);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} ${conjunction} ${quoted[quoted.length - 1]}`;
}

/** Span from a to b. */
export function cover(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

/**
 * The context with duplicate reports dropped: a hashtable splatted into several commands would
 * otherwise report its key or value once per command, at the same place.
 */
export function reportOnce(ctx: PsCheckContext): PsCheckContext {
  const seen = new Set<string>();
  return {
    ...ctx,
    report(finding) {
      const key = `${finding.ruleId}:${finding.span.start}:${finding.span.end}`;
      if (seen.has(key)) return;
      seen.add(key);
      ctx.report(finding);
    },
  };
}
