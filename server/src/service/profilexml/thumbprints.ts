/**
 * What is wrong with a certificate thumbprint, in words an administrator can act on. Shared by the
 * two places that check thumbprints: the EAP configuration (TrustedRootCA, IssuerHash) and
 * DeviceCompliance/Sso/IssuerHash. The usual culprit is invisible: the certificate dialog of
 * Windows (Details tab, Thumbprint field) puts a U+200E LEFT-TO-RIGHT MARK before the digits, and
 * it travels with every copy and paste, so the value looks right and still fails.
 */

/** Names of the invisible characters that turn up in pasted values, by code point. */
const NAMES: ReadonlyMap<number, string> = new Map([
  [0x00a0, 'NO-BREAK SPACE'],
  [0x00ad, 'SOFT HYPHEN'],
  [0x061c, 'ARABIC LETTER MARK'],
  [0x180e, 'MONGOLIAN VOWEL SEPARATOR'],
  [0x2007, 'FIGURE SPACE'],
  [0x200b, 'ZERO WIDTH SPACE'],
  [0x200c, 'ZERO WIDTH NON-JOINER'],
  [0x200d, 'ZERO WIDTH JOINER'],
  [0x200e, 'LEFT-TO-RIGHT MARK'],
  [0x200f, 'RIGHT-TO-LEFT MARK'],
  [0x202a, 'LEFT-TO-RIGHT EMBEDDING'],
  [0x202b, 'RIGHT-TO-LEFT EMBEDDING'],
  [0x202c, 'POP DIRECTIONAL FORMATTING'],
  [0x202d, 'LEFT-TO-RIGHT OVERRIDE'],
  [0x202e, 'RIGHT-TO-LEFT OVERRIDE'],
  [0x202f, 'NARROW NO-BREAK SPACE'],
  [0x2060, 'WORD JOINER'],
  [0x2066, 'LEFT-TO-RIGHT ISOLATE'],
  [0x2067, 'RIGHT-TO-LEFT ISOLATE'],
  [0x2068, 'FIRST STRONG ISOLATE'],
  [0x2069, 'POP DIRECTIONAL ISOLATE'],
  [0x3000, 'IDEOGRAPHIC SPACE'],
  [0xfeff, 'ZERO WIDTH NO-BREAK SPACE (byte order mark)'],
]);

/** Why a character is there, where we know it. */
const ORIGINS: ReadonlyMap<number, string> = new Map([
  [0x200e, 'which the Windows certificate dialog adds when a thumbprint is copied from it'],
  [0x00a0, 'which web pages and word processors use in place of a plain space'],
  [0xfeff, 'usually left over from the start of a file or a clipboard copy'],
]);

/** Characters that cannot be seen: format and control characters, and spaces other than the plain one. */
const INVISIBLE = /[\p{Cf}\p{Cc}\p{Zs}\p{Zl}\p{Zp}]/u;
const PLAIN_WHITESPACE = /[ \t\r\n]/;

function isInvisible(ch: string): boolean {
  return INVISIBLE.test(ch) && !PLAIN_WHITESPACE.test(ch);
}

/** True for a space character other than the plain one (it stands where a space was meant). */
function isOtherSpace(ch: string): boolean {
  return /[\p{Zs}]/u.test(ch) && ch !== ' ';
}

export function codePoint(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** "U+200E LEFT-TO-RIGHT MARK, which the Windows certificate dialog adds ..." */
export function describeCharacter(ch: string): string {
  const cp = ch.codePointAt(0)!;
  const name =
    NAMES.get(cp) ??
    (/\p{Cc}/u.test(ch)
      ? 'a control character'
      : /\p{Zs}/u.test(ch)
        ? 'a space character other than the plain space'
        : 'an invisible formatting character');
  const origin = ORIGINS.get(cp);
  return `${codePoint(ch)} ${name}${origin ? `, ${origin}` : ''}`;
}

/** The distinct invisible characters of a value, in order of appearance. */
export function invisibleCharacters(value: string): string[] {
  return [...new Set([...value].filter(isInvisible))];
}

/**
 * The value with invisible characters taken out (other spaces become plain ones), trimmed; what
 * a quick fix may write when the result is a valid thumbprint.
 */
export function withoutInvisibleCharacters(value: string): string {
  return [...value]
    .map((ch) => (isOtherSpace(ch) ? ' ' : isInvisible(ch) ? '' : ch))
    .join('')
    .trim();
}

/** Where the first invisible character stands, for the message. */
function position(value: string, ch: string): string {
  const trimmed = value.trim();
  const at = trimmed.indexOf(ch);
  if (at < 0) return 'at the edge of the value';
  if (at === 0) return 'at the start of the value';
  if (at === trimmed.length - ch.length) return 'at the end of the value';
  const before = trimmed.slice(0, at).replace(/[^0-9a-fA-F]/g, '').length;
  return `after the ${ordinal(before)} hexadecimal digit`;
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

/**
 * One or two sentences on what is wrong with a thumbprint that failed the format check: invisible
 * characters by code point and name, visible characters that are not hexadecimal, a SHA-256 hash,
 * the spacing, or the number of digits.
 */
export function thumbprintProblem(value: string): string {
  const invisible = invisibleCharacters(value);
  const sentences: string[] = [];
  if (invisible.length > 0) {
    const first = invisible[0];
    const names = invisible.map(describeCharacter);
    sentences.push(
      `It contains ${invisible.length === 1 ? 'an invisible character' : `${invisible.length} kinds of invisible character`}: ${names.join('; ')} (${invisible.length === 1 ? '' : 'the first '}${position(value, first)}). ` +
        'The value looks right on screen, but Windows reads that character as part of the thumbprint.',
    );
  }
  const visible = [...value].filter((ch) => !isInvisible(ch) && !PLAIN_WHITESPACE.test(ch));
  const bad = [...new Set(visible.filter((ch) => !/[0-9a-fA-F]/.test(ch)))];
  if (bad.length > 0) {
    const shown = value.length > 50 ? value.slice(0, 50) + '…' : value;
    sentences.push(`"${withoutInvisibleCharacters(shown)}" contains characters that are not hexadecimal (${bad.slice(0, 5).join(' ')}).`);
  }
  if (sentences.length > 0) return sentences.join(' ');
  const digits = visible.join('');
  if (digits.length === 64) return 'This value has 64 digits, which is a SHA-256 hash; use the SHA-1 thumbprint instead.';
  if (digits.length === 40) return 'The digits are right but the spacing is not: use no spaces, or one space between each pair.';
  return `This value has ${digits.length} hexadecimal digits instead of 40.`;
}
