import { effectiveSeverity, type Settings } from '../settings';
import type { XmlElement } from '../xml/xmlTree';
import { ROOT_NAME, type ProfileDocument } from './document';
import { offsetOfLineColumn } from '../core/positions';
import { isProfileRootName } from './rootName';
import { RULE_FAMILIES } from './rules';
import type { Finding } from '../core/findings';
import type { CheckContext } from './rules/ruleTypes';
import { schemaIndex, type SchemaIndex } from './schema';
import type { ElementDef } from './schemaTypes';
import { childDefinition } from './structure';
import type { Severity } from '../settings';
import { xmlSuppressionsOf } from '../suppression';
import { suppressionAnchor } from './suppress';
import { reportInternalError } from '../core/internalErrors';

export interface RatedFinding extends Finding {
  severity: Severity;
}

/**
 * Runs every rule family over one parsed profile and applies the user's settings: severity
 * overrides, rules switched off, deployment-specific rules, and suppression comments.
 */
export function collectFindings(doc: ProfileDocument, settings: Settings, schema: SchemaIndex = schemaIndex()): RatedFinding[] {
  const findings: Finding[] = [];
  if (doc.wellFormedness.length > 0) {
    for (const error of doc.wellFormedness) {
      const offset = offsetOfLineColumn(doc.text, error.line, error.column);
      findings.push({
        ruleId: 'xml-not-well-formed',
        span: errorSpan(doc.text, offset),
        message: `Not well-formed XML: ${error.message}. Windows rejects the whole profile (Intune and the MDM bridge report a generic parse error).`,
      });
    }
  }
  // Rules read structure; a broken document would give guesses, so they wait until it parses.
  if (doc.wellFormedness.length === 0 && doc.root) {
    const ctx: CheckContext = {
      doc,
      root: doc.root,
      schema,
      settings,
      defOf: definitionsOf(schema),
      report: (finding) => findings.push(finding),
    };
    for (const family of RULE_FAMILIES) {
      try {
        family.check(ctx);
      } catch (error) {
        // One family's bug costs its findings, not the other families'; it is reported.
        reportInternalError(`ProfileXML rules (${family.ids.join(', ')})`, error);
      }
    }
  }
  dropGuessesAboutEntities(findings);
  dropJudgementsOfRunTimeText(doc, findings);
  dropFindingsSuperseded(findings);
  const suppressed = xmlSuppressionsOf(doc);
  const rated: RatedFinding[] = [];
  for (const finding of findings) {
    const severity = effectiveSeverity(finding.ruleId, settings, finding.severity);
    if (!severity) continue;
    if (suppressed(finding.ruleId, suppressionAnchor(doc.text, finding.span))) continue;
    rated.push({ ...finding, severity });
  }
  rated.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return rated;
}

/**
 * A value holding `&name;` of a DOCTYPE entity is unknown (the entity is never expanded), and
 * doctype-not-allowed already reports the reference: other rules' verdicts on that text (a server
 * list "&a", a route "&net;") would be guesses about the entity's name, so they are left out.
 */
function dropGuessesAboutEntities(findings: Finding[]): void {
  const references = findings.filter((f) => f.ruleId === 'doctype-not-allowed').map((f) => f.span);
  if (references.length === 0) return;
  const kept = findings.filter(
    (f) =>
      f.ruleId === 'doctype-not-allowed' ||
      f.ruleId === 'xml-not-well-formed' ||
      !references.some((r) => r.start < f.span.end && f.span.start < r.end),
  );
  findings.length = 0;
  findings.push(...kept);
}

/**
 * Text the host fills in at run time (a `$variable` in a double-quoted PowerShell string) is not
 * what Windows receives, so no rule's verdict on it stands (the value is simply unknown).
 */
function dropJudgementsOfRunTimeText(doc: ProfileDocument, findings: Finding[]): void {
  if (!doc.origin?.runTime.length) return;
  const kept = findings.filter((f) => !doc.isRunTime(f.span));
  findings.length = 0;
  findings.push(...kept);
}

/** One mistake, one finding: findings inside a span another finding `supersedes` are left out. */
function dropFindingsSuperseded(findings: Finding[]): void {
  const covering = findings.filter((f) => f.supersedes);
  if (covering.length === 0) return;
  const kept = findings.filter(
    (f) => f.supersedes || !covering.some(({ supersedes: c }) => c!.start <= f.span.start && f.span.end <= c!.end),
  );
  findings.length = 0;
  findings.push(...kept);
}

export { ROOT_NAME };

/** No definition (unknown, misplaced or opaque), cached as such. */
const NONE = null;

/**
 * `resolveDefinition` for every element of one run, each computed once from its parent's
 * (memoised, so a whole document costs one map lookup per element).
 */
function definitionsOf(schema: SchemaIndex): (element: XmlElement) => ElementDef | undefined {
  const cache = new Map<XmlElement, ElementDef | typeof NONE>();
  return (element) => {
    const hit = cache.get(element);
    if (hit !== undefined) return hit ?? undefined;
    // Climb to the nearest ancestor already resolved (or the top), then resolve downwards.
    const pending: XmlElement[] = [];
    let e: XmlElement | undefined = element;
    let def: ElementDef | typeof NONE | undefined;
    while (e) {
      def = cache.get(e);
      if (def !== undefined) break;
      pending.push(e);
      e = e.parent;
    }
    for (let i = pending.length - 1; i >= 0; i--) {
      const current = pending[i];
      // The top is the document's root: VPNProfile, or a near miss that wrong-root-element reports.
      if (def === undefined) def = current.parent === undefined && isProfileRootName(current.name) ? schema.root : NONE;
      else def = def === NONE ? NONE : (childDefinition(def, current.localName) ?? NONE);
      cache.set(current, def);
    }
    return def ?? undefined;
  };
}

/** A short span from `offset` to the end of the token there, so the squiggle is visible but small. */
function tokenEnd(text: string, offset: number): number {
  let end = offset;
  while (end < text.length && end - offset < 40 && !/[\s>]/.test(text[end])) end++;
  if (end === offset && offset < text.length && text[offset] !== '\n' && text[offset] !== '\r') end++;
  return end;
}

/**
 * The span for a parser error: the token at the reported position, or the token just before
 * it when the parser points at whitespace or a line end (an empty squiggle is easy to miss).
 */
function errorSpan(text: string, offset: number): { start: number; end: number } {
  const end = tokenEnd(text, offset);
  if (end > offset) return { start: offset, end };
  let back = offset;
  while (back > 0 && /\s/.test(text[back - 1])) back--;
  let start = back;
  while (start > 0 && back - start < 40 && !/[\s<]/.test(text[start - 1])) start--;
  if (start > 0 && text[start - 1] === '<') start--;
  return start < back ? { start, end: back } : { start: offset, end: Math.min(text.length, offset + 1) };
}
