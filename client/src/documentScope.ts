// Which documents the extension's language status speaks about: ProfileXML (an XML document whose
// root element is VPNProfile, or a near miss of it, as the server decides) and PowerShell that
// configures VPN clients or servers. Other XML and ordinary PowerShell get no status item: the
// deployment mode and target Windows mean nothing there. Pure (no vscode API) for unit tests.
import { scanProlog } from '../../server/src/service/xml/prolog';
import { isProfileRootName } from '../../server/src/service/profilexml/rootName';
import registryJson from '../../schemas/registry.json';

export type DocumentScope = 'profile' | 'script';

const REGISTRY_VALUES = (registryJson as { values: { name: string }[] }).values.map((v) => v.name);

/**
 * What makes a script a VPN script: a VPN or RRAS cmdlet (every VPN cmdlet's noun starts with
 * Vpn; RemoteAccess, EapConfiguration and SstpOffload are the server and EAP ones), a profile
 * in a string, the MDM bridge class that deploys one, or a registry value the rules check.
 */
const VPN_SCRIPT = new RegExp(
  [
    String.raw`\b[a-z]+-(?:vpn[a-z]*|remoteaccess|eapconfiguration|sstpoffload)\b`,
    String.raw`<\s*vpnprofile\b`,
    String.raw`\bmdm_vpnv2`,
    ...REGISTRY_VALUES.map((name) => String.raw`\b${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\b`),
  ].join('|'),
  'i',
);

/** Scripts are searched this far: a VPN script names its cmdlets long before, and a huge file costs no more. */
const SCRIPT_SCAN_CHARS = 512 * 1024;

export function documentScope(languageId: string, text: string): DocumentScope | undefined {
  if (languageId === 'xml') {
    const root = scanProlog(text).rootName;
    return root !== undefined && isProfileRootName(root) ? 'profile' : undefined;
  }
  if (languageId === 'powershell')
    return VPN_SCRIPT.test(text.length > SCRIPT_SCAN_CHARS ? text.slice(0, SCRIPT_SCAN_CHARS) : text) ? 'script' : undefined;
  return undefined;
}
