import type { Node, Tree } from 'web-tree-sitter';
import type { PowerShellParser } from './grammar';
import type { Span } from '../xml/xmlTree';
import type { PsAssignment, PsCommand, PsHashEntry, PsParameter, PsScript, PsStringLiteral, PsStringQuoting, PsValue } from './model';
import { ArgumentScanner, type ScannedCommand } from './extractArguments';
import { HashtableResolver, type PsMutation } from './extractResolve';
import {
  barewordValue,
  isBlank,
  isDoubleQuote,
  isHereStringStart,
  isNewline,
  isNumberText,
  isSingleQuote,
  stringContentSpan,
  stringValue,
  variableName,
  variableToken,
  variableValue,
} from './extractText';
import { namedChildrenOf, unwrap, ValueReader } from './extractValues';
import { pointAt, rowStarts } from '../core/positions';
import { reportInternalError } from '../core/internalErrors';

/**
 * Extracts commands, assignments, strings and comments from a parsed script.
 *
 * One traversal of the tree (tree-sitter's `descendantsOfType`, which runs inside WebAssembly)
 * collects the anchors: commands, assignments, `.Add()` calls, strings, comments. Command
 * elements are then read from the text in PowerShell's command mode (extractArguments.ts),
 * structured values (hashtables, `@( )`, casts) from the tree (extractValues.ts), and splats
 * and piped [PSCustomObject]s are resolved against earlier assignments (extractResolve.ts).
 *
 * Grammar repair: when the tree has errors, the parameter-name digits and list commas that
 * tree-sitter-powershell mis-reads (see extractArguments.ts) are masked — digits become
 * letters, commas and `--` blanks, the end of a line inside a list a backtick: same length, no line break touched, so every offset, row and column
 * stays valid — and the text is parsed again (incrementally, up to three rounds). The returned
 * `tree` is then that re-parse: use its offsets with `script.text`, not `node.text` of
 * parameter nodes. Strings and comments are never masked.
 */
export function extractScript(tree: Tree, text: string, parser: Pick<PowerShellParser, 'reparse'>): PsScript {
  try {
    return extractWithRepair(tree, text, parser);
  } catch (error) {
    // Extraction must never take the language server down: an empty model only loses features.
    reportInternalError('reading a script', error);
    return { text, tree, commands: [], assignments: [], strings: [], comments: [], extractionFailed: true };
  }
}

const MAX_REPAIRS = 3;

function extractWithRepair(tree: Tree, text: string, parser: Pick<PowerShellParser, 'reparse'>): PsScript {
  let current = tree;
  const masks = new Map<number, string>();
  let lines: number[] | undefined;
  const repair = (scans: readonly ScannedCommand[]): boolean => {
    const added = addMasks(scans, text, masks);
    if (added.length === 0) return false;
    lines ??= rowStarts(text);
    const next = reparse(parser, current, maskText(text, masks), added, lines);
    if (!next) return false;
    if (errorWeight(next) > errorWeight(current)) {
      // The masks made it worse (a command the grammar saw where there is none): keep the tree.
      next.delete();
      return false;
    }
    if (current !== tree) current.delete();
    current = next;
    return true;
  };
  // First round: only the command scans, the cheap part, to find what to mask.
  if (current.rootNode.hasError) {
    const anchors = current.rootNode.descendantsOfType(['command', 'command_name']).flatMap((node) => anchorOf(node));
    repair(selectCommands(anchors, text, new ArgumentScanner(text)).map(maskableScan));
  }
  let result = extractOnce(current, text);
  // A repaired tree can reveal commands the broken one hid; they may need masks of their own.
  for (let round = 1; round < MAX_REPAIRS && current.rootNode.hasError; round++) {
    if (!repair(result.scans)) break;
    result = extractOnce(current, text);
  }
  return result.script;
}

/**
 * What a scan may mask. A command the grammar left without its node (an orphan name inside an
 * ERROR) is read less surely: only its `--` and the line breaks of its lists are masked, the
 * tokens that broke it (a second round, on the repaired tree, masks the rest).
 */
function maskableScan(selected: Selected): ScannedCommand {
  return selected.anchor.orphan ? { ...selected.scan, commas: [], paramDigits: [] } : selected.scan;
}

/** A `command` node, or a `command_name` that error recovery left without one. */
function anchorOf(node: Node): Anchor[] {
  if (node.type === 'command') return [{ node, orphan: false }];
  const parent = node.parent?.type;
  return parent === 'command' || parent === 'command_name_expr' ? [] : [{ node, orphan: true }];
}

interface Selected {
  anchor: Anchor;
  head: Head;
  scan: ScannedCommand;
}

/**
 * The anchors that really are commands, in text order, each with its scanned elements. A name
 * the grammar found inside another command's own tokens (the `2Ports` of a split
 * `-Ikev2Ports`, a bareword of a list) is not a command; inside `( )`, `{ }`, `$( )` or a
 * string of another command it is.
 */
function selectCommands(anchors: readonly Anchor[], text: string, scanner: ArgumentScanner): Selected[] {
  const heads = anchors
    .map((anchor) => ({ anchor, head: commandHead(anchor, text) }))
    .filter((x): x is { anchor: Anchor; head: Head } => x.head !== undefined)
    .sort((x, y) => x.head.nameSpan.start - y.head.nameSpan.start);
  const out: Selected[] = [];
  const open: { start: number; end: number; nested: Span[] }[] = [];
  for (const { anchor, head } of heads) {
    const s = head.nameSpan.start;
    while (open.length > 0 && open[open.length - 1].end <= s) open.pop();
    const enclosing = open[open.length - 1];
    if (enclosing && (enclosing.start === s || !enclosing.nested.some((n) => n.start < s && s < n.end))) continue;
    const scan = scanner.scan(head.nameSpan.end);
    out.push({ anchor, head, scan });
    open.push({ start: s, end: Math.max(scan.end, head.nameSpan.end, s + 1), nested: scan.nested });
  }
  return out;
}

/**
 * Parses the masked text again, incrementally: the previous tree is told about the masked
 * characters (same-length edits), so tree-sitter re-reads only the regions around them.
 */
function reparse(
  parser: Pick<PowerShellParser, 'reparse'>,
  previous: Tree,
  text: string,
  edited: readonly number[],
  lines: readonly number[],
): Tree | undefined {
  const old = previous.copy();
  try {
    for (const offset of edited) {
      const position = pointAt(lines, offset);
      const after = { row: position.row, column: position.column + 1 };
      // A plain edit description: tree.edit reads its fields.
      old.edit({
        startIndex: offset,
        oldEndIndex: offset + 1,
        newEndIndex: offset + 1,
        startPosition: position,
        oldEndPosition: after,
        newEndPosition: after,
      } as Parameters<Tree['edit']>[0]);
    }
    return parser.reparse(text, old);
  } finally {
    old.delete();
  }
}

/** How much of the text error recovery swallowed. */
function errorWeight(tree: Tree): number {
  let weight = 0;
  for (const node of tree.rootNode.descendantsOfType('ERROR')) weight += node.endIndex - node.startIndex + 1;
  return weight;
}

/** Adds the masks the scanned commands ask for; returns the offsets that are new. */
function addMasks(scans: readonly ScannedCommand[], text: string, masks: Map<number, string>): number[] {
  const added: number[] = [];
  const put = (offset: number, replacement: string): void => {
    if (masks.has(offset) || text[offset] === replacement) return;
    masks.set(offset, replacement);
    added.push(offset);
  };
  for (const scan of scans) {
    // First, so that a comma right before the line break becomes the backtick.
    for (const offset of scan.listBreaks) put(offset, '`');
    for (const offset of scan.commas) put(offset, ' ');
    for (const offset of scan.paramDigits) put(offset, 'x');
    for (const offset of scan.endOfParameters) put(offset, ' ');
  }
  return added.sort((a, b) => b - a);
}

function maskText(text: string, masks: Map<number, string>): string {
  const chars = text.split('');
  for (const [offset, replacement] of masks) chars[offset] = replacement;
  return chars.join('');
}

// ---------------------------------------------------------------------------------------

interface Anchor {
  /** A `command` node, or a `command_name` the grammar left without one (inside an ERROR). */
  node: Node;
  orphan: boolean;
}

interface Collected {
  anchors: Anchor[];
  assignments: Node[];
  invocations: Node[];
  strings: PsStringLiteral[];
  comments: Span[];
}

const INNER_STRING_TYPES = new Set([
  'verbatim_string_characters',
  'verbatim_here_string_characters',
  'expandable_string_literal',
  'expandable_here_string_literal',
]);

const COLLECTED_TYPES = ['comment', 'string_literal', 'command', 'assignment_expression', 'invokation_expression'];
/** Only error recovery leaves these outside their usual parents. */
const RECOVERY_TYPES = ['command_name', ...INNER_STRING_TYPES];

/**
 * The single pass over the tree: tree-sitter's own traversal (`descendantsOfType`, run inside
 * WebAssembly) is several times faster than a cursor walk driven from JavaScript.
 */
function collect(root: Node, text: string): Collected {
  const out: Collected = { anchors: [], assignments: [], invocations: [], strings: [], comments: [] };
  const types = root.hasError ? [...COLLECTED_TYPES, ...RECOVERY_TYPES] : COLLECTED_TYPES;
  for (const node of root.descendantsOfType(types)) {
    const type = node.type;
    switch (type) {
      case 'comment': {
        // Error recovery can start a comment node at the line break before the '#'.
        let start = node.startIndex;
        let end = node.endIndex;
        while (start < end && (isNewline(text[start]) || isBlank(text[start]))) start++;
        while (end > start && isNewline(text[end - 1])) end--;
        out.comments.push({ start, end });
        break;
      }
      case 'string_literal': {
        const literal = stringLiteral(node, text);
        if (literal) out.strings.push(literal);
        break;
      }
      case 'command':
        out.anchors.push({ node, orphan: false });
        break;
      case 'assignment_expression':
        out.assignments.push(node);
        break;
      case 'invokation_expression':
        out.invocations.push(node);
        break;
      case 'command_name':
        out.anchors.push(...anchorOf(node));
        break;
      default: {
        // The token inside a string_literal follows it directly (same start): already recorded.
        const last = out.strings[out.strings.length - 1];
        if (INNER_STRING_TYPES.has(type) && !(last && last.span.start === node.startIndex) && node.parent?.type !== 'string_literal') {
          const literal = stringLiteral(node, text);
          if (literal) out.strings.push(literal);
        }
      }
    }
  }
  out.strings.sort((x, y) => x.span.start - y.span.start);
  return out;
}

function stringLiteral(node: Node, text: string): PsStringLiteral | undefined {
  const span = { start: node.startIndex, end: node.endIndex };
  if (span.end <= span.start) return undefined;
  const first = text[span.start];
  let quoting: PsStringQuoting;
  if (first === '@') {
    const q = text[span.start + 1];
    if (isSingleQuote(q)) quoting = 'single-here';
    else if (isDoubleQuote(q)) quoting = 'double-here';
    else return undefined;
  } else if (isSingleQuote(first)) quoting = 'single';
  else if (isDoubleQuote(first)) quoting = 'double';
  else return undefined;
  return { quoting, span, contentSpan: stringContentSpan(text, span), node };
}

// ---------------------------------------------------------------------------------------

function extractOnce(tree: Tree, text: string): { script: PsScript; scans: ScannedCommand[] } {
  const root = tree.rootNode;
  const collected = collect(root, text);
  const reader = new ValueReader(text, root);

  const mutations: { variable: string; mutation: PsMutation }[] = [];
  const assignments: PsAssignment[] = [];
  for (const node of collected.assignments) readAssignment(node, reader, assignments, mutations);
  for (const node of collected.invocations) readInvocation(node, reader, mutations);
  const resolver = new HashtableResolver(assignments, mutations);

  const builder = new CommandBuilder(text, root, reader, resolver);
  const selected = selectCommands(collected.anchors, text, new ArgumentScanner(text));
  const commands = selected.map((c) => builder.build(c.anchor, c.head, c.scan));
  return {
    script: { text, tree, commands, assignments, strings: collected.strings, comments: collected.comments },
    scans: selected.map(maskableScan),
  };
}

// ---------------------------------------------------------------------------------------

function readAssignment(
  node: Node,
  reader: ValueReader,
  assignments: PsAssignment[],
  mutations: { variable: string; mutation: PsMutation }[],
): void {
  let left: Node | undefined;
  let operator: Node | undefined;
  let valueNode: Node | undefined;
  // childCount and type are calls into the WebAssembly: read each once.
  const count = node.childCount;
  for (let i = 0; i < count; i++) {
    const child = node.child(i);
    if (!child) continue;
    const type = child.type;
    if (type === 'comment') continue;
    if (!left && type === 'left_assignment_expression') left = child;
    else if (!operator && type === 'assignement_operator') operator = child;
    else if (operator && !valueNode && child.isNamed) valueNode = child;
  }
  if (!left || !operator) return;
  const span = reader.span(node);
  let target = reader.assignmentTarget(left);
  if (target.type === 'cast_expression') {
    // `[string]$x = …`: a type-constrained variable.
    const operand = namedChildrenOf(target).find((c) => c.type !== 'type_literal');
    if (operand) target = unwrap(operand);
  }
  const op = reader.slice(operator).trim();
  if (target.type === 'variable') {
    const raw = variableToken(reader.slice(target));
    if (raw === undefined || !valueNode) return;
    assignments.push({
      variable: variableName(raw),
      variableSpan: reader.span(target),
      value: reader.value(valueNode),
      operator: op,
      span,
    });
    return;
  }
  if (target.type !== 'member_access' && target.type !== 'element_access') return;
  const parts = namedChildrenOf(target);
  const base = parts[0] ? unwrap(parts[0]) : undefined;
  if (!base || base.type !== 'variable') return;
  const raw = variableToken(reader.slice(base));
  if (raw === undefined) return;
  const variable = variableName(raw);
  const keyNode = parts[1];
  let key: string | undefined;
  if (keyNode && target.type === 'member_access') key = reader.slice(keyNode).trim();
  else if (keyNode) key = reader.staticKey(keyNode);
  if (op !== '=' || key === undefined || !valueNode || !keyNode || !/^[^.()[\]\s]+$/.test(key)) {
    mutations.push({ variable, mutation: { kind: 'unknown', span } });
    return;
  }
  mutations.push({ variable, mutation: { kind: 'set', key, keySpan: reader.span(unwrap(keyNode)), value: reader.value(valueNode), span } });
}

/** `$p.Add('Key', value)`, `$p.Remove('Key')`, `$p.Clear()` on a variable. */
function readInvocation(node: Node, reader: ValueReader, mutations: { variable: string; mutation: PsMutation }[]): void {
  const parts = namedChildrenOf(node);
  const base = parts[0] ? unwrap(parts[0]) : undefined;
  const member = parts.find((c) => c.type === 'member_name');
  const argumentList = parts.find((c) => c.type === 'argument_list');
  if (!base || base.type !== 'variable' || !member || !argumentList) return;
  const method = reader.slice(member).trim().toLowerCase();
  if (method !== 'add' && method !== 'remove' && method !== 'clear') return;
  const raw = variableToken(reader.slice(base));
  if (raw === undefined) return;
  const variable = variableName(raw);
  const span = reader.span(node);
  const list = namedChildrenOf(argumentList).find((c) => c.type === 'argument_expression_list');
  const args = list ? namedChildrenOf(list) : [];
  if (method === 'clear') {
    mutations.push({ variable, mutation: args.length === 0 ? { kind: 'clear', span } : { kind: 'unknown', span } });
    return;
  }
  const key = args[0] ? reader.staticKey(args[0]) : undefined;
  if (method === 'remove') {
    mutations.push({
      variable,
      mutation: key !== undefined && args.length === 1 ? { kind: 'remove', key, span } : { kind: 'unknown', span },
    });
    return;
  }
  if (key === undefined || args.length !== 2) {
    mutations.push({ variable, mutation: { kind: 'unknown', span } });
    return;
  }
  mutations.push({ variable, mutation: { kind: 'set', key, keySpan: reader.span(unwrap(args[0])), value: reader.value(args[1]), span } });
}

// ---------------------------------------------------------------------------------------

interface Head {
  name: string;
  nameSpan: Span;
}

/** The static name of a command (`Set-VpnConnection`, `.\x.ps1`, `& 'C:\x.exe'`); undefined for `& $cmd`. */
function commandHead(anchor: Anchor, text: string): Head | undefined {
  const head = rawHead(anchor, text);
  // In expression mode the grammar reads `1KB` / `10MB` and the range `1..3` as a command name.
  return head && !isNumberText(head.name) && !/^\d+\.\./.test(head.name) ? head : undefined;
}

function rawHead(anchor: Anchor, text: string): Head | undefined {
  if (anchor.orphan) {
    const span = { start: anchor.node.startIndex, end: anchor.node.endIndex };
    return span.end > span.start ? { name: text.slice(span.start, span.end), nameSpan: span } : undefined;
  }
  for (let i = 0; i < anchor.node.childCount; i++) {
    const child = anchor.node.child(i);
    if (!child) continue;
    if (child.type === 'command_name') {
      const span = { start: child.startIndex, end: child.endIndex };
      return span.end > span.start ? { name: text.slice(span.start, span.end), nameSpan: span } : undefined;
    }
    if (child.type === 'command_name_expr') {
      const inner = namedChildrenOf(child)[0];
      if (!inner) return undefined;
      const span = { start: inner.startIndex, end: inner.endIndex };
      if (inner.type === 'command_name') return { name: text.slice(span.start, span.end), nameSpan: span };
      if (inner.type === 'string_literal') {
        const v = stringValue(text, span);
        return v.kind === 'string' && v.value ? { name: v.value, nameSpan: span } : undefined;
      }
      return undefined;
    }
    if (child.type === 'command_elements') return undefined;
  }
  return undefined;
}

class CommandBuilder {
  /** Commands built so far, by the start of their name (a piped `New-Object` is built before the command it feeds). */
  private readonly built = new Map<number, PsCommand>();
  private readonly hasError: boolean;

  constructor(
    private readonly text: string,
    private readonly root: Node,
    private readonly reader: ValueReader,
    private readonly resolver: HashtableResolver,
  ) {
    this.hasError = root.hasError;
  }

  build(anchor: Anchor, head: Head, scan: ScannedCommand): PsCommand {
    const start = head.nameSpan.start;
    const parameters: PsParameter[] = [];
    const positional: PsValue[] = [];
    const splats: PsCommand['splats'] = [];
    const elements = scan.elements;
    for (let i = 0; i < elements.length; i++) {
      const el = elements[i];
      if (el.type === 'parameter') {
        let value: PsValue | undefined;
        if (el.colon) value = el.items ? this.itemsValue(el.items) : undefined;
        else {
          const next = elements[i + 1];
          if (next && next.type === 'argument') {
            value = this.itemsValue(next.items);
            i++;
          }
        }
        const parameter: PsParameter = { name: el.name, span: el.span, colonValue: el.colon, origin: 'literal' };
        if (value) parameter.value = value;
        parameters.push(parameter);
      } else if (el.type === 'argument') {
        positional.push(this.itemsValue(el.items));
      } else {
        const variable = variableName(el.name);
        const resolved = this.resolver.resolve(variable, start);
        splats.push({ variable, span: el.span, resolved: resolved !== undefined });
        // A splatted entry binds its value directly, as `-Name:value` does (also for switches).
        if (resolved) for (const entry of resolved.entries) parameters.push(entryParameter(entry, 'splat'));
      }
    }
    const command: PsCommand = {
      name: head.name,
      nameSpan: head.nameSpan,
      span: { start, end: Math.max(scan.end, head.nameSpan.end) },
      parameters,
      positional,
      splats,
    };
    if (!anchor.orphan) {
      const input = this.pipelineInput(anchor.node, start);
      if (input) {
        command.pipelineInput = input;
        if (input.properties) for (const entry of input.properties) parameters.push(entryParameter(entry, 'pipeline'));
      }
    }
    this.built.set(start, command);
    return command;
  }

  /** The value of one argument: a single item, or an array for `a, b, c`. */
  private itemsValue(items: Span[]): PsValue {
    if (items.length === 1) return this.itemValue(items[0]);
    const span = { start: items[0].start, end: items[items.length - 1].end };
    return { kind: 'array', text: this.text.slice(span.start, span.end), items: items.map((s) => this.itemValue(s)), span };
  }

  private itemValue(span: Span): PsValue {
    const t = this.text.slice(span.start, span.end);
    const c = t[0];
    if (isSingleQuote(c) || isDoubleQuote(c) || (c === '@' && isHereStringStart(this.text, span.start)))
      return stringValue(this.text, span);
    if (c === '@' && (t[1] === '{' || t[1] === '(')) {
      const node = this.nodeAt(span);
      if (node) {
        const v = this.reader.value(node);
        if (v.kind === 'hashtable' || v.kind === 'array') return v;
      }
      return t[1] === '{' ? { kind: 'hashtable', text: t, span } : { kind: 'expression', text: t, span };
    }
    if (c === '$') {
      const v = variableValue(t, span);
      if (v) return v;
      if (t[1] === '(' || /^\$(?:\{[^}]*\}|[\p{L}\p{N}_?:]+|[$^])(?:\.|\[|::)/u.test(t)) return { kind: 'expression', text: t, span };
      return { kind: 'expandable', text: t, value: t, span };
    }
    if (c === '(' || c === '{') return { kind: 'expression', text: t, span };
    return barewordValue(t, span);
  }

  /** The outermost tree node covering exactly the span, if the grammar has one. */
  private nodeAt(span: Span): Node | undefined {
    let node = this.root.descendantForIndex(span.start, span.end);
    if (!node) return undefined;
    for (let parent = node.parent; parent && parent.startIndex === span.start && parent.endIndex === span.end; parent = parent.parent)
      node = parent;
    return node.startIndex === span.start && node.endIndex === span.end ? node : undefined;
  }

  /** `X | Command`: the span of X and, for a [PSCustomObject] hashtable, its entries. */
  private pipelineInput(command: Node, start: number): PsCommand['pipelineInput'] {
    // previousSibling walks down from the root inside the WebAssembly: on a keystroke in a long
    // script it was most of the cost of building the commands. The text alone rules a pipe out
    // for most commands; error recovery can shape the tree unlike the text, so only a tree
    // without errors takes that shortcut.
    if (!this.hasError && !mayFollowPipe(this.text, command.startIndex)) return undefined;
    let prev = command.previousSibling;
    while (prev && prev.type === 'comment') prev = prev.previousSibling;
    if (!prev || prev.type !== '|') return undefined;
    let input = prev.previousSibling;
    while (input && input.type === 'comment') input = input.previousSibling;
    if (!input) return undefined;
    let end = input.endIndex;
    while (end > input.startIndex && (isBlank(this.text[end - 1]) || isNewline(this.text[end - 1]))) end--;
    const span = { start: input.startIndex, end };
    const properties = this.pipelineProperties(input, start);
    return properties ? { span, properties } : { span };
  }

  private pipelineProperties(input: Node, start: number): PsHashEntry[] | undefined {
    let node = unwrap(input);
    if (node.type === 'parenthesized_expression') {
      const inner = namedChildrenOf(node)[0];
      if (inner) node = unwrap(inner);
    }
    if (node.type === 'command') {
      const command = this.built.get(node.startIndex);
      return command && newObjectProperties(command, this.resolver);
    }
    const v = this.reader.value(node);
    if (v.kind === 'hashtable' && v.entries && v.cast === 'pscustomobject') return v.entries;
    if (v.kind === 'variable' && v.variable) {
      const resolved = this.resolver.resolve(v.variable, start);
      if (resolved && (v.cast === 'pscustomobject' || resolved.cast === 'pscustomobject')) return resolved.entries;
    }
    return undefined;
  }
}

/**
 * False when the text shows that no `|` comes before the command starting at `start`. Between a
 * pipe and its command the grammar allows only whitespace, line continuations and comments, so
 * the first other character before the command decides; a character that may belong to one of
 * those (the pipe itself, a backtick, the `>` of `#>`, whitespace beyond ASCII) or a line break
 * after a line with a `#` (a comment may end there) answers true, and the tree decides.
 */
export function mayFollowPipe(text: string, start: number): boolean {
  for (let i = start - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0d) continue;
    if (c === 0x0a) {
      if (lineHasHash(text, i)) return true;
      continue;
    }
    return !(c > 0x20 && c < 0x7f) || c === 0x7c || c === 0x60 || c === 0x3e;
  }
  return false;
}

/** Whether the line that ends with the line break at `lineBreak` contains a `#`. */
function lineHasHash(text: string, lineBreak: number): boolean {
  for (let i = lineBreak - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) return false;
    if (c === 0x23) return true;
  }
  return false;
}

/** The type names `New-Object` turns into an object whose -Property keys become properties (PowerShell 2's [PSCustomObject]). */
const PSOBJECT_TYPES = new Set(['psobject', 'system.management.automation.psobject']);

/**
 * `New-Object PSObject -Property @{ … }` (or a variable holding a literal hashtable): the keys
 * become note properties, which bind by property name like a [PSCustomObject]'s. Parameter
 * names may be abbreviated (`-Prop`, `-Type`); -TypeName is also the first positional argument.
 */
function newObjectProperties(command: PsCommand, resolver: HashtableResolver): PsHashEntry[] | undefined {
  if (command.name.toLowerCase() !== 'new-object' || command.splats.length > 0) return undefined;
  const named = (full: string): PsParameter | undefined =>
    command.parameters.find((p) => p.origin === 'literal' && p.name.length > 0 && full.startsWith(p.name.toLowerCase()));
  const typeName = named('typename')?.value ?? command.positional[0];
  const type =
    typeName && (typeName.kind === 'string' || typeName.kind === 'bareword')
      ? (typeName.value ?? typeName.text).trim().toLowerCase()
      : undefined;
  if (!type || !PSOBJECT_TYPES.has(type)) return undefined;
  const property = named('property')?.value;
  if (!property) return undefined;
  if (property.kind === 'hashtable') return property.entries;
  if (property.kind === 'variable' && property.variable) return resolver.resolve(property.variable, command.nameSpan.start)?.entries;
  return undefined;
}

function entryParameter(entry: PsHashEntry, origin: 'splat' | 'pipeline'): PsParameter {
  return { name: entry.key, span: entry.keySpan, value: entry.value, colonValue: true, origin };
}
