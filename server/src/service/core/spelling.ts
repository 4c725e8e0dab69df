import cryptoJson from '../../../../schemas/crypto.json';
import cmdletJson from '../../../../schemas/vpn-cmdlets.json';

/**
 * The one spelling map between PowerShell and ProfileXML for the IPsec values. The cmdlets
 * (`Set-VpnServerConfiguration`, `Set-VpnConnectionIPsecConfiguration`) and the VPNv2 CSP's
 * `CryptographySuite` name the same algorithms with the same tokens, except for the pairs listed
 * in schemas/crypto.json (`powershellToProfileXml`: GCMAES128 = AES_GCM_128, SHA1 = SHA196, …);
 * the documented PowerShell names come from schemas/vpn-cmdlets.json. Both spellings are read
 * case-insensitively; this module only indexes the two files.
 */

export type SuiteElement =
  'AuthenticationTransformConstants' | 'CipherTransformConstants' | 'PfsGroup' | 'DHGroup' | 'IntegrityCheckMethod' | 'EncryptionMethod';

/** Which of the two languages a value is written in. */
export type Spelling = 'profilexml' | 'powershell';

/** A documented value in both spellings. */
type Spellings = Record<Spelling, string>;

interface SpellingData {
  order: SuiteElement[];
  powershellToProfileXml: Partial<Record<SuiteElement, Record<string, string>>>;
}
interface CmdletData {
  cmdlets: { name: string; parameters: { name: string; values?: { name: string }[] }[] }[];
}

const DATA = cryptoJson as unknown as SpellingData;
/** The cmdlet whose parameters document every value of the six elements. */
const SERVER_CMDLET = (cmdletJson as unknown as CmdletData).cmdlets.find((c) => c.name === 'Set-VpnServerConfiguration');

/** Per element: either spelling of a documented value, lower-case → the value in both spellings. */
const BY_WRITTEN = new Map<SuiteElement, Map<string, Spellings>>();
for (const element of DATA.order) {
  const differing = Object.entries(DATA.powershellToProfileXml[element] ?? {});
  const byWritten = new Map<string, Spellings>();
  for (const { name } of SERVER_CMDLET?.parameters.find((p) => p.name === element)?.values ?? []) {
    const profilexml = differing.find(([ps]) => ps.toLowerCase() === name.toLowerCase())?.[1] ?? name;
    const both = { powershell: name, profilexml };
    byWritten.set(name.toLowerCase(), both);
    byWritten.set(profilexml.toLowerCase(), both);
  }
  BY_WRITTEN.set(element, byWritten);
}

function documented(element: SuiteElement, written: string): Spellings | undefined {
  return BY_WRITTEN.get(element)?.get(written.trim().toLowerCase());
}

/** Whether a value is one the element documents (in either spelling). */
export function isDocumentedValue(element: SuiteElement, written: string): boolean {
  return documented(element, written) !== undefined;
}

/** A value written in either spelling, in the documented spelling of `spelling`; an unknown value as written (trimmed). */
export function spell(element: SuiteElement, written: string, spelling: Spelling): string {
  return documented(element, written)?.[spelling] ?? written.trim();
}

/** The comparable form of a value written in either spelling: its PowerShell spelling, lower-case. */
export function normaliseValue(element: SuiteElement, written: string): string {
  return (documented(element, written)?.powershell ?? written.trim()).toLowerCase();
}

/**
 * The ProfileXML spelling of a value written in PowerShell's spelling, when the two differ
 * (`GCMAES128` → `AES_GCM_128`); undefined for every other value, including ProfileXML spellings.
 */
export function differingProfileXmlSpelling(element: SuiteElement, written: string): string | undefined {
  const lower = written.trim().toLowerCase();
  const entry = Object.entries(DATA.powershellToProfileXml[element] ?? {}).find(([ps]) => ps.toLowerCase() === lower);
  return entry?.[1];
}

/** The pairs whose spellings differ for an element, PowerShell first (for hover text). */
export function spellingDifferences(element: SuiteElement): [powershell: string, profilexml: string][] {
  return Object.entries(DATA.powershellToProfileXml[element] ?? {});
}
