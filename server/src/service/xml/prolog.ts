import { findDoctypeEnd, isJsWhitespace, type Span } from './xmlTree';

/** What comes before the first element of a text, read without a full parse. */
export interface Prolog {
  /** Name of the first element as written (may carry a prefix), when the prolog ends at one. */
  rootName?: string;
  /** Offset of the first element's `<`. */
  rootStart?: number;
  /** The first `<!DOCTYPE …>` declaration of the prolog, internal subset included. */
  doctype?: Span;
  /** The construct that opens before the root element and is never closed. */
  unclosed?: 'comment' | 'processing instruction' | 'DOCTYPE';
  /** Offset where the scan stopped: the root's `<`, or the first thing the prolog cannot hold. */
  end: number;
}

const NAME = /[\w.:-]+/y;

/**
 * Skips a byte order mark, blanks, processing instructions (the XML declaration among them),
 * comments and DOCTYPE declarations, and reports the element that follows. A DOCTYPE's internal
 * subset is skipped as a whole (`<!DOCTYPE x [<!ENTITY e SYSTEM "…">]>` holds a `>` before its
 * end). Linear in the length of the prolog; the rest of the text is not looked at.
 */
export function scanProlog(text: string): Prolog {
  const length = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let doctype: Span | undefined;
  for (;;) {
    while (pos < length && isJsWhitespace(text.charCodeAt(pos))) pos++;
    if (text.startsWith('<?', pos)) {
      const close = text.indexOf('?>', pos + 2);
      if (close < 0) return { doctype, unclosed: 'processing instruction', end: pos };
      pos = close + 2;
    } else if (text.startsWith('<!--', pos)) {
      const close = text.indexOf('-->', pos + 4);
      if (close < 0) return { doctype, unclosed: 'comment', end: pos };
      pos = close + 3;
    } else if (text.startsWith('<!DOCTYPE', pos)) {
      const end = findDoctypeEnd(text, pos);
      if (end < 0) return { doctype, unclosed: 'DOCTYPE', end: pos };
      doctype ??= { start: pos, end };
      pos = end;
    } else {
      break;
    }
  }
  if (text.charCodeAt(pos) === 60) {
    NAME.lastIndex = pos + 1;
    const m = NAME.exec(text);
    if (m) return { rootName: m[0], rootStart: pos, doctype, end: pos };
  }
  return { doctype, end: pos };
}

/** The local part of a qualified name (`a:VPNProfile` → `VPNProfile`). */
export function localPart(name: string): string {
  const colon = name.lastIndexOf(':');
  return colon >= 0 ? name.slice(colon + 1) : name;
}
