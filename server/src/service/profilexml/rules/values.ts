import { hasElementChildren, textOf, valueSpan, walkElements, type XmlElement } from '../../xml/xmlTree';
import { replaceValue } from '../edits';
import { buildNumber, targetBuild, windowsName } from '../schema';
import type { ElementDef, EnumValue, ValueType } from '../schemaTypes';
import { closest } from '../structure';
import type { CheckContext, RuleFamily } from './ruleTypes';
import { differingProfileXmlSpelling, type SuiteElement } from '../../core/spelling';
import { thumbprintProblem, withoutInvisibleCharacters } from '../thumbprints';

/**
 * Values against their type in the model: booleans (lower-case only, as the Always On VPN tutorial
 * on learn.microsoft.com insists), enumerations (exact VPNv2 CSP spelling; other case is accepted by Windows in places, so it is only noted),
 * integers and ranges, empty values, and the Windows build an element or value needs.
 * Structured formats (servers, addresses, ports, DNS names) are checked by formats.ts.
 */
export const valueRules: RuleFamily = {
  family: 'values',
  ids: ['invalid-value', 'non-canonical-value', 'empty-value', 'unsupported-on-target'],
  check(ctx) {
    const target = targetBuild(ctx.settings.targetWindows, ctx.schema);
    walkElements(ctx.root, (element) => {
      const def = ctx.defOf(element);
      // Read-only nodes are ignored by Windows whatever they hold: read-only-element (structure.ts) says so once.
      if (!def || def.readOnly) return;
      if (target !== undefined) checkTarget(ctx, element, def, target);
      if (def.type === 'none') {
        checkStrayText(ctx, element, def);
        return;
      }
      if (def.type === 'any' || hasElementChildren(element)) return;
      checkScalar(ctx, element, def, target);
    });
  },
};

/** Scalar formats whose emptiness means a broken profile; plain strings may be blank on purpose. */
function needsValue(def: ElementDef): boolean {
  return def.type !== 'string' && def.type !== 'any' && def.type !== 'none';
}

/** Formats that are lists of entries: empty is an empty list, not a broken value. */
const LIST_TYPES: ReadonlySet<ValueType> = new Set([
  'serverList',
  'urlList',
  'dnsNameList',
  'ipAddressList',
  'addressRanges',
  'portRanges',
  'thumbprintList',
  'oidList',
]);

function reportEmpty(ctx: CheckContext, element: XmlElement, def: ElementDef): void {
  if (def.minOccurs > 0) {
    // Required: there is no default to fall back on, so "remove it" would be wrong advice.
    const parent = element.parent?.localName ?? 'VPNProfile';
    ctx.report({
      ruleId: 'empty-value',
      span: element.nameSpan,
      message: `${def.name} is required in ${parent} but empty. ${expectation(def) || `Expected: ${plain(def.doc)}`} Give it a value.`,
    });
    return;
  }
  if (LIST_TYPES.has(def.type)) {
    // An optional list left empty lists nothing; some profiles do it on purpose (an empty
    // TrustedNetworkDetection on a device tunnel), so this is worth a note, not an error.
    ctx.report({
      ruleId: 'empty-value',
      severity: 'information',
      span: element.nameSpan,
      message: `${def.name} is empty, so it lists nothing. If that is deliberate, the element can go; otherwise give it ${LIST_WORDS[def.type] ?? 'its entries'}.`,
    });
    return;
  }
  if (!needsValue(def)) return;
  ctx.report({
    ruleId: 'empty-value',
    span: element.nameSpan,
    message:
      `${def.name} is empty. ${expectation(def)} Remove the element to use the default${def.default ? ` (${def.default})` : ''}, or give it a value.`.replace(
        /\s+/g,
        ' ',
      ),
  });
}

const LIST_WORDS: Partial<Record<ValueType, string>> = {
  dnsNameList: 'comma-separated DNS names such as corp.example.net',
  ipAddressList: 'comma-separated IP addresses',
  addressRanges: 'comma-separated addresses, prefixes (10.0.0.0/8) or ranges (10.0.0.1-10.0.0.9)',
  portRanges: 'comma-separated ports or ranges (80,8000-8080)',
  thumbprintList: 'certificate thumbprints of 40 hexadecimal digits',
  oidList: 'comma-separated object identifiers such as 1.3.6.1.5.5.7.3.2',
  serverList: 'comma-separated servers',
  urlList: 'semicolon-separated server URLs',
};

/** A model doc line as message text: markdown code marks dropped, ending with a full stop. */
function plain(doc: string): string {
  const text = doc.replace(/`/g, '');
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function checkScalar(ctx: CheckContext, element: XmlElement, def: ElementDef, target: number | undefined): void {
  const raw = textOf(element);
  const value = raw.trim();
  const span = valueSpan(element, ctx.doc.text);
  if (value === '') {
    reportEmpty(ctx, element, def);
    return;
  }
  switch (def.type) {
    case 'boolean':
      if (value !== 'true' && value !== 'false') {
        const meant = /^(true|1|yes)$/i.test(value) ? 'true' : /^(false|0|no)$/i.test(value) ? 'false' : undefined;
        ctx.report({
          ruleId: 'invalid-value',
          span,
          message: `${def.name} must be exactly true or false in lower case, not "${value}". Windows applies only part of the profile when a boolean is written any other way.`,
          fixes: meant ? [{ title: `Change to ${meant}`, edits: [replaceValue(ctx.doc, element, meant)], preferred: true }] : [],
        });
      }
      return;
    case 'enum': {
      const values = def.values ?? [];
      // The documented spelling, or one Microsoft's own examples use: as good as each other.
      const chosen = values.find((v) => v.value === value || (v.exampleSpellings?.includes(value) ?? false));
      if (chosen) {
        if (target !== undefined && chosen.minBuild && buildNumber(chosen.minBuild) > target) {
          ctx.report({
            ruleId: 'unsupported-on-target',
            span,
            message: `${def.name} ${value} needs ${windowsName(chosen.minBuild, ctx.schema)}; the configured target is ${ctx.settings.targetWindows}. Older clients reject or ignore it.`,
          });
        }
        return;
      }
      const caseVariant = values.find((v) => v.value.toLowerCase() === value.toLowerCase());
      if (caseVariant) {
        ctx.report({
          ruleId: 'non-canonical-value',
          span,
          message: nonCanonicalMessage(def, caseVariant, value),
          fixes: [{ title: `Use ${caseVariant.value}`, edits: [replaceValue(ctx.doc, element, caseVariant.value)], preferred: true }],
        });
        return;
      }
      // PowerShell spellings of crypto values are their own rule (crypto.ts).
      if (ctx.doc.facts.cryptoSuite && element.parent === ctx.doc.facts.cryptoSuite && isPowerShellSpelling(def.name, value)) return;
      const suggestion = closest(
        value,
        values.map((v) => v.value),
      );
      ctx.report({
        ruleId: 'invalid-value',
        span,
        message: `"${value}" is not a ${def.name} value. Allowed: ${values.map((v) => v.value).join(', ')}.${suggestion ? ` Did you mean ${suggestion}?` : ''}`,
        fixes: suggestion
          ? [{ title: `Change to ${suggestion}`, edits: [replaceValue(ctx.doc, element, suggestion)], preferred: true }]
          : [],
      });
      return;
    }
    case 'integer': {
      const n = /^\d+$/.test(value) ? Number(value) : NaN;
      const min = def.minimum ?? 0;
      const max = def.maximum ?? 4294967295;
      if (Number.isNaN(n) || n < min || n > max) {
        const clamped = Number.isNaN(n) ? undefined : String(Math.min(max, Math.max(min, n)));
        ctx.report({
          ruleId: 'invalid-value',
          span,
          message: `${def.name} must be a whole number from ${min} to ${max}; "${value}" is not.`,
          fixes: clamped ? [{ title: `Change to ${clamped}`, edits: [replaceValue(ctx.doc, element, clamped)], preferred: true }] : [],
        });
      }
      return;
    }
    case 'url':
      if (!/^(https?|file):\/\/\S+$/i.test(value)) {
        ctx.report({
          ruleId: 'invalid-value',
          span,
          message: `${def.name} must be a URL such as http://proxy.example.com/proxy.pac; "${value}" is not.`,
        });
      }
      return;
    case 'hostPort':
      if (!/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+|[0-9a-fA-F:.]+)(:\d{1,5})?$/.test(value) || portOf(value) > 65535) {
        ctx.report({
          ruleId: 'invalid-value',
          span,
          message: `${def.name} must be a host name or IP address, optionally with :port (for example proxy.example.com:8080); "${value}" is not.`,
        });
      }
      return;
    case 'thumbprintList':
      checkThumbprintList(ctx, element, def, value);
      return;
    case 'oidList':
      for (const part of value.split(',')) {
        if (!/^\d+(\.\d+)+$/.test(part.trim())) {
          ctx.report({
            ruleId: 'invalid-value',
            span,
            message: `${def.name} must be a comma-separated list of object identifiers such as 1.3.6.1.5.5.7.3.2; "${part.trim()}" is not one.`,
          });
          return;
        }
      }
      return;
    default:
      return;
  }
}

/**
 * The text of non-canonical-value, from the model: whether the value is in Microsoft's documented
 * list at all (MachineMethod EAP is not), which spellings Microsoft's examples use, and whether
 * Windows is known to read the element without regard to case.
 */
function nonCanonicalMessage(def: ElementDef, meant: EnumValue, written: string): string {
  const known = [meant.value, ...(meant.exampleSpellings ?? [])].map((s) => `"${s}"`).join(' or ');
  const origin = meant.undocumented
    ? `"${written}" is ${def.name} ${meant.value} in another case. ${meant.undocumented}`
    : `${def.name} is documented as "${meant.value}"${meant.exampleSpellings?.length ? ` (Microsoft's examples write ${meant.exampleSpellings.map((s) => `"${s}"`).join(', ')})` : ''}; "${written}" is another case of it.`;
  const works = def.caseInsensitive
    ? 'Windows is known to read this element without regard to case, so it works,'
    : meant.aliases?.includes(written)
      ? 'Profiles written this way work in the field,'
      : 'Whether Windows accepts this case is not documented,';
  return `${origin} ${works} but write ${known}, the spelling${known.includes(' or ') ? 's' : ''} known to work everywhere.`;
}

/** Sso/IssuerHash: thumbprints separated by commas or semicolons (the VPNv2 CSP node description and Microsoft's example disagree). */
function checkThumbprintList(ctx: CheckContext, element: XmlElement, def: ElementDef, value: string): void {
  const bad = value.split(/[,;]/).find((part) => !/^[0-9a-fA-F]{40}$/.test(part.replace(/\s+/g, '')));
  if (bad === undefined) return;
  const cleaned = withoutInvisibleCharacters(value);
  const fixable = cleaned !== value && cleaned.split(/[,;]/).every((part) => /^[0-9a-fA-F]{40}$/.test(part.replace(/\s+/g, '')));
  ctx.report({
    ruleId: 'invalid-thumbprint',
    span: valueSpan(element, ctx.doc.text),
    message: `${def.name} must hold SHA-1 certificate thumbprints of 40 hexadecimal digits, separated by commas or semicolons. ${/[,;]/.test(value) ? `In the entry "${withoutInvisibleCharacters(bad)}": ` : ''}${thumbprintProblem(bad.trim())}`,
    fixes: fixable ? [{ title: 'Remove the invisible characters', edits: [replaceValue(ctx.doc, element, cleaned)], preferred: true }] : [],
  });
}

function portOf(hostPort: string): number {
  const m = /:(\d{1,5})$/.exec(hostPort);
  return m ? Number(m[1]) : 0;
}

/** A cmdlet spelling where ProfileXML has its own (reported by powershell-spelling instead). */
export function isPowerShellSpelling(elementName: string, value: string): boolean {
  return differingProfileXmlSpelling(elementName as SuiteElement, value) !== undefined;
}

function expectation(def: ElementDef): string {
  switch (def.type) {
    case 'boolean':
      return 'It takes true or false.';
    case 'enum':
      return `It takes one of: ${(def.values ?? []).map((v) => v.value).join(', ')}.`;
    case 'integer':
      return `It takes a whole number from ${def.minimum ?? 0} to ${def.maximum ?? 4294967295}.`;
    default:
      return '';
  }
}

function checkStrayText(ctx: CheckContext, element: XmlElement, def: ElementDef): void {
  // Containers normally hold only indentation: find the first text that is more than that
  // before building the whole text (the same test as textOf(element).trim() being non-empty).
  const first = element.children.find((c) => (c.kind === 'text' || c.kind === 'cdata') && NOT_BLANK.test(c.value));
  if (!first) return;
  const text = textOf(element).trim();
  const span = first ? trimmedSpan(ctx.doc.text, first.start, first.end) : element.nameSpan;
  ctx.report({
    ruleId: 'invalid-value',
    span,
    message:
      `${def.name} holds child elements, not text ("${text.length > 40 ? text.slice(0, 40) + '…' : text}"). ${def.children?.length ? `Expected elements: ${def.children.map((c) => c.name).join(', ')}.` : ''}`.trim(),
  });
}

/** A character that String.prototype.trim would keep (`\s` is trim's set of blanks). */
const NOT_BLANK = /\S/;

function checkTarget(ctx: CheckContext, element: XmlElement, def: ElementDef, target: number): void {
  if (!def.minBuild) return;
  if (buildNumber(def.minBuild) <= target) return;
  ctx.report({
    ruleId: 'unsupported-on-target',
    span: element.nameSpan,
    message: `${def.name} needs ${windowsName(def.minBuild, ctx.schema)}; the configured target is ${ctx.settings.targetWindows}. Older clients ignore it or reject the profile.`,
  });
}

function trimmedSpan(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}
