import cmdletsJson from '../../schemas/vpn-cmdlets.json';

/**
 * VPN command lines that stress the grammar, generated from schemas/vpn-cmdlets.json with a
 * seeded generator (the same inputs on every run): every quoting kind, backtick continuations,
 * `--%`, nested sub-expressions, `@( )` / `@{ }`, here-strings at line starts, typographic
 * quotes and dashes, `-Param:value`, comments inside commands, pipelines, splats and Unicode.
 * Each one is valid PowerShell; the oracle counts any PowerShell rejects.
 */

interface SchemaParameter {
  name: string;
  aliases: string[];
  type: string;
  values?: { name: string }[];
}
interface SchemaCmdlet {
  name: string;
  parameters: SchemaParameter[];
}

const CMDLETS = (cmdletsJson as unknown as { cmdlets: SchemaCmdlet[] }).cmdlets;

/** mulberry32: small, seeded, good enough to spread choices. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DASHES = ['-', '-', '-', '-', '\u2013', '\u2014', '\u2015'];
const WORDS = [
  'vpn.contoso.com',
  'Contoso VPN',
  'Größe',
  'Ü-Bahn',
  '東京',
  'naïve café',
  'emoji 🙂',
  'a$b',
  'x`ty',
  "it's",
  'C:\\Temp\\a b.xml',
  '10.0.0.0/8',
  'Group14',
  'AES256',
  'São Paulo',
];
const BARE = [
  'vpn.contoso.com',
  'Group14',
  'AES256',
  'GCMAES256',
  '10.0.0.0/8',
  'C:\\Temp\\x.xml',
  'Café',
  'Ünïcödé',
  '東京',
  'a`$b',
  'x`,y',
  'Certificate',
  'EAP',
  'ECP384',
  'SHA256128',
  'foo.bar-baz',
  '1.2.3',
  '0x10',
  '1KB',
  '42',
  '-5',
  'file:///x',
];

export interface GeneratedLine {
  id: string;
  text: string;
}

export function generateCommandLines(count: number, seed = 20261208): GeneratedLine[] {
  const rnd = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)];
  const chance = (p: number): boolean => rnd() < p;

  const singleQuoted = (s: string): string => {
    const [open, close] = chance(0.15) ? ['\u2018', '\u2019'] : ["'", "'"];
    return `${open}${s.replace(/['\u2018\u2019\u201a\u201b]/g, (q) => q + q)}${close}`;
  };
  const doubleQuoted = (s: string): string => {
    const [open, close] = chance(0.15) ? ['\u201c', '\u201d'] : ['"', '"'];
    return `${open}${s.replace(/[`"\u201c\u201d\u201e$]/g, (c) => (c === '"' && chance(0.5) ? '""' : `\`${c}`))}${close}`;
  };
  const expandable = (): string =>
    pick([
      '"$Server"',
      '"vpn.$Domain"',
      '"$($Config.Server)"',
      '"$(Get-Date -Format yyyy) $((1 + 2) * 3)"',
      '"a $(\'x\' + "$(\'y\')") b"',
      '"${My Var}.example"',
      '"$env:COMPUTERNAME`t$(@(1,2).Count)"',
      '"$($x = @{ A = \'b\' }; $x.A)"',
    ]);
  const hereString = (): string => {
    const single = chance(0.5);
    const body = pick([
      '<VPNProfile>\n  <ProfileName>Contoso</ProfileName>\n</VPNProfile>',
      "line 'one'\n\"two\" $x `n\n@'",
      'just text',
      "a'@ not the end\n  '@ indented",
    ]);
    return single ? `@'\n${body}\n'@` : `@"\n${body.replace(/\$x/g, '$($x)')}\n"@`;
  };
  const value = (p: SchemaParameter): string => {
    if (p.values && p.values.length > 0 && chance(0.5)) {
      const v = pick(p.values).name;
      return chance(0.3) ? `${v},${chance(0.5) ? ' ' : ''}${pick(p.values).name}` : v;
    }
    switch (p.type) {
      case 'bool':
        return pick(['$true', '$false', '$True', '1', '0']);
      case 'uint32':
      case 'uint16':
      case 'byte':
      case 'uint64':
        return pick(['42', '0x1F', '1KB', '(1 + 2)', '$Size', '7']);
    }
    const kind = Math.floor(rnd() * 12);
    switch (kind) {
      case 0:
        return pick(BARE);
      case 1:
        return singleQuoted(pick(WORDS));
      case 2:
        return doubleQuoted(pick(WORDS));
      case 3:
        return expandable();
      case 4:
        // Inside @( ) PowerShell is in expression mode: items are quoted, numbers or sub-expressions.
        return `@(${singleQuoted(pick(WORDS))}, ${pick(['42', '0x10', doubleQuoted(pick(WORDS)), '$true'])}, $(${pick(['1', "'x'", '$a'])}))`;
      case 5:
        return `@{ Name = ${singleQuoted(pick(WORDS))}; Value = ${pick(['1', '$true', '"x"'])} }`;
      case 6:
        return `${pick(BARE)}, ${singleQuoted(pick(WORDS))}${chance(0.5) ? `,\n    ${pick(BARE)}` : ''}`;
      case 7:
        return pick(['$Value', '$script:Value', '$env:USERDOMAIN', '${weird name}', '$Config.Server', '$Servers[0]', '$null']);
      case 8:
        return `(${pick(['Get-VpnConnection -Name x', '1..3', "'a' + 'b'", '$(Get-Date)'])})`;
      case 9:
        return `$(${pick(["'x'", '1; 2', '(Get-Item .).Name', '"$(1 + $(2))"'])})`;
      case 10:
        return `[${pick(['string', 'int', 'uint32'])}]${pick(["'5'", '5', '$x'])}`;
      default:
        return `${pick(BARE)}${pick(['', '"quoted part"', "'single part'", '$(1)'])}`;
    }
  };

  /** `tail`: a trailing comment, `--%` or a redirection may end it (only a statement's last command: a comment would swallow what follows). */
  const command = (tail = true): string => {
    const cmdlet = pick(CMDLETS);
    let name = cmdlet.name;
    if (chance(0.1)) name = name.toLowerCase();
    else if (chance(0.05)) name = name.toUpperCase();
    const parts: string[] = [name];
    const n = 1 + Math.floor(rnd() * 5);
    for (let i = 0; i < n && cmdlet.parameters.length > 0; i++) {
      const p = pick(cmdlet.parameters);
      const written =
        chance(0.1) && p.aliases.length > 0
          ? pick(p.aliases)
          : chance(0.1)
            ? p.name.slice(0, Math.max(2, Math.floor(p.name.length / 2)))
            : p.name;
      const dash = pick(DASHES);
      const separator = chance(0.15) ? ' `\n    ' : chance(0.08) ? ' <# inline #> ' : ' ';
      if (p.type === 'switch') {
        parts.push(`${separator}${dash}${written}${chance(0.3) ? `:${pick(['$false', '$true', '$False'])}` : ''}`);
        continue;
      }
      const v = chance(0.1) ? hereString() : value(p);
      if (chance(0.2) && !v.startsWith("@'") && !v.startsWith('@"') && !v.includes(',')) parts.push(`${separator}${dash}${written}:${v}`);
      else parts.push(`${separator}${dash}${written} ${v}`);
    }
    if (chance(0.05)) parts.push(` @Splat`);
    if (chance(0.05)) parts.push(` -- ${pick(BARE)}`);
    if (!tail) return parts.join('');
    if (chance(0.08)) parts.push(` # ${pick(['trailing comment', 'ça va', '-Param in a comment', "'quote"])}`);
    else if (chance(0.04)) parts.push(` --% ${pick(['/c echo "%PATH%" $x', 'raw -args "a b" | c', '--% twice'])}`);
    else if (chance(0.05)) parts.push(` 2>&1 > ${pick(['out.txt', "'C:\\log file.txt'", '$null'])}`);
    return parts.join('');
  };

  const statement = (): string => {
    const shape = rnd();
    if (shape < 0.6) return command();
    if (shape < 0.7) return `${command(false)} |\n    ${command()}`;
    if (shape < 0.75) return `[PSCustomObject]@{ Name = ${singleQuoted(pick(WORDS))}; SplitTunneling = $true } | ${command()}`;
    if (shape < 0.8)
      return `$Splat = @{ Name = ${singleQuoted(pick(WORDS))}; ServerAddress = ${doubleQuoted(pick(WORDS))} }\n${command()} @Splat`;
    if (shape < 0.86)
      return `$ProfileXML = ${chance(0.5) ? hereString() : singleQuoted(`<VPNProfile><ProfileName>${pick(WORDS)}</ProfileName></VPNProfile>`)}\n${command()}`;
    if (shape < 0.9) return `${command(false)}; ${command()}`;
    // Braces on their own lines: a trailing comment in the command would swallow a `}` on its line.
    if (shape < 0.95) return `if ($x) {\n    ${command()}\n} else {\n${command()}\n}`;
    return `foreach ($s in @('a', 'b')) {\n    ${command()}\n}`;
  };

  const out: GeneratedLine[] = [];
  for (let i = 0; i < count; i++) out.push({ id: `generated #${i + 1}`, text: `${statement()}\n` });
  return out;
}
