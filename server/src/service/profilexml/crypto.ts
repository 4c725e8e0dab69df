import cryptoJson from '../../../../schemas/crypto.json';

import type { SuiteElement } from '../core/spelling';

export type { SuiteElement };

export type Suite = Record<SuiteElement, string>;

interface CryptoFacts {
  order: SuiteElement[];
  baseline: Suite;
  gcmBaseline: Suite;
  weak: Record<SuiteElement, string[]>;
}

/** IPsec facts from schemas/crypto.json (baseline, GCM variant, weak values; the spelling map: core/spelling.ts). */
export const CRYPTO = cryptoJson as unknown as CryptoFacts;

export function isWeak(element: SuiteElement, value: string): boolean {
  return CRYPTO.weak[element]?.some((v) => v.toLowerCase() === value.toLowerCase()) ?? false;
}
