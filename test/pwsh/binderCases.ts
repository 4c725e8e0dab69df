import {
  ALL_SETS,
  findCmdlet,
  parametersOf,
  setsOfParameter,
  type CmdletDef,
  type ParameterDef,
} from '../../server/src/service/powershell/cmdletSchema';
import cmdletsJson from '../../schemas/vpn-cmdlets.json';

/**
 * The binder oracle's inputs: PowerShell proxy functions generated from schemas/vpn-cmdlets.json
 * (names, aliases, types, switch vs Boolean, parameter sets, mandatory flags, positions,
 * pipeline binding, validate sets, ranges, lengths and patterns: everything our binder reads),
 * and invocations of them that exercise each binding rule.
 */

const psQuote = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** The cmdlets as our binder sees them (findCmdlet gives the typed, loaded definitions). */
export function schemaCmdlets(): CmdletDef[] {
  return (cmdletsJson as unknown as { cmdlets: { name: string }[] }).cmdlets.map((c) => {
    const def = findCmdlet(c.name);
    if (!def) throw new Error(`findCmdlet does not know ${c.name}`);
    return def;
  });
}

const NUMBER_TYPES: Partial<Record<ParameterDef['type'], string>> = {
  byte: 'byte',
  uint16: 'uint16',
  uint32: 'uint32',
  uint64: 'uint64',
  int32: 'int',
};

/** The PowerShell type of a proxy parameter; types our binder does not check take anything ([object]). */
function psType(p: ParameterDef, enumName: () => string): string {
  if (p.type === 'switch') return 'switch';
  if (p.type === 'bool') return 'bool';
  // The registry provider's -PropertyType is a RegistryValueKind: an enum as well.
  if ((p.valuesKind === 'enum' || p.valuesKind === 'provider') && p.type !== 'string[]' && p.values?.length) return enumName();
  if (p.type === 'string' || p.type === 'enum') return 'string';
  if (p.type === 'string[]') return 'string[]';
  return NUMBER_TYPES[p.type] ?? 'object';
}

/** PowerShell's own parameters, which [CmdletBinding()] and SupportsShouldProcess add by themselves. */
const ADDED_BY_POWERSHELL = new Set<ParameterDef['kind']>(['common', 'shouldProcess']);

export function proxyDefinitions(cmdlets: readonly CmdletDef[]): string {
  const enums: string[] = [];
  const functions: string[] = [];
  for (const cmdlet of cmdlets) {
    const advanced = cmdlet.commonParameters;
    const params: string[] = [];
    for (const p of parametersOf(cmdlet)) {
      if (advanced && ADDED_BY_POWERSHELL.has(p.kind)) continue;
      if (!advanced && p.kind !== 'declared') continue;
      const attributes: string[] = [];
      if (advanced) {
        for (const set of p.parameterSets) {
          const parts: string[] = [];
          if (set.name !== ALL_SETS) parts.push(`ParameterSetName = ${psQuote(set.name)}`);
          if (set.mandatory) parts.push('Mandatory = $true');
          if (p.position !== undefined) parts.push(`Position = ${p.position}`);
          if (p.pipelineByPropertyName) parts.push('ValueFromPipelineByPropertyName = $true');
          if (p.pipelineByValue) parts.push('ValueFromPipeline = $true');
          attributes.push(`[Parameter(${parts.join(', ')})]`);
        }
      }
      if (p.aliases.length > 0) attributes.push(`[Alias(${p.aliases.map(psQuote).join(', ')})]`);
      const type = psType(p, () => {
        const name = `E${enums.length}`;
        enums.push(`public enum ${name} { ${(p.values ?? []).map((v) => v.name).join(', ')} }`);
        return `AovpnOracle.${name}`;
      });
      if (p.values?.length && type !== 'switch' && !type.startsWith('AovpnOracle.'))
        attributes.push(`[ValidateSet(${p.values.map((v) => psQuote(v.name)).join(', ')})]`);
      if (p.min !== undefined || p.max !== undefined)
        attributes.push(`[ValidateRange(${p.min ?? `[${type}]::MinValue`}, ${p.max ?? `[${type}]::MaxValue`})]`);
      if (p.minLength !== undefined || p.maxLength !== undefined)
        attributes.push(`[ValidateLength(${p.minLength ?? 0}, ${p.maxLength ?? 2147483647})]`);
      if (p.pattern) attributes.push(`[ValidatePattern(${psQuote(p.pattern)})]`);
      params.push(`    ${attributes.join(' ')} [${type}]$${p.name}`);
    }
    const binding = advanced
      ? `[CmdletBinding(PositionalBinding = $false${cmdlet.defaultParameterSet ? `, DefaultParameterSetName = ${psQuote(cmdlet.defaultParameterSet)}` : ''}${cmdlet.changesState ? ', SupportsShouldProcess = $true' : ''})]\n  `
      : '';
    functions.push(
      `function ${cmdlet.name} {\n  ${binding}param(\n${params.join(',\n')}\n  )\n  process { Save-Binding $PSBoundParameters $(if (${advanced ? '$true' : '$false'}) { $PSCmdlet }) $args }\n}`,
    );
  }
  return `Add-Type -TypeDefinition ${psQuote(`namespace AovpnOracle { ${enums.join(' ')} }`)}\n${functions.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Invocations

export interface Invocation {
  id: string;
  cmdlet: CmdletDef;
  /** The script: possibly an assignment line, then the command. */
  text: string;
}

/** A value the parameter accepts, as PowerShell source. */
export function sampleValue(p: ParameterDef, index = 0): string {
  if (p.type === 'bool') return '$true';
  if (p.values?.length)
    return p.type === 'string[]' && p.values.length > 1
      ? `${p.values[0].name}, ${p.values[1].name}`
      : p.values[index % p.values.length].name;
  if (NUMBER_TYPES[p.type]) return String(p.min ?? 7);
  if (p.pattern) return 'A'.repeat(p.minLength ?? 64);
  if (p.minLength) return psQuote('v'.repeat(p.minLength) + index);
  if (p.type === 'string[]') return `'a${index}', 'b${index}'`;
  return psQuote(`v${index}`);
}

/** The sample value in expression mode (a hashtable entry): barewords quoted, lists as @( ) for array parameters. */
function expressionValue(p: ParameterDef, index: number): string {
  const v = sampleValue(p, index);
  if (!/^[A-Za-z]\w*(?:, [A-Za-z]\w*)*$/.test(v)) return p.type.endsWith('[]') && !v.startsWith('@(') ? `@(${v})` : v;
  const quoted = v.split(', ').map(psQuote).join(', ');
  return p.type.endsWith('[]') ? `@(${quoted})` : quoted;
}

/** Values PowerShell must refuse for the parameter (with the reason our binder would give). */
function invalidValues(p: ParameterDef): string[] {
  const out: string[] = [];
  if (p.values?.length && p.type !== 'switch') out.push('Bogus', psQuote(` ${p.values[0].name.toLowerCase()} `));
  if (NUMBER_TYPES[p.type]) {
    out.push("'abc'", '-1');
    if (p.max !== undefined) out.push(String(p.max + 1));
    if (p.min !== undefined && p.min > 0) out.push(String(p.min - 1));
  }
  if (p.maxLength !== undefined) out.push(psQuote('x'.repeat(p.maxLength + 1)));
  if (p.pattern) out.push("'not-hex'");
  if (p.type === 'bool') out.push("'yes'", '2');
  return out;
}

const setsOf = (cmdlet: CmdletDef, p: ParameterDef): string[] => setsOfParameter(cmdlet, p);

/** The set an invocation focusing on `p` completes: the default set when p is in it, else p's first. */
function setFor(cmdlet: CmdletDef, p?: ParameterDef): string {
  const sets = p ? setsOf(cmdlet, p) : cmdlet.parameterSets;
  if (cmdlet.defaultParameterSet && sets.includes(cmdlet.defaultParameterSet)) return cmdlet.defaultParameterSet;
  return sets[0] ?? cmdlet.parameterSets[0];
}

function mandatoryIn(cmdlet: CmdletDef, set: string): ParameterDef[] {
  return parametersOf(cmdlet).filter(
    (q) => q.parameterSets.some((s) => (s.name === set || s.name === ALL_SETS) && s.mandatory) && setsOf(cmdlet, q).includes(set),
  );
}

export function invocations(cmdlets: readonly CmdletDef[]): Invocation[] {
  const out: Invocation[] = [];
  for (const cmdlet of cmdlets) {
    const add = (what: string, text: string): void => {
      out.push({ id: `${cmdlet.name}: ${what}`, cmdlet, text });
    };
    const named = (p: ParameterDef, i: number): string => (p.type === 'switch' ? `-${p.name}` : `-${p.name} ${sampleValue(p, i)}`);
    /** The mandatory parameters of the set, except the ones already written. */
    const rest = (set: string, except: readonly ParameterDef[]): string =>
      mandatoryIn(cmdlet, set)
        .filter((q) => !except.includes(q))
        .map((q, i) => ` ${named(q, i + 10)}`)
        .join('');
    const all = parametersOf(cmdlet);
    const names = all.flatMap((p) => [p.name, ...p.aliases]);
    add('mandatory parameters of the default set', `${cmdlet.name}${rest(setFor(cmdlet), [])}`);
    add('nothing', cmdlet.name);
    for (const p of all) {
      const set = setFor(cmdlet, p);
      const tail = rest(set, [p]);
      const value = p.type === 'switch' ? '' : ` ${sampleValue(p)}`;
      add(`-${p.name}`, `${cmdlet.name} -${p.name}${value}${tail}`);
      add(`-${p.name.toUpperCase()} (case)`, `${cmdlet.name} -${p.name.toUpperCase()}${value}${tail}`);
      add(`\u2013${p.name} (en dash)`, `${cmdlet.name} \u2013${p.name}${value}${tail}`);
      for (const alias of p.aliases) add(`-${alias} (alias of ${p.name})`, `${cmdlet.name} -${alias}${value}${tail}`);
      // Prefixes: some unique, some shared with other names (PowerShell decides which bind).
      const lengths = new Set([1, 2, 3, 4, 6, 9, p.name.length - 1].filter((n) => n > 0 && n < p.name.length));
      for (const n of lengths) {
        const prefix = p.name.slice(0, n);
        if (names.some((x) => x.toLowerCase() === prefix.toLowerCase())) continue;
        add(`-${prefix} (prefix of ${p.name})`, `${cmdlet.name} -${prefix}${value}${tail}`);
      }
      if (p.type === 'switch') {
        for (const form of [':$false', ':$true', ':0', ' $false', ' 0'])
          add(`-${p.name}${form}`, `${cmdlet.name} -${p.name}${form}${tail}`);
      } else {
        add(`-${p.name}:value`, `${cmdlet.name} -${p.name}:${sampleValue(p).replace(/, /g, ',')}${tail}`);
        add(`-${p.name} without a value`, `${cmdlet.name}${tail} -${p.name}`);
        add(`-${p.name} twice`, `${cmdlet.name} -${p.name}${value} -${p.name}${value}${tail}`);
        for (const bad of invalidValues(p)) add(`-${p.name} ${bad}`, `${cmdlet.name} -${p.name} ${bad}${tail}`);
      }
    }
    // Positional arguments of each set, in order, and one too many.
    for (const set of cmdlet.parameterSets) {
      const positional = all
        .filter((p) => p.position !== undefined && p.type !== 'switch' && setsOf(cmdlet, p).includes(set))
        .sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
      if (positional.length === 0) continue;
      const values = positional.map((p, i) => sampleValue(p, i).replace(/, /g, ','));
      add(`positional (${set})`, `${cmdlet.name} ${values.join(' ')}${rest(set, positional)}`);
      add(`positional (${set}) and one more`, `${cmdlet.name} ${values.join(' ')} 'extra'${rest(set, positional)}`);
      add(`first positional only (${set})`, `${cmdlet.name} ${values[0]}${rest(set, positional.slice(0, 1))}`);
    }
    // Splatting: a literal hashtable; switches given $true/$false there; an explicit parameter beside it.
    {
      const set = setFor(cmdlet);
      const mandatory = mandatoryIn(cmdlet, set);
      const aSwitch = all.find((p) => p.type === 'switch' && p.kind === 'declared' && setsOf(cmdlet, p).includes(set));
      const entries = [
        ...mandatory.map((p, i) => `${p.name} = ${p.type === 'switch' ? '$true' : expressionValue(p, i)}`),
        ...(aSwitch ? [`${aSwitch.name} = $false`] : []),
      ];
      add('splatted hashtable', `$P = @{ ${entries.join('; ')} }\n${cmdlet.name} @P`);
      const extra = all.find(
        (p) => p.type !== 'switch' && p.kind === 'declared' && !mandatory.includes(p) && setsOf(cmdlet, p).includes(set),
      );
      if (extra)
        add(
          'splatted hashtable and an explicit parameter',
          `$P = @{ ${entries.join('; ')} }\n${cmdlet.name} @P -${extra.name} ${sampleValue(extra, 5)}`,
        );
      if (mandatory[0] && mandatory[0].type !== 'switch')
        add(
          'explicit parameter supersedes the splatted one',
          `$P = @{ ${entries.join('; ')} }\n${cmdlet.name} @P -${mandatory[0].name} ${sampleValue(mandatory[0], 6)}`,
        );
    }
    // Pipeline input by property name: a [PSCustomObject] with the bindable parameters of the default set.
    {
      const set = setFor(cmdlet);
      const bindable = all.filter((p) => p.pipelineByPropertyName && p.kind === 'declared' && setsOf(cmdlet, p).includes(set));
      if (bindable.length > 0) {
        const props = bindable.map((p, i) => `${p.name} = ${p.type === 'switch' ? '$true' : expressionValue(p, i)}`);
        add('[PSCustomObject] pipeline input', `[PSCustomObject]@{ ${props.join('; ')} } | ${cmdlet.name}${rest(set, bindable)}`);
        add(
          '[PSCustomObject] pipeline input with an unknown property',
          `[PSCustomObject]@{ ${props.join('; ')}; NoSuchProperty = 1 } | ${cmdlet.name}${rest(set, bindable)}`,
        );
      }
    }
    // Parameters of two different sets.
    for (let i = 0; i < cmdlet.parameterSets.length; i++) {
      for (let j = i + 1; j < cmdlet.parameterSets.length; j++) {
        const a = all.find(
          (p) =>
            p.kind === 'declared' &&
            !p.parameterSets.some((s) => s.name === ALL_SETS) &&
            setsOf(cmdlet, p).length === 1 &&
            setsOf(cmdlet, p)[0] === cmdlet.parameterSets[i],
        );
        const b = all.find(
          (p) =>
            p.kind === 'declared' &&
            !p.parameterSets.some((s) => s.name === ALL_SETS) &&
            setsOf(cmdlet, p).length === 1 &&
            setsOf(cmdlet, p)[0] === cmdlet.parameterSets[j],
        );
        if (a && b)
          add(
            `-${a.name} and -${b.name} (sets ${cmdlet.parameterSets[i]}, ${cmdlet.parameterSets[j]})`,
            `${cmdlet.name} ${named(a, 1)} ${named(b, 2)}`,
          );
      }
    }
  }
  return out;
}
