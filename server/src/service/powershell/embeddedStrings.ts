import type { Node } from 'web-tree-sitter';
import type { Span } from '../xml/xmlTree';
import type { PowerShellDocument } from './document';
import type { PsStringLiteral, PsStringQuoting } from './model';

/** A string literal with what the embedded-profile mapping needs: quoting, content and expansions. */
export interface EmbeddedLiteral {
  quoting: PsStringQuoting;
  span: Span;
  contentSpan: Span;
  /** `$name`, `${…}`, `$( … )` inside double-quoted kinds, in script offsets. */
  expansions: Span[];
  /** The parser's node of the literal (none for a here-string whose footer is not written yet). */
  node?: Node;
}

/**
 * The script's string literals: from the shared model (`doc.script.strings`) when it has them,
 * otherwise found in the tree-sitter tree directly.
 */
export function literalsOf(doc: PowerShellDocument): EmbeddedLiteral[] {
  // The model lists every string literal; only when its extraction failed is the tree walked here.
  const strings: readonly PsStringLiteral[] = doc.script.extractionFailed
    ? findStringLiterals(doc.script.tree.rootNode, doc.text)
    : doc.script.strings;
  // Single-quoted kinds expand nothing: no need to walk their nodes (each step is a call into the WebAssembly).
  return strings.map((s) => ({
    quoting: s.quoting,
    span: s.span,
    contentSpan: s.contentSpan,
    expansions: s.quoting === 'single' || s.quoting === 'single-here' ? [] : expansionsOf(s.node),
    node: s.node,
  }));
}

/** Expression kinds that only wrap their single operand on the way up to a `-f` expression. */
const OPERAND_WRAPPERS = new Set(['unary_expression', 'array_literal_expression', 'range_expression', 'format_expression']);

/**
 * Is the literal the left operand of `-f`? The grammar nests `'…' -f $x` as
 * format_expression(format_expression(range_expression(…(string_literal))), format_operator, …).
 */
export function isFormatString(node: Node | undefined): boolean {
  let current = node;
  for (let parent = current?.parent; current && parent && OPERAND_WRAPPERS.has(parent.type); current = parent, parent = parent.parent) {
    if (parent.type !== 'format_expression') continue;
    const children = parent.children;
    const at = children.findIndex((c) => c?.id === current!.id);
    if (children[at + 1]?.type === 'format_operator') return true;
    if (at > 0) return false;
  }
  return false;
}

const LITERAL_KINDS: Record<string, PsStringQuoting | undefined> = {
  expandable_string_literal: 'double',
  expandable_here_string_literal: 'double-here',
  verbatim_here_string_characters: 'single-here',
};

/** Every string literal in the tree, in document order (a minimal finder used until the model provides them). */
export function findStringLiterals(root: Node, text: string): PsStringLiteral[] {
  const out: PsStringLiteral[] = [];
  // An explicit stack, not recursion: deeply nested scripts (10,000 parentheses) have trees
  // deeper than the call stack.
  const stack: Node[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'string_literal') {
      const literal = stringLiteral(node, text);
      if (literal) out.push(literal);
    }
    const children = node.children;
    for (let i = children.length - 1; i >= 0; i--) if (children[i]) stack.push(children[i]!);
  }
  return out;
}

function stringLiteral(node: Node, text: string): PsStringLiteral | undefined {
  const inner = node.namedChildren.find((c) => !!c);
  if (!inner) return undefined;
  let quoting = LITERAL_KINDS[inner.type];
  if (!quoting && inner.type === 'verbatim_string_characters') quoting = text[inner.startIndex] === '@' ? 'single-here' : 'single';
  if (!quoting) return undefined;
  const span = { start: node.startIndex, end: node.endIndex };
  const contentSpan = quoting === 'single' || quoting === 'double' ? quotedContent(span) : hereContent(text, span);
  if (!contentSpan) return undefined;
  return { quoting, span, contentSpan, node };
}

function quotedContent(span: Span): Span | undefined {
  return span.end - span.start >= 2 ? { start: span.start + 1, end: span.end - 1 } : undefined;
}

/** The lines between a here-string's header line (`@'` plus trailing blanks) and its footer (`'@`). */
function hereContent(text: string, span: Span): Span | undefined {
  const headerEnd = text.indexOf('\n', span.start);
  if (headerEnd < 0 || headerEnd >= span.end) return undefined;
  const start = headerEnd + 1;
  const footer = span.end - 2; // the quote of `'@`
  if (footer < start) return { start, end: start };
  let end = footer;
  if (text[end - 1] === '\n') end--;
  if (text[end - 1] === '\r') end--;
  return { start, end: Math.max(start, end) };
}

/** Expansion spans of a double-quoted literal: its `variable` and `sub_expression` children. */
export function expansionsOf(node: Node | undefined): Span[] {
  const out: Span[] = [];
  const visit = (n: Node): void => {
    const type = n.type;
    if (type === 'variable' || type === 'sub_expression') {
      out.push({ start: n.startIndex, end: n.endIndex });
      return;
    }
    if (type === 'string_literal' || type === 'expandable_string_literal' || type === 'expandable_here_string_literal') {
      for (const child of n.children) if (child) visit(child);
    }
  };
  if (node) visit(node);
  return out;
}

/**
 * A here-string still being written: the parser gives no literal for `@'` without its `'@`
 * footer (the rest of the script is an ERROR node). For completion and hover at `offset`, the
 * nearest header above it counts as the start of a literal whose content runs to the footer or
 * to the end of the script. Only headers the parser did not place in a real literal qualify.
 */
export function unterminatedHereStringAt(doc: PowerShellDocument, offset: number): EmbeddedLiteral | undefined {
  const root = doc.script.tree.rootNode;
  if (!root.hasError) return undefined;
  const text = doc.text;
  const header = /@(['"\u2018-\u201E])[ \t]*(\r?\n|\r)/g;
  let found: { start: number; contentStart: number; quote: string } | undefined;
  for (let m = header.exec(text); m && m.index < offset; m = header.exec(text)) {
    const contentStart = m.index + m[0].length;
    if (contentStart > offset) break;
    found = { start: m.index, contentStart, quote: m[1] };
  }
  if (!found) return undefined;
  const single = "'\u2018\u2019\u201A\u201B".includes(found.quote);
  // The footer: a line starting with the closing quote and @.
  const footer = new RegExp(`(\\r?\\n|\\r)[${single ? "'\u2018-\u201B" : '"\u201C-\u201E'}]@`, 'g');
  footer.lastIndex = found.contentStart - 1;
  const end = footer.exec(text);
  if (end && end.index < offset) return undefined;
  if (!insideError(root, found.start)) return undefined;
  return {
    quoting: single ? 'single-here' : 'double-here',
    span: { start: found.start, end: end ? end.index + end[0].length : text.length },
    contentSpan: { start: found.contentStart, end: end ? Math.max(found.contentStart, end.index) : text.length },
    expansions: single ? [] : variablesIn(text, found.contentStart, end ? end.index : text.length),
  };
}

/** `$name`, `$scope:name` and `${…}` not escaped by a backtick (the parser gives none here). */
function variablesIn(text: string, start: number, end: number): Span[] {
  const out: Span[] = [];
  const variable = /`[\s\S]|\$(?:\{[^}]*\}|[A-Za-z_][\w]*(?::[A-Za-z_][\w]*)?)/g;
  const content = text.slice(start, end);
  for (let m = variable.exec(content); m; m = variable.exec(content)) {
    if (m[0][0] === '$') out.push({ start: start + m.index, end: start + m.index + m[0].length });
  }
  return out;
}

function insideError(root: Node, offset: number): boolean {
  for (let node: Node | null = root.descendantForIndex(offset); node; node = node.parent) {
    if (node.type === 'ERROR' || node.isError) return true;
    if (node.type === 'string_literal' || node.type === 'comment') return false;
  }
  return false;
}
