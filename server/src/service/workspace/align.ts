import type { OffsetEdit } from '../core/findings';
import { normaliseValue, spell, type SuiteElement } from '../core/spelling';
import type { ClientPolicyFact, PolicyValues } from './facts';
import { SUITE_ELEMENTS } from './policy';

/**
 * The edits that make a client use a server's IPsec values, from the client's `alignment`: edits
 * measured when the facts were extracted, whose text holds a placeholder for each value. The
 * placeholders went through the same escaping as any text written there (an embedded profile's
 * quoting, XML text), which leaves them as they are; so do the values filled in, which are single
 * words (anything else gets no edit rather than an escape this module cannot know).
 */

/** The placeholder of an element's value in an alignment's edits. */
export function valuePlaceholder(element: SuiteElement): string {
  return `\u0001${SUITE_ELEMENTS.indexOf(element)}\u0001`;
}

const WORD = /^\w+$/;

/** The edits, or undefined when the client cannot be aligned (or already is). */
export function alignEdits(client: ClientPolicyFact, server: PolicyValues): OffsetEdit[] | undefined {
  const alignment = client.alignment;
  if (!alignment) return undefined;
  const valueOf = (element: SuiteElement): string | undefined => {
    const wanted = server[element];
    return wanted === undefined ? undefined : spell(element, wanted, client.spelling);
  };
  const fill = (text: string): string | undefined => {
    let out = text;
    for (const element of SUITE_ELEMENTS) {
      if (!out.includes(valuePlaceholder(element))) continue;
      const value = valueOf(element);
      if (value === undefined || !WORD.test(value)) return undefined;
      out = out.replace(valuePlaceholder(element), value);
    }
    return out;
  };
  switch (alignment.kind) {
    case 'replace-values': {
      const edits: OffsetEdit[] = [];
      for (const element of SUITE_ELEMENTS) {
        const wanted = server[element];
        const have = client.values?.[element];
        const slot = alignment.slots[element];
        if (wanted === undefined || have === undefined || slot === undefined) continue;
        if (normaliseValue(element, wanted) === normaliseValue(element, have)) continue;
        // Half an alignment would leave a mismatch behind and claim to fix it: all or nothing.
        if (slot === null) return undefined;
        const newText = fill(slot.newText);
        if (newText === undefined) return undefined;
        edits.push({ ...slot, newText });
      }
      return edits.length ? edits : undefined;
    }
    case 'insert-suite': {
      let text = alignment.edit.newText;
      const given = SUITE_ELEMENTS.filter((element) => server[element] !== undefined);
      if (given.length === 0) return undefined;
      // The line of an element the server leaves out goes, with the line break and indentation before it.
      for (const element of SUITE_ELEMENTS) {
        if (!given.includes(element)) text = text.replace(new RegExp(`[^>]*<${element}>${valuePlaceholder(element)}</${element}>`), '');
      }
      const newText = fill(text);
      return newText === undefined ? undefined : [{ ...alignment.edit, newText }];
    }
    case 'insert-statement': {
      const newText = fill(alignment.edit.newText);
      return newText === undefined ? undefined : [{ ...alignment.edit, newText }];
    }
  }
}
