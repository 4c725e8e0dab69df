/**
 * One parse per document version, shared by every request on it, for the few documents in use.
 * Least recently used entries go first: a workspace scan of hundreds of files passes through
 * the cache without pushing out the documents being edited for long, and without keeping a
 * parse tree alive for every file it has seen.
 */
export class ParseCache<T> {
  private readonly entries = new Map<string, { version: number; text: string; parsed: T }>();
  private characters = 0;

  /**
   * At most `capacity` parses, and (beyond the most recent one) no more than `maxCharacters` of
   * text between them: a parse costs memory in proportion to its text, and a few large scripts
   * would otherwise keep gigabytes of parse trees alive.
   */
  constructor(
    private readonly capacity: number,
    private readonly maxCharacters = Infinity,
    /** Called with each parse that leaves the cache (replaced by a newer version, or evicted). */
    private readonly onEvict?: (parsed: T) => void,
  ) {}

  /** The parse of this version; `parse` is given the document's previous parse, when cached, to build on. */
  get(uri: string, version: number, text: string, parse: (text: string, previous: T | undefined) => T): T {
    const hit = this.entries.get(uri);
    if (hit && hit.version === version && hit.text === text) {
      // Map keeps insertion order: re-inserting marks the entry as the most recent.
      this.entries.delete(uri);
      this.entries.set(uri, hit);
      return hit.parsed;
    }
    const parsed = parse(text, hit?.parsed);
    this.delete(uri);
    this.entries.set(uri, { version, text, parsed });
    this.characters += text.length;
    while (this.entries.size > this.capacity || (this.entries.size > 1 && this.characters > this.maxCharacters))
      this.delete(this.entries.keys().next().value as string);
    return parsed;
  }

  /** The latest parse of the document, whatever its version (not marked as used). */
  latest(uri: string): { version: number; text: string; parsed: T } | undefined {
    return this.entries.get(uri);
  }

  delete(uri: string): void {
    const entry = this.entries.get(uri);
    if (!entry) return;
    this.characters -= entry.text.length;
    this.entries.delete(uri);
    this.onEvict?.(entry.parsed);
  }

  /** Drops every entry (each goes through onEvict). */
  clear(): void {
    for (const uri of [...this.entries.keys()]) this.delete(uri);
  }

  get size(): number {
    return this.entries.size;
  }
}
