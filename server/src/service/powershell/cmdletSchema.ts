import cmdletJson from '../../../../schemas/vpn-cmdlets.json';
import registryJson from '../../../../schemas/registry.json';
import type { SuiteElement } from '../profilexml/crypto';

/**
 * Typed view of schemas/vpn-cmdlets.json (the VpnClient / RemoteAccess cmdlets, the community
 * helpers, the registry and service cmdlets, the common parameters) and schemas/registry.json
 * (the AOVPN registry values), with the lookups the PowerShell rules, completion and hover use.
 * Facts live in the JSON; this file only types and indexes them.
 */

/** Name PowerShell uses for "every parameter set". */
export const ALL_SETS = '__AllParameterSets';

export type ParamType =
  | 'switch'
  | 'bool'
  | 'string'
  | 'string[]'
  | 'enum'
  | 'byte'
  | 'uint16'
  | 'uint32'
  | 'uint64'
  | 'int32'
  | 'xml'
  | 'certificate'
  | 'ciminstance[]'
  | 'cimsession[]'
  | 'pscredential'
  | 'securestring'
  | 'object';

/**
 * How `values` are checked: `enum` = a .NET enum (case-insensitive member names; numeric
 * ordinals only where `ordinalsAccepted`, otherwise unverified); `validateSet` = a ValidateSet
 * on a string (case-insensitive, exact otherwise); `provider` = checked by the registry provider
 * at run time (case-insensitive).
 */
export type ValuesKind = 'enum' | 'validateSet' | 'provider';

export type WeakLevel = 'high' | 'warning' | 'hint';

export interface EnumValueDef {
  /** Exact documented spelling. */
  name: string;
  doc: string;
  /** Weak or discouraged (Richard Hicks, "Always On VPN IKEv2 Security Configuration"; the protocol recommendations for RRAS). */
  weak?: boolean;
  weakLevel?: WeakLevel;
  /** Discouraged, but the reason is unverified: at most a hint, never an error. */
  discouraged?: boolean;
  /** Minimum Windows (Server) build for this value. */
  minBuild?: string;
  /** The ProfileXML spelling when it differs from the PowerShell one (schemas/crypto.json). */
  profileXml?: string;
  unverified?: string;
  note?: string;
}

export interface ParameterSetMembership {
  /** A set name of the cmdlet, or ALL_SETS. */
  name: string;
  mandatory: boolean;
}

/** Where a parameter comes from: declared by the cmdlet (incl. the CIM ones the CDXML wrapper declares) or added by PowerShell. */
export type ParameterKind = 'declared' | 'cim' | 'shouldProcess' | 'common';

export interface ParameterDef {
  name: string;
  aliases: string[];
  type: ParamType;
  /** .NET type as documented (e.g. "XmlDocument", "UInt32", "DHGroup"). */
  dotnetType: string;
  enumType?: string;
  valuesKind?: ValuesKind;
  values?: EnumValueDef[];
  /** Numeric enum ordinals convert (true for ActionPreference); otherwise unverified (PowerShell converts numbers to enums, but the CIM enums' ordinals are not documented). */
  ordinalsAccepted?: boolean;
  /** Documented range, tighter than the type's own limits. */
  min?: number;
  max?: number;
  rangeSource?: string;
  rangeNote?: string;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  patternNote?: string;
  parameterSets: ParameterSetMembership[];
  /** Relative documented position; absent = named only. */
  position?: number;
  /** The documented position disagrees between Microsoft's pages: positional use cannot be analysed. */
  positionUnverified?: boolean;
  pipelineByPropertyName: boolean;
  pipelineByValue: boolean;
  /** Takes a pre-shared key, RADIUS secret or password. */
  secret?: boolean;
  /** The ProfileXML CryptographySuite element carrying the same setting. */
  profileXmlElement?: SuiteElement;
  /** Existence or meaning unverified: never an error. */
  unverified?: string;
  doc: string;
  note?: string;
  sources?: string[];
  /** Set by the loader. */
  kind: ParameterKind;
}

export type CmdletKind = 'cdxml' | 'cmdlet' | 'function' | 'script';

export interface CmdletDef {
  name: string;
  module: string;
  kind: CmdletKind;
  /** Other command names that run this cmdlet (e.g. the Server 2012 names). */
  aliases: string[];
  aliasesUnverified?: string;
  /** A VpnClient / RemoteAccess cmdlet or a VPN community helper (not New-ItemProperty etc.). */
  vpn: boolean;
  thirdParty: boolean;
  /** Has -WhatIf / -Confirm. */
  changesState: boolean;
  /** Asks for confirmation unless -Force is given; 'conditional' = only in some situations (see confirmationNote). */
  promptsForConfirmation: boolean | 'conditional';
  confirmationNote?: string;
  /** The prompt is inferred, not documented. */
  confirmationUnverified?: boolean;
  confirmImpact?: 'Low' | 'Medium' | 'High';
  /** Takes -Verbose, -ErrorAction, ... */
  commonParameters: boolean;
  /** Takes -CimSession, -ThrottleLimit, -AsJob. */
  cimCommon: boolean;
  /** false: unknown names do not fail (simple functions put them in $args). */
  strictParameters: boolean;
  /** false: the data lists only part of the parameters; never report unknown ones. */
  parametersComplete: boolean;
  /** Parameter-set names (ALL_SETS alone for single-set cmdlets). */
  parameterSets: string[];
  defaultParameterSet?: string;
  doc: string;
  note?: string;
  docUrl?: string;
  sources: string[];
  /** Parameters the cmdlet declares (without common / CIM / WhatIf-Confirm; see parametersOf). */
  parameters: ParameterDef[];
}

type RawParameter = Omit<ParameterDef, 'kind'>;
type RawCmdlet = Omit<CmdletDef, 'parameters'> & { parameters: RawParameter[] };

interface RawCmdletSchema {
  commonParameters: RawParameter[];
  shouldProcessParameters: RawParameter[];
  cimParameters: RawParameter[];
  cmdlets: RawCmdlet[];
}

export interface CmdletSchema {
  commonParameters: ParameterDef[];
  shouldProcessParameters: ParameterDef[];
  cimParameters: ParameterDef[];
  cmdlets: CmdletDef[];
}

const raw = cmdletJson as unknown as RawCmdletSchema;
const withKind = (list: RawParameter[], kind: ParameterKind): ParameterDef[] => list.map((p) => ({ ...p, kind }));

/** Every cmdlet and shared parameter list of schemas/vpn-cmdlets.json. */
export const CMDLETS: CmdletSchema = {
  commonParameters: withKind(raw.commonParameters, 'common'),
  shouldProcessParameters: withKind(raw.shouldProcessParameters, 'shouldProcess'),
  cimParameters: withKind(raw.cimParameters, 'cim'),
  cmdlets: raw.cmdlets.map((c) => ({ ...c, parameters: withKind(c.parameters, 'declared') })),
};

const byName = new Map<string, CmdletDef>();
for (const c of CMDLETS.cmdlets) {
  byName.set(c.name.toLowerCase(), c);
  for (const alias of c.aliases) byName.set(alias.toLowerCase(), c);
}

/**
 * The cmdlet a command name runs, case-insensitively: names, documented aliases
 * (Set-VpnServerIPsecConfiguration → Set-VpnServerConfiguration), module-qualified names
 * (VpnClient\Add-VpnConnection) and, for script entries, script paths (.\Enable-SstpOffload.ps1).
 */
export function findCmdlet(name: string): CmdletDef | undefined {
  const trimmed = name.trim().replace(/^['"]|['"]$/g, '');
  const direct = byName.get(trimmed.toLowerCase());
  if (direct) return direct;
  const sep = Math.max(trimmed.lastIndexOf('\\'), trimmed.lastIndexOf('/'));
  if (sep < 0) return undefined;
  const qualifier = trimmed.slice(0, sep);
  const base = trimmed.slice(sep + 1);
  if (/\.ps1$/i.test(base)) {
    const script = byName.get(base.slice(0, -4).toLowerCase());
    return script?.kind === 'script' ? script : undefined;
  }
  const qualified = byName.get(base.toLowerCase());
  return qualified && qualified.module.toLowerCase() === qualifier.toLowerCase() ? qualified : undefined;
}

/** Whether the command configures a VPN client or RRAS server (VpnClient, RemoteAccess, VPN community helpers). */
export function isVpnCommand(name: string): boolean {
  return findCmdlet(name)?.vpn ?? false;
}

/** Every parameter the cmdlet accepts: declared, then CIM, WhatIf/Confirm and the common parameters where they apply. */
export function parametersOf(cmdlet: CmdletDef): ParameterDef[] {
  const cached = parameterCache.get(cmdlet);
  if (cached) return cached;
  const list = [
    ...cmdlet.parameters,
    ...(cmdlet.cimCommon ? CMDLETS.cimParameters : []),
    ...(cmdlet.changesState ? CMDLETS.shouldProcessParameters : []),
    ...(cmdlet.commonParameters ? CMDLETS.commonParameters : []),
  ];
  parameterCache.set(cmdlet, list);
  return list;
}
const parameterCache = new WeakMap<CmdletDef, ParameterDef[]>();

/** The parameter with this exact name or alias (case-insensitive; no abbreviations — see binding.ts for those). */
export function parameterNamed(cmdlet: CmdletDef, name: string): ParameterDef | undefined {
  const lower = name.toLowerCase();
  const all = parametersOf(cmdlet);
  return all.find((p) => p.name.toLowerCase() === lower) ?? all.find((p) => p.aliases.some((a) => a.toLowerCase() === lower));
}

/** The concrete sets a parameter belongs to. */
export function setsOfParameter(cmdlet: CmdletDef, parameter: ParameterDef): string[] {
  if (parameter.parameterSets.some((s) => s.name === ALL_SETS)) return cmdlet.parameterSets;
  return parameter.parameterSets.map((s) => s.name).filter((s) => cmdlet.parameterSets.includes(s));
}

export function inAllSets(parameter: ParameterDef): boolean {
  return parameter.parameterSets.some((s) => s.name === ALL_SETS);
}

export function isMandatoryIn(parameter: ParameterDef, set: string): boolean {
  return parameter.parameterSets.some((s) => (s.name === set || s.name === ALL_SETS) && s.mandatory);
}

/** The documented member with this spelling, case-insensitively. */
export function enumValue(parameter: ParameterDef, value: string): EnumValueDef | undefined {
  const lower = value.toLowerCase();
  return parameter.values?.find((v) => v.name.toLowerCase() === lower);
}

// ---------------------------------------------------------------------------------------------
// Registry values (schemas/registry.json)

export type RegistryPropertyType = 'String' | 'ExpandString' | 'Binary' | 'DWord' | 'MultiString' | 'QWord' | 'Unknown';

export interface RegistryValueDef {
  id: string;
  hive: string;
  subkey: string;
  /** Provider path for messages and fixes. */
  psPath: string;
  /** Further keys holding the same value (IgnoreNoRevocationCheck per EAP type). */
  alsoUnder?: string[];
  name: string;
  type: RegistryPropertyType;
  regType: string;
  /** The one value the lint expects, when there is one. */
  expected?: number;
  recommended?: number;
  windowsDefault?: number;
  knownValues?: { value: number; doc: string }[];
  /** How Windows treats values outside knownValues. */
  otherValues?: string;
  min?: number;
  max?: number;
  byteLength?: number;
  valueFormat?: string;
  valueDocs?: Record<string, string>;
  doc: string;
  where: 'server' | 'client' | 'nps';
  minBuild?: string;
  requires?: string[];
  /** Service to restart (RemoteAccess, IKEEXT), 'reboot', or null when a reconnect is enough. */
  restart: string | null;
  restartNote?: string;
  symptom?: string;
  lintRelevant: boolean;
  rules?: string[];
  sources: string[];
}

export interface RegistrySchema {
  hiveAliases: Record<string, string[]>;
  propertyTypes: Record<string, string>;
  values: RegistryValueDef[];
}

/** The AOVPN registry values of schemas/registry.json. */
export const REGISTRY = registryJson as unknown as RegistrySchema;

export interface NormalisedKey {
  /** Full hive name, e.g. HKEY_LOCAL_MACHINE. */
  hive: string;
  /** Subkey without leading/trailing backslashes, original case. */
  subkey: string;
  /** Lower-case "hive\subkey" for comparisons. */
  canonical: string;
}

/**
 * Normalises a registry key as scripts write it: `HKLM:\SYSTEM\...`, `HKLM:SYSTEM\...` (relative
 * to the drive root), `HKLM\...` (reg.exe), `HKEY_LOCAL_MACHINE\...`, `Registry::HKEY_LOCAL_MACHINE\...`,
 * trailing backslashes, forward slashes and doubled separators. Undefined when it is not a
 * registry path of a known hive.
 */
export function normaliseRegistryKey(path: string): NormalisedKey | undefined {
  const text = path
    .trim()
    .replace(/\//g, '\\')
    .replace(/^(?:Microsoft\.PowerShell\.Core\\)?Registry::/i, '');
  const match = /^([A-Za-z_]+)(:?)(.*)$/s.exec(text);
  if (!match) return undefined;
  const [, written, colon, rest] = match;
  // Without a drive colon the hive must be followed by a separator or the end (HKLM\..., not HKLMX).
  if (!colon && rest !== '' && !rest.startsWith('\\')) return undefined;
  const hive = Object.entries(REGISTRY.hiveAliases).find(([, aliases]) =>
    aliases.some((a) => a.replace(/:$/, '').toLowerCase() === written.toLowerCase()),
  )?.[0];
  if (!hive) return undefined;
  const subkey = rest
    .split('\\')
    .filter((part) => part !== '')
    .join('\\');
  return { hive, subkey, canonical: `${hive}\\${subkey}`.toLowerCase() };
}

/** The known registry value with this name under this key (any key spelling), if any. */
export function findRegistryValue(keyPath: string, valueName: string): RegistryValueDef | undefined {
  const key = normaliseRegistryKey(keyPath);
  if (!key) return undefined;
  const name = valueName.toLowerCase();
  return REGISTRY.values.find(
    (v) =>
      v.name.toLowerCase() === name &&
      [v.subkey, ...(v.alsoUnder ?? [])].some((subkey) => `${v.hive}\\${subkey}`.toLowerCase() === key.canonical),
  );
}

/** Known registry values with this name, wherever they live (for hovers on a value name alone). */
export function registryValuesNamed(valueName: string): RegistryValueDef[] {
  const name = valueName.toLowerCase();
  return REGISTRY.values.filter((v) => v.name.toLowerCase() === name);
}

/** The RegistryValueKind spelling of a -PropertyType / -Type argument, case-insensitively. */
export function registryPropertyType(written: string): RegistryPropertyType | undefined {
  const lower = written.trim().toLowerCase();
  return Object.keys(REGISTRY.propertyTypes).find((k) => k.toLowerCase() === lower) as RegistryPropertyType | undefined;
}
