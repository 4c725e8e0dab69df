import type { DOMParser as XmlDomParser } from '@xmldom/xmldom';
import { mayDeclare, readPrologDoctype } from './doctype';
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
 *
 * xmldom does not read a DOCTYPE's internal subset either, so it calls every reference to an
 * entity declared there "not found". In XML such a reference is well-formed (and one to a name
 * an external DTD or a parameter entity may declare is too), so those errors are dropped here:
 * the doctype-not-allowed rule reports each such reference at its own position instead.
 */
export function checkWellFormed(text: string): WellFormednessError[] {
  // The usual case, a plain well-formed document, is proven in one linear scan; xmldom runs
  // only when that scan is not sure, and then it alone decides (same result, same messages).
  if (isPlainWellFormed(text)) return [];
  const errors: WellFormednessError[] = [];
  const record = (message: string, locator: { lineNumber?: number; columnNumber?: number } | undefined): void => {
    errors.push({ line: locator?.lineNumber ?? 1, column: locator?.columnNumber ?? 1, message: cleanMessage(message) });
  };
  const DOMParser = xmlDomParser();
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
  return withoutDoctypeEntities(text, dedupe(errors));
}

/**
 * xmldom, loaded the first time a document is not plain well-formed: most runs never need it, and
 * loading it (it freezes its entity tables) cost every start of the CLI and the server about 10 ms.
 */
let domParser: typeof XmlDomParser | undefined;
function xmlDomParser(): typeof XmlDomParser {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at start-up (the bundler keeps it lazy)
  domParser ??= (require('@xmldom/xmldom') as typeof import('@xmldom/xmldom')).DOMParser;
  return domParser;
}

const ENTITY_NOT_FOUND = /^entity not found:&([^;]*);$/;

function withoutDoctypeEntities(text: string, errors: WellFormednessError[]): WellFormednessError[] {
  if (!errors.some((e) => ENTITY_NOT_FOUND.test(e.message))) return errors;
  const doctype = readPrologDoctype(text);
  if (!doctype) return errors;
  return errors.filter((e) => {
    const name = ENTITY_NOT_FOUND.exec(e.message)?.[1];
    return name === undefined || !mayDeclare(doctype, name);
  });
}

/**
 * xmldom's first line, without its locator suffix. xmldom quotes the text it stumbled on; that
 * text can be a secret (a pre-shared key with a `<` in it) and messages end up in CI logs, so a
 * quoted fragment is kept only when it is a plain XML name (a tag or attribute name).
 */
function cleanMessage(message: string): string {
  return message
    .split('\n')[0]
    .replace(/@#\[line:\d+,col:\d+\]/, '')
    .replace(/"([^"]*)"/g, (quoted, inner: string) => (PLAIN_NAME.test(inner) ? quoted : '"…"'))
    .trim();
}

const PLAIN_NAME = /^[A-Za-z_][\w.:-]{0,63}$/;

function dedupe(errors: WellFormednessError[]): WellFormednessError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.line}:${e.column}:${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
