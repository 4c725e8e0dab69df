/**
 * Everything a user reads must be readable without our research notes: diagnostic messages,
 * quick-fix titles, hovers, the generated docs (docs/rules.md, docs/sources.md, the README),
 * the settings in package.json, SARIF rule texts and snippets. This suite produces all of them —
 * every rule id's messages through the language service, every hover of every ProfileXML element
 * and value and of every VPN cmdlet, parameter and value — and fails on internal shorthand
 * (source tags such as "seed:S7", "DDF", "HICKS-U", "UNVERIFIED", a section sign with a number), on a source
 * key shown instead of its title, and on paths that point outside the repository.
 * Sources are cited by name and address; schemas/sources.json is where a key becomes one.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, MarkupContent } from 'vscode-languageserver-types';
import { nodeWasmSource } from '../../server/src/host/wasm';
import { createLanguageService, schemaIndex } from '../../server/src/service/languageService';
import { CMDLETS, parametersOf } from '../../server/src/service/powershell/cmdletSchema';
import { RULES, type Settings } from '../../server/src/service/settings';
import { SOURCES, isSourceKey, sourceDef } from '../../server/src/service/sources';
import type { ElementDef } from '../../server/src/service/profilexml/schemaTypes';
import { rulesDoc, sourcesDoc, shippedRules } from '../../scripts/generateDocs';
import { RULE_TRIGGERS } from '../helpers/ruleTriggers';
import { ruleTableInputs } from '../helpers/ruleTester';
import { expandSnippetBody, snippetsOf } from '../helpers/snippets';
import { filesUnder } from '../helpers/files';

const ROOT = path.resolve(__dirname, '../..');
const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');

// ---- what counts as internal shorthand ---------------------------------------------------

interface Shorthand {
  what: string;
  pattern: RegExp;
  /** Read the prose only: code spans and addresses removed first (a `--seed X` flag is fine). */
  proseOnly?: boolean;
}

/**
 * The tags and pointers of our research notes. "DDF" alone is a tag; "VPNv2 DDF file" is the
 * title of Microsoft's page and may be named.
 */
export const SHORTHAND: readonly Shorthand[] = [
  { what: 'a seed id', pattern: /\bseed[: ]?S\d/i },
  { what: 'a seed fact id', pattern: /\bS\d{1,2}\b/, proseOnly: true },
  { what: '"seed" for a source', pattern: /\bseeds?\b/i, proseOnly: true },
  { what: 'the DDF tag', pattern: /\bDDF\b(?! file)/ },
  { what: 'a HICKS-* tag', pattern: /\bHICKS-/ },
  { what: 'UNVERIFIED', pattern: /\bUNVERIFIED\b/ },
  // Built from pieces, so that the repository's boundary test (which looks for the same words) does not read this line as a pointer.
  { what: 'a reference section', pattern: new RegExp(`\\b${'refer' + 'ence'} §|§\\s?\\d`) },
  { what: 'a ref: tag', pattern: /\bref:/ },
  { what: 'a field: tag', pattern: /\bfield:/i },
  { what: 'a consistency-rule tag', pattern: /\(C\d{1,2}\)|§\d+(\.\d+)* C\d/ },
  {
    what: 'a source tag of the reference',
    pattern:
      /\b(CONNTYPE|DEVTUN|LOWERTRUE|INTUNEHOWTO|CSP-2020|XSD-20\d\d|SECFEAT|AUTHOPT|CONDACC|NAMERES|EAPCFG|WSDOCS-OLD|W32-(TLS|PEAP|COMMON)|GRAPH-EAP|GPWL|PXB|MS-PS-\w+|MS-AOVPN-Adv|MS-EAPTLS-CRL|MS-WMI-\w+|PS-general|PS-(New|Set)-ItemProperty|VPNCredHelper|Azure-S2S-lab)\b/,
  },
  { what: 'a tag in upper case', pattern: /\b(OPT|ROUTING|TRIGGER|TUTORIAL)\b(?![-\w])/ },
  {
    what: 'a file outside the repository',
    pattern: new RegExp(
      `\\.\\./${'shar' + 'ed'}\\b|/work/|\\b${'refer' + 'ence'}/[\\w-]+\\.md\\b|\\bDESIGN\\.md\\b|\\bseed-${'facts'}\\b|\\bresearch/`,
    ),
  },
];

/** Source keys are for the data; users read titles. Any key standing in text was not resolved. */
const KEY_PATTERN = new RegExp(`(?<![\\w/#.-])(${SOURCES.map((s) => s.key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\w-])`);

function prose(text: string): string {
  return text
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/\]\([^)\s]*\)/g, '] ')
    .replace(/<https?:[^>\s]*>/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ');
}

/** The shorthand found in one text, as "what: excerpt"; empty when the text is clean. */
export function shorthandIn(text: string, options: { keys?: boolean } = {}): string[] {
  const found: string[] = [];
  const plain = prose(text);
  for (const s of SHORTHAND) {
    const m = s.pattern.exec(s.proseOnly ? plain : text);
    if (m)
      found.push(
        `${s.what}: …${(s.proseOnly ? plain : text).slice(Math.max(0, m.index - 40), m.index + m[0].length + 40).replace(/\s+/g, ' ')}…`,
      );
  }
  if (options.keys !== false) {
    const m = KEY_PATTERN.exec(plain);
    if (m)
      found.push(`an unresolved source key: …${plain.slice(Math.max(0, m.index - 40), m.index + m[0].length + 40).replace(/\s+/g, ' ')}…`);
  }
  return found;
}

/** Texts by where a user meets them; the assertion names the place of each offence. */
class Collected {
  readonly texts: { where: string; text: string }[] = [];
  add(where: string, text: string | undefined): void {
    if (text) this.texts.push({ where, text });
  }
  offences(options?: { keys?: boolean }): string[] {
    return this.texts.flatMap(({ where, text }) => shorthandIn(text, options).map((s) => `${where}: ${s}`));
  }
}

function assertClean(collected: Collected, options?: { keys?: boolean }): void {
  const offences = collected.offences(options);
  assert.deepEqual(offences.slice(0, 40), [], `${offences.length} texts carry internal shorthand`);
}

describe('the shorthand patterns', () => {
  it('catch each kind of shorthand a user cannot look up, and leave readable citations alone', () => {
    const bad = [
      'Windows ignores the suite (seed:S7).',
      'the minimum baseline (seed S2 baseline)',
      'the weak Windows default the seeds replace',
      'Required by the DDF.',
      'Field note (HICKS-U): selectable from Windows 11.',
      'Windows parses it (UNVERIFIED).',
      `see ${'refer' + 'ence'} §2.13`,
      'order (§5 rule 19)',
      'prompt behaviour (ref:§2.1 notes)',
      'never a subset (C3)',
      'source: field: HICKS-GIT 47e3fcf',
      'lower case (LOWERTRUE)',
      'listed by CONNTYPE and DEVTUN',
      'noted by INTUNEHOWTO and CSP-2020',
      'per S16, IKEv2 first',
      `see ../${'shar' + 'ed'}/${'refer' + 'ence'}/profilexml.md`,
      'Sources: ms-vpnv2-csp',
    ];
    for (const text of bad) assert.notDeepEqual(shorthandIn(text), [], text);
    const good = [
      'Sources: [VPNv2 DDF file](https://learn.microsoft.com/windows/client-management/mdm/vpnv2-ddf-file) · [VPNv2 CSP](https://learn.microsoft.com/windows/client-management/mdm/vpnv2-csp)',
      'Richard Hicks, "Always On VPN IKEv2 Security Configuration": the Always On VPN security baseline.',
      "Microsoft's VPNv2 DDF file calls it required; Microsoft's documentation does not confirm it.",
      'Run `npm run fuzz -- --seed 7` to repeat a run.',
      'IKEv2 fragmentation (RFC 7383), S2S tunnels, SHA256128 and AES_GCM_128.',
    ];
    for (const text of good) assert.deepEqual(shorthandIn(text), [], text);
  });
});

// ---- diagnostics: every rule's messages, related information and quick-fix titles ---------

const service = createLanguageService({ wasm: nodeWasmSource() });
before(() => service.preparePowerShell());

let version = 0;
const languageOf = (uri: string): string => (/\.(ps1|psm1)$/i.test(uri) ? 'powershell' : 'xml');

interface Input {
  name: string;
  uri: string;
  text: string;
  settings?: Partial<Settings>;
  workspace?: { uri: string; text: string }[];
}

/** Fixtures and examples: the profiles and scripts of the repository, each as a user opens it. */
function repositoryInputs(): Input[] {
  const files = [...filesUnder(path.join(ROOT, 'test/fixtures')), ...filesUnder(path.join(ROOT, 'examples'))].filter(
    // Large fuzz inputs say nothing new and cost seconds.
    (f) => /\.(xml|ps1)$/i.test(f) && statSync(f).size < 100_000,
  );
  return files.map((f) => ({ name: path.relative(ROOT, f), uri: `file://${f}`, text: readFileSync(f, 'utf8') }));
}

/** Snippets as they are inserted: XML ones inside a profile, PowerShell ones as a script. */
function snippetInputs(): Input[] {
  const xml = Object.entries(snippetsOf('profilexml')).map(([name, s]) => {
    const body = expandSnippetBody(s.body.join('\n')).text;
    const text = body.trimStart().startsWith('<VPNProfile') ? body : `<VPNProfile>\n${body}\n</VPNProfile>\n`;
    return { name: `snippet ${name}`, uri: 'file:///snippets/profile.xml', text };
  });
  const ps = Object.entries(snippetsOf('powershell')).map(([name, s]) => ({
    name: `snippet ${name}`,
    uri: 'file:///snippets/script.ps1',
    text: expandSnippetBody(s.body.join('\n')).text,
  }));
  return [...xml, ...ps];
}

function messageOf(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : (d.message as MarkupContent).value;
}

describe('diagnostic messages', () => {
  const collected = new Collected();
  const seen = new Set<string>();
  const links = new Set<string>();

  before(() => {
    const inputs: Input[] = [...RULE_TRIGGERS, ...ruleTableInputs(), ...repositoryInputs(), ...snippetInputs()];
    for (const input of inputs) {
      service.workspace.clear();
      for (const f of input.workspace ?? []) service.workspace.setFile(f.uri, languageOf(f.uri), f.text, ++version);
      const document = TextDocument.create(input.uri, languageOf(input.uri), ++version, input.text);
      for (const settings of [input.settings, { ...input.settings, deployment: 'intune' as const }]) {
        const diagnostics = service.validate(document, settings);
        for (const d of diagnostics) {
          const code = String(d.code);
          seen.add(code);
          if (d.codeDescription) links.add(d.codeDescription.href);
          collected.add(`${input.name}: ${code}`, messageOf(d));
          for (const r of d.relatedInformation ?? []) collected.add(`${input.name}: ${code} (related)`, r.message);
          const actions = service.codeActions(document, d.range, { diagnostics: [d] }, settings);
          for (const a of actions) collected.add(`${input.name}: ${code} (action)`, a.title);
        }
      }
    }
    service.workspace.clear();
  });

  it('are produced for every rule id (the inputs cover the whole catalogue)', () => {
    const missing = shippedRules()
      .map((r) => r.id)
      .filter((id) => !seen.has(id));
    assert.deepEqual(
      missing,
      [],
      'give these rules a table in test/ruleTables/ (or an input in test/helpers/ruleTriggers.ts) that makes them report',
    );
  });

  it('carry no internal shorthand, in the message, its related information or its quick-fix titles', () => {
    assert.ok(collected.texts.length > 200, `only ${collected.texts.length} texts collected`);
    assertClean(collected);
  });

  it("link each rule id to a public source's address, never to a tag", () => {
    assert.ok(links.size > 5);
    const addresses = new Set(SOURCES.flatMap((s) => (s.url ? [s.url] : [])));
    for (const href of links) assert.ok(addresses.has(href) && /^https:\/\//.test(href), href);
  });
});

// ---- hovers ------------------------------------------------------------------------------

function markdownOf(contents: unknown): string {
  return typeof contents === 'object' && contents !== null && 'value' in contents
    ? String((contents as MarkupContent).value)
    : String(contents);
}

/** The element at `path` nested in its ancestors, with the offset of its name in the start tag. */
function nested(pathOf: string, content = ''): { text: string; nameAt: number; valueAt: number } {
  const names = pathOf.split('/');
  let open = '';
  for (const n of names) open += `<${n}>`;
  const close = [...names]
    .reverse()
    .map((n) => `</${n}>`)
    .join('');
  const last = names[names.length - 1];
  const text = `${open}${content}${close}\n`;
  const nameAt = open.length - last.length - 1 + 1;
  return { text, nameAt, valueAt: open.length + 1 };
}

function hoverAt(uri: string, text: string, offset: number): string | undefined {
  const document = TextDocument.create(uri, languageOf(uri), ++version, text);
  const h = service.hover(document, document.positionAt(offset));
  return h ? markdownOf(h.contents) : undefined;
}

describe('hover', () => {
  it('over every ProfileXML element, enumeration value and boolean carries no internal shorthand', () => {
    const collected = new Collected();
    let elements = 0;
    let values = 0;
    for (const [p, def] of schemaIndex().byPath as Map<string, ElementDef>) {
      const element = nested(p);
      const h = hoverAt('file:///hover/profile.xml', element.text, element.nameAt);
      assert.ok(h, `no hover over ${p}`);
      collected.add(`element ${p}`, h);
      elements++;
      const spellings = def.type === 'boolean' ? ['true', 'false'] : (def.values ?? []).map((v) => v.value);
      for (const value of spellings) {
        const withValue = nested(p, value);
        const vh = hoverAt('file:///hover/profile.xml', withValue.text, withValue.valueAt);
        assert.ok(vh, `no hover over ${p} = ${value}`);
        collected.add(`value ${p} = ${value}`, vh);
        values++;
      }
    }
    assert.ok(elements > 80 && values > 60, `${elements} elements, ${values} values`);
    assertClean(collected);
  });

  it('over every VPN cmdlet, each of its parameters and each enumeration value carries no internal shorthand', () => {
    const collected = new Collected();
    let count = 0;
    for (const cmdlet of CMDLETS.cmdlets.filter((c) => c.vpn)) {
      const h = hoverAt('file:///hover/script.ps1', `${cmdlet.name} -WhatIf\n`, 2);
      assert.ok(h, `no hover over ${cmdlet.name}`);
      collected.add(`cmdlet ${cmdlet.name}`, h);
      for (const p of parametersOf(cmdlet)) {
        const line = `${cmdlet.name} -${p.name}`;
        const ph = hoverAt('file:///hover/script.ps1', `${line}\n`, line.length - 1);
        assert.ok(ph, `no hover over ${line}`);
        collected.add(`parameter ${line}`, ph);
        count++;
        for (const v of p.values ?? []) {
          const withValue = `${line} ${v.name}`;
          const vh = hoverAt('file:///hover/script.ps1', `${withValue}\n`, withValue.length - 1);
          assert.ok(vh, `no hover over ${withValue}`);
          collected.add(`value ${withValue}`, vh);
          count++;
        }
      }
    }
    assert.ok(count > 300, `${count} parameter and value hovers`);
    assertClean(collected);
  });

  it('over every rule id in a suppression comment carries no internal shorthand', () => {
    const collected = new Collected();
    for (const r of RULES) {
      const xml = `<VPNProfile>\n  <!-- profilexml-disable-next-line ${r.id} -->\n  <AlwaysOn>true</AlwaysOn>\n</VPNProfile>\n`;
      const h = hoverAt('file:///hover/profile.xml', xml, xml.indexOf(r.id) + 2);
      if (r.language !== 'powershell') assert.ok(h, `no hover over ${r.id} in a ProfileXML comment`);
      collected.add(`rule ${r.id} (ProfileXML comment)`, h);
      const ps = `# aovpn-disable-next-line ${r.id}\nGet-VpnConnection\n`;
      collected.add(`rule ${r.id} (script comment)`, hoverAt('file:///hover/script.ps1', ps, ps.indexOf(r.id) + 2));
    }
    assertClean(collected);
  });
});

// ---- generated documents, settings, SARIF, snippets ----------------------------------------

describe('generated documents and contributed texts', () => {
  it('docs/rules.md, the READMEs, docs/ci.md, the XSD and docs/sources.md carry no internal shorthand', () => {
    const docs = new Collected();
    docs.add('docs/rules.md', rulesDoc());
    docs.add('README.md', read('README.md'));
    docs.add('docs/ci.md', read('docs/ci.md'));
    docs.add('examples/README.md', read('examples/README.md'));
    // XML editors show the XSD's documentation as hover text.
    docs.add('schemas/ProfileXML.xsd', read('schemas/ProfileXML.xsd'));
    assertClean(docs);
    // docs/sources.md shows every key on purpose: it is where a key is looked up.
    const sources = new Collected();
    sources.add('docs/sources.md', sourcesDoc());
    assertClean(sources, { keys: false });
  });

  it('the settings and everything else package.json contributes carry no internal shorthand', () => {
    const manifest = JSON.parse(read('package.json')) as { contributes: unknown; description: string };
    const collected = new Collected();
    const walk = (value: unknown, where: string): void => {
      if (typeof value === 'string') collected.add(where, value);
      else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${where}[${i}]`));
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, `${where}.${k}`);
    };
    walk(manifest.contributes, 'contributes');
    collected.add('description', manifest.description);
    assertClean(collected);
  });

  it('SARIF rule texts and results of the command line carry no internal shorthand', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'aovpn-user-text-'));
    try {
      const files = RULE_TRIGGERS.filter((t) => !t.workspace).map((t, i) => {
        const file = path.join(dir, `${i}${path.extname(t.uri)}`);
        writeFileSync(file, t.text);
        return file;
      });
      const r = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), '--format', 'sarif', ...files], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 60_000,
      });
      assert.ok(r.stdout, `no SARIF output: ${r.stderr}`);
      const sarif = JSON.parse(r.stdout) as {
        runs: {
          tool: {
            driver: {
              rules: {
                id: string;
                shortDescription: { text: string };
                fullDescription: { text: string };
                help: { text: string };
                helpUri?: string;
              }[];
            };
          };
          results: { ruleId: string; message: { text: string } }[];
        }[];
      };
      const collected = new Collected();
      const [run] = sarif.runs;
      for (const rule of run.tool.driver.rules) {
        collected.add(`SARIF rule ${rule.id} shortDescription`, rule.shortDescription.text);
        collected.add(`SARIF rule ${rule.id} fullDescription`, rule.fullDescription.text);
        collected.add(`SARIF rule ${rule.id} help`, rule.help.text);
        if (rule.helpUri) assert.match(rule.helpUri, /^https:\/\//, rule.id);
      }
      for (const result of run.results) collected.add(`SARIF result ${result.ruleId}`, result.message.text);
      assert.ok(run.results.length > 50, `${run.results.length} results`);
      assertClean(collected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('snippet descriptions and bodies carry no internal shorthand', () => {
    const collected = new Collected();
    for (const file of ['profilexml', 'powershell'] as const) {
      for (const [name, s] of Object.entries(snippetsOf(file))) {
        collected.add(`snippet ${name} description`, s.description);
        collected.add(`snippet ${name} body`, s.body.join('\n'));
      }
    }
    assertClean(collected);
  });
});

// ---- facts Microsoft's documentation does not confirm ------------------------------------------

/** A plausible value of an element, with its required children filled in the same way. */
function sampleContent(def: ElementDef): string {
  if (def.children?.length) {
    return def.children
      .filter((c) => c.minOccurs > 0)
      .map((c) => `<${c.name}>${sampleContent(c)}</${c.name}>`)
      .join('');
  }
  if (def.type === 'boolean') return 'true';
  if (def.values?.length) return def.values[0].value;
  if (def.type === 'integer') return String(def.minimum ?? 1);
  return 'x';
}

describe("facts that Microsoft's documentation does not confirm", () => {
  it('never make an error where they are written, and hover says "Not confirmed" in words', () => {
    const ERROR = 1;
    let checked = 0;
    for (const [p, def] of schemaIndex().byPath as Map<string, ElementDef>) {
      if (!def.unverified) continue;
      const element = nested(p, sampleContent(def));
      const document = TextDocument.create('file:///unverified/profile.xml', 'xml', ++version, element.text);
      const start = element.nameAt - 1;
      const end = element.text.lastIndexOf(`</${def.name}>`) + def.name.length + 3;
      const errors = service
        .validate(document)
        .filter((d) => d.severity === ERROR && document.offsetAt(d.range.start) >= start && document.offsetAt(d.range.end) <= end);
      assert.deepEqual(
        errors.map((d) => `${String(d.code)}: ${messageOf(d)}`),
        [],
        p,
      );
      const h = hoverAt('file:///unverified/profile.xml', element.text, element.nameAt);
      assert.ok(h?.includes(`**Not confirmed:** ${def.unverified}`), p);
      checked++;
    }
    for (const cmdlet of CMDLETS.cmdlets.filter((c) => c.vpn)) {
      for (const p of cmdlet.parameters.filter((x) => x.unverified)) {
        const line = `${cmdlet.name} -${p.name}${p.type === 'switch' ? '' : ` ${p.values?.[0]?.name ?? '1'}`} -Force\n`;
        const document = TextDocument.create('file:///unverified/script.ps1', 'powershell', ++version, line);
        const errors = service.validate(document).filter((d) => d.severity === ERROR && document.getText(d.range).includes(p.name));
        assert.deepEqual(
          errors.map((d) => `${String(d.code)}: ${messageOf(d)}`),
          [],
          line,
        );
        checked++;
      }
    }
    assert.ok(checked >= 10, `${checked} facts checked`);
  });
});

// ---- the data cites sources by key ---------------------------------------------------------

describe('sources in schemas/*.json', () => {
  const cited: { where: string; key: string }[] = [];
  const rules = RULES.flatMap((r) => r.sources.map((key) => ({ where: `rules.json ${r.id}`, key })));
  cited.push(...rules);
  const walkElements = (def: ElementDef, p: string): void => {
    for (const key of def.source) cited.push({ where: `profilexml.json ${p}`, key });
    for (const child of def.children ?? []) walkElements(child, `${p}/${child.name}`);
  };
  walkElements(schemaIndex().root, 'VPNProfile');
  for (const c of CMDLETS.cmdlets) for (const key of c.sources) cited.push({ where: `vpn-cmdlets.json ${c.name}`, key });
  const registry = JSON.parse(read('schemas/registry.json')) as { values: { name: string; sources: string[] }[] };
  for (const v of registry.values) for (const key of v.sources) cited.push({ where: `registry.json ${v.name}`, key });

  it('are keys of schemas/sources.json', () => {
    assert.ok(cited.length > 200);
    const unknown = cited.filter((c) => !isSourceKey(c.key) || !sourceDef(c.key)).map((c) => `${c.where}: ${c.key}`);
    assert.deepEqual(unknown, []);
  });

  it('each source has a title, an author or publisher, a group and an https address (or says why it has none)', () => {
    const keys = new Set<string>();
    for (const s of SOURCES) {
      assert.ok(isSourceKey(s.key), s.key);
      assert.ok(!keys.has(s.key), `${s.key} twice`);
      keys.add(s.key);
      assert.ok(s.title && s.by && s.about, s.key);
      if (s.url) assert.match(s.url, /^https:\/\//, s.key);
      else assert.match(s.about, /search/i, `${s.key} has no address: its text must say how to find it`);
    }
  });

  it('the revised protocol article is never presented as a current ranking', () => {
    const article = sourceDef('hicks-protocol-recommendations');
    assert.ok(article?.revised && /SSTP the recommended choice for most deployments/.test(article.revised));
    assert.match(sourcesDoc(), /## Sources that changed after we read them[\s\S]*Protocol Recommendations/);
    // Wherever text ranks the protocols, it must not call IKEv2 "the recommended protocol" or
    // say L2TP has "no advantage over IKEv2" (the article's first version, since revised).
    const ranking = /\b(the )?recommended protocol\b|no advantage over IKEv2|IKEv2 first|prefer IKEv2/i;
    const texts: [string, string][] = [
      ['schemas/profilexml.json', read('schemas/profilexml.json')],
      ['schemas/vpn-cmdlets.json', read('schemas/vpn-cmdlets.json')],
      ['schemas/rules.json', read('schemas/rules.json')],
      ['docs/rules.md', rulesDoc()],
      ['README.md', read('README.md')],
    ];
    const found = texts.flatMap(([file, t]) => {
      const m = ranking.exec(t);
      return m ? [`${file}: …${t.slice(Math.max(0, m.index - 60), m.index + m[0].length + 20)}…`] : [];
    });
    assert.deepEqual(found, []);
  });
});
