// Baselines measured on the same texts in the same run: what the bare parsers cost. Our
// figures are printed as ratios to these, so that a slow machine does not fake a regression.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { SaxesParser } from 'saxes';
import { validateXML } from 'xmllint-wasm';

const XSD = readFileSync(path.join(__dirname, '..', 'schemas', 'ProfileXML.xsd'), 'utf8');

/** A bare xmldom parse (DOM build with the locator on), errors collected and ignored. */
export function xmldomParse(text: string): unknown {
  let errors = 0;
  const parser = new DOMParser({ onError: () => void errors++ });
  try {
    return parser.parseFromString(text, 'text/xml');
  } catch {
    return errors;
  }
}

/** A bare saxes pass (no handlers besides error), position tracking on as an editor needs it. */
export function saxesPass(text: string): number {
  let errors = 0;
  const parser = new SaxesParser({ position: true });
  parser.on('error', () => void errors++);
  parser.write(text).close();
  return errors;
}

/**
 * XSD validation of the text against schemas/ProfileXML.xsd with xmllint-wasm (libxml2 in
 * WebAssembly; each call runs in a fresh worker, as the library does).
 */
export async function xmllintValidate(text: string): Promise<boolean> {
  const result = await validateXML({
    xml: [{ fileName: 'profile.xml', contents: text }],
    schema: [{ fileName: 'ProfileXML.xsd', contents: XSD }],
    // 2 MB documents need more than the 32 MiB default.
    initialMemoryPages: 1024,
    maxMemoryPages: 16384,
  });
  return result.valid;
}
