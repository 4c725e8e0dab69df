import { childElements, valueSpan, type XmlElement } from '../xml/xmlTree';
import type { ProfileDocument } from './document';
import type { OffsetEdit } from './rules/ruleTypes';

/**
 * The one place where fixes build text edits. Every edit keeps the document's line endings,
 * its indentation style and every comment; new elements go where the model's order puts them.
 */

export function escapeXmlText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Replaces the element's text value (the trimmed text, keeping surrounding whitespace). */
export function replaceValue(doc: ProfileDocument, element: XmlElement, newValue: string): OffsetEdit {
  if (element.selfClosing) {
    return { start: element.start, end: element.end, newText: `<${element.name}>${escapeXmlText(newValue)}</${element.name}>` };
  }
  const span = valueSpan(element, doc.text);
  return { start: span.start, end: span.end, newText: escapeXmlText(newValue) };
}

/** Renames an element in its start tag and, when present, its end tag. */
export function renameElement(element: XmlElement, newName: string): OffsetEdit[] {
  const prefix = element.name.length > element.localName.length ? element.name.slice(0, element.name.length - element.localName.length) : '';
  const edits: OffsetEdit[] = [{ start: element.nameSpan.start, end: element.nameSpan.end, newText: prefix + newName }];
  if (element.endTag) edits.push({ start: element.endTag.start + 2, end: element.endTag.start + 2 + element.name.length, newText: prefix + newName });
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

/** Removes an element; when it stands alone on its lines, the whole lines go with it. */
export function removeElement(doc: ProfileDocument, element: XmlElement): OffsetEdit {
  const { text } = doc;
  if (startsLine(text, element.start) && endsLine(text, element.end)) {
    return { start: lineStart(text, element.start), end: lineEnd(text, element.end), newText: '' };
  }
  return { start: element.start, end: element.end, newText: '' };
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
export function insertChild(doc: ProfileDocument, parent: XmlElement, name: string, template: string, order: readonly string[]): OffsetEdit {
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
