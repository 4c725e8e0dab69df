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
 * XSD validation against schemas/ProfileXML.xsd with xmllint-wasm (libxml2 in WebAssembly). The
 * package cannot keep a worker: each call starts a worker thread, compiles the WebAssembly,
 * runs xmllint's main() (schema compile included) over the files given, and ends the worker.
 * So it is timed like native xmllint: one call with the text `copies` times against one call
 * with it once; the difference over copies − 1 is the validation of one document by a warm
 * instance, the rest of the single call is its start-up.
 */
export async function xmllintWasmPerDocument(text: string, copies: number): Promise<{ perDocument: number; startUp: number }> {
  const one = await xmllintWasmCall(text, 1);
  const many = await xmllintWasmCall(text, copies);
  const perDocument = Math.max(0, (many - one) / (copies - 1));
  return { perDocument, startUp: Math.max(0, one - perDocument) };
}

/** Wall time of one xmllint-wasm call over `copies` copies of the text. */
export async function xmllintWasmCall(text: string, copies: number): Promise<number> {
  const t = performance.now();
  const result = await validateXML({
    xml: Array.from({ length: copies }, (_, i) => ({ fileName: `profile-${i}.xml`, contents: text })),
    schema: [{ fileName: 'ProfileXML.xsd', contents: XSD }],
    // Several 2 MB documents need far more than the 32 MiB default.
    initialMemoryPages: 1024,
    maxMemoryPages: 32768,
  });
  const elapsed = performance.now() - t;
  if (result.valid === null) throw new Error('xmllint-wasm did not run');
  return elapsed;
}

/** One xmllint-wasm call over many documents (the workspace): its wall time, start-up included. */
export async function xmllintWasmFiles(texts: readonly string[]): Promise<number> {
  const t = performance.now();
  await validateXML({
    xml: texts.map((contents, i) => ({ fileName: `p${i}.xml`, contents })),
    schema: [{ fileName: 'ProfileXML.xsd', contents: XSD }],
    initialMemoryPages: 1024,
    maxMemoryPages: 16384,
  });
  return performance.now() - t;
}
