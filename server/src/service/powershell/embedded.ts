import type { Settings } from '../settings';
import { looksLikeProfileXml, parseProfileDocument, type ProfileDocument, type ProfileOrigin } from '../profilexml/document';
import type { Span } from '../xml/xmlTree';
import { variableTokens } from '../profilexml/placeholderText';
import type { Finding, Fix, OffsetEdit, RelatedSpan } from '../core/findings';
import { suppressionEdit } from '../profilexml/suppress';
import { collectFindings } from '../profilexml/validate';
import { schemaIndex } from '../profilexml/schema';
import type { PowerShellDocument } from './document';
import { buildVirtualText, toScriptEdit, toScriptSpan, toVirtualOffset, type VirtualText } from './embeddedMap';
import { isFormatString, literalsOf, unterminatedHereStringAt, type EmbeddedLiteral } from './embeddedStrings';

/** A string literal of the script whose content is ProfileXML, parsed as its own document. */
export interface EmbeddedProfile {
  literal: EmbeddedLiteral;
  virtual: VirtualText;
  profile: ProfileDocument;
  /**
   * The content holds the whole profile (root start tag and the closing `</VPNProfile>`).
   * Only complete profiles are validated; completion and hover also serve half-typed ones.
   */
  complete: boolean;
}

const CLOSING_ROOT = /<\/(?:[\w.-]+:)?VPNProfile\s*>/;
const MAYBE_PROFILE_ROOT = /vpn|profil|rofile/i;

const cache = new WeakMap<PowerShellDocument, EmbeddedProfile[]>();

/**
 * Every string literal whose decoded content starts (after blanks, an XML declaration and
 * comments) with `<VPNProfile`. Pieces of a concatenation or of `+=` never qualify as complete:
 * they lack either the root start tag or its end tag.
 */
export function embeddedProfiles(doc: PowerShellDocument): EmbeddedProfile[] {
  const hit = cache.get(doc);
  if (hit) return hit;
  const out: EmbeddedProfile[] = [];
  const literals = literalsOf(doc);
  for (const literal of literals) {
    const raw = doc.text.slice(literal.contentSpan.start, literal.contentSpan.end);
    // Cheap filter before decoding: every root looksLikeProfileXml accepts (VPNProfile or a near
    // miss of it, one edit away) keeps one of these runs of letters.
    if (!MAYBE_PROFILE_ROOT.test(raw)) continue;
    const virtual = buildVirtualText(doc.text, literal);
    if (!looksLikeProfileXml(virtual.text)) continue;
    const origin = originOf(doc.text, literal, virtual, literals);
    const profile = parseProfileDocument(virtual.text, origin);
    // A near-miss root (`<VpnProfile>`) is complete when its own end tag closes it.
    out.push({ literal, virtual, profile, complete: CLOSING_ROOT.test(virtual.text) || profile.root?.endTag !== undefined });
  }
  cache.set(doc, out);
  return out;
}

/** The embedded profile whose content holds the script offset (content edges included). */
export function embeddedProfileAt(
  doc: PowerShellDocument,
  offset: number,
  options: { complete?: boolean } = {},
): EmbeddedProfile | undefined {
  // Innermost first: a literal nested in an expansion of another one is the closer match.
  const candidates = embeddedProfiles(doc).filter(
    (p) => p.literal.contentSpan.start <= offset && offset <= p.literal.contentSpan.end && (!options.complete || p.complete),
  );
  const best = candidates.sort(
    (a, b) => a.literal.contentSpan.end - a.literal.contentSpan.start - (b.literal.contentSpan.end - b.literal.contentSpan.start),
  )[0];
  if (best || options.complete) return best;
  // A here-string whose footer is not written yet (the parser gives no literal for it).
  const literal = unterminatedHereStringAt(doc, offset);
  if (!literal) return undefined;
  const virtual = buildVirtualText(doc.text, literal);
  if (!looksLikeProfileXml(virtual.text)) return undefined;
  return { literal, virtual, profile: parseProfileDocument(virtual.text, originOf(doc.text, literal, virtual, [])), complete: false };
}

/** A `-f` format item: `{0}`, `{1,-10}`, `{0:N2}` (`{{` is a literal brace, so an item never follows one). */
const FORMAT_ITEM = /(?<!\{)\{\d+(?:\s*,\s*-?\d+)?(?::[^{}]*)?\}/g;

/**
 * What the profile needs to know about the script around it: the quoting, and the text the script
 * fills in when it runs: expansions of double-quoted kinds, `-f` format items, and template tokens
 * the script replaces itself (`$xml.Replace('{server}', $Server)`, `-replace '\{server\}'`, or
 * `$ExecutionContext.InvokeCommand.ExpandString(...)` for `$name` in a single-quoted template).
 */
function originOf(script: string, literal: EmbeddedLiteral, virtual: VirtualText, literals: readonly EmbeddedLiteral[]): ProfileOrigin {
  const runTime: Span[] = [...virtual.expansions];
  if (literal.node && isFormatString(literal.node)) {
    for (const m of virtual.text.matchAll(FORMAT_ITEM)) runTime.push({ start: m.index, end: m.index + m[0].length });
  }
  const expands = /\.ExpandString\s*\(/i.test(script);
  let others: { text: string; verbatim: boolean }[] | undefined;
  const replacedByScript = (token: string, dollar: boolean): boolean => {
    if (dollar && expands) return true;
    // The other string literals of the script, regex escapes undone (`'\{server\}'` names `{server}` too).
    others ??= literals
      .filter((l) => l !== literal)
      .map((l) => ({
        text: script.slice(l.contentSpan.start, l.contentSpan.end).replace(/\\(.)/g, '$1'),
        verbatim: l.quoting === 'single' || l.quoting === 'single-here',
      }));
    // `$name` is that text only in a single-quoted string: in a double-quoted one it is the variable's value.
    return others.some((o) => (o.verbatim || !dollar) && o.text.includes(token));
  };
  for (const token of variableTokens(virtual.text, { formatItems: false })) {
    if (runTime.some((r) => r.start < token.end && token.start < r.end)) continue;
    if (replacedByScript(token.text, token.dollar)) runTime.push({ start: token.start, end: token.end });
  }
  runTime.sort((a, b) => a.start - b.start);
  return { host: 'powershell', quoting: literal.quoting, runTime };
}

/** ProfileXML findings inside the script's embedded profiles, with spans and edits in script offsets. */
export function embeddedProfileFindings(doc: PowerShellDocument, settings: Settings): Finding[] {
  const out: Finding[] = [];
  const schema = schemaIndex();
  for (const embedded of embeddedProfiles(doc)) {
    if (!embedded.complete) continue;
    for (const finding of collectFindings(embedded.profile, settings, schema)) {
      const mapped = mapFinding(doc.text, embedded.virtual, finding);
      if (mapped) out.push(mapped);
    }
  }
  return out;
}

/**
 * A finding of the virtual XML in script offsets. Findings on run-time text (a `$variable` or
 * `$( … )` expansion) never get here: collectFindings leaves them out (ProfileDocument.isRunTime).
 * Fixes that cannot be written into the literal are dropped; the finding stays.
 */
export function mapFinding<T extends Finding>(script: string, virtual: VirtualText, finding: T): T | undefined {
  const mapped: T = { ...finding, source: 'profilexml', span: toScriptSpan(virtual, finding.span) };
  if (finding.related) mapped.related = finding.related.map((r): RelatedSpan => ({ ...r, span: toScriptSpan(virtual, r.span) }));
  if (finding.fixes) {
    const fixes: Fix[] = [];
    for (const fix of finding.fixes) {
      const edits = fix.edits.map((e) => toScriptEdit(script, virtual, e));
      if (edits.every((e): e is OffsetEdit => !!e)) fixes.push({ ...fix, edits });
    }
    if (fixes.length) mapped.fixes = fixes;
    else delete mapped.fixes;
  }
  return mapped;
}

/**
 * The "disable this rule for this line" edit for an embedded ProfileXML finding (script
 * offsets), or undefined when the finding is not in an embedded profile. The generic edit (an
 * XML comment on its own line at the start of the script line) breaks the script when the
 * literal starts on that line (`$x = '<VPNProfile>…'`): there a PowerShell comment
 * `# aovpn-disable-next-line id` goes above the statement, which collectPowerShellFindings
 * honours for embedded findings too. On the literal's later lines the XML comment goes into the
 * content, re-escaped for the quoting; undefined when it cannot be written there.
 */
export function embeddedSuppressionEdit(doc: PowerShellDocument, finding: Finding): OffsetEdit | undefined {
  const embedded = embeddedProfileAt(doc, finding.span.start, { complete: true });
  if (!embedded) return undefined;
  const text = doc.text;
  const lineStart = text.lastIndexOf('\n', finding.span.start - 1) + 1;
  if (lineStart <= embedded.literal.span.start) return suppressionEdit(text, finding, 'powershell');
  const v = toVirtualOffset(embedded.virtual, finding.span.start);
  if (v === undefined) return undefined;
  const edit = suppressionEdit(embedded.virtual.text, { ...finding, span: { start: v, end: v } }, 'xml');
  return toScriptEdit(text, embedded.virtual, edit);
}
