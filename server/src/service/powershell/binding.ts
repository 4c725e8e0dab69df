import { editDistance } from '../textDistance';
import type { Span } from '../xml/xmlTree';
import type { PsCommand, PsParameter, PsValue } from './model';
import { inAllSets, isMandatoryIn, parametersOf, setsOfParameter, type CmdletDef, type ParameterDef } from './cmdletSchema';

/**
 * PowerShell parameter binding by name, position and pipeline property name, as pure functions
 * over the data of schemas/vpn-cmdlets.json (as about_Parameter_Binding and about_Functions_Advanced_Parameters describe it):
 * - names are case-insensitive; an exact name or alias wins; otherwise any prefix of a name or
 *   alias that points at one parameter binds, and when it points at several, a single one the
 *   cmdlet declares wins over the common parameters (PowerShell's MergedCommandParameterMetadata);
 * - a switch only takes a value written `-Switch:value`; a following argument is positional;
 * - every other parameter needs an argument;
 * - explicit parameters supersede splatted ones; pipeline properties bind by exact name or alias
 *   to parameters that accept pipeline input by property name;
 * - parameter sets narrow with every bound parameter; mandatory parameters of the remaining sets
 *   tell what is missing.
 */

// ---------------------------------------------------------------------------------------------
// Names

export type ParameterResolution =
  | { kind: 'exact'; parameter: ParameterDef }
  | { kind: 'alias'; parameter: ParameterDef; alias: string }
  | { kind: 'prefix'; parameter: ParameterDef }
  | {
      kind: 'ambiguous';
      candidates: ParameterDef[];
      /** Dropping candidates whose existence is unverified would leave at most one: do not report as an error. */
      uncertain: boolean;
    }
  | { kind: 'unknown'; suggestion?: string };

/** Strips the dash and a trailing colon: "-PFSgroup:" → "PFSgroup". */
function bareName(written: string): string {
  return written
    .trim()
    .replace(/^[-\u2013\u2014\u2015]/, '')
    .replace(/:$/, '');
}

const declaredByCmdlet = (p: ParameterDef): boolean => p.kind === 'declared' || p.kind === 'cim';

/**
 * Resolves a parameter name as written (with or without the dash). `exactOnly` disables
 * abbreviations (pipeline binding by property name).
 */
export function resolveParameter(cmdlet: CmdletDef, writtenName: string, options: { exactOnly?: boolean } = {}): ParameterResolution {
  const name = bareName(writtenName).toLowerCase();
  const all = parametersOf(cmdlet);
  if (name === '') return { kind: 'unknown' };
  const exact = all.find((p) => p.name.toLowerCase() === name);
  if (exact) return { kind: 'exact', parameter: exact };
  for (const p of all) {
    const alias = p.aliases.find((a) => a.toLowerCase() === name);
    if (alias) return { kind: 'alias', parameter: p, alias };
  }
  if (!options.exactOnly) {
    const matches = all.filter((p) => [p.name, ...p.aliases].some((n) => n.toLowerCase().startsWith(name)));
    if (matches.length === 1) return { kind: 'prefix', parameter: matches[0] };
    if (matches.length > 1) {
      const declared = matches.filter(declaredByCmdlet);
      if (declared.length === 1) return { kind: 'prefix', parameter: declared[0] };
      const verified = matches.filter((p) => !p.unverified);
      const uncertain = verified.length <= 1 || verified.filter(declaredByCmdlet).length === 1;
      return { kind: 'ambiguous', candidates: matches, uncertain };
    }
  }
  return { kind: 'unknown', suggestion: closestParameter(all, name)?.name };
}

/** Closest parameter for a "did you mean" (edit distance over names and aliases), among `all`. */
export function closestParameter(all: readonly ParameterDef[], writtenName: string): ParameterDef | undefined {
  const lowerName = bareName(writtenName).toLowerCase();
  let best: ParameterDef | undefined;
  let bestDistance = Infinity;
  for (const p of all) {
    for (const n of [p.name, ...p.aliases]) {
      const d = editDistance(lowerName, n.toLowerCase());
      if (d < bestDistance) [best, bestDistance] = [p, d];
    }
  }
  const limit = Math.max(2, Math.floor(lowerName.length / 3));
  return best && bestDistance <= limit ? best : undefined;
}

// ---------------------------------------------------------------------------------------------
// Values

export type ValueProblem =
  | 'not-in-set' // not a member of the enumeration / ValidateSet
  | 'out-of-range' // number outside the type's or the documented range
  | 'not-a-number' // text that does not convert to the numeric type
  | 'not-boolean' // Boolean (or switch) parameters take only $true/$false and numbers
  | 'too-short'
  | 'too-long'
  | 'pattern'
  | 'array-for-scalar'; // several values for a parameter that takes one

export type ValueMatch =
  | {
      ok: true;
      /** Documented spelling of the value (enumerations) when it can be told. */
      canonical?: string;
      /** Accepted, but written in another case (or with spaces) than documented. */
      nonCanonical?: boolean;
      /**
       * Accepted without a full check: `dynamic` = not a literal; `enum-ordinal` = a number for
       * an enum whose ordinal conversion is unverified (suggest the name);
       * `not-checked` = a type the linter does not check (XML, certificates, objects).
       */
      caveat?: 'dynamic' | 'enum-ordinal' | 'not-checked';
      /** With `enum-ordinal`: the member name to write instead (a guess from the digits; the ordinal mapping is unverified). */
      suggestion?: string;
    }
  | {
      ok: false;
      problem: ValueProblem;
      /** Closest allowed value, for enumerations. */
      closest?: string;
      /** The offending item when the value is an array. */
      item?: PsValue;
      /** Limits that were violated (as decimal strings; UInt64 does not fit a JS number). */
      limits?: { min?: string; max?: string; documented: boolean };
    };

const TYPE_LIMITS: Partial<Record<ParameterDef['type'], [bigint, bigint]>> = {
  byte: [0n, 255n],
  uint16: [0n, 65535n],
  uint32: [0n, 4294967295n],
  uint64: [0n, 18446744073709551615n],
  int32: [-2147483648n, 2147483647n],
};

interface StaticValue {
  kind: 'text' | 'number' | 'boolean' | 'null';
  text: string;
}

/** The literal a PsValue holds, or undefined when it is computed at run time. */
function staticOf(value: PsValue): StaticValue | undefined {
  switch (value.kind) {
    case 'string':
    case 'bareword':
      return { kind: 'text', text: value.value ?? value.text };
    case 'number':
      return { kind: 'number', text: value.value ?? value.text };
    case 'boolean':
      return { kind: 'boolean', text: value.value ?? value.text.replace(/^\$/, '').toLowerCase() };
    case 'null':
      return { kind: 'null', text: '' };
    default:
      return undefined;
  }
}

/** What a value check needs to know about the command besides the parameter. */
export interface ValueCheckOptions {
  /**
   * The command is a script function (CDXML cmdlets, the community helpers): the [switch]
   * parameters it declares refuse numbers (`-Switch:0`), which compiled cmdlets and PowerShell's
   * own -WhatIf, -Confirm, -Verbose and -Debug accept (PowerShell 7.6, test/pwsh binder oracle).
   */
  scriptFunction?: boolean;
}

/** Whether a cmdlet is a script function for PowerShell's binder (everything but compiled cmdlets). */
export function isScriptFunction(cmdlet: CmdletDef): boolean {
  return cmdlet.kind !== 'cmdlet';
}

/** Checks a value against the parameter's type, enumeration, range, length and pattern. */
export function valueMatches(parameter: ParameterDef, value: PsValue | string, options: ValueCheckOptions = {}): ValueMatch {
  const psValue: PsValue = typeof value === 'string' ? { kind: 'string', text: value, value, span: { start: 0, end: 0 } } : value;
  if (psValue.kind === 'array') {
    const items = psValue.items ?? [];
    const takesMany = parameter.type === 'string[]' || parameter.type.endsWith('[]') || parameter.type === 'object';
    if (!takesMany && items.length > 1) return { ok: false, problem: 'array-for-scalar' };
    if (!psValue.items) return { ok: true, caveat: 'dynamic' };
    let result: ValueMatch = { ok: true };
    for (const item of items) {
      const r = checkScalar(parameter, item, options);
      if (!r.ok) return { ...r, item };
      if (r.nonCanonical || r.caveat)
        result = { ...result, ...(r.nonCanonical ? { nonCanonical: true } : {}), ...(r.caveat ? { caveat: r.caveat } : {}) };
    }
    return result;
  }
  return checkScalar(parameter, psValue, options);
}

function checkScalar(parameter: ParameterDef, value: PsValue, options: ValueCheckOptions): ValueMatch {
  const literal = staticOf(value);
  if (!literal) return { ok: true, caveat: 'dynamic' };
  if (literal.kind === 'null') return { ok: true, caveat: 'dynamic' };
  switch (parameter.type) {
    case 'switch':
    case 'bool':
      if (literal.kind === 'boolean') return { ok: true };
      // PowerShell's own switches (-WhatIf, -Verbose …) are compiled code everywhere and take numbers.
      if (
        literal.kind === 'number' &&
        !(parameter.type === 'switch' && options.scriptFunction && (parameter.kind === 'declared' || parameter.kind === 'cim'))
      )
        return { ok: true };
      return { ok: false, problem: 'not-boolean', closest: booleanGuess(literal.text) };
    case 'byte':
    case 'uint16':
    case 'uint32':
    case 'uint64':
    case 'int32':
      return checkNumber(parameter, literal);
    case 'string':
    case 'string[]':
    case 'enum':
      return parameter.values ? checkEnumeration(parameter, literal) : checkText(parameter, literal.text);
    default:
      return { ok: true, caveat: 'not-checked' };
  }
}

function booleanGuess(text: string): string | undefined {
  const lower = text.trim().toLowerCase();
  if (['true', 'yes', 'on', '1', '$true'].includes(lower)) return '$true';
  if (['false', 'no', 'off', '0', '$false'].includes(lower)) return '$false';
  return undefined;
}

function checkText(parameter: ParameterDef, text: string): ValueMatch {
  if (parameter.minLength !== undefined && text.length < parameter.minLength) return { ok: false, problem: 'too-short' };
  if (parameter.maxLength !== undefined && text.length > parameter.maxLength) return { ok: false, problem: 'too-long' };
  if (parameter.pattern && !new RegExp(parameter.pattern).test(text)) return { ok: false, problem: 'pattern' };
  return { ok: true };
}

function checkEnumeration(parameter: ParameterDef, literal: StaticValue): ValueMatch {
  const values = parameter.values ?? [];
  const isEnum = parameter.valuesKind === 'enum';
  const ordinal = isEnum ? parseInteger(literal.text) : undefined;
  if (ordinal !== undefined) {
    // Numbers (also quoted) convert to an enum by ordinal: documented for ActionPreference only.
    if (parameter.ordinalsAccepted) {
      return ordinal >= 0n && ordinal < BigInt(values.length)
        ? { ok: true, canonical: values[Number(ordinal)].name, nonCanonical: true }
        : { ok: false, problem: 'not-in-set', closest: values[0]?.name };
    }
    return { ok: true, caveat: 'enum-ordinal', suggestion: closestValue(parameter, literal.text) };
  }
  // .NET enum parsing ignores surrounding blanks; ValidateSet and the registry provider compare as written.
  const text = isEnum || parameter.valuesKind === 'provider' ? literal.text.trim() : literal.text;
  const found = values.find((v) => v.name.toLowerCase() === text.toLowerCase());
  if (found) return { ok: true, canonical: found.name, nonCanonical: found.name !== literal.text };
  return { ok: false, problem: 'not-in-set', closest: closestValue(parameter, literal.text) };
}

/** The allowed value closest to what was written: ProfileXML spelling first, then ignoring punctuation, then edit distance. */
export function closestValue(parameter: ParameterDef, written: string): string | undefined {
  const values = parameter.values ?? [];
  if (values.length === 0) return undefined;
  const lower = written.trim().toLowerCase();
  const viaProfileXml = values.find((v) => v.profileXml?.toLowerCase() === lower);
  if (viaProfileXml) return viaProfileXml.name;
  const squash = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const squashed = squash(written);
  const same = values.find((v) => squash(v.name) === squashed);
  if (same) return same.name;
  if (/^\d+$/.test(squashed)) {
    const endsWith = values.filter((v) => squash(v.name).endsWith(squashed));
    if (endsWith.length === 1) return endsWith[0].name;
  }
  // Smallest edit distance; on a tie prefer a value that is not weak (never steer towards DES or Group1).
  let best = values[0];
  let bestScore = Infinity;
  for (const v of values) {
    const score = editDistance(lower, v.name.toLowerCase()) * 2 + (v.weak || v.discouraged ? 1 : 0);
    if (score < bestScore) [best, bestScore] = [v, score];
  }
  return best.name;
}

const MULTIPLIERS: Record<string, bigint> = { kb: 1n << 10n, mb: 1n << 20n, gb: 1n << 30n, tb: 1n << 40n, pb: 1n << 50n };

/** A PowerShell integer literal or numeric string: decimal or 0x hex, optional type suffix and kb/mb/gb/tb/pb multiplier. */
function parseInteger(text: string): bigint | undefined {
  const m = /^\s*([+-]?)(0x[0-9a-f]+|\d+)(?:ul|lu|uy|us|un|[lusyn])?(kb|mb|gb|tb|pb)?\s*$/i.exec(text);
  if (!m) return undefined;
  let n = BigInt(m[2]);
  if (m[3]) n *= MULTIPLIERS[m[3].toLowerCase()];
  return m[1] === '-' ? -n : n;
}

/** Integer value PowerShell converts a literal to: integers as they are, decimals rounded half to even. */
function numericValue(text: string): bigint | undefined {
  const integer = parseInteger(text);
  if (integer !== undefined) return integer;
  const m = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)d?(kb|mb|gb|tb|pb)?\s*$/i.exec(text);
  if (!m) return undefined;
  let n = Number(m[1]);
  if (m[2]) n *= Number(MULTIPLIERS[m[2].toLowerCase()]);
  if (!Number.isFinite(n)) return undefined;
  const floor = Math.floor(n);
  const diff = n - floor;
  const rounded = diff > 0.5 || (diff === 0.5 && floor % 2 !== 0) ? floor + 1 : floor;
  return BigInt(rounded);
}

function checkNumber(parameter: ParameterDef, literal: StaticValue): ValueMatch {
  if (literal.kind === 'boolean') return { ok: true }; // $true converts to 1
  const n = numericValue(literal.text);
  if (n === undefined) return { ok: false, problem: 'not-a-number' };
  const [typeMin, typeMax] = TYPE_LIMITS[parameter.type] ?? [undefined, undefined];
  if ((typeMin !== undefined && n < typeMin) || (typeMax !== undefined && n > typeMax)) {
    return { ok: false, problem: 'out-of-range', limits: { min: typeMin?.toString(), max: typeMax?.toString(), documented: false } };
  }
  const min = parameter.min !== undefined ? BigInt(parameter.min) : undefined;
  const max = parameter.max !== undefined ? BigInt(parameter.max) : undefined;
  if ((min !== undefined && n < min) || (max !== undefined && n > max)) {
    return { ok: false, problem: 'out-of-range', limits: { min: min?.toString(), max: max?.toString(), documented: true } };
  }
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------
// Commands

export type BindingHow = 'exact' | 'alias' | 'prefix' | 'positional' | 'pipeline';

export interface BoundParameter {
  parameter: ParameterDef;
  how: BindingHow;
  origin: 'literal' | 'splat' | 'pipeline' | 'positional';
  /** The parameter as written (hashtable key for splats and pipeline properties); absent for positional arguments. */
  written?: PsParameter;
  /** The argument bound; absent for a bare switch and for a parameter missing its argument. */
  value?: PsValue;
  /** Switches: on or off, undefined when the `:value` is not a literal. */
  switchOn?: boolean;
  /** Where to point at this binding: the written name, else the argument. */
  span: Span;
}

export interface SetAnalysis {
  /** Parameter sets compatible with every bound parameter (empty when they conflict). */
  candidates: string[];
  /** The set PowerShell would use, when it can tell. */
  chosen?: string;
  /** Some candidate set has all its mandatory parameters bound. */
  complete: boolean;
  /** When no candidate set is complete: the unbound mandatory parameters of each candidate set. */
  missing: { set: string; parameters: ParameterDef[] }[];
  /** Bound parameters that share no set: the set holding most of them, and the ones outside it. */
  conflict?: { bestSet: string; outside: BoundParameter[] };
  /** Several complete candidate sets and no default among them (PowerShell: AmbiguousParameterSet). */
  ambiguous: boolean;
  /**
   * Why the missing/complete verdict cannot be trusted: parameters may come from an unresolved
   * splat or from pipeline input of unknown shape, documented positions are unverified, or a
   * parameter name did not resolve. A conflict among parameters that are bound stays a conflict.
   */
  undecidable?: 'splat' | 'pipeline' | 'positional' | 'unknown-parameter';
  /** Some parameters arrived by (resolved) splatting / by pipeline property name. */
  viaSplat: boolean;
  viaPipeline: boolean;
}

export interface BindResult {
  cmdlet: CmdletDef;
  bound: BoundParameter[];
  unknown: { written: PsParameter; suggestion?: string }[];
  ambiguous: { written: PsParameter; candidates: ParameterDef[]; uncertain: boolean }[];
  /** The same parameter given twice (PowerShell: ParameterAlreadyBound). */
  duplicates: { written: PsParameter; parameter: ParameterDef; first: BoundParameter }[];
  /**
   * `-Switch value` without a colon: the switch is on and the value is a positional argument
   * (bound to `landsOn`, or in extraPositional). `booleanLike` marks the mistake ps-switch-given-value
   * is about (`$false`, `$true`, 0, 1, 'false' ...); other values may be positional arguments written
   * after a switch on purpose.
   */
  switchGivenValue: { written: PsParameter; parameter: ParameterDef; value: PsValue; booleanLike: boolean; landsOn?: ParameterDef }[];
  /** A non-switch parameter (e.g. a Boolean) written without an argument. */
  missingValue: { written: PsParameter; parameter: ParameterDef }[];
  /** Positional arguments no parameter takes (PowerShell: PositionalParameterNotFound). */
  extraPositional: PsValue[];
  /** Arguments a simple function (strictParameters false) receives in $args. */
  remainingArguments: PsValue[];
  /** Pipeline properties that bind to nothing (PowerShell ignores them). */
  pipelineIgnored: { written: PsParameter; reason: 'no-such-parameter' | 'not-pipeline-bindable' | 'already-bound' | 'other-set' }[];
  sets: SetAnalysis;
}

/** The binding of a parameter (by its canonical name, case-insensitive). */
export function boundParameter(result: BindResult, name: string): BoundParameter | undefined {
  const lower = name.toLowerCase();
  return result.bound.find((b) => b.parameter.name.toLowerCase() === lower);
}

function isBooleanLike(value: PsValue): boolean {
  if (value.kind === 'boolean') return true;
  const literal = staticOf(value);
  return !!literal && ['true', 'false', '0', '1'].includes(literal.text.trim().toLowerCase());
}

function switchState(value: PsValue | undefined): boolean | undefined {
  if (!value) return true;
  if (value.kind === 'boolean') return (value.value ?? value.text.replace(/^\$/, '')).toLowerCase() === 'true';
  if (value.kind === 'number') {
    const n = numericValue(value.value ?? value.text);
    return n === undefined ? undefined : n !== 0n;
  }
  return undefined;
}

/** Binds a command's arguments to a cmdlet's parameters the way PowerShell would, and analyses its parameter sets. */
export function bindCommand(cmdlet: CmdletDef, command: PsCommand): BindResult {
  const result: BindResult = {
    cmdlet,
    bound: [],
    unknown: [],
    ambiguous: [],
    duplicates: [],
    switchGivenValue: [],
    missingValue: [],
    extraPositional: [],
    remainingArguments: [],
    pipelineIgnored: [],
    sets: { candidates: [], complete: false, missing: [], ambiguous: false, viaSplat: false, viaPipeline: false },
  };
  const byParameter = new Map<ParameterDef, BoundParameter>();
  const bind = (b: BoundParameter): void => {
    byParameter.set(b.parameter, b);
    result.bound.push(b);
  };
  const positionalPool: PsValue[] = [...command.positional];

  // 1. Named arguments written on the command line, then splatted ones (explicit ones win).
  const literal = command.parameters.filter((p) => p.origin === 'literal');
  const splatted = command.parameters.filter((p) => p.origin === 'splat');
  for (const written of [...literal, ...splatted]) {
    const resolution = resolveParameter(cmdlet, written.name);
    if (resolution.kind === 'unknown') {
      result.unknown.push({ written, suggestion: resolution.suggestion });
      continue;
    }
    if (resolution.kind === 'ambiguous') {
      result.ambiguous.push({ written, candidates: resolution.candidates, uncertain: resolution.uncertain });
      continue;
    }
    const parameter = resolution.parameter;
    const first = byParameter.get(parameter);
    if (first) {
      // A splatted duplicate of an explicit parameter is silently superseded.
      if (!(written.origin === 'splat' && first.origin === 'literal')) result.duplicates.push({ written, parameter, first });
      continue;
    }
    const fromSplat = written.origin === 'splat';
    const takesColonValue = written.colonValue || fromSplat;
    if (parameter.type === 'switch') {
      if (written.value && !takesColonValue) {
        result.switchGivenValue.push({ written, parameter, value: written.value, booleanLike: isBooleanLike(written.value) });
        positionalPool.push(written.value);
        bind({ parameter, how: resolution.kind, origin: written.origin, written, switchOn: true, span: written.span });
      } else {
        bind({
          parameter,
          how: resolution.kind,
          origin: written.origin,
          written,
          value: written.value,
          switchOn: switchState(written.value),
          span: written.span,
        });
      }
      continue;
    }
    if (!written.value) result.missingValue.push({ written, parameter });
    bind({ parameter, how: resolution.kind, origin: written.origin, written, value: written.value, span: written.span });
  }

  // 2. Positional arguments, in source order, to the lowest unbound positions of the remaining sets.
  positionalPool.sort((a, b) => a.span.start - b.span.start);
  let candidates = compatibleSets(cmdlet, result.bound);
  if (candidates.length === 0) candidates = cmdlet.parameterSets;
  let next = 0;
  while (next < positionalPool.length) {
    const open = parametersOf(cmdlet).filter(
      (p) =>
        p.position !== undefined &&
        p.type !== 'switch' &&
        !byParameter.has(p) &&
        setsOfParameter(cmdlet, p).some((s) => candidates.includes(s)),
    );
    if (open.length === 0) break;
    const lowest = Math.min(...open.map((p) => p.position as number));
    const atPosition = open.filter((p) => p.position === lowest);
    const value = positionalPool[next++];
    const parameter = pickPositional(cmdlet, atPosition, candidates, value);
    bind({ parameter, how: 'positional', origin: 'positional', value, span: value.span });
    const narrowed = candidates.filter((s) => setsOfParameter(cmdlet, parameter).includes(s));
    if (narrowed.length > 0) candidates = narrowed;
  }
  const leftover = positionalPool.slice(next);
  if (cmdlet.strictParameters) result.extraPositional.push(...leftover);
  else result.remainingArguments.push(...leftover);
  for (const given of result.switchGivenValue) {
    given.landsOn = result.bound.find((b) => b.origin === 'positional' && b.value === given.value)?.parameter;
  }

  // 3. Pipeline input bound by property name (exact names or aliases only).
  let pipelineWritten = command.parameters.filter((p) => p.origin === 'pipeline');
  if (pipelineWritten.length === 0 && command.pipelineInput?.properties) {
    pipelineWritten = command.pipelineInput.properties.map((entry) => ({
      name: entry.key,
      span: entry.keySpan,
      value: entry.value,
      colonValue: true,
      origin: 'pipeline' as const,
    }));
  }
  const pipelineShapeUnknown = !!command.pipelineInput && pipelineWritten.length === 0 && !command.pipelineInput.properties;
  for (const written of pipelineWritten) {
    const resolution = resolveParameter(cmdlet, written.name, { exactOnly: true });
    if (resolution.kind !== 'exact' && resolution.kind !== 'alias') {
      result.pipelineIgnored.push({ written, reason: 'no-such-parameter' });
      continue;
    }
    const parameter = resolution.parameter;
    if (!parameter.pipelineByPropertyName) result.pipelineIgnored.push({ written, reason: 'not-pipeline-bindable' });
    else if (byParameter.has(parameter)) result.pipelineIgnored.push({ written, reason: 'already-bound' });
    else if (!setsOfParameter(cmdlet, parameter).some((s) => candidates.includes(s)))
      result.pipelineIgnored.push({ written, reason: 'other-set' });
    else {
      bind({
        parameter,
        how: 'pipeline',
        origin: 'pipeline',
        written,
        value: written.value,
        switchOn: parameter.type === 'switch' ? switchState(written.value) : undefined,
        span: written.span,
      });
      const narrowed = candidates.filter((s) => setsOfParameter(cmdlet, parameter).includes(s));
      if (narrowed.length > 0) candidates = narrowed;
    }
  }

  // 4. Parameter sets.
  result.sets = analyseSets(cmdlet, result, byParameter, command, pipelineShapeUnknown);
  return result;
}

/** Sets that contain every bound set-specific parameter. */
function compatibleSets(cmdlet: CmdletDef, bound: readonly BoundParameter[]): string[] {
  return cmdlet.parameterSets.filter((set) =>
    bound.every((b) => inAllSets(b.parameter) || setsOfParameter(cmdlet, b.parameter).includes(set)),
  );
}

function pickPositional(cmdlet: CmdletDef, atPosition: ParameterDef[], candidates: string[], value: PsValue): ParameterDef {
  if (atPosition.length === 1) return atPosition[0];
  const preferred =
    cmdlet.defaultParameterSet && candidates.includes(cmdlet.defaultParameterSet)
      ? atPosition.find((p) => setsOfParameter(cmdlet, p).includes(cmdlet.defaultParameterSet as string))
      : undefined;
  if (preferred) return preferred;
  return (
    atPosition.find((p) => {
      const r = valueMatches(p, value);
      return r.ok && !r.caveat;
    }) ?? atPosition[0]
  );
}

function analyseSets(
  cmdlet: CmdletDef,
  result: BindResult,
  byParameter: Map<ParameterDef, BoundParameter>,
  command: PsCommand,
  pipelineShapeUnknown: boolean,
): SetAnalysis {
  const analysis: SetAnalysis = {
    candidates: compatibleSets(cmdlet, result.bound),
    complete: false,
    missing: [],
    ambiguous: false,
    viaSplat: command.splats.length > 0 || result.bound.some((b) => b.origin === 'splat'),
    viaPipeline: !!command.pipelineInput || result.bound.some((b) => b.origin === 'pipeline'),
  };
  const all = parametersOf(cmdlet);
  const missingIn = (set: string): ParameterDef[] =>
    all.filter((p) => setsOfParameter(cmdlet, p).includes(set) && isMandatoryIn(p, set) && !byParameter.has(p));

  if (analysis.candidates.length === 0) {
    const setSpecific = result.bound.filter((b) => !inAllSets(b.parameter));
    let bestSet = cmdlet.parameterSets[0];
    let bestCount = -1;
    const ordered = cmdlet.defaultParameterSet
      ? [cmdlet.defaultParameterSet, ...cmdlet.parameterSets.filter((s) => s !== cmdlet.defaultParameterSet)]
      : cmdlet.parameterSets;
    for (const set of ordered) {
      const count = setSpecific.filter((b) => setsOfParameter(cmdlet, b.parameter).includes(set)).length;
      if (count > bestCount) [bestSet, bestCount] = [set, count];
    }
    analysis.conflict = { bestSet, outside: setSpecific.filter((b) => !setsOfParameter(cmdlet, b.parameter).includes(bestSet)) };
  } else {
    const complete = analysis.candidates.filter((set) => missingIn(set).length === 0);
    analysis.complete = complete.length > 0;
    const dflt = cmdlet.defaultParameterSet;
    if (complete.length === 1) analysis.chosen = complete[0];
    else if (complete.length > 1) {
      if (dflt && complete.includes(dflt)) analysis.chosen = dflt;
      else analysis.ambiguous = true;
    } else {
      analysis.missing = analysis.candidates.map((set) => ({ set, parameters: missingIn(set) }));
      if (analysis.candidates.length === 1) analysis.chosen = analysis.candidates[0];
      else if (dflt && analysis.candidates.includes(dflt)) analysis.chosen = dflt;
    }
  }

  if (command.splats.some((s) => !s.resolved)) analysis.undecidable = 'splat';
  else if (result.unknown.length > 0 || result.ambiguous.length > 0) analysis.undecidable = 'unknown-parameter';
  else if (
    pipelineShapeUnknown &&
    !analysis.complete &&
    analysis.missing.some((m) => m.parameters.some((p) => p.pipelineByPropertyName || p.pipelineByValue))
  )
    analysis.undecidable = 'pipeline';
  else if (result.bound.some((b) => b.origin === 'positional' && b.parameter.positionUnverified)) analysis.undecidable = 'positional';
  return analysis;
}
