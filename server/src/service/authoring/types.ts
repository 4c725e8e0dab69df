import type { AuthoringRefusal } from './protocol';

/**
 * What the authoring generators return. A generator is pure: text and facts in, a new document
 * (or a reason why not) out; the client opens it, the language service never writes anything.
 */

export type GeneratedLanguage = 'xml' | 'powershell';

export interface GeneratedDocument {
  ok: true;
  language: GeneratedLanguage;
  text: string;
  /**
   * Things the administrator must know about the result: placeholders to fill in, values that
   * could not be carried over, findings the answers make unavoidable. Plain sentences.
   */
  notes: string[];
}

/** Why nothing was generated (the same JSON the extension receives). */
export type GeneratorRefusal = AuthoringRefusal;

export type GeneratorResult = GeneratedDocument | GeneratorRefusal;

export function refuse(message: string): GeneratorRefusal {
  return { ok: false, message };
}

/** Joins lines with the wanted line ending, ending with one. */
export function joinLines(lines: readonly string[], eol: string): string {
  return lines.join(eol) + eol;
}
