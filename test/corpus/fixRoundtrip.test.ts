/**
 * Safe-edit property test (tracker issue 6): every quick fix the service offers, and fix-all,
 * applied to every profile of the set (the repository's test/fixtures/profiles/ in `npm test`, DIR
 * in `npm run test:corpus -- DIR`), to the project's PowerShell (fixtures, the scripts of the
 * unit tests and snippets, every profile wrapped in a script; in `npm test` only) and to fuzzed
 * variants of all of these, made with the fuzzer's own generators (fuzz/generators.ts) under a fixed seed, plus
 * each profile with a comment after every start tag. Each document is checked with the default
 * settings and with the Intune deployment (whose rules reorder), next to the workspace's server
 * policy (test/fixtures/workspace/server.ps1, so that ipsec-policy-mismatch and its fixes run).
 *
 * For each diagnostic, the quick fixes offered at its range are applied one at a time to the
 * original text, and fix-all is applied (twice). The properties:
 *
 * (edit)  Edits are well-formed LSP: positions inside the document, no overlaps, only this
 *         document's URI; applying them with our own offset arithmetic gives the same text as
 *         `TextDocument.applyEdits`, and every character outside the edit ranges is unchanged.
 * (a)     Well-formed XML stays well-formed (xml/wellFormed.ts, the check the service uses). In
 *         scripts: every embedded profile that was well-formed still is, the script has as many
 *         embedded profiles as before, a script that parsed without error still does and, on the
 *         lines the edits do not touch, has the same tokens as before (the fix did not open or
 *         close a string or here-string around the rest of the script). Token by token only for
 *         scripts that parsed cleanly: tree-sitter's error recovery is not local.
 * (span)  The intended span. A fix may edit only inside the *scope* of its diagnostic: the
 *         parent of the innermost element holding the diagnostic range (or holding one of its
 *         related ranges), i.e. the diagnostic's element and its siblings — "add the missing
 *         child", "set the sibling that decides this", "insert a suite next to the protocol".
 *         A diagnostic on the root element scopes the whole root. "Move X into Y" also may edit
 *         inside the Y elements (the destination). For PowerShell rules the scope is the lines
 *         of the command holding the diagnostic, with the line break after them (a fix may add a
 *         statement on the next line). Suppression fixes ("Disable … for this line") must be a
 *         single insertion, at the start of the diagnostic's line, of exactly one suppression
 *         comment (re-escaped for the literal in scripts) and a line break.
 * (c)     Every comment of the input is still in the output byte for byte, as many times as
 *         before: `<!-- … -->` anywhere in a profile (in a script: in its embedded profiles, as
 *         the string hands them over), and PowerShell `#` / `<# #>` comments as the parser finds
 *         them. Fixes that remove an element leave its comments in its place.
 * (d)     No text is lost but the intended text. Markup (start and end tags, comments, CDATA,
 *         processing instructions) an action replaces and does not write back must be whole,
 *         closed elements named in a "Remove …" fix's title ("Remove this extra Address" removes
 *         <Address> elements, the one the diagnostic is on among them; "… (remove the user
 *         method)" a UserMethod). Other text an action drops (an old value, an old name) must
 *         come from inside the diagnostic's own element, a related element, or an element the
 *         title names (for PowerShell rules: the diagnostic's command).
 * (f)     A quick fix resolves its diagnostic: afterwards fewer diagnostics with its rule id
 *         than before stand inside the place the old range maps to (a range inside an edit maps
 *         to all of its new text), on an element at the same path. Suppression fixes must
 *         silence it.
 * (e)     fix-all: the result is exactly what applying the preferred quick fixes pass after pass
 *         gives (so every change fix-all makes is one of the quick fixes checked above), and it
 *         keeps (a) and (c). A second fix-all changes nothing, or goes on where the first stopped
 *         at its pass limit: then it must make progress (fewer findings) and keep (a) and (c).
 *
 * Failures name the input (corpus file or script, generator, seed and variant index), the
 * settings, the rule, the action and the property, with a short diff. Every input is a pure
 * function of SEED, the corpus (the set of profiles, the test fixtures and the scripts quoted in
 * test/unit, as the fuzzer collects them) and the fuzzer's generators. `FIX_ROUNDTRIP_LOG=/tmp/fr.txt`
 * writes every failure to that file and each failing input beside it, to replay by hand.
 * Bugs this test found in code outside the fix modules are listed in KNOWN_OPEN and reported as
 * todo until fixed.
 */
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isRuleId } from '../../server/src/service/core/ruleIds';
import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver-types';
import { loadCorpus, type Corpus, type CorpusFile } from '../../fuzz/corpus';
import { decodeForService } from '../../fuzz/decode';
import { WEIGHTS, wrapInScript } from '../../fuzz/generators';
import { createRng } from '../../fuzz/rng';
import { nodeWasmSource } from '../../server/src/host/wasm';
import { fixAllText } from '../../server/src/service/languageService';
import { parsePowerShellDocument, type PowerShellDocument } from '../../server/src/service/powershell/document';
import { embeddedProfiles } from '../../server/src/service/powershell/embedded';
import { toScriptSpan, toVirtualOffset } from '../../server/src/service/powershell/embeddedMap';
import { loadPowerShellParser, type PowerShellParser } from '../../server/src/service/powershell/grammar';
import type { RatedFinding } from '../../server/src/service/profilexml/validate';
import type { Fix, OffsetEdit } from '../../server/src/service/core/findings';
import type { Settings } from '../../server/src/service/settings';
import { checkWellFormed } from '../../server/src/service/xml/wellFormed';
import { parseXmlTree, type Span, type XmlDocument, type XmlElement, type XmlNode } from '../../server/src/service/xml/xmlTree';
import { CORPUS_DIR, OUTSIDE_CORPUS } from '../helpers/corpus';
import { powerShellReady, service } from '../helpers/service';

// ---- the inputs ----------------------------------------------------------------------------

/**
 * Fixed: the variants are a pure function of this seed, the corpus and the fuzzer's mutators.
 * (FIX_ROUNDTRIP_SEED and FIX_ROUNDTRIP_VARIANTS explore other seeds and more variants by hand.)
 */
const SEED = process.env.FIX_ROUNDTRIP_SEED ?? 'fix-roundtrip-6';
/** Fuzzed variants per corpus profile and per script (chosen so the whole file runs in well under a minute on 2 cores). */
const XML_VARIANTS = Number(process.env.FIX_ROUNDTRIP_VARIANTS ?? 8);
const PS_VARIANTS = Math.max(1, Math.round(XML_VARIANTS / 4));
/** The fuzzer's text-level profile mutators (whole-file generators such as random trees, and the 100 KB ones, are left to the fuzzer). */
const XML_MUTATORS = [
  'xml-text-edits',
  'xml-element-delete',
  'xml-element-duplicate',
  'xml-element-reorder',
  'xml-element-rename',
  'xml-value-replace',
  'xml-eol-mix',
  'xml-splice',
  'xml-truncate',
] as const;
const PS_MUTATORS = ['ps-script-edits', 'ps-wrapped-profile'] as const;
const SETTINGS: readonly Partial<Settings>[] = [{ deployment: 'any' }, { deployment: 'intune' }];
const ROOT = path.join(__dirname, '..', '..');
const SERVER_SCRIPT = path.join(ROOT, 'test', 'fixtures', 'workspace', 'server.ps1');

// The acceptance run checks DIR's profiles (and its scripts, if it has any); the repository's own
// scripts are `npm test`'s business.
const corpus: Corpus = loadCorpus({ profileDirs: [CORPUS_DIR], repositoryScripts: !OUTSIDE_CORPUS });

type Generate = (typeof WEIGHTS)[number][1];
function mutator(name: string): Generate {
  const entry = WEIGHTS.find(([n]) => n === name);
  if (!entry) throw new Error(`fuzz/generators.ts has no generator ${name}`);
  return entry[1];
}

interface Input {
  /** Where it comes from: corpus file or script name. */
  origin: string;
  /** "original", or "<generator> #<i> (seed …)". */
  variant: string;
  kind: 'xml' | 'ps';
  text: string;
}

/** Variant `index` of a corpus profile: one of the fuzzer's mutators on a corpus holding only that file. */
function variantText(file: CorpusFile, index: number): { generator: string; text: string } {
  const generator = XML_MUTATORS[(hashName(file.name) + index) % XML_MUTATORS.length];
  const made = mutator(generator)({
    corpus: { ...corpus, profiles: [file] },
    rng: createRng(SEED, file.name, index),
    ordinal: index,
    seed: SEED,
  });
  return { generator, text: decodeForService(made.bytes).text };
}

function scriptVariant(name: string, script: string, index: number): { generator: string; text: string } {
  const generator = PS_MUTATORS[index % PS_MUTATORS.length];
  const made = mutator(generator)({
    corpus: { ...corpus, scripts: [script] },
    rng: createRng(SEED, name, index),
    ordinal: index,
    seed: SEED,
  });
  return { generator, text: decodeForService(made.bytes).text };
}

function hashName(name: string): number {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) >>> 0;
  return h;
}

/**
 * The profile with a comment right after every start tag (`<Servers><!-- c7 -->vpn…`): few real
 * profiles have comments inside values and inside the elements fixes remove, move or reorder,
 * and those are the comments a careless edit loses.
 */
function commented(text: string): string | undefined {
  if (checkWellFormed(text).length) return undefined;
  const at: number[] = [];
  const walk = (nodes: readonly XmlNode[]): void => {
    for (const node of nodes) {
      if (node.kind !== 'element') continue;
      if (!node.selfClosing && node.endTag) at.push(node.startTagEnd);
      walk(node.children);
    }
  };
  walk(parseXmlTree(text).children);
  let out = '';
  let pos = 0;
  at.sort((a, b) => a - b).forEach((offset, i) => {
    out += text.slice(pos, offset) + `<!-- c${i} -->`;
    pos = offset;
  });
  return out + text.slice(pos);
}

function profileInputs(file: CorpusFile): Input[] {
  const inputs: Input[] = [{ origin: file.name, variant: 'original', kind: 'xml', text: file.text }];
  for (let i = 0; i < XML_VARIANTS; i++) {
    const v = variantText(file, i);
    inputs.push({ origin: file.name, variant: `${v.generator} #${i} (seed ${SEED})`, kind: 'xml', text: v.text });
  }
  const withComments = commented(file.text);
  if (withComments) inputs.push({ origin: file.name, variant: 'a comment after every start tag', kind: 'xml', text: withComments });
  // The profile as scripts carry it (here-strings, quoted strings, `+=` lines …), and a mutated copy so wrapped.
  inputs.push({
    origin: file.name,
    variant: `wrapped in a script (seed ${SEED})`,
    kind: 'ps',
    text: wrapInScript(file.text, createRng(SEED, file.name, 'wrap'), corpus),
  });
  inputs.push({
    origin: file.name,
    variant: `${inputs[1].variant}, wrapped in a script`,
    kind: 'ps',
    text: wrapInScript(inputs[1].text, createRng(SEED, file.name, 'wrap', 1), corpus),
  });
  return inputs;
}

function scriptInputs(name: string, script: string): Input[] {
  const inputs: Input[] = [{ origin: name, variant: 'original', kind: 'ps', text: script }];
  for (let i = 0; i < PS_VARIANTS; i++) {
    const v = scriptVariant(name, script, i);
    inputs.push({ origin: name, variant: `${v.generator} #${i} (seed ${SEED})`, kind: 'ps', text: v.text });
  }
  return inputs;
}

// ---- counters for the report ----------------------------------------------------------------

const stats = { inputs: 0, documents: 0, diagnostics: 0, actions: 0, suppressions: 0, fixAll: 0, fixAllChanged: 0 };

// ---- text helpers ---------------------------------------------------------------------------

interface Edit extends OffsetEdit {
  /** Index in the action's edit list (for messages). */
  index: number;
}

/** Applies sorted, non-overlapping offset edits. */
function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string {
  let out = '';
  let pos = 0;
  for (const e of edits) {
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  return out + text.slice(pos);
}

/**
 * Where an offset of the input ends up in the output. An offset inside an edit (or at an
 * insertion) maps to the start of its new text for a span's start (`left`) and to the end of it
 * for a span's end (`right`), so that a mapped span covers whatever replaced it.
 */
function mapOffset(edits: readonly OffsetEdit[], offset: number, side: 'left' | 'right'): number {
  let delta = 0;
  for (const e of edits) {
    if (offset < e.start) break;
    const empty = e.start === e.end;
    if (offset > e.end || (!empty && offset === e.end && side === 'left')) {
      delta += e.newText.length - (e.end - e.start);
      continue;
    }
    if (!empty && offset === e.start && side === 'right') break;
    return side === 'left' ? e.start + delta : e.start + delta + e.newText.length;
  }
  return offset + delta;
}

function shortDiff(before: string, after: string): string {
  let p = 0;
  while (p < before.length && p < after.length && before[p] === after[p]) p++;
  let s = 0;
  while (s < before.length - p && s < after.length - p && before[before.length - 1 - s] === after[after.length - 1 - s]) s++;
  const line = before.slice(0, p).split('\n').length;
  const clip = (t: string): string => (t.length > 240 ? `${t.slice(0, 110)} … ${t.slice(-110)}` : t);
  const from = Math.max(0, p - 30);
  return `line ${line}:\n      - ${JSON.stringify(clip(before.slice(from, before.length - s + 20)))}\n      + ${JSON.stringify(clip(after.slice(from, after.length - s + 20)))}`;
}

/** Multiset difference: items of `a` not matched by items of `b`. */
function missing(a: readonly string[], b: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const x of b) counts.set(x, (counts.get(x) ?? 0) + 1);
  const out: string[] = [];
  for (const x of a) {
    const n = counts.get(x) ?? 0;
    if (n > 0) counts.set(x, n - 1);
    else out.push(x);
  }
  return out;
}

const XML_COMMENT = /<!--[\s\S]*?-->/g;
const MARKUP = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<\/?[A-Za-z_][\w.:-]*/g;

function xmlComments(text: string): string[] {
  return text.match(XML_COMMENT) ?? [];
}

function markupItems(text: string): string[] {
  return text.match(MARKUP) ?? [];
}

/** Words of the text outside markup (an old value, an old name, attribute text). */
function textTokens(text: string): string[] {
  return text
    .replace(MARKUP, ' ')
    .split(/[\s<>/]+/)
    .filter(Boolean);
}

/** "Use machine certificate authentication (remove the user method …)" → "usemachinecertificate…usermethod…". */
function squash(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function within(inner: Span, outer: Span): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

// ---- views of the XML in a document (the document itself, or the profiles embedded in a script) ----

interface XmlView {
  tree: XmlDocument;
  /** Document offsets the view's text covers. */
  contentSpan: Span;
  wellFormed: boolean;
  /** Document offset → view offset (undefined outside the view). */
  toView(offset: number): number | undefined;
  /** View span → document span. */
  toDocument(span: Span): Span;
}

interface Analysed {
  text: string;
  kind: 'xml' | 'ps';
  views: XmlView[];
  script?: PowerShellDocument;
}

let psParser: PowerShellParser | undefined;

function analyse(text: string, kind: 'xml' | 'ps'): Analysed {
  if (kind === 'xml') {
    const tree = parseXmlTree(text);
    return {
      text,
      kind,
      views: [
        {
          tree,
          contentSpan: { start: 0, end: text.length },
          wellFormed: checkWellFormed(text).length === 0,
          toView: (o) => o,
          toDocument: (s) => s,
        },
      ],
    };
  }
  const script = parsePowerShellDocument(psParser!, text);
  const views = embeddedProfiles(script).map((e): XmlView => ({
    tree: e.profile.tree,
    contentSpan: e.literal.contentSpan,
    wellFormed: e.profile.wellFormedness.length === 0,
    toView: (o) => toVirtualOffset(e.virtual, o),
    toDocument: (s) => toScriptSpan(e.virtual, s),
  }));
  return { text, kind, views, script };
}

function viewAt(a: Analysed, span: Span): XmlView | undefined {
  return a.views.find((v) => v.contentSpan.start <= span.start && span.end <= v.contentSpan.end);
}

function innermost(nodes: readonly XmlNode[], span: Span): XmlElement | undefined {
  for (const node of nodes) {
    if (node.kind !== 'element') continue;
    if (node.start <= span.start && span.end <= node.end) return innermost(node.children, span) ?? node;
  }
  return undefined;
}

function elementsNamed(nodes: readonly XmlNode[], localName: string, out: XmlElement[] = []): XmlElement[] {
  for (const node of nodes) {
    if (node.kind !== 'element') continue;
    if (node.localName === localName) out.push(node);
    elementsNamed(node.children, localName, out);
  }
  return out;
}

function pathOf(element: XmlElement | undefined): string {
  const names: string[] = [];
  for (let e = element; e; e = e.parent) names.unshift(e.localName);
  return names.join('/');
}

interface Located {
  view?: XmlView;
  element?: XmlElement;
  /** The element's extent in document offsets. */
  elementSpan?: Span;
  /** The scope (see the header): the element's parent (or the root itself), in document offsets. */
  scope: Span;
  path: string;
}

/** The element holding a document span, and its scope. Outside any XML: the PowerShell command (its lines). */
function locate(a: Analysed, span: Span): Located {
  const view = viewAt(a, span);
  if (view) {
    const start = view.toView(span.start);
    const end = view.toView(span.end);
    if (start !== undefined && end !== undefined) {
      const element = innermost(view.tree.children, { start, end });
      if (!element) return { view, scope: view.contentSpan, path: '' };
      const scopeElement = element.parent ?? element;
      return {
        view,
        element,
        elementSpan: view.toDocument({ start: element.start, end: element.end }),
        scope: view.toDocument({ start: scopeElement.start, end: scopeElement.end }),
        path: pathOf(element),
      };
    }
  }
  return { scope: commandLines(a, span), path: '' };
}

/** The lines of the innermost PowerShell command holding the span (the span's own line when none does). */
function commandLines(a: Analysed, span: Span): Span {
  const commands = a.script?.script.commands ?? [];
  let best: Span = span;
  let size = Infinity;
  for (const c of commands) {
    if (c.span.start <= span.start && span.end <= c.span.end && c.span.end - c.span.start < size) {
      best = c.span;
      size = c.span.end - c.span.start;
    }
  }
  // From the start of its first line to the end of its last line, line break included (a fix
  // may add a statement on a line of its own right after the command).
  const text = a.text;
  const start = Math.max(text.lastIndexOf('\n', best.start - 1), text.lastIndexOf('\r', best.start - 1)) + 1;
  let end = best.end;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  if (text[end] === '\r') end++;
  if (text[end] === '\n') end++;
  return { start, end };
}

// ---- the checks -----------------------------------------------------------------------------

/** Bugs found by this test in code outside the fix modules, reported and not fixed yet: shown as todo, not failed. */
interface KnownOpen {
  reason: string;
}
// Bugs found outside the fix modules can be listed here as `KnownOpen` and reported as todo
// until fixed; none are open (the last two, a suppression comment inserted into a multi-line
// string and fix-all's edit ending between the \r and \n of a CRLF, are fixed).

interface Failure {
  known?: KnownOpen;
  input: Input;
  settings: Partial<Settings>;
  rule: string;
  action: string;
  property: string;
  detail: string;
}

function describeFailure(f: Failure): string {
  return `${f.input.origin} [${f.input.variant}] deployment=${f.settings.deployment} rule=${f.rule} action="${f.action}"\n    ${f.property}: ${f.detail}`;
}

interface DocContext {
  input: Input;
  settings: Partial<Settings>;
  uri: string;
  document: TextDocument;
  /** Every diagnostic of the document (before any fix). */
  diagnostics: Diagnostic[];
  before: Analysed;
  fail(rule: string, action: string, property: string, detail: string, known?: KnownOpen): void;
}

let version = 0;
function makeDocument(uri: string, kind: 'xml' | 'ps', text: string): TextDocument {
  return TextDocument.create(uri, kind === 'ps' ? 'powershell' : 'xml', ++version, text);
}

/** The action's edits as sorted offset edits, or a reason they are not acceptable. */
function offsetEditsOf(ctx: DocContext, action: CodeAction): Edit[] | string {
  if (action.edit?.documentChanges) return 'uses documentChanges';
  const changes = action.edit?.changes ?? {};
  const uris = Object.keys(changes);
  if (uris.some((u) => u !== ctx.uri)) return `edits other documents: ${uris.join(', ')}`;
  const textEdits = changes[ctx.uri] ?? [];
  if (textEdits.length === 0) return 'no edits';
  const d = ctx.document;
  const edits: Edit[] = [];
  for (const [index, e] of textEdits.entries()) {
    for (const p of [e.range.start, e.range.end]) {
      const back = d.positionAt(d.offsetAt(p));
      if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || back.line !== p.line || back.character !== p.character) {
        return `edit ${index} position ${JSON.stringify(p)} is not inside the document`;
      }
    }
    const start = d.offsetAt(e.range.start);
    const end = d.offsetAt(e.range.end);
    if (end < start) return `edit ${index} ends before it starts`;
    edits.push({ start, end, newText: e.newText, index });
  }
  edits.sort((x, y) => x.start - y.start || x.end - y.end || x.index - y.index);
  for (let i = 1; i < edits.length; i++) {
    if (edits[i].start < edits[i - 1].end) return `edits ${edits[i - 1].index} and ${edits[i].index} overlap`;
  }
  return edits;
}

/** Everything outside the edits is the input, unchanged and in order. */
function confined(before: string, after: string, edits: readonly OffsetEdit[]): string | undefined {
  let pos = 0;
  let out = 0;
  for (const e of edits) {
    const keep = before.slice(pos, e.start);
    if (after.slice(out, out + keep.length) !== keep) return `text before offset ${e.start} changed`;
    out += keep.length;
    if (after.slice(out, out + e.newText.length) !== e.newText) return `the edit's new text is not at offset ${out}`;
    out += e.newText.length;
    pos = e.end;
  }
  if (after.slice(out) !== before.slice(pos)) return `text after offset ${pos} changed`;
  return undefined;
}

/** (a) and (c) for any change of the document (a quick fix or fix-all). */
function structuralProblems(before: Analysed, after: Analysed, edits: readonly OffsetEdit[]): { property: string; detail: string }[] {
  const problems: { property: string; detail: string }[] = [];
  // (c) comments, byte for byte, none fewer. In a script, XML comments are those of its embedded
  // profiles (as the string hands them over): `<!--` in PowerShell code is not a comment.
  const commentsOf = (a: Analysed): string[] =>
    a.kind === 'xml' ? xmlComments(a.text) : a.views.flatMap((v) => v.tree.comments.map((c) => v.tree.text.slice(c.start, c.end)));
  const lostXml = missing(commentsOf(before), commentsOf(after));
  if (lostXml.length)
    problems.push({ property: '(c) comment lost', detail: lostXml.map((c) => JSON.stringify(c.slice(0, 80))).join(', ') });
  if (before.script && after.script) {
    const psComments = (a: Analysed): string[] => a.script!.script.comments.map((c) => a.text.slice(c.start, c.end));
    const lostPs = missing(psComments(before), psComments(after));
    if (lostPs.length)
      problems.push({ property: '(c) PowerShell comment lost', detail: lostPs.map((c) => JSON.stringify(c.slice(0, 80))).join(', ') });
  }
  // (a) well-formedness.
  if (before.kind === 'xml') {
    if (before.views[0].wellFormed && !after.views[0].wellFormed)
      problems.push({ property: '(a) no longer well-formed', detail: JSON.stringify(checkWellFormed(after.text)[0]) });
    return problems;
  }
  if (before.views.length !== after.views.length) {
    problems.push({
      property: '(a) embedded profiles changed',
      detail: `${before.views.length} embedded profiles before, ${after.views.length} after`,
    });
  } else {
    before.views.forEach((v, i) => {
      if (v.wellFormed && !after.views[i].wellFormed)
        problems.push({ property: '(a) embedded profile no longer well-formed', detail: `embedded profile ${i + 1}` });
    });
  }
  const treeBefore = before.script!.script.tree;
  const treeAfter = after.script!.script.tree;
  if (!treeBefore.rootNode.hasError && treeAfter.rootNode.hasError)
    problems.push({ property: '(a) script no longer parses', detail: 'the PowerShell parser reports an error' });
  // Token by token only for scripts that parsed cleanly (tree-sitter's error recovery is not
  // local: an unclosed string at the end re-reads everything before it differently), and only on
  // the lines the edits do not touch: tokens before the first touched line keep their offsets,
  // tokens after the last one keep their distance from the end.
  if (edits.length && !treeBefore.rootNode.hasError) {
    const text = before.text;
    const lo = text.lastIndexOf('\n', edits[0].start - 1) + 1;
    const nl = text.indexOf('\n', edits[edits.length - 1].end);
    const hi = nl < 0 ? text.length : nl + 1;
    const shift = after.text.length - text.length;
    const tokens = (t: Analysed, from: number, to: number): string[] =>
      leaves(t)
        .filter((x) => x.end <= from || x.start >= to)
        .map((x) => `${x.type}:${x.start >= to ? `+${x.start - to}` : x.start}:${x.text}`);
    const a = tokens(before, lo, hi);
    const b = tokens(after, lo, hi + shift);
    if (a.join('\n') !== b.join('\n')) {
      let i = 0;
      while (i < a.length && a[i] === b[i]) i++;
      problems.push({
        property: '(a) script parses differently outside the fix',
        detail: `first token that differs: ${JSON.stringify(a[i] ?? '(none)')} became ${JSON.stringify(b[i] ?? '(none)')}`,
      });
    }
  }
  return problems;
}

interface Leaf {
  type: string;
  start: number;
  end: number;
  text: string;
}

const leafCache = new WeakMap<Analysed, Leaf[]>();
/** The parser's tokens (leaves of the syntax tree), in offsets of the text. */
function leaves(a: Analysed): Leaf[] {
  let out = leafCache.get(a);
  if (out) return out;
  out = [];
  const cursor = a.script!.script.tree.walk();
  // Tree-sitter reports UTF-8 byte offsets through `startIndex` only for UTF-8 input; web-tree-sitter
  // parses JavaScript strings as UTF-16, so the indices are string offsets.
  for (;;) {
    if (cursor.gotoFirstChild()) continue;
    out.push({
      type: cursor.nodeType,
      start: cursor.startIndex,
      end: cursor.endIndex,
      text: a.text.slice(cursor.startIndex, cursor.endIndex),
    });
    let moved = false;
    while (!moved) {
      if (cursor.gotoNextSibling()) moved = true;
      else if (!cursor.gotoParent()) {
        cursor.delete();
        leafCache.set(a, out);
        return out;
      }
    }
  }
}

const SUPPRESSION_LINE = /^[ \t]*(?:<!-- profilexml-disable-next-line [\w-]+ -->|# aovpn-disable-next-line [\w-]+)(?:\r\n|\n|\r|`r`n|`n)$/;

function sameDiagnostic(a: Diagnostic, b: Diagnostic): boolean {
  return a.code === b.code && a.message === b.message && JSON.stringify(a.range) === JSON.stringify(b.range);
}

function spanOf(d: TextDocument, range: Range): Span {
  return { start: d.offsetAt(range.start), end: d.offsetAt(range.end) };
}

/** All properties of one quick fix of one diagnostic. */
function checkQuickFix(ctx: DocContext, diagnostic: Diagnostic, action: CodeAction): void {
  const rule = String(diagnostic.code);
  const title = action.title;
  const fail = (property: string, detail: string): void => ctx.fail(rule, title, property, detail);
  const edits = offsetEditsOf(ctx, action);
  if (typeof edits === 'string') return fail('(edit) malformed edits', edits);
  const before = ctx.before;
  const text = before.text;
  const out = applyOffsetEdits(text, edits);
  const lspOut = TextDocument.applyEdits(ctx.document, action.edit!.changes![ctx.uri]);
  if (lspOut !== out) return fail('(edit) offset arithmetic', 'TextDocument.applyEdits gives another text than the offsets');
  const outside = confined(text, out, edits);
  if (outside) return fail('(b) change outside the edits', outside);
  if (out === text) return fail('(edit) no change', 'the fix leaves the document as it was');
  stats.actions++;
  const diff = (): string => shortDiff(text, out);
  const span = spanOf(ctx.document, diagnostic.range);
  const suppression = title.startsWith('Disable ');
  if (suppression) stats.suppressions++;

  // (span) the intended span.
  if (suppression) {
    const e = edits[0];
    const lineStart = text.lastIndexOf('\n', span.start - 1) + 1;
    const ok =
      edits.length === 1 &&
      e.start === e.end &&
      e.start === lineStart &&
      SUPPRESSION_LINE.test(e.newText) &&
      e.newText.includes(` ${rule} `.trimEnd());
    if (!ok)
      fail(
        '(span) suppression edit',
        `expected one insertion of a suppression comment line at the diagnostic's line start (${lineStart}); got ${JSON.stringify(edits.map((x) => ({ start: x.start, end: x.end, newText: x.newText })))}`,
      );
  } else {
    const located = [locate(before, span)];
    for (const r of diagnostic.relatedInformation ?? [])
      if (r.location.uri === ctx.uri) located.push(locate(before, spanOf(ctx.document, r.location.range)));
    const allowed = located.map((l) => l.scope);
    const move = /^Move (\S+) into (\S+)$/.exec(title);
    if (move)
      for (const v of before.views)
        for (const e of elementsNamed(v.tree.children, move[2])) allowed.push(v.toDocument({ start: e.start, end: e.end }));
    for (const e of edits) {
      if (!allowed.some((s) => within(e, s))) {
        fail(
          "(span) edit outside the diagnostic's scope",
          `edit ${e.index} [${e.start}, ${e.end}) is outside ${allowed.map((s) => `[${s.start}, ${s.end})`).join(' ∪ ')}\n    ${diff()}`,
        );
        break;
      }
    }
    // (d) nothing lost but the intended text.
    const removed = edits.map((e) => text.slice(e.start, e.end));
    const written = edits.map((e) => e.newText);
    const lostMarkup = missing(removed.flatMap(markupItems), written.flatMap(markupItems));
    const claimed: Span[] = located.flatMap((l) => (l.elementSpan ? [l.elementSpan] : l.view ? [] : [l.scope]));
    const named = new Set<string>();
    for (const v of before.views) {
      const walk = (nodes: readonly XmlNode[]): void => {
        for (const n of nodes) {
          if (n.kind !== 'element') continue;
          // Named as a word ("extra Id"), or spelt out in words ("the user method" for UserMethod).
          if (
            new RegExp(`\\b${n.localName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(title) ||
            (n.localName.length > 2 && squash(title).includes(squash(n.localName)))
          ) {
            named.add(n.localName);
            claimed.push(v.toDocument({ start: n.start, end: n.end }));
          }
          walk(n.children);
        }
      };
      walk(v.tree.children);
    }
    // Edits of a "Remove …" fix that remove whole elements the title names (with their content).
    const removal = /\bremove\b/i.test(title);
    const namedRemovals = new Set(edits.filter((e) => removal && removesNamedElements(text.slice(e.start, e.end), e.newText, named)));
    if (lostMarkup.length) {
      const bad = edits.filter((e) => markupItems(text.slice(e.start, e.end)).some((m) => lostMarkup.includes(m)) && !namedRemovals.has(e));
      if (bad.length)
        fail(
          '(d) markup lost',
          `${lostMarkup
            .slice(0, 6)
            .map((m) => JSON.stringify(m.slice(0, 60)))
            .join(
              ', ',
            )} removed by edit ${bad[0].index} and not written back${removal ? ' (not whole elements the title names)' : ''}\n    ${diff()}`,
        );
      if (/^Remove this extra /.test(title) && !edits.some((e) => within(span, e)))
        fail('(d) removes another element', `the diagnostic's element at ${span.start} is not in the removed text\n    ${diff()}`);
    }
    const lostText = missing(removed.flatMap(textTokens), written.flatMap(textTokens));
    if (lostText.length) {
      for (const e of edits) {
        const gone = missing(textTokens(text.slice(e.start, e.end)), written.flatMap(textTokens));
        if (gone.length && !namedRemovals.has(e) && !claimed.some((s) => within(e, s))) {
          fail(
            "(d) text lost outside the diagnostic's element",
            `${gone
              .slice(0, 6)
              .map((t) => JSON.stringify(t.slice(0, 60)))
              .join(', ')} removed by edit ${e.index}\n    ${diff()}`,
          );
          break;
        }
      }
    }
  }

  // (a), (c)
  const after = analyse(out, before.kind);
  for (const p of structuralProblems(before, after, edits)) fail(p.property, `${p.detail}\n    ${diff()}`);

  // (f) the diagnostic is gone from where it was.
  // "There" = inside the span the old range maps to (a range inside an edit maps to all of its new
  // text), on an element at the same path (a nested container's own finding is not this one).
  // Several findings of one rule may share a range (missing-element: one per missing child): the
  // fix must leave fewer of them there than there were.
  const mapped: Span = { start: mapOffset(edits, span.start, 'left'), end: mapOffset(edits, span.end, 'right') };
  const path = locate(before, span).path;
  const sharing = ctx.diagnostics.filter(
    (x) => x.code === diagnostic.code && JSON.stringify(x.range) === JSON.stringify(diagnostic.range),
  ).length;
  const afterDocument = makeDocument(ctx.uri, before.kind, out);
  const still = service
    .validate(afterDocument, ctx.settings)
    .filter((x) => x.code === diagnostic.code)
    .filter((x) => within(spanOf(afterDocument, x.range), mapped))
    .filter((x) => locate(after, spanOf(afterDocument, x.range)).path === path);
  if (still.length >= sharing) {
    const detail = `${still.length} ${rule} still reported at ${JSON.stringify(still[0].range)}: ${String(still[0].message).slice(0, 120)}\n    ${diff()}`;
    ctx.fail(rule, title, '(f) diagnostic not resolved', detail);
  }
}

/**
 * A "Remove …" edit: the text it replaces is whole, closed elements (each named in the title, or
 * written back verbatim), comments (kept, see (c)) and blanks. What it writes instead is free:
 * "Use machine certificate authentication (remove the user method)" writes a MachineMethod where
 * the UserMethod was.
 */
function removesNamedElements(removed: string, written: string, named: ReadonlySet<string>): boolean {
  let covered = '';
  for (const node of parseXmlTree(removed).children) {
    covered += removed.slice(node.start, node.end);
    if (node.kind === 'comment' || (node.kind === 'text' && !node.value.trim())) continue;
    if (node.kind !== 'element' || !node.closed) return false;
    if (!named.has(node.localName) && !written.includes(removed.slice(node.start, node.end))) return false;
  }
  // Nothing the tolerant parser skipped (a stray end tag).
  return covered.replace(/\s/g, '') === removed.replace(/\s/g, '');
}

/** Findings as the service's fix-all sees them, rebuilt from validate + codeActions. */
function findingsFromActions(uri: string, kind: 'xml' | 'ps', settings: Partial<Settings>): (text: string) => RatedFinding[] {
  return (text) => {
    const d = makeDocument(uri, kind, text);
    const diagnostics = service.validate(d, settings);
    const whole: Range = { start: d.positionAt(0), end: d.positionAt(text.length) };
    const actions = service
      .codeActions(d, whole, { diagnostics, only: ['quickfix'] }, settings)
      .filter((a) => !a.title.startsWith('Disable '));
    return diagnostics.map((diagnostic): RatedFinding => {
      const fixes: Fix[] = actions
        .filter((a) => a.diagnostics?.[0] && sameDiagnostic(a.diagnostics[0], diagnostic))
        .map((a) => ({
          title: a.title,
          preferred: !!a.isPreferred,
          edits: (a.edit?.changes?.[uri] ?? []).map((e) => ({
            start: d.offsetAt(e.range.start),
            end: d.offsetAt(e.range.end),
            newText: e.newText,
          })),
        }));
      const code = String(diagnostic.code);
      assert.ok(isRuleId(code), `unknown rule id ${code}`);
      return { ruleId: code, span: spanOf(d, diagnostic.range), message: String(diagnostic.message), severity: 'warning', fixes };
    });
  };
}

function checkFixAll(ctx: DocContext): void {
  const fail = (property: string, detail: string, known?: KnownOpen): void => ctx.fail('(fix-all)', 'fix-all', property, detail, known);
  const text = ctx.before.text;
  stats.fixAll++;
  const edits = service.fixAll(ctx.document, ctx.settings);
  const out = TextDocument.applyEdits(ctx.document, edits);
  const offsetEdits = edits
    .map((e) => ({ start: ctx.document.offsetAt(e.range.start), end: ctx.document.offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => a.start - b.start);
  if (out === text) return;
  stats.fixAllChanged++;
  // (e) fix-all is the preferred quick fixes, pass after pass.
  const composed = fixAllText(text, findingsFromActions(ctx.uri, ctx.input.kind, ctx.settings));
  if (composed !== out) {
    fail('(e) fix-all is not the preferred quick fixes', `fix-all gives\n    ${shortDiff(composed, out)}`);
  }
  const after = analyse(out, ctx.input.kind);
  for (const p of structuralProblems(ctx.before, after, offsetEdits)) fail(p.property, `${p.detail}\n    ${shortDiff(text, out)}`);
  // A second fix-all finds nothing more to do, or only goes on where the first stopped at its
  // pass limit (MAX_FIX_PASSES: e.g. one stray copy moved or removed per pass): then it must make
  // progress (fewer findings), keep well-formedness and comments. A second run that adds the same
  // text again, or trades one finding for another, is a fix that does not do what it says.
  const second = makeDocument(ctx.uri, ctx.input.kind, out);
  const secondEdits = service.fixAll(second, ctx.settings);
  const again = TextDocument.applyEdits(second, secondEdits);
  if (again === out) return;
  const count = (t: string): number => service.validate(makeDocument(ctx.uri, ctx.input.kind, t), ctx.settings).length;
  const [firstCount, secondCount] = [count(out), count(again)];
  if (secondCount >= firstCount)
    fail(
      '(e) second fix-all changes the text without progress',
      `${firstCount} findings before it, ${secondCount} after\n    ${shortDiff(out, again)}`,
    );
  const secondOffsets = secondEdits
    .map((e) => ({ start: second.offsetAt(e.range.start), end: second.offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => a.start - b.start);
  for (const p of structuralProblems(after, analyse(again, ctx.input.kind), secondOffsets))
    fail(`(e) second fix-all: ${p.property}`, `${p.detail}\n    ${shortDiff(out, again)}`);
}

function checkInput(input: Input, failures: Failure[]): void {
  stats.inputs++;
  const uri = input.kind === 'ps' ? 'file:///roundtrip/input.ps1' : 'file:///roundtrip/input.xml';
  const before = analyse(input.text, input.kind);
  for (const settings of SETTINGS) {
    stats.documents++;
    const document = makeDocument(uri, input.kind, input.text);
    const diagnostics = service.validate(document, settings);
    const ctx: DocContext = {
      input,
      settings,
      uri,
      document,
      diagnostics,
      before,
      fail: (rule, action, property, detail, known) => failures.push({ input, settings, rule, action, property, detail, known }),
    };
    const seen: Diagnostic[] = [];
    for (const diagnostic of diagnostics) {
      if (seen.some((s) => sameDiagnostic(s, diagnostic))) continue;
      seen.push(diagnostic);
      stats.diagnostics++;
      const actions = service.codeActions(document, diagnostic.range, { diagnostics: [diagnostic], only: ['quickfix'] }, settings);
      for (const action of actions) {
        if (!action.diagnostics?.[0] || !sameDiagnostic(action.diagnostics[0], diagnostic)) continue;
        try {
          checkQuickFix(ctx, diagnostic, action);
        } catch (error) {
          ctx.fail(String(diagnostic.code), action.title, 'threw', (error as Error).stack ?? String(error));
        }
      }
    }
    try {
      checkFixAll(ctx);
    } catch (error) {
      ctx.fail('(fix-all)', 'fix-all', 'threw', (error as Error).stack ?? String(error));
    }
  }
}

async function report(t: TestContext, all: Failure[]): Promise<void> {
  if (all.length === 0) return;
  // FIX_ROUNDTRIP_LOG=/tmp/x.txt writes every failure there (the assertion shows the first ones).
  const log = process.env.FIX_ROUNDTRIP_LOG;
  if (log) {
    // …and each failing input beside it, as <log>.<n>.xml|ps1, to replay by hand.
    const dumped = new Map<Input, string>();
    for (const f of all) {
      if (!dumped.has(f.input)) {
        const file = `${log}.${hashName(f.input.origin + f.input.variant + f.input.text)}.${f.input.kind === 'ps' ? 'ps1' : 'xml'}`;
        writeFileSync(file, f.input.text);
        dumped.set(f.input, file);
      }
      appendFileSync(log, `${f.known ? '[known open] ' : ''}${describeFailure(f)}\n    input: ${dumped.get(f.input)}\n\n`);
    }
  }
  for (const known of new Set(all.map((f) => f.known).filter((k): k is KnownOpen => !!k))) {
    const open = all.filter((f) => f.known === known);
    await t.test(`known open bug (${open.length} failures)`, { todo: known.reason }, () =>
      assert.fail(open.slice(0, 3).map(describeFailure).join('\n\n')),
    );
  }
  const failures = all.filter((f) => !f.known);
  if (failures.length === 0) return;
  const shown = failures.slice(0, 12).map(describeFailure).join('\n\n');
  assert.fail(
    `${failures.length} fix safety violation(s):\n\n${shown}${failures.length > 12 ? `\n\n… and ${failures.length - 12} more` : ''}`,
  );
}

// ---- the suites -----------------------------------------------------------------------------

const started = Date.now();

before(async () => {
  await powerShellReady;
  psParser = await loadPowerShellParser(nodeWasmSource());
  // The server's IPsec policy next door, so that ipsec-policy-mismatch and its fixes run too.
  service.workspace.setFile('file:///roundtrip/server.ps1', 'powershell', readFileSync(SERVER_SCRIPT, 'utf8'), 1);
});

after(() => {
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `fix round trip: ${corpus.profiles.length} corpus profiles, ${corpus.scripts.length} scripts; ${stats.inputs} inputs (seed ${SEED}), ${stats.documents} documents, ` +
      `${stats.diagnostics} diagnostics, ${stats.actions} quick fixes applied (${stats.suppressions} suppressions), ${stats.fixAll} fix-alls (${stats.fixAllChanged} changed the text), ${seconds} s`,
  );
});

describe('quick fixes and fix-all on the corpus profiles and their fuzzed variants', () => {
  it('has the profiles', () => assert.ok(corpus.profiles.length >= (OUTSIDE_CORPUS ? 1 : 20), `profiles found in ${CORPUS_DIR}`));
  for (const file of corpus.profiles) {
    it(file.name, async (t) => {
      const failures: Failure[] = [];
      for (const input of profileInputs(file)) checkInput(input, failures);
      await report(t, failures);
    });
  }
});

describe('quick fixes and fix-all on PowerShell (fixtures, test and snippet scripts) and fuzzed variants', () => {
  corpus.scripts.forEach((script, i) => {
    const name = `script ${i + 1}: ${script.trim().split('\n')[0].slice(0, 60)}`;
    it(name, async (t) => {
      const failures: Failure[] = [];
      for (const input of scriptInputs(name, script)) checkInput(input, failures);
      await report(t, failures);
    });
  });
});
