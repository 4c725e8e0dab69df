import registryJson from '../../../../schemas/registry.json';
import {
  isDoubleQuote,
  isHereStringStart,
  isNewline,
  isSingleQuote,
  lineEnd,
  skipBlockComment,
  skipDoubleQuoted,
  skipHereString,
  skipSingleQuoted,
} from './extractText';

/**
 * What a script may cost. tree-sitter builds several nodes for every token of PowerShell (its
 * grammar nests a dozen precedence levels around a bare `1`), in WebAssembly memory that never
 * shrinks: a megabyte of `$x = 1` lines took 1.9 GB and five megabytes aborted the grammar. Two
 * limits keep a repository's scripts from taking the language server or the linter down:
 * - a large script that mentions nothing this product looks at (no VPN cmdlet, registry value
 *   or profile) is not parsed at all: ordinary PowerShell gets no finding anyway;
 * - a script with more tokens than MAX_TOKENS (counted outside strings and comments, so a
 *   remediation script carrying a large base64 string is fine) is not analysed, and says so.
 * Small scripts are always parsed, so completion works while a VPN command is being typed.
 */

/** Below this size a script is always analysed. */
const ALWAYS_ANALYSED_CHARS = 256 * 1024;
/** About 200 MB of parse tree at worst (measured: 0.6 to 1.3 KB per token, 2026-12). */
export const MAX_TOKENS = 150_000;

interface RegistryValue {
  name: string;
}
const REGISTRY_VALUES = (registryJson as { values: RegistryValue[] }).values.map((v) => v.name);

/**
 * Words whose presence makes a script worth reading: every VPN cmdlet has "Vpn" in its name; the
 * others are the RRAS and SSTP cmdlets and services, the registry values the rules know, and
 * ProfileXML (its root, or a near miss of it).
 */
const RELEVANT = new RegExp(
  ['vpn', 'profil', 'rofile', 'remoteaccess', 'sstp', 'ikeext', 'eapconfiguration', ...REGISTRY_VALUES].map(escape).join('|'),
  'i',
);

function escape(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Why this script is not analysed (a sentence for a log or a note), or undefined when it is. */
export function analysisSkipReason(text: string): string | undefined {
  if (text.length <= ALWAYS_ANALYSED_CHARS) return undefined;
  if (!RELEVANT.test(text)) return 'it is large and mentions no VPN cmdlet, VPN registry value or ProfileXML, so there is nothing to check';
  if (tokensOutsideStrings(text, MAX_TOKENS) > MAX_TOKENS) {
    return `it has more than ${MAX_TOKENS.toLocaleString('en-US')} PowerShell tokens outside strings and comments, more than the analysis can hold in memory; split it into smaller scripts to have it checked`;
  }
  return undefined;
}

/**
 * Tokens of a script outside strings, here-strings and comments (each of which counts as one),
 * stopping once `limit` is passed. An estimate of the parse tree's size, in one linear pass.
 */
export function tokensOutsideStrings(text: string, limit = Infinity): number {
  let count = 0;
  let inToken = false;
  const n = text.length;
  for (let i = 0; i < n && count <= limit;) {
    const c = text[i];
    let next = i + 1;
    let single = false;
    if (isSingleQuote(c)) next = skipSingleQuoted(text, i);
    else if (isDoubleQuote(c)) next = skipDoubleQuoted(text, i);
    else if (c === '@' && isHereStringStart(text, i)) next = skipHereString(text, i);
    else if (c === '<' && text[i + 1] === '#') next = skipBlockComment(text, i);
    else if (c === '#' && !inToken) next = lineEnd(text, i);
    else if (c === '`') next = i + 2;
    else single = true;
    if (!single) {
      count++;
      inToken = false;
    } else if (c === ' ' || c === '\t' || isNewline(c)) {
      inToken = false;
      if (isNewline(c)) count++;
    } else if (/[\w$-]/.test(c)) {
      if (!inToken) count++;
      inToken = true;
    } else {
      count++;
      inToken = false;
    }
    i = Math.max(next, i + 1);
  }
  return count;
}
