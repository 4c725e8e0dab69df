import { findRegistryValue, type RegistryValueDef } from './cmdletSchema';
import type { PowerShellDocument } from './document';
import type { PsCommand, PsValue } from './model';
import { analysedCommands, bound, itemsOf, resolveValue, resolvedText, staticText } from './commandAnalysis';

/**
 * Writes of the AOVPN registry values (schemas/registry.json) a script makes with
 * `New-ItemProperty`, `Set-ItemProperty` (named, positional or splatted — the Hicks idiom
 * `$Parameters = @{ Path = …; Name = …; PropertyType = 'DWORD'; Value = 1 }; New-ItemProperty @Parameters -Force`)
 * or `reg add <key> /v <name> /t <type> /d <data>`. Keys and names may sit in
 * variables assigned a literal earlier in the script.
 */
export interface RegistryWrite {
  tool: 'New-ItemProperty' | 'Set-ItemProperty' | 'reg';
  command: PsCommand;
  def: RegistryValueDef;
  /** The value-name argument (as written; may be a variable). */
  name: PsValue;
  /** -PropertyType / -Type / `/t`, resolved to a literal where possible. */
  type?: PsValue;
  /** -Value / `/d`, resolved to a literal where possible. */
  value?: PsValue;
}

const cache = new WeakMap<PowerShellDocument, RegistryWrite[]>();

export function registryWrites(doc: PowerShellDocument): RegistryWrite[] {
  const hit = cache.get(doc);
  if (hit) return hit;
  const out: RegistryWrite[] = [];
  for (const c of analysedCommands(doc)) {
    if (c.cmdlet.name !== 'New-ItemProperty' && c.cmdlet.name !== 'Set-ItemProperty') continue;
    const at = c.command.nameSpan.start;
    const pathValue = resolveValue(doc, bound(c, 'Path')?.value ?? bound(c, 'LiteralPath')?.value, at);
    const paths = pathValue ? itemsOf(pathValue).map((v) => staticText(v)) : [];
    const nameValue = bound(c, 'Name')?.value;
    const name = resolvedText(doc, nameValue, at);
    if (!nameValue || name === undefined || paths.length !== 1 || paths[0] === undefined) continue;
    const def = findRegistryValue(paths[0], name);
    if (!def) continue;
    const typeParam = c.cmdlet.name === 'New-ItemProperty' ? 'PropertyType' : 'Type';
    out.push({
      tool: c.cmdlet.name,
      command: c.command,
      def,
      name: nameValue,
      type: resolveValue(doc, bound(c, typeParam)?.value, at),
      value: resolveValue(doc, bound(c, 'Value')?.value, at),
    });
  }
  for (const command of doc.script.commands) {
    const write = regAdd(doc, command);
    if (write) out.push(write);
  }
  out.sort((a, b) => a.command.span.start - b.command.span.start);
  cache.set(doc, out);
  return out;
}

/** `reg add <key> /v <name> /t <type> /d <data> [/f]` (switches also written with `-`). */
function regAdd(doc: PowerShellDocument, command: PsCommand): RegistryWrite | undefined {
  if (!/^reg(?:\.exe)?$/i.test(command.name)) return undefined;
  const args = command.positional;
  if (staticText(args[0])?.toLowerCase() !== 'add' || !args[1]) return undefined;
  const at = command.nameSpan.start;
  const key = resolvedText(doc, args[1], at);
  const options = new Map<string, PsValue>();
  for (let i = 2; i < args.length - 1; i++) {
    const flag = staticText(args[i])?.toLowerCase();
    if (flag === '/v' || flag === '/t' || flag === '/d') options.set(flag.slice(1), args[++i]);
  }
  for (const p of command.parameters) {
    const flag = p.name.toLowerCase();
    if ((flag === 'v' || flag === 't' || flag === 'd') && p.value) options.set(flag, p.value);
  }
  const nameValue = options.get('v');
  const name = resolvedText(doc, nameValue, at);
  if (key === undefined || !nameValue || name === undefined) return undefined;
  const def = findRegistryValue(key, name);
  if (!def) return undefined;
  return {
    tool: 'reg',
    command,
    def,
    name: nameValue,
    type: resolveValue(doc, options.get('t'), at),
    value: resolveValue(doc, options.get('d'), at),
  };
}
