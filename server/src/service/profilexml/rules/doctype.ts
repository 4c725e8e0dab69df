import {
  entityReferences,
  expansions,
  generalEntities,
  mayDeclare,
  PREDEFINED_ENTITIES,
  readDoctype,
  type DoctypeDeclaration,
  type EntityDeclaration,
  type Expansion,
  type ExternalIdentifier,
} from '../../xml/doctype';
import { walkElements, type Span } from '../../xml/xmlTree';
import type { Fix } from '../../core/findings';
import type { CheckContext, RuleFamily } from './ruleTypes';

/**
 * A DOCTYPE in ProfileXML (source: the VPNv2 CSP defines the profile without any DTD; OWASP's
 * XXE guidance: a DTD is how external entities, parameter entities and exponential entity
 * expansion get into XML). Nothing in it is loaded, resolved or expanded, here or anywhere in
 * this tool: the rule only describes what the declaration holds, and marks every reference to
 * an entity it declares, whose value is therefore unknown to the other checks. Whether the
 * Windows CSP parser rejects a DTD is not documented, hence a warning.
 */
export const doctypeRules: RuleFamily = {
  family: 'structure',
  ids: ['doctype-not-allowed'],
  check(ctx) {
    const node = ctx.doc.tree.children.find((n) => n.kind === 'doctype' && n.value.startsWith('<!DOCTYPE'));
    if (!node || !ctx.doc.root || node.start > ctx.doc.root.start) return;
    const doctype = readDoctype(ctx.doc.text, node);
    if (!doctype) return;
    checkDoctype(ctx, doctype);
  },
};

const RULE = 'doctype-not-allowed';
/** Entity references reported one by one; a profile with more gets the count on the DOCTYPE. */
const MAX_REFERENCE_FINDINGS = 100;
/** An expansion at least this long is the "billion laughs" shape, whatever its nesting. */
const EXPLOSIVE_LENGTH = 100_000;
/** How much of a name or URI a message quotes. */
const QUOTE_LIMIT = 80;
const LIST_LIMIT = 3;

interface Reference {
  name: string;
  span: Span;
  entity?: EntityDeclaration;
}

function checkDoctype(ctx: CheckContext, doctype: DoctypeDeclaration): void {
  const text = ctx.doc.text;
  const declared = generalEntities(doctype);
  const sizes = expansions(doctype);
  const references = referencesIn(ctx, doctype, declared);

  const removal: Fix = {
    title: 'Remove the DOCTYPE declaration',
    edits: [{ start: doctype.span.start, end: afterLineEnd(text, doctype.span.end), newText: '' }],
  };
  // Without the DOCTYPE its entities are undeclared and the profile stops being XML: then the
  // removal is offered but never applied by "fix all" or --fix.
  if (references.length === 0) removal.preferred = true;
  ctx.report({ ruleId: RULE, span: doctype.span, message: describeDoctype(doctype, sizes, references.length), fixes: [removal] });

  for (const reference of references.slice(0, MAX_REFERENCE_FINDINGS)) {
    ctx.report({
      ruleId: RULE,
      span: reference.span,
      message: describeReference(reference, doctype, sizes),
      related: reference.entity
        ? [{ span: reference.entity.span, message: `Entity '${quote(reference.name)}' declared in the DOCTYPE` }]
        : [{ span: doctype.span, message: 'The DOCTYPE' }],
    });
  }
}

/** References in values and attribute values to entities the DOCTYPE declares (or may, through parts never read). */
function referencesIn(ctx: CheckContext, doctype: DoctypeDeclaration, declared: Map<string, EntityDeclaration>): Reference[] {
  const text = ctx.doc.text;
  const out: Reference[] = [];
  if (text.indexOf('&', doctype.span.end) < 0) return out;
  const collect = (start: number, end: number): void => {
    for (const ref of entityReferences(text, start, end)) {
      if (PREDEFINED_ENTITIES.has(ref.name) || !mayDeclare(doctype, ref.name)) continue;
      out.push({ name: ref.name, span: ref.span, entity: declared.get(ref.name) });
    }
  };
  walkElements(ctx.doc.root, (element) => {
    for (const attribute of element.attributes) if (attribute.valueSpan) collect(attribute.valueSpan.start, attribute.valueSpan.end);
    for (const child of element.children) if (child.kind === 'text') collect(child.start, child.end);
  });
  return out;
}

function describeDoctype(doctype: DoctypeDeclaration, sizes: Map<string, Expansion>, referenceCount: number): string {
  const parts: string[] = [];
  if (doctype.external) parts.push(`loads an external DTD (${externalText(doctype.external)})`);

  const firstOfEach = [...generalEntities(doctype).values()];
  const externals = firstOfEach.filter((e) => e.external);
  if (externals.length > 0)
    parts.push(
      `declares ${listOf(externals, 'external entity', 'external entities', (e) => `'${quote(e.name)}' (${externalText(e.external)})`)}`,
    );

  const parameters = doctype.entities.filter((e) => e.parameter);
  if (parameters.length > 0) {
    parts.push(
      `declares ${listOf(parameters, 'parameter entity', 'parameter entities', (e) => `'%${quote(e.name)}'${e.external ? ` (${externalText(e.external)})` : ''}`)}`,
    );
  }
  if (doctype.parameterReferences.length > 0) {
    const names = [...new Set(doctype.parameterReferences.map((r) => r.name))];
    parts.push(
      `expands ${names
        .slice(0, LIST_LIMIT)
        .map((n) => `%${quote(n)};`)
        .join(', ')}${names.length > LIST_LIMIT ? ` and ${names.length - LIST_LIMIT} more` : ''} inside the DTD`,
    );
  }

  const internals = firstOfEach.filter((e) => e.value !== undefined);
  if (internals.length > 0) {
    let internal = `declares ${internals.length === 1 ? `the internal entity '${quote(internals[0].name)}'` : `${internals.length} internal entities`}`;
    const worst = largestExpansion(internals, sizes);
    if (worst?.size.recursive) {
      internal += `, '${quote(worst.entity.name)}' among them refers to itself`;
    } else if (worst && worst.size.length >= EXPLOSIVE_LENGTH) {
      internal += ` nested ${worst.size.depth} levels deep: &${quote(worst.entity.name)}; would expand to ${aboutCharacters(worst.size.length)} (the "billion laughs" shape)`;
    } else if (worst && worst.size.depth > 1) {
      internal += ` nested ${worst.size.depth} levels deep`;
    }
    parts.push(internal);
  }
  if (referenceCount > 0) parts.push(`the profile refers to its entities ${referenceCount === 1 ? 'once' : `${referenceCount} times`}`);

  const what = parts.length > 0 ? `DOCTYPE ${parts.join('; ')}` : 'DOCTYPE declaration';
  return `${what}. ProfileXML takes no DTD and this tool never loads or expands it; remove the declaration.`;
}

function describeReference(reference: Reference, doctype: DoctypeDeclaration, sizes: Map<string, Expansion>): string {
  const ref = `&${quote(reference.name)};`;
  const entity = reference.entity;
  const unknown = 'so the checks here do not know its value. ProfileXML takes no DTD: write the value itself.';
  if (!entity) {
    const from = doctype.external?.systemId !== undefined ? `the external DTD (${externalText(doctype.external)})` : 'a parameter entity';
    return `${ref} is not declared in the profile; only ${from} could declare it, and this tool never loads that, ${unknown}`;
  }
  if (entity.notation !== undefined)
    return `${ref} refers to the unparsed entity '${quote(entity.name)}' declared in the DOCTYPE (XML allows no reference to it in content); this tool never loads it, ${unknown}`;
  if (entity.external)
    return `${ref} refers to the external entity '${quote(entity.name)}' (${externalText(entity.external)}) declared in the DOCTYPE; this tool never loads it, ${unknown}`;
  const size = sizes.get(entity.name);
  const growth = size?.recursive
    ? ' (it refers to itself)'
    : size && size.length >= EXPLOSIVE_LENGTH
      ? ` (it would grow to ${aboutCharacters(size.length)})`
      : '';
  return `${ref} refers to the entity '${quote(entity.name)}' declared in the DOCTYPE${growth}; this tool does not expand it, ${unknown}`;
}

function largestExpansion(
  entities: EntityDeclaration[],
  sizes: Map<string, Expansion>,
): { entity: EntityDeclaration; size: Expansion } | undefined {
  let best: { entity: EntityDeclaration; size: Expansion } | undefined;
  for (const entity of entities) {
    const size = sizes.get(entity.name);
    if (!size) continue;
    if (
      !best ||
      Number(size.recursive) > Number(best.size.recursive) ||
      (size.recursive === best.size.recursive && size.length > best.size.length)
    )
      best = { entity, size };
  }
  return best;
}

function listOf<T>(items: T[], one: string, many: string, show: (item: T) => string): string {
  if (items.length === 1) return `the ${one} ${show(items[0])}`;
  const shown = items.slice(0, LIST_LIMIT).map(show).join(', ');
  return `${items.length} ${many}: ${shown}${items.length > LIST_LIMIT ? ` and ${items.length - LIST_LIMIT} more` : ''}`;
}

function externalText(id: ExternalIdentifier | undefined): string {
  if (!id) return '';
  if (id.publicId !== undefined) return `PUBLIC "${quote(id.publicId)}"${id.systemId !== undefined ? ` "${quote(id.systemId)}"` : ''}`;
  return `SYSTEM "${quote(id.systemId ?? '')}"`;
}

/** A name or URI as a message shows it: one line, at most QUOTE_LIMIT characters. */
function quote(value: string): string {
  const flat = value.replace(/\s+/g, ' ');
  return flat.length > QUOTE_LIMIT ? `${flat.slice(0, QUOTE_LIMIT - 1)}…` : flat;
}

function aboutCharacters(length: number): string {
  if (!Number.isFinite(length) || length >= 1e15) return 'more than a quadrillion characters';
  const units: [number, string][] = [
    [1e12, 'trillion'],
    [1e9, 'billion'],
    [1e6, 'million'],
  ];
  for (const [size, word] of units) if (length >= size) return `about ${roundTo(length / size)} ${word} characters`;
  return `about ${Math.round(length).toLocaleString('en-US')} characters`;
}

function roundTo(value: number): string {
  return value >= 10 ? String(Math.round(value)) : String(Math.round(value * 10) / 10);
}

/** The offset after the line end that directly follows `offset`, if one does. */
function afterLineEnd(text: string, offset: number): number {
  if (text.startsWith('\r\n', offset)) return offset + 2;
  if (text[offset] === '\n' || text[offset] === '\r') return offset + 1;
  return offset;
}
