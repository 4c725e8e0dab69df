import schemaJson from '../../../../schemas/profilexml.json';
import type { ElementDef, ProfileXmlSchema } from './schemaTypes';

export const SCHEMA = schemaJson as unknown as ProfileXmlSchema;

/** Lookups over the ProfileXML model, built once. Paths are local names joined with '/'. */
export interface SchemaIndex {
  root: ElementDef;
  byPath: Map<string, ElementDef>;
  /** Every path at which a local name is defined. */
  pathsByName: Map<string, string[]>;
  /** Wrong spellings people write → the correct name. */
  misspellings: Map<string, string>;
  /** Lower-cased name → correct name, for case slips. */
  byLowerName: Map<string, string>;
  builds: ProfileXmlSchema['windowsBuilds'];
}

export function buildSchemaIndex(schema: ProfileXmlSchema = SCHEMA): SchemaIndex {
  const byPath = new Map<string, ElementDef>();
  const pathsByName = new Map<string, string[]>();
  const misspellings = new Map<string, string>();
  const byLowerName = new Map<string, string>();
  const visit = (def: ElementDef, parentPath: string): void => {
    const path = parentPath ? `${parentPath}/${def.name}` : def.name;
    byPath.set(path, def);
    const paths = pathsByName.get(def.name) ?? [];
    paths.push(path);
    pathsByName.set(def.name, paths);
    byLowerName.set(def.name.toLowerCase(), def.name);
    for (const wrong of def.misspellings ?? []) misspellings.set(wrong, def.name);
    for (const child of def.children ?? []) visit(child, path);
  };
  visit(schema.root, '');
  return { root: schema.root, byPath, pathsByName, misspellings, byLowerName, builds: schema.windowsBuilds };
}

let defaultIndex: SchemaIndex | undefined;
export function schemaIndex(): SchemaIndex {
  return (defaultIndex ??= buildSchemaIndex());
}

export function childDef(parent: ElementDef | undefined, name: string): ElementDef | undefined {
  return parent?.children?.find((c) => c.name === name);
}

/** Build number of "10.0.22000" → 22000; NaN when not a build. */
export function buildNumber(build: string | undefined): number {
  const m = /^10\.0\.(\d+)$/.exec(build ?? '');
  return m ? Number(m[1]) : NaN;
}

/** Resolves a target setting (`win11-22h2` or `10.0.22621`) to a build number. */
export function targetBuild(target: string, index: SchemaIndex = schemaIndex()): number | undefined {
  const direct = buildNumber(target);
  if (!Number.isNaN(direct)) return direct;
  const named = index.builds.find((b) => b.id.toLowerCase() === target.toLowerCase());
  return named ? buildNumber(named.build) : undefined;
}

export function windowsName(build: string, index: SchemaIndex = schemaIndex()): string {
  const n = buildNumber(build);
  const exact = index.builds.find((b) => buildNumber(b.build) === n);
  if (exact) return `${exact.name} (${build})`;
  const next = index.builds.find((b) => buildNumber(b.build) >= n);
  return next ? `build ${build} (in practice ${next.name})` : `build ${build}`;
}
