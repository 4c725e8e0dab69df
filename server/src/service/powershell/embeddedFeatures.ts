import { InsertTextFormat, type CompletionItem, type CompletionList, type Range, type TextEdit } from 'vscode-languageserver-types';
import type { Settings } from '../settings';
import { doComplete } from '../profilexml/complete';
import { doHover } from '../profilexml/hover';
import { schemaIndex } from '../profilexml/schema';
import type { Span } from '../xml/xmlTree';
import type { PowerShellDocument } from './document';
import { embeddedProfileAt, type EmbeddedProfile } from './embedded';
import {
  escapeForLiteral,
  escapeSnippetForLiteral,
  toScriptEdit,
  toScriptSpan,
  toVirtualOffset,
  touchesExpansion,
  usesNewlineEscapes,
} from './embeddedMap';
import { documentLineIndex, type DocumentLineIndex } from '../core/positions';

/**
 * Where the cursor is in an embedded profile, in virtual offsets; undefined outside one or on a
 * `$variable` / `$( … )` expansion (PowerShell territory).
 */
function locate(doc: PowerShellDocument, offset: number): { embedded: EmbeddedProfile; offset: number } | undefined {
  // Completion and hover serve half-typed profiles too (no closing </VPNProfile> yet).
  const embedded = embeddedProfileAt(doc, offset);
  if (!embedded) return undefined;
  const v = toVirtualOffset(embedded.virtual, offset);
  if (v === undefined) return undefined;
  if (embedded.virtual.expansions.some((e) => v > e.start && v < e.end)) return undefined;
  return { embedded, offset: v };
}

/** Completion inside an embedded ProfileXML string, mapped to script offsets; undefined outside one. */
export function embeddedComplete(doc: PowerShellDocument, offset: number, settings: Settings): CompletionList | undefined {
  const at = locate(doc, offset);
  if (!at) return undefined;
  const { embedded } = at;
  const list = doComplete(embedded.profile, at.offset, settings, schemaIndex());
  const virtualLines = documentLineIndex(embedded.virtual.text);
  const scriptLines = documentLineIndex(doc.text);
  const items: CompletionItem[] = [];
  for (const item of list.items) {
    const mapped = mapItem(doc.text, embedded, item, virtualLines, scriptLines);
    if (mapped) items.push(mapped);
  }
  return { isIncomplete: list.isIncomplete, items };
}

/** The item with its edits in script positions and text escaped for the literal; undefined when it cannot be written there. */
function mapItem(
  script: string,
  embedded: EmbeddedProfile,
  item: CompletionItem,
  virtualLines: DocumentLineIndex,
  scriptLines: DocumentLineIndex,
): CompletionItem | undefined {
  const snippet = item.insertTextFormat === InsertTextFormat.Snippet;
  const mapEdit = (range: Range, newText: string, asSnippet: boolean): TextEdit | undefined => {
    const edit = toScriptEdit(
      script,
      embedded.virtual,
      { start: virtualLines.offsetAt(range.start), end: virtualLines.offsetAt(range.end), newText },
      { snippet: asSnippet },
    );
    return edit && { range: { start: scriptLines.positionAt(edit.start), end: scriptLines.positionAt(edit.end) }, newText: edit.newText };
  };
  const out: CompletionItem = { ...item };
  const textEdit = item.textEdit;
  if (textEdit) {
    if ('range' in textEdit) {
      const mapped = mapEdit(textEdit.range, textEdit.newText, snippet);
      if (!mapped) return undefined;
      out.textEdit = mapped;
    } else {
      const insert = mapEdit(textEdit.insert, textEdit.newText, snippet);
      const replace = mapEdit(textEdit.replace, textEdit.newText, snippet);
      if (!insert || !replace) return undefined;
      out.textEdit = { newText: insert.newText, insert: insert.range, replace: replace.range };
    }
  } else {
    // Without a range the client inserts at the cursor: only the text needs escaping.
    const newlineEscapes = usesNewlineEscapes(script, embedded.virtual);
    const text = item.insertText ?? item.label;
    out.insertText = snippet
      ? escapeSnippetForLiteral(embedded.virtual.quoting, text, newlineEscapes)
      : escapeForLiteral(embedded.virtual.quoting, text, newlineEscapes);
  }
  if (item.additionalTextEdits) {
    const additional = item.additionalTextEdits.map((e) => mapEdit(e.range, e.newText, false));
    if (!additional.every((e): e is TextEdit => !!e)) return undefined;
    out.additionalTextEdits = additional;
  }
  return out;
}

/** Hover inside an embedded ProfileXML string; undefined outside one. */
export function embeddedHover(
  doc: PowerShellDocument,
  offset: number,
  settings: Settings,
): { markdown: string; span: Span } | null | undefined {
  const at = locate(doc, offset);
  if (!at) return undefined;
  const hover = doHover(at.embedded.profile, at.offset, settings, schemaIndex());
  if (!hover) return null;
  if (touchesExpansion(at.embedded.virtual, hover.span)) return undefined;
  return { markdown: hover.markdown, span: toScriptSpan(at.embedded.virtual, hover.span) };
}
