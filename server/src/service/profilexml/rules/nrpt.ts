import { childElements, childrenNamed, decodeEntities, firstChild, textOf, type Span, type XmlElement } from '../../xml/xmlTree';
import { removeElement, replaceValue } from '../edits';
import { childDef } from '../schema';
import { domainNameProblem } from '../formatsParse';
import { listEntries, singleEntry, type ListEntry } from '../formatsText';
import type { Fix, OffsetEdit, RelatedSpan } from '../../core/findings';
import type { CheckContext, RuleFamily } from './ruleTypes';

/**
 * Name resolution (NRPT rules, `DomainNameInformation`) and trusted network detection. What a
 * DomainName means comes from Microsoft's VPNv2 CSP page: with a leading "." it is a suffix rule
 * ("applies to the specified namespace, all records in that namespace, and all subdomains"),
 * without one it "applies only to the fully qualified domain name (FQDN) of a specified host".
 * TrustedNetworkDetection is a "comma separated string" on the same page.
 */
export const nameResolutionRules: RuleFamily = {
  family: 'routing',
  ids: ['nrpt-suffix-without-dot', 'duplicate-nrpt-rule', 'tnd-separator'],
  check(ctx) {
    const rules = nrptRules(ctx);
    checkSuffixWithoutDot(ctx, rules);
    checkDuplicates(ctx, rules);
    const tnd = firstChild(ctx.root, 'TrustedNetworkDetection');
    if (tnd) checkTndSeparator(ctx, tnd);
  },
};

interface NrptRule {
  element: XmlElement;
  domainName: XmlElement;
  entry: ListEntry;
  /** The name as DNS compares it: lower case, without a trailing dot ("." stays "."). */
  key: string;
}

/** DNS names compare without regard to case, and `corp.example.com.` is `corp.example.com`. */
function nameKey(name: string): string {
  const lower = name.toLowerCase();
  return lower.length > 1 && lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

function nrptRules(ctx: CheckContext): NrptRule[] {
  const out: NrptRule[] = [];
  for (const element of childrenNamed(ctx.root, 'DomainNameInformation')) {
    const domainName = firstChild(element, 'DomainName');
    const entry = domainName && singleEntry(domainName, ctx.doc.text);
    if (domainName && entry) out.push({ element, domainName, entry, key: nameKey(entry.value) });
  }
  return out;
}

interface NamedEntry {
  key: string;
  span: Span;
  source: string;
}

/**
 * The names of DnsSuffix and TrustedNetworkDetection. TrustedNetworkDetection entries are also
 * split at semicolons (tnd-separator reports those): the name meant is the same either way.
 */
function profileNames(ctx: CheckContext): NamedEntry[] {
  const out: NamedEntry[] = [];
  const dnsSuffix = firstChild(ctx.root, 'DnsSuffix');
  if (dnsSuffix) {
    for (const entry of listEntries(dnsSuffix, ctx.doc.text, ',')) {
      if (entry.value) out.push({ key: nameKey(entry.value), span: entry.span, source: 'DnsSuffix' });
    }
  }
  const tnd = firstChild(ctx.root, 'TrustedNetworkDetection');
  if (tnd) {
    for (const entry of listEntries(tnd, ctx.doc.text, ',')) {
      for (const part of entry.value.split(';')) {
        const name = part.trim();
        if (!name) continue;
        // The exact span of a part is known when the entry is written as plain text.
        const at = entry.exact && entry.raw === entry.value ? entry.raw.indexOf(name) : -1;
        const span = at >= 0 ? { start: entry.span.start + at, end: entry.span.start + at + name.length } : entry.span;
        out.push({ key: nameKey(name), span, source: 'TrustedNetworkDetection' });
      }
    }
  }
  return out;
}

function checkSuffixWithoutDot(ctx: CheckContext, rules: readonly NrptRule[]): void {
  if (rules.length === 0) return;
  const names = profileNames(ctx);
  const keys = new Set(rules.map((r) => r.key));
  for (const rule of rules) {
    const { value } = rule.entry;
    // Suffix rules, "." and malformed names (invalid-dns-suffix's) are not this rule's.
    if (value.startsWith('.') || domainNameProblem(value)) continue;
    // With a suffix rule for the same name beside it, a host rule for the name itself is deliberate.
    if (keys.has(`.${rule.key}`)) continue;
    const matches = names.filter((n) => n.key === rule.key);
    if (matches.length === 0) continue;
    const sources = [...new Set(matches.map((m) => m.source))].join(' and ');
    ctx.report({
      ruleId: 'nrpt-suffix-without-dot',
      span: rule.entry.span,
      message:
        `DomainName ${value} has no leading dot, so this NRPT rule applies only to the one host named ${value}, not to names inside it such as server.${value}; ` +
        `yet ${value} is this profile's ${sources}, which suggests the namespace was meant. Microsoft's VPNv2 CSP page: to specify a suffix, prepend a "." (.${value}). ` +
        `Write .${value} for the namespace; keep it without the dot only if the rule is meant for that single host name.`,
      fixes: [
        {
          title: `Make it a suffix rule: .${value}`,
          edits: [{ start: rule.entry.span.start, end: rule.entry.span.start, newText: '.' }],
          preferred: true,
        },
      ],
      related: matches.map((m) => ({ span: m.span, message: `${m.source} entry ${ctx.doc.text.slice(m.span.start, m.span.end)}` })),
    });
  }
}

/** One setting of an NRPT rule as Windows reads it: written text, or the model's default. */
type RuleSettings = Map<string, string | undefined>;

function settingsOf(ctx: CheckContext, rule: NrptRule): RuleSettings {
  const settings: RuleSettings = new Map();
  for (const child of childElements(rule.element)) {
    if (child === rule.domainName || settings.has(child.localName)) continue;
    // Nested markup (an unknown complex element) is compared as written, spaces folded.
    const text = child.children.some((c) => c.kind === 'element')
      ? ctx.doc.text.slice(child.startTagEnd, child.endTag?.start ?? child.end)
      : textOf(child);
    settings.set(child.localName, child.localName === 'DnsServers' ? serverList(text).join(',') : text.replace(/\s+/g, ' ').trim());
  }
  return settings;
}

function serverList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
}

/** A setting's value, with the model's default standing in for an absent element. */
function settingValue(ctx: CheckContext, rule: NrptRule, settings: RuleSettings, name: string): string | undefined {
  if (settings.has(name)) return settings.get(name);
  return childDef(ctx.defOf(rule.element), name)?.default;
}

/** Names of the settings in which two rules differ (DomainName aside). */
function differences(ctx: CheckContext, first: NrptRule, later: NrptRule): string[] {
  const a = settingsOf(ctx, first);
  const b = settingsOf(ctx, later);
  const names = [...new Set([...a.keys(), ...b.keys()])];
  return names.filter((name) => settingValue(ctx, first, a, name) !== settingValue(ctx, later, b, name));
}

/** A setting of a rule as written: its text, the model's default when absent, or undefined. */
function shownValue(ctx: CheckContext, rule: NrptRule, name: string): string | undefined {
  const element = firstChild(rule.element, name);
  if (element) return textOf(element).trim() || '(empty)';
  const fallback = childDef(ctx.defOf(rule.element), name)?.default;
  return fallback === undefined ? undefined : `${fallback} (default)`;
}

/** "DnsServers 10.0.0.1; no WebProxyServers" for the differing settings of a rule. */
function describe(ctx: CheckContext, rule: NrptRule, names: readonly string[]): string {
  return names
    .map((name) => {
      const value = shownValue(ctx, rule, name);
      return value === undefined ? `no ${name}` : `${name} ${value}`;
    })
    .join('; ');
}

/** "DnsServers 10.0.0.1 instead of 10.0.0.2" for a removal fix: what stays, and what goes. */
function contrast(ctx: CheckContext, kept: NrptRule, dropped: NrptRule, names: readonly string[]): string {
  return names
    .map((name) => {
      const keep = shownValue(ctx, kept, name);
      const drop = shownValue(ctx, dropped, name);
      return keep === undefined ? `no ${name} instead of ${drop}` : `${name} ${keep} instead of ${drop ?? 'none'}`;
    })
    .join('; ');
}

function checkDuplicates(ctx: CheckContext, rules: readonly NrptRule[]): void {
  const firstByKey = new Map<string, NrptRule>();
  for (const rule of rules) {
    const first = firstByKey.get(rule.key);
    if (!first) {
      firstByKey.set(rule.key, rule);
      continue;
    }
    const name = rule.entry.value;
    // The finding sits on the later rule's start tag: the rule is what repeats, and what the fixes remove.
    const related: RelatedSpan[] = [{ span: first.element.nameSpan, message: `First NRPT rule for ${first.entry.value}` }];
    const differing = differences(ctx, first, rule);
    if (differing.length === 0) {
      ctx.report({
        ruleId: 'duplicate-nrpt-rule',
        span: rule.element.nameSpan,
        message: `A second NRPT rule (DomainNameInformation) for ${name}, with the same settings as the first one: it adds nothing. Remove it.`,
        fixes: [
          {
            title: `Remove this repeated DomainNameInformation for ${name}`,
            edits: [removeElement(ctx.doc, rule.element)],
            preferred: true,
          },
        ],
        related,
      });
      continue;
    }
    const fixes: Fix[] = [];
    const merge = mergeEdits(ctx, first, rule, differing);
    if (merge)
      fixes.push({
        title: `Merge the DnsServers into the first DomainNameInformation and remove this one (${merge.title})`,
        edits: merge.edits,
        preferred: true,
      });
    fixes.push({
      title: `Remove this DomainNameInformation, keep the first (${contrast(ctx, first, rule, differing)})`,
      edits: [removeElement(ctx.doc, rule.element)],
    });
    fixes.push({
      title: `Remove the first DomainNameInformation, keep this one (${contrast(ctx, rule, first, differing)})`,
      edits: [removeElement(ctx.doc, first.element)],
    });
    ctx.report({
      ruleId: 'duplicate-nrpt-rule',
      span: rule.element.nameSpan,
      message:
        `A second NRPT rule (DomainNameInformation) for ${name}, with other settings than the first one (here ${describe(ctx, rule, differing)}; there ${describe(ctx, first, differing)}). ` +
        'A name query matches both, and Microsoft does not document which of two rules for the same name Windows applies, so the profile does not say which of the two settings take effect. ' +
        `Keep one rule for ${name}: merge the two${merge ? '' : ' by hand (their settings conflict)'} or remove one. A rule for .${name.replace(/^\./, '')} (a suffix) and one for ${name.replace(/^\./, '')} (a single host) are different rules and can stand together.`,
      fixes,
      related,
    });
  }
}

/**
 * Merging loses nothing only when the rules differ in their DNS servers alone: the merged rule
 * asks the first rule's servers, then the other's. Any other difference (a proxy, AutoTrigger,
 * Persistent, a rule without DnsServers, which field notes say acts as an exemption) is a choice
 * the administrator makes, so no merge is offered.
 */
function mergeEdits(
  ctx: CheckContext,
  first: NrptRule,
  later: NrptRule,
  differing: readonly string[],
): { title: string; edits: OffsetEdit[] } | undefined {
  if (differing.length !== 1 || differing[0] !== 'DnsServers') return undefined;
  const firstServers = firstChild(first.element, 'DnsServers');
  const laterServers = firstChild(later.element, 'DnsServers');
  if (!firstServers || !laterServers) return undefined;
  const written = (element: XmlElement): string[] =>
    decodeEntities(textOf(element))
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const merged = [...written(firstServers)];
  for (const server of written(laterServers)) if (!merged.some((m) => m.toLowerCase() === server.toLowerCase())) merged.push(server);
  const list = merged.join(',');
  return { title: `DnsServers ${list}`, edits: [replaceValue(ctx.doc, firstServers, list), removeElement(ctx.doc, later.element)] };
}

/**
 * Each semicolon among the value's text, as an edit to a comma. Semicolons that end a character
 * reference (`&amp;`) are markup, not text; `&#59;` is a semicolon written as a reference.
 * Comments inside the value are left alone.
 */
function semicolonEdits(ctx: CheckContext, element: XmlElement): OffsetEdit[] {
  const edits: OffsetEdit[] = [];
  for (const child of element.children) {
    if (child.kind !== 'text' && child.kind !== 'cdata') continue;
    const raw = ctx.doc.text.slice(child.start, child.end);
    const pattern = child.kind === 'text' ? /&(?:#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z][\w.-]*);|;/g : /;/g;
    for (const m of raw.matchAll(pattern)) {
      if (m[0] === ';' || decodeEntities(m[0]) === ';')
        edits.push({ start: child.start + m.index, end: child.start + m.index + m[0].length, newText: ',' });
    }
  }
  return edits;
}

function checkTndSeparator(ctx: CheckContext, tnd: XmlElement): void {
  if (!textOf(tnd).includes(';')) return;
  const edits = semicolonEdits(ctx, tnd);
  if (edits.length === 0) return;
  const [first, ...others] = edits;
  ctx.report({
    ruleId: 'tnd-separator',
    span: { start: first.start, end: first.end },
    message:
      `TrustedNetworkDetection separates network names with commas (Microsoft's VPNv2 CSP page: a "comma separated string"), but this value uses ${edits.length === 1 ? 'a semicolon' : `${edits.length} semicolons`}. ` +
      'Semicolons are not documented as a separator here, so the names may never match the network the device is on. Replace ; by ,.',
    fixes: [{ title: 'Replace ; by , in TrustedNetworkDetection', edits, preferred: true }],
    related: others.map((edit) => ({ span: { start: edit.start, end: edit.end }, message: 'Another semicolon' })),
  });
}
