/**
 * Recognising a made-up certificate thumbprint: `00 00 …`, `00 11 22 33 …`, `AA BB CC DD …`,
 * `ab cd ef fe dc ba 01 23 45 67 89 98 76 54 32 10 ff ff ff ff`, `xx xx …`, or words where the
 * digits belong ("ROOT-CA-SHA1-THUMBPRINT", Microsoft's sample "This is my issuer hash").
 *
 * A real thumbprint is a SHA-1 (or SHA-256) hash: its digits behave like random ones. The tests
 * below look for structure that random digits almost never have, with thresholds chosen so that
 * a random 40-digit value passes any one of them with a probability below 1e-14 (binomial tails):
 * - walk: the next hex digit is the same, one more or one less (mod 16) than the one before, in
 *   at least 75 % of the steps (random: 3/16 per step; 30 of 39 steps ≈ 5e-15);
 * - byte walk: the next byte is the same, one more, one less, or continues the last step
 *   (`AA BB CC`: +0x11 each), in at least 70 % of the steps (random: about 4/256 per step);
 * - period: the digits repeat a pattern of at most a quarter of their length, 90 % of them;
 * - one byte: a single byte value makes up at least half of the bytes.
 * test/unit/rulesPlaceholders.test.ts measures these on seeded random thumbprints and on the
 * random ones of the repository's profiles (test/fixtures/profiles).
 */

export interface DummyThumbprint {
  /** Why it is not a real thumbprint, as the message says it ("its bytes run in a sequence (AA BB CC DD …)"). */
  why: string;
}

/** Fewer hex digits than this are too short to tell structure from chance (invalid-thumbprint speaks about the length). */
const MIN_DIGITS = 32;

export function dummyThumbprint(value: string): DummyThumbprint | undefined {
  const text = value.trim();
  if (!text) return undefined;
  if (/^[xX\s:.-]+$/.test(text) && (text.match(/x/gi)?.length ?? 0) >= 8)
    return { why: 'it is a row of x characters, not hexadecimal digits' };
  // Words: a run of four or more letters with one that is no hex digit (hex typos such as "o" for "0" are single letters).
  const word = /[A-Za-z]{4,}/g;
  for (const m of text.matchAll(word)) {
    if (/[g-zG-Z]/.test(m[0])) return { why: `it is words ("${shorten(text)}"), not the 40 hexadecimal digits of a certificate hash` };
  }
  const digits = text.replace(/[\s:-]/g, '');
  if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length < MIN_DIGITS || digits.length % 2 !== 0) return undefined;
  const nibbles: number[] = [];
  for (let i = 0; i < digits.length; i++) nibbles.push(parseInt(digits[i], 16));
  const bytes: number[] = [];
  for (let i = 0; i < nibbles.length; i += 2) bytes.push(nibbles[i] * 16 + nibbles[i + 1]);
  // Only a message shows the first bytes: most thumbprints are real, and need none.
  const shown = (): string =>
    bytes
      .slice(0, 4)
      .map((b) => hexByte(b, digits))
      .join(' ');

  const top = mostCommonByte(bytes);
  if (top.count * 2 >= bytes.length) {
    return top.count === bytes.length
      ? { why: `it is one byte repeated (${shown()} …)` }
      : { why: `${top.count} of its ${bytes.length} bytes are ${hexByte(top.value, digits)}` };
  }
  const period = shortestPeriod(nibbles);
  if (period) return { why: `it repeats "${digits.slice(0, period)}" over and over` };
  if (nibbleWalk(nibbles) >= 0.75 * (nibbles.length - 1) || byteWalk(bytes) >= 0.7 * (bytes.length - 1)) {
    return { why: `its digits run in an obvious sequence (${shown()} …)` };
  }
  return undefined;
}

/** Steps where the next digit is the same, one more or one less (mod 16): 0→1, f→0, e→d, 7→7. */
export function nibbleWalk(nibbles: readonly number[]): number {
  let steps = 0;
  for (let i = 1; i < nibbles.length; i++) {
    const d = (nibbles[i] - nibbles[i - 1] + 16) % 16;
    if (d === 0 || d === 1 || d === 15) steps++;
  }
  return steps;
}

/** Steps where the next byte is the same, one more, one less, or keeps the previous step (mod 256). */
export function byteWalk(bytes: readonly number[]): number {
  let steps = 0;
  for (let i = 1; i < bytes.length; i++) {
    const d = (bytes[i] - bytes[i - 1] + 256) % 256;
    const previous = i >= 2 ? (bytes[i - 1] - bytes[i - 2] + 256) % 256 : -1;
    if (d === 0 || d === 1 || d === 255 || d === previous) steps++;
  }
  return steps;
}

/** The shortest pattern length (at most a quarter of the digits) that 90 % of the digits repeat. */
export function shortestPeriod(nibbles: readonly number[]): number | undefined {
  for (let p = 1; p <= nibbles.length / 4; p++) {
    let same = 0;
    for (let i = p; i < nibbles.length; i++) if (nibbles[i] === nibbles[i - p]) same++;
    if (same >= 0.9 * (nibbles.length - p)) return p;
  }
  return undefined;
}

function mostCommonByte(bytes: readonly number[]): { value: number; count: number } {
  const counts = new Map<number, number>();
  let best = { value: 0, count: 0 };
  for (const b of bytes) {
    const count = (counts.get(b) ?? 0) + 1;
    counts.set(b, count);
    if (count > best.count) best = { value: b, count };
  }
  return best;
}

/** A byte in the letter case the value uses. */
function hexByte(b: number, digits: string): string {
  const hex = b.toString(16).padStart(2, '0');
  return /[A-F]/.test(digits) && !/[a-f]/.test(digits) ? hex.toUpperCase() : hex;
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
