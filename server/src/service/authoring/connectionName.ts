/**
 * The connection name the deployment script proposes (the name Windows shows in the network
 * list): the profile's own ProfileName; else the file's name; else, for a document never saved
 * (`Untitled-2` names nothing), one made from the organisation in the VPN server's name
 * ("Contoso VPN" for vpn.contoso.com), or "Always On VPN". Device tunnels say so in the name:
 * a user and a device tunnel of one organisation need two names.
 */
export interface ConnectionNameInput {
  /** The ProfileName element's text. */
  profileName?: string;
  /** The saved file's name without its extension; undefined for an untitled document. */
  fileName?: string;
  /** The Servers (or ServerUrlList) text: `vpn.contoso.com;vpn.contoso.com`, `a.example.net,b.example.net`. */
  servers?: string;
  deviceTunnel: boolean;
}

const DEFAULT_NAME = 'Always On VPN';
/** Reserved for documentation (RFC 2606): a sample server names no organisation. */
const SAMPLE_DOMAINS = new Set(['example']);
/** Second-level labels under a country code (`contoso.co.uk`, `contoso.com.au`): the organisation is the label before. */
const SECOND_LEVEL = new Set(['co', 'com', 'net', 'org', 'ac', 'gov', 'edu', 'ne', 'or', 'go']);

export function suggestedConnectionName(input: ConnectionNameInput): string {
  const usable = (name: string | undefined): string | undefined => {
    const trimmed = name?.trim();
    return trimmed && !trimmed.includes('/') ? trimmed : undefined;
  };
  const written = usable(input.profileName) ?? usable(input.fileName);
  if (written) return written;
  const organisation = organisationOf(input.servers);
  if (input.deviceTunnel) return organisation ? `${organisation} Device Tunnel` : `${DEFAULT_NAME} Device Tunnel`;
  return organisation ? `${organisation} VPN` : DEFAULT_NAME;
}

/** `Contoso` for `vpn.contoso.com`, `vpn.contoso.co.uk` or `https://vpn.contoso.com/`; undefined for addresses, single labels and sample names. */
export function organisationOf(servers: string | undefined): string | undefined {
  const first = servers?.split(/[;,\s]+/).find((s) => s !== '');
  if (!first) return undefined;
  const host = first
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/[/:].*$/, '')
    .replace(/\.$/, '')
    .toLowerCase();
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host) || /^[\d.]+$/.test(host)) return undefined;
  const labels = host.split('.');
  let index = labels.length - 2;
  if (index > 0 && labels[labels.length - 1].length === 2 && SECOND_LEVEL.has(labels[index])) index--;
  const label = labels[index];
  if (!label || SAMPLE_DOMAINS.has(label) || !/[a-z]/.test(label)) return undefined;
  return label[0].toUpperCase() + label.slice(1);
}
