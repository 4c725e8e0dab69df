import path from 'node:path';
import { nodeWasmSource } from '../../server/src/host/wasm';
import { bindCommand, isScriptFunction, valueMatches, type BindResult } from '../../server/src/service/powershell/binding';
import type { CmdletDef } from '../../server/src/service/powershell/cmdletSchema';
import { parsePowerShellDocument } from '../../server/src/service/powershell/document';
import { loadPowerShellParser } from '../../server/src/service/powershell/grammar';
import type { PsValue } from '../../server/src/service/powershell/model';
import type { OracleDifference } from './acceptedDifferences';
import { invocations, proxyDefinitions, schemaCmdlets } from './binderCases';
import type { PhaseResult } from './main';
import { PwshServer } from './pwshServer';

/**
 * Phase 3: PowerShell binds generated invocations of proxy functions made from
 * schemas/vpn-cmdlets.json; our binder binds the same text. Compared: the verdict (success, or
 * the binding error PowerShell reports first, which must be among ours), and on success every
 * bound parameter with its value and, when ours can tell, the parameter set.
 */

type PwshVerdict =
  | { ok: true; set: string; bound: Record<string, string | string[]>; args: string[] }
  | { ok: false; error: string; parameter?: string | null; message?: string };

/** The error ids PowerShell would raise for what our binder found (any of them may come first). */
function ourErrors(cmdlet: CmdletDef, result: BindResult): string[] {
  const errors: string[] = [];
  if (cmdlet.strictParameters) for (const u of result.unknown) errors.push(`NamedParameterNotFound:${u.written.name}`);
  for (const a of result.ambiguous) if (!a.uncertain) errors.push(`AmbiguousParameter:${a.written.name}`);
  for (const d of result.duplicates) errors.push(`ParameterAlreadyBound:${d.parameter.name}`);
  for (const m of result.missingValue) errors.push(`MissingArgument:${m.parameter.name}`);
  for (const x of result.extraPositional) errors.push(`PositionalParameterNotFound:${x.text}`);
  for (const b of result.bound) {
    // A switch's value is checked only when written `-Switch:value` (else it is not the switch's).
    if (!b.value || (b.parameter.type === 'switch' && !b.written?.colonValue)) continue;
    const match = valueMatches(b.parameter, b.value, { scriptFunction: isScriptFunction(cmdlet) });
    if (match.ok) continue;
    const transformation =
      match.problem === 'not-a-number' ||
      match.problem === 'not-boolean' ||
      match.problem === 'array-for-scalar' ||
      (match.problem === 'out-of-range' && !match.limits?.documented) ||
      (match.problem === 'not-in-set' && (b.parameter.valuesKind === 'enum' || b.parameter.valuesKind === 'provider'));
    // PowerShell's own common parameters are bound by compiled code, which reports any conversion failure as CannotConvertArgumentNoMessage.
    const id = !transformation
      ? 'ParameterArgumentValidationError'
      : b.parameter.kind === 'common'
        ? 'CannotConvertArgumentNoMessage'
        : 'ParameterArgumentTransformationError';
    errors.push(`${id}:${b.parameter.name}`);
  }
  if (result.sets.conflict || result.sets.ambiguous) errors.push('AmbiguousParameterSet:');
  else if (!result.sets.complete && result.sets.missing.some((m) => m.parameters.length > 0)) errors.push('MissingMandatoryParameter:');
  const piped = result.pipelineIgnored.length;
  if (piped > 0 && !result.bound.some((b) => b.origin === 'pipeline')) errors.push('InputObjectNotBound:');
  return errors;
}

function ourValue(value: PsValue | undefined): string | string[] | undefined {
  if (!value) return undefined;
  if (value.kind === 'array') return (value.items ?? []).map((i) => i.value ?? i.text);
  if (value.kind === 'string' || value.kind === 'bareword' || value.kind === 'number') return value.value ?? value.text;
  if (value.kind === 'boolean') return value.value === 'true' ? 'True' : 'False';
  return undefined;
}

export async function runBinderOracle(pwsh: string): Promise<PhaseResult> {
  const parser = await loadPowerShellParser(nodeWasmSource());
  const cmdlets = schemaCmdlets();
  const cases = invocations(cmdlets);
  const server = new PwshServer(pwsh, path.join(__dirname, 'bindServer.ps1'));
  const differences: OracleDifference[] = [];
  let bound = 0;
  let refused = 0;
  try {
    await server.request({ define: proxyDefinitions(cmdlets) });
    const replies = cases.map((c) => server.request<PwshVerdict>({ id: c.id, text: c.text }));
    for (let i = 0; i < cases.length; i++) {
      const c = cases[i];
      const theirs = await replies[i];
      const add = (category: string, detail: string): void => {
        differences.push({ oracle: 'binder', input: c.id, category, excerpt: c.text, detail });
      };
      const doc = parsePowerShellDocument(parser, c.text);
      try {
        const command = doc.script.commands.find((x) => x.name.toLowerCase() === c.cmdlet.name.toLowerCase());
        if (!command) {
          add('not-read', 'the extraction finds no command');
          continue;
        }
        const result = bindCommand(c.cmdlet, command);
        const errors = ourErrors(c.cmdlet, result);
        if (!theirs.ok) {
          refused++;
          if (theirs.error === 'NotInvoked' || !/^[A-Za-z]+$/.test(theirs.error)) {
            add('pwsh-other', `PowerShell: ${theirs.error} ${theirs.message ?? ''}`);
            continue;
          }
          if (errors.length === 0)
            add(
              `pwsh-refuses ${theirs.error}`,
              `PowerShell: ${theirs.error} (${theirs.parameter ?? ''}) ${theirs.message ?? ''}; ours binds`,
            );
          else if (!errors.some((e) => e.startsWith(`${theirs.error}:`)))
            add(
              `different-error ${theirs.error}`,
              `PowerShell: ${theirs.error} (${theirs.parameter ?? ''}) ${theirs.message ?? ''}; ours: ${errors.join(', ')}`,
            );
          continue;
        }
        bound++;
        if (errors.length > 0) {
          add(`ours-refuses ${errors[0].split(':')[0]}`, `PowerShell binds ${JSON.stringify(theirs.bound)}; ours: ${errors.join(', ')}`);
          continue;
        }
        const mine = new Map(result.bound.map((b) => [b.parameter.name.toLowerCase(), b]));
        const theirNames = Object.keys(theirs.bound)
          .map((n) => n.toLowerCase())
          .sort();
        const myNames = [...mine.keys()].sort();
        if (JSON.stringify(theirNames) !== JSON.stringify(myNames)) {
          add('bound-parameters', `PowerShell binds ${theirNames.join(', ')}; ours ${myNames.join(', ')}`);
          continue;
        }
        for (const [name, value] of Object.entries(theirs.bound)) {
          const b = mine.get(name.toLowerCase());
          if (!b) continue;
          let expected: string | string[] | undefined;
          if (b.parameter.type === 'switch') expected = b.switchOn === undefined ? undefined : b.switchOn ? 'True' : 'False';
          else expected = ourValue(b.value);
          // A Boolean given a number: PowerShell shows the converted value.
          if (b.parameter.type === 'bool' && b.value?.kind === 'number' && typeof expected === 'string' && /^\d+$/.test(expected))
            expected = expected === '0' ? 'False' : 'True';
          // One value for an array parameter: PowerShell shows an array of one.
          if (Array.isArray(value) && typeof expected === 'string') expected = [expected];
          if (expected === undefined) continue;
          const numeric = ['byte', 'uint16', 'uint32', 'uint64', 'int32'].includes(b.parameter.type);
          if (numeric && (typeof expected !== 'string' || !/^\d+$/.test(expected))) continue; // PowerShell shows the converted number
          const same = (x: string, y: string): boolean =>
            b.parameter.values?.length ? x.trim().toLowerCase() === y.trim().toLowerCase() : x === y;
          const equal = Array.isArray(value)
            ? Array.isArray(expected) && value.length === expected.length && value.every((v, k) => same(v, expected[k]))
            : typeof expected === 'string' && same(value, expected);
          if (!equal) add('bound-value', `-${name}: PowerShell ${JSON.stringify(value)}; ours ${JSON.stringify(expected)} (${b.how})`);
        }
        if (result.sets.chosen && theirs.set && result.sets.chosen !== theirs.set && c.cmdlet.parameterSets.length > 1)
          add('parameter-set', `PowerShell uses ${theirs.set}; ours ${result.sets.chosen}`);
      } finally {
        doc.script.tree.delete();
        if (doc.tree !== doc.script.tree) doc.tree.delete();
      }
    }
  } finally {
    await server.close();
  }
  return {
    oracle: 'binder',
    summary: [`invocations bound ${cases.length} over ${cmdlets.length} cmdlets (PowerShell binds ${bound}, refuses ${refused})`],
    differences,
  };
}
