import type { Node } from 'web-tree-sitter';
import type { Span } from '../../xml/xmlTree';
import type { PowerShellDocument } from '../document';
import type { PsValue } from '../model';
import type { PsRuleFamily } from './ruleTypes';
import { bound, resolveValue, resolvedText, vpnCommands, type AnalysedCommand } from '../commandAnalysis';

/**
 * ps-proxy-split-tunnel: `Set-VpnConnectionProxy` on a connection that this script leaves split
 * tunnel. Windows applies a VPN connection's proxy only with force tunnel (Microsoft's
 * Set-VpnConnectionProxy page and "VPN profile options"; Richard Hicks' sample user profile says
 * the same of `<Proxy>`), so the setting has no effect. The ProfileXML side is
 * proxy-ignored-split-tunnel.
 *
 * Only what the script proves is reported. Connections are matched by name (a literal, or a
 * variable assigned a literal), case-insensitively. The split-tunnel setting of a connection is
 * followed through the script in text order, as the other rules read scripts:
 * - `Add-VpnConnection` creates it split tunnel with `-SplitTunneling` (on) and force tunnel
 *   without it (the switch is off by default);
 * - `Set-VpnConnection -SplitTunneling $true|$false` changes it; without the parameter nothing;
 * - `Remove-VpnConnection` removes it (what a later Add does is what counts).
 * Anything that may change the connection without saying how makes its state unknown: a name or
 * value computed at run time, an unresolved splat or piped input of unknown shape, a command
 * inside a branch, loop, function or script block that the proxy command is not inside of
 * (it may not run, or run elsewhere). The proxy is reported when, at the end of the script, the
 * connection is known to be split tunnel: Windows reads the proxy at connect time, so a proxy set
 * before a later `Set-VpnConnection -SplitTunneling $true` is ignored as well.
 */
export const connectionRules: PsRuleFamily = {
  family: 'powershell',
  ids: ['ps-proxy-split-tunnel'],
  check(ctx) {
    const commands = vpnCommands(ctx.doc);
    const proxies = commands.filter((c) => c.cmdlet.name === 'Set-VpnConnectionProxy');
    if (proxies.length === 0) return;
    const events = commands.flatMap((c) => routingEvent(ctx.doc, c) ?? []);
    if (events.length === 0) return;
    const blocks = new BlockIndex(ctx.doc);
    for (const proxy of proxies) {
      const written = writtenName(ctx.doc, proxy, 'ConnectionName');
      if (written === undefined) continue;
      const name = written.toLowerCase();
      const split = finalState(events, name, (e) => blocks.runsWhenever(e.command, proxy));
      if (!split) continue;
      const line = ctx.doc.text.slice(0, split.span.start).split('\n').length;
      ctx.report({
        ruleId: 'ps-proxy-split-tunnel',
        span: proxy.command.nameSpan,
        message:
          `Set-VpnConnectionProxy sets a proxy for '${written}', which this script makes split tunnel (line ${line}: ${split.what}). ` +
          "Windows uses a VPN connection's proxy only with force tunnel; with split tunnel, traffic keeps the device's own proxy settings, so this proxy has no effect " +
          '(Microsoft\'s Set-VpnConnectionProxy and "VPN profile options" pages). Route all traffic through this connection, or configure the proxy for internal sites elsewhere (PAC file, Group Policy or Intune).',
        related: [{ span: split.span, message: `'${written}' is made split tunnel here` }],
      });
    }
  },
};

/** What a command does to a connection's routing: split (true), force (false), unknown (undefined). */
interface RoutingEvent {
  command: AnalysedCommand;
  /** Lower-case connection name; null when computed at run time. */
  name: string | null;
  split: boolean | undefined;
  /** Where the setting is written (the parameter, else the command name), for related information. */
  span: Span;
  /** How, for the message ("Add-VpnConnection -SplitTunneling"). */
  what: string;
}

function routingEvent(doc: PowerShellDocument, c: AnalysedCommand): RoutingEvent | undefined {
  const kind = c.cmdlet.name;
  if (kind !== 'Add-VpnConnection' && kind !== 'Set-VpnConnection' && kind !== 'Remove-VpnConnection') return undefined;
  const name = connectionName(doc, c, 'Name');
  // An unresolved splat or piped input of unknown shape may carry the name or the setting.
  const hidden = c.command.splats.some((s) => !s.resolved) || (!!c.command.pipelineInput && !c.command.pipelineInput.properties);
  const base = { command: c, name: hidden ? null : name, span: c.command.nameSpan };
  if (kind === 'Remove-VpnConnection') return { ...base, split: undefined, what: kind };
  const b = bound(c, 'SplitTunneling');
  if (!b) {
    if (hidden) return { ...base, split: undefined, what: kind };
    // Set-VpnConnection without -SplitTunneling leaves the setting alone; Add-VpnConnection creates a force tunnel.
    return kind === 'Add-VpnConnection' ? { ...base, split: false, what: `${kind} without -SplitTunneling` } : undefined;
  }
  // `-SplitTunneling:$split` on the switch: the variable's literal, as for the Boolean of Set-VpnConnection.
  const split =
    kind === 'Add-VpnConnection' && b.switchOn !== undefined ? b.switchOn : booleanValue(doc, b.value, c.command.nameSpan.start);
  const written = kind === 'Add-VpnConnection' ? '-SplitTunneling' : `-SplitTunneling ${split === undefined ? '…' : `$${split}`}`;
  return { ...base, split: hidden ? undefined : split, span: b.span, what: `${kind} ${written}` };
}

/** The literal connection name a command names (trimmed), or undefined when it is not known. */
function writtenName(doc: PowerShellDocument, c: AnalysedCommand, parameter: string): string | undefined {
  const text = resolvedText(doc, bound(c, parameter)?.value, c.command.nameSpan.start)?.trim();
  return text === undefined || text === '' ? undefined : text;
}

/** Connection names compare case-insensitively: lower-case, or null when not known. */
function connectionName(doc: PowerShellDocument, c: AnalysedCommand, parameter: string): string | null {
  return writtenName(doc, c, parameter)?.toLowerCase() ?? null;
}

/** A Boolean parameter's value: `$true`/`$false` or a number (directly or through a variable). */
function booleanValue(doc: PowerShellDocument, value: PsValue | undefined, before: number): boolean | undefined {
  const v = resolveValue(doc, value, before);
  if (!v) return undefined;
  if (v.kind === 'boolean') return (v.value ?? v.text.replace(/^\$/, '')).toLowerCase() === 'true';
  if (v.kind === 'number') {
    const n = Number(v.value ?? v.text);
    return Number.isFinite(n) ? n !== 0 : undefined;
  }
  return undefined;
}

/**
 * The connection's split-tunnel state after the whole script: the event that made it split
 * tunnel, or undefined when it ends up force tunnel or unknown. `certain` tells whether an
 * event runs whenever the proxy command runs.
 */
function finalState(events: readonly RoutingEvent[], name: string, certain: (e: RoutingEvent) => boolean): RoutingEvent | undefined {
  // Unknown at the start: the connection may exist already, set either way.
  let state: { split: boolean | undefined; event?: RoutingEvent } = { split: undefined };
  for (const e of events) {
    const mine = e.name === name;
    if (!mine && e.name !== null) continue;
    if (mine && certain(e)) state = { split: e.split, event: e };
    // May or may not apply to this connection: only a change to the same value keeps what is known.
    else if (e.split === undefined || e.split !== state.split) state = { split: undefined };
  }
  return state.split === true ? state.event : undefined;
}

/**
 * The blocks a command may not run in: the body of an if/elseif/else, switch clause, loop,
 * catch or trap (a `statement_block` outside try/finally), and script blocks (functions, `{ }`
 * literals, remote script blocks).
 */
class BlockIndex {
  private readonly cache = new Map<AnalysedCommand, Span[]>();

  constructor(private readonly doc: PowerShellDocument) {}

  /** `event` runs whenever `proxy` runs: every conditional block around the event also holds the proxy. */
  runsWhenever(event: AnalysedCommand, proxy: AnalysedCommand): boolean {
    const at = proxy.command.nameSpan.start;
    return this.blocksOf(event).every((b) => b.start <= at && at < b.end);
  }

  private blocksOf(c: AnalysedCommand): Span[] {
    let spans = this.cache.get(c);
    if (spans) return spans;
    spans = [];
    let node: Node | null = this.doc.script.tree.rootNode.descendantForIndex(c.command.nameSpan.start);
    while (node) {
      const parent: Node | null = node.parent;
      if (
        (node.type === 'statement_block' && parent?.type !== 'try_statement' && parent?.type !== 'finally_clause') ||
        node.type === 'script_block'
      ) {
        spans.push({ start: node.startIndex, end: node.endIndex });
      }
      node = parent;
    }
    this.cache.set(c, spans);
    return spans;
  }
}
