/**
 * A fast, conservative proof of well-formedness, so that the common case (a well-formed
 * profile) does not pay for a full xmldom DOM build on every keystroke.
 *
 * It answers `true` only for documents inside a plain subset of XML that xmldom accepts
 * without a single error or warning: ASCII names, at most one colon, bound prefixes, quoted
 * attributes separated by blanks, predefined and numeric character references, comments,
 * CDATA inside the root, one root element, an optional XML declaration, and only XML
 * characters (no controls, no U+FFFD, no BOM, no characters xmldom treats as line ends).
 * Anything else (a DOCTYPE, a processing instruction, an unusual name, a stray `&`) answers
 * `false`, and the caller asks xmldom, which then produces the exact messages. So the result
 * of `checkWellFormed` is the same as before; only its cost changes. The agreement is checked
 * by a differential test against xmldom (test/unit/xml-well-formed-fast.test.ts).
 */

/** Characters outside the plain subset: C0/C1 controls, DEL, surrogates, U+2028/9, BOM, U+FFFD-FFFF. */
const UNUSUAL_CHARACTER = /[^\t\n\r\x20-\x7E\xA0-\u2027\u202A-\uD7FF\uE000-\uFEFE\uFF00-\uFFFC]/;

const XML_DECLARATION =
  /^<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(?:"1\.[0-9]+"|'1\.[0-9]+')(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(?:"[A-Za-z][-A-Za-z0-9._]*"|'[A-Za-z][-A-Za-z0-9._]*'))?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(?:"(?:yes|no)"|'(?:yes|no)'))?[ \t\r\n]*\?>/;

/** A reference xmldom resolves without complaint, anchored at the `&`. */
const REFERENCE = /&(?:lt|gt|amp|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});/y;

const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';

const GT = 62; // >
const SLASH = 47; // /
const EQUALS = 61; // =
const BANG = 33; // !
const QUESTION = 63; // ?
const COLON = 58; // :
const DQUOTE = 34;
const SQUOTE = 39;

function isBlank(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

/** [A-Za-z_] */
function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

/** [A-Za-z0-9._-] */
function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45 || c === 46;
}

/** Prefix → namespace declarations in scope (a chain, allocated only where a prefix is declared). */
interface Scope {
  prefixes: Map<string, string>;
  parent?: Scope;
}

function lookup(scope: Scope | undefined, prefix: string): string | undefined {
  for (let s = scope; s; s = s.parent) {
    const uri = s.prefixes.get(prefix);
    if (uri !== undefined) return uri;
  }
  return undefined;
}

/**
 * Checks the references in text[from, to). `nextAmp` caches the next `&` at or after some
 * earlier offset; the scan only moves forward, so the whole document costs one pass.
 */
class References {
  private nextAmp = -2;
  constructor(private readonly text: string) {}

  ok(from: number, to: number): boolean {
    const text = this.text;
    if (this.nextAmp !== -1 && this.nextAmp < from) this.nextAmp = text.indexOf('&', from);
    while (this.nextAmp >= 0 && this.nextAmp < to) {
      REFERENCE.lastIndex = this.nextAmp;
      if (!REFERENCE.test(text) || REFERENCE.lastIndex > to) return false;
      this.nextAmp = text.indexOf('&', this.nextAmp + 1);
    }
    return true;
  }
}

/**
 * Scans a QName at `p`: NCName (':' NCName)?, ASCII only. Returns the end offset, or -1 when
 * the name is not in the plain subset.
 */
function scanName(text: string, p: number): number {
  if (!isNameStart(text.charCodeAt(p))) return -1;
  p++;
  while (isNameChar(text.charCodeAt(p))) p++;
  if (text.charCodeAt(p) === COLON) {
    p++;
    if (!isNameStart(text.charCodeAt(p))) return -1;
    p++;
    while (isNameChar(text.charCodeAt(p))) p++;
    if (text.charCodeAt(p) === COLON) return -1;
  }
  return p;
}

/**
 * What one document's start tags share, allocated once per document: the attributes of the tag
 * being scanned and the next '<' looked up so far.
 */
class StartTags {
  readonly attributeNames: string[] = [];
  readonly attributeValues: string[] = [];
  // Duplicate check in constant time: a hostile tag carries 150,000 attributes.
  readonly attributeSet = new Set<string>();
  /** Offset of the next '<' at or after the last lookup (-1: none left). */
  nextLessThan = 0;
  /** Whether the tag scanned last ended with '/>'. */
  selfClosing = false;

  constructor(
    private readonly text: string,
    private readonly references: References,
  ) {}

  /**
   * Scans the attributes of a start tag from `p` (just after its name) to its '>' or '/>'.
   * Returns the offset after the tag, or -1 when the tag is not in the plain subset.
   */
  scan(p: number): number {
    // Locals, not fields, in the loop: a hostile tag runs it 150,000 times.
    const text = this.text;
    const names = this.attributeNames;
    const values = this.attributeValues;
    const seen = this.attributeSet;
    let nextLessThan = this.nextLessThan;
    names.length = 0;
    values.length = 0;
    seen.clear();
    for (;;) {
      const blankStart = p;
      while (isBlank(text.charCodeAt(p))) p++;
      const c = text.charCodeAt(p);
      if (c === GT) {
        this.end(nextLessThan, false);
        return p + 1;
      }
      if (c === SLASH) {
        if (text.charCodeAt(p + 1) !== GT) return -1;
        this.end(nextLessThan, true);
        return p + 2;
      }
      // An attribute: blank before it, name, optional blanks, '=', optional blanks, quoted value.
      if (p === blankStart) return -1;
      const attrEnd = scanName(text, p);
      if (attrEnd < 0) return -1;
      const attrName = text.slice(p, attrEnd);
      p = attrEnd;
      while (isBlank(text.charCodeAt(p))) p++;
      if (text.charCodeAt(p) !== EQUALS) return -1;
      p++;
      while (isBlank(text.charCodeAt(p))) p++;
      const quote = text.charCodeAt(p);
      if (quote !== DQUOTE && quote !== SQUOTE) return -1;
      const close = text.indexOf(quote === DQUOTE ? '"' : "'", p + 1);
      if (close < 0) return -1;
      // The next '<' is looked up once and reused while it lies ahead: searching again for
      // every attribute of one long tag would be quadratic.
      if (nextLessThan !== -1 && nextLessThan <= p) nextLessThan = text.indexOf('<', p + 1);
      if (nextLessThan >= 0 && nextLessThan < close) return -1;
      if (!this.references.ok(p + 1, close)) return -1;
      if (seen.has(attrName)) return -1;
      seen.add(attrName);
      names.push(attrName);
      values.push(text.slice(p + 1, close));
      p = close + 1;
    }
  }

  /** The tag ended: what the next tag needs is kept. */
  private end(nextLessThan: number, selfClosing: boolean): void {
    this.nextLessThan = nextLessThan;
    this.selfClosing = selfClosing;
  }

  /**
   * The scope of the element `name` with the attributes scanned last: declarations first, then
   * every prefix in use must be bound. UNBOUND when a declaration or a prefix is not in the plain
   * subset.
   */
  elementScope(name: string, scope: Scope | undefined): Scope | undefined | typeof UNBOUND {
    const attributeNames = this.attributeNames;
    const attributeValues = this.attributeValues;
    let declared: Map<string, string> | undefined;
    for (let i = 0; i < attributeNames.length; i++) {
      const attr = attributeNames[i];
      const value = attributeValues[i];
      if (attr === 'xmlns') {
        if (value === XML_NAMESPACE || value === XMLNS_NAMESPACE) return UNBOUND;
      } else if (attr.startsWith('xmlns:')) {
        const prefix = attr.slice(6);
        if (prefix === 'xml' || prefix === 'xmlns' || value === '' || value === XML_NAMESPACE || value === XMLNS_NAMESPACE) return UNBOUND;
        (declared ??= new Map()).set(prefix, value);
      }
    }
    const elementScope: Scope | undefined = declared ? { prefixes: declared, parent: scope } : scope;
    const colon = name.indexOf(':');
    if (colon >= 0) {
      const prefix = name.slice(0, colon);
      if (prefix === 'xml' || prefix === 'xmlns' || lookup(elementScope, prefix) === undefined) return UNBOUND;
    }
    for (const attr of attributeNames) {
      const c = attr.indexOf(':');
      if (c < 0) continue;
      const prefix = attr.slice(0, c);
      if (prefix === 'xmlns') continue;
      if (prefix === 'xml' || lookup(elementScope, prefix) === undefined) return UNBOUND;
    }
    return elementScope;
  }
}

/** A prefix in use is not bound, or a declaration is not in the plain subset. */
const UNBOUND = Symbol('unbound');

/**
 * Skips a comment, or a CDATA section inside the root, at `lt` ("<!"). Returns the offset after
 * it, or -1 when it is anything else (a DOCTYPE, CDATA outside the root) or not in the subset.
 */
function skipBangMarkup(text: string, lt: number, insideRoot: boolean): number {
  if (text.startsWith('<!--', lt)) {
    const close = text.indexOf('-->', lt + 4);
    if (close < 0) return -1;
    // No "--" inside, and the body must not end with "-".
    const dashes = text.indexOf('--', lt + 4);
    if (dashes !== close) return -1;
    return close + 3;
  }
  if (insideRoot && text.startsWith('<![CDATA[', lt)) {
    const close = text.indexOf(']]>', lt + 9);
    if (close < 0) return -1;
    return close + 3;
  }
  return -1; // DOCTYPE, CDATA outside the root, or something else: ask xmldom.
}

/** True only when xmldom is certain to parse `text` without any error or warning. */
export function isPlainWellFormed(text: string): boolean {
  if (text.length === 0 || UNUSUAL_CHARACTER.test(text)) return false;
  const length = text.length;
  let pos = 0;
  if (text.startsWith('<?')) {
    const m = XML_DECLARATION.exec(text);
    if (!m) return false;
    pos = m[0].length;
  }
  const references = new References(text);
  const tags = new StartTags(text, references);
  const names: string[] = [];
  const scopes: (Scope | undefined)[] = [];
  let scope: Scope | undefined;
  let rootSeen = false;

  while (pos < length) {
    const lt = text.indexOf('<', pos);
    const textEnd = lt < 0 ? length : lt;
    if (textEnd > pos) {
      if (names.length === 0) {
        // Outside the root: only XML blanks.
        for (let i = pos; i < textEnd; i++) if (!isBlank(text.charCodeAt(i))) return false;
      } else if (!references.ok(pos, textEnd)) {
        return false;
      }
    }
    if (lt < 0) break;
    const next = text.charCodeAt(lt + 1);

    if (next === BANG) {
      pos = skipBangMarkup(text, lt, names.length > 0);
      if (pos < 0) return false;
      continue;
    }
    if (next === QUESTION) return false; // processing instructions: rare, leave them to xmldom

    if (next === SLASH) {
      const nameEnd = scanName(text, lt + 2);
      if (nameEnd < 0 || names.length === 0) return false;
      if (text.slice(lt + 2, nameEnd) !== names[names.length - 1]) return false;
      let p = nameEnd;
      while (isBlank(text.charCodeAt(p))) p++;
      if (text.charCodeAt(p) !== GT) return false;
      names.pop();
      scope = scopes.pop();
      pos = p + 1;
      continue;
    }

    // Start tag.
    if (names.length === 0 && rootSeen) return false; // a second root element
    const nameEnd = scanName(text, lt + 1);
    if (nameEnd < 0) return false;
    const name = text.slice(lt + 1, nameEnd);
    let tagEnd = nameEnd + 1;
    let elementScope: Scope | undefined = scope;
    let selfClosing = false;
    // Most tags of a profile are `<Name>`: no attributes, no prefix, so nothing to scan or bind.
    if (text.charCodeAt(nameEnd) !== GT || name.indexOf(':') >= 0) {
      tagEnd = tags.scan(nameEnd);
      if (tagEnd < 0) return false;
      // Namespaces: declarations first, then every prefix in use must be bound.
      const bound = tags.elementScope(name, scope);
      if (bound === UNBOUND) return false;
      elementScope = bound;
      selfClosing = tags.selfClosing;
    }

    rootSeen = true;
    if (!selfClosing) {
      names.push(name);
      scopes.push(scope);
      scope = elementScope;
    }
    pos = tagEnd;
  }
  return rootSeen && names.length === 0;
}
