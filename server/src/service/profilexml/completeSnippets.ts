import type { ElementDef } from './schemaTypes';

/**
 * The snippet (VS Code snippet syntax) that completion inserts for an element, starting with
 * `<`. Containers use the schema's `snippet` when it has one, otherwise their required children;
 * enumerations and booleans offer their values as a choice. Indentation is written with
 * `indentUnit` (the document's own step); the editor then indents it to the cursor's line.
 */
export function completionSnippet(def: ElementDef, indentUnit: string): string {
  const body = def.snippet ?? generated(def);
  return body.replace(/^\t+/gm, (tabs) => indentUnit.repeat(tabs.length));
}

function generated(def: ElementDef): string {
  const counter = { next: 1 };
  if (def.type === 'none' || def.type === 'any') {
    const inner = requiredChildren(def, 1, counter);
    return `<${def.name}>\n${inner || `\t$${counter.next++}`}\n</${def.name}>$0`;
  }
  return `${leaf(def, counter)}$0`;
}

function requiredChildren(def: ElementDef, depth: number, counter: { next: number }): string {
  const indent = '\t'.repeat(depth);
  return (def.children ?? [])
    .filter((c) => c.minOccurs >= 1)
    .map((c) => {
      if (c.type === 'none' || c.type === 'any') {
        const inner = requiredChildren(c, depth + 1, counter);
        return `${indent}<${c.name}>\n${inner || `${indent}\t$${counter.next++}`}\n${indent}</${c.name}>`;
      }
      return indent + leaf(c, counter);
    })
    .join('\n');
}

function leaf(def: ElementDef, counter: { next: number }): string {
  const n = counter.next++;
  if (def.type === 'boolean') {
    // Whoever adds the element usually wants the value that differs from the default.
    const choices = def.default?.toLowerCase() === 'true' ? 'false,true' : 'true,false';
    return `<${def.name}>\${${n}|${choices}|}</${def.name}>`;
  }
  if (def.type === 'enum' && def.values?.length) {
    const ordered = [...def.values.filter((v) => !v.weak), ...def.values.filter((v) => v.weak)];
    return `<${def.name}>\${${n}|${ordered.map((v) => escapeChoice(v.value)).join(',')}|}</${def.name}>`;
  }
  return `<${def.name}>$${n}</${def.name}>`;
}

function escapeChoice(value: string): string {
  return value.replace(/[\\,|$}]/g, (c) => `\\${c}`);
}
