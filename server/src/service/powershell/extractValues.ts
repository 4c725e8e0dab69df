import type { Node } from 'web-tree-sitter';
import type { Span } from '../xml/xmlTree';
import type { PsHashEntry, PsValue } from './model';
import { barewordValue, isNumberText, stringValue, variableValue } from './extractText';

/**
 * Values in expression mode (assignments, hashtable entries, pipeline input, `@( … )`), read
 * from the tree-sitter tree. The grammar wraps every expression in a chain of single-child
 * precedence nodes (pipeline → … → unary_expression, a dozen levels); `ValueReader.innermost`
 * jumps to the bottom of that chain in one call, `unwrap` walks it when a comment is in the way.
 * Literal texts (strings, numbers, barewords, variables) are decoded from the script text.
 */

/** Node types that carry a value of their own: unwrapping stops there. */
const VALUE_TYPES = new Set([
  'string_literal',
  'integer_literal',
  'real_literal',
  'variable',
  'hash_literal_expression',
  'array_expression',
  'cast_expression',
  'generic_token',
  'sub_expression',
  'parenthesized_expression',
  'script_block_expression',
  'command',
  'member_access',
  'element_access',
  'invokation_expression',
  'type_literal',
  'simple_name',
  'ERROR',
]);

const LEAF_OF_STRING = new Set([
  'verbatim_string_characters',
  'verbatim_here_string_characters',
  'expandable_string_literal',
  'expandable_here_string_literal',
]);

/** The only child of a node, ignoring comments; undefined when there are several (or none). */
function soleChild(node: Node): Node | undefined {
  const count = node.childCount;
  if (count === 1) {
    const only = node.child(0);
    return only && only.type !== 'comment' ? only : undefined;
  }
  let found: Node | undefined;
  for (let i = 0; i < count; i++) {
    const child = node.child(i);
    if (!child || child.type === 'comment') continue;
    if (found) return undefined;
    found = child;
  }
  return found;
}

/** Named children without comments. */
export function namedChildrenOf(node: Node): Node[] {
  const out: Node[] = [];
  for (let i = 0; i < node.namedChildCount; i++) {
    const child = node.namedChild(i);
    if (child && child.type !== 'comment') out.push(child);
  }
  return out;
}

/** Down the single-child chain to the node that carries the value. */
export function unwrap(node: Node): Node {
  let current = node;
  for (let guard = 0; guard < 64 && !VALUE_TYPES.has(current.type); guard++) {
    const only = soleChild(current);
    if (!only) break;
    current = only;
  }
  return current;
}

export class ValueReader {
  constructor(
    private readonly text: string,
    private readonly root: Node,
  ) {}

  span(node: Node): Span {
    return { start: node.startIndex, end: node.endIndex };
  }

  slice(node: Node): string {
    return this.text.slice(node.startIndex, node.endIndex);
  }

  /**
   * The deepest node with the same span as `node`: the end of its single-child chain, found
   * in one call instead of one call per level. Stops early only when a comment or a
   * zero-width node shares a level; `unwrap` finishes the job then.
   */
  innermost(node: Node): Node {
    const start = node.startIndex;
    const end = node.endIndex;
    if (end <= start) return node;
    const deepest = this.root.descendantForIndex(start, end);
    if (!deepest || deepest.startIndex !== start || deepest.endIndex !== end) return unwrap(node);
    return deepest;
  }

  private clean: boolean | undefined;

  /**
   * What an assignment assigns to (`$x`, `$p.Key`, `$a[0]`, `[string]$x` …), below the dozen
   * precedence levels of its left side. A plain variable, by far the most common target, is
   * found in one call (innermost); anything else, and any tree with errors (where an ERROR node
   * may share the span), walks the chain as `unwrap` does.
   */
  assignmentTarget(left: Node): Node {
    this.clean ??= !this.root.hasError;
    if (this.clean) {
      const deepest = this.innermost(left);
      const type = deepest.type;
      if (type === 'variable') return deepest;
      if (type === 'braced_variable' && deepest.parent?.type === 'variable') return deepest.parent;
    }
    return unwrap(left);
  }

  /** The value of an expression node (any wrapper level). Never throws on odd trees. */
  value(node: Node): PsValue {
    let n = this.innermost(node);
    // The deepest node may sit below the one that carries the value (a literal's only token).
    let type = n.type;
    if (LEAF_OF_STRING.has(type)) return stringValue(this.text, this.span(n));
    if (type === 'decimal_integer_literal' || type === 'hexadecimal_integer_literal') type = 'integer_literal';
    else if (type === 'braced_variable') type = 'variable';
    else if (type === 'command_name') type = 'command';
    else if (!VALUE_TYPES.has(type) && type !== 'array_literal_expression' && type !== 'expression_with_unary_operator') {
      n = unwrap(n);
      type = n.type;
      if (LEAF_OF_STRING.has(type)) return stringValue(this.text, this.span(n));
    }
    const span = this.span(n);
    const text = this.text.slice(span.start, span.end);
    switch (type) {
      case 'string_literal':
        return stringValue(this.text, span);
      case 'integer_literal':
      case 'real_literal':
        return { kind: 'number', text, value: text, span };
      case 'generic_token':
        return barewordValue(text, span);
      case 'variable':
        return variableValue(text, span) ?? { kind: 'expression', text, span };
      case 'hash_literal_expression':
        return { kind: 'hashtable', text, entries: this.entries(n), span };
      case 'array_expression':
        return { kind: 'array', text, items: this.arrayExpressionItems(n), span };
      case 'array_literal_expression': {
        const items = namedChildrenOf(n);
        if (items.length === 1) return this.value(items[0]);
        return { kind: 'array', text, items: items.map((c) => this.value(c)), span };
      }
      case 'cast_expression':
        return this.cast(n, span, text);
      case 'expression_with_unary_operator':
        return this.unary(n, span, text);
      case 'command':
        // The grammar reads `1KB` (and `10MB` …) in expression mode as a command name.
        return isNumberText(text) ? { kind: 'number', text, value: text, span } : { kind: 'expression', text, span };
      default:
        return { kind: 'expression', text, span };
    }
  }

  private cast(n: Node, span: Span, text: string): PsValue {
    const parts = namedChildrenOf(n);
    const type = parts.find((c) => c.type === 'type_literal');
    const operand = parts.find((c) => c !== type);
    if (!type || !operand) return { kind: 'expression', text, span };
    const inner = this.value(operand);
    const cast = this.slice(type)
      .replace(/^\[\s*|\s*\]$/g, '')
      .toLowerCase();
    return { ...inner, text, span, cast };
  }

  /** `-5` / `+5` are numbers, `,x` is a one-item array; other unary operators make an expression. */
  private unary(n: Node, span: Span, text: string): PsValue {
    const first = n.child(0);
    const operand = namedChildrenOf(n)[0];
    if (first && operand && first.equals(operand)) return this.value(operand);
    if (!first || !operand || first.isNamed) return { kind: 'expression', text, span };
    if (first.type === ',') return { kind: 'array', text, items: [this.value(operand)], span };
    if (first.type === '-' || first.type === '+') {
      const inner = this.value(operand);
      if (inner.kind === 'number' && !inner.cast) return { kind: 'number', text, value: text.replace(/\s+/g, ''), span };
    }
    return { kind: 'expression', text, span };
  }

  /** `@( … )`: one item per statement; a comma list inside is flattened (as PowerShell does). */
  private arrayExpressionItems(n: Node): PsValue[] {
    const list = namedChildrenOf(n).find((c) => c.type === 'statement_list');
    if (!list) return [];
    const items: PsValue[] = [];
    for (const statement of namedChildrenOf(list)) {
      const v = this.value(statement);
      if (v.kind === 'array' && v.items && !v.cast) items.push(...v.items);
      else items.push(v);
    }
    return items;
  }

  /** Entries of `@{ … }` in source order; keys unquoted. */
  entries(n: Node): PsHashEntry[] {
    const body = namedChildrenOf(n).find((c) => c.type === 'hash_literal_body');
    if (!body) return [];
    const out: PsHashEntry[] = [];
    for (const entry of namedChildrenOf(body)) {
      if (entry.type !== 'hash_entry') continue;
      const parsed = this.entry(entry);
      if (parsed) out.push(parsed);
    }
    return out;
  }

  private entry(entry: Node): PsHashEntry | undefined {
    let keyNode: Node | undefined;
    let valueNode: Node | undefined;
    let seenEquals = false;
    for (let i = 0; i < entry.childCount; i++) {
      const child = entry.child(i);
      if (!child || child.type === 'comment') continue;
      if (!seenEquals) {
        if (child.type === '=') seenEquals = true;
        else if (child.type === 'key_expression' && !keyNode) keyNode = child;
      } else if (child.isNamed && !valueNode) valueNode = child;
    }
    if (!keyNode || !valueNode) return undefined;
    const keySpan = this.span(keyNode);
    return { key: this.keyText(keyNode), keySpan, value: this.value(valueNode) };
  }

  /** A hashtable key or a literal index/argument used as a key: unquoted when it is a literal. */
  keyText(node: Node): string {
    const v = this.value(node);
    if ((v.kind === 'string' || v.kind === 'bareword' || v.kind === 'number') && v.value !== undefined) return v.value;
    return v.text.trim();
  }

  /** Static key of a literal node (string, bareword, number, simple name), else undefined. */
  staticKey(node: Node): string | undefined {
    const n = this.innermost(node);
    if (n.type === 'simple_name') return this.slice(n);
    const v = this.value(n);
    if ((v.kind === 'string' || v.kind === 'bareword' || v.kind === 'number') && v.value !== undefined) return v.value;
    return undefined;
  }
}
