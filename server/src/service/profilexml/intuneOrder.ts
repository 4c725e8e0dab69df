import type { XmlElement } from '../xml/xmlTree';
import type { ProfileDocument } from './document';
import type { OffsetEdit } from '../core/findings';

/**
 * Reordering the children of one element into the model's order without losing a character.
 *
 * The children are cut into units: a known element together with the comments (and stray text)
 * written just before it, a comment that closes the element's own line (`<A>1</A> <!-- a -->`),
 * and any unknown element that follows it (unknown elements keep their place after their predecessor). The whitespace between units
 * stays where it is, so indentation and line endings are kept; only whole units move, in a
 * stable sort by rank. Comments after the last element stay at the end.
 */

interface Unit {
  start: number;
  end: number;
  /** Position in the model's order; -1 for unknown elements before any known one (they stay first). */
  rank: number;
}

export interface OrderProblem {
  /** The first child found after a sibling that should follow it. */
  misplaced: XmlElement;
  /** The earlier sibling it should come before. */
  before: XmlElement;
  /** Names of the known children present, in the wanted order (each once). */
  wanted: string[];
}

/** Rank of a child in `order`, or undefined when the model does not know it here. */
function rankIn(order: readonly string[], child: XmlElement): number | undefined {
  if (child.name !== child.localName) return undefined; // namespaced: not a ProfileXML element
  const i = order.indexOf(child.localName);
  return i < 0 ? undefined : i;
}

/** The first child out of order, or undefined when the known children follow `order`. */
export function findOrderProblem(container: XmlElement, order: readonly string[]): OrderProblem | undefined {
  const seen: { element: XmlElement; rank: number }[] = [];
  // The highest rank so far says whether an earlier sibling outranks this one; the list is
  // searched only then (once), so a profile with thousands of routes stays linear.
  let highest = -1;
  for (const child of container.children) {
    if (child.kind !== 'element') continue;
    const rank = rankIn(order, child);
    if (rank === undefined) continue;
    const before = highest > rank ? seen.find((s) => s.rank > rank) : undefined;
    if (before) {
      const present = new Set<string>();
      for (const c of container.children) if (c.kind === 'element' && rankIn(order, c) !== undefined) present.add(c.localName);
      return { misplaced: child, before: before.element, wanted: order.filter((n) => present.has(n)) };
    }
    seen.push({ element: child, rank });
    if (rank > highest) highest = rank;
  }
  return undefined;
}

function unitsOf(doc: ProfileDocument, container: XmlElement, order: readonly string[]): Unit[] {
  const { text } = doc;
  const units: Unit[] = [];
  let pendingStart: number | undefined;
  const attach = (start: number, end: number): void => {
    const last = units[units.length - 1];
    const sameLineAsLast = !!last && !/[\r\n]/.test(text.slice(last.end, start));
    const endsLine = /^[ \t]*(\r?\n|$)/.test(text.slice(end));
    if (pendingStart === undefined && sameLineAsLast && endsLine) {
      last!.end = end; // a comment at the end of the previous unit's line describes that unit
    } else {
      pendingStart ??= start;
    }
  };
  for (const node of container.children) {
    if (node.kind === 'text') {
      if (!node.value.trim()) continue;
      let s = node.start;
      let e = node.end;
      while (s < e && /\s/.test(text[s])) s++;
      while (e > s && /\s/.test(text[e - 1])) e--;
      attach(s, e);
      continue;
    }
    if (node.kind !== 'element') {
      attach(node.start, node.end);
      continue;
    }
    const rank = rankIn(order, node);
    const last = units[units.length - 1];
    if (rank === undefined && last) {
      last.end = node.end;
      pendingStart = undefined;
      continue;
    }
    units.push({ start: pendingStart ?? node.start, end: node.end, rank: rank ?? -1 });
    pendingStart = undefined;
  }
  return units;
}

/**
 * One edit that puts the container's known children into `order`, or undefined when nothing
 * moves (or the container cannot be rewritten safely, e.g. it was never closed).
 */
export function reorderChildren(doc: ProfileDocument, container: XmlElement, order: readonly string[]): OffsetEdit | undefined {
  if (!container.endTag || container.selfClosing) return undefined;
  const units = unitsOf(doc, container, order);
  if (units.length < 2) return undefined;
  const sorted = units.map((u, i) => ({ u, i })).sort((a, b) => a.u.rank - b.u.rank || a.i - b.i);
  if (sorted.every((s, i) => s.i === i)) return undefined;
  const { text } = doc;
  const lines = wholeLines(text, units);
  if (lines) {
    // One unit per line block: move whole lines, blank lines before a unit travel with it.
    return {
      start: lines[0].start,
      end: lines[lines.length - 1].end,
      newText: sorted.map((s) => text.slice(lines[s.i].start, lines[s.i].end)).join(''),
    };
  }
  // Units share lines: move the units, leave the whitespace between them where it is.
  let newText = '';
  for (let i = 0; i < sorted.length; i++) {
    const unit = sorted[i].u;
    newText += text.slice(unit.start, unit.end);
    if (i < units.length - 1) newText += text.slice(units[i].end, units[i + 1].start);
  }
  return { start: units[0].start, end: units[units.length - 1].end, newText };
}

/**
 * When every unit starts its own line and ends one, the line blocks that hold them: the first
 * from its line start, each later one from the end of the previous block (so blank lines belong
 * to the unit below them), each to the end of its last line including the line break.
 */
function wholeLines(text: string, units: readonly Unit[]): { start: number; end: number }[] | undefined {
  const blocks: { start: number; end: number }[] = [];
  for (let i = 0; i < units.length; i++) {
    const { start, end } = units[i];
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    if (!/^[ \t]*$/.test(text.slice(lineStart, start))) return undefined;
    const after = /^[ \t]*\r?\n/.exec(text.slice(end));
    if (!after) return undefined;
    blocks.push({ start: i === 0 ? lineStart : blocks[i - 1].end, end: end + after[0].length });
    if (i > 0 && lineStart < blocks[i - 1].end) return undefined;
  }
  return blocks;
}
