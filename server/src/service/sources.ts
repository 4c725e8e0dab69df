import sourcesJson from '../../../schemas/sources.json';

/**
 * The public sources behind the data (schemas/sources.json). The other schemas cite a source by
 * its key (`hicks-ikev2-security`, `ms-vpnv2-csp`); everything users read shows the title and
 * the address instead: hover, docs/rules.md, SARIF `helpUri`, the diagnostic's code link.
 */
export interface SourceDef {
  key: string;
  title: string;
  /** Author or publisher, e.g. "Microsoft Learn", "Richard M. Hicks, Always On VPN blog". */
  by: string;
  url?: string;
  /** Publication date (YYYY-MM-DD) where the address or page gives one. */
  date?: string;
  group: string;
  /** What the project takes from it, for docs/sources.md. */
  about: string;
  /** The source changed after we read it: what changed and how we use it now. */
  revised?: string;
}

interface SourcesFile {
  groups: Record<string, string>;
  sources: SourceDef[];
}

const file = sourcesJson as SourcesFile;

export const SOURCE_GROUPS: Readonly<Record<string, string>> = file.groups;
export const SOURCES: readonly SourceDef[] = file.sources;
const BY_KEY = new Map(SOURCES.map((s) => [s.key, s]));

export function sourceDef(key: string): SourceDef | undefined {
  return BY_KEY.get(key);
}

/** Keys are lower-case words joined by hyphens; anything else in a `sources` list is not a key. */
export function isSourceKey(text: string): boolean {
  return /^[a-z0-9]+(-[a-z0-9]+)*$/.test(text);
}

/** "Richard M. Hicks" of "Richard M. Hicks, Always On VPN blog"; Microsoft's pages need no author. */
function authorWords(source: SourceDef): string | undefined {
  if (source.group === 'microsoft') return undefined;
  return source.by.split(',')[0];
}

/** Author, year and "revised since", in parentheses after a title; empty for Microsoft's pages. */
function qualifier(source: SourceDef): string {
  const parts: string[] = [];
  const author = authorWords(source);
  if (author) parts.push(source.date ? `${author}, ${source.date.slice(0, 4)}` : author);
  if (source.revised) parts.push('revised since');
  return parts.length ? ` (${parts.join('; ')})` : '';
}

function escapeLinkText(text: string): string {
  return text.replace(/[[\]]/g, '\\$&');
}

/** One source as a Markdown link with its author: hover and docs. Unknown keys show as written. */
export function sourceMarkdown(key: string): string {
  const source = BY_KEY.get(key);
  if (!source) return key;
  const title = source.url ? `[${escapeLinkText(source.title)}](${source.url})` : `*${source.title}*`;
  return `${title}${qualifier(source)}`;
}

/** One source in plain text: "Title (Author, year) <https://…>". */
export function sourceText(key: string): string {
  const source = BY_KEY.get(key);
  if (!source) return key;
  return `"${source.title}"${qualifier(source)}${source.url ? ` <${source.url}>` : ''}`;
}

/** The sources of a hover or a doc line, in the order the data gives them, each once. */
export function sourcesMarkdown(keys: readonly string[], separator = ' · '): string {
  return [...new Set(keys)].map(sourceMarkdown).join(separator);
}

/** The address of the first source that has one: the link a diagnostic's rule id opens. */
export function firstSourceUrl(keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const url = BY_KEY.get(key)?.url;
    if (url) return url;
  }
  return undefined;
}
