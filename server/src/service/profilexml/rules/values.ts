import { hasElementChildren, textOf, valueSpan, walkElements, type XmlElement } from '../../xml/xmlTree';
import { replaceValue } from '../edits';
import { buildNumber, targetBuild, windowsName } from '../schema';
import type { ElementDef } from '../schemaTypes';
import { closest } from '../structure';
import type { CheckContext, RuleFamily } from './ruleTypes';
import { profileXmlSpelling, type SuiteElement } from '../crypto';

/**
 * Values against their type in the model: booleans (lower-case only, LOWERTRUE), enumerations
 * (exact DDF spelling; other case is accepted by Windows in places, so it is only noted),
 * integers and ranges, empty values, and the Windows build an element or value needs.
 * Structured formats (servers, addresses, ports, DNS names) are checked by formats.ts.
 */
export const valueRules: RuleFamily = {
  ids: ['invalid-value', 'non-canonical-value', 'empty-value', 'unsupported-on-target'],
  check(ctx) {
    const target = targetBuild(ctx.settings.targetWindows, ctx.schema);
    walkElements(ctx.root, (element) => {
      const def = ctx.defOf(element);
      if (!def) return;
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

function checkScalar(ctx: CheckContext, element: XmlElement, def: ElementDef, target: number | undefined): void {
  const raw = textOf(element);
  const value = raw.trim();
  const span = valueSpan(element, ctx.doc.text);
  if (value === '') {
    if (needsValue(def) || def.minOccurs > 0) {
      ctx.report({
        ruleId: 'empty-value',
        span: element.nameSpan,
        message: `${def.name} is empty. ${expectation(def)} Remove the element to use the default${def.default ? ` (${def.default})` : ''}, or give it a value.`,
      });
    }
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
      if (values.some((v) => v.value === value)) {
        const chosen = values.find((v) => v.value === value)!;
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
          message: `${def.name} is documented as "${caseVariant.value}"; "${value}" works in practice but the documented spelling avoids surprises.`,
          fixes: [{ title: `Use ${caseVariant.value}`, edits: [replaceValue(ctx.doc, element, caseVariant.value)], preferred: true }],
        });
        return;
      }
      // PowerShell spellings of crypto values are their own rule (crypto.ts).
      if (ctx.doc.facts.cryptoSuite && element.parent === ctx.doc.facts.cryptoSuite && isPowerShellSpelling(def.name, value)) return;
      const suggestion = closest(value, values.map((v) => v.value));
      ctx.report({
        ruleId: 'invalid-value',
        span,
        message: `"${value}" is not a ${def.name} value. Allowed: ${values.map((v) => v.value).join(', ')}.${suggestion ? ` Did you mean ${suggestion}?` : ''}`,
        fixes: suggestion ? [{ title: `Change to ${suggestion}`, edits: [replaceValue(ctx.doc, element, suggestion)], preferred: true }] : [],
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
        ctx.report({ ruleId: 'invalid-value', span, message: `${def.name} must be a URL such as http://proxy.example.com/proxy.pac; "${value}" is not.` });
      }
      return;
    case 'hostPort':
      if (!/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+|[0-9a-fA-F:.]+)(:\d{1,5})?$/.test(value) || portOf(value) > 65535) {
        ctx.report({ ruleId: 'invalid-value', span, message: `${def.name} must be a host name or IP address, optionally with :port (for example proxy.example.com:8080); "${value}" is not.` });
      }
      return;
    case 'thumbprintList':
      for (const part of value.split(/[,;]/)) {
        const hex = part.replace(/\s+/g, '');
        if (!/^[0-9a-fA-F]{40}$/.test(hex)) {
          ctx.report({ ruleId: 'invalid-thumbprint', span, message: `${def.name} must hold SHA-1 certificate thumbprints of 40 hexadecimal digits; "${part.trim()}" is not one.` });
          return;
        }
      }
      return;
    case 'oidList':
      for (const part of value.split(',')) {
        if (!/^\d+(\.\d+)+$/.test(part.trim())) {
          ctx.report({ ruleId: 'invalid-value', span, message: `${def.name} must be a comma-separated list of object identifiers such as 1.3.6.1.5.5.7.3.2; "${part.trim()}" is not one.` });
          return;
        }
      }
      return;
    default:
      return;
  }
}

function portOf(hostPort: string): number {
  const m = /:(\d{1,5})$/.exec(hostPort);
  return m ? Number(m[1]) : 0;
}

/** A cmdlet spelling where ProfileXML has its own (reported by powershell-spelling instead). */
export function isPowerShellSpelling(elementName: string, value: string): boolean {
  return profileXmlSpelling(elementName as SuiteElement, value) !== undefined;
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
    message: `${def.name} holds child elements, not text ("${text.length > 40 ? text.slice(0, 40) + '…' : text}"). ${def.children?.length ? `Expected elements: ${def.children.map((c) => c.name).join(', ')}.` : ''}`.trim(),
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
