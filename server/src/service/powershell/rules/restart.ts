import type { PowerShellDocument } from '../document';
import type { PsCommand } from '../model';
import type { PsRuleFamily } from './ruleTypes';
import { registryWrites } from '../registryWrites';
import {
  analysedCommands,
  bound,
  canWriteStatementAfter,
  insertLineAfterEdit,
  itemsOf,
  staticText,
  switchIsOn,
  vpnCommands,
} from '../commandAnalysis';

/**
 * ps-restart-required: RRAS reads its IPsec policy, root certificate and IKEv2 registry values
 * when the service starts (Richard Hicks' articles on IKEv2 security configuration, IKEv2
 * fragmentation and IKEv2 load balancing and NAT each restart it after the change). A change with no later
 * restart of that service in the same script is reported once per service, at the last such
 * change; the fix restarts the service on a new line after it.
 */
export const restartRules: PsRuleFamily = {
  family: 'powershell',
  ids: ['ps-restart-required'],
  check(ctx) {
    const triggers = changes(ctx.doc);
    if (triggers.length === 0) return;
    const events = serviceEvents(ctx.doc);
    const services = [...new Set(triggers.map((t) => t.service))];
    for (const service of services) {
      const pending = triggers.filter((t) => t.service === service && !restartedAfter(events, service, t.command.span.end));
      if (pending.length === 0) continue;
      const last = pending[pending.length - 1];
      const earlier =
        pending.length > 1 ? ` (with ${pending.length - 1} earlier change${pending.length > 2 ? 's' : ''} in this script)` : '';
      const restart = RESTART_COMMAND[service.toLowerCase()] ?? `Restart-Service ${service} -PassThru`;
      const edit = insertLineAfterEdit(ctx.doc, last.command.span, restart);
      ctx.report({
        ruleId: 'ps-restart-required',
        span: last.command.nameSpan,
        message: `${last.what}${earlier} takes effect only when the ${service} service restarts, and nothing after it in this script restarts ${service}. Restart it (\`${restart}\`) or plan the restart; until then the old setting stays active.`,
        // Not after a command the parser could not read cleanly: the line could land inside its unclosed string.
        fixes: canWriteStatementAfter(ctx.doc, last.command, edit.start)
          ? [{ title: `Add ${restart}`, edits: [edit], preferred: true }]
          : undefined,
      });
    }
  },
};

/** What the fix writes: the commands of those articles (RemoteAccess; IKEEXT with -Force for its dependent services). */
const RESTART_COMMAND: Record<string, string> = {
  remoteaccess: 'Restart-Service RemoteAccess -PassThru',
  ikeext: 'Restart-Service IKEEXT -Force -PassThru',
};

interface Change {
  command: PsCommand;
  service: string;
  what: string;
}

/** Cmdlets whose every change RRAS applies at service start (Set-VpnServerConfiguration, Set-VpnAuthProtocol). */
const SERVER_CMDLETS = new Set(['Set-VpnServerConfiguration', 'Set-VpnAuthProtocol']);

function changes(doc: PowerShellDocument): Change[] {
  const out: Change[] = [];
  for (const c of vpnCommands(doc)) {
    if (!SERVER_CMDLETS.has(c.cmdlet.name) || switchIsOn(bound(c, 'WhatIf'))) continue;
    const root = bound(c, 'RootCertificateNameToAccept');
    const what = root
      ? `The root certificate set with ${c.cmdlet.name} -RootCertificateNameToAccept`
      : c.cmdlet.name === 'Set-VpnServerConfiguration'
        ? 'The server IPsec configuration set with Set-VpnServerConfiguration'
        : `The change made with ${c.cmdlet.name}`;
    out.push({ command: c.command, service: 'RemoteAccess', what });
  }
  for (const write of registryWrites(doc)) {
    const service = write.def.restart;
    if (!service || service === 'reboot' || !write.def.rules?.includes('ps-restart-required')) continue;
    out.push({ command: write.command, service, what: `The registry value ${write.def.name}` });
  }
  return out.sort((a, b) => a.command.span.start - b.command.span.start);
}

interface ServiceEvent {
  /** Lower-case service name, or '*' for a reboot. */
  service: string;
  kind: 'restart' | 'stop' | 'start';
  offset: number;
}

/** Display names of the services the rule restarts (Restart-Service -DisplayName). */
const DISPLAY_NAMES: Record<string, string> = {
  'routing and remote access': 'remoteaccess',
  'ike and authip ipsec keying modules': 'ikeext',
};

function serviceEvents(doc: PowerShellDocument): ServiceEvent[] {
  const out: ServiceEvent[] = [];
  const push = (names: (string | undefined)[], kind: ServiceEvent['kind'], offset: number): void => {
    for (const name of names) if (name) out.push({ service: name.trim().toLowerCase(), kind, offset });
  };
  for (const c of analysedCommands(doc)) {
    if (c.cmdlet.name !== 'Restart-Service') continue;
    const offset = c.command.nameSpan.start;
    const name = bound(c, 'Name')?.value;
    if (name) push(itemsOf(name).map(staticText), 'restart', offset);
    const display = bound(c, 'DisplayName')?.value;
    if (display)
      push(
        itemsOf(display).map((v) => DISPLAY_NAMES[(staticText(v) ?? '').toLowerCase()]),
        'restart',
        offset,
      );
    const input = c.command.pipelineInput;
    if (input) {
      // `Get-Service RemoteAccess | Restart-Service`, `'IKEEXT' | Restart-Service`.
      const piped = doc.text.slice(input.span.start, input.span.end);
      push(
        ['RemoteAccess', 'IKEEXT'].filter((s) => new RegExp(`\\b${s}\\b`, 'i').test(piped)),
        'restart',
        offset,
      );
    }
  }
  for (const command of doc.script.commands) {
    const name = command.name.toLowerCase();
    const offset = command.nameSpan.start;
    if (name === 'restart-computer') out.push({ service: '*', kind: 'restart', offset });
    else if (name === 'stop-service' || name === 'start-service') {
      const named = command.parameters.find((p) => ['name', 'servicename'].includes(p.name.toLowerCase()))?.value ?? command.positional[0];
      if (named) push(itemsOf(named).map(staticText), name === 'stop-service' ? 'stop' : 'start', offset);
    } else if (/^(?:net|sc)(?:\.exe)?$/.test(name)) {
      // net stop RemoteAccess / sc.exe start IKEEXT
      const verb = staticText(command.positional[0])?.toLowerCase();
      if (verb === 'stop' || verb === 'start') push([staticText(command.positional[1])], verb, offset);
    }
  }
  return out.sort((a, b) => a.offset - b.offset);
}

/** A restart of the service (or a reboot), or a stop followed by a start, after the offset. */
function restartedAfter(events: readonly ServiceEvent[], service: string, offset: number): boolean {
  const lower = service.toLowerCase();
  const relevant = events.filter((e) => e.offset >= offset && (e.service === lower || e.service === '*'));
  if (relevant.some((e) => e.kind === 'restart')) return true;
  const stop = relevant.find((e) => e.kind === 'stop');
  return !!stop && relevant.some((e) => e.kind === 'start' && e.offset > stop.offset);
}
