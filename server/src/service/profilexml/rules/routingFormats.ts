import type { RuleId } from '../../core/ruleIds';
import { firstChild, hasElementChildren, textOf, walkElements, type XmlElement } from '../../xml/xmlTree';
import type { ElementDef } from '../schemaTypes';
import {
  addressRangeProblem,
  dnsSuffixProblem,
  domainNameProblem,
  ipProblem,
  maxPrefix,
  parseIp,
  portRangeProblem,
  proxyPortProblem,
  serverEntryProblem,
  serverUrlProblem,
  trustedNetworkProblem,
} from '../formatsParse';
import { listEntries, singleEntry } from '../formatsText';
import type { CheckContext } from './ruleTypes';

/** How one list-valued type is split and checked, and what the message adds about its effect. */
interface ListFormat {
  ruleId: RuleId;
  separator: string;
  problemOf(value: string, def: ElementDef): string | undefined;
  /** What Windows does with the bad entry, and the expected form. */
  effect(def: ElementDef): string;
}

const LIST_FORMATS: Partial<Record<ElementDef['type'], ListFormat>> = {
  ipAddressList: {
    ruleId: 'invalid-address-list',
    separator: ',',
    problemOf: (value) => ipProblem(value),
    effect: (def) =>
      `${def.name} is a comma-separated list of IP addresses (for example 10.0.0.10,10.0.0.11); Windows cannot send name queries to this entry.`,
  },
  addressRanges: {
    ruleId: 'invalid-address-list',
    separator: ',',
    problemOf: addressRangeProblem,
    effect: () => 'Windows cannot apply this traffic filter.',
  },
  portRanges: {
    ruleId: 'invalid-port-range',
    separator: ',',
    problemOf: portRangeProblem,
    effect: () => 'Windows cannot apply this traffic filter.',
  },
  serverList: {
    ruleId: 'invalid-server-list',
    separator: ',',
    problemOf: serverEntryProblem,
    effect: (def) =>
      `${def.name} entries are "address" or "address;friendlyName", separated by commas; Windows cannot connect to this entry.`,
  },
  urlList: {
    ruleId: 'invalid-server-list',
    separator: ';',
    problemOf: serverUrlProblem,
    effect: (def) => `${def.name} is a semicolon-separated list of server names, IP addresses or URLs; the VPN app cannot reach this one.`,
  },
  dnsNameList: {
    ruleId: 'invalid-dns-suffix',
    separator: ',',
    // TrustedNetworkDetection is matched against network names, not DNS suffixes (see trustedNetworkProblem).
    problemOf: (value, def) => (def.name === 'TrustedNetworkDetection' ? trustedNetworkProblem(value) : dnsSuffixProblem(value)),
    effect: (def) =>
      def.name === 'TrustedNetworkDetection'
        ? `${def.name} is a comma-separated list of network names, normally DNS suffixes such as corp.example.com; Windows compares them with the name of the network the device is on.`
        : `${def.name} is a comma-separated list of DNS suffixes such as corp.example.com; Windows cannot use this entry as a DNS suffix.`,
  },
};

/**
 * Structured value formats, driven by the value type the model gives each element (Microsoft's
 * VPNv2 CSP page): routes, address lists, port ranges, server lists and DNS names. Each finding points
 * at the one bad entry inside the value. Empty values are left to `empty-value`.
 */
export function checkValueFormats(ctx: CheckContext): void {
  walkElements(ctx.root, (element) => {
    const def = ctx.defOf(element);
    if (!def || hasElementChildren(element)) return;
    const list = LIST_FORMATS[def.type];
    if (list) checkList(ctx, element, def, list);
    if (def.type === 'portRanges') checkPortProtocol(ctx, element, def);
    if (def.type === 'ipAddress') checkRoute(ctx, element, def);
    if (def.type === 'domainName') checkDomainName(ctx, element, def);
    if (def === ctx.schema.byPath.get('VPNProfile/Proxy/Manual/Server')) checkProxyServer(ctx, element);
  });
}

function checkList(ctx: CheckContext, element: XmlElement, def: ElementDef, format: ListFormat): void {
  const separators = format.separator === ',' ? 'commas' : 'semicolons';
  for (const entry of listEntries(element, ctx.doc.text, format.separator)) {
    if (entry.value === '') {
      ctx.report({
        ruleId: format.ruleId,
        span: entry.span,
        message: `${def.name} has an empty entry (two ${separators} in a row, or one at the start or end). Remove the extra separator.`,
      });
      continue;
    }
    const problem = format.problemOf(entry.value, def);
    if (problem) ctx.report({ ruleId: format.ruleId, span: entry.span, message: `${problem} ${format.effect(def)}` });
  }
}

function checkDomainName(ctx: CheckContext, element: XmlElement, def: ElementDef): void {
  const entry = singleEntry(element, ctx.doc.text);
  const problem = entry && domainNameProblem(entry.value);
  if (!entry || !problem) return;
  ctx.report({
    ruleId: 'invalid-dns-suffix',
    span: entry.span,
    message: `${problem} ${def.name} takes a host name (vpn.corp.example.com), a suffix with a leading dot (.corp.example.com) or "." for every name; Windows cannot build the name resolution (NRPT) rule from it.`,
  });
}

/** `Proxy/Manual/Server` is `host:port` (Microsoft's VPNv2 CSP page). */
function checkProxyServer(ctx: CheckContext, server: XmlElement): void {
  const entry = singleEntry(server, ctx.doc.text);
  const problem = entry && proxyPortProblem(entry.value);
  if (!entry || !problem) return;
  ctx.report({
    ruleId: 'proxy-server-without-port',
    span: entry.span,
    message:
      `${problem} Microsoft's VPNv2 CSP page describes the proxy server as a host name or IP address "with port appended after a colon" (proxy.contoso.com:80); ` +
      'which port Windows uses when none is given is not documented, so tunnelled web traffic may not reach the proxy.',
  });
}

/** Route/Address must be an IP address; PrefixSize must fit its family (VPNv2 CSP page and its ProfileXML XSD). */
function checkRoute(ctx: CheckContext, address: XmlElement, def: ElementDef): void {
  const entry = singleEntry(address, ctx.doc.text);
  if (!entry) return;
  const ip = parseIp(entry.value);
  if (!ip) {
    const slash = /^([^/]+)\/(\d+)$/.exec(entry.value);
    const hint = slash && parseIp(slash[1]) ? ` Write only the network address here (${slash[1]}) and put ${slash[2]} in PrefixSize.` : '';
    ctx.report({
      ruleId: 'invalid-route',
      span: entry.span,
      message: `${ipProblem(entry.value)} ${def.name} of a Route must be an IPv4 or IPv6 network address (for example 10.0.0.0 or 2001:db8::); Windows cannot add this route.${hint}`,
    });
    return;
  }
  const route = address.parent;
  const prefix = route && firstChild(route, 'PrefixSize');
  if (!prefix) return;
  const value = textOf(prefix).trim();
  if (!/^\d+$/.test(value)) return; // invalid-value reports what is not a number
  const n = Number(value);
  // Beyond the model's maximum, invalid-value already reports the number.
  const modelMaximum = ctx.defOf(prefix)?.maximum ?? Number.POSITIVE_INFINITY;
  if (n <= maxPrefix(ip.family) || n > modelMaximum) return;
  const prefixEntry = singleEntry(prefix, ctx.doc.text);
  if (!prefixEntry) return;
  ctx.report({
    ruleId: 'invalid-route',
    span: prefixEntry.span,
    message: `PrefixSize ${n} is too long for the IPv${ip.family} address ${entry.value}: an IPv${ip.family} prefix has at most ${maxPrefix(ip.family)} bits. Windows cannot add this route; use ${ip.family === 4 ? '32 for a single host' : '128 for a single host'} or the network's real prefix length.`,
    related: [{ span: entry.span, message: `IPv${ip.family} address` }],
  });
}

/** Port ranges only apply to TCP (6) or UDP (17) in the same TrafficFilter (VPNv2 CSP page, also in its 2020 wording). */
function checkPortProtocol(ctx: CheckContext, ports: XmlElement, def: ElementDef): void {
  if (textOf(ports).trim() === '') return;
  const filter = ports.parent;
  const protocol = filter && firstChild(filter, 'Protocol');
  const value = protocol ? textOf(protocol).trim() : undefined;
  if (value !== undefined && !/^\d+$/.test(value)) return; // invalid-value or empty-value reports it
  if (value !== undefined && /^0*(6|17)$/.test(value)) return;
  ctx.report({
    ruleId: 'invalid-port-range',
    span: ports.nameSpan,
    message:
      value === undefined
        ? `${def.name} needs a Protocol in the same TrafficFilter: ports exist only for TCP and UDP. Microsoft documents port ranges as valid only with Protocol 6 (TCP) or 17 (UDP), so the filter does not work as written: add <Protocol>6</Protocol> or <Protocol>17</Protocol>.`
        : `${def.name} only works with Protocol 6 (TCP) or 17 (UDP), but this TrafficFilter has Protocol ${value}, which has no ports; the filter does not work as written. Change the protocol or remove the ports.`,
    related: protocol ? [{ span: protocol.nameSpan, message: `Protocol ${value}` }] : undefined,
  });
}
