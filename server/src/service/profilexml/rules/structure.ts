import { childElements, type XmlElement } from '../../xml/xmlTree';
import { childIndent, elementAsTemplate, indentAt, insertChild, removeElement, renameElement } from '../edits';
import type { ElementDef } from '../schemaTypes';
import { childDefinition, closest, knownPathsFor } from '../structure';
import type { Fix } from '../../core/findings';
import type { CheckContext, RuleFamily } from './ruleTypes';

/**
 * Structure against the model (source: Microsoft's VPNv2 CSP page, corrected by real profiles): unknown and
 * misplaced elements, too many or too few occurrences, NativeProfile versus PluginProfile.
 * Order is not checked here: Windows accepts any order (docs/architecture.md, "Data, not code"); Intune order is
 * its own rule.
 */
export const structureRules: RuleFamily = {
  family: 'structure',
  ids: ['unknown-element', 'misplaced-element', 'duplicate-element', 'missing-element', 'profile-type-conflict', 'read-only-element'],
  check(ctx) {
    checkChildren(ctx, ctx.root, ctx.schema.root);
    checkProfileType(ctx);
  },
};

function checkChildren(ctx: CheckContext, element: XmlElement, def: ElementDef): void {
  if (def.type === 'any') return;
  const allowed = def.children ?? [];
  const seen = new Map<string, XmlElement[]>();
  // Rendered once per element: every repeated child (Address and PrefixSize of one Route) offers the same split.
  let split: { fix: Fix | undefined } | undefined;
  const splitFix = (): Fix | undefined => {
    split ??= { fix: splitRepeatedGroups(ctx, element, def) };
    return split.fix && { title: split.fix.title, edits: split.fix.edits.map((edit) => ({ ...edit })) };
  };
  for (const child of childElements(element)) {
    // The first allowed child that names it (documented or accepted spelling); prefixed names never match.
    const childDef = child.name.includes(':') ? undefined : childDefinition(def, child.localName);
    if (!childDef) {
      reportStray(ctx, child, element, def);
      continue;
    }
    if (childDef.readOnly) {
      // Windows ignores it: one finding says so, and nothing inside it (value, occurrences) matters.
      reportReadOnly(ctx, child, childDef);
      continue;
    }
    if (child.localName !== childDef.name) {
      ctx.report({
        ruleId: 'non-canonical-value',
        span: child.nameSpan,
        message: `Documented as <${childDef.name}>; <${child.localName}> is the spelling of one Microsoft example and may work, but the documented name avoids surprises.`,
        fixes: [{ title: `Rename to ${childDef.name}`, edits: renameElement(child, childDef.name), preferred: true }],
      });
    }
    const list = seen.get(childDef.name) ?? [];
    list.push(child);
    seen.set(childDef.name, list);
    checkChildren(ctx, child, childDef);
  }
  for (const childDef of allowed) {
    const present = seen.get(childDef.name) ?? [];
    if (childDef.maxOccurs >= 0 && present.length > childDef.maxOccurs) {
      // One finding per element name: a pasted list of 200 repeats is one mistake, not 200.
      const extra = present[childDef.maxOccurs];
      const count = present.length;
      ctx.report({
        ruleId: 'duplicate-element',
        span: extra.nameSpan,
        message: `${childDef.name} may appear ${childDef.maxOccurs === 1 ? 'only once' : `at most ${childDef.maxOccurs} times`} in ${def.name}, but appears ${count} times. Windows reads one of them and ignores or rejects the rest${childDef.name === 'Address' || childDef.name === 'PrefixSize' ? '; each route needs its own <Route> element' : ''}.`,
        fixes: withPreferredFirst([splitFix(), removeExtras(ctx, present.slice(childDef.maxOccurs), childDef.name)]),
        related: [{ span: present[0].nameSpan, message: `First ${childDef.name}` }],
      });
    }
    // Text the script fills in at run time (`<NativeProfile>$ServersXml…`) may hold the missing child.
    if (present.length < childDef.minOccurs && !hasMisspelledStandIn(element, childDef, ctx) && !ctx.doc.holdsRunTime(element)) {
      ctx.report({
        ruleId: 'missing-element',
        span: element.nameSpan,
        message: `${def.name} needs ${childDef.name}: ${lowerFirst(childDef.doc)} Without it Windows rejects or half-applies the profile.`,
        fixes: [
          {
            title: `Add <${childDef.name}>`,
            edits: [
              insertChild(
                ctx.doc,
                element,
                childDef.name,
                placeholderFor(childDef),
                allowed.map((c) => c.name),
              ),
            ],
            preferred: true,
          },
        ],
      });
    }
  }
}

/**
 * Removes every occurrence past the allowed count (one finding stands for all of them, so its
 * fix must resolve all of them: fix-all would otherwise take one pass per copy).
 */
function removeExtras(ctx: CheckContext, extras: readonly XmlElement[], name: string): Fix {
  const title = extras.length === 1 ? `Remove this extra ${name}` : `Remove the ${extras.length} extra ${name} elements`;
  return { title, edits: extras.map((e) => removeElement(ctx.doc, e)) };
}

function withPreferredFirst(fixes: (Fix | undefined)[]): Fix[] {
  const present = fixes.filter((f): f is Fix => !!f);
  return present.map((f, i) => ({ ...f, preferred: i === 0 }));
}

/**
 * Several routes pasted into one <Route> (Address, PrefixSize, Address, PrefixSize, ...) are
 * split back into one element each, so nothing the author wrote is thrown away. Offered only
 * when the children form complete groups that each start with the first required child.
 */
function splitRepeatedGroups(ctx: CheckContext, element: XmlElement, def: ElementDef): Fix | undefined {
  const leader = def.children?.find((c) => c.minOccurs > 0)?.name;
  if (!leader || def.maxOccurs !== -1) return undefined;
  if (element.children.some((c) => c.kind === 'comment' || c.kind === 'cdata' || (c.kind === 'text' && c.value.trim()))) return undefined;
  const groups: XmlElement[][] = [];
  for (const child of childElements(element)) {
    if (child.localName === leader || groups.length === 0) groups.push([]);
    const group = groups[groups.length - 1];
    if (group.some((g) => g.localName === child.localName)) return undefined;
    group.push(child);
  }
  if (groups.length < 2) return undefined;
  const required = (def.children ?? []).filter((c) => c.minOccurs > 0).map((c) => c.name);
  if (!groups.every((g) => required.every((name) => g.some((c) => c.localName === name)))) return undefined;
  const { text, eol } = ctx.doc;
  const outer = indentAt(text, element.start);
  const inner = childIndent(ctx.doc, element);
  const rendered = groups.map(
    (g) => `<${element.name}>${eol}${g.map((c) => inner + text.slice(c.start, c.end)).join(eol)}${eol}${outer}</${element.name}>`,
  );
  return {
    title: `Split into ${groups.length} ${element.localName} elements`,
    edits: [{ start: element.start, end: element.end, newText: rendered.join(eol + outer) }],
  };
}

/** A misspelled child (e.g. `<Prefix>` for PrefixSize) already tells the user; do not also say "missing". */
function hasMisspelledStandIn(element: XmlElement, childDef: ElementDef, ctx: CheckContext): boolean {
  return childElements(element).some(
    (c) => ctx.schema.misspellings.get(c.localName) === childDef.name || c.localName.toLowerCase() === childDef.name.toLowerCase(),
  );
}

/**
 * A CSP node that Windows only reports (Get-only in Microsoft's CSP, e.g. DomainNameType): it is
 * part of what Windows returns when the profile is read back, so it turns up in profiles copied
 * from such output, but Windows never reads it from a profile.
 */
function reportReadOnly(ctx: CheckContext, child: XmlElement, def: ElementDef): void {
  ctx.report({
    ruleId: 'read-only-element',
    span: child.nameSpan,
    message:
      `<${child.localName}> is a value Windows only reports (read-only in Microsoft's VPNv2 CSP) and never takes from a profile, so it is ignored here: ` +
      `${def.readOnly} Remove it.`,
    fixes: [{ title: `Remove <${child.localName}>`, edits: [removeElement(ctx.doc, child)], preferred: true }],
  });
}

function reportStray(ctx: CheckContext, child: XmlElement, parent: XmlElement, parentDef: ElementDef): void {
  const siblings = (parentDef.children ?? []).filter((c) => !c.readOnly).map((c) => c.name);
  const everyPath = knownPathsFor(child.localName, ctx.schema).filter((p) => !p.includes(':'));
  // Read-only nodes are no home to move an element to: Windows would ignore it there as well.
  const paths = everyPath.filter((p) => !ctx.schema.byPath.get(p)?.readOnly);
  if (paths.length === 0 && everyPath.length > 0 && !child.name.includes(':')) {
    reportReadOnly(ctx, child, ctx.schema.byPath.get(everyPath[0])!);
    return;
  }
  if (paths.length > 0 && !child.name.includes(':') && paths.every((p) => !p.includes('/'))) {
    ctx.report({
      ruleId: 'misplaced-element',
      span: child.nameSpan,
      message: `${child.localName} is the root element of a profile and cannot be nested inside ${parent.localName}. Windows rejects the profile.`,
    });
    return;
  }
  if (paths.length > 0 && !child.name.includes(':')) {
    const homes = paths.map((p) => p.split('/').slice(0, -1).join('/'));
    const fixes: Fix[] = [];
    const target = findExistingParent(ctx, homes);
    // Moving an element into itself or into its own descendant is no move at all.
    if (target && !(target.start >= child.start && target.end <= child.end)) {
      const order = (ctx.defOf(target)?.children ?? []).map((c) => c.name);
      const maxOccurs = ctx.defOf(target)?.children?.find((c) => c.name === child.localName)?.maxOccurs ?? -1;
      const present = childElements(target).filter((c) => c.localName === child.localName);
      if (maxOccurs >= 0 && present.length >= maxOccurs) {
        // The destination is full: moving would only trade this finding for duplicate-element.
        // A stray copy of what is already there goes; a different one is for the author to settle.
        const same = (e: XmlElement): string => ctx.doc.text.slice(e.start, e.end).replace(/\s+/g, '');
        if (present.some((e) => same(e) === same(child))) {
          fixes.push({
            title: `Remove this misplaced ${child.localName} (${target.localName} already has the same)`,
            edits: [removeElement(ctx.doc, child)],
            preferred: true,
          });
        }
      } else {
        fixes.push({
          title: `Move ${child.localName} into ${target.localName}`,
          edits: [
            removeElement(ctx.doc, child, { keepComments: false }),
            insertChild(ctx.doc, target, child.localName, elementAsTemplate(ctx.doc, child), order),
          ],
          preferred: true,
        });
      }
    }
    ctx.report({
      ruleId: 'misplaced-element',
      span: child.nameSpan,
      message: `${child.localName} does not belong directly in ${parent.localName}; ProfileXML defines it under ${homes.map((h) => h.split('/').pop()).join(' or ')} (${homes[0]}). Windows ignores it here.`,
      fixes,
    });
    return;
  }
  const suggestion =
    ctx.schema.misspellings.get(child.localName) ?? caseSlip(child.localName, siblings) ?? closest(child.localName, siblings);
  const usable = suggestion && siblings.includes(suggestion) ? suggestion : undefined;
  const textual = parentDef.type !== 'none' && !parentDef.children;
  ctx.report({
    ruleId: 'unknown-element',
    span: child.nameSpan,
    message: textual
      ? `${parentDef.name} holds a value, not elements: <${child.name}> is not part of ProfileXML here.`
      : `<${child.name}> is not a ProfileXML element${usable ? `; did you mean <${usable}>?` : ` in ${parentDef.name}.`} Element names are case-sensitive; Windows ignores or rejects unknown elements.`,
    fixes: usable ? [{ title: `Rename to ${usable}`, edits: renameElement(child, usable), preferred: true }] : [],
  });
}

function caseSlip(name: string, candidates: readonly string[]): string | undefined {
  return candidates.find((c) => c.toLowerCase() === name.toLowerCase());
}

/** The first element in the document at one of the given model paths. */
function findExistingParent(ctx: CheckContext, paths: string[]): XmlElement | undefined {
  for (const path of paths) {
    const names = path.split('/');
    let current: XmlElement | undefined = ctx.root;
    for (let i = 1; i < names.length && current; i++) current = childElements(current).find((c) => c.localName === names[i]);
    if (current) return current;
  }
  return undefined;
}

/** Text to insert for a required element: its default, a sample value, or its required children. */
export function placeholderFor(def: ElementDef): string {
  if (def.snippet) return snippetToTemplate(def.snippet);
  const required = (def.children ?? []).filter((c) => c.minOccurs > 0);
  if (required.length > 0) return `<${def.name}>\n${required.map((c) => indentLines(placeholderFor(c))).join('\n')}\n</${def.name}>`;
  return `<${def.name}>${sampleValue(def)}</${def.name}>`;
}

function indentLines(text: string): string {
  return text
    .split('\n')
    .map((l) => `\t${l}`)
    .join('\n');
}

export function sampleValue(def: ElementDef): string {
  if (def.values?.length) return (def.values.find((v) => !v.weak) ?? def.values[0]).value;
  switch (def.type) {
    case 'boolean':
      return 'false';
    case 'integer':
      return String(def.minimum ?? 0);
    case 'ipAddress':
      return '10.0.0.0';
    case 'serverList':
      return 'vpn.example.com';
    default:
      return '';
  }
}

/** VS Code snippet syntax → plain text: `${1:x}` → x, `$1` → empty. */
export function snippetToTemplate(snippet: string): string {
  let out = snippet;
  for (let i = 0; i < 3; i++) out = out.replace(/\$\{\d+:([^${}]*)\}/g, '$1');
  return out.replace(/\$\{\d+\|([^,|}]*)[^}]*\}/g, '$1').replace(/\$\d+/g, '');
}

function lowerFirst(s: string): string {
  return s ? s[0].toLowerCase() + s.slice(1) : s;
}

function checkProfileType(ctx: CheckContext): void {
  const { nativeProfile, pluginProfile } = ctx.doc.facts;
  if (nativeProfile && pluginProfile) {
    ctx.report({
      ruleId: 'profile-type-conflict',
      span: pluginProfile.nameSpan,
      message:
        'A profile is either built-in (NativeProfile) or a Store plug-in (PluginProfile), not both. Keep the one that matches your VPN client.',
      related: [{ span: nativeProfile.nameSpan, message: 'NativeProfile' }],
    });
  } else if (!nativeProfile && !pluginProfile && !ctx.doc.holdsRunTime(ctx.root)) {
    ctx.report({
      ruleId: 'profile-type-conflict',
      span: ctx.root.nameSpan,
      message:
        'VPNProfile has neither NativeProfile (built-in IKEv2/SSTP client) nor PluginProfile (Store plug-in): Windows has no way to connect.',
    });
  }
}
