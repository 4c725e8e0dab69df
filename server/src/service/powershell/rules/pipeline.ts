import type { Finding } from '../../core/findings';
import { closestParameter, resolveParameter, type BindResult } from '../binding';
import { parametersOf, type ParameterDef } from '../cmdletSchema';
import type { PsParameter } from '../model';
import type { PsCheckContext, PsRuleFamily } from './ruleTypes';
import { renameParameterEdit, reportOnce, touchesSyntaxError, vpnCommands, type AnalysedCommand } from '../commandAnalysis';

/**
 * ps-pipeline-unbound-key: a key of a hashtable piped in as an object (`[PSCustomObject]@{ … } |`,
 * `[PSCustomObject]$Parameters |`, `New-Object PSObject -Property @{ … } |`) that PowerShell does
 * not bind to any parameter of the VPN cmdlet (about_Parameter_Binding, ValueFromPipelineByPropertyName):
 * - a key that is not a parameter name or alias exactly: binding by property name takes no
 *   abbreviations and no partial names, unlike the command line (`-Encryption` binds
 *   -EncryptionMethod, a property `Encryption` does not);
 * - a key naming a parameter that does not take pipeline input by property name (-Force,
 *   -PassThru, -CustomPolicy, the common parameters …): the property is skipped;
 * - a key for a parameter the command line already gives: the command line's value is bound and
 *   the property is skipped.
 * In each case the value never reaches the cmdlet and PowerShell says nothing, as long as some
 * other property binds; when none does, it reports that the object cannot be bound and skips it.
 * Keys of a parameter set the command line excludes are left alone (that is a set conflict,
 * not a naming mistake).
 */
export const pipelineRules: PsRuleFamily = {
  family: 'powershell',
  ids: ['ps-pipeline-unbound-key'],
  check(context) {
    const ctx = reportOnce(context);
    for (const c of vpnCommands(ctx.doc)) unboundKeys(ctx, c);
  },
};

/** What a parameter name can look like (letters, digits and underscores, not starting with a digit). */
const NAME_LIKE = /^[\p{L}_][\p{L}\p{N}_]*$/u;

function unboundKeys(ctx: PsCheckContext, c: AnalysedCommand): void {
  const { cmdlet, binding } = c;
  // Partial parameter data would call a real parameter unknown.
  if (!cmdlet.strictParameters || !cmdlet.parametersComplete) return;
  const anyBound = binding.bound.some((b) => b.origin === 'pipeline');
  const dropped = anyBound
    ? 'PowerShell ignores this property without a word, so its value never reaches the cmdlet'
    : 'no property of this object binds, so PowerShell reports that the input object cannot be bound to any parameters and the command does nothing with it';
  for (const { written, reason } of binding.pipelineIgnored) {
    // Only keys that could be a parameter name: a key the parser recovered from broken text
    // (`@{ PfsGroup 72.0.0.1 = … }`, or inside a syntax error) is a guess, not a misspelling.
    if (!NAME_LIKE.test(written.name) || touchesSyntaxError(ctx.doc, written.span)) continue;
    const key = `\`${written.name}\``;
    if (reason === 'no-such-parameter') {
      const target = renameTarget(c, written.name);
      const finding: Finding = {
        ruleId: 'ps-pipeline-unbound-key',
        span: written.span,
        message: `${key} is not a parameter name or alias of ${cmdlet.name}. Piped in as an object, a property binds only to a parameter of exactly its name (no abbreviations or partial names, unlike the command line): ${dropped}. ${
          target ? `Rename the key to \`${target.name}\`.` : `Rename it to the parameter it was meant for, or remove it.`
        }`,
      };
      if (target)
        finding.fixes = [
          {
            title: `Rename the key to ${target.name}`,
            edits: [renameParameterEdit(ctx.doc.text, written.span, target.name)],
            preferred: true,
          },
        ];
      ctx.report(finding);
      continue;
    }
    const parameter = resolvedParameter(c, written);
    if (!parameter || parameter.unverified) continue;
    if (reason === 'not-pipeline-bindable') {
      ctx.report({
        ruleId: 'ps-pipeline-unbound-key',
        span: written.span,
        message: `${key} names -${parameter.name} of ${cmdlet.name}, but that parameter does not take pipeline input by property name: ${dropped}. Give it on the command line instead (${commandLineForm(parameter)}) and remove the key.`,
      });
    } else if (reason === 'already-bound') {
      ctx.report({
        ruleId: 'ps-pipeline-unbound-key',
        span: written.span,
        message: `${key} gives -${parameter.name}, which the command line of ${cmdlet.name} already gives: PowerShell binds the command line's value and skips this property. Keep one of the two.`,
      });
    }
  }
}

/** The parameter a key names exactly (name or alias). */
function resolvedParameter(c: AnalysedCommand, written: PsParameter): ParameterDef | undefined {
  const r = resolveParameter(c.cmdlet, written.name, { exactOnly: true });
  return r.kind === 'exact' || r.kind === 'alias' ? r.parameter : undefined;
}

/**
 * Parameters a misspelt piped key is meant for (its rename target): the script does give them,
 * under a name PowerShell does not bind. ps-partial-custom-policy does not call them missing
 * (its fix would add them on the command line, and the renamed key would then be skipped).
 */
export function misspeltKeyTargets(c: AnalysedCommand): Set<ParameterDef> {
  const out = new Set<ParameterDef>();
  for (const { written, reason } of c.binding.pipelineIgnored) {
    if (reason !== 'no-such-parameter') continue;
    const target = renameTarget(c, written.name);
    if (target) out.add(target);
  }
  return out;
}

/**
 * The parameter to rename a key to: the one its abbreviation stands for on the command line,
 * else the closest name; only a parameter that takes pipeline input by property name and is not
 * bound yet (renaming onto a bound one would be skipped again, or duplicate a key).
 */
function renameTarget(c: AnalysedCommand, key: string): ParameterDef | undefined {
  const usable = usableFor(c.binding);
  const r = resolveParameter(c.cmdlet, key);
  if (r.kind === 'prefix' || r.kind === 'exact' || r.kind === 'alias') return usable(r.parameter) ? r.parameter : undefined;
  if (r.kind === 'ambiguous') {
    const candidates = r.candidates.filter(usable);
    return candidates.length === 1 ? candidates[0] : undefined;
  }
  return closestParameter(parametersOf(c.cmdlet).filter(usable), key);
}

function usableFor(binding: BindResult): (p: ParameterDef) => boolean {
  const taken = new Set(binding.bound.map((b) => b.parameter));
  return (p) => p.pipelineByPropertyName && !taken.has(p) && !p.unverified;
}

function commandLineForm(p: ParameterDef): string {
  if (p.type === 'switch') return `-${p.name}`;
  return `-${p.name} <value>`;
}
