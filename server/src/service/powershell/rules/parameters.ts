import type { Finding, Fix, OffsetEdit } from '../../core/findings';
import { isScriptFunction, valueMatches, type ValueMatch } from '../binding';
import { setsOfParameter, ALL_SETS, type ParameterDef } from '../cmdletSchema';
import type { PsValue } from '../model';
import { misspeltKeyTargets } from './pipeline';
import type { PsCheckContext, PsRuleFamily } from './ruleTypes';
import {
  appendParametersEdit,
  baselineValue,
  bound,
  parameterList,
  parsedCleanly,
  renameParameterEdit,
  replaceValueEdit,
  reportOnce,
  separatorBefore,
  staticText,
  switchIsOn,
  takesSecret,
  vpnCommands,
  writesParameter,
  type AnalysedCommand,
} from '../commandAnalysis';

/**
 * How PowerShell binds what the script wrote (binding.ts):
 * ps-unknown-parameter, ps-invalid-value, ps-switch-given-value, ps-missing-parameter and
 * ps-partial-custom-policy. Only VpnClient / RemoteAccess cmdlets and the VPN community helpers
 * are checked; everything else in a script is ordinary PowerShell and none of our business.
 */
export const parameterRules: PsRuleFamily = {
  family: 'powershell',
  ids: ['ps-unknown-parameter', 'ps-invalid-value', 'ps-switch-given-value', 'ps-missing-parameter', 'ps-partial-custom-policy'],
  check(context) {
    const ctx = reportOnce(context);
    for (const c of vpnCommands(ctx.doc)) {
      unknownParameters(ctx, c);
      invalidValues(ctx, c);
      switchesGivenValues(ctx, c);
      missingParameters(ctx, c);
      partialCustomPolicy(ctx, c);
    }
  },
};

// ---- ps-unknown-parameter ----------------------------------------------------------------------

function unknownParameters(ctx: PsCheckContext, c: AnalysedCommand): void {
  // Simple functions put unknown names in $args; partial data must not call a real parameter unknown.
  if (!c.cmdlet.strictParameters || !c.cmdlet.parametersComplete) return;
  const text = ctx.doc.text;
  for (const { written, suggestion } of c.binding.unknown) {
    if (written.origin === 'pipeline' || written.name.trim() === '') continue;
    const where = written.origin === 'splat' ? `The splatted key \`${written.name}\`` : `\`-${written.name}\``;
    const hint = suggestion ? ` Did you mean \`-${suggestion}\`?` : '';
    const finding: Finding = {
      ruleId: 'ps-unknown-parameter',
      span: written.span,
      message: `${where} is not a parameter of ${c.cmdlet.name}: PowerShell stops with "a parameter cannot be found" and the command does not run.${hint}`,
    };
    if (suggestion)
      finding.fixes = [
        { title: `Change to -${suggestion}`, edits: [renameParameterEdit(text, written.span, suggestion)], preferred: true },
      ];
    ctx.report(finding);
  }
  for (const { written, candidates, uncertain } of c.binding.ambiguous) {
    if (uncertain || written.origin === 'pipeline') continue;
    const names = candidates.map((p) => p.name);
    ctx.report({
      ruleId: 'ps-unknown-parameter',
      span: written.span,
      message: `\`-${written.name}\` is ambiguous on ${c.cmdlet.name}: it could stand for ${parameterList(names, 'or')}. PowerShell accepts an abbreviation only when it matches one parameter, so the command does not run. Write the full name.`,
      // Which one was meant is a guess: offer each, prefer none (fix-all must not pick).
      fixes: candidates.map((p): Fix => ({ title: `Change to -${p.name}`, edits: [renameParameterEdit(text, written.span, p.name)] })),
    });
  }
}

// ---- ps-invalid-value --------------------------------------------------------------------------

/** Checked by their own rule (ps-sstp-offload-hash). */
const OWN_RULE = new Set(['enable-sstpoffload/certificatehash']);

function invalidValues(ctx: PsCheckContext, c: AnalysedCommand): void {
  const switchValues = new Set(c.binding.switchGivenValue.map((s) => s.value));
  for (const b of c.binding.bound) {
    const p = b.parameter;
    if (!b.value || p.unverified || OWN_RULE.has(`${c.cmdlet.name}/${p.name}`.toLowerCase())) continue;
    // A `$false` that slipped off a switch is ps-switch-given-value's finding, not a bad value for the parameter it lands on.
    if (b.origin === 'positional' && switchValues.has(b.value)) continue;
    const result = valueMatches(p, b.value, { scriptFunction: isScriptFunction(c.cmdlet) });
    if (result.ok) continue;
    const value = result.item ?? b.value;
    const finding: Finding = { ruleId: 'ps-invalid-value', span: value.span, message: invalidMessage(c, p, value, result) };
    const replacement = replacementFor(value, result);
    // A value written over several lines is an unclosed quote swallowing the lines below it, not a
    // typo: replacing it would delete them. In a command with a syntax error the value's extent is a guess.
    if (
      replacement !== undefined &&
      !/[\r\n]/.test(ctx.doc.text.slice(value.span.start, value.span.end)) &&
      parsedCleanly(ctx.doc, c.command)
    ) {
      const edit: OffsetEdit = replacement.startsWith('$')
        ? { start: value.span.start, end: value.span.end, newText: replacement }
        : replaceValueEdit(ctx.doc.text, value, replacement);
      finding.fixes = [{ title: `Change to ${replacement}`, edits: [edit], preferred: true }];
    }
    ctx.report(finding);
  }
}

type ValueProblem = Extract<ValueMatch, { ok: false }>;

function invalidMessage(c: AnalysedCommand, p: ParameterDef, value: PsValue, r: ValueProblem): string {
  // A secret is never repeated: messages end up in logs, SARIF uploads and CI output.
  const secret = takesSecret(p);
  const literal = staticText(value) ?? value.text;
  const written = secret ? 'the value (a secret, not repeated here)' : `\`${literal}\``;
  const Written = secret ? 'The value (a secret, not repeated here)' : written;
  const on = `-${p.name} of ${c.cmdlet.name}`;
  switch (r.problem) {
    case 'not-in-set': {
      const allowed = (p.values ?? []).map((v) => v.name).join(', ');
      const hint = r.closest && !secret ? ` Did you mean \`${r.closest}\`?` : '';
      return `${Written} is not a value of ${on}, so PowerShell refuses the command. Accepted: ${allowed}.${hint}`;
    }
    case 'out-of-range': {
      const limits = r.limits;
      const range = limits?.max !== undefined ? `${limits?.min ?? 0} to ${limits.max}` : `at least ${limits?.min ?? 0}`;
      const number = secret ? Written : literal;
      return limits?.documented
        ? `${number} is outside the range RRAS accepts for ${on} (${range}). Use a value within it.`
        : `${number} does not fit ${on} (${p.dotnetType}: ${range}): PowerShell cannot convert it and the command does not run.`;
    }
    case 'not-a-number':
      return `${on} takes a whole number (${p.dotnetType}); ${written} does not convert, so the command does not run.`;
    case 'not-boolean':
      return `${on} takes $true or $false; ${written} is not a Boolean, so the command does not run.`;
    case 'too-short':
    case 'too-long':
      return secret
        ? `${Written} is too ${r.problem === 'too-short' ? 'short' : 'long'} for ${on}, which accepts ${p.minLength ?? 0} to ${p.maxLength ?? '∞'} characters.`
        : `${written} has ${literal.length} characters; ${on} accepts ${p.minLength ?? 0} to ${p.maxLength ?? '∞'}.`;
    case 'pattern':
      return `${Written} does not have the form ${on} needs${p.patternNote ? ` (${p.patternNote})` : ''}.`;
    case 'array-for-scalar':
      return `${on} takes a single value, but a list was given: PowerShell cannot convert it.`;
  }
}

function replacementFor(value: PsValue, r: ValueProblem): string | undefined {
  if (r.problem === 'not-in-set' || r.problem === 'not-boolean') return r.closest;
  if (r.problem === 'out-of-range' && r.limits) {
    const n = Number(staticText(value));
    if (!Number.isFinite(n)) return undefined;
    if (r.limits.min !== undefined && n < Number(r.limits.min)) return r.limits.min;
    if (r.limits.max !== undefined && n > Number(r.limits.max)) return r.limits.max;
  }
  return undefined;
}

// ---- ps-switch-given-value ---------------------------------------------------------------------

function switchesGivenValues(ctx: PsCheckContext, c: AnalysedCommand): void {
  const text = ctx.doc.text;
  for (const given of c.binding.switchGivenValue) {
    if (!given.booleanLike) continue;
    const on = /^\$?(true|1)$/i.test((staticText(given.value) ?? given.value.text).trim());
    const literal = on ? '$true' : '$false';
    const landing = given.landsOn
      ? `\`${given.value.text}\` then binds to -${given.landsOn.name} as a positional argument`
      : `PowerShell finds no parameter for \`${given.value.text}\` and stops`;
    const effect = on ? '' : ' The switch stays on';
    ctx.report({
      ruleId: 'ps-switch-given-value',
      span: given.written.span,
      message: `-${given.parameter.name} is a switch on ${c.cmdlet.name}: a value written after it with a space is not its value.${effect ? `${effect};` : ''} ${landing}. Write -${given.parameter.name}:${literal} to pass a value.`,
      fixes: [
        {
          title: `Write -${given.parameter.name}:${literal}`,
          edits: [{ start: given.written.span.end, end: given.value.span.end, newText: `:${literal}` }],
          preferred: true,
        },
      ],
    });
  }
  for (const missing of c.binding.missingValue) {
    if (missing.parameter.type !== 'bool' || missing.written.origin !== 'literal') continue;
    const name = missing.parameter.name;
    const end = missing.written.span.end;
    ctx.report({
      ruleId: 'ps-switch-given-value',
      span: missing.written.span,
      message: `-${name} is a Boolean on ${c.cmdlet.name}, not a switch: it needs $true or $false after it. Written alone, PowerShell stops with a missing-argument error.`,
      fixes: [
        {
          title: `Give -${name} the value $true`,
          edits: [{ start: end, end, newText: text[end - 1] === ':' ? '$true' : ' $true' }],
          preferred: true,
        },
      ],
    });
  }
}

// ---- ps-missing-parameter ----------------------------------------------------------------------

/** Parameters whose arrival cannot be read from the text make the set analysis a guess (catalogue: never fire then). */
function setsDecidable(c: AnalysedCommand): boolean {
  const { command, binding } = c;
  if (command.splats.length > 0 || command.pipelineInput) return false;
  if (binding.sets.undecidable) return false;
  return binding.switchGivenValue.length === 0 && c.cmdlet.parametersComplete;
}

function missingParameters(ctx: PsCheckContext, c: AnalysedCommand): void {
  if (!setsDecidable(c)) return;
  const sets = c.binding.sets;
  const cmd = c.cmdlet.name;
  if (sets.conflict && sets.conflict.outside.length > 0) {
    const outside = sets.conflict.outside;
    const first = outside[0];
    const inside = c.binding.bound.filter((b) => !outside.includes(b) && !b.parameter.parameterSets.some((s) => s.name === ALL_SETS));
    const setNames = (p: ParameterDef): string => setsOfParameter(c.cmdlet, p).join(' / ');
    const others = inside.length
      ? ` while ${parameterList(inside.map((b) => b.parameter.name))} select the ${sets.conflict.bestSet} set`
      : '';
    ctx.report({
      ruleId: 'ps-missing-parameter',
      span: first.span,
      message: `${parameterList(outside.map((b) => b.parameter.name))} cannot be combined with the other parameters of ${cmd}: ${outside.map((b) => `-${b.parameter.name} belongs to ${setNames(b.parameter)}`).join(', ')}${others}. PowerShell cannot choose a parameter set and the command does not run.`,
    });
    return;
  }
  if (sets.complete || sets.missing.length === 0) return;
  // A set that needs everything another one needs and more is not worth naming (Add-VpnConnection's ThirdParty set).
  const all = sets.missing.filter((m) => m.parameters.length > 0);
  const options = all.filter(
    (m) => !all.some((o) => o !== m && o.parameters.length < m.parameters.length && o.parameters.every((p) => m.parameters.includes(p))),
  );
  if (options.length === 0) return;
  const describe = (m: { set: string; parameters: ParameterDef[] }): string =>
    `${parameterList(m.parameters.map((p) => p.name))}${options.length > 1 ? ` (${m.set} set)` : ''}`;
  const needsCustomPolicy = options.length === 1 && options[0].parameters.length === 1 && options[0].parameters[0].name === 'CustomPolicy';
  const cryptoGiven = c.binding.bound.filter((b) => b.parameter.profileXmlElement).map((b) => b.parameter.name);
  const message = needsCustomPolicy
    ? `${parameterList(cryptoGiven)} ${cryptoGiven.length === 1 ? 'exists' : 'exist'} only in the CustomPolicy parameter set of ${cmd}, where -CustomPolicy is mandatory: without it PowerShell asks for it (a non-interactive run fails) and no policy is set.`
    : `${cmd} is incomplete: it needs ${options.map(describe).join(' or ')}. PowerShell asks for missing mandatory parameters, so an unattended run hangs or fails.${
        options.some((m) => m.parameters.some((p) => p.profileXmlElement))
          ? ' An IPsec policy is set with all six IPsec parameters, or removed with -RevertToDefault.'
          : ''
      }`;
  const finding: Finding = { ruleId: 'ps-missing-parameter', span: c.command.nameSpan, message };
  const fix = missingFix(ctx, c, options);
  if (fix) finding.fixes = [fix];
  ctx.report(finding);
}

/** Adds what one incomplete set lacks, when every missing parameter has a value to give (switches, IPsec baseline); never -RevertToDefault. */
function missingFix(ctx: PsCheckContext, c: AnalysedCommand, options: { set: string; parameters: ParameterDef[] }[]): Fix | undefined {
  for (const option of options) {
    const pieces: string[] = [];
    let fixable = true;
    for (const p of option.parameters) {
      if (p.type === 'switch' && p.name !== 'RevertToDefault') pieces.push(`-${p.name}`);
      else {
        const value = p.type === 'enum' ? baselineValue(c, p) : undefined;
        if (value === undefined) {
          fixable = false;
          break;
        }
        pieces.push(`-${p.name} ${value}`);
      }
    }
    if (!fixable || pieces.length === 0) continue;
    // Parameters written at the end of a command the parser could not read cleanly could land
    // inside its unclosed string; one already written but not bound would not bind there either.
    if (!parsedCleanly(ctx.doc, c.command) || option.parameters.some((p) => writesParameter(ctx.doc, c.command, p.name))) return undefined;
    const switchesOnly = option.parameters.every((p) => p.type === 'switch');
    const edit: OffsetEdit = switchesOnly
      ? {
          start: c.command.nameSpan.end,
          end: c.command.nameSpan.end,
          newText: pieces.map((p) => ` ${p}`).join('') + separatorBefore(ctx.doc.text, c.command.nameSpan.end),
        }
      : appendParametersEdit(ctx.doc, c.command, pieces);
    return {
      title: switchesOnly
        ? `Add ${pieces.join(' ')}`
        : `Add ${parameterList(option.parameters.map((p) => p.name))} with the baseline values`,
      edits: [edit],
      preferred: true,
    };
  }
  return undefined;
}

// ---- ps-partial-custom-policy ------------------------------------------------------------------

function partialCustomPolicy(ctx: PsCheckContext, c: AnalysedCommand): void {
  if (c.cmdlet.name !== 'Set-VpnServerConfiguration') return;
  const customPolicy = bound(c, 'CustomPolicy');
  if (!switchIsOn(customPolicy) || !customPolicy) return;
  const undecidable = c.binding.sets.undecidable;
  if (undecidable === 'splat' || undecidable === 'pipeline' || undecidable === 'unknown-parameter') return;
  if (c.command.pipelineInput && !c.command.pipelineInput.properties) return;
  const suite = c.cmdlet.parameters.filter((p) => p.profileXmlElement);
  // A piped key misspelling one of them gives it (ps-pipeline-unbound-key renames the key).
  const misspelt = misspeltKeyTargets(c);
  const missing = suite.filter((p) => !c.binding.bound.some((b) => b.parameter === p) && !misspelt.has(p));
  if (missing.length === 0) return;
  const given = suite.length - missing.length;
  const pieces = missing.map((p) => `-${p.name} ${baselineValue(c, p) ?? ''}`.trim());
  // Not at the end of a command the parser could not read cleanly (an unclosed string would take
  // them in), nor when one is written but not bound (appended, it would not bind either).
  const fixable = parsedCleanly(ctx.doc, c.command) && !missing.some((p) => writesParameter(ctx.doc, c.command, p.name));
  ctx.report({
    ruleId: 'ps-partial-custom-policy',
    span: customPolicy.span,
    message: `This custom policy sets ${given} of the 6 IPsec parameters; RRAS picks undocumented values for ${parameterList(missing.map((p) => p.name))}, so clients cannot be set to match it for sure (a mismatch fails with error 13868). Give all six.`,
    fixes: fixable
      ? [
          {
            title: `Add ${parameterList(missing.map((p) => p.name))} with the baseline values`,
            edits: [appendParametersEdit(ctx.doc, c.command, pieces)],
            preferred: true,
          },
        ]
      : undefined,
  });
}
