import { DOMParser } from '@xmldom/xmldom';
import { isPlainWellFormed } from './wellFormedFast';

export interface WellFormednessError {
  /** One-based line and column as xmldom's locator reports them. */
  line: number;
  column: number;
  message: string;
}

/**
 * Judges well-formedness with a real XML parser. xmldom never fetches external entities or
 * DTDs, so hostile documents are safe to hand it; unknown entities are reported, not expanded.
 */
export function checkWellFormed(text: string): WellFormednessError[] {
  // The usual case, a plain well-formed document, is proven in one linear scan; xmldom runs
  // only when that scan is not sure, and then it alone decides (same result, same messages).
  if (isPlainWellFormed(text)) return [];
  const errors: WellFormednessError[] = [];
  const record = (message: string, locator: { lineNumber?: number; columnNumber?: number } | undefined): void => {
    errors.push({ line: locator?.lineNumber ?? 1, column: locator?.columnNumber ?? 1, message: cleanMessage(message) });
  };
  const parser = new DOMParser({
    onError: (_level, message, context) => {
      // Every level counts: an unquoted attribute is only a "warning" to xmldom but is not XML.
      record(message, (context as { locator?: { lineNumber?: number; columnNumber?: number } } | undefined)?.locator);
    },
  });
  try {
    parser.parseFromString(text, 'text/xml');
  } catch (error) {
    const parseError = error as { message?: string; locator?: { lineNumber?: number; columnNumber?: number } };
    // Fatal errors were already passed to onError; record only when they were not.
    if (errors.length === 0) record(parseError.message ?? String(error), parseError.locator);
  }
  return dedupe(errors);
}

function cleanMessage(message: string): string {
  return message.split('\n')[0].replace(/@#\[line:\d+,col:\d+\]/, '').trim();
}

function dedupe(errors: WellFormednessError[]): WellFormednessError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.line}:${e.column}:${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
