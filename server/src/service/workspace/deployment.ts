import type { ProfileFact } from './facts';

/**
 * Which profiles of a workspace belong to one deployment. A workspace (or one CLI run over a
 * folder of samples) may hold the profiles of several organisations; rules that pair a device
 * tunnel with a user tunnel (register-dns-both-tunnels, nrpt-on-device-tunnel) must only pair
 * profiles that one organisation deploys together. Two profiles belong together when they name
 * the same VPN server (a `NativeProfile/Servers` entry) or the same DNS suffix (a `DnsSuffix`
 * entry). Richard Hicks' own sample pair (ProfileXML_User.xml / ProfileXML_Device.xml) uses two
 * server names and one DNS suffix, so both links are needed.
 */

/**
 * The server addresses of a `Servers` value. Microsoft's VPNv2 CSP page: several servers are
 * separated by commas, and an entry may carry a friendly name after a semicolon
 * (`vpn.example.com;vpn.example.com` is one server). Compared case-insensitively, without a
 * trailing root dot.
 */
export function serverAddresses(value: string): string[] {
  return unique(value.split(',').map((entry) => normaliseName(entry.split(';')[0])));
}

/** The entries of a `DnsSuffix` value (comma-separated), compared case-insensitively without leading or trailing dots. */
export function dnsSuffixEntries(value: string): string[] {
  return unique(value.split(',').map((entry) => normaliseName(entry).replace(/^\.+/, '')));
}

function normaliseName(name: string): string {
  return name.trim().toLowerCase().replace(/\.+$/, '');
}

function unique(names: string[]): string[] {
  return [...new Set(names.filter((n) => n !== ''))];
}

/** What two profiles share, for messages ("the VPN server vpn.example.com"); undefined when they are not of one deployment. */
export function sharedDeployment(a: ProfileFact, b: ProfileFact): string | undefined {
  const server = a.servers.find((s) => b.servers.includes(s));
  if (server) return `the VPN server ${server}`;
  const suffix = a.dnsSuffixes.find((s) => b.dnsSuffixes.includes(s));
  if (suffix) return `the DNS suffix ${suffix}`;
  return undefined;
}
