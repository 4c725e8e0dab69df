import {
  CompletionItemKind,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  type CompletionItem,
  type Range,
} from 'vscode-languageserver-types';

/**
 * The block snippets of snippets/*.json (VS Code snippet files, kept as data) as completion
 * items. They used to be contributed to VS Code for every XML and PowerShell file, which offered
 * them everywhere, in other XML files and in places where the block cannot go; the language
 * service offers them instead, only where they fit (completeBlocks.ts, powershell/snippets.ts).
 */

/** One entry of a VS Code snippet file. */
export interface SnippetEntry {
  /** The entry's key: a readable name ("CryptographySuite baseline"). */
  name: string;
  prefix: string;
  description: string;
  /** The body's lines joined with `\n`, indented with tabs. */
  body: string;
}

/** The entries of a snippet file's JSON; malformed entries are a bug in our data and throw. */
export function snippetEntries(json: unknown, file: string): SnippetEntry[] {
  if (!json || typeof json !== 'object') throw new Error(`${file}: not a snippet file`);
  return Object.entries(json as Record<string, unknown>).map(([name, raw]) => {
    const entry = raw as { prefix?: unknown; description?: unknown; body?: unknown };
    const body =
      Array.isArray(entry.body) && entry.body.every((l) => typeof l === 'string')
        ? entry.body.join('\n')
        : typeof entry.body === 'string'
          ? entry.body
          : undefined;
    if (typeof entry.prefix !== 'string' || typeof entry.description !== 'string' || body === undefined)
      throw new Error(`${file}: snippet "${name}" lacks a prefix, description or body`);
    return { name, prefix: entry.prefix, description: entry.description, body };
  });
}

export interface SnippetItemOptions {
  /** The text the snippet replaces (the word typed so far); one line, and it contains the cursor. */
  range: Range;
  /** The document's indentation step: the body's tabs become this. */
  indentUnit: string;
  sortText: string;
  /** What the client filters on: the text of `range` before the cursor must match it (`<aov` needs `<aovpn-…`). */
  filterText?: string;
  /** Language of the preview in the documentation. */
  language: 'xml' | 'powershell';
}

/** A completion item that inserts the snippet; the editor indents its lines to the cursor's line. */
export function snippetItem(entry: SnippetEntry, options: SnippetItemOptions): CompletionItem {
  const body = entry.body.replace(/^\t+/gm, (tabs) => options.indentUnit.repeat(tabs.length));
  const fence = '```';
  return {
    label: entry.prefix,
    kind: CompletionItemKind.Snippet,
    detail: entry.name,
    documentation: {
      kind: MarkupKind.Markdown,
      value: `${entry.description}\n\n${fence}${options.language}\n${snippetPreview(body)}\n${fence}`,
    },
    sortText: options.sortText,
    filterText: options.filterText ?? entry.prefix,
    textEdit: { range: options.range, newText: body },
    insertTextFormat: InsertTextFormat.Snippet,
    insertTextMode: InsertTextMode.adjustIndentation,
  };
}

/**
 * The text a snippet inserts when every placeholder keeps its default (VS Code snippet grammar:
 * `${1:default}` gives its default, `${1|a,b|}` its first choice, `$1` and `${1}` what
 * placeholder 1 holds, `$0` nothing; `\` escapes `$`, `}` and `\`). For the preview only.
 */
export function snippetPreview(body: string): string {
  const defaults = new Map<string, string>();
  const MARK = '\u0000';
  const parse = (from: number, inside: boolean): [string, number] => {
    let out = '';
    let i = from;
    while (i < body.length) {
      const c = body[i];
      const next = body[i + 1] ?? '';
      if (c === '\\' && (next === '$' || next === '}' || next === '\\')) {
        out += next;
        i += 2;
        continue;
      }
      if (inside && c === '}') return [out, i + 1];
      const simple = c === '$' ? /^\$(\d+)/.exec(body.slice(i)) : null;
      if (simple) {
        out += `${MARK}${simple[1]}${MARK}`;
        i += simple[0].length;
        continue;
      }
      const braced = c === '$' ? /^\$\{(\d+)([:|}])/.exec(body.slice(i)) : null;
      if (braced) {
        const n = braced[1];
        let j = i + braced[0].length;
        if (braced[2] === ':') {
          const [value, after] = parse(j, true);
          if (!defaults.has(n)) defaults.set(n, value);
          j = after;
        } else if (braced[2] === '|') {
          const end = body.indexOf('|}', j);
          if (end < 0) return [out + body.slice(i), body.length];
          if (!defaults.has(n))
            defaults.set(
              n,
              body
                .slice(j, end)
                .split(/(?<!\\),/)[0]
                .replace(/\\(.)/g, '$1'),
            );
          j = end + 2;
        }
        out += `${MARK}${n}${MARK}`;
        i = j;
        continue;
      }
      out += c;
      i++;
    }
    return [out, i];
  };
  let text = parse(0, false)[0];
  // A default may name another placeholder: a few rounds resolve every chain our snippets have.
  const reference = new RegExp(`${MARK}(\\d+)${MARK}`, 'g');
  for (let round = 0; round < 5 && text.includes(MARK); round++)
    text = text.replace(reference, (_, n: string) => (n === '0' ? '' : (defaults.get(n) ?? '')));
  return text;
}
