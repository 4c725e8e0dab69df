import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CLEAN_PROFILE, service } from '../helpers/service';
import { expandSnippetBody, snippetsOf } from '../helpers/snippets';
import { generateCommandLines } from './commandLines';

/** The scripts the oracles read: the repository's own PowerShell and what the authoring commands write. */

export interface OracleInput {
  id: string;
  text: string;
}

const ROOT = path.join(__dirname, '..', '..');
/** Fuzzer seeds of several hundred kilobytes test the budget, not the grammar. */
const MAX_FIXTURE_BYTES = 100_000;

/** Connection names from the injection tests: quotes of every kind, `$( )`, backticks, `@'`, Unicode. */
export const HOSTILE_NAMES = [
  'Contoso VPN',
  'Bob\'s $(Remove-Item C:\\ -Recurse) `whoami` & \u2019; Stop-Computer; \u2018 "x" @\'',
  "'@\nnot a line",
  '$env:USERNAME ${x} $(1+1) "double" \u201ctypographic\u201d',
  'Ünïcödé 東京 🙂 – dash',
  "x'; Write-Host pwned; '",
  '`"; Write-Host pwned; "`',
];

/** Profile content that tries to end the here-string or run code when embedded. */
export const HOSTILE_CONTENT = CLEAN_PROFILE.replace(
  '</VPNProfile>',
  "<!--\n'@\nRemove-Item C:\\ -Recurse\n\u2019@ $(whoami) `n \"quoted\" &amp; 'single'\n'@-->\n</VPNProfile>",
);

export function fixtureScripts(): OracleInput[] {
  const out: OracleInput[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.ps1') && statSync(full).size <= MAX_FIXTURE_BYTES)
        out.push({ id: path.relative(ROOT, full), text: readFileSync(full, 'utf8').replace(/^\uFEFF/, '') });
    }
  };
  walk(path.join(ROOT, 'test', 'fixtures'));
  return out;
}

export function snippetScripts(): OracleInput[] {
  return Object.entries(snippetsOf('powershell')).map(([name, s]) => ({
    id: `snippet ${name}`,
    text: expandSnippetBody(s.body.join('\n')).text,
  }));
}

/** The profiles a deployment script is generated from: every profile fixture, and the hostile cases. */
export function deploymentSources(): { id: string; xml: string; name?: string }[] {
  const dir = path.join(ROOT, 'test', 'fixtures', 'profiles');
  const out: { id: string; xml: string; name?: string }[] = readdirSync(dir)
    .filter((f) => f.endsWith('.xml'))
    .sort()
    .map((f) => {
      const buffer = readFileSync(path.join(dir, f));
      const xml = buffer[0] === 0xff && buffer[1] === 0xfe ? buffer.toString('utf16le') : buffer.toString('utf8');
      return { id: f, xml: xml.replace(/^\uFEFF/, '') };
    });
  for (const name of HOSTILE_NAMES) out.push({ id: `hostile name ${JSON.stringify(name)}`, xml: CLEAN_PROFILE, name });
  out.push({ id: 'hostile content', xml: HOSTILE_CONTENT, name: 'Contoso VPN' });
  out.push({
    id: 'device tunnel',
    xml: CLEAN_PROFILE.replace('<AlwaysOn>true</AlwaysOn>', '<AlwaysOn>true</AlwaysOn>\n  <DeviceTunnel>true</DeviceTunnel>'),
    name: 'Contoso Device Tunnel',
  });
  out.push({ id: 'CRLF profile', xml: CLEAN_PROFILE.replace(/\n/g, '\r\n'), name: 'Contoso VPN' });
  return out;
}

export interface GeneratedScript extends OracleInput {
  /** The profile the script must hand to the bridge, exactly (what the document holds, trailing blanks trimmed). */
  profileXml?: string;
  profileName?: string;
}

let version = 0;

/** Every script the authoring commands write for the sources: deployment scripts and server policies. */
export async function authoringScripts(): Promise<GeneratedScript[]> {
  const out: GeneratedScript[] = [];
  for (const source of deploymentSources()) {
    const document = TextDocument.create(
      `file:///ws/${encodeURIComponent(source.id.replace(/\.xml$/, ''))}.xml`,
      'xml',
      ++version,
      source.xml,
    );
    const deployment = await service.deploymentScript(document, source.name === undefined ? {} : { profileName: source.name });
    if (deployment.ok)
      out.push({
        id: `deployment script of ${source.id}`,
        text: deployment.text,
        profileXml: source.xml.replace(/\s+$/, ''),
        profileName: deployment.profileName ?? source.name,
      });
    const policy = await service.serverPolicyFromSuite(document);
    if (policy.ok && policy.language === 'powershell') out.push({ id: `server policy of ${source.id}`, text: policy.text });
  }
  return out;
}

/** At least 5,000; PWSH_ORACLE_LINES lowers it while iterating. */
export const GENERATED_LINES = Number(process.env.PWSH_ORACLE_LINES ?? 5000);

export async function parserInputs(): Promise<{ group: string; inputs: OracleInput[] }[]> {
  return [
    { group: 'script fixtures', inputs: fixtureScripts() },
    { group: 'snippets', inputs: snippetScripts() },
    { group: 'generated scripts', inputs: await authoringScripts() },
    { group: 'generated command lines', inputs: generateCommandLines(GENERATED_LINES) },
  ];
}
