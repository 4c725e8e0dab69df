import type { Settings } from '../settings';
import { sourcesMarkdown } from '../sources';
import { buildNumber, targetBuild, windowsName, type SchemaIndex } from './schema';
import type { ElementDef, EnumValue, ValueType } from './schemaTypes';

/**
 * Markdown about elements and values, shared by hover and completion documentation. Every fact
 * comes from schemas/profilexml.json; this file only arranges it for Windows admins.
 */

const TYPE_WORDS: Record<ValueType, string> = {
  boolean: '`true` or `false`, in lower case (other casings leave the profile partly applied)',
  string: 'text',
  enum: 'one of the values listed below',
  integer: 'a whole number',
  serverList: 'comma-separated servers, each `address` or `address;friendly name`',
  urlList: 'semicolon-separated URLs',
  dnsNameList: 'comma-separated DNS names (no leading dot)',
  domainName: 'a host name, a suffix written with a leading dot (`.corp.example.net`), or `.` for every name',
  ipAddressList: 'comma-separated IP addresses',
  ipAddress: 'an IPv4 or IPv6 address',
  addressRanges: 'comma-separated addresses, CIDR prefixes (`10.0.0.0/8`) or ranges (`10.0.0.1-10.0.0.9`)',
  portRanges: 'comma-separated ports or ranges (`80,8000-8080`)',
  hostPort: '`host` or `host:port`',
  url: 'a URL',
  thumbprintList: 'certificate thumbprints of 40 hex digits, separated by commas or semicolons',
  oidList: 'comma-separated OIDs (`1.3.6.1.5.5.7.3.2`)',
  none: 'child elements only',
  any: 'free-form XML that Windows passes on as it is (not checked as ProfileXML)',
};

export function typeWords(def: ElementDef): string {
  let words = TYPE_WORDS[def.type] ?? def.type;
  if (def.type === 'integer') {
    if (def.minimum !== undefined && def.maximum !== undefined) words += ` from ${def.minimum} to ${def.maximum}`;
    else if (def.minimum !== undefined) words += ` of at least ${def.minimum}`;
    else if (def.maximum !== undefined) words += ` up to ${def.maximum}`;
  }
  return words;
}

export function occursWords(def: ElementDef): string {
  if (def.minOccurs >= 1 && def.maxOccurs === 1) return 'required, once';
  if (def.minOccurs >= 1) return def.maxOccurs === -1 ? 'required, repeatable' : `required, up to ${def.maxOccurs} times`;
  if (def.maxOccurs === 1) return 'optional, at most once';
  return def.maxOccurs === -1 ? 'optional, repeatable (one element per entry)' : `optional, up to ${def.maxOccurs} times`;
}

/** The minimum Windows of a build, with a warning when it is newer than the configured target. */
export function windowsWords(build: string, settings: Settings, schema: SchemaIndex): string {
  const name = windowsName(build, schema);
  return newerThanTarget(build, settings, schema) ? `${name}, newer than your target ${targetName(settings, schema)}` : name;
}

export function newerThanTarget(build: string | undefined, settings: Settings, schema: SchemaIndex): boolean {
  if (!build) return false;
  const target = targetBuild(settings.targetWindows, schema);
  const needed = buildNumber(build);
  return target !== undefined && !Number.isNaN(needed) && needed > target;
}

export function targetName(settings: Settings, schema: SchemaIndex): string {
  const target = targetBuild(settings.targetWindows, schema);
  return target === undefined ? settings.targetWindows : windowsName(`10.0.${target}`, schema);
}

function code(value: string): string {
  return /^[\w.:;,/+-]+$/.test(value) ? `\`${value}\`` : value;
}

/** One bullet per value: spelling, its doc, weak/new-Windows marks. */
export function valueLines(def: ElementDef, settings: Settings, schema: SchemaIndex): string[] {
  return (def.values ?? []).map((v) => `- \`${v.value}\`: ${v.doc}${valueMarks(v, settings, schema)}`);
}

function valueMarks(value: EnumValue, settings: Settings, schema: SchemaIndex): string {
  const marks: string[] = [];
  if (value.undocumented) marks.push("not in Microsoft's documented list");
  if (value.exampleSpellings?.length) marks.push(`also written ${value.exampleSpellings.map((s) => `\`${s}\``).join(', ')}`);
  if (value.weak) marks.push('weak: avoid');
  if (value.minBuild) marks.push(`needs ${windowsWords(value.minBuild, settings, schema)}`);
  return marks.length ? ` *(${marks.join('; ')})*` : '';
}

export interface ElementDocOptions {
  /** Model path shown under the title. */
  path?: string;
  /** Hover shows the longer notes too; completion leaves them out. */
  full: boolean;
}

export function elementMarkdown(def: ElementDef, settings: Settings, schema: SchemaIndex, options: ElementDocOptions): string {
  const parts: string[] = [];
  parts.push(options.path ? `**${def.name}** · \`${options.path}\`` : `**${def.name}**`);
  parts.push(def.doc);
  if (def.readOnly)
    parts.push(
      `*Read-only:* Windows only reports this node (Microsoft's VPNv2 CSP allows Get only) and ignores it in a profile. ${def.readOnly} Remove it from profiles.`,
    );
  if (options.full && def.notes) parts.push(def.notes);

  const facts: string[] = [];
  facts.push(`- **Value:** ${typeWords(def)}`);
  facts.push(`- **Occurs:** ${occursWords(def)}`);
  if (def.default !== undefined) facts.push(`- **When absent:** ${code(def.default)}`);
  facts.push(
    `- **Minimum Windows:** ${def.minBuild ? windowsWords(def.minBuild, settings, schema) : 'every Windows version with VPNv2 (Windows 10, version 1511)'}`,
  );
  if (def.scope === 'device') facts.push('- **Scope:** device profiles only (`./Device`, created in the SYSTEM context)');
  else if (def.scope === 'user') facts.push('- **Scope:** user profiles only (`./User`)');
  if (def.notInOfficialXsd)
    facts.push(
      "- **Outside Microsoft's XSD:** documented elsewhere (the VPNv2 CSP page or the VPNv2 DDF file) or used in deployed profiles; a strict check against Microsoft's XSD rejects it",
    );
  parts.push(facts.join('\n'));

  if (def.values?.length) parts.push(`**Values**\n${valueLines(def, settings, schema).join('\n')}`);
  if (def.caseInsensitive) parts.push(`**Case:** ${def.caseInsensitive}`);
  if (def.unverified) parts.push(`**Not confirmed:** ${def.unverified}`);
  if (def.source.length) parts.push(`Sources: ${sourcesMarkdown(def.source)}`);
  return parts.join('\n\n');
}

/** Hover and completion documentation of one enumeration value. */
export function enumValueMarkdown(def: ElementDef, value: EnumValue, settings: Settings, schema: SchemaIndex): string {
  const parts = [`**${value.value}** · value of \`${def.name}\``, value.doc];
  if (value.weak) parts.push('*Weak: kept only for compatibility; choose a stronger value.*');
  if (value.minBuild) parts.push(`Needs ${windowsWords(value.minBuild, settings, schema)}.`);
  if (value.undocumented) parts.push(`*Not in Microsoft's documented list:* ${value.undocumented}`);
  if (value.exampleSpellings?.length)
    parts.push(
      `Microsoft's examples write ${value.exampleSpellings.map((a) => `\`${a}\``).join(', ')}; that spelling works as well as \`${value.value}\`.`,
    );
  if (value.aliases?.length)
    parts.push(
      `Profiles in the field also write ${value.aliases.map((a) => `\`${a}\``).join(', ')}, which works; prefer \`${value.value}\`.`,
    );
  if (def.default !== undefined && def.default.toLowerCase() === value.value.toLowerCase())
    parts.push('This is also what Windows uses when the element is absent.');
  parts.push(`---\n**${def.name}**: ${def.doc}`);
  return parts.join('\n\n');
}

/** Hover and completion documentation of `true` / `false`. */
export function booleanValueMarkdown(def: ElementDef, value: 'true' | 'false'): string {
  const parts = [`**${value}** · value of \`${def.name}\``];
  parts.push(value === 'true' ? 'Turns on what the element describes.' : 'Turns off what the element describes.');
  if (def.default?.toLowerCase() === value) parts.push('This is also what Windows uses when the element is absent.');
  parts.push(`---\n**${def.name}**: ${def.doc}`);
  return parts.join('\n\n');
}
