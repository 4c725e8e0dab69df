import { CRYPTO } from '../profilexml/crypto';
import { spell, spellingDifferences } from '../core/spelling';
import { sourcesMarkdown } from '../sources';
import { inAllSets, isMandatoryIn, setsOfParameter, type CmdletDef, type EnumValueDef, type ParameterDef } from './cmdletSchema';

/**
 * Markdown for hovers and completion documentation of the VPN cmdlets, their parameters and
 * enumeration values. Everything comes from schemas/vpn-cmdlets.json and schemas/crypto.json.
 */

/** Data text as shown: single spaces, no stray blanks at the ends. */
export function clean(text: string): string {
  return text.replace(/ {2,}/g, ' ').trim();
}

const MODULE_TEXT: Record<string, string> = {
  VpnClient: 'VpnClient module (Windows client)',
  RemoteAccess: 'RemoteAccess module (Windows Server RRAS)',
};

export function cmdletMarkdown(cmdlet: CmdletDef): string {
  const lines: string[] = [];
  const module = MODULE_TEXT[cmdlet.module] ?? cmdlet.module;
  const origin = cmdlet.thirdParty ? ' · community, not Microsoft' : '';
  lines.push(`**${cmdlet.name}** — ${module}${origin}`, '', clean(cmdlet.doc));
  if (cmdlet.note) lines.push('', clean(cmdlet.note));
  const sets = cmdlet.parameterSets.filter((s) => s !== '__AllParameterSets');
  if (sets.length > 1) {
    lines.push('', `Parameter sets: ${sets.map((s) => `\`${s}\`${s === cmdlet.defaultParameterSet ? ' (default)' : ''}`).join(', ')}`);
  }
  if (cmdlet.aliases.length)
    lines.push(
      '',
      `Also runs as ${cmdlet.aliases.map((a) => `\`${a}\``).join(', ')}${cmdlet.aliasesUnverified ? ' (not documented as a formal alias)' : ''}.`,
    );
  if (cmdlet.promptsForConfirmation === true) lines.push('', 'Asks for confirmation unless `-Force` is given.');
  lines.push('', footer(cmdlet.docUrl, cmdlet.sources));
  return lines.join('\n');
}

function footer(docUrl: string | undefined, sources: readonly string[] | undefined): string {
  const parts: string[] = [];
  if (docUrl) parts.push(`[Documentation](${docUrl})`);
  // The data cites its sources by key (schemas/sources.json); users read titles and addresses.
  if (sources?.length) parts.push(`Sources: ${sourcesMarkdown(sources)}`);
  return parts.join(' · ');
}

/** "enum DHGroup", "UInt32 300–17279999", "switch", "Boolean". */
export function parameterTypeText(p: ParameterDef): string {
  if (p.type === 'switch') return 'switch';
  if (p.type === 'bool') return 'Boolean';
  let text = p.dotnetType;
  if (p.min !== undefined || p.max !== undefined) text += ` ${p.min ?? 0}–${p.max ?? '…'}`;
  return text;
}

/** Where a parameter belongs: "mandatory" / "CustomPolicy" / "EncryptionType, CustomPolicy" / "all sets", plus where it is mandatory. */
export function parameterSetText(cmdlet: CmdletDef, p: ParameterDef): string {
  const single = cmdlet.parameterSets.length <= 1;
  const sets = setsOfParameter(cmdlet, p);
  const mandatory = sets.filter((s) => isMandatoryIn(p, s));
  if (single) return mandatory.length ? 'mandatory' : '';
  if (inAllSets(p)) return mandatory.length === sets.length && mandatory.length > 0 ? 'all sets, mandatory' : 'all sets';
  const where = sets.join(', ');
  if (mandatory.length === 0) return where;
  return mandatory.length === sets.length ? `${where} (mandatory)` : `${where}; mandatory in ${mandatory.join(', ')}`;
}

/** The security baseline value of an IPsec parameter in its PowerShell spelling. */
export function baselineSpelling(p: ParameterDef): string | undefined {
  const element = p.profileXmlElement;
  if (!element) return undefined;
  return spell(element, CRYPTO.baseline[element], 'powershell');
}

export function parameterMarkdown(cmdlet: CmdletDef, p: ParameterDef, written?: string): string {
  const lines: string[] = [];
  lines.push(`**-${p.name}** \`${parameterTypeText(p)}\` — ${cmdlet.name}`);
  if (written && written.toLowerCase() !== p.name.toLowerCase()) {
    const alias = p.aliases.find((a) => a.toLowerCase() === written.toLowerCase());
    lines.push(
      '',
      alias ? `\`-${written}\` is an alias of \`-${p.name}\`.` : `\`-${written}\` is an abbreviation PowerShell binds to \`-${p.name}\`.`,
    );
  }
  lines.push('', clean(p.doc));
  if (p.type === 'switch') lines.push('', 'Switch: present means on. To pass a value write `-' + p.name + ':$false`.');
  if (p.type === 'bool') lines.push('', 'Boolean, not a switch: write `-' + p.name + ' $true` or `-' + p.name + ' $false`.');
  if (p.values?.length) {
    const baseline = baselineSpelling(p);
    const values = p.values.map((v) => {
      const tags: string[] = [];
      if (v.weak) tags.push('weak');
      if (v.discouraged) tags.push('discouraged');
      if (baseline && v.name === baseline) tags.push('baseline');
      return `\`${v.name}\`${tags.length ? ` (${tags.join(', ')})` : ''}`;
    });
    lines.push('', `Values: ${values.join(', ')}`);
  }
  if (p.min !== undefined || p.max !== undefined)
    lines.push('', `Range: ${p.min ?? 0} to ${p.max ?? 'the type maximum'}${p.rangeNote ? ` (${clean(p.rangeNote)})` : ''}.`);
  const sets = parameterSetText(cmdlet, p);
  if (sets) lines.push('', `Parameter set${sets.includes(',') || sets.startsWith('all') ? 's' : ''}: ${sets}.`);
  if (p.aliases.length) lines.push('', `Aliases: ${p.aliases.map((a) => `\`-${a}\``).join(', ')}`);
  if (p.position !== undefined)
    lines.push('', `Position: ${p.positionUnverified ? 'documented positions disagree — name it' : 'may be given by position'}.`);
  if (p.pipelineByPropertyName) lines.push('', 'Accepts pipeline input by property name.');
  if (p.profileXmlElement) {
    const differences = spellingDifferences(p.profileXmlElement).map(([ps, xml]) => `\`${ps}\` → \`${xml}\``);
    lines.push(
      '',
      `ProfileXML: \`NativeProfile/CryptographySuite/${p.profileXmlElement}\`${differences.length ? `; spelled differently there: ${differences.join(', ')}` : ' (same spellings)'}.`,
    );
  }
  if (p.secret) lines.push('', 'Takes a secret in clear text: do not write it into the script.');
  if (p.note) lines.push('', clean(p.note));
  if (p.unverified) lines.push('', `*Not confirmed:* ${clean(p.unverified)}`);
  return lines.join('\n');
}

export function valueMarkdown(cmdlet: CmdletDef, p: ParameterDef, v: EnumValueDef): string {
  const lines: string[] = [];
  lines.push(`**${v.name}** — value of \`-${p.name}\` (${cmdlet.name})`, '', clean(v.doc));
  if (v.weak) lines.push('', v.weakLevel === 'hint' ? '*Discouraged.*' : '*Weak: avoid it.*');
  if (v.discouraged && !v.weak) lines.push('', '*Discouraged* (Microsoft does not document why).');
  const baseline = baselineSpelling(p);
  if (baseline && v.name === baseline)
    lines.push('', 'The Always On VPN security baseline value (Richard Hicks, "Always On VPN IKEv2 Security Configuration").');
  if (v.profileXml && !v.doc.includes(v.profileXml)) lines.push('', `ProfileXML spells it \`${v.profileXml}\`.`);
  if (v.minBuild) lines.push('', `Needs Windows (Server) build ${v.minBuild} or later.`);
  if (v.note) lines.push('', clean(v.note));
  if (v.unverified) lines.push('', `*Not confirmed:* ${clean(v.unverified)}`);
  return lines.join('\n');
}
