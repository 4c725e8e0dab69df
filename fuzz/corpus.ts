import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { decodeText, UndecodableError } from '../server/src/host/textFile';

/**
 * What the generators start from: the repository's own profiles (test/fixtures/profiles/, as
 * stored, UTF-16 with BOM included), the profiles of any folder given with `--corpus DIR` (a
 * corpus of real-world profiles kept outside the repository), and PowerShell that configures
 * VPNs (the project's script fixtures, the scripts of the unit tests, the snippets, and the
 * scripts of the `--corpus` folders). Everything is read once, in a fixed order, so that a seed
 * means the same inputs on every machine with the same folders.
 */
export interface CorpusFile {
  name: string;
  /** The file's bytes as stored. */
  bytes: Buffer;
  /** Decoded as the CLI decodes it (BOM removed). */
  text: string;
  encoding: 'utf8' | 'utf16le' | 'utf16be';
  bom: boolean;
}

export interface Corpus {
  profiles: CorpusFile[];
  /** Whole scripts and script fragments (several lines). */
  scripts: string[];
  /** Single VPN-related cmdlet lines (continuation lines joined). */
  cmdletLines: string[];
  /** Element names seen in the profiles, for renames and random markup. */
  elementNames: string[];
  /** Text values seen in the profiles. */
  values: string[];
}

export const ROOT = join(__dirname, '..');
/** The repository's own profiles: always part of the corpus. */
export const FIXTURE_PROFILES_DIR = join(ROOT, 'test', 'fixtures', 'profiles');
/** How fuzz/main.ts hands the `--corpus` folders to its workers (joined with the path delimiter). */
export const CORPUS_DIRS_ENV = 'FUZZ_CORPUS_DIRS';

const VPN_WORDS = /Vpn|ItemProperty|CimInstance|CimSession|RemoteAccess|ProfileXML|RasMan|VPNv2/i;

export interface CorpusOptions {
  /** Folders whose `.xml` files are the profiles, in this order (default: the repository's own). */
  profileDirs?: readonly string[];
  /** Also collect the repository's scripts (fixtures, unit tests, snippets); default true. */
  repositoryScripts?: boolean;
}

/** The `--corpus` folders a worker was started with. */
export function corpusDirsFromEnv(): string[] {
  return (process.env[CORPUS_DIRS_ENV] ?? '').split(delimiter).filter(Boolean);
}

/** The fuzzer's corpus: the repository's inputs and the profiles of the `--corpus` folders. */
export function fuzzCorpus(extraDirs: readonly string[]): Corpus {
  return loadCorpus({ profileDirs: [FIXTURE_PROFILES_DIR, ...extraDirs] });
}

export function loadCorpus(options: CorpusOptions = {}): Corpus {
  const dirs = options.profileDirs ?? [FIXTURE_PROFILES_DIR];
  const profiles: CorpusFile[] = [];
  const scripts: string[] = [];
  for (const dir of dirs) {
    if (!existsSync(dir)) throw new Error(`corpus folder ${dir} does not exist`);
    for (const name of readdirSync(dir).sort()) {
      const lower = name.toLowerCase();
      if (/\.(ps1|psm1)$/.test(lower) && dir !== FIXTURE_PROFILES_DIR) scripts.push(readText(join(dir, name)));
      if (!lower.endsWith('.xml')) continue;
      const bytes = readFileSync(join(dir, name));
      try {
        const decoded = decodeText(bytes);
        profiles.push({ name, bytes, ...decoded });
      } catch (error) {
        // Bytes the CLI refuses to decode are not a useful seed (the byte-level generators make such inputs anyway).
        if (!(error instanceof UndecodableError)) throw error;
      }
    }
  }
  if (profiles.length === 0) profiles.push(builtinProfile());

  if (options.repositoryScripts ?? true) scripts.push(...repositoryScripts());

  const cmdletLines = new Set<string>();
  for (const script of scripts) {
    for (const line of script.replace(/`\r?\n\s*/g, ' ').split(/\r?\n/)) {
      if (/^\s*[A-Za-z]+-[A-Za-z]+/.test(line) && VPN_WORDS.test(line)) cmdletLines.add(line.trim());
    }
  }

  const names = new Set<string>();
  const values = new Set<string>();
  for (const p of profiles) {
    for (const m of p.text.matchAll(/<([A-Za-z_][\w.-]*)/g)) names.add(m[1]);
    for (const m of p.text.matchAll(/>([^<>\r\n]{1,200})</g)) if (m[1].trim()) values.add(m[1]);
  }
  return {
    profiles,
    scripts: scripts.filter((s) => s.trim()),
    cmdletLines: [...cmdletLines].sort(),
    elementNames: [...names].sort(),
    values: [...values].sort(),
  };
}

/** The project's PowerShell: script fixtures, the VPN scripts quoted in the unit tests, the snippets. */
function repositoryScripts(): string[] {
  const scripts: string[] = [];
  for (const file of walk(join(ROOT, 'test', 'fixtures'))) {
    if (/\.(ps1|psm1)$/i.test(file) && !file.includes(`${join('fixtures', 'fuzz')}`)) scripts.push(readText(file));
  }
  for (const file of walk(join(ROOT, 'test', 'unit'))) {
    if (!file.endsWith('.test.ts')) continue;
    for (const literal of templateLiterals(readFileSync(file, 'utf8'))) if (VPN_WORDS.test(literal)) scripts.push(literal);
  }
  const snippetsFile = join(ROOT, 'snippets', 'powershell.json');
  if (existsSync(snippetsFile)) {
    try {
      const snippets = JSON.parse(readFileSync(snippetsFile, 'utf8')) as Record<string, { body?: string[] | string }>;
      for (const key of Object.keys(snippets).sort()) {
        const body = snippets[key].body;
        const text = Array.isArray(body) ? body.join('\n') : (body ?? '');
        // ${1:default} → default, $1 / $0 → nothing.
        scripts.push(
          text
            .replace(/\$\{\d+:([^}]*)\}/g, '$1')
            .replace(/\$\{\d+\|([^,|}]*)[^}]*\}/g, '$1')
            .replace(/\$\d+/g, ''),
        );
      }
    } catch (error) {
      // A snippet file being edited is no reason to stop fuzzing; anything else is.
      if (!(error instanceof SyntaxError)) throw error;
    }
  }
  return scripts;
}

/** Template literal bodies of a TypeScript file, with its escapes undone and `${…}` left out. */
function templateLiterals(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(/`((?:[^`\\]|\\[\s\S])*)`/g)) {
    const body = m[1]
      .replace(/\$\{[^{}]*\}/g, '')
      .replace(/\\([`$\\'"])/g, '$1')
      .replace(/\\n/g, '\n')
      .replace(/\\r/g, '\r')
      .replace(/\\t/g, '\t');
    if (body.length > 10) out.push(body);
  }
  return out;
}

function readText(file: string): string {
  try {
    return decodeText(readFileSync(file)).text;
  } catch {
    return readFileSync(file, 'latin1');
  }
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...walk(full));
    else out.push(full);
  }
  return out;
}

function builtinProfile(): CorpusFile {
  const text = `<VPNProfile>
  <AlwaysOn>true</AlwaysOn>
  <NativeProfile>
    <Servers>vpn.example.com</Servers>
    <RoutingPolicyType>SplitTunnel</RoutingPolicyType>
    <NativeProtocolType>IKEv2</NativeProtocolType>
    <Authentication><MachineMethod>Certificate</MachineMethod></Authentication>
  </NativeProfile>
  <Route><Address>10.0.0.0</Address><PrefixSize>8</PrefixSize></Route>
</VPNProfile>
`;
  return { name: 'builtin.xml', bytes: Buffer.from(text, 'utf8'), text, encoding: 'utf8', bom: false };
}
