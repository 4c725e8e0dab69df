import { childElements, valueSpan, type XmlComment, type XmlElement } from '../xml/xmlTree';
import type { ProfileDocument } from './document';
import type { OffsetEdit } from '../core/findings';

/**
 * The one place where fixes build text edits. Every edit keeps the document's line endings,
 * its indentation style and every comment; new elements go where the model's order puts them.
 */

export function escapeXmlText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Replaces the element's text value (the trimmed text, keeping surrounding whitespace). Only
 * the text is replaced: comments, child elements and processing instructions among it
 * (`<A>SHA256<!-- was SHA1 --></A>`, a stray `<RegisterDNS>` pasted into a value) stay, after
 * the new value, in their order.
 */
export function replaceValue(doc: ProfileDocument, element: XmlElement, newValue: string): OffsetEdit {
  if (element.selfClosing) {
    return { start: element.start, end: element.end, newText: `<${element.name}>${escapeXmlText(newValue)}</${element.name}>` };
  }
  const span = valueSpan(element, doc.text);
  const kept = element.children.filter((c) => c.kind !== 'text' && c.kind !== 'cdata' && c.start >= span.start && c.end <= span.end);
  const texts = element.children.filter(
    (c) => (c.kind === 'text' || c.kind === 'cdata') && c.end > span.start && c.start < span.end && doc.text.slice(c.start, c.end).trim(),
  );
  if (kept.length === 0 || texts.length === 0) {
    return {
      start: span.start,
      end: span.end,
      newText: escapeXmlText(newValue) + kept.map((c) => doc.text.slice(c.start, c.end)).join(''),
    };
  }
  // From the first piece of text to the last: the new value, then the markup that stood among the text.
  let start = Math.max(span.start, texts[0].start);
  let end = Math.min(span.end, texts[texts.length - 1].end);
  while (start < end && /\s/.test(doc.text[start])) start++;
  while (end > start && /\s/.test(doc.text[end - 1])) end--;
  const between = kept.filter((c) => c.start >= start && c.end <= end).map((c) => doc.text.slice(c.start, c.end));
  return { start, end, newText: escapeXmlText(newValue) + between.join('') };
}

/** Renames an element in its start tag and, when present, its end tag. */
export function renameElement(element: XmlElement, newName: string): OffsetEdit[] {
  const prefix =
    element.name.length > element.localName.length ? element.name.slice(0, element.name.length - element.localName.length) : '';
  const edits: OffsetEdit[] = [{ start: element.nameSpan.start, end: element.nameSpan.end, newText: prefix + newName }];
  if (element.endTag)
    edits.push({ start: element.endTag.start + 2, end: element.endTag.start + 2 + element.name.length, newText: prefix + newName });
  return edits;
}

function lineStart(text: string, offset: number): number {
  const nl = text.lastIndexOf('\n', offset - 1);
  return nl + 1;
}

function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

/** Leading whitespace of the line holding `offset`. */
export function indentAt(text: string, offset: number): string {
  const start = lineStart(text, offset);
  return /^[ \t]*/.exec(text.slice(start, offset))![0];
}

/** Is `offset` the first non-blank character of its line? */
function startsLine(text: string, offset: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStart(text, offset), offset));
}

function endsLine(text: string, offset: number): boolean {
  return /^[ \t]*(\r?\n|$)/.test(text.slice(offset, lineEnd(text, offset)));
}

/**
 * Removes an element; when it stands alone on its lines, the whole lines go with it. Comments
 * inside it stay where it was (each on a line of its own when the element had its own lines):
 * a fix removes markup, never what the author wrote to explain it. `keepComments: false` is for
 * moves, which write the element, comments included, elsewhere.
 */
export function removeElement(doc: ProfileDocument, element: XmlElement, options: { keepComments?: boolean } = {}): OffsetEdit {
  const { text } = doc;
  const comments = options.keepComments === false ? [] : commentsIn(element).map((c) => text.slice(c.start, c.end));
  if (startsLine(text, element.start) && endsLine(text, element.end)) {
    const start = lineStart(text, element.start);
    const end = lineEnd(text, element.end);
    const indent = indentAt(text, element.start);
    const eol = /\r?\n$/.exec(text.slice(start, end))?.[0] ?? '';
    return { start, end, newText: comments.map((c, i) => indent + c + (i < comments.length - 1 ? doc.eol : eol)).join('') };
  }
  return { start: element.start, end: element.end, newText: comments.join('') };
}

/** Replaces a whole element with other markup; comments inside it stay, after the new markup. */
export function replaceElement(doc: ProfileDocument, element: XmlElement, newText: string): OffsetEdit {
  return {
    start: element.start,
    end: element.end,
    newText:
      newText +
      commentsIn(element)
        .map((c) => doc.text.slice(c.start, c.end))
        .join(''),
  };
}

function commentsIn(element: XmlElement, out: XmlComment[] = []): XmlComment[] {
  for (const child of element.children) {
    if (child.kind === 'comment') out.push(child);
    else if (child.kind === 'element') commentsIn(child, out);
  }
  return out;
}

/**
 * Turns a template whose lines are indented with tabs (one tab = one level, relative to the
 * element itself) into the document's own indentation and line endings.
 */
export function renderTemplate(doc: ProfileDocument, template: string, baseIndent: string): string {
  return template
    .split(/\r?\n/)
    .map((line, i) => {
      const tabs = /^\t*/.exec(line)![0].length;
      const body = line.slice(tabs);
      return (i === 0 ? '' : baseIndent) + doc.indentUnit.repeat(tabs) + body;
    })
    .join(doc.eol);
}

/** The indentation children of `parent` use (or would use). */
export function childIndent(doc: ProfileDocument, parent: XmlElement): string {
  for (const child of childElements(parent)) if (startsLine(doc.text, child.start)) return indentAt(doc.text, child.start);
  return indentAt(doc.text, parent.start) + doc.indentUnit;
}

/**
 * Inserts a child element into `parent` at the position `order` gives it (names in the model's
 * order). `template` is the element's text with tab-relative indentation (see renderTemplate).
 */
export function insertChild(
  doc: ProfileDocument,
  parent: XmlElement,
  name: string,
  template: string,
  order: readonly string[],
): OffsetEdit {
  const { text, eol } = doc;
  const indent = childIndent(doc, parent);
  const children = childElements(parent);
  const rank = (n: string): number => {
    const i = order.indexOf(n);
    return i < 0 ? order.length : i;
  };
  const myRank = rank(name);
  let before: XmlElement | undefined;
  let after: XmlElement | undefined;
  for (const child of children) {
    if (rank(child.localName) <= myRank) before = child;
    else if (!after) after = child;
  }
  const inline = parent.endTag ? !text.slice(parent.start, parent.endTag.start).includes('\n') : false;
  const body = renderTemplate(doc, inline ? template.replace(/\r?\n\t*/g, '') : template, indent);
  if (before) {
    return { start: before.end, end: before.end, newText: inline ? body : eol + indent + body };
  }
  if (after) {
    if (!inline && startsLine(text, after.start)) {
      const at = lineStart(text, after.start);
      return { start: at, end: at, newText: indent + body + eol };
    }
    return { start: after.start, end: after.start, newText: body + (inline ? '' : eol + indent) };
  }
  const parentIndent = indentAt(text, parent.start);
  if (parent.selfClosing) {
    const gt = parent.end - 2; // position of "/>"
    return { start: gt, end: parent.end, newText: `>${eol}${indent}${body}${eol}${parentIndent}</${parent.name}>` };
  }
  const contentStart = parent.startTagEnd;
  const contentEnd = parent.endTag ? parent.endTag.start : parent.end;
  if (/^\s*$/.test(text.slice(contentStart, contentEnd))) {
    if (inline) return { start: contentStart, end: contentEnd, newText: body };
    return { start: contentStart, end: contentEnd, newText: eol + indent + body + eol + parentIndent };
  }
  // Text or comments but no elements: add after them, on a line of its own.
  if (parent.endTag && startsLine(text, parent.endTag.start)) {
    const at = lineStart(text, parent.endTag.start);
    return { start: at, end: at, newText: indent + body + eol };
  }
  return { start: contentEnd, end: contentEnd, newText: eol + indent + body + eol + parentIndent };
}

/** The element's own text with its continuation lines made relative (tab template). */
export function elementAsTemplate(doc: ProfileDocument, element: XmlElement): string {
  const base = indentAt(doc.text, element.start);
  const raw = doc.text.slice(element.start, element.end);
  const unit = doc.indentUnit;
  return raw
    .split(/\r?\n/)
    .map((line, i) => {
      if (i === 0) return line;
      let rest = line.startsWith(base) ? line.slice(base.length) : line.trimStart();
      let tabs = '';
      while (unit && rest.startsWith(unit)) {
        tabs += '\t';
        rest = rest.slice(unit.length);
      }
      return tabs + rest;
    })
    .join('\n');
}

/** Applies non-overlapping edits to a text (edits sorted here; overlapping ones dropped). */
export function applyEdits(text: string, edits: readonly OffsetEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let pos = 0;
  for (const edit of sorted) {
    if (edit.start < pos) continue;
    out += text.slice(pos, edit.start) + edit.newText;
    pos = edit.end;
  }
  return out + text.slice(pos);
}
