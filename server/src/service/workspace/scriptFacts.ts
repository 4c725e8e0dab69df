import type { OffsetEdit } from '../core/findings';
import type { SuiteElement } from '../core/spelling';
import { bindCommand, boundParameter, type BindResult } from '../powershell/binding';
import { findCmdlet, findRegistryValue, registryValuesNamed, type RegistryValueDef } from '../powershell/cmdletSchema';
import type { PowerShellDocument } from '../powershell/document';
import { embeddedProfiles } from '../powershell/embedded';
import { toScriptEdit, toScriptSpan, touchesExpansion } from '../powershell/embeddedMap';
import type { PsCommand, PsScript, PsValue } from '../powershell/model';
import { canWriteStatementAfter } from '../powershell/commandAnalysis';
import type { Span } from '../xml/xmlTree';
import { valuePlaceholder } from './align';
import { emptyBody, type ClientPolicyFact, type FactsBody, type PolicyValues } from './facts';
import { SUITE_ELEMENTS } from './policy';
import { profileFacts, type OffsetMap } from './profileFacts';
import { reportInternalError } from '../core/internalErrors';

/**
 * The cross-file facts of a script (docs/architecture.md, "The workspace"): server custom
 * policies, client policies (cmdlets and embedded ProfileXML), AOVPN registry writes, the root
 * certificate restriction, and whether it configures an RRAS server at all. Parameters are bound
 * as PowerShell binds them (binding.ts: abbreviations, aliases, splatting, piped [PSCustomObject]).
 */
export function scriptFacts(doc: PowerShellDocument): FactsBody {
  const body = emptyBody();
  const { script } = doc;
  const hasIpsecCmdlet = script.commands.some((c) => findCmdlet(c.name)?.name === 'Set-VpnConnectionIPsecConfiguration');
  for (const command of script.commands) {
    try {
      commandFacts(doc, command, body);
    } catch (error) {
      // One command the binder cannot handle must not hide the others.
      reportInternalError(`facts of ${command.name}`, error);
    }
  }
  // Facts outlive the parse (the workspace index keeps them for every file): plain data only,
  // never the script's tree, whose WebAssembly memory is then freed.
  const scriptText = doc.text;
  for (const embedded of embeddedProfiles(doc)) {
    if (!embedded.complete) continue;
    const virtual = embedded.virtual;
    const map: OffsetMap = {
      span: (span) => (touchesExpansion(virtual, span) ? undefined : toScriptSpan(virtual, span)),
      edit: (edit) => toScriptEdit(scriptText, virtual, edit),
    };
    const found = profileFacts(embedded.profile, map, { clientWithoutSuite: !hasIpsecCmdlet });
    body.profiles.push(...found.profiles);
    body.clients.push(...found.clients);
  }
  return body;
}

function commandFacts(doc: PowerShellDocument, command: PsCommand, body: FactsBody): void {
  const { script } = doc;
  const cmdlet = findCmdlet(command.name);
  if (!cmdlet) {
    if (isRegExe(command.name)) regExeFacts(script, command, body);
    return;
  }
  switch (cmdlet.name) {
    case 'Set-VpnServerConfiguration': {
      body.serverMarkers.push({ span: command.nameSpan, what: command.name });
      const bound = bindCommand(cmdlet, command);
      if (switchOn(bound, 'RevertToDefault')) return;
      const tunnel = boundParameter(bound, 'TunnelType')?.value;
      const tunnelType = tunnel && staticText(script, tunnel);
      if (tunnel && (tunnelType === undefined || tunnelType.toLowerCase() !== 'ikev2')) return;
      const { values, dynamic } = suiteValues(script, bound);
      const custom = switchOn(bound, 'CustomPolicy') || Object.keys(values).length + dynamic.length > 0;
      if (!custom) return;
      body.serverPolicies.push({ span: command.nameSpan, values, dynamic });
      return;
    }
    case 'Set-VpnConnectionIPsecConfiguration': {
      const bound = bindCommand(cmdlet, command);
      if (switchOn(bound, 'RevertToDefault')) return;
      const { values, spans, argumentSpans } = suiteValues(script, bound);
      if (Object.keys(values).length === 0) return;
      body.clients.push({
        kind: 'ipsec-cmdlet',
        span: command.nameSpan,
        source: 'aovpn-powershell',
        spelling: 'powershell',
        values,
        valueSpans: argumentSpans,
        connectionName: connectionName(script, bound, 'ConnectionName'),
        alignment: {
          kind: 'replace-values',
          slots: Object.fromEntries(
            [...spans].map(([element, value]) => [element, replaceArgument(value, valuePlaceholder(element)) ?? null]),
          ),
        },
      });
      return;
    }
    case 'Add-VpnConnection': {
      const client = addConnectionClient(doc, command, bindCommand(cmdlet, command));
      if (client) body.clients.push(client);
      return;
    }
    case 'Set-VpnAuthProtocol': {
      body.serverMarkers.push({ span: command.nameSpan, what: command.name });
      const root = boundParameter(bindCommand(cmdlet, command), 'RootCertificateNameToAccept');
      if (root?.value && root.value.kind !== 'null') body.rootCertificates.push(root.span);
      return;
    }
    case 'New-ItemProperty':
    case 'Set-ItemProperty': {
      const bound = bindCommand(cmdlet, command);
      const path = boundParameter(bound, 'Path')?.value ?? boundParameter(bound, 'LiteralPath')?.value;
      const name = boundParameter(bound, 'Name')?.value;
      const value = boundParameter(bound, 'Value')?.value;
      if (!name) return;
      const nameText = staticText(script, name);
      if (nameText === undefined) return;
      const pathText = path ? staticText(script, path) : undefined;
      registryWrite(body, knownValue(pathText, nameText), value ? staticText(script, value) : undefined, name.span, command);
      return;
    }
    default:
      // Other RRAS server configuration (Set-VpnAuthType, Set-VpnIPAddressAssignment, Install-RemoteAccess …).
      if (cmdlet.module === 'RemoteAccess' && /^(Set|Install|Enable|Add)-/i.test(cmdlet.name))
        body.serverMarkers.push({ span: command.nameSpan, what: command.name });
  }
}

/** Bound switch that is on (written bare, `:$true`, or piped/splatted true). */
function switchOn(bound: BindResult, name: string): boolean {
  const b = boundParameter(bound, name);
  return !!b && b.switchOn !== false;
}

/**
 * The six values as bound: `values` the known ones, `spans` the literal arguments (what a fix
 * may rewrite), `argumentSpans` where every known value is written (a literal, or the variable
 * that holds one).
 */
function suiteValues(
  script: PsScript,
  bound: BindResult,
): {
  values: PolicyValues;
  dynamic: SuiteElement[];
  spans: Map<SuiteElement, PsValue>;
  argumentSpans: Partial<Record<SuiteElement, Span>>;
} {
  const values: PolicyValues = {};
  const dynamic: SuiteElement[] = [];
  const spans = new Map<SuiteElement, PsValue>();
  const argumentSpans: Partial<Record<SuiteElement, Span>> = {};
  for (const element of SUITE_ELEMENTS) {
    const b = boundParameter(bound, element);
    if (!b?.value) continue;
    const literal = literalText(b.value)?.trim();
    if (literal) {
      values[element] = literal;
      spans.set(element, b.value);
      argumentSpans[element] = b.value.span;
      continue;
    }
    const resolved = staticText(script, b.value)?.trim();
    if (resolved) {
      values[element] = resolved;
      argumentSpans[element] = b.value.span;
    } else dynamic.push(element);
  }
  return { values, dynamic, spans, argumentSpans };
}

/** The value of a literal argument (string, bareword, number), not of a variable. */
function literalText(value: PsValue): string | undefined {
  switch (value.kind) {
    case 'string':
    case 'bareword':
    case 'number':
      return value.value ?? value.text;
    default:
      return undefined;
  }
}

/**
 * A literal, or a variable assigned exactly once in the script from a literal
 * (`$Path = 'HKLM:\…'`), which is how published AOVPN scripts write registry paths.
 */
function staticText(script: PsScript, value: PsValue): string | undefined {
  const literal = literalText(value);
  if (literal !== undefined) return literal;
  if (value.kind === 'boolean') return value.value;
  if (value.kind !== 'variable' || !value.variable) return undefined;
  const name = value.variable.toLowerCase().replace(/^(script|global|local):/, '');
  const assignments = script.assignments.filter((a) => a.variable.toLowerCase().replace(/^(script|global|local):/, '') === name);
  if (assignments.length !== 1 || assignments[0].operator !== '=') return undefined;
  return literalText(assignments[0].value);
}

function connectionName(script: PsScript, bound: BindResult, parameter: string): string | null {
  const value = boundParameter(bound, parameter)?.value;
  if (!value) return null;
  return staticText(script, value) ?? null;
}

function isQuote(c: string | undefined): boolean {
  return c !== undefined && '\'"\u2018\u2019\u201a\u201b\u201c\u201d\u201e'.includes(c);
}

/** Replaces an argument's value, keeping its quotes. */
/**
 * The edit that writes `newText` as this argument's value, or undefined when the argument is no
 * single word to replace: a string that runs over lines is an unterminated quote swallowing the
 * script after it (found by the fix round-trip test: "aligning" it deleted the next statement).
 */
function replaceArgument(value: PsValue, newText: string): OffsetEdit | undefined {
  const { text, span } = value;
  if (/[\r\n]/.test(text)) return undefined;
  if (text.length >= 2 && isQuote(text[0]) && isQuote(text[text.length - 1])) return { start: span.start + 1, end: span.end - 1, newText };
  return { start: span.start, end: span.end, newText };
}

// ---- Add-VpnConnection ----------------------------------------------------------------------

const IKEV2_TUNNEL_TYPES = new Set(['ikev2', 'automatic']);
/** The parameter order of the client command in Richard Hicks, "Always On VPN IKEv2 Security Configuration". */
const CMDLET_ORDER: readonly SuiteElement[] = [
  'AuthenticationTransformConstants',
  'CipherTransformConstants',
  'DHGroup',
  'EncryptionMethod',
  'IntegrityCheckMethod',
  'PfsGroup',
];

/** A native connection that may negotiate IKEv2 (Automatic is the default) and has no policy of its own. */
function addConnectionClient(doc: PowerShellDocument, command: PsCommand, bound: BindResult): ClientPolicyFact | undefined {
  const { script } = doc;
  if (boundParameter(bound, 'PlugInApplicationID')) return undefined;
  const tunnel = boundParameter(bound, 'TunnelType')?.value;
  if (tunnel) {
    const type = staticText(script, tunnel);
    if (type === undefined || !IKEV2_TUNNEL_TYPES.has(type.trim().toLowerCase())) return undefined;
  }
  const name = connectionName(script, bound, 'Name');
  const allUsers = switchOn(bound, 'AllUserConnection');
  const after = lineAfter(doc, command);
  // A "name" across lines is an unterminated string swallowing the rest of the script: no
  // fix (inserting it again made fix-all grow the script on every pass).
  const alignable = after && name !== null && !/[\r\n]/.test(name);
  return {
    kind: 'add-connection',
    span: command.nameSpan,
    source: 'aovpn-powershell',
    spelling: 'powershell',
    valueSpans: {},
    connectionName: name,
    alignment: alignable ? { kind: 'insert-statement', edit: after.insert(ipsecStatement(name, allUsers)) } : undefined,
  };
}

/** The client command of the server's policy, every value a placeholder (align.ts fills them in). */
function ipsecStatement(name: string, allUsers: boolean): string {
  const args = CMDLET_ORDER.map((e) => `-${e} ${valuePlaceholder(e)}`).join(' ');
  // PowerShell ends a single-quoted string at any of its four single quotes: double each.
  const quoted = name.replace(/['\u2018\u2019\u201a\u201b]/g, (q) => q + q);
  return `Set-VpnConnectionIPsecConfiguration -ConnectionName '${quoted}' ${args}${allUsers ? ' -AllUserConnection' : ''} -Force`;
}

/** A new statement on the line after the command's last line, with the command's indentation. */
function lineAfter(doc: PowerShellDocument, command: PsCommand): { insert(line: string): OffsetEdit } | undefined {
  const { text, eol } = doc;
  const lineStart = text.lastIndexOf('\n', command.nameSpan.start - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart, command.nameSpan.start))![0];
  // Only when the command starts its line (not in a pipeline or an expression).
  if (text.slice(lineStart, command.nameSpan.start).trim() !== '') return undefined;
  const nl = text.indexOf('\n', command.span.end);
  const rest = (nl < 0 ? text.slice(command.span.end) : text.slice(command.span.end, nl)).replace(/\r$/, '');
  // The statement goes on (backtick continuation, pipe) or the line holds more than a comment.
  if (/[`|]\s*$/.test(rest) || (rest.trim() !== '' && !rest.trim().startsWith('#') && !/^\s*\|\s*Out-Null\s*$/i.test(rest)))
    return undefined;
  const at = nl < 0 ? text.length : nl + 1;
  // Not after a command the parser could not read cleanly or reads on into the next line: the
  // new statement would land inside it (and fix-all would add it again on every pass).
  if (!canWriteStatementAfter(doc, command, at)) return undefined;
  return {
    insert: (line) =>
      nl < 0 ? { start: at, end: at, newText: eol + indent + line } : { start: at, end: at, newText: indent + line + eol },
  };
}

// ---- registry -------------------------------------------------------------------------------

/** The known value this key/name pair writes; a computed key counts when the name alone is unambiguous. */
function knownValue(path: string | undefined, name: string): RegistryValueDef | undefined {
  if (path !== undefined) return findRegistryValue(path, name);
  const named = registryValuesNamed(name);
  return named.length === 1 ? named[0] : undefined;
}

function registryWrite(
  body: FactsBody,
  def: RegistryValueDef | undefined,
  value: string | undefined,
  span: Span,
  command: PsCommand,
): void {
  if (!def) return;
  body.registryWrites.push({ id: def.id, name: def.name, where: def.where, value: value?.trim(), span });
  if (def.where === 'server') body.serverMarkers.push({ span: command.nameSpan, what: `${def.name} (registry)` });
}

function isRegExe(name: string): boolean {
  const base = name
    .replace(/^['"]|['"]$/g, '')
    .split(/[\\/]/)
    .pop()!
    .toLowerCase();
  return base === 'reg' || base === 'reg.exe';
}

/** `reg add <key> /v <name> /t REG_DWORD /d <data> [/f]` with literal arguments (switches also written with `-`). */
function regExeFacts(script: PsScript, command: PsCommand, body: FactsBody): void {
  const args = command.positional;
  if (args.length < 2 || staticText(script, args[0])?.toLowerCase() !== 'add') return;
  const key = staticText(script, args[1]);
  if (key === undefined) return;
  let name: PsValue | undefined;
  let data: string | undefined;
  for (let i = 2; i < args.length - 1; i++) {
    const flag = literalText(args[i])?.toLowerCase();
    if (flag === '/v') name = args[i + 1];
    else if (flag === '/d') data = staticText(script, args[i + 1]);
  }
  // `-v name` reads as a parameter named v (PowerShell's tokenizer), not as two arguments.
  for (const parameter of command.parameters) {
    const flag = parameter.name.toLowerCase();
    if (flag === 'v' && parameter.value) name = parameter.value;
    else if (flag === 'd' && parameter.value) data = staticText(script, parameter.value);
  }
  const nameText = name && staticText(script, name);
  if (!name || nameText === undefined) return;
  registryWrite(body, findRegistryValue(key, nameText), data, name.span, command);
}

/** A registry value written as the number `expected` (decimal or 0x hex, quoted or not). */
export function writesNumber(value: string | undefined, expected: number): boolean {
  if (value === undefined) return false;
  const text = value.trim();
  const n = /^0x[0-9a-f]+$/i.test(text) ? parseInt(text, 16) : /^\d+$/.test(text) ? parseInt(text, 10) : NaN;
  return n === expected;
}
