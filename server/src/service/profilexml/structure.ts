import type { XmlElement } from '../xml/xmlTree';
import type { SchemaIndex } from './schema';
import type { ElementDef } from './schemaTypes';
import { isProfileRootName } from './rootName';

/**
 * The schema definition of an element at its place in the document: its parent chain must
 * match the model all the way up. Undefined for unknown or misplaced elements and for
 * anything inside opaque content (EAP configuration, plug-in custom configuration).
 */
export function resolveDefinition(element: XmlElement, schema: SchemaIndex): ElementDef | undefined {
  const chain: XmlElement[] = [];
  for (let e: XmlElement | undefined = element; e; e = e.parent) chain.push(e);
  if (!isProfileRootName(chain[chain.length - 1].name)) return undefined;
  let def: ElementDef | undefined = schema.root;
  for (let i = chain.length - 2; i >= 0 && def; i--) def = childDefinition(def, chain[i].localName);
  return def;
}

/**
 * The child definition that covers `localName` under `parent` (the first child, in model
 * order, whose documented name or an accepted spelling is `localName`); undefined when the
 * name is not defined there or `parent` is opaque (`any`). One map per definition, built on
 * first use.
 */
export function childDefinition(parent: ElementDef, localName: string): ElementDef | undefined {
  if (parent.type === 'any') return undefined;
  let byName = childMaps.get(parent);
  if (!byName) {
    byName = new Map();
    for (const child of parent.children ?? []) {
      for (const name of [child.name, ...(child.acceptedSpellings ?? [])]) if (!byName.has(name)) byName.set(name, child);
    }
    childMaps.set(parent, byName);
  }
  return byName.get(localName);
}

const childMaps = new WeakMap<ElementDef, Map<string, ElementDef>>();

/** Does this definition cover an element written with this local name (documented or accepted spelling)? */
export function definesName(def: ElementDef, localName: string): boolean {
  return def.name === localName || (def.acceptedSpellings?.includes(localName) ?? false);
}

/** Is the element inside opaque content, where ProfileXML rules do not look? */
export function insideOpaque(element: XmlElement, schema: SchemaIndex): boolean {
  for (let e = element.parent; e; e = e.parent) if (resolveDefinition(e, schema)?.type === 'any') return true;
  return false;
}

/** Path strings of the model for an element name, e.g. "VPNProfile/NativeProfile/CryptographySuite/DHGroup". */
export function knownPathsFor(name: string, schema: SchemaIndex): string[] {
  return schema.pathsByName.get(name) ?? [];
}

export { closest, editDistance } from '../textDistance';
