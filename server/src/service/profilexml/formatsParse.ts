/**
 * Pure parsers for the structured text values of ProfileXML: IP addresses, prefixes, address
 * ranges, port ranges, DNS names, server entries and server URLs (formats as Microsoft's VPNv2 CSP
 * page gives them). They know nothing about XML: they take one entry and say what is wrong
 * with it, in words an administrator can act on. `undefined` means "fine".
 */

export type IpFamily = 4 | 6;

export interface IpAddress {
  family: IpFamily;
  /** 4 or 16 bytes, network order. */
  bytes: number[];
}

/** Dotted-quad IPv4 (four decimal parts 0–255). */
export function parseIPv4(text: string): IpAddress | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  const bytes = m.slice(1).map(Number);
  return bytes.every((b) => b <= 255) ? { family: 4, bytes } : undefined;
}

/** IPv6 in any RFC 4291 text form (`::` compression, trailing dotted IPv4). No zone ids. */
export function parseIPv6(text: string): IpAddress | undefined {
  if (!/^[0-9A-Fa-f:.]+$/.test(text) || !text.includes(':')) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (part: string): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    const pieces = part.split(':');
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i];
      if (i === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseIPv4(piece);
        if (!v4) return undefined;
        out.push((v4.bytes[0] << 8) | v4.bytes[1], (v4.bytes[2] << 8) | v4.bytes[3]);
      } else if (/^[0-9A-Fa-f]{1,4}$/.test(piece)) {
        out.push(parseInt(piece, 16));
      } else {
        return undefined;
      }
    }
    return out;
  };
  const head = groupsOf(halves[0]);
  const tail = halves.length === 2 ? groupsOf(halves[1]) : [];
  if (!head || !tail) return undefined;
  // A dotted IPv4 part may only end the address.
  if (halves.length === 2 && halves[0].includes('.')) return undefined;
  let groups: number[];
  if (halves.length === 2) {
    const missing = 8 - head.length - tail.length;
    if (missing < 1) return undefined;
    groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  } else {
    if (head.length !== 8) return undefined;
    groups = head;
  }
  const bytes: number[] = [];
  for (const g of groups) bytes.push(g >> 8, g & 0xff);
  return { family: 6, bytes };
}

export function parseIp(text: string): IpAddress | undefined {
  return parseIPv4(text) ?? parseIPv6(text);
}

export function compareIp(a: IpAddress, b: IpAddress): number {
  for (let i = 0; i < a.bytes.length; i++) if (a.bytes[i] !== b.bytes[i]) return a.bytes[i] - b.bytes[i];
  return 0;
}

export function maxPrefix(family: IpFamily): number {
  return family === 4 ? 32 : 128;
}

/** Text that a script or template was meant to replace: `{name}`, `$Name`, `%NAME%`, `<...>`. */
export function looksLikePlaceholder(text: string): boolean {
  return /\{[^}]*\}|\$[A-Za-z_(]|%[A-Za-z_]+%|<[^>]*>/.test(text);
}

function placeholderHint(text: string): string {
  return looksLikePlaceholder(text) ? ' It looks like a template variable that was never replaced with a real value.' : '';
}

/** What is wrong with an IP address, or undefined. `what` names the expectation in the message. */
export function ipProblem(text: string, what = 'an IPv4 or IPv6 address'): string | undefined {
  if (parseIp(text)) return undefined;
  const words = text.split(/\s+/);
  if (words.length > 1 && words.every((w) => parseIp(w)))
    return `"${text}" holds several addresses separated by spaces; separate them with commas.`;
  if (/^\d+(\.\d+)+$/.test(text)) return `"${text}" is not ${what}: an IPv4 address has four numbers from 0 to 255 separated by dots.`;
  return `"${text}" is not ${what}.${placeholderHint(text)}`;
}

/**
 * One entry of `LocalAddressRanges`/`RemoteAddressRanges`: an address, a prefix `address/length`
 * or a range `first-last` (both of one family, first not after last). The VPNv2 CSP page's examples use IPv4;
 * IPv6 is accepted too (not documented either way).
 */
export function addressRangeProblem(text: string): string | undefined {
  const slash = text.indexOf('/');
  if (slash >= 0) {
    const address = text.slice(0, slash).trim();
    const length = text.slice(slash + 1).trim();
    const ip = parseIp(address);
    if (!ip) return ipProblem(address, 'an IP address (in the prefix "' + text + '")');
    if (!/^\d{1,3}$/.test(length) || Number(length) > maxPrefix(ip.family)) {
      return `"${text}": the prefix length after "/" must be a number from 0 to ${maxPrefix(ip.family)} for an IPv${ip.family} address.`;
    }
    return undefined;
  }
  const dash = text.indexOf('-');
  if (dash >= 0) {
    const firstText = text.slice(0, dash).trim();
    const lastText = text.slice(dash + 1).trim();
    const first = parseIp(firstText);
    const last = parseIp(lastText);
    if (!first) return ipProblem(firstText, `an IP address (the start of the range "${text}")`);
    if (!last) return ipProblem(lastText, `an IP address (the end of the range "${text}")`);
    if (first.family !== last.family)
      return `The range "${text}" mixes an IPv${first.family} and an IPv${last.family} address; both ends must be of the same family.`;
    if (compareIp(first, last) > 0) return `The range "${text}" starts after it ends; write the lower address first.`;
    return undefined;
  }
  return ipProblem(text, 'an IP address, a prefix such as 10.0.0.0/8, or a range such as 10.0.0.1-10.0.0.9');
}

/** One entry of `LocalPortRanges`/`RemotePortRanges`: a port or `low-high`, each 0–65535. */
export function portRangeProblem(text: string): string | undefined {
  const m = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(text);
  if (!m) return `"${text}" is not a port or a port range; write ports as numbers (443) or ranges (1024-2048).${placeholderHint(text)}`;
  const low = Number(m[1]);
  const high = m[2] === undefined ? low : Number(m[2]);
  if (low > 65535 || high > 65535) return `"${text}" is outside the port numbers 0 to 65535.`;
  if (low > high) return `The port range "${text}" starts after it ends; write the lower port first.`;
  return undefined;
}

/**
 * A DNS name (host name, FQDN or suffix), without a leading dot. One trailing dot (absolute
 * name) is accepted. Underscores and non-ASCII letters are accepted: internal AD names use
 * them and Windows resolves them.
 */
export function dnsNameProblem(text: string, what = 'a DNS name'): string | undefined {
  if (text === '') return `An entry is empty where ${what} is expected.`;
  if (/^\d+(\.\d+){3}$/.test(text) && !parseIPv4(text))
    return `"${text}" looks like an IPv4 address but is not one: each of the four numbers must be from 0 to 255.`;
  const name = text.endsWith('.') && text.length > 1 ? text.slice(0, -1) : text;
  const bad = /[^\p{L}\p{N}\p{M}_.-]/u.exec(name);
  if (bad) {
    const shown = bad[0] === ' ' ? 'a space' : `"${bad[0]}"`;
    return `"${text}" is not ${what}: it contains ${shown}, which a DNS name cannot hold.${placeholderHint(text)}`;
  }
  if (name.length > 253) return `"${text}" is longer than the 253 characters a DNS name may have.`;
  const labels = name.split('.');
  if (labels.some((l) => l === '')) return `"${text}" is not ${what}: it has an empty label (two dots in a row, or a dot at the start).`;
  const long = labels.find((l) => l.length > 63);
  if (long) return `"${text}" is not ${what}: the label "${long.slice(0, 20)}…" is longer than 63 characters.`;
  const hyphen = labels.find((l) => l.startsWith('-') || l.endsWith('-'));
  if (hyphen) return `"${text}" is not ${what}: the label "${hyphen}" starts or ends with a hyphen.`;
  return undefined;
}

/** A server address: DNS name, IPv4 or IPv6 (optionally in brackets). */
export function hostProblem(text: string): string | undefined {
  if (text === '') return 'The server address is empty.';
  const unbracketed = /^\[(.*)\]$/.exec(text)?.[1];
  if (unbracketed !== undefined) return parseIPv6(unbracketed) ? undefined : `"${text}" is not an IPv6 address in brackets.`;
  if (text.includes(':')) {
    if (parseIPv6(text)) return undefined;
    if (/^[^:]+:\d+$/.test(text))
      return `"${text}" is not a DNS name or IP address: a port cannot be given here, only the server's name or address.`;
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text))
      return `"${text}" is not a DNS name or IP address: write the server name without "${text.split('//')[0]}//".`;
    return `"${text}" is not a DNS name or IP address.${placeholderHint(text)}`;
  }
  return dnsNameProblem(text, 'a DNS name or IP address');
}

/** One entry of `NativeProfile/Servers`: `address` or `address;friendlyName` (VPNv2 CSP page, address first). */
export function serverEntryProblem(entry: string): string | undefined {
  const semicolon = entry.indexOf(';');
  const address = (semicolon >= 0 ? entry.slice(0, semicolon) : entry).trim();
  if (address === '') return `"${entry}" has no server address before ";": the address comes first, then the friendly name.`;
  return hostProblem(address);
}

/** One entry of `PluginProfile/ServerUrlList`: a URL, a host name or an IP address, optionally with a port. */
export function serverUrlProblem(entry: string): string | undefined {
  let rest = entry;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(rest);
  if (scheme) rest = rest.slice(scheme[0].length);
  const authority = rest.split(/[/?#]/, 1)[0];
  if (authority === '') return `"${entry}" has no server name.`;
  let host = authority;
  let port: string | undefined;
  const bracketed = /^(\[[^\]]*\])(?::(.*))?$/.exec(authority);
  if (bracketed) {
    host = bracketed[1];
    port = bracketed[2];
  } else if (!parseIPv6(authority)) {
    const colon = authority.lastIndexOf(':');
    if (colon >= 0) {
      host = authority.slice(0, colon);
      port = authority.slice(colon + 1);
    }
  } else if (scheme) {
    return `"${entry}": an IPv6 address in a URL must be written in brackets, e.g. https://[2001:db8::1]/.`;
  }
  if (port !== undefined && (!/^\d{1,5}$/.test(port) || Number(port) > 65535))
    return `"${entry}" has an invalid port "${port}"; a port is a number from 0 to 65535.`;
  const problem = hostProblem(host);
  return problem ? `${problem}${entry !== host ? ` (in "${entry}")` : ''}` : undefined;
}

/** `DomainNameInformation/DomainName`: an FQDN, a suffix with a leading dot, or "." for every name. */
export function domainNameProblem(text: string): string | undefined {
  if (text === '.') return undefined;
  if (text.includes(','))
    return `"${text}" holds several names; DomainName takes exactly one. Write one DomainNameInformation per name or suffix.`;
  const name = text.startsWith('.') ? text.slice(1) : text;
  const problem = dnsNameProblem(name, 'a DNS name');
  if (!problem) return undefined;
  if (name.startsWith('.')) return `"${text}" starts with two dots; write a suffix with one leading dot, such as .corp.example.com.`;
  return problem.replace(`"${name}"`, `"${text}"`);
}

/** One entry of `DnsSuffix`/`TrustedNetworkDetection`: a DNS suffix without a leading dot. */
export function dnsSuffixProblem(text: string): string | undefined {
  if (text.startsWith('.') && text.length > 1 && !dnsNameProblem(text.slice(1))) {
    return `"${text}" starts with a dot; a DNS suffix here is written without it (${text.slice(1)}).`;
  }
  return dnsNameProblem(text, 'a DNS suffix');
}

/**
 * One entry of `TrustedNetworkDetection`. Windows compares it with the *name of the network
 * profile* of the physical connection (Microsoft's correction of the docs, windows-itpro-docs
 * PR #10133, issue #10095), which is usually the DNS suffix but can be any text ("corp.example.com
 * 2"). So only text that is clearly not a name, a template variable left in, is reported.
 */
export function trustedNetworkProblem(text: string): string | undefined {
  if (!looksLikePlaceholder(text)) return undefined;
  return `"${text}" is not a network name.${placeholderHint(text)}`;
}

/**
 * The shape of a `host[:port]` value that the value checks accept (values.ts, `hostPort`): a
 * bracketed IPv6 address, a name or IPv4 address, or a bare IPv6 address, each optionally with
 * `:port`. Values outside it are invalid-value's; the port check below only reads values inside.
 */
const HOST_PORT_SHAPE = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+|[0-9a-fA-F:.]+)(:\d{1,5})?$/;

/**
 * `Proxy/Manual/Server` without a port. Microsoft's VPNv2 CSP describes the value as a host name
 * or IP address "with port appended after a colon" (proxy.contoso.com:80). An IPv6 address takes
 * the port after brackets (`[2001:db8::1]:8080`, the usual URL authority form); a bare IPv6
 * address cannot carry one, since its last group reads as part of the address.
 */
export function proxyPortProblem(value: string): string | undefined {
  if (!HOST_PORT_SHAPE.test(value)) return undefined;
  if (/^\[[^\]]*\]:\d+$/.test(value)) return undefined;
  if (/^\[[^\]]*\]$/.test(value)) return `"${value}" has no port: write it after the brackets, for example ${value}:8080.`;
  if (parseIPv6(value)) {
    return `"${value}" is a bare IPv6 address, so it cannot carry a port (its last group would be read as part of the address): write the address in brackets with the port after a colon, for example [${value}]:8080.`;
  }
  if (/:\d+$/.test(value)) return undefined;
  return `"${value}" has no port: write the port after a colon, for example ${value}:8080.`;
}
