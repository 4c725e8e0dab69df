/**
 * One parse per document version, shared by every request on it, for the few documents in use.
 * Least recently used entries go first: a workspace scan of hundreds of files passes through
 * the cache without pushing out the documents being edited for long, and without keeping a
 * parse tree alive for every file it has seen.
 */
export class ParseCache<T> {
  private readonly entries = new Map<string, { version: number; text: string; parsed: T }>();

  constructor(private readonly capacity: number) {}

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
    this.entries.delete(uri);
    this.entries.set(uri, { version, text, parsed });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return parsed;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  get size(): number {
    return this.entries.size;
  }
}
