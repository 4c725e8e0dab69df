import type { CompletionItem, Range } from 'vscode-languageserver-types';
import snippetsJson from '../../../../snippets/profilexml.json';
import { snippetEntries, snippetItem, type SnippetEntry } from '../snippets';
import { ROOT_NAME } from './rootName';

/**
 * The ProfileXML block snippets (snippets/profilexml.json: whole tunnel profiles, IPsec suites,
 * routes, NRPT rules …) as completion items, offered only where the model lets their block go:
 * a CryptographySuite only in a NativeProfile that has none yet, a whole profile only in a
 * document without a root element. complete.ts says which elements may go at the cursor.
 */

export interface BlockSnippet extends SnippetEntry {
  /** The element the snippet inserts (its first start tag; comments before it are allowed). */
  element: string;
}

/** The first element a snippet body starts (`<!-- … -->` comments before it are skipped). */
export function blockElementOf(body: string): string | undefined {
  return /^(?:\s*<!--[\s\S]*?-->)*\s*<([A-Za-z_][\w.-]*)/.exec(body)?.[1];
}

function load(): BlockSnippet[] {
  return snippetEntries(snippetsJson, 'snippets/profilexml.json').map((entry) => {
    const element = blockElementOf(entry.body);
    if (!element) throw new Error(`snippets/profilexml.json: snippet "${entry.name}" does not start an element`);
    return { ...entry, element };
  });
}

export const PROFILE_SNIPPETS: readonly BlockSnippet[] = load();

export interface BlockPlace {
  /** Elements that may go at the cursor, with their position in the parent's model (for sorting). */
  allowed: ReadonlyMap<string, number>;
  range: Range;
  /** The range starts at a typed `<`: the filter text must start with it too. */
  withLt: boolean;
  indentUnit: string;
}

/** Snippets whose block may go here, each sorted right after the element it inserts. */
export function blockSnippetItems(place: BlockPlace): CompletionItem[] {
  const items: CompletionItem[] = [];
  for (const snippet of PROFILE_SNIPPETS) {
    const index = place.allowed.get(snippet.element);
    if (index === undefined) continue;
    items.push(
      snippetItem(snippet, {
        range: place.range,
        indentUnit: place.indentUnit,
        sortText: `${String(index).padStart(3, '0')}~${snippet.prefix}`,
        filterText: place.withLt ? `<${snippet.prefix}` : snippet.prefix,
        language: 'xml',
      }),
    );
  }
  return items;
}

/** Where the root goes (a document without a root element): the whole-profile snippets. */
export const ROOT_PLACE: ReadonlyMap<string, number> = new Map([[ROOT_NAME, 0]]);
