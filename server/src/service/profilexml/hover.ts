import { reportInternalError } from '../core/internalErrors';
import type { Span } from '../xml/xmlTree';
import { hasElementChildren, valueSpan, walkElementsAt, type XmlElement } from '../xml/xmlTree';
import type { Settings } from '../settings';
import type { ProfileDocument } from './document';
import { booleanValueMarkdown, elementMarkdown, enumValueMarkdown, valueLines } from './hoverDocs';
import type { SchemaIndex } from './schema';
import type { ElementDef } from './schemaTypes';
import { closest, insideOpaque, resolveDefinition } from './structure';

/**
 * Hover over an element name (start or end tag): what the element does, its values, default,
 * minimum Windows, scope, caveats and sources. Hover over an enumeration or boolean value: that
 * value's meaning plus the element's summary. Nothing outside the VPNProfile root or inside
 * opaque content (EAP configuration, plug-in custom configuration).
 */
export function doHover(
  doc: ProfileDocument,
  offset: number,
  settings: Settings,
  schema: SchemaIndex,
): { markdown: string; span: Span } | null {
  try {
    return hoverAt(doc, offset, settings, schema);
  } catch (error) {
    // Hover runs on half-written documents: a surprise costs the hover, and is reported.
    reportInternalError('hover (ProfileXML)', error);
    return null;
  }
}

function hoverAt(doc: ProfileDocument, offset: number, settings: Settings, schema: SchemaIndex): { markdown: string; span: Span } | null {
  const root = doc.root;
  if (!root || offset < root.start || offset > root.end) return null;

  const name = nameAt(root, offset);
  if (name) {
    if (insideOpaque(name.element, schema)) return null;
    return { markdown: elementHover(name.element, settings, schema), span: name.span };
  }

  const value = valueAt(doc, root, offset, schema);
  if (value) return { markdown: valueHover(value.def, value.text, settings, schema), span: value.span };
  return null;
}

/**
 * The element whose start-tag or end-tag name holds the offset (end inclusive). Only elements
 * whose span holds the offset can qualify; they are visited in document order.
 */
function nameAt(root: XmlElement, offset: number): { element: XmlElement; span: Span } | undefined {
  let found: { element: XmlElement; span: Span } | undefined;
  walkElementsAt(root, offset, (element) => {
    if (element.nameSpan.start <= offset && offset <= element.nameSpan.end) {
      found = { element, span: element.nameSpan };
      return true;
    }
    if (element.endTag) {
      const start = element.endTag.start + 2;
      const span = { start, end: start + element.name.length };
      if (span.start <= offset && offset <= span.end) {
        found = { element, span };
        return true;
      }
    }
    return false;
  });
  return found;
}

function elementHover(element: XmlElement, settings: Settings, schema: SchemaIndex): string {
  const def = resolveDefinition(element, schema);
  if (def) return elementMarkdown(def, settings, schema, { path: pathText(element), full: true });

  const known = schema.pathsByName.get(element.localName);
  if (known?.length) {
    const knownDef = schema.byPath.get(known[0])!;
    // A read-only node is ignored wherever it stands: its own note says so, "move it" would mislead.
    if (known.every((p) => schema.byPath.get(p)?.readOnly))
      return elementMarkdown(knownDef, settings, schema, { path: known[0], full: true });
    const parent = element.parent ? `\`${element.parent.localName}\`` : 'the top level';
    const where = known.map((p) => `\`${p.split('/').slice(0, -1).join('/')}\``).join(' or ');
    const note = `*Misplaced:* \`${element.localName}\` belongs under ${where}, not under ${parent}.`;
    return `${note}\n\n${elementMarkdown(knownDef, settings, schema, { path: known[0], full: true })}`;
  }

  const suggestion =
    schema.misspellings.get(element.localName) ??
    schema.byLowerName.get(element.localName.toLowerCase()) ??
    closest(element.localName, [...schema.pathsByName.keys()]);
  const hint = suggestion && suggestion !== element.localName ? ` Did you mean \`${suggestion}\`?` : '';
  return `\`${element.localName}\` is not a ProfileXML element: Windows does not know it.${hint}`;
}

function pathText(element: XmlElement): string {
  const names: string[] = [];
  for (let e: XmlElement | undefined = element; e; e = e.parent) names.push(e.localName);
  names.reverse();
  return names.join('/');
}

/** The enumeration or boolean value under the cursor, with its element's definition. */
function valueAt(
  doc: ProfileDocument,
  root: XmlElement,
  offset: number,
  schema: SchemaIndex,
): { def: ElementDef; text: string; span: Span } | undefined {
  let found: { def: ElementDef; text: string; span: Span } | undefined;
  // Content lies inside the element's span, so only elements holding the offset can qualify.
  walkElementsAt(root, offset, (element) => {
    if (element.selfClosing || hasElementChildren(element)) return false;
    if (offset < element.startTagEnd || offset > (element.endTag?.start ?? element.end)) return false;
    const span = valueSpan(element, doc.text);
    if (span.start === span.end || offset < span.start || offset > span.end) return false;
    const def = resolveDefinition(element, schema);
    if (!def || (def.type !== 'enum' && def.type !== 'boolean')) return false;
    found = { def, text: doc.text.slice(span.start, span.end), span };
    return true;
  });
  return found;
}

function valueHover(def: ElementDef, text: string, settings: Settings, schema: SchemaIndex): string {
  if (def.type === 'boolean') {
    if (text === 'true' || text === 'false') return booleanValueMarkdown(def, text);
    const lower = text.toLowerCase();
    if (lower === 'true' || lower === 'false') {
      return `\`${text}\` is not how Windows reads \`${def.name}\`: booleans must be written \`${lower}\` in lower case, other casings leave the profile only partly applied.\n\n---\n**${def.name}**: ${def.doc}`;
    }
    return `\`${text}\` is not a boolean: \`${def.name}\` takes \`true\` or \`false\`.\n\n---\n**${def.name}**: ${def.doc}`;
  }
  const values = def.values ?? [];
  const exact = values.find((v) => v.value === text || v.exampleSpellings?.includes(text));
  if (exact) return enumValueMarkdown(def, exact, settings, schema);
  const lower = text.toLowerCase();
  const near = values.find((v) => v.value.toLowerCase() === lower);
  if (near) {
    // Never "documented" for a value Microsoft does not list (MachineMethod EAP).
    const spellings = [near.value, ...(near.exampleSpellings ?? [])].map((s) => `\`${s}\``).join(' or ');
    const label = near.undocumented ? `*Spelling known to work:* ${spellings}` : `*Documented spelling:* \`${near.value}\``;
    const accepted = def.caseInsensitive ? ' Windows reads this element without regard to case, so this spelling works too.' : '';
    return `${label}.${accepted}\n\n${enumValueMarkdown(def, near, settings, schema)}`;
  }
  return `\`${text}\` is not a value of \`${def.name}\`. Allowed values:\n\n${valueLines(def, settings, schema).join('\n')}\n\n---\n**${def.name}**: ${def.doc}`;
}
