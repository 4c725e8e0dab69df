import type { Span } from '../../xml/xmlTree';
import type { Finding, Fix } from '../../core/findings';
import { enumValue, type ParameterDef } from '../cmdletSchema';
import type { PowerShellDocument } from '../document';
import type { PsCommand, PsValue } from '../model';
import type { PsCheckContext, PsRuleFamily } from './ruleTypes';
import {
  baselineValue,
  bound,
  itemsOf,
  parsedCleanly,
  replaceValueEdit,
  reportOnce,
  staticText,
  separatorBefore,
  switchIsOn,
  takesSecret,
  vpnCommands,
  writesParameter,
  type AnalysedCommand,
} from '../commandAnalysis';

/**
 * What weakens a VPN: weak algorithms and protocols (ps-weak-crypto), secrets
 * written into the script (ps-cleartext-secret), reverting to the built-in IPsec proposals
 * (ps-revert-to-default, Richard Hicks, "Always On VPN IKEv2 Security Configuration") and confirmation prompts that hang unattended runs
 * (ps-confirm-prompt).
 */
export const securityRules: PsRuleFamily = {
  family: 'powershell',
  ids: ['ps-weak-crypto', 'ps-cleartext-secret', 'ps-revert-to-default', 'ps-confirm-prompt'],
  check(context) {
    const ctx = reportOnce(context);
    const secrets = new Set<string>();
    for (const c of vpnCommands(ctx.doc)) {
      weakValues(ctx, c);
      cleartextSecrets(ctx, c, secrets);
      revertToDefault(ctx, c);
      confirmPrompt(ctx, c);
    }
  },
};

// ---- ps-weak-crypto ----------------------------------------------------------------------------

/**
 * Replacement for weak values that are not IPsec algorithms (those take the baseline of schemas/crypto.json).
 * Authentication methods get no automatic replacement: switching to EAP or certificates needs
 * infrastructure the script cannot conjure.
 */
const SAFER: Record<string, string> = {
  TunnelType: 'Ikev2', // Richard Hicks' protocol recommendations for RRAS: IKEv2 first, never PPTP or L2TP
  EncryptionLevel: 'Required',
  EncryptionType: 'RequireEncryption',
};

function weakValues(ctx: PsCheckContext, c: AnalysedCommand): void {
  for (const b of c.binding.bound) {
    const p = b.parameter;
    if (!b.value || !p.values) continue;
    for (const item of itemsOf(b.value)) {
      const written = staticText(item);
      if (written === undefined) continue;
      const def = enumValue(p, written);
      if (!def?.weak || !reportable(c, p, def.name, def.weakLevel)) continue;
      const replacement = p.profileXmlElement ? baselineValue(c, p) : SAFER[p.name];
      const finding: Finding = {
        ruleId: 'ps-weak-crypto',
        span: item.span,
        message: weakMessage(c, p, def.name, def.doc, replacement, def.weakLevel === 'hint'),
      };
      if (replacement && replacement.toLowerCase() !== def.name.toLowerCase()) {
        finding.fixes = [
          { title: `Change to ${replacement}`, edits: [replaceValueEdit(ctx.doc.text, item, replacement)], preferred: true },
        ];
      }
      ctx.report(finding);
    }
  }
}

/**
 * Warning-level weak values of the cmdlet data (§8.3), `-PfsGroup None` among them: the
 * catalogue treats it as ProfileXML's weak-crypto does (`<PfsGroup>None</PfsGroup>`), so the same
 * policy gets the same finding in either spelling. Hints stay silent (the unverified group 24),
 * except `-TunnelType L2tp`, which the catalogue names explicitly. ESP without a separate
 * integrity transform is only weak when the cipher is not GCM (GCM carries its own integrity).
 */
function reportable(c: AnalysedCommand, p: ParameterDef, value: string, level: string | undefined): boolean {
  if (level === 'hint') return p.name === 'TunnelType' && value.toLowerCase() === 'l2tp';
  if (p.profileXmlElement === 'AuthenticationTransformConstants' && value.toLowerCase() === 'none') {
    const cipher = bound(c, 'CipherTransformConstants');
    const cipherText = staticText(cipher?.value);
    if (cipher && cipherText === undefined) return false; // computed at run time
    return !(cipherText && /^gcmaes/i.test(cipherText.trim()));
  }
  return level === 'high' || level === 'warning';
}

function weakMessage(
  c: AnalysedCommand,
  p: ParameterDef,
  value: string,
  doc: string,
  replacement: string | undefined,
  discouraged: boolean,
): string {
  const head = `${value} for -${p.name} (${c.cmdlet.name}) is ${discouraged ? 'not recommended' : 'weak'}: ${doc}`;
  if (p.profileXmlElement) {
    return (
      `${head} Use ${replacement ?? 'a baseline value'} (the minimum baseline of AES-128, SHA-256 and DH group 14 in Richard Hicks' "Always On VPN IKEv2 Security Configuration"), ` +
      'and give clients and server the same policy or connections fail with error 13868.'
    );
  }
  if (p.name === 'AuthenticationMethod' || p.name === 'UserAuthProtocolAccepted') {
    return `${head} A password alone protects the tunnel; prefer certificate-based EAP (or machine certificates for a device tunnel).`;
  }
  return replacement ? `${head} Use ${replacement}.` : head;
}

// ---- ps-cleartext-secret -----------------------------------------------------------------------

function cleartextSecrets(ctx: PsCheckContext, c: AnalysedCommand, reported: Set<string>): void {
  const doc = ctx.doc;
  for (const b of c.binding.bound) {
    if (!b.value || !takesSecret(b.parameter)) continue;
    const target = `-${b.parameter.name} of ${c.cmdlet.name}`;
    for (const hit of secretLiterals(doc, b.value, !!b.parameter.secret, c.command.nameSpan.start)) {
      const key = `${hit.span.start}:${hit.span.end}`;
      if (reported.has(key)) continue;
      reported.add(key);
      const via = hit.variable ? ` (through $${hit.variable})` : hit.secureString ? ' (through ConvertTo-SecureString -AsPlainText)' : '';
      ctx.report({
        ruleId: 'ps-cleartext-secret',
        span: hit.span,
        message: `The secret for ${target} is written in the script in clear text${via}: anyone who can read the script, a copy of it or a transcript has it. Read it at run time instead (Read-Host -AsSecureString, Get-Credential or a secret store) and keep it out of source control.`,
      });
    }
  }
}

interface SecretHit {
  span: Span;
  variable?: string;
  secureString?: boolean;
}

/** Literal secrets behind a value: the literal itself, `ConvertTo-SecureString 'x' -AsPlainText` inside it, or the same assigned to the variable it names. */
function secretLiterals(doc: PowerShellDocument, value: PsValue, plainAllowed: boolean, before: number): SecretHit[] {
  if (plainAllowed && isSecretLiteral(value)) return [{ span: value.span }];
  if (value.kind === 'variable' && value.variable) {
    const assignment = lastAssignment(doc, value.variable, before);
    if (!assignment) return [];
    if (plainAllowed && isSecretLiteral(assignment.value)) return [{ span: assignment.value.span, variable: value.variable }];
    return plainTextConversions(doc, assignment.value.span).map((span) => ({ span, variable: value.variable, secureString: true }));
  }
  return plainTextConversions(doc, value.span).map((span) => ({ span, secureString: true }));
}

function isSecretLiteral(value: PsValue): boolean {
  const text = staticText(value);
  return (value.kind === 'string' || value.kind === 'bareword' || value.kind === 'number') && text !== undefined && text !== '';
}

function lastAssignment(doc: PowerShellDocument, variable: string, before: number): { value: PsValue } | undefined {
  const name = variable.toLowerCase();
  let found: { value: PsValue } | undefined;
  for (const a of doc.script.assignments) {
    if (a.span.start >= before) break;
    if (a.variable.toLowerCase() === name) found = a.operator === '=' ? a : undefined;
  }
  return found;
}

/** The literal strings given to `ConvertTo-SecureString … -AsPlainText` inside a span. */
function plainTextConversions(doc: PowerShellDocument, within: Span): Span[] {
  const out: Span[] = [];
  for (const command of doc.script.commands) {
    if (command.nameSpan.start < within.start || command.span.end > within.end) continue;
    if (command.name.toLowerCase() !== 'convertto-securestring') continue;
    if (!command.parameters.some((p) => isPrefixOf(p.name, 'asplaintext', 3))) continue;
    const literal = conversionInput(command);
    if (literal && isSecretLiteral(literal)) out.push(literal.span);
  }
  return out;
}

function conversionInput(command: PsCommand): PsValue | undefined {
  const named = command.parameters.find((p) => isPrefixOf(p.name, 'string', 2));
  return named?.value ?? command.positional[0];
}

function isPrefixOf(written: string, full: string, min: number): boolean {
  const lower = written.toLowerCase();
  return lower.length >= min && full.startsWith(lower);
}

// ---- ps-revert-to-default ----------------------------------------------------------------------

function revertToDefault(ctx: PsCheckContext, c: AnalysedCommand): void {
  const revert = bound(c, 'RevertToDefault');
  if (!revert || !switchIsOn(revert) || !c.cmdlet.parameters.some((p) => p.profileXmlElement)) return;
  const side = c.cmdlet.module === 'RemoteAccess' ? 'server' : 'client';
  const other = side === 'server' ? 'every client' : 'the server';
  ctx.report({
    ruleId: 'ps-revert-to-default',
    span: revert.span,
    message: `-RevertToDefault removes the custom IPsec policy: the ${side} goes back to the built-in proposals (3DES, SHA-1, DH group 2; Richard Hicks, "Always On VPN IKEv2 Security Configuration"). Revert ${other} as well, or connections fail with error 13868.`,
  });
}

// ---- ps-confirm-prompt -------------------------------------------------------------------------

function confirmPrompt(ctx: PsCheckContext, c: AnalysedCommand): void {
  const prompts = c.cmdlet.promptsForConfirmation;
  if (!prompts) return;
  // Add-/Set-VpnConnection only ask about a pre-shared key sent in clear (the notes of Microsoft's Add-VpnConnection page).
  if (prompts === 'conditional' && !(c.cmdlet.name.endsWith('-VpnConnection') && bound(c, 'L2tpPsk'))) return;
  if (c.command.splats.some((s) => !s.resolved)) return;
  const force = bound(c, 'Force');
  if (force && force.switchOn !== false) return;
  const confirm = bound(c, 'Confirm');
  if (confirm && confirm.switchOn !== true) return; // -Confirm:$false (or a variable) also keeps it quiet
  if (switchIsOn(bound(c, 'WhatIf'))) return;
  // Conditional prompts carry their condition in the note; the plain ones need no explanation.
  const why = prompts === 'conditional' && c.cmdlet.confirmationNote ? ` ${c.cmdlet.confirmationNote}` : '';
  // ` -Force` goes at the end of the command: not when the parser could not read it cleanly (it could land inside an unclosed string).
  const fix: Fix | undefined =
    force && force.written && force.switchOn === false
      ? {
          title: 'Use -Force',
          edits: [{ start: force.written.span.end, end: force.value?.span.end ?? force.written.span.end, newText: '' }],
          preferred: true,
        }
      : parsedCleanly(ctx.doc, c.command) && !writesParameter(ctx.doc, c.command, 'Force')
        ? { title: 'Add -Force', edits: [appendForce(ctx, c)], preferred: true }
        : undefined;
  ctx.report({
    ruleId: 'ps-confirm-prompt',
    span: c.command.nameSpan,
    message: `${c.cmdlet.name} asks for confirmation unless -Force is given: run unattended (Intune, a scheduled task, remoting) the script waits for an answer that never comes. Add -Force.${why}`,
    fixes: fix ? [fix] : undefined,
  });
}

/** ` -Force` at the end of the command (one more switch needs no continuation line of its own). */
function appendForce(ctx: PsCheckContext, c: AnalysedCommand): { start: number; end: number; newText: string } {
  const at = c.command.span.end;
  return { start: at, end: at, newText: ` -Force${separatorBefore(ctx.doc.text, at)}` };
}
