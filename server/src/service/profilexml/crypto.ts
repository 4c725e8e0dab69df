import cryptoJson from '../../../../schemas/crypto.json';

export type SuiteElement =
  | 'AuthenticationTransformConstants'
  | 'CipherTransformConstants'
  | 'PfsGroup'
  | 'DHGroup'
  | 'IntegrityCheckMethod'
  | 'EncryptionMethod';

export type Suite = Record<SuiteElement, string>;

interface CryptoFacts {
  order: SuiteElement[];
  baseline: Suite;
  gcmBaseline: Suite;
  weak: Record<SuiteElement, string[]>;
  powershellToProfileXml: Partial<Record<SuiteElement, Record<string, string>>>;
}

/** IPsec facts from schemas/crypto.json (baseline, GCM variant, weak values, spelling map). */
export const CRYPTO = cryptoJson as unknown as CryptoFacts;

export function isWeak(element: SuiteElement, value: string): boolean {
  return CRYPTO.weak[element]?.some((v) => v.toLowerCase() === value.toLowerCase()) ?? false;
}

/** The ProfileXML spelling of a PowerShell value, when the two differ. */
export function profileXmlSpelling(element: SuiteElement, value: string): string | undefined {
  const table = CRYPTO.powershellToProfileXml[element];
  if (!table) return undefined;
  const key = Object.keys(table).find((k) => k.toLowerCase() === value.toLowerCase());
  return key ? table[key] : undefined;
}
