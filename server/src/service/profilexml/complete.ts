import { reportInternalError } from '../core/internalErrors';
import {
  CompletionItemKind,
  CompletionItemTag,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type Range,
  type TextEdit,
} from 'vscode-languageserver-types';
import type { Settings } from '../settings';
import { childElements, type Span, type XmlElement } from '../xml/xmlTree';
import { blockSnippetItems, ROOT_PLACE } from './completeBlocks';
import { completionSnippet } from './completeSnippets';
import { cursorContext, definitionChain, type CursorContext } from './cursorContext';
import type { CompletionDocument } from './cursorLocal';
import { booleanValueMarkdown, elementMarkdown, enumValueMarkdown, newerThanTarget, targetName } from './hoverDocs';
import { windowsName, type SchemaIndex } from './schema';
import type { ElementDef } from './schemaTypes';
import { isProfileRootName } from './rootName';

type StartTagContext = Extract<CursorContext, { kind: 'startTag' }>;
type EndTagContext = Extract<CursorContext, { kind: 'endTag' }>;
type ContentContext = Extract<CursorContext, { kind: 'content' }>;

/**
 * Completion for ProfileXML while it is being typed. The document is usually broken at this
 * point (half-typed names, missing end tags), so the context comes from the tolerant tree plus
 * a scan of the text around the cursor (cursorContext.ts). Never throws.
 */
export function doComplete(doc: CompletionDocument, offset: number, settings: Settings, schema: SchemaIndex): CompletionList {
  try {
    return { isIncomplete: false, items: completionItems(doc, offset, settings, schema) };
  } catch (error) {
    // Completion runs on every keystroke of a half-written document: an unexpected shape costs
    // the suggestion list, and is reported.
    reportInternalError('completion (ProfileXML)', error);
    return { isIncomplete: false, items: [] };
  }
}

function completionItems(doc: CompletionDocument, offset: number, settings: Settings, schema: SchemaIndex): CompletionItem[] {
  const context = cursorContext(doc.tree, offset);
  switch (context.kind) {
    case 'startTag':
      return startTagItems(doc, context, settings, schema);
    case 'endTag':
      return endTagItems(doc, context, schema);
    case 'content':
      return contentItems(doc, context, settings, schema);
    default:
      return [];
  }
}

// ---- element names ---------------------------------------------------------------------------

function startTagItems(doc: CompletionDocument, context: StartTagContext, settings: Settings, schema: SchemaIndex): CompletionItem[] {
  const range = toRange(doc, context.nameSpan);
  if (!context.parent) {
    // Top level: only the root, and only when the document has no other root element yet.
    const root = doc.tree.root;
    if (root && root !== context.typed) return [];
    return [elementItem(doc, schema.root, 0, range, context, settings, schema), ...tagSnippets(doc, context, ROOT_PLACE)];
  }
  const parentDef = containerDef(context.parent, schema);
  if (!parentDef) return [];
  const allowed = allowedChildren(context.parent, parentDef, context.typed);
  return [
    ...allowed.map(({ def, index }) => elementItem(doc, def, index, range, context, settings, schema)),
    ...tagSnippets(doc, context, placesOf(allowed)),
  ];
}

/** Block snippets for a tag being typed (`<` or `<aov`): they replace the `<` too. Not when an existing tag's name is edited. */
function tagSnippets(doc: CompletionDocument, context: StartTagContext, allowed: ReadonlyMap<string, number>): CompletionItem[] {
  if (context.tagClosed) return [];
  const range = toRange(doc, { start: context.lt, end: context.nameSpan.end });
  return blockSnippetItems({ allowed, range, withLt: true, indentUnit: doc.indentUnit });
}

function placesOf(allowed: readonly { def: ElementDef; index: number }[]): Map<string, number> {
  return new Map(allowed.map(({ def, index }) => [def.name, index]));
}

/** The definition of an element whose children we may propose, or undefined (unknown, opaque, scalar). */
function containerDef(element: XmlElement, schema: SchemaIndex): ElementDef | undefined {
  const chain = definitionChain(element, schema);
  const def = chain?.[chain.length - 1];
  return def && def.type === 'none' && def.children?.length ? def : undefined;
}

/** Children the schema allows here, minus read-only ones and those whose maxOccurs is already reached. */
function allowedChildren(parent: XmlElement, parentDef: ElementDef, typed: XmlElement | undefined): { def: ElementDef; index: number }[] {
  const present = childElements(parent).filter((c) => c !== typed);
  const out: { def: ElementDef; index: number }[] = [];
  (parentDef.children ?? []).forEach((def, index) => {
    // Windows never reads a read-only node from a profile: proposing it would only invite read-only-element.
    if (def.readOnly) return;
    const count = present.filter((c) => c.localName === def.name).length;
    if (def.maxOccurs !== -1 && count >= def.maxOccurs) return;
    out.push({ def, index });
  });
  return out;
}

function elementItem(
  doc: CompletionDocument,
  def: ElementDef,
  index: number,
  range: Range,
  context: StartTagContext | ContentContext,
  settings: Settings,
  schema: SchemaIndex,
): CompletionItem {
  const item: CompletionItem = {
    label: def.name,
    kind: def.type === 'none' || def.type === 'any' ? CompletionItemKind.Module : CompletionItemKind.Property,
    detail: elementDetail(def, settings, schema),
    documentation: { kind: MarkupKind.Markdown, value: elementMarkdown(def, settings, schema, { full: false }) },
    sortText: String(index).padStart(3, '0'),
    filterText: def.name,
  };
  if (context.kind === 'startTag' && context.tagClosed) {
    // Editing the name of a complete tag: change the name only (and the matching end tag).
    item.textEdit = { range, newText: def.name };
    item.insertTextFormat = InsertTextFormat.PlainText;
    const endTag = context.typed?.endTag;
    if (endTag && context.typed) {
      const start = endTag.start + 2;
      item.additionalTextEdits = [
        { range: toRange(doc, { start, end: start + context.typed.name.length }), newText: def.name } satisfies TextEdit,
      ];
    }
    return item;
  }
  const body = completionSnippet(def, doc.indentUnit);
  item.textEdit = { range, newText: context.kind === 'startTag' ? body.slice(1) : body };
  item.insertTextFormat = InsertTextFormat.Snippet;
  item.insertTextMode = InsertTextMode.adjustIndentation;
  return item;
}

function elementDetail(def: ElementDef, settings: Settings, schema: SchemaIndex): string {
  const parts: string[] = [def.type === 'none' ? 'container' : def.type];
  if (def.minOccurs >= 1) parts.push('required');
  if (def.maxOccurs === -1) parts.push('repeatable');
  if (def.default !== undefined && def.default.length <= 24) parts.push(`default ${def.default}`);
  if (def.scope) parts.push(`${def.scope} profiles only`);
  if (def.minBuild && newerThanTarget(def.minBuild, settings, schema)) parts.push(`needs ${windowsName(def.minBuild, schema)}`);
  if (def.unverified) parts.push('unverified');
  return parts.join(' · ');
}

// ---- end tags --------------------------------------------------------------------------------

function endTagItems(doc: CompletionDocument, context: EndTagContext, schema: SchemaIndex): CompletionItem[] {
  const open = context.open;
  if (!open || !inProfileStructure(open, schema)) return [];
  const line = doc.lines.lineAt(open.start) + 1;
  return [
    {
      label: `/${open.name}`,
      kind: CompletionItemKind.Property,
      detail: `closes <${open.name}> from line ${line}`,
      filterText: open.name,
      sortText: '000',
      textEdit: { range: toRange(doc, context.nameSpan), newText: context.tagClosed ? open.name : `${open.name}>` },
      insertTextFormat: InsertTextFormat.PlainText,
    },
  ];
}

/**
 * The element sits under a VPNProfile root and outside opaque content (it may be unknown).
 * One walk down from the root: hostile documents nest thousands of levels deep.
 */
function inProfileStructure(element: XmlElement, schema: SchemaIndex): boolean {
  const ancestors: XmlElement[] = [];
  for (let e = element.parent; e; e = e.parent) ancestors.push(e);
  if (ancestors.length === 0) return isProfileRootName(element.name);
  ancestors.reverse();
  if (!isProfileRootName(ancestors[0].name)) return false;
  let def: ElementDef = schema.root;
  for (let i = 0; i < ancestors.length; i++) {
    if (def.type === 'any') return false;
    if (i + 1 === ancestors.length) break;
    const next: ElementDef | undefined = def.children?.find((c) => c.name === ancestors[i + 1].localName);
    // Below an unknown element nothing can be opaque any more.
    if (!next) return true;
    def = next;
  }
  return true;
}

// ---- text content ----------------------------------------------------------------------------

function contentItems(doc: CompletionDocument, context: ContentContext, settings: Settings, schema: SchemaIndex): CompletionItem[] {
  const element = context.element;
  if (!element) return topLevelItems(doc, context);
  const chain = definitionChain(element, schema);
  const def = chain?.[chain.length - 1];
  if (!def) return [];
  const word = doc.text.slice(context.wordSpan.start, context.wordSpan.end);
  const beforeWord = context.before.slice(0, Math.max(0, context.before.length - (context.wordSpan.end - context.wordSpan.start)));
  // Only one word of content so far: no completion in the middle of free text.
  if (beforeWord.trim() && (def.type === 'enum' || def.type === 'boolean')) return [];
  const range = toRange(doc, context.wordSpan);
  if (def.type === 'enum') return enumItems(def, range, settings, schema);
  if (def.type === 'boolean') return booleanItems(def, range);
  if (def.type === 'none' && def.children?.length && /^[\w.:-]*$/.test(word)) {
    const allowed = allowedChildren(element, def, undefined);
    return [
      ...allowed.map(({ def: child, index }) => elementItem(doc, child, index, range, context, settings, schema)),
      ...blockSnippetItems({ allowed: placesOf(allowed), range, withLt: false, indentUnit: doc.indentUnit }),
    ];
  }
  return [];
}

/** Text outside any element: a document without a root element yet may start a whole profile there. */
function topLevelItems(doc: CompletionDocument, context: ContentContext): CompletionItem[] {
  if (doc.tree.root) return [];
  const word = doc.text.slice(context.wordSpan.start, context.wordSpan.end);
  if (!/^[\w.:-]*$/.test(word)) return [];
  return blockSnippetItems({ allowed: ROOT_PLACE, range: toRange(doc, context.wordSpan), withLt: false, indentUnit: doc.indentUnit });
}

function enumItems(def: ElementDef, range: Range, settings: Settings, schema: SchemaIndex): CompletionItem[] {
  return (def.values ?? []).map((value, index) => {
    const newer = newerThanTarget(value.minBuild, settings, schema);
    const detail: string[] = [];
    if (value.undocumented) detail.push("not in Microsoft's documented list");
    if (value.weak) detail.push('weak: avoid');
    if (value.minBuild)
      detail.push(`needs ${windowsName(value.minBuild, schema)}${newer ? `; target is ${targetName(settings, schema)}` : ''}`);
    if (def.default?.toLowerCase() === value.value.toLowerCase()) detail.push('default');
    const rank = value.weak ? 2 : newer ? 1 : 0;
    const item: CompletionItem = {
      label: value.value,
      kind: CompletionItemKind.EnumMember,
      detail: detail.join(' · ') || undefined,
      documentation: { kind: MarkupKind.Markdown, value: enumValueMarkdown(def, value, settings, schema) },
      sortText: `${rank}${String(index).padStart(3, '0')}`,
      filterText: value.value,
      textEdit: { range, newText: value.value },
      insertTextFormat: InsertTextFormat.PlainText,
    };
    if (value.weak) item.tags = [CompletionItemTag.Deprecated];
    return item;
  });
}

function booleanItems(def: ElementDef, range: Range): CompletionItem[] {
  return (['true', 'false'] as const).map((value, index) => ({
    label: value,
    kind: CompletionItemKind.Value,
    detail: def.default?.toLowerCase() === value ? 'default' : undefined,
    documentation: { kind: MarkupKind.Markdown, value: booleanValueMarkdown(def, value) },
    sortText: String(index),
    filterText: value,
    textEdit: { range, newText: value },
    insertTextFormat: InsertTextFormat.PlainText,
  }));
}

// ---- positions -------------------------------------------------------------------------------

/** LSP range of a span, through the document's line table (\n, \r\n and \r end lines, as in TextDocument). */
function toRange(doc: CompletionDocument, span: Span): Range {
  return { start: doc.lines.positionAt(span.start), end: doc.lines.positionAt(span.end) };
}
