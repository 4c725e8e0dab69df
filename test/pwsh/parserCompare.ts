import { buildVirtualText } from '../../server/src/service/powershell/embeddedMap';
import { literalsOf } from '../../server/src/service/powershell/embeddedStrings';
import type { PowerShellDocument } from '../../server/src/service/powershell/document';
import type { PsCommand, PsValue } from '../../server/src/service/powershell/model';
import { isDoubleQuote, isSingleQuote } from '../../server/src/service/powershell/extractText';

/**
 * The parser oracle's comparison: what PowerShell's parser says about a script (parseServer.ps1)
 * against what our extraction says, reduced to the facts the rules depend on. Each mismatch is
 * one Difference with a category; acceptedDifferences.json explains the ones we keep.
 */

// ---- PowerShell's side (the JSON parseServer.ps1 writes) -------------------------------

export interface PwshValue {
  start: number;
  end: number;
  ast: string;
  quoting?: string;
  value?: string;
  variable?: string;
  splatted?: boolean;
  items?: PwshValue[];
  parts?: { start: number; end: number }[];
}
interface PwshElement extends Partial<PwshValue> {
  type: 'parameter' | 'argument';
  name?: string;
  start: number;
  end: number;
  argument?: PwshValue;
}
interface PwshCommand {
  name: string | null;
  nameStart: number;
  nameEnd: number;
  start: number;
  end: number;
  position: number;
  redirections: number;
  elements: PwshElement[];
}
interface PwshAssignment {
  start: number;
  end: number;
  operator: string;
  left: string;
  variable?: string;
  variableStart?: number;
  value?: PwshValue;
}
export interface PwshParse {
  id: string;
  errors: { id: string; start: number; message: string }[];
  commands: PwshCommand[];
  assignments: PwshAssignment[];
  strings: PwshValue[];
  comments: { start: number; end: number }[];
  continuations: number[];
}

// ---- The shape both sides are reduced to ------------------------------------------------

/** A value as the rules see it: its kind, its extent and, for constant strings, its value. */
interface Value {
  kind: string;
  start: number;
  end: number;
  value?: string;
  items?: Value[];
}
type Element =
  | { type: 'parameter'; name: string; start: number; colon: boolean; value?: Value }
  | { type: 'argument'; value: Value }
  | { type: 'splat'; name: string; start: number; end: number };

export interface Difference {
  input: string;
  category: string;
  /** The statement or line the difference is in, for the reader and for matching accepted differences. */
  excerpt: string;
  detail: string;
}

export interface ComparisonCounts {
  statements: number;
  commands: number;
  assignments: number;
  strings: number;
  comments: number;
  literalValues: number;
}

const OPERATORS: Record<string, string> = {
  Equals: '=',
  PlusEquals: '+=',
  MinusEquals: '-=',
  MultiplyEquals: '*=',
  DivideEquals: '/=',
  RemainderEquals: '%=',
  QuestionQuestionEquals: '??=',
};

function pwshValue(v: PwshValue): Value {
  const base = { start: v.start, end: v.end };
  switch (v.ast) {
    case 'StringConstantExpressionAst':
      return { ...base, kind: v.quoting ?? 'string', value: v.value };
    case 'ExpandableStringExpressionAst':
      return { ...base, kind: 'expandable' };
    case 'ConstantExpressionAst':
      return { ...base, kind: 'number' };
    case 'VariableExpressionAst':
      return { ...base, kind: v.splatted ? 'splat' : 'variable' };
    case 'ArrayLiteralAst':
      return { ...base, kind: 'array', items: (v.items ?? []).map(pwshValue) };
    case 'HashtableAst':
      return { ...base, kind: 'hashtable' };
    default:
      return { ...base, kind: 'other' };
  }
}

function pwshElements(command: PwshCommand, text: string): Element[] {
  const out: Element[] = [];
  const els = command.elements;
  for (let i = 0; i < els.length; i++) {
    const e = els[i];
    if (e.type === 'parameter') {
      const name = e.name ?? '';
      const colon = text[e.start + 1 + name.length] === ':';
      let value: Value | undefined;
      if (e.argument) value = pwshValue(e.argument);
      else if (!colon) {
        const next = els[i + 1];
        if (next && next.type === 'argument' && !next.splatted) {
          value = pwshValue(next as PwshValue);
          i++;
        }
      }
      out.push({ type: 'parameter', name, start: e.start, colon, ...(value ? { value } : {}) });
    } else if (e.splatted) out.push({ type: 'splat', name: e.variable ?? '', start: e.start, end: e.end });
    else out.push({ type: 'argument', value: pwshValue(e as PwshValue) });
  }
  return out;
}

function oursValue(v: PsValue, text: string): Value {
  const base = { start: v.span.start, end: v.span.end };
  const t = v.text;
  switch (v.kind) {
    case 'string': {
      const here = t[0] === '@';
      const single = isSingleQuote(here ? t[1] : t[0]);
      return { ...base, kind: `${single ? 'single' : 'double'}${here ? '-here' : ''}`, value: v.value };
    }
    case 'bareword':
      return { ...base, kind: 'bare', value: v.value };
    case 'expandable':
      return { ...base, kind: 'expandable' };
    case 'number':
      return { ...base, kind: 'number' };
    case 'boolean':
    case 'null':
    case 'variable':
      return { ...base, kind: 'variable' };
    case 'array':
      return t.startsWith('@(')
        ? { ...base, kind: 'other' }
        : { ...base, kind: 'array', items: (v.items ?? []).map((i) => oursValue(i, text)) };
    case 'hashtable':
      // `[PSCustomObject]@{…}` is a cast for PowerShell.
      return { ...base, kind: v.cast ? 'other' : 'hashtable' };
    default:
      return { ...base, kind: 'other' };
  }
}

function oursElements(command: PsCommand, text: string): Element[] {
  const out: (Element & { at: number })[] = [];
  for (const p of command.parameters) {
    if (p.origin !== 'literal') continue;
    out.push({
      type: 'parameter',
      name: p.name,
      start: p.span.start,
      colon: p.colonValue,
      ...(p.value ? { value: oursValue(p.value, text) } : {}),
      at: p.span.start,
    });
  }
  for (const v of command.positional) out.push({ type: 'argument', value: oursValue(v, text), at: v.span.start });
  for (const s of command.splats) out.push({ type: 'splat', name: s.variable, start: s.span.start, end: s.span.end, at: s.span.start });
  return out.sort((a, b) => a.at - b.at).map(({ at: _at, ...e }) => e as Element);
}

function describeValue(v: Value | undefined, text: string): string {
  if (!v) return '(none)';
  return `${v.kind}[${v.start},${v.end}) ${JSON.stringify(text.slice(v.start, v.end))}${v.value !== undefined ? ` value ${JSON.stringify(v.value)}` : ''}${v.items ? ` items ${v.items.length}` : ''}`;
}

function lineOf(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  return text.slice(start, end).replace(/\r$/, '');
}

export function compareParse(
  input: string,
  text: string,
  ours: PowerShellDocument,
  theirs: PwshParse,
  counts: ComparisonCounts,
): Difference[] {
  const diffs: Difference[] = [];
  const add = (category: string, excerpt: string, detail: string): void => {
    diffs.push({ input, category, excerpt: excerpt.length > 400 ? `${excerpt.slice(0, 400)}…` : excerpt, detail });
  };
  const script = ours.script;

  // Commands: matched by where their name starts.
  const oursByName = new Map(script.commands.map((c) => [c.nameSpan.start, c]));
  const matched = new Set<number>();
  for (const c of theirs.commands) {
    if (c.name === null) continue; // `& $command`: no static name, nothing for the rules
    counts.statements++;
    counts.commands++;
    const excerpt = text.slice(c.start, c.end);
    const mine = oursByName.get(c.nameStart);
    if (!mine) {
      // From the start of its line: what comes before it on the line tells why it was missed.
      add(
        'command-missing',
        text.slice(text.lastIndexOf('\n', c.start - 1) + 1, c.end),
        `PowerShell sees the command ${c.name} at ${c.nameStart}; the extraction does not`,
      );
      continue;
    }
    matched.add(c.nameStart);
    const name = text.slice(c.nameStart, c.nameEnd);
    const quotedName = isSingleQuote(name[0]) || isDoubleQuote(name[0]);
    if ((quotedName ? c.name : name) !== mine.name || c.nameEnd !== mine.nameSpan.end)
      add(
        'command-name',
        excerpt,
        `PowerShell: ${JSON.stringify(c.name)} [${c.nameStart},${c.nameEnd}); ours: ${JSON.stringify(mine.name)} [${mine.nameSpan.start},${mine.nameSpan.end})`,
      );
    if (c.end !== mine.span.end)
      add(
        c.redirections > 0 ? 'command-end-redirection' : 'command-end',
        excerpt,
        `PowerShell ends the command at ${c.end}, ours at ${mine.span.end}`,
      );
    if (c.position > 0 !== (mine.pipelineInput !== undefined))
      add(
        'pipeline-position',
        excerpt,
        `PowerShell: element ${c.position} of its pipeline; ours: ${mine.pipelineInput ? 'has' : 'no'} pipeline input`,
      );
    const a = pwshElements(c, text);
    const b = oursElements(mine, text);
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const x = a[i];
      const y = b[i];
      if (!x || !y || x.type !== y.type) {
        add(
          'element-sequence',
          excerpt,
          `element ${i}: PowerShell ${x ? JSON.stringify(x) : '(none)'}; ours ${y ? JSON.stringify(y) : '(none)'}`,
        );
        break;
      }
      if (x.type === 'splat' && y.type === 'splat') {
        if (x.name.toLowerCase() !== y.name.toLowerCase() || x.start !== y.start || x.end !== y.end)
          add('splat', excerpt, `PowerShell @${x.name} [${x.start},${x.end}); ours @${y.name} [${y.start},${y.end})`);
        continue;
      }
      if (x.type === 'parameter' && y.type === 'parameter') {
        if (x.name !== y.name || x.start !== y.start)
          add('parameter-name', excerpt, `PowerShell -${x.name} at ${x.start}; ours -${y.name} at ${y.start}`);
        if (x.colon !== y.colon) add('parameter-colon', excerpt, `-${x.name}: PowerShell colon ${x.colon}, ours ${y.colon}`);
        compareValue(text, `-${x.name}`, x.value, y.value, excerpt, add);
        continue;
      }
      if (x.type === 'argument' && y.type === 'argument') compareValue(text, `argument ${i}`, x.value, y.value, excerpt, add);
    }
  }
  for (const c of script.commands) {
    if (matched.has(c.nameSpan.start)) continue;
    // Inside `--%` text or a comment PowerShell sees no command; a name PowerShell reads as an expression neither.
    add(
      'command-extra',
      text.slice(c.span.start, c.span.end),
      `the extraction sees a command ${JSON.stringify(c.name)} at ${c.nameSpan.start} that PowerShell does not`,
    );
  }

  // Assignments of string literals (the embedded ProfileXML's variable).
  for (const asg of theirs.assignments) {
    counts.statements++;
    if (asg.left !== 'VariableExpressionAst' || !asg.value || asg.variableStart === undefined) continue;
    const v = pwshValue(asg.value);
    if (!['single', 'double', 'single-here', 'double-here', 'expandable'].includes(v.kind)) continue;
    counts.assignments++;
    const excerpt = lineOf(text, asg.start);
    const mine = script.assignments.find((m) => m.variableSpan.start === asg.variableStart);
    if (!mine) {
      add(
        'assignment-missing',
        excerpt,
        `PowerShell assigns $${asg.variable} a string at ${asg.start}; the extraction has no assignment there`,
      );
      continue;
    }
    if (
      mine.variable.toLowerCase() !== (asg.variable ?? '').replace(/^(global|local|script|private):/i, '').toLowerCase() ||
      mine.operator !== OPERATORS[asg.operator]
    )
      add('assignment-target', excerpt, `PowerShell $${asg.variable} ${asg.operator}; ours $${mine.variable} ${mine.operator}`);
    compareValue(text, `$${asg.variable}`, v, oursValue(mine.value, text), excerpt, add);
  }

  // Every string literal, with its quoting and, for constant ones, its value as PowerShell computes it.
  const oursStrings = new Map(script.strings.map((s) => [s.span.start, s]));
  const literals = new Map(literalsOf(ours).map((l) => [l.span.start, l]));
  const seen = new Set<number>();
  for (const s of theirs.strings) {
    counts.strings++;
    const excerpt = lineOf(text, s.start);
    const mine = oursStrings.get(s.start);
    if (!mine) {
      // The innermost command around it, when there is one: the cause is usually earlier in that command.
      const around = theirs.commands
        .filter((c) => c.start <= s.start && s.end <= c.end)
        .sort((a, b) => a.end - a.start - (b.end - b.start))[0];
      add(
        'string-missing',
        around ? text.slice(around.start, around.end) : excerpt,
        `PowerShell sees a ${s.quoting} string [${s.start},${s.end}); the extraction does not`,
      );
      continue;
    }
    seen.add(s.start);
    const quoting = s.quoting?.replace(/^expandable-/, '');
    if (quoting !== mine.quoting || s.end !== mine.span.end)
      add(
        'string-extent',
        excerpt,
        `PowerShell ${s.quoting} [${s.start},${s.end}); ours ${mine.quoting} [${mine.span.start},${mine.span.end})`,
      );
    if (s.ast === 'StringConstantExpressionAst' && s.value !== undefined) {
      counts.literalValues++;
      const literal = literals.get(s.start);
      const virtual = literal ? buildVirtualText(text, literal).text : undefined;
      if (virtual !== s.value)
        add(
          'string-value',
          excerpt,
          `PowerShell's value ${JSON.stringify(s.value)}; the embedded mapping's text ${JSON.stringify(virtual)}`,
        );
    }
  }
  // The quoted parts of a compound bareword (`[int]'5'`, `a"b"`) are one token for PowerShell.
  const barewords = theirs.commands
    .flatMap((c) => c.elements.flatMap((e) => [e, ...(e.argument ? [e.argument] : []), ...(e.items ?? [])]))
    .filter((e) => e.quoting === 'bare' || e.quoting === 'expandable-bare');
  for (const s of script.strings) {
    if (seen.has(s.span.start)) continue;
    const inside = barewords.some((b) => b.start <= s.span.start && s.span.end <= b.end);
    add(
      inside ? 'string-extra-in-bareword' : 'string-extra',
      lineOf(text, s.span.start),
      `the extraction sees a ${s.quoting} string [${s.span.start},${s.span.end}) that PowerShell does not`,
    );
  }

  // Comments.
  const theirComments = new Set(theirs.comments.map((c) => `${c.start},${c.end}`));
  const ourComments = new Set(script.comments.map((c) => `${c.start},${c.end}`));
  counts.comments += theirComments.size;
  for (const c of theirs.comments)
    if (!ourComments.has(`${c.start},${c.end}`))
      add(
        'comment-missing',
        lineOf(text, c.start),
        `PowerShell comment [${c.start},${c.end}) ${JSON.stringify(text.slice(c.start, c.end))}`,
      );
  for (const c of script.comments)
    if (!theirComments.has(`${c.start},${c.end}`))
      add('comment-extra', lineOf(text, c.start), `our comment [${c.start},${c.end}) ${JSON.stringify(text.slice(c.start, c.end))}`);
  return diffs;
}

function compareValue(
  text: string,
  what: string,
  x: Value | undefined,
  y: Value | undefined,
  excerpt: string,
  add: (category: string, excerpt: string, detail: string) => void,
): void {
  if (!x && !y) return;
  if (!x || !y) {
    add('value-presence', excerpt, `${what}: PowerShell ${describeValue(x, text)}; ours ${describeValue(y, text)}`);
    return;
  }
  if (x.kind !== y.kind) {
    add(`value-kind ${x.kind}/${y.kind}`, excerpt, `${what}: PowerShell ${describeValue(x, text)}; ours ${describeValue(y, text)}`);
    return;
  }
  if (x.start !== y.start || x.end !== y.end)
    add('value-extent', excerpt, `${what}: PowerShell ${describeValue(x, text)}; ours ${describeValue(y, text)}`);
  else if (x.value !== undefined && x.value !== y.value)
    add('value-text', excerpt, `${what}: PowerShell ${describeValue(x, text)}; ours ${describeValue(y, text)}`);
  if (x.items && y.items) {
    if (x.items.length !== y.items.length)
      add('value-items', excerpt, `${what}: PowerShell ${x.items.length} items; ours ${y.items.length}`);
    else for (let i = 0; i < x.items.length; i++) compareValue(text, `${what}[${i}]`, x.items[i], y.items[i], excerpt, add);
  }
}
