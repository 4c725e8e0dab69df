import { firstChild, textOf, type XmlElement } from '../../xml/xmlTree';
import { isTrueish, type ValueAt } from '../facts';
import { removeElement } from '../edits';
import { checkValueFormats } from './routing-formats';
import { classRouteDisabled, forceTunnelReason, routingPolicyOf } from './routing-policy';
import type { CheckContext, RuleFamily } from './ruleTypes';

/**
 * Routing, DNS and traffic-filter rules (source: ROUTING, OPT, CSP-2020, DDF; field: HICKS-U).
 * The routing policy is the effective one: no RoutingPolicyType means force tunnel (reference
 * §5 rule 22). Value formats (addresses, ports, server lists, DNS names) live in
 * routing-formats.ts.
 */
export const routingRules: RuleFamily = {
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
  // With PlumbIKEv2TSAsRoutes the server's IKEv2 traffic selectors become routes (DDF), so a
  // profile without Route entries still sends traffic into the tunnel.
  const plumbsServerRoutes = isTrueish(valueOf(firstChild(facts.nativeProfile, 'PlumbIKEv2TSAsRoutes')));
  if (disabled && facts.routes.length === 0 && !plumbsServerRoutes) {
    ctx.report({
      ruleId: 'split-tunnel-without-routes',
      span: disabled.nameSpan,
      message:
        'Split tunnel with DisableClassBasedDefaultRoute true and no Route: Windows adds no route to the VPN interface, so no traffic goes through the tunnel. ' +
        'Add a Route for each internal network (for example 10.0.0.0/8), or set DisableClassBasedDefaultRoute to false to keep the class-based route.',
      related: facts.routingPolicyType ? [{ span: facts.routingPolicyType.element.nameSpan, message: 'Split tunnel is set here' }] : undefined,
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
      related: facts.routingPolicyType ? [{ span: facts.routingPolicyType.element.nameSpan, message: 'Split tunnel is set here' }] : undefined,
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
      related: facts.routingPolicyType ? [{ span: facts.routingPolicyType.element.nameSpan, message: 'Force tunnel is set here' }] : undefined,
    });
  }
  for (const route of facts.routes) {
    if (isTrueish(valueOf(firstChild(route, 'ExclusionRoute')))) continue;
    const address = firstChild(route, 'Address');
    const prefix = firstChild(route, 'PrefixSize');
    const what = address ? ` (${textOf(address).trim()}${prefix ? `/${textOf(prefix).trim()}` : ''})` : '';
    ctx.report({
      ruleId: 'force-tunnel-routes',
      span: route.nameSpan,
      message:
        `This Route${what} sends a network into the tunnel, but ${reason}: all traffic already goes through the VPN, so the route adds nothing. ` +
        'With force tunnel only exclusion routes (ExclusionRoute true: traffic that bypasses the VPN) are useful. Remove the route, mark it as an exclusion route, or switch to SplitTunnel.',
    });
  }
}

function valueOf(element: XmlElement | undefined): ValueAt | undefined {
  return element ? { value: textOf(element).trim(), element } : undefined;
}
