import { firstChild, textOf, type XmlElement } from '../../xml/xmlTree';
import { isTrueish, type ValueAt } from '../facts';
import { removeElement } from '../edits';
import { checkValueFormats } from './routingFormats';
import { classRouteDisabled, forceTunnelReason, routingPolicyOf } from '../routingPolicy';
import type { CheckContext, RuleFamily } from './ruleTypes';

/**
 * Routing, DNS and traffic-filter rules (sources: Microsoft's "VPN routing decisions", "VPN profile
 * options" and VPNv2 CSP pages, the 2020 wording of the latter; Richard Hicks' sample user profile).
 * The routing policy is the effective one: no RoutingPolicyType means force tunnel. Value formats (addresses, ports, server lists, DNS names) live in
 * routingFormats.ts.
 */
export const routingRules: RuleFamily = {
  family: 'routing',
  ids: [
    'split-tunnel-without-routes',
    'force-tunnel-class-route',
    'force-tunnel-routes',
    'proxy-ignored-split-tunnel',
    'invalid-route',
    'invalid-address-list',
    'invalid-port-range',
    'invalid-server-list',
    'invalid-dns-suffix',
    'proxy-server-without-port',
  ],
  check(ctx) {
    const policy = routingPolicyOf(ctx.doc.facts);
    if (policy === 'split') checkSplitTunnel(ctx);
    // A device tunnel in force tunnel is device-tunnel-force-tunnel's: its fix (switch to split
    // tunnel) keeps the routes and DisableClassBasedDefaultRoute these rules would remove.
    if (policy === 'force' && !ctx.doc.facts.isDeviceTunnel) checkForceTunnel(ctx);
    checkValueFormats(ctx);
  },
};

function checkSplitTunnel(ctx: CheckContext): void {
  const { facts } = ctx.doc;
  const disabled = classRouteDisabled(facts);
  // With PlumbIKEv2TSAsRoutes the server's IKEv2 traffic selectors become routes (VPNv2 CSP page), so a
  // profile without Route entries still sends traffic into the tunnel.
  const plumbsServerRoutes = isTrueish(valueOf(firstChild(facts.nativeProfile, 'PlumbIKEv2TSAsRoutes')));
  // Only routes into the tunnel count: an exclusion route points at the physical interface
  // (ExclusionRoute: "direct traffic over the physical interface", Microsoft's VPNv2 CSP page).
  const tunnelRoutes = facts.routes.filter((route) => !isExclusionRoute(route));
  if (disabled && tunnelRoutes.length === 0 && !plumbsServerRoutes) {
    const onlyExclusions = facts.routes.length > 0;
    ctx.report({
      ruleId: 'split-tunnel-without-routes',
      span: disabled.nameSpan,
      message:
        (onlyExclusions
          ? `Split tunnel with DisableClassBasedDefaultRoute true and only exclusion routes (ExclusionRoute true, ${facts.routes.length === 1 ? 'one Route' : `${facts.routes.length} Routes`}): exclusion routes send traffic around the VPN, and no Route sends any into it, so no traffic goes through the tunnel. `
          : 'Split tunnel with DisableClassBasedDefaultRoute true and no Route: Windows adds no route to the VPN interface, so no traffic goes through the tunnel. ') +
        'Add a Route for each internal network (for example 10.0.0.0/8), or set DisableClassBasedDefaultRoute to false to keep the class-based route.',
      related: facts.routingPolicyType
        ? [{ span: facts.routingPolicyType.element.nameSpan, message: 'Split tunnel is set here' }]
        : undefined,
    });
  }
  const proxy = firstChild(ctx.root, 'Proxy');
  if (proxy) {
    ctx.report({
      ruleId: 'proxy-ignored-split-tunnel',
      span: proxy.nameSpan,
      message:
        'Windows uses the Proxy of a VPN profile only with force tunnel. With split tunnel, traffic keeps the proxy settings of the device, so this Proxy has no effect. ' +
        'Remove it, or configure the proxy for internal sites elsewhere (PAC file, Group Policy or Intune).',
      related: facts.routingPolicyType
        ? [{ span: facts.routingPolicyType.element.nameSpan, message: 'Split tunnel is set here' }]
        : undefined,
    });
  }
}

function checkForceTunnel(ctx: CheckContext): void {
  const { facts } = ctx.doc;
  const reason = forceTunnelReason(facts);
  const disabled = classRouteDisabled(facts);
  if (disabled) {
    ctx.report({
      ruleId: 'force-tunnel-class-route',
      span: disabled.nameSpan,
      message:
        `DisableClassBasedDefaultRoute true belongs to split-tunnel profiles, but ${reason}. ` +
        'Field guidance (Richard Hicks) is to leave it false or absent with force tunnel; it usually means the profile was meant to be split tunnel. Remove it, or set RoutingPolicyType to SplitTunnel.',
      fixes: [{ title: 'Remove DisableClassBasedDefaultRoute', edits: [removeElement(ctx.doc, disabled)], preferred: true }],
      related: facts.routingPolicyType
        ? [{ span: facts.routingPolicyType.element.nameSpan, message: 'Force tunnel is set here' }]
        : undefined,
    });
  }
  checkForceTunnelRoutes(ctx, reason);
}

/**
 * One finding per profile for the routes into the tunnel. With force tunnel the VPN's default
 * routes already carry all traffic, so such a Route only matters where another interface has a
 * more specific route for the same addresses (a device tunnel's network, the local LAN): a host
 * route can steer one server through this tunnel. The message says exactly that, so it holds for
 * every route, /32 and /128 included.
 */
function checkForceTunnelRoutes(ctx: CheckContext, reason: string): void {
  const routes = ctx.doc.facts.routes.filter((route) => !isExclusionRoute(route));
  if (routes.length === 0) return;
  const [first, ...others] = routes;
  const shown = routes.slice(0, 3).map(describeRoute).filter(Boolean).join(', ');
  const more = routes.length > 3 ? ` and ${routes.length - 3} more` : '';
  const what =
    routes.length === 1
      ? `This Route${shown ? ` (${shown})` : ''} sends a network into the tunnel`
      : `${routes.length} Route entries${shown ? ` (${shown}${more})` : ''} send networks into the tunnel`;
  ctx.report({
    ruleId: 'force-tunnel-routes',
    span: first.nameSpan,
    message:
      `${what}, but ${reason}: the VPN's default routes already carry all traffic, so a Route here changes something only where another interface has a more specific route for the same addresses (for example a device tunnel or the local network). ` +
      "Richard Hicks' sample profiles say to remove every Route except exclusion routes (ExclusionRoute true: traffic that bypasses the VPN) with force tunnel. Remove the routes you do not need for such an override, mark a route as an exclusion route, or switch to SplitTunnel.",
    related: others.map((route) => ({
      span: route.nameSpan,
      message: `Route${describeRoute(route) ? ` ${describeRoute(route)}` : ''} also sends a network into the tunnel`,
    })),
  });
}

function isExclusionRoute(route: XmlElement): boolean {
  return isTrueish(valueOf(firstChild(route, 'ExclusionRoute')));
}

/** "10.0.0.0/8" for a route, or "" when it has no Address. */
function describeRoute(route: XmlElement): string {
  const address = firstChild(route, 'Address');
  const prefix = firstChild(route, 'PrefixSize');
  return address ? `${textOf(address).trim()}${prefix ? `/${textOf(prefix).trim()}` : ''}` : '';
}

function valueOf(element: XmlElement | undefined): ValueAt | undefined {
  return element ? { value: textOf(element).trim(), element } : undefined;
}
