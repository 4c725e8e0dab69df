import type { Span } from '../xml/xmlTree';
import { resolveParameter } from './binding';
import { enumValue, findCmdlet, type CmdletDef, type ParameterDef } from './cmdletSchema';
import { cmdletMarkdown, parameterMarkdown, valueMarkdown } from './cmdletDocs';
import { commandLineAt } from './cmdletContext';
import type { PowerShellDocument } from './document';
import type { PsValue } from './model';
import { analysedCommands, itemsOf, staticText, writtenNameSpan } from './commandAnalysis';

/**
 * Hover in VPN cmdlet commands: the cmdlet name (what it does, module, parameter sets,
 * documentation link and sources), a parameter as written — also abbreviated, aliased, or a
 * splatted / piped hashtable key — (type, values, sets, aliases, the ProfileXML element it
 * corresponds to), and an enumeration value (meaning, weakness, ProfileXML spelling).
 */
export function hoverCmdlet(doc: PowerShellDocument, offset: number): { markdown: string; span: Span } | null {
  const within = (span: Span): boolean => span.start <= offset && offset <= span.end;
  for (const c of analysedCommands(doc)) {
    if (!c.cmdlet.vpn) continue;
    if (within(c.command.nameSpan)) {
      const written = c.command.name.replace(/^.*[\\/]/, '').replace(/\.ps1$/i, '');
      const alias = c.cmdlet.aliases.find((a) => a.toLowerCase() === written.toLowerCase());
      const note = alias ? `\`${alias}\` is the older name of **${c.cmdlet.name}**.\n\n` : '';
      return { markdown: note + cmdletMarkdown(c.cmdlet), span: c.command.nameSpan };
    }
    for (const b of c.binding.bound) {
      if (b.written && within(b.written.span)) {
        const name = doc.text.slice(...spanArgs(writtenNameSpan(doc.text, b.written.span)));
        return { markdown: parameterMarkdown(c.cmdlet, b.parameter, name), span: b.written.span };
      }
      const hit = b.value && valueAt(b.value, offset);
      if (hit) {
        const value = valueHover(c.cmdlet, b.parameter, hit);
        if (value) return value;
      }
    }
    for (const u of c.binding.unknown) {
      if (!within(u.written.span) || u.written.origin === 'pipeline') continue;
      const hint = u.suggestion ? ` Did you mean \`-${u.suggestion}\`?` : '';
      return { markdown: `\`-${u.written.name}\` is not a parameter of **${c.cmdlet.name}**.${hint}`, span: u.written.span };
    }
  }
  // Broken text the parser did not turn into a command: read the line.
  return lineHover(doc, offset);
}

function spanArgs(span: Span): [number, number] {
  return [span.start, span.end];
}

function valueAt(value: PsValue, offset: number): PsValue | undefined {
  return itemsOf(value).find((v) => v.span.start <= offset && offset <= v.span.end);
}

function valueHover(cmdlet: CmdletDef, p: ParameterDef, value: PsValue): { markdown: string; span: Span } | null {
  const written = staticText(value);
  if (written === undefined || !p.values) return null;
  const def = enumValue(p, written);
  if (!def) return null;
  return { markdown: valueMarkdown(cmdlet, p, def), span: value.span };
}

/** Hover over a parameter name in a command line the parser could not read. */
function lineHover(doc: PowerShellDocument, offset: number): { markdown: string; span: Span } | null {
  const context = commandLineAt(doc.text, offset);
  if (!context) return null;
  const cmdlet = findCmdlet(context.head.text);
  if (!cmdlet?.vpn) return null;
  if (context.head.span.start <= offset && offset <= context.head.span.end)
    return { markdown: cmdletMarkdown(cmdlet), span: context.head.span };
  const word = context.word;
  if (word.kind !== 'parameter') return null;
  const r = resolveParameter(cmdlet, word.span.end > word.span.start ? doc.text.slice(word.span.start, word.span.end) : word.text);
  if (r.kind !== 'exact' && r.kind !== 'alias' && r.kind !== 'prefix') return null;
  const name = doc.text
    .slice(word.span.start, word.span.end)
    .replace(/^[-\u2013\u2014\u2015]/, '')
    .replace(/:$/, '');
  return { markdown: parameterMarkdown(cmdlet, r.parameter, name), span: word.span };
}
