import type { Span, XmlAttribute } from '../xml/xmlTree';
import type { OffsetEdit } from '../core/findings';

/**
 * Two edit primitives edits.ts does not have, kept beside the rules that need them: replacing an
 * attribute's value (EAP namespace URIs) and replacing a few characters inside a value (stray
 * characters). Neither touches line endings or indentation.
 */

/** Replaces the value between the quotes of an attribute; `newValue` must already be escaped for it. */
export function replaceAttributeValue(attribute: XmlAttribute & { valueSpan: Span }, newValue: string): OffsetEdit {
  return { start: attribute.valueSpan.start, end: attribute.valueSpan.end, newText: newValue };
}

/** Replaces exactly the characters of `span` (already escaped for where they stand). */
export function replaceCharacters(span: Span, newText: string): OffsetEdit {
  return { start: span.start, end: span.end, newText };
}
