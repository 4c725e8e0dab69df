import type { Corpus, CorpusFile } from './corpus';
import { decodeForService } from './decode';
import { createRng, type Rng } from './rng';
import { scanElements, tagBoundaries, type ScannedElement } from './xmlScan';

/**
 * The input generators. `generateInput(corpus, seed, index)` is a pure function: the same
 * corpus, seed and index give the same bytes. Which generator input #i uses comes from a fixed
 * schedule (index mod SCHEDULE.length), so that generators with an exhaustive plan (truncation
 * at every tag boundary of every corpus file) can number their own inputs.
 */
export type InputKind = 'xml' | 'ps';

export interface FuzzInput {
  index: number;
  generator: string;
  kind: InputKind;
  /** The bytes as a file would hold them (what the CLI reads). */
  bytes: Buffer;
  /** For XML inputs: the text wrapped in a script (checked as a 'powershell' document). */
  script?: string;
  /** Short description of what was done, for the report. */
  note: string;
}

interface GenContext {
  corpus: Corpus;
  rng: Rng;
  /** How many inputs of this generator came before this one in the run (same for every seed). */
  ordinal: number;
  seed: string;
}

type Generator = (ctx: GenContext) => { kind: InputKind; bytes: Buffer; note: string };

// ---------- building blocks ----------

const XML_TOKENS = [
  '<',
  '>',
  '/',
  '&',
  ';',
  '"',
  "'",
  '=',
  '!',
  '?',
  '-',
  '[',
  ']',
  ':',
  ' ',
  '\n',
  '\r\n',
  '\r',
  '\t',
  'a',
  '#',
  '1',
  '<!--',
  '-->',
  '</',
  '/>',
  '<![CDATA[',
  ']]>',
  '<?xml version="1.0"?>',
  '<?pi x?>',
  '<!DOCTYPE x>',
  '<!DOCTYPE VPNProfile [<!ENTITY e "v">]>',
  '&amp;',
  '&lt;',
  '&gt;',
  '&quot;',
  '&apos;',
  '&#',
  '&#x',
  '&#65;',
  '&#x0;',
  '&#xD800;',
  '&#1114112;',
  '&e;',
  '&bogus;',
  '&amp',
  'xmlns="urn:x"',
  'xmlns:p="u"',
  'p:',
  'xmlns=""',
  'a="1"',
  "b='2'",
  'c=',
  '="',
  '<p:NativeProfile>',
  '</p:NativeProfile>',
  '\u00e9',
  '\u0085',
  '\u2028',
  '\u2029',
  '\uFEFF',
  '\u0000',
  '\u0001',
  '\uFFFE',
  '\uFFFF',
  '\uD800',
  '\uDC00',
  '\uD83D\uDE00',
  '\u200B',
  '\u202E',
  'true',
  'false',
  'TRUE',
  'IKEv2',
  'Ikev2',
  'SplitTunnel',
  'ForceTunnel',
  'Automatic',
  'SSTP',
  'PPTP',
  'L2TP',
  'Eap',
  'Certificate',
  'AES128',
  'GCMAES256',
  'Group14',
  'ECP384',
  'PFS2048',
  'SHA256128',
  'SHA196',
  'DES3',
  '10.0.0.0',
  '::',
  '8',
  '33',
  '-1',
  '4294967296',
  '<VPNProfile>',
  '</VPNProfile>',
  '<NativeProfile>',
  '</NativeProfile>',
  '<Route>',
  '</Route>',
  '<Authentication>',
  '</Authentication>',
  '<CryptographySuite>',
  '</CryptographySuite>',
  '<EapHostConfig>',
  '</EapHostConfig>',
  '<DomainNameInformation>',
  '<TrafficFilter>',
  '<!-- profilexml-disable-next-line weak-crypto -->',
  '<!-- profilexml-disable-next-line -->',
];

const VALUES = [
  '',
  ' ',
  '\n',
  '  \r\n  ',
  'true',
  'false',
  'True',
  'FALSE',
  '0',
  '1',
  '-1',
  '2',
  '8',
  '32',
  '33',
  '128',
  '65535',
  '65536',
  '4294967295',
  '4294967296',
  '99999999999999999999999',
  '1e3',
  '0x10',
  ' 8 ',
  'IKEv2',
  'ikev2',
  'Automatic',
  'SSTP',
  'L2tp',
  'Pptp',
  'ProtocolList',
  'SplitTunnel',
  'ForceTunnel',
  'Certificate',
  'EAP',
  'Eap',
  'MSChapv2',
  'Token',
  'AES128',
  'AES256',
  'AES_GCM_128',
  'GCMAES128',
  'GCMAES256',
  'DES',
  'DES3',
  'None',
  'Group2',
  'Group14',
  'ECP256',
  'ECP384',
  'PFS2048',
  'PFSMM',
  'PFS24',
  'SHA196',
  'SHA256128',
  'GCMAES128',
  'MD5',
  'SHA1',
  'SHA256',
  'SHA384',
  '10.0.0.0',
  '10.0.0.256',
  '::1',
  'fe80::/64',
  '0.0.0.0',
  '255.255.255.255',
  '1.2.3',
  'vpn.example.com',
  'vpn.example.com;vpn.example.com',
  ';',
  ';;',
  'a;b;',
  '.corp.example.com',
  'corp.example.com,other.example.com',
  '%',
  '$ServerAddress',
  '$(Get-Date)',
  '${x}',
  '00 11 22 33 44 55 66 77 88 99 AA BB CC DD EE FF 00 11 22 33',
  'AA BB',
  'zz',
  '27 ac 3b 12',
  '{00000000-0000-0000-0000-000000000000}',
  '&amp;',
  '&lt;x&gt;',
  '<![CDATA[<x>]]>',
  '<!-- c -->',
  '\u0000',
  '\uD800',
  '\uFFFD',
  '\u00e9\u00e8',
  'x'.repeat(300),
  ' '.repeat(200),
];

const PS_TOKENS = [
  ' ',
  ' ',
  ' ',
  '\n',
  '\r\n',
  '\t',
  '`',
  '`\n',
  '|',
  ';',
  '&',
  '&&',
  '||',
  '(',
  ')',
  '{',
  '}',
  '[',
  ']',
  '@(',
  '@{',
  '$(',
  ',',
  '.',
  '..',
  '::',
  '=',
  '+=',
  '-eq',
  '-replace',
  '-join',
  '-f',
  '-and',
  '-not',
  '!',
  '#',
  '<#',
  '#>',
  '# aovpn-disable-next-line ps-weak-crypto',
  "'",
  '"',
  "''",
  '""',
  '`"',
  "@'",
  "'@",
  '@"',
  '"@',
  "@'\n",
  "\n'@",
  '@"\n',
  '\n"@',
  '$',
  '$x',
  '$ProfileXML',
  '${a b}',
  '$env:TEMP',
  '$null',
  '$true',
  '$false',
  '$_',
  '@x',
  '1',
  '0',
  '-1',
  '0x10',
  '1kb',
  '1.5',
  '[string]',
  '[xml]',
  '[int]',
  '[Microsoft.Management.Infrastructure.CimProperty]::Create',
  'Add-VpnConnection',
  'Set-VpnConnection',
  'Set-VpnServerConfiguration',
  'Set-VpnConnectionIPsecConfiguration',
  'New-ItemProperty',
  'New-CimInstance',
  'Set-VpnAuthProtocol',
  'Remove-VpnConnection',
  'Get-VpnConnection',
  'Restart-Service',
  'function',
  'param',
  'if',
  'else',
  'foreach',
  'switch',
  'try',
  'catch',
  '-Name',
  '-ServerAddress',
  '-TunnelType',
  '-EncryptionLevel',
  '-AuthenticationMethod',
  '-CustomPolicy',
  '-AuthenticationTransformConstants',
  '-CipherTransformConstants',
  '-DHGroup',
  '-EncryptionMethod',
  '-IntegrityCheckMethod',
  '-PfsGroup',
  '-Force',
  '-PassThru',
  '-AllUserConnection',
  '-SplitTunneling',
  '-L2tpPsk',
  '-Path',
  '-PropertyType',
  '-Value',
  '-Namespace',
  '-ClassName',
  '-Property',
  '-ConnectionName',
  '-Name:',
  '-',
  '--',
  'IKEv2',
  'Ikev2',
  'Sstp',
  'Pptp',
  'L2tp',
  'Automatic',
  'AES128',
  'GCMAES256',
  'DES3',
  'Group2',
  'Group14',
  'ECP384',
  'PFS2048',
  'None',
  'SHA196',
  'SHA256128',
  'MachineCertificate',
  'EAP',
  'MSChapv2',
  'Required',
  'NoEncryption',
  'Maximum',
  'Optional',
  'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\RasMan\\Parameters',
  'DisableIKEv2Fragmentation',
  'NegotiateDH2048_AES256',
  'DWORD',
  "'VPN'",
  '"VPN"',
  '"Corp $x VPN"',
  "'vpn.example.com'",
  '<VPNProfile>',
  '</VPNProfile>',
  '\u00e9',
  '\u2028',
  '\u0085',
  '\uFEFF',
  '\u0000',
  '\uD800',
  '\u201C',
  '\u2018',
  '\u2013Name',
  '\u00A0',
];

const PS_VALUES = [
  'AES128',
  'AES256',
  'AES192',
  'DES',
  'DES3',
  'GCMAES128',
  'GCMAES192',
  'GCMAES256',
  'None',
  'Group1',
  'Group2',
  'Group14',
  'Group24',
  'ECP256',
  'ECP384',
  'PFS1',
  'PFS2',
  'PFS2048',
  'PFS24',
  'PFSMM',
  'ECP256',
  'MD596',
  'SHA196',
  'SHA256128',
  'GCMAES128',
  'MD5',
  'SHA1',
  'SHA256',
  'SHA384',
  'IKEv2',
  'Ikev2',
  'Sstp',
  'L2tp',
  'Pptp',
  'Automatic',
  'Required',
  'Maximum',
  'Optional',
  'NoEncryption',
  'Custom',
  'MachineCertificate',
  'Eap',
  'MSChapv2',
  'Chap',
  'Pap',
  'PSK',
  '$true',
  '$false',
  '$null',
  '1',
  '0',
  '-1',
  '2147483648',
  '99999999999999999999',
  '1kb',
  '0x1',
  "''",
  '""',
  "'x'",
  '"$x"',
  '$x',
  '$env:X',
  '@()',
  '@(1,2)',
  '@{}',
  '@{a=1}',
  '$(Get-Date)',
  '(1+1)',
  'a,b',
  'vpn.example.com',
  "'vpn.example.com'",
  '[int]1',
  '[string]$x',
  '@Params',
  '{}',
  '{ $_ }',
  'SHA256128,AES128',
  '"AES128"',
  "'Group14'",
  '`',
  '-',
  '--',
];

const WRAP_NAMES = ['$ProfileXML', '$ProfileXml', '$xml', '$Profile', '$DesiredXml', '$VPNProfile', '${Profile XML}', '$script:ProfileXML'];

function randomToken(rng: Rng, tokens: readonly string[], corpus: Corpus): string {
  const r = rng.next();
  if (r < 0.7) return rng.pick(tokens);
  if (r < 0.85 && corpus.elementNames.length) {
    const name = rng.pick(corpus.elementNames);
    return rng.pick([`<${name}>`, `</${name}>`, `<${name}/>`, name, `<${name} `]);
  }
  if (corpus.values.length) return rng.pick(corpus.values);
  return rng.pick(tokens);
}

/** 1..n small edits at random places: insert a token, delete a few characters, replace a character, duplicate a slice. */
function mutateText(text: string, rng: Rng, corpus: Corpus, tokens: readonly string[], edits = rng.range(1, 4)): string {
  let t = text;
  for (let i = 0; i < edits; i++) {
    const at = rng.int(t.length + 1);
    const op = rng.int(6);
    if (op <= 1) t = t.slice(0, at) + randomToken(rng, tokens, corpus) + t.slice(at);
    else if (op === 2) t = t.slice(0, at) + t.slice(at + rng.range(1, 8));
    else if (op === 3) t = t.slice(0, at) + randomToken(rng, tokens, corpus) + t.slice(at + 1);
    else if (op === 4) {
      const len = rng.range(1, 40);
      t = t.slice(0, at) + t.slice(at, at + len) + t.slice(at);
    } else {
      // Swap two characters (breaks tags and entities in subtle ways).
      if (t.length > 1 && at < t.length - 1) t = t.slice(0, at) + t[at + 1] + t[at] + t.slice(at + 2);
    }
  }
  return t;
}

function pickProfile(ctx: GenContext, small = false): CorpusFile {
  const { corpus, rng } = ctx;
  if (small) {
    // Prefer the smaller files: most inputs should be cheap.
    const sorted = corpus.profiles.slice().sort((a, b) => a.text.length - b.text.length);
    return sorted[rng.int(Math.max(1, Math.ceil(sorted.length / 2)))];
  }
  return rng.pick(corpus.profiles);
}

/** Encodes text the way files are found: mostly UTF-8, sometimes as the source file was stored. */
function encodeLike(text: string, rng: Rng, like?: CorpusFile): Buffer {
  if (like && like.encoding !== 'utf8' && rng.bool(0.7)) return encode(text, like.encoding, like.bom);
  if (rng.bool(0.05)) return encode(text, 'utf8', true);
  return encode(text, 'utf8', false);
}

export function encode(text: string, encoding: 'utf8' | 'utf16le' | 'utf16be', bom: boolean): Buffer {
  if (encoding === 'utf8') return Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
  const le = Buffer.from(text, 'utf16le');
  if (encoding === 'utf16be') le.swap16();
  const mark = encoding === 'utf16le' ? [0xff, 0xfe] : [0xfe, 0xff];
  return Buffer.concat([bom ? Buffer.from(mark) : Buffer.alloc(0), le]);
}

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');

function matched(text: string): ScannedElement[] {
  return scanElements(text).filter((e) => e.end >= 0);
}

// ---------- PowerShell wrapping ----------

/** A ProfileXML text as PowerShell scripts carry it: here-strings, quoted strings, concatenations, the WMI bridge. */
export function wrapInScript(xml: string, rng: Rng, corpus: Corpus): string {
  const name = rng.pick(WRAP_NAMES);
  const nl = rng.bool(0.2) ? '\r\n' : '\n';
  const style = rng.int(9);
  let body: string;
  switch (style) {
    case 0:
    case 1:
      body = `${name} = @'${nl}${xml}${nl}'@`;
      break;
    case 2:
      body = `${name} = @"${nl}${xml}${nl}"@`;
      break;
    case 3:
      body = `${name} = '${rng.bool(0.8) ? xml.replace(/'/g, "''") : xml}'`;
      break;
    case 4:
      body = `${name} = "${rng.bool(0.6) ? xml.replace(/"/g, '""').replace(/\$/g, '`$') : xml}"`;
      break;
    case 5: {
      // Built line by line.
      const lines = xml.split(/\r?\n/);
      body = `${name} = ''${nl}` + lines.map((l) => `${name} += '${l.replace(/'/g, "''")}'`).join(nl);
      break;
    }
    case 6:
      body = `[xml]${name.replace(/^\$/, '$x')} = @'${nl}${xml}${nl}'@${nl}${name} = ${name.replace(/^\$/, '$x')}.OuterXml`;
      break;
    case 7:
      // Unterminated: the closing marker is missing or misplaced.
      body = rng.bool() ? `${name} = @'${nl}${xml}` : `${name} = @'${nl}${xml} '@`;
      break;
    default:
      body = `${name} = @'${xml}'@`; // here-string opener without the newline: not a here-string
  }
  const before: string[] = [];
  const after: string[] = [];
  if (rng.bool(0.5))
    before.push(
      rng.pick([
        '$ConnectionName = "AOVPN"',
        "$ProfileName = 'Always On VPN'",
        '#Requires -RunAsAdministrator',
        'param([string]$Name = "VPN")',
        '<# profile #>',
      ]),
    );
  if (rng.bool(0.3)) before.push('# aovpn-disable-next-line');
  if (rng.bool(0.6)) {
    after.push(`${name} = ${name} -replace '<', '&lt;' -replace '>', '&gt;' -replace '"', '&quot;'`);
  }
  if (rng.bool(0.7)) {
    after.push(
      rng.pick([
        `$nodeCSPURI = './Vendor/MSFT/VPNv2'${nl}$namespaceName = 'root\\cimv2\\mdm\\dmmap'${nl}$className = 'MDM_VPNv2_01'${nl}$newInstance = New-Object Microsoft.Management.Infrastructure.CimInstance $className, $namespaceName${nl}$property = [Microsoft.Management.Infrastructure.CimProperty]::Create('ProfileXML', ${name}, 'Property')${nl}$newInstance.CimInstanceProperties.Add($property)${nl}$session.CreateInstance($namespaceName, $newInstance, $options)`,
        `New-CimInstance -Namespace root\\cimv2\\mdm\\dmmap -ClassName MDM_VPNv2_01 -Property @{ ParentID = './Vendor/MSFT/VPNv2'; InstanceID = 'AOVPN'; ProfileXML = ${name} }`,
        `Add-VpnConnection -Name 'AOVPN' -ServerAddress vpn.example.com -EapConfigXmlStream ${name}`,
        `Set-Content -Path .\\profile.xml -Value ${name}`,
      ]),
    );
  }
  for (let i = rng.int(3); i > 0 && corpus.cmdletLines.length; i--) (rng.bool() ? before : after).push(rng.pick(corpus.cmdletLines));
  return [...before, body, ...after].join(nl) + (rng.bool(0.8) ? nl : '');
}

// ---------- XML generators ----------

const xmlText = (ctx: GenContext, text: string, note: string, like?: CorpusFile): { kind: InputKind; bytes: Buffer; note: string } => ({
  kind: 'xml',
  bytes: encodeLike(text, ctx.rng, like),
  note,
});

const mutateTextGen: Generator = (ctx) => {
  const file = pickProfile(ctx, ctx.rng.bool(0.6));
  return xmlText(ctx, mutateText(file.text, ctx.rng, ctx.corpus, XML_TOKENS), `text edits on ${file.name}`, file);
};

const byteFlipGen: Generator = (ctx) => {
  const { rng } = ctx;
  const file = pickProfile(ctx, rng.bool(0.6));
  const bytes = Buffer.from(file.bytes);
  const n = rng.range(1, 6);
  let out = bytes;
  for (let i = 0; i < n; i++) {
    const at = rng.int(out.length);
    const op = rng.int(4);
    if (op === 0) out[at] ^= 1 << rng.int(8);
    else if (op === 1) out[at] = rng.int(256);
    else if (op === 2) out = Buffer.concat([out.subarray(0, at), Buffer.from([rng.int(256)]), out.subarray(at)]);
    else out = Buffer.concat([out.subarray(0, at), out.subarray(at + rng.range(1, 3))]);
  }
  return { kind: 'xml', bytes: out, note: `${n} byte edits on ${file.name} (${file.encoding}${file.bom ? ' BOM' : ''})` };
};

/** Exhaustive: the k-th truncation input cuts the k-th (file, boundary) pair, both at the boundary and one character on. */
const truncateGen: Generator = (ctx) => {
  const { corpus, ordinal } = ctx;
  const plan = truncationPlan(corpus);
  const total = plan.total;
  const k = (ordinal + (hashSeed(ctx.seed) % Math.max(1, total))) % Math.max(1, total);
  let fileIndex = 0;
  while (fileIndex < plan.offsets.length - 1 && plan.offsets[fileIndex + 1] <= k) fileIndex++;
  const file = corpus.profiles[fileIndex];
  const cut = plan.boundaries[fileIndex][k - plan.offsets[fileIndex]] ?? file.text.length;
  const text = file.text.slice(0, cut);
  return xmlText(ctx, text, `${file.name} cut at offset ${cut} (${k + 1}/${total})`, file);
};

const planCache = new WeakMap<Corpus, { boundaries: number[][]; offsets: number[]; total: number }>();
function truncationPlan(corpus: Corpus): { boundaries: number[][]; offsets: number[]; total: number } {
  let plan = planCache.get(corpus);
  if (!plan) {
    const boundaries = corpus.profiles.map((p) => tagBoundaries(p.text));
    const offsets: number[] = [];
    let total = 0;
    for (const b of boundaries) {
      offsets.push(total);
      total += b.length;
    }
    plan = { boundaries, offsets, total };
    planCache.set(corpus, plan);
  }
  return plan;
}

/** Total (file, boundary) pairs: a run of this many truncation inputs cuts every file at every tag boundary. */
export function truncationCount(corpus: Corpus): number {
  return truncationPlan(corpus).total;
}

function hashSeed(seed: string): number {
  let h = 0;
  for (let i = 0; i < seed.length; i++) h = (h * 31 + seed.charCodeAt(i)) >>> 0;
  return h;
}

const elementDeleteGen: Generator = (ctx) => {
  const file = pickProfile(ctx, ctx.rng.bool(0.5));
  let text = file.text;
  const n = ctx.rng.range(1, 3);
  const names: string[] = [];
  for (let i = 0; i < n; i++) {
    const els = matched(text);
    if (!els.length) break;
    const e = ctx.rng.pick(els);
    names.push(e.name);
    const r = ctx.rng.int(4);
    if (r === 0)
      text = text.slice(0, e.start) + text.slice(e.startTagEnd); // start tag only
    else if (r === 1)
      text = text.slice(0, e.innerEnd) + text.slice(e.end); // end tag only
    else if (r === 2)
      text = text.slice(0, e.startTagEnd) + text.slice(e.innerEnd); // content only
    else text = text.slice(0, e.start) + text.slice(e.end); // the whole element
  }
  return xmlText(ctx, text, `deleted parts of ${names.join(', ')} in ${file.name}`, file);
};

const elementDuplicateGen: Generator = (ctx) => {
  const file = pickProfile(ctx, ctx.rng.bool(0.5));
  const els = matched(file.text);
  if (!els.length) return xmlText(ctx, file.text + file.text, `doubled ${file.name}`, file);
  const e = ctx.rng.pick(els);
  const copy = file.text.slice(e.start, e.end);
  const times = ctx.rng.bool(0.9) ? 1 : ctx.rng.range(2, 50);
  const at = ctx.rng.bool(0.7) ? e.end : ctx.rng.pick(els).startTagEnd; // beside itself, or into another element
  const text = file.text.slice(0, at) + copy.repeat(times) + file.text.slice(at);
  return xmlText(ctx, text, `duplicated <${e.name}> ×${times} in ${file.name}`, file);
};

const elementReorderGen: Generator = (ctx) => {
  const { rng } = ctx;
  const file = pickProfile(ctx, rng.bool(0.5));
  const els = matched(file.text);
  const text = file.text;
  if (els.length < 2) return xmlText(ctx, text, `unchanged ${file.name}`, file);
  const a = rng.pick(els);
  const siblings = els.filter((e) => e.parent === a.parent && e !== a && (e.end <= a.start || e.start >= a.end));
  if (siblings.length && rng.bool(0.7)) {
    const b = rng.pick(siblings);
    const [first, second] = a.start < b.start ? [a, b] : [b, a];
    const swapped =
      text.slice(0, first.start) +
      text.slice(second.start, second.end) +
      text.slice(first.end, second.start) +
      text.slice(first.start, first.end) +
      text.slice(second.end);
    return xmlText(ctx, swapped, `swapped <${a.name}> and <${b.name}> in ${file.name}`, file);
  }
  // Move the element under another one (or to the top level / after the root).
  const moved = text.slice(a.start, a.end);
  const without = text.slice(0, a.start) + text.slice(a.end);
  const targets = matched(without);
  const target = targets.length ? rng.pick(targets) : undefined;
  const at = target ? (rng.bool() ? target.startTagEnd : target.end) : without.length;
  return xmlText(
    ctx,
    without.slice(0, at) + moved + without.slice(at),
    `moved <${a.name}> to ${target ? `<${target.name}>` : 'the end'} in ${file.name}`,
    file,
  );
};

const elementRenameGen: Generator = (ctx) => {
  const { rng, corpus } = ctx;
  const file = pickProfile(ctx, rng.bool(0.5));
  const els = matched(file.text);
  if (!els.length) return xmlText(ctx, file.text, `unchanged ${file.name}`, file);
  const e = rng.pick(els);
  const variants = [
    rng.pick(corpus.elementNames),
    e.name.toLowerCase(),
    e.name.toUpperCase(),
    e.name.slice(0, -1),
    e.name + 's',
    e.name.slice(1),
    `p:${e.name}`,
    e.name.replace(/[aeiou]/, ''),
    `${e.name}${e.name}`,
    'X',
  ];
  const name = rng.pick(variants);
  const startTag = file.text.slice(e.start, e.startTagEnd).replace(e.name, name);
  const both = rng.bool(0.7);
  const endTag =
    e.innerEnd < e.end ? (both ? file.text.slice(e.innerEnd, e.end).replace(e.name, name) : file.text.slice(e.innerEnd, e.end)) : '';
  const text = file.text.slice(0, e.start) + startTag + file.text.slice(e.startTagEnd, e.innerEnd) + endTag + file.text.slice(e.end);
  return xmlText(ctx, text, `renamed <${e.name}> to <${name}>${both ? '' : ' (start tag only)'} in ${file.name}`, file);
};

const valueReplaceGen: Generator = (ctx) => {
  const { rng, corpus } = ctx;
  const file = pickProfile(ctx, rng.bool(0.5));
  let text = file.text;
  const n = rng.range(1, 4);
  const notes: string[] = [];
  for (let i = 0; i < n; i++) {
    const all = scanElements(text);
    const parents = new Set(all.map((e) => e.parent));
    const els = all.filter((e) => e.end >= 0);
    const leaves = all.filter((e, i) => e.end >= 0 && !parents.has(i));
    const pool = leaves.length ? leaves : els;
    if (!pool.length) break;
    const e = rng.pick(pool);
    const value = rng.bool(0.8) ? rng.pick(VALUES) : rng.pick(corpus.values);
    if (e.innerEnd === e.startTagEnd && e.end === e.startTagEnd) {
      // Self-closing: give it content.
      const open = text.slice(e.start, e.end).replace(/\s*\/>$/, '>');
      text = text.slice(0, e.start) + open + value + `</${e.name}>` + text.slice(e.end);
    } else {
      text = text.slice(0, e.startTagEnd) + value + text.slice(e.innerEnd);
    }
    notes.push(`<${e.name}>=${JSON.stringify(value.slice(0, 20))}`);
  }
  return xmlText(ctx, text, `values ${notes.join(' ')} in ${file.name}`, file);
};

/** Small random markup: tokens, element names and values, often inside a VPNProfile root. */
const soupGen: Generator = (ctx) => {
  const { rng, corpus } = ctx;
  const parts: string[] = [];
  for (let i = rng.range(1, 30); i > 0; i--) parts.push(randomToken(rng, XML_TOKENS, corpus));
  const body = parts.join(rng.bool() ? '' : ' ');
  const text = rng.bool(0.7) ? `<VPNProfile>${body}</VPNProfile>` : body;
  return { kind: 'xml', bytes: utf8(text), note: `${parts.length} random tokens` };
};

/** A random tree of profile element names with random values: structurally plausible, semantically wild. */
const smallTreeGen: Generator = (ctx) => {
  const { rng, corpus } = ctx;
  const names = corpus.elementNames.length ? corpus.elementNames : ['VPNProfile'];
  const indent = rng.pick(['  ', '\t', '    ', '']);
  const nl = rng.pick(['\n', '\r\n', '']);
  let budget = rng.range(3, 40);
  const build = (depth: number): string => {
    const children: string[] = [];
    for (let i = rng.range(1, 5); i > 0 && budget > 0; i--) {
      budget--;
      const name = rng.pick(names);
      const pad = nl ? indent.repeat(depth + 1) : '';
      if (depth < 5 && rng.bool(0.35)) children.push(`${pad}<${name}>${nl}${build(depth + 1)}${pad}</${name}>${nl}`);
      else if (rng.bool(0.1)) children.push(`${pad}<${name}/>${nl}`);
      else children.push(`${pad}<${name}>${rng.pick(VALUES)}</${name}>${nl}`);
    }
    return children.join('');
  };
  const text = `${rng.bool(0.2) ? '<?xml version="1.0" encoding="utf-8"?>' + nl : ''}<VPNProfile>${nl}${build(0)}</VPNProfile>${nl}`;
  return { kind: 'xml', bytes: utf8(text), note: 'random element tree' };
};

const spliceGen: Generator = (ctx) => {
  const a = pickProfile(ctx);
  const b = pickProfile(ctx);
  const ba = tagBoundaries(a.text);
  const bb = tagBoundaries(b.text);
  const cutA = ba.length ? ctx.rng.pick(ba) : ctx.rng.int(a.text.length);
  const cutB = bb.length ? ctx.rng.pick(bb) : ctx.rng.int(b.text.length);
  return xmlText(ctx, a.text.slice(0, cutA) + b.text.slice(cutB), `${a.name}[..${cutA}] + ${b.name}[${cutB}..]`, a);
};

const bomGen: Generator = (ctx) => {
  const { rng } = ctx;
  const file = pickProfile(ctx, true);
  const t = file.text;
  const variants: [string, () => Buffer][] = [
    ['UTF-8 BOM', () => encode(t, 'utf8', true)],
    ['UTF-16LE BOM', () => encode(t, 'utf16le', true)],
    ['UTF-16BE BOM', () => encode(t, 'utf16be', true)],
    ['UTF-16LE no BOM', () => encode(t, 'utf16le', false)],
    ['UTF-16BE no BOM', () => encode(t, 'utf16be', false)],
    ['two BOMs', () => encode('\uFEFF' + t, 'utf8', true)],
    ['BOM character inside', () => encode(t.slice(0, t.length >> 1) + '\uFEFF' + t.slice(t.length >> 1), 'utf8', rng.bool())],
    ['UTF-16LE BOM on UTF-8 bytes', () => Buffer.concat([Buffer.from([0xff, 0xfe]), utf8(t)])],
    ['UTF-8 BOM on UTF-16 bytes', () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, 'utf16le')])],
    ['UTF-32LE BOM', () => Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from(t, 'utf16le')])],
    ['UTF-16LE odd length', () => encode(t, 'utf16le', true).subarray(0, Math.max(3, 2 * t.length))],
    [
      'BOM only',
      () =>
        Buffer.from(
          rng.pick([
            [0xef, 0xbb, 0xbf],
            [0xff, 0xfe],
            [0xfe, 0xff],
          ]),
        ),
    ],
    ['XML declaration says UTF-16', () => encode(`<?xml version="1.0" encoding="UTF-16"?>\n${t}`, 'utf8', false)],
  ];
  const [name, make] = rng.pick(variants);
  return { kind: 'xml', bytes: make(), note: `${name}: ${file.name}` };
};

const eolGen: Generator = (ctx) => {
  const { rng } = ctx;
  const file = pickProfile(ctx, rng.bool(0.6));
  const lines = file.text.split(/\r\n|\r|\n/);
  const breaks = ['\n', '\r\n', '\r', '\n\r', '\u2028', '\u0085', '\r\r\n'];
  const mode = rng.int(3);
  let out = '';
  for (let i = 0; i < lines.length; i++) {
    out += lines[i];
    if (i < lines.length - 1)
      out += mode === 0 ? rng.pick(breaks.slice(0, 2)) : mode === 1 ? rng.pick(breaks.slice(0, 3)) : rng.pick(breaks);
  }
  if (rng.bool(0.3)) out = out.replace(/>/g, (m) => (rng.bool(0.05) ? `>${rng.pick(breaks)}` : m));
  if (rng.bool(0.2)) out = out.replace(/\n/g, rng.bool() ? '\r' : '\r\n');
  return xmlText(ctx, out, `mixed line ends (mode ${mode}) in ${file.name}`, file);
};

const invalidUtf8Gen: Generator = (ctx) => {
  const { rng } = ctx;
  const file = pickProfile(ctx, rng.bool(0.6));
  const bad = [
    [0x80],
    [0xbf],
    [0xc0, 0x80],
    [0xc3],
    [0xe2, 0x82],
    [0xed, 0xa0, 0x80],
    [0xf4, 0x90, 0x80, 0x80],
    [0xf8, 0x88, 0x80, 0x80, 0x80],
    [0xfe],
    [0xff],
    [0xe0, 0x80, 0xaf],
    [0xf0, 0x9f, 0x98],
  ];
  let bytes = utf8(file.text);
  const n = rng.range(1, 3);
  for (let i = 0; i < n; i++) {
    const at = rng.int(bytes.length + 1);
    bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(rng.pick(bad)), bytes.subarray(at)]);
  }
  if (rng.bool(0.2)) bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
  return { kind: 'xml', bytes, note: `${n} invalid UTF-8 sequences in ${file.name}` };
};

const HUGE = 100 * 1024;

const hugeValueGen: Generator = (ctx) => {
  const { rng } = ctx;
  const file = pickProfile(ctx, true);
  const els = matched(file.text);
  const target = els.length ? rng.pick(els) : undefined;
  const kinds: [string, () => string][] = [
    [
      'random text',
      () =>
        Array.from({ length: HUGE / 8 }, () =>
          rng.pick(['abcdefgh', '12345678', 'vpn.exa;', 'AES128 ;', '&amp;&lt;', 'é€😀ab', '  \t\n  ']),
        ).join(''),
    ],
    ['one long line', () => 'x'.repeat(HUGE)],
    ['whitespace', () => ' \n'.repeat(HUGE / 2)],
    ['many servers', () => Array.from({ length: HUGE / 20 }, (_, i) => `vpn${i}.example.com`).join(';')],
    [
      'many routes',
      () =>
        Array.from(
          { length: HUGE / 90 },
          (_, i) => `<Route><Address>10.${(i >> 8) & 255}.${i & 255}.0</Address><PrefixSize>24</PrefixSize></Route>`,
        ).join('\n'),
    ],
    ['many unknown elements', () => Array.from({ length: HUGE / 24 }, (_, i) => `<Unknown${i % 50}>v</Unknown${i % 50}>`).join('')],
    ['long attribute', () => `<x a="${'y'.repeat(HUGE)}"/>`],
    ['long comment', () => `<!--${'c'.repeat(HUGE)}-->`],
    ['long CDATA', () => `<![CDATA[${'<x>'.repeat(HUGE / 3)}]]>`],
    ['long name', () => `<${'N'.repeat(HUGE / 4)}>v</${'N'.repeat(HUGE / 4)}>`],
    ['many entities', () => '&amp;&#65;&#x42;&lt;'.repeat(HUGE / 20)],
    ['many lines', () => '\n'.repeat(HUGE)],
  ];
  const [name, make] = rng.pick(kinds);
  const value = make();
  const text = target ? file.text.slice(0, target.startTagEnd) + value + file.text.slice(target.innerEnd) : file.text + value;
  return xmlText(ctx, text, `100 KB ${name} in <${target?.name ?? 'end'}> of ${file.name}`, file);
};

const DEEP = 10_000;

const deepNestingGen: Generator = (ctx) => {
  const { rng, corpus } = ctx;
  const file = pickProfile(ctx, true);
  const names = rng.pick([['a'], ['NativeProfile'], ['Route', 'Address'], corpus.elementNames.slice(0, 20)]);
  const open = Array.from({ length: DEEP }, (_, i) => `<${names[i % names.length]}>`);
  const close = Array.from({ length: DEEP }, (_, i) => `</${names[(DEEP - 1 - i) % names.length]}>`);
  const mode = rng.int(4);
  const nl = rng.bool(0.3) ? '\n' : '';
  const inner =
    mode === 0
      ? open.join(nl) + 'v' + close.join(nl)
      : mode === 1
        ? open.join(nl)
        : mode === 2
          ? open.join(nl) + close.slice(0, DEEP / 2).join(nl)
          : close.join(nl) + open.join(nl);
  const els = matched(file.text);
  const target = els.length ? rng.pick(els) : undefined;
  const text = target ? file.text.slice(0, target.startTagEnd) + inner + file.text.slice(target.startTagEnd) : inner;
  return xmlText(
    ctx,
    text,
    `${DEEP} levels of <${names[0]}> (${['closed', 'unclosed', 'half closed', 'closed before opened'][mode]}) in <${target?.name ?? '-'}> of ${file.name}`,
    file,
  );
};

// ---------- PowerShell generators ----------

const psText = (text: string, note: string, rng: Rng): { kind: InputKind; bytes: Buffer; note: string } => ({
  kind: 'ps',
  bytes: rng.bool(0.05) ? encode(text, 'utf16le', true) : rng.bool(0.05) ? encode(text, 'utf8', true) : utf8(text),
  note,
});

/** A corpus profile (sometimes mutated first) inside a script. */
const psWrapGen: Generator = (ctx) => {
  const { rng, corpus } = ctx;
  const file = pickProfile(ctx, rng.bool(0.6));
  let xml = file.text;
  if (rng.bool(0.5)) xml = mutateText(xml, rng, corpus, XML_TOKENS);
  if (rng.bool(0.2)) xml = xml.replace(/vpn[\w.-]*\.\w+/i, '$ServerAddress');
  const script = wrapInScript(xml, rng, corpus);
  return psText(rng.bool(0.3) ? mutateText(script, rng, corpus, PS_TOKENS) : script, `${file.name} wrapped`, rng);
};

function mutateCmdletLine(line: string, rng: Rng): string {
  const op = rng.int(9);
  const params = [...line.matchAll(/\s-(\w+)(:?)(\s+(?!-)(?:'[^']*'|"[^"]*"|@\{[^}]*\}|@\([^)]*\)|\S+))?/g)];
  if (!params.length) return line;
  const p = rng.pick(params);
  const at = p.index ?? 0;
  const end = at + p[0].length;
  switch (op) {
    case 0:
      return line.slice(0, at) + line.slice(end); // drop a parameter
    case 1:
      return line + p[0]; // repeat it
    case 2:
      return line.slice(0, at) + ` -${p[1]} ${rng.pick(PS_VALUES)}` + line.slice(end); // another value
    case 3:
      return line.slice(0, at) + ` -${p[1]}:${rng.pick(PS_VALUES)}` + line.slice(end); // colon syntax
    case 4:
      return line.slice(0, at) + ` -${p[1].slice(0, rng.range(1, Math.max(1, p[1].length)))}${p[3] ?? ''}` + line.slice(end); // abbreviated name
    case 5:
      return line.slice(0, at) + ` \`\n    -${p[1]}${p[3] ?? ''}` + line.slice(end); // continuation line
    case 6:
      return line.slice(0, at) + ` -${p[1].toLowerCase()}${p[3] ?? ''}` + line.slice(end);
    case 7:
      return line.slice(0, at) + ` -${p[1]}` + line.slice(end); // value dropped
    default:
      return line + ` -${rng.pick(['Force', 'PassThru', 'WhatIf', 'Confirm:$false', 'AllUserConnection', 'Bogus', 'RememberCredential'])}`;
  }
}

/** Lines of VPN cmdlets from the tests and fixtures, mutated, sometimes splatted or piped. */
const psCmdletsGen: Generator = (ctx) => {
  const { rng, corpus } = ctx;
  const lines: string[] = [];
  const pool = corpus.cmdletLines.length ? corpus.cmdletLines : ['Set-VpnServerConfiguration -CustomPolicy -DHGroup Group14'];
  for (let i = rng.range(1, 8); i > 0; i--) {
    let line = rng.pick(pool);
    for (let k = rng.int(4); k > 0; k--) line = mutateCmdletLine(line, rng);
    const shape = rng.int(10);
    if (shape === 0) {
      // Splatted.
      const m = /^([\w-]+)(.*)$/.exec(line);
      if (m) {
        const entries = [...m[2].matchAll(/-(\w+)(?::|\s+)(?!-)('[^']*'|"[^"]*"|\S+)?/g)].map((x) => `${x[1]} = ${x[2] ?? '$true'}`);
        line = `$Params = @{${rng.pick(['\n    ', ' '])}${entries.join(rng.pick(['\n    ', '; ']))}${rng.pick(['\n', ' '])}}\n${m[1]} @Params`;
      }
    } else if (shape === 1) line = `Get-VpnConnection -Name 'VPN' | ${line}`;
    else if (shape === 2) line = `$p = ${line}`;
    else if (shape === 3) line = `if ($x) {\n    ${line}\n}`;
    else if (shape === 4) line = `# aovpn-disable-next-line ${rng.pick(['ps-weak-crypto', 'ps-cleartext-secret', 'bogus', ''])}\n${line}`;
    lines.push(line);
  }
  const nl = rng.bool(0.15) ? '\r\n' : '\n';
  return psText(lines.join(nl) + nl, `${lines.length} cmdlet lines`, rng);
};

/** Whole scripts from the fixtures and tests, with text edits. */
const psMutateGen: Generator = (ctx) => {
  const { rng, corpus } = ctx;
  const script = corpus.scripts.length ? rng.pick(corpus.scripts) : 'Add-VpnConnection -Name x';
  return psText(mutateText(script, rng, corpus, PS_TOKENS, rng.range(1, 6)), 'script with text edits', rng);
};

/** Strings and blocks left open: here-strings, quotes, braces, sub-expressions, block comments. */
const psUnclosedGen: Generator = (ctx) => {
  const { rng, corpus } = ctx;
  const xml = pickProfile(ctx, true).text;
  const line = corpus.cmdletLines.length ? rng.pick(corpus.cmdletLines) : 'Set-VpnConnection -Name x';
  const forms = [
    `$ProfileXML = @'\n${xml}`,
    `$ProfileXML = @"\n${xml}`,
    `$ProfileXML = @'\n${xml}\n  '@\n${line}`,
    `$ProfileXML = @"\n${xml}\n"@ + @'\n`,
    `$ProfileXML = '${xml}`,
    `$ProfileXML = "${xml}`,
    `$ProfileXML = @'${xml}'@`,
    `$ProfileXML = @'\n${xml}\n'@'@\n'@`,
    `$a = @'\n@'\n${xml}\n'@\n'@`,
    `${line} -Name "abc$(`,
    `${line} -Name "$(Get-Date`,
    `function f {\n${line}\n`,
    `${line} -Name @{ a = `,
    `${line} \``,
    `<# ${line}\n${xml}`,
    `${line} @(`,
    `[xml]$x = @"\n${xml}\n"@\n$x.VPNProfile.NativeProfile.Servers = '`,
    `$ProfileXML = @'\n${xml.slice(0, rng.int(xml.length))}`,
    `@'\n'@`,
    `@'`,
    `'`,
    `"`,
    '`',
    `$`,
    `@"\n$(\n"@`,
  ];
  const text = rng.pick(forms);
  return psText(rng.bool(0.3) ? mutateText(text, rng, corpus, PS_TOKENS) : text, 'unclosed construct', rng);
};

const psTokensGen: Generator = (ctx) => {
  const { rng, corpus } = ctx;
  const parts: string[] = [];
  for (let i = rng.range(1, 40); i > 0; i--) parts.push(rng.pick(PS_TOKENS));
  const text = rng.bool(0.5) ? parts.join(' ') : parts.join('');
  return psText(
    rng.bool(0.2) ? `${rng.pick(corpus.cmdletLines.length ? corpus.cmdletLines : ['x'])} ${text}` : text,
    `${parts.length} random tokens`,
    rng,
  );
};

const psByteFlipGen: Generator = (ctx) => {
  const { rng, corpus } = ctx;
  const script = corpus.scripts.length ? rng.pick(corpus.scripts) : 'Add-VpnConnection -Name x';
  let bytes = rng.bool(0.2) ? encode(script, 'utf16le', true) : utf8(script);
  const n = rng.range(1, 6);
  for (let i = 0; i < n; i++) {
    const at = rng.int(bytes.length);
    if (rng.bool()) bytes[at] = rng.int(256);
    else bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([rng.int(256)]), bytes.subarray(at)]);
  }
  return { kind: 'ps', bytes, note: `${n} byte edits on a script` };
};

const psHugeGen: Generator = (ctx) => {
  const { rng, corpus } = ctx;
  const line = corpus.cmdletLines.length ? rng.pick(corpus.cmdletLines) : 'Set-VpnConnection -Name x';
  const forms: [string, () => string][] = [
    [
      'many cmdlet lines',
      () => Array.from({ length: 1500 }, () => rng.pick(corpus.cmdletLines.length ? corpus.cmdletLines : [line])).join('\n'),
    ],
    ['100 KB here-string', () => `$ProfileXML = @'\n<VPNProfile><Servers>${'v'.repeat(HUGE)}</Servers></VPNProfile>\n'@`],
    ['10,000 nested sub-expressions', () => `${line} -Name ${'$('.repeat(DEEP)}1${')'.repeat(DEEP)}`],
    ['10,000 nested script blocks', () => `${'& {'.repeat(DEEP)}\n${line}\n${'}'.repeat(DEEP)}`],
    [
      '10,000 nested profile elements in a here-string',
      () => `$ProfileXML = @'\n<VPNProfile>${'<NativeProfile>'.repeat(DEEP)}${'</NativeProfile>'.repeat(DEEP)}</VPNProfile>\n'@`,
    ],
    ['long parameter list', () => `${line} ${Array.from({ length: 3000 }, (_, i) => `-P${i % 40} v${i}`).join(' ')}`],
  ];
  const [name, make] = rng.pick(forms);
  return psText(make(), name, rng);
};

// ---------- the schedule ----------

/** Weights per 2000 inputs (one cycle). Cheap small inputs dominate; 100 KB and 10,000-level inputs come once per cycle each. */
export const WEIGHTS: readonly (readonly [string, Generator, number])[] = [
  ['xml-text-edits', mutateTextGen, 220],
  ['xml-byte-flip', byteFlipGen, 140],
  ['xml-truncate', truncateGen, 180],
  ['xml-element-delete', elementDeleteGen, 100],
  ['xml-element-duplicate', elementDuplicateGen, 80],
  ['xml-element-reorder', elementReorderGen, 80],
  ['xml-element-rename', elementRenameGen, 60],
  ['xml-value-replace', valueReplaceGen, 120],
  ['xml-soup', soupGen, 120],
  ['xml-random-tree', smallTreeGen, 80],
  ['xml-splice', spliceGen, 40],
  ['xml-bom', bomGen, 50],
  ['xml-eol-mix', eolGen, 60],
  ['xml-invalid-utf8', invalidUtf8Gen, 50],
  ['xml-huge-value', hugeValueGen, 1],
  ['xml-deep-nesting', deepNestingGen, 1],
  ['ps-wrapped-profile', psWrapGen, 200],
  ['ps-cmdlets', psCmdletsGen, 170],
  ['ps-script-edits', psMutateGen, 90],
  ['ps-unclosed', psUnclosedGen, 70],
  ['ps-tokens', psTokensGen, 70],
  ['ps-byte-flip', psByteFlipGen, 17],
  ['ps-huge', psHugeGen, 1],
];

export const GENERATOR_NAMES = WEIGHTS.map(([name]) => name);

interface Schedule {
  slots: number[];
  /** position in cycle → how many earlier slots of the same generator in the cycle */
  before: number[];
  perCycle: number[];
}

const SCHEDULE: Schedule = (() => {
  // Spread each generator evenly over the cycle (largest remainder order), deterministic.
  const total = WEIGHTS.reduce((s, [, , w]) => s + w, 0);
  const entries: { gen: number; pos: number }[] = [];
  WEIGHTS.forEach(([, , w], gen) => {
    for (let k = 0; k < w; k++) entries.push({ gen, pos: (k + 0.5) / w + gen * 1e-6 });
  });
  entries.sort((a, b) => a.pos - b.pos);
  const slots = entries.map((e) => e.gen);
  const seen = new Array<number>(WEIGHTS.length).fill(0);
  const before = slots.map((g) => seen[g]++);
  if (slots.length !== total) throw new Error('schedule');
  return { slots, before, perCycle: seen };
})();

export const CYCLE = SCHEDULE.slots.length;

export function generatorOf(index: number): string {
  return WEIGHTS[SCHEDULE.slots[index % CYCLE]][0];
}

export function generateInput(corpus: Corpus, seed: string, index: number): FuzzInput {
  const slot = index % CYCLE;
  const gen = SCHEDULE.slots[slot];
  const [name, generator] = WEIGHTS[gen];
  const ordinal = Math.floor(index / CYCLE) * SCHEDULE.perCycle[gen] + SCHEDULE.before[slot];
  const rng = createRng(seed, index);
  const made = generator({ corpus, rng, ordinal, seed });
  const input: FuzzInput = { index, generator: name, kind: made.kind, bytes: made.bytes, note: made.note };
  if (made.kind === 'xml') input.script = wrapInScript(decodeForService(made.bytes).text, createRng(seed, index, 'wrap'), corpus);
  return input;
}
