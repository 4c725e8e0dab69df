import type { XmlElement, XmlNode } from '../xml/xmlTree';

/**
 * Characters that XML accepts but that break deployment through Intune or the MDM WMI bridge,
 * or that make a value silently different from what the administrator sees: non-breaking and
 * zero-width spaces, typographic quotes, and HTML that was escaped twice when copied from a web
 * page (user reports such as MicrosoftDocs/windows-itpro-docs issue 3750 and ld0614/DPC issue 42).
 */

export type StrayKind = 'non-breaking space' | 'zero-width character' | 'typographic quote' | 'double-escaped entity';

export interface StrayRun {
  start: number;
  end: number;
  kinds: StrayKind[];
  /** What the run becomes once cleaned. */
  replacement: string;
  /** The characters as code points, for the message (e.g. "U+00A0"). */
  codes: string[];
}

interface Hit {
  start: number;
  end: number;
  kind: StrayKind;
  replacement: string;
  code: string;
}

/** Literal characters, their numeric character references, and `&amp;` followed by an entity. */
const STRAY =
  /[\u00A0\u200B-\u200D\uFEFF\u2018\u2019\u201C\u201D]|&#(?:x0*([0-9a-fA-F]+)|0*(\d+));|&amp;((?:lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);)/g;

/** STRAY without the global flag, for a yes/no test over a whole text. */
const ANY_STRAY = new RegExp(STRAY.source);

function classify(codePoint: number): StrayKind | undefined {
  if (codePoint === 0xa0) return 'non-breaking space';
  if ((codePoint >= 0x200b && codePoint <= 0x200d) || codePoint === 0xfeff) return 'zero-width character';
  if (codePoint === 0x2018 || codePoint === 0x2019 || codePoint === 0x201c || codePoint === 0x201d) return 'typographic quote';
  return undefined;
}

/** The plain character a stray one stands for, escaped for where it is written. */
function cleanCharacter(codePoint: number, attributeQuote: string | undefined): string {
  switch (classify(codePoint)) {
    case 'non-breaking space':
      return ' ';
    case 'zero-width character':
      return '';
    case 'typographic quote': {
      const single = codePoint === 0x2018 || codePoint === 0x2019;
      if (single) return attributeQuote === "'" ? '&apos;' : "'";
      return attributeQuote === '"' ? '&quot;' : '"';
    }
    default:
      return String.fromCodePoint(codePoint);
  }
}

function hex(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Finds stray characters in a raw stretch of the document (`text.slice(start, end)`), merging
 * neighbours into one run. `attributeQuote` is the delimiter when the stretch is an attribute value.
 */
export function findStrayRuns(text: string, start: number, end: number, attributeQuote?: string, cdata = false): StrayRun[] {
  const raw = text.slice(start, end);
  const hits: Hit[] = [];
  STRAY.lastIndex = 0;
  for (let m = STRAY.exec(raw); m; m = STRAY.exec(raw)) {
    const at = start + m.index;
    const whole = m[0];
    if (m[3] !== undefined) {
      if (cdata) continue;
      hits.push({ start: at, end: at + whole.length, kind: 'double-escaped entity', replacement: `&${m[3]}`, code: whole });
      continue;
    }
    if (whole.startsWith('&#')) {
      if (cdata) continue;
      const codePoint = m[1] !== undefined ? parseInt(m[1], 16) : Number(m[2]);
      const kind = classify(codePoint);
      if (!kind) continue;
      hits.push({ start: at, end: at + whole.length, kind, replacement: cleanCharacter(codePoint, attributeQuote), code: hex(codePoint) });
      continue;
    }
    const codePoint = whole.codePointAt(0)!;
    hits.push({
      start: at,
      end: at + whole.length,
      kind: classify(codePoint)!,
      replacement: cleanCharacter(codePoint, attributeQuote),
      code: hex(codePoint),
    });
  }
  const runs: StrayRun[] = [];
  for (const hit of hits) {
    const last = runs[runs.length - 1];
    if (last && last.end === hit.start) {
      last.end = hit.end;
      last.replacement += hit.replacement;
      if (!last.kinds.includes(hit.kind)) last.kinds.push(hit.kind);
      if (!last.codes.includes(hit.code)) last.codes.push(hit.code);
    } else {
      runs.push({ start: hit.start, end: hit.end, kinds: [hit.kind], replacement: hit.replacement, codes: [hit.code] });
    }
  }
  return runs;
}

export interface StrayPlace {
  run: StrayRun;
  /** "the value of ServerNames" or "the Enabled attribute of ClientAuthEKUList". */
  where: string;
}

/** Every stray run in the text values and attribute values at or below `root` (comments are left alone). */
export function findStrayCharacters(text: string, root: XmlElement): StrayPlace[] {
  const out: StrayPlace[] = [];
  // The usual case: not one candidate in the whole text, so no value can hold one (a match
  // inside a value is also a match of the same pattern in the whole text). One scan, no slices.
  if (!ANY_STRAY.test(text)) return out;
  const visit = (element: XmlElement): void => {
    for (const attribute of element.attributes) {
      if (!attribute.valueSpan) continue;
      const quote = text[attribute.valueSpan.start - 1];
      const delimiter = quote === '"' || quote === "'" ? quote : undefined;
      for (const run of findStrayRuns(text, attribute.valueSpan.start, attribute.valueSpan.end, delimiter)) {
        out.push({ run, where: `the ${attribute.name} attribute of ${element.localName}` });
      }
    }
    for (const child of element.children as XmlNode[]) {
      if (child.kind === 'element') visit(child);
      else if (child.kind === 'text' || child.kind === 'cdata') {
        for (const run of findStrayRuns(text, child.start, child.end, undefined, child.kind === 'cdata')) {
          const visible = /[^ \t\r\n\u00A0\u200B-\u200D\uFEFF]/.test(child.value);
          out.push({ run, where: visible ? `the value of ${element.localName}` : `the white space inside ${element.localName}` });
        }
      }
    }
  };
  visit(root);
  return out;
}
