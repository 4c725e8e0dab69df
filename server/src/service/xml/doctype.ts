import { scanProlog } from './prolog';
import { isJsWhitespace, type Span } from './xmlTree';

/**
 * Reads what a `<!DOCTYPE …>` declaration holds, as text only: nothing it names is loaded,
 * resolved or expanded. The point is to describe a hostile DTD (external entities, parameter
 * entities, entities nested to expand exponentially) without ever acting on it.
 */

export interface ExternalIdentifier {
  /** `PUBLIC` identifier, when given. */
  publicId?: string;
  /** The URI or path of `SYSTEM` (or the second literal of `PUBLIC`). */
  systemId?: string;
}

export interface EntityDeclaration {
  name: string;
  /** `<!ENTITY % name …>`: only usable inside the DTD. */
  parameter: boolean;
  /** The whole `<!ENTITY …>`. */
  span: Span;
  nameSpan: Span;
  /** The literal value of an internal entity, as written (references in it not replaced). */
  value?: string;
  /** Set for an external entity. */
  external?: ExternalIdentifier;
  /** `NDATA` notation of an unparsed entity. */
  notation?: string;
}

export interface DoctypeDeclaration {
  span: Span;
  /** The root element name the DOCTYPE names. */
  name: string;
  /** An external DTD (`SYSTEM "…"` or `PUBLIC "…" "…"`). */
  external?: ExternalIdentifier;
  /** The internal subset between the brackets, when present. */
  subset?: Span;
  /** Entity declarations in document order (a later one with the same name does not count in XML). */
  entities: EntityDeclaration[];
  /** `%name;` references in the internal subset (they pull in what a parameter entity holds). */
  parameterReferences: { name: string; span: Span }[];
  /** `<!ELEMENT`, `<!ATTLIST`, `<!NOTATION` and other declarations besides entities. */
  otherDeclarations: number;
}

/** What an internal general entity would become if expanded, computed without expanding it. */
export interface Expansion {
  /** Characters of the full expansion (Infinity when recursive or beyond double range). */
  length: number;
  /** Levels of entities nested inside it (1 for a plain literal). */
  depth: number;
  /** It refers to itself, directly or through others (not well-formed XML). */
  recursive: boolean;
}

export const PREDEFINED_ENTITIES: ReadonlySet<string> = new Set(['lt', 'gt', 'amp', 'quot', 'apos']);

/** The DOCTYPE of the prolog, read; undefined when the text has none before its root element. */
export function readPrologDoctype(text: string): DoctypeDeclaration | undefined {
  const span = scanProlog(text).doctype;
  return span ? readDoctype(text, span) : undefined;
}

/** Reads the declaration at `span` (which starts with `<!DOCTYPE`); tolerant of malformed parts. */
export function readDoctype(text: string, span: Span): DoctypeDeclaration | undefined {
  if (!text.startsWith('<!DOCTYPE', span.start)) return undefined;
  const r = new Reader(text, span.start + 9, span.end);
  r.blanks();
  const name = r.name();
  r.blanks();
  const external = r.externalId();
  r.blanks();
  const out: DoctypeDeclaration = { span, name, external, entities: [], parameterReferences: [], otherDeclarations: 0 };
  if (r.peek() === 91 /* [ */) {
    const subsetStart = r.pos + 1;
    r.pos++;
    readSubset(r, out);
    out.subset = { start: subsetStart, end: r.pos };
  }
  return out;
}

/** The first declaration of each name (XML binds the first one; later ones are ignored). */
export function generalEntities(doctype: DoctypeDeclaration): Map<string, EntityDeclaration> {
  const map = new Map<string, EntityDeclaration>();
  for (const e of doctype.entities) if (!e.parameter && !map.has(e.name)) map.set(e.name, e);
  return map;
}

/**
 * May a reference to the general entity `name` be declared by this DOCTYPE? Yes when the
 * internal subset declares it, and also when the DTD has parts this tool never reads (an
 * external DTD, or a parameter entity reference): then XML leaves an undeclared name to them.
 */
export function mayDeclare(doctype: DoctypeDeclaration, name: string): boolean {
  if (hasUnreadParts(doctype)) return true;
  return doctype.entities.some((e) => !e.parameter && e.name === name);
}

/** Parts of the DTD that would have to be loaded to know what it declares. */
export function hasUnreadParts(doctype: DoctypeDeclaration): boolean {
  return !!doctype.external?.systemId || doctype.parameterReferences.length > 0;
}

/**
 * The size and nesting of every internal general entity's expansion, by arithmetic on the
 * references in each value (memoised, so `lol9` of the "billion laughs" costs ten small sums).
 * References to external or undeclared entities count as nothing.
 */
export function expansions(doctype: DoctypeDeclaration): Map<string, Expansion> {
  const declared = generalEntities(doctype);
  const done = new Map<string, Expansion>();
  const visiting = new Set<string>();
  const visit = (name: string): Expansion | undefined => {
    const known = done.get(name);
    if (known) return known;
    const entity = declared.get(name);
    if (!entity || entity.value === undefined) return undefined;
    if (visiting.has(name)) return { length: Infinity, depth: Infinity, recursive: true };
    visiting.add(name);
    let length = 0;
    let depth = 1;
    let recursive = false;
    const value = entity.value;
    let last = 0;
    for (const m of value.matchAll(REFERENCE)) {
      length += m.index - last;
      last = m.index + m[0].length;
      const ref = m[1];
      if (ref[0] === '#' || PREDEFINED_ENTITIES.has(ref)) {
        length += 1;
        continue;
      }
      const inner = visit(ref);
      if (!inner) continue;
      length += inner.length;
      depth = Math.max(depth, inner.depth + 1);
      recursive ||= inner.recursive;
    }
    length += value.length - last;
    visiting.delete(name);
    const result: Expansion = { length, depth, recursive };
    done.set(name, result);
    return result;
  };
  for (const name of declared.keys()) visit(name);
  return done;
}

const REFERENCE = /&(#x[0-9a-fA-F]+|#[0-9]+|[^\s&;<>"'#=%][^\s&;<>"'=%]*);/g;

/** General entity references (`&name;`, not character references) in text[start, end). */
export function entityReferences(text: string, start: number, end: number): { name: string; span: Span }[] {
  const out: { name: string; span: Span }[] = [];
  const amp = text.indexOf('&', start);
  if (amp < 0 || amp >= end) return out;
  for (const m of text.slice(amp, end).matchAll(REFERENCE)) {
    if (m[1][0] === '#') continue;
    out.push({ name: m[1], span: { start: amp + m.index, end: amp + m.index + m[0].length } });
  }
  return out;
}

// ---- the reader ---------------------------------------------------------------------------

class Reader {
  constructor(
    readonly text: string,
    public pos: number,
    readonly end: number,
  ) {}

  peek(): number {
    return this.pos < this.end ? this.text.charCodeAt(this.pos) : -1;
  }

  blanks(): void {
    while (this.pos < this.end && isJsWhitespace(this.text.charCodeAt(this.pos))) this.pos++;
  }

  /** A name: everything up to a blank or one of `[ ] > " ' % ; ( )`. */
  name(): string {
    const start = this.pos;
    while (this.pos < this.end) {
      const c = this.text.charCodeAt(this.pos);
      if (isJsWhitespace(c) || c === 91 || c === 93 || c === 62 || c === 34 || c === 39 || c === 37 || c === 59 || c === 40 || c === 41)
        break;
      this.pos++;
    }
    return this.text.slice(start, this.pos);
  }

  keyword(word: string): boolean {
    if (!this.text.startsWith(word, this.pos)) return false;
    const after = this.pos + word.length;
    if (
      after < this.end &&
      !isJsWhitespace(this.text.charCodeAt(after)) &&
      this.text.charCodeAt(after) !== 34 &&
      this.text.charCodeAt(after) !== 39
    )
      return false;
    this.pos = after;
    return true;
  }

  /** A quoted literal's content (the reader moves past the closing quote), or undefined. */
  literal(): string | undefined {
    const quote = this.peek();
    if (quote !== 34 && quote !== 39) return undefined;
    const close = this.text.indexOf(String.fromCharCode(quote), this.pos + 1);
    const stop = close < 0 || close >= this.end ? this.end : close;
    const value = this.text.slice(this.pos + 1, stop);
    this.pos = Math.min(this.end, stop + 1);
    return value;
  }

  externalId(): ExternalIdentifier | undefined {
    if (this.keyword('SYSTEM')) {
      this.blanks();
      return { systemId: this.literal() ?? '' };
    }
    if (this.keyword('PUBLIC')) {
      this.blanks();
      const publicId = this.literal() ?? '';
      this.blanks();
      const systemId = this.literal();
      return systemId === undefined ? { publicId } : { publicId, systemId };
    }
    return undefined;
  }

  /** Moves past the `>` that ends the current declaration (quoted literals skipped). */
  skipDeclaration(): void {
    while (this.pos < this.end) {
      const c = this.text.charCodeAt(this.pos);
      if (c === 34 || c === 39) {
        this.literal();
        continue;
      }
      this.pos++;
      if (c === 62) return;
    }
  }
}

function readSubset(r: Reader, out: DoctypeDeclaration): void {
  const text = r.text;
  while (r.pos < r.end) {
    r.blanks();
    const c = r.peek();
    if (c === -1 || c === 93 /* ] */) return;
    if (text.startsWith('<!--', r.pos)) {
      const close = text.indexOf('-->', r.pos + 4);
      r.pos = close < 0 || close >= r.end ? r.end : close + 3;
    } else if (text.startsWith('<?', r.pos)) {
      const close = text.indexOf('?>', r.pos + 2);
      r.pos = close < 0 || close >= r.end ? r.end : close + 2;
    } else if (c === 37 /* % */) {
      const start = r.pos;
      r.pos++;
      const name = r.name();
      if (r.peek() === 59) r.pos++;
      if (name) out.parameterReferences.push({ name, span: { start, end: r.pos } });
    } else if (text.startsWith('<!ENTITY', r.pos)) {
      readEntity(r, out);
    } else if (text.startsWith('<!', r.pos)) {
      out.otherDeclarations++;
      r.pos += 2;
      r.skipDeclaration();
    } else {
      r.pos++;
    }
  }
}

function readEntity(r: Reader, out: DoctypeDeclaration): void {
  const start = r.pos;
  r.pos += 8;
  r.blanks();
  let parameter = false;
  if (r.peek() === 37) {
    parameter = true;
    r.pos++;
    r.blanks();
  }
  const nameStart = r.pos;
  const name = r.name();
  const nameSpan = { start: nameStart, end: r.pos };
  r.blanks();
  const entity: EntityDeclaration = { name, parameter, span: { start, end: start }, nameSpan };
  const value = r.literal();
  if (value !== undefined) {
    entity.value = value;
  } else {
    entity.external = r.externalId();
    r.blanks();
    if (r.keyword('NDATA')) {
      r.blanks();
      entity.notation = r.name();
    }
  }
  r.skipDeclaration();
  entity.span.end = r.pos;
  if (name) out.entities.push(entity);
}
