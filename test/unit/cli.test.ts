import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  chownSync,
  copyFileSync,
  cpSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { after, describe, it } from 'node:test';

// The built CLI (dist/cli.js), run as users and CI run it. Paths are given relative to the
// repository root, so the JSON's "file" is exactly what was typed.

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const FIXTURES = 'test/fixtures/cli';
const fixture = (name: string): string => `${FIXTURES}/${name}`;
const RULE = 'crypto-suite-ignored-automatic';

interface JsonDiagnostic {
  code: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}
interface JsonEntry {
  file: string;
  diagnostics: JsonDiagnostic[];
}

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  assert.ok(existsSync(CLI), `${CLI} is missing: run \`node scripts/build.mjs\` (npm test builds first)`);
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json(...args: string[]): { status: number | null; entries: JsonEntry[]; stderr: string } {
  const r = run('--format', 'json', ...args);
  let entries: JsonEntry[];
  try {
    entries = JSON.parse(r.stdout) as JsonEntry[];
  } catch {
    assert.fail(`stdout is not JSON:\n${r.stdout}\nstderr:\n${r.stderr}`);
  }
  return { status: r.status, entries, stderr: r.stderr };
}

const temps: string[] = [];
function tempCopy(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'profilexml-cli-'));
  temps.push(dir);
  const path = join(dir, basename(name));
  copyFileSync(join(ROOT, fixture(name)), path);
  return path;
}
after(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const lineOf = (text: string, needle: string): number => text.split(/\r?\n/).findIndex((l) => l.includes(needle));

describe('cli: the DESIGN acceptance case (Automatic with a CryptographySuite)', () => {
  const name = 'automatic-with-suite.xml';
  const text = readFileSync(join(ROOT, fixture(name)), 'utf8');

  it('--format json reports crypto-suite-ignored-automatic on the NativeProtocolType line, exit 0', () => {
    const { status, entries, stderr } = json(fixture(name));
    assert.equal(stderr, '');
    assert.equal(status, 0, 'a warning does not fail the run');
    assert.equal(entries.length, 1);
    assert.deepEqual(Object.keys(entries[0]), ['file', 'diagnostics']);
    assert.equal(entries[0].file, fixture(name));
    for (const d of entries[0].diagnostics) {
      assert.deepEqual(Object.keys(d), ['code', 'severity', 'message', 'range']);
      assert.deepEqual(Object.keys(d.range), ['start', 'end']);
      assert.deepEqual(Object.keys(d.range.start), ['line', 'character']);
      assert.ok(['error', 'warning', 'information', 'hint'].includes(d.severity));
    }
    const found = entries[0].diagnostics.filter((d) => d.code === RULE);
    assert.equal(found.length, 1, `expected one ${RULE}; got ${entries[0].diagnostics.map((d) => d.code).join(', ') || 'nothing'}`);
    const line = lineOf(text, '<NativeProtocolType>Automatic');
    const character = text.split('\n')[line].indexOf('Automatic');
    assert.deepEqual(found[0].range, { start: { line, character }, end: { line, character: character + 'Automatic'.length } });
    assert.equal(found[0].severity, 'warning');
    assert.match(found[0].message, /Automatic/);
  });

  it('--fix turns Automatic into IKEv2 and leaves every other byte alone', () => {
    const path = tempCopy(name);
    const before = readFileSync(path);
    const { status, entries } = json('--fix', path);
    assert.equal(status, 0);
    assert.ok(!entries[0].diagnostics.some((d) => d.code === RULE), 'the fixed problem is no longer reported');
    const expected = Buffer.from(before.toString('utf8').replace('<NativeProtocolType>Automatic<', '<NativeProtocolType>IKEv2<'), 'utf8');
    assert.notDeepEqual(expected, before);
    assert.deepEqual(readFileSync(path), expected);
  });

  it('--fix keeps UTF-16LE, its BOM and CRLF line endings', () => {
    const path = tempCopy('utf16le-bom-crlf.xml');
    const before = readFileSync(path);
    assert.deepEqual([...before.subarray(0, 2)], [0xff, 0xfe], 'fixture is UTF-16LE with BOM');
    const { status, entries } = json('--fix', path);
    assert.equal(status, 0);
    assert.ok(!entries[0].diagnostics.some((d) => d.code === RULE));
    const after = readFileSync(path);
    // U+FEFF written as UTF-16LE is the FF FE byte order mark.
    const expected = Buffer.from(before.toString('utf16le').replace('>Automatic<', '>IKEv2<'), 'utf16le');
    assert.equal(expected.toString('utf16le').charCodeAt(0), 0xfeff);
    assert.deepEqual(after, expected);
    const decoded = after.subarray(2).toString('utf16le');
    assert.ok(decoded.includes('Geräte-Tunnel für Zürich'), 'non-ASCII text survives');
    assert.ok(!/[^\r]\n/.test(decoded), 'every line ending is still CRLF');
  });

  it('reads UTF-16LE positions in characters, like the editor', () => {
    const { entries } = json(fixture('utf16le-bom-crlf.xml'));
    const decoded = readFileSync(join(ROOT, fixture('utf16le-bom-crlf.xml')))
      .subarray(2)
      .toString('utf16le');
    const found = entries[0].diagnostics.find((d) => d.code === RULE);
    assert.equal(found?.range.start.line, lineOf(decoded, '<NativeProtocolType>Automatic'));
  });

  it('--fix leaves a file that needs no fix untouched', () => {
    const path = tempCopy('not-profilexml.xml');
    const before = readFileSync(path);
    json('--fix', path);
    assert.deepEqual(readFileSync(path), before);
  });
});

describe('cli: exit codes', () => {
  it('1 when a problem has error severity', () => {
    const { status, entries } = json(fixture('has-error.xml'));
    assert.equal(status, 1);
    assert.ok(entries[0].diagnostics.some((d) => d.code === 'invalid-value' && d.severity === 'error'));
  });

  it('0 when --rule lowers the error, 1 when --rule raises a warning', () => {
    assert.equal(run('--rule', 'invalid-value=warning', fixture('has-error.xml')).status, 0);
    assert.equal(run(`--rule=${RULE}=error`, fixture('automatic-with-suite.xml')).status, 1);
    const off = json('--rule', `${RULE}=off`, fixture('automatic-with-suite.xml'));
    assert.ok(!off.entries[0].diagnostics.some((d) => d.code === RULE));
    assert.equal(
      run('--rule', `invalid-value=hint,${RULE}=error`, fixture('has-error.xml')).status,
      0,
      'a comma-separated list sets several rules',
    );
  });

  it('2 for a missing path, with the path named on stderr; the other files are still reported', () => {
    const { status, entries, stderr } = json('test/fixtures/cli/no-such-file.xml', fixture('has-error.xml'));
    assert.equal(status, 2);
    assert.match(stderr, /no-such-file\.xml: no such file or folder/);
    assert.deepEqual(
      entries.map((e) => e.file),
      [fixture('has-error.xml')],
    );
  });

  it('2 for a file that cannot be decoded (not UTF-8 and no UTF-16 BOM)', () => {
    const r = run(fixture('undecodable.xml'));
    assert.equal(r.status, 2);
    assert.match(r.stderr, /undecodable\.xml: cannot read: not valid UTF-8/);
  });

  for (const args of [
    ['--format', 'xml', 'x.xml'],
    ['--bogus', 'x.xml'],
    ['--rule', 'no-such-rule=error', 'x.xml'],
    ['--rule', 'weak-crypto=loud', 'x.xml'],
    ['--rule', 'weak-crypto', 'x.xml'],
    ['--target-windows', 'win12', 'x.xml'],
    ['--deployment', 'sccm', 'x.xml'],
    ['--format'],
    [],
    ['--fix=yes', 'x.xml'],
    ['--fix', '--fix-dry-run', 'x.xml'],
    ['--fix-dry-run', '--format', 'json', 'x.xml'],
    ['--fix-dry-run', '--format', 'sarif', 'x.xml'],
  ]) {
    it(`2 for bad usage: ${args.join(' ') || '(no arguments)'}`, () => {
      const r = run(...args);
      assert.equal(r.status, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /^profilexml-lint: .+\n\nUsage: /);
    });
  }

  it('a misspelt rule id in --rule gets a suggestion', () => {
    const r = run('--rule', 'weak-crpto=off', fixture('has-error.xml'));
    assert.equal(r.status, 2);
    assert.match(r.stderr, /unknown rule id "weak-crpto" \(did you mean weak-crypto\?\)/);
    assert.doesNotMatch(run('--rule', 'no-such-rule=off', fixture('has-error.xml')).stderr, /did you mean/);
  });

  it('--help and --version exit 0', () => {
    const help = run('--help');
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: profilexml-lint/);
    const version = run('--version');
    assert.equal(version.status, 0);
    assert.equal(version.stdout.trim(), (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
  });
});

describe('cli: inputs', () => {
  it('walks folders: nested profiles (any .xml case), not node_modules, dot-folders or other XML', () => {
    const { entries, stderr } = json(fixture('tree'));
    assert.deepEqual(
      entries.map((e) => e.file),
      [join(FIXTURES, 'tree/site-a/nested/device.XML'), join(FIXTURES, 'tree/site-a/user.xml')],
    );
    assert.equal(stderr, '', 'other XML found in a folder is skipped silently');
  });

  it('skips a named file that is not ProfileXML with a note, not an error', () => {
    const { status, entries, stderr } = json(fixture('not-profilexml.xml'));
    assert.equal(status, 0);
    assert.deepEqual(entries, []);
    assert.match(stderr, /not-profilexml\.xml: skipped: not ProfileXML \(root element is <configuration>/);
    assert.equal(json('--quiet', fixture('not-profilexml.xml')).stderr, '', '--quiet drops notes');
  });

  it('a root that is a near miss of VPNProfile is linted, never skipped: wrong-root-element, exit 1 (found in a folder and named)', () => {
    const folder = json(fixture('near-miss-root'));
    assert.equal(folder.status, 1);
    assert.deepEqual(
      folder.entries.map((e) => e.file),
      [join(FIXTURES, 'near-miss-root/user-tunnel.xml')],
      'the Azure VPN Client profile is not taken for ProfileXML',
    );
    const [root] = folder.entries[0].diagnostics.filter((d) => d.code === 'wrong-root-element');
    assert.equal(root.severity, 'error');
    assert.deepEqual(root.range, { start: { line: 2, character: 1 }, end: { line: 2, character: 11 } });
    const named = json(fixture('near-miss-root/user-tunnel.xml'));
    assert.equal(named.status, 1);
    assert.equal(named.stderr, '');
    assert.ok(named.entries[0].diagnostics.some((d) => d.code === 'wrong-root-element'));
  });

  it('--fix renames a near-miss root in both tags and the file then passes', () => {
    const path = tempCopy('near-miss-root/user-tunnel.xml');
    const before = readFileSync(path, 'utf8');
    run('--fix', path);
    assert.equal(readFileSync(path, 'utf8'), before.replace('<VpnProfile>', '<VPNProfile>').replace('</VpnProfile>', '</VPNProfile>'));
    assert.equal(json(path).status, 0);
  });

  it('reads a file once even when named twice or through a symbolic link', () => {
    const path = tempCopy('has-error.xml');
    const link = `${path}.link.xml`;
    symlinkSync(path, link);
    const { entries } = json(path, link, relative(ROOT, path));
    assert.equal(entries.length, 1);
  });
});

describe('cli: output formats', () => {
  it('text: the file as a header, then `line:col  severity  message  rule-id` with one-based positions, then a summary', () => {
    const text = readFileSync(join(ROOT, fixture('has-error.xml')), 'utf8');
    const line = lineOf(text, '<AlwaysOn>yes');
    const column = text.split('\n')[line].indexOf('yes');
    const r = run(fixture('has-error.xml'));
    assert.equal(r.status, 1);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines[0], fixture('has-error.xml'));
    assert.match(lines[1], new RegExp(`^ +${line + 1}:${column + 1}  error  AlwaysOn must be .+  invalid-value$`));
    assert.equal(lines.at(-1), '1 problem (1 error, 0 warnings, 0 infos)');
    assert.ok(!/\u001b/.test(r.stdout), 'no colour into a pipe');
  });

  it('text: findings grouped under each file once, wrapped to COLUMNS, with the rule ids in one column', () => {
    const r = spawnSync(process.execPath, [CLI, fixture('automatic-with-suite.xml'), fixture('has-error.xml'), fixture('workspace')], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, COLUMNS: '110' },
    });
    const { entries } = json(fixture('automatic-with-suite.xml'), fixture('has-error.xml'), fixture('workspace'));
    const lines = r.stdout.trimEnd().split('\n');
    const headers = lines.filter((l) => l !== '' && !l.startsWith(' ') && !/^\d+ problems? /.test(l));
    assert.deepEqual(
      headers,
      entries.filter((e) => e.diagnostics.length).map((e) => e.file),
    );
    const rows = lines.filter((l) => /^ +\d+:\d+ {2}/.test(l));
    assert.equal(
      rows.length,
      entries.reduce((n, e) => n + e.diagnostics.length, 0),
    );
    const codes = new Set(entries.flatMap((e) => e.diagnostics.map((d) => d.code)));
    const ruleColumns = rows.map((row) => row.search(new RegExp(`(${[...codes].join('|')})$`)));
    assert.ok(
      ruleColumns.every((c) => c > 0),
      'every row ends with its rule id',
    );
    assert.equal(new Set(ruleColumns).size, 1, 'in one column');
    for (const l of lines) assert.ok(l.length <= 110, `a line longer than COLUMNS: ${l}`);
  });

  it('text: --quiet shows errors only', () => {
    const r = run('--quiet', fixture('automatic-with-suite.xml'), fixture('has-error.xml'));
    assert.ok(!r.stdout.includes(RULE));
    assert.match(r.stdout, / {2}invalid-value$/m);
  });

  it('compact: one line per finding, `path:line:col: severity: message [rule-id]`, as many as JSON has, then the summary', () => {
    const paths = [fixture('automatic-with-suite.xml'), fixture('has-error.xml'), fixture('workspace')];
    const r = run('--format', 'compact', ...paths);
    assert.equal(r.status, 1);
    const { entries } = json(...paths);
    const expected = entries.flatMap((e) =>
      e.diagnostics.map(
        (d) =>
          `${e.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity}: ${d.message.replace(/\s*\n\s*/g, ' ')} [${d.code}]`,
      ),
    );
    const lines = r.stdout.trimEnd().split('\n');
    assert.deepEqual(lines.slice(0, expected.length), expected);
    assert.deepEqual(lines.slice(expected.length), ['', lines.at(-1)]);
    assert.match(lines.at(-1)!, /^\d+ problems \(\d+ errors?, /);
    const colour = spawnSync(process.execPath, [CLI, '--format', 'compact', ...paths], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, FORCE_COLOR: '1', FORCE_HYPERLINK: '1' },
    });
    assert.equal(colour.stdout, r.stdout, 'compact is never coloured or linked: programs read it');
  });

  it('sarif: version 2.1.0, rules from the metadata, results with one-based regions', () => {
    const r = run('--format', 'sarif', fixture('has-error.xml'));
    assert.equal(r.status, 1);
    const log = JSON.parse(r.stdout) as {
      version: string;
      runs: {
        tool: {
          driver: {
            name: string;
            rules: { id: string; shortDescription: { text: string }; helpUri?: string; defaultConfiguration: { level: string } }[];
          };
        };
        results: {
          ruleId: string;
          ruleIndex: number;
          level: string;
          message: { text: string };
          locations: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[];
        }[];
      }[];
    };
    assert.equal(log.version, '2.1.0');
    const { driver } = log.runs[0].tool;
    assert.equal(driver.name, 'profilexml-lint');
    const rule = driver.rules.find((x) => x.id === RULE);
    assert.ok(rule, `${RULE} is among the rules`);
    assert.equal(rule.defaultConfiguration.level, 'warning');
    assert.ok(rule.shortDescription.text.length > 0);
    // helpUri is the rule's first published source, when it has one.
    assert.match(driver.rules.find((x) => x.id === 'invalid-value')?.helpUri ?? '', /^https:\/\//);

    const result = log.runs[0].results.find((x) => x.ruleId === 'invalid-value');
    assert.ok(result);
    assert.equal(result.level, 'error');
    assert.equal(driver.rules[result.ruleIndex].id, 'invalid-value');
    const { entries } = json(fixture('has-error.xml'));
    const d = entries[0].diagnostics.find((x) => x.code === 'invalid-value')!;
    assert.deepEqual(result.locations[0].physicalLocation, {
      artifactLocation: { uri: fixture('has-error.xml') },
      region: {
        startLine: d.range.start.line + 1,
        startColumn: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
      },
    });
  });
});

describe('cli: --fail-on', () => {
  it('fails from the chosen severity up; --quiet shortens the report but not the verdict; bad levels are usage errors', () => {
    const warningsOnly = fixture('automatic-with-suite.xml');
    assert.equal(
      json(warningsOnly).entries[0].diagnostics.every((d) => d.severity !== 'error'),
      true,
      'the fixture has no error',
    );
    assert.equal(run(warningsOnly).status, 0);
    assert.equal(run('--fail-on', 'error', warningsOnly).status, 0);
    assert.equal(run('--fail-on', 'warning', warningsOnly).status, 1);
    assert.equal(run('--fail-on=information', warningsOnly).status, 1);
    const quiet = run('--quiet', '--fail-on', 'warning', warningsOnly);
    assert.equal(quiet.status, 1);
    assert.ok(!quiet.stdout.includes(RULE), 'the warning itself is not reported with --quiet');
    assert.equal(
      run('--fail-on', 'warning', '--rule', `${RULE}=information`, warningsOnly).status,
      0,
      'rule levels apply before the threshold',
    );
    const bad = run('--fail-on', 'loud', warningsOnly);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--fail-on must be one of error, warning, information, hint/);
  });
});

describe('cli: CI formats (GitHub Actions, Azure Pipelines) and output that CI runners must not act on', () => {
  it('github: one workflow command per finding, notices below warning, with file, one-based range and rule id', () => {
    const r = run('--format', 'github', fixture('automatic-with-suite.xml'), fixture('has-error.xml'));
    assert.equal(r.status, 1);
    const { entries } = json(fixture('automatic-with-suite.xml'), fixture('has-error.xml'));
    const commands = r.stdout.split('\n').filter((l) => l.startsWith('::'));
    assert.equal(
      commands.length,
      entries.reduce((n, e) => n + e.diagnostics.length, 0),
    );
    const d = entries[1].diagnostics.find((x) => x.code === 'invalid-value')!;
    const expected = `::error file=${fixture('has-error.xml')},line=${d.range.start.line + 1},col=${d.range.start.character + 1},endLine=${d.range.end.line + 1},endColumn=${d.range.end.character + 1},title=invalid-value::`;
    assert.ok(
      commands.some((l) => l.startsWith(expected)),
      `${expected}… missing from:\n${r.stdout}`,
    );
    assert.ok(commands.some((l) => l.startsWith('::warning ') && l.includes(`title=${RULE}::`)));
    for (const entry of entries)
      for (const x of entry.diagnostics)
        if (x.severity === 'information' || x.severity === 'hint')
          assert.ok(
            commands.some((l) => l.startsWith('::notice ') && l.includes(`title=${x.code}::`)),
            x.code,
          );
    assert.match(r.stdout, /^\d+ problems \(/m, 'the summary follows as plain text');
  });

  it('github: an absolute path inside the checkout is given relative to it, as GitHub matches files', () => {
    const r = run('--format', 'github', join(ROOT, fixture('has-error.xml')));
    assert.match(
      r.stdout,
      new RegExp(`^::error file=${fixture('has-error.xml').replace(/[.\\/]/g, (c) => `\\${c}`)},line=`, 'm'),
      r.stdout,
    );
  });

  it('github: escapes % and line breaks in the message and : , in properties', () => {
    const r = run('--format', 'github', fixture('ci-injection.xml'));
    const line = r.stdout.split('\n').find((l) => l.includes('title=invalid-value'))!;
    assert.ok(line, r.stdout);
    assert.match(line, /yes, 100%25/);
    const [, properties] = /^::error ([^:]*)::/.exec(line) ?? [];
    assert.ok(properties, line);
    assert.deepEqual(
      properties.split(',').map((p) => p.split('=')[0]),
      ['file', 'line', 'col', 'endLine', 'endColumn', 'title'],
    );
  });

  it('azure-devops: errors and warnings are logissue commands; information stays plain text', () => {
    const r = run(
      '--format',
      'azure-devops',
      '--rule',
      `${RULE}=information`,
      fixture('automatic-with-suite.xml'),
      fixture('has-error.xml'),
    );
    assert.equal(r.status, 1);
    const { entries } = json(fixture('has-error.xml'));
    const d = entries[0].diagnostics.find((x) => x.code === 'invalid-value')!;
    assert.ok(
      r.stdout.includes(
        `##vso[task.logissue type=error;sourcepath=${fixture('has-error.xml')};linenumber=${d.range.start.line + 1};columnnumber=${d.range.start.character + 1};code=invalid-value;]`,
      ),
      r.stdout,
    );
    const info = r.stdout.split('\n').find((l) => l.includes(`[${RULE}]`));
    assert.ok(info && !info.includes('##vso'), `the information finding is a plain line: ${info}`);
    assert.match(info, /information/);
  });

  it('no format lets a quoted value start a logging command; JSON and SARIF keep the value exactly', () => {
    const LOGGING_COMMAND = /##(vso)?\[/g;
    for (const format of ['text', 'json', 'sarif', 'azure-devops']) {
      const r = run('--format', format, fixture('ci-injection.xml'));
      assert.match(r.stdout, /setvariable/, `${format} reports the value`);
      const commands = r.stdout.split('\n').map((l) => [...l.matchAll(LOGGING_COMMAND)].length);
      const allowed = format === 'azure-devops' ? 1 : 0;
      assert.ok(
        commands.every((n) => n <= allowed),
        `${format}: a line carries a logging command of the file's:\n${r.stdout}`,
      );
      if (format === 'azure-devops')
        assert.ok(r.stdout.split('\n').every((l) => !/##(vso)?\[/.test(l) || l.startsWith('##vso[task.logissue ')));
    }
    const { entries } = json(fixture('ci-injection.xml'));
    assert.ok(
      entries[0].diagnostics.some((x) => x.message.includes('"##vso[task.setvariable variable=pwned]yes, 100%"')),
      'the parsed JSON holds the value unchanged',
    );
  });

  it('stderr is shielded too (it quotes arguments and names files)', () => {
    const r = run('--format', '##vso[task.setvariable variable=pwned]yes', fixture('has-error.xml'));
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--format must be one of/);
    assert.doesNotMatch(r.stderr, /##vso\[/);
  });
});

describe('cli: hostile names and values (control characters, CI runner commands)', () => {
  /** Lines as CI runners split them: on CRLF, LF and a lone CR. */
  const runnerLines = (output: string): string[] => output.split(/\r\n|\n|\r/);
  /** A line a GitHub runner would act on: `::` after leading blanks (it trims them). */
  const githubCommand = (line: string): boolean => /^\s*::/.test(line);
  const azureCommand = (line: string): boolean => /##(vso)?\[/.test(line);
  const ESC = '\u001b';
  const BEL = '\u0007';

  function hostileFolder(): { dir: string; profile: string; script: string } {
    const dir = mkdtempSync(join(tmpdir(), 'profilexml-cli-hostile-'));
    temps.push(dir);
    // A file name that carries a line break and a GitHub command of its own.
    const profile = join(dir, 'a\n::error file=SECURITY.md::forged.xml');
    writeFileSync(
      profile,
      '<VPNProfile><NativeProfile><Servers>vpn.example.com</Servers><NativeProtocolType>IKEv2</NativeProtocolType><Authentication><MachineMethod>Certificate</MachineMethod></Authentication></NativeProfile><AlwaysOn>TRUE</AlwaysOn></VPNProfile>\n',
    );
    // Values with a lone carriage return before a command, and terminal escapes (clear screen, set title, bell).
    const script = join(dir, `evil${ESC}]0;PWNED${BEL}.ps1`);
    writeFileSync(
      script,
      `Add-VpnConnection -Name corp -ServerAddress vpn.example.com -TunnelType "Ikev3\r::add-mask::vpn"\nAdd-VpnConnection -Name corp2 -ServerAddress vpn.example.com -TunnelType "Ikev3${ESC}[2J${ESC}]0;PWNED${BEL}"\n`,
    );
    return { dir, profile, script };
  }

  for (const format of ['text', 'compact', 'github', 'azure-devops', 'json', 'sarif']) {
    it(`${format}: no line of stdout or stderr is a runner command of the files', and no ESC or BEL reaches the terminal`, () => {
      const { dir } = hostileFolder();
      const r = run('--format', format, dir);
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stdout, /Ikev3/, 'the values are reported');
      for (const [stream, output] of [
        ['stdout', r.stdout],
        ['stderr', r.stderr],
      ] as const) {
        for (const line of runnerLines(output)) {
          if (format === 'github' && stream === 'stdout' && /^::(error|warning|notice) file=/.test(line)) {
            // Our own annotation: its properties and message are escaped, so nothing after it can start a second command.
            assert.ok(!/[\r\n]/.test(line));
            continue;
          }
          if (format === 'azure-devops' && stream === 'stdout' && line.startsWith('##vso[task.logissue ')) {
            assert.ok(!azureCommand(line.slice('##vso['.length)), `a second logging command inside: ${line}`);
            continue;
          }
          assert.ok(!githubCommand(line), `${format} ${stream}: a line a GitHub runner would run: ${JSON.stringify(line)}`);
          assert.ok(!azureCommand(line), `${format} ${stream}: a line an Azure agent would run: ${JSON.stringify(line)}`);
        }
        assert.ok(!output.includes(ESC) && !output.includes(BEL), `${format} ${stream}: a raw ESC or BEL`);
      }
    });
  }

  it('text and compact show control characters as visible escapes and name the file so that it can be found', () => {
    const { dir } = hostileFolder();
    const text = run('--format', 'text', dir);
    // The file's header, then its findings (line 1).
    assert.match(text.stdout, /a\\u000a::error file=SECURITY\.md::forged\.xml\n +1:\d+ {2}/);
    assert.match(text.stdout, /Ikev3\\u000d::add-mask::vpn/);
    assert.match(text.stdout, /Ikev3\\u001b\[2J\\u001b\]0;PWNED\\u0007/);
    assert.match(text.stdout, /evil\\u001b\]0;PWNED\\u0007\.ps1\n/);
    const compact = run('--format', 'compact', dir);
    assert.match(compact.stdout, /a\\u000a::error file=SECURITY\.md::forged\.xml:1:\d+: /);
    assert.match(compact.stdout, /Ikev3\\u000d::add-mask::vpn/);
    assert.match(compact.stdout, /Ikev3\\u001b\[2J\\u001b\]0;PWNED\\u0007/);
    assert.match(compact.stdout, /evil\\u001b\]0;PWNED\\u0007\.ps1:\d+:\d+: /);
  });

  it('with colour and links forced, the only escape sequences are our own (SGR and OSC 8 to the rule docs), at every width', () => {
    const { dir } = hostileFolder();
    // Values with blanks before "::" and "##vso[": wrapping may put them at the start of a line.
    // (A plain string, not a template literal: the fix property test takes the unit tests' template literals as PowerShell to mutate, and this line is about output, not PowerShell.)
    writeFileSync(
      join(dir, 'wrapped.ps1'),
      'Add-VpnConnection -Name corp3 -ServerAddress vpn.example.com -TunnelType "x ::error::a ::warning::b ##vso[task.setvariable variable=x]1 ::notice::c ##[error]d ::add-mask::e"\n',
    );
    let shielded = 0;
    for (let width = 30; width <= 150; width += 8) {
      const r = spawnSync(process.execPath, [CLI, dir], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 30_000,
        env: { ...process.env, FORCE_COLOR: '1', FORCE_HYPERLINK: '1', COLUMNS: String(width) },
      });
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stdout, /\u001b\[/, 'colour is on');
      assert.match(r.stdout, /\u001b\]8;;https:\/\/[^\u001b]+\/docs\/rules\.md#ps-invalid-value\u001b\\/, 'rule ids link to their docs');
      const ours = r.stdout.replace(/\u001b\[\d+m/g, '').replace(/\u001b\]8;;(https:\/\/[!-~]+)?\u001b\\/g, '');
      assert.ok(!ours.includes(ESC) && !ours.includes(BEL), `width ${width}: an ESC or BEL that is not ours`);
      assert.match(ours, /Ikev3\\u001b\[2J/);
      for (const line of [...runnerLines(r.stdout), ...runnerLines(ours)]) {
        assert.ok(!githubCommand(line), `width ${width}: a line a GitHub runner would run: ${JSON.stringify(line)}`);
        assert.ok(!azureCommand(line), `width ${width}: a line an Azure agent would run: ${JSON.stringify(line)}`);
      }
      shielded += runnerLines(ours).filter((line) => /^\s+\\u003a:/.test(line)).length;
    }
    assert.ok(shielded > 0, 'at some width a wrapped line started with "::" and was shielded (the case this test is about)');
  });

  it('JSON keeps names and values exactly (machines read it)', () => {
    const { dir, profile, script } = hostileFolder();
    const { entries } = json(dir);
    assert.deepEqual(entries.map((e) => e.file).sort(), [profile, script].sort());
    assert.ok(entries.some((e) => e.diagnostics.some((d) => d.message.includes('Ikev3\r::add-mask::vpn'))));
  });

  it('a relative path that starts with "::" is printed as ./:: in text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'profilexml-cli-colon-'));
    temps.push(dir);
    writeFileSync(join(dir, '::warning::x.xml'), readFileSync(join(ROOT, fixture('has-error.xml'))));
    const r = spawnSync(process.execPath, [CLI, '::warning::x.xml'], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^\.\/::warning::x\.xml$/m);
    assert.ok(runnerLines(r.stdout).every((l) => !githubCommand(l)));
    const compact = spawnSync(process.execPath, [CLI, '--format', 'compact', '::warning::x.xml'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.match(compact.stdout, /^\.\/::warning::x\.xml:\d+:\d+: error: /m);
    assert.ok(runnerLines(compact.stdout).every((l) => !githubCommand(l)));
  });
});

describe('cli: symbolic links, procfs and special files (walk like git and ripgrep)', () => {
  /** repo/ with a profile, links out of it (to /, to /proc/self/pagemap, to a profile outside), a link back into itself, and a FIFO. */
  function linkedRepo(): { base: string; repo: string; outsideProfile: string } {
    const base = mkdtempSync(join(tmpdir(), 'profilexml-cli-links-'));
    temps.push(base);
    const repo = join(base, 'repo');
    mkdirSync(join(repo, 'sub'), { recursive: true });
    mkdirSync(join(base, 'outside'));
    copyFileSync(join(ROOT, fixture('has-error.xml')), join(repo, 'sub', 'profile.xml'));
    const outsideProfile = join(base, 'outside', 'target.xml');
    copyFileSync(join(ROOT, fixture('automatic-with-suite.xml')), outsideProfile);
    symlinkSync('/', join(repo, 'rootfs'));
    symlinkSync('/proc/self/pagemap', join(repo, 'evil.ps1'));
    symlinkSync(outsideProfile, join(repo, 'link.xml'));
    symlinkSync(join(base, 'outside'), join(repo, 'outside-folder'));
    symlinkSync(join(repo, 'sub'), join(repo, 'sub-again'));
    symlinkSync(repo, join(repo, 'sub', 'loop'));
    spawnSync('mkfifo', [join(repo, 'pipe.xml')]);
    return { base, repo, outsideProfile };
  }

  it("does not follow links while walking: only the repository's own files, no failures, quickly", () => {
    const { repo } = linkedRepo();
    const { status, entries, stderr } = json(repo);
    assert.deepEqual(
      entries.map((e) => relative(repo, e.file)),
      [join('sub', 'profile.xml')],
    );
    assert.equal(status, 1, 'the profile has an error');
    assert.doesNotMatch(stderr, /cannot read/);
  });

  it('--follow-symlinks follows links that stay inside the paths given, each folder once, and never out of them', () => {
    const { repo } = linkedRepo();
    const { entries, stderr } = json('--follow-symlinks', repo);
    assert.deepEqual(
      entries.map((e) => relative(repo, e.file)),
      [join('sub', 'profile.xml')],
      'sub-again and the loop lead to the same folder; the rest leads out',
    );
    assert.doesNotMatch(stderr, /cannot read/);
  });

  it('a link named on the command line is read (the user chose it); /proc/self/pagemap stops at the size limit; a FIFO is refused, not waited on', () => {
    const { repo, outsideProfile } = linkedRepo();
    const named = json(join(repo, 'link.xml'));
    assert.deepEqual(
      named.entries.map((e) => e.file),
      [join(repo, 'link.xml')],
    );
    assert.ok(named.entries[0].diagnostics.length > 0);
    assert.ok(existsSync(outsideProfile));
    const pagemap = run(join(repo, 'evil.ps1'));
    assert.equal(pagemap.status, 2);
    assert.match(pagemap.stderr, /evil\.ps1: not read: larger than 64 MiB/);
    const fifo = run(join(repo, 'pipe.xml'));
    assert.equal(fifo.status, 2);
    assert.match(fifo.stderr, /pipe\.xml: not read: not a regular file/);
  });

  it('--fix on a folder never writes through a link to a file outside it', () => {
    const { repo, outsideProfile } = linkedRepo();
    const before = readFileSync(outsideProfile);
    run('--fix', repo);
    assert.deepEqual(readFileSync(outsideProfile), before);
    run('--fix', '--follow-symlinks', repo);
    assert.deepEqual(readFileSync(outsideProfile), before, 'not even when following links: the target is outside the path given');
  });
});

describe('cli: --fix is a careful editor (concurrent edits, read-only files, owners, hard links, signals)', () => {
  /** A copy of the Automatic + CryptographySuite profile (one fix) in a fresh folder. */
  function fixable(name = 'profile.xml'): string {
    const dir = mkdtempSync(join(tmpdir(), 'profilexml-cli-careful-'));
    temps.push(dir);
    const path = join(dir, name);
    copyFileSync(join(ROOT, fixture('automatic-with-suite.xml')), path);
    return path;
  }
  const IKEV2 = '<NativeProtocolType>IKEv2</NativeProtocolType>';

  it('keeps an edit made while the fix was computed: the file is left as the other writer left it, and the run says so', async () => {
    // A profile large enough that computing its fixes takes a while (generated, not committed).
    const path = fixable();
    const routes = Array.from(
      { length: 100_000 },
      (_, i) => `  <Route>\n    <Address>10.${(i >> 8) & 255}.${i & 255}.0</Address>\n    <PrefixSize>24</PrefixSize>\n  </Route>\n`,
    ).join('');
    writeFileSync(path, readFileSync(path, 'utf8').replace('</VPNProfile>', `${routes}</VPNProfile>`));
    const size = statSync(path).size;
    const child = spawn(process.execPath, [CLI, '--fix', path], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const done = new Promise<number | null>((resolveExit) => child.on('exit', resolveExit));
    // Once the process has read the bundle and the whole profile (bytes read, from procfs) and
    // no longer holds the profile open, append a line: the fix is being computed then.
    const bundle = statSync(CLI).size;
    const holdsProfile = (): boolean =>
      readdirSync(`/proc/${child.pid}/fd`).some((fd) => {
        try {
          return readlinkSync(`/proc/${child.pid}/fd/${fd}`) === path;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false; // closed meanwhile
          throw error;
        }
      });
    for (;;) {
      const io = readFileSync(`/proc/${child.pid}/io`, 'utf8');
      if (Number(/rchar: (\d+)/.exec(io)?.[1]) >= size + bundle && !holdsProfile()) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    appendFileSync(path, '<!-- added by another editor -->\n');
    const code = await done;
    const after = readFileSync(path, 'utf8');
    const state = `exit ${code}, stderr: ${stderr}`;
    assert.ok(after.endsWith('<!-- added by another editor -->\n'), `the concurrent edit survived (${state})`);
    assert.ok(after.includes('<NativeProtocolType>Automatic</NativeProtocolType>'), `and the fix was not written over it (${state})`);
    assert.match(stderr, /not fixed: it changed while it was being fixed/);
  });

  it('refuses a read-only file with a message, even as root', () => {
    const path = fixable();
    chmodSync(path, 0o444);
    const before = readFileSync(path);
    const r = run('--fix', path);
    assert.match(r.stderr, /not fixed: it is read-only/);
    assert.deepEqual(readFileSync(path), before);
    assert.equal(statSync(path).mode & 0o777, 0o444);
  });

  it(
    'keeps the mode and the owner of the file it replaces',
    { skip: process.getuid?.() !== 0 ? 'changing a file owner needs root' : false },
    () => {
      const path = fixable();
      chmodSync(path, 0o640);
      chownSync(path, 1234, 4321);
      run('--fix', path);
      assert.match(readFileSync(path, 'utf8'), new RegExp(IKEV2));
      const info = statSync(path);
      assert.deepEqual([info.mode & 0o7777, info.uid, info.gid], [0o640, 1234, 4321]);
    },
  );

  it(
    'run as another user, leaves a file it could only replace by taking it over',
    { skip: process.getuid?.() !== 0 ? 'switching users needs root' : false },
    () => {
      const path = fixable();
      chmodSync(dirname(path), 0o777); // the folder lets anyone rename files in it
      chmodSync(path, 0o644); // the file is root's
      const before = readFileSync(path);
      const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, CLI, '--fix', path], {
        cwd: '/',
        encoding: 'utf8',
        timeout: 30_000,
      });
      assert.match(r.stderr, /not fixed: it belongs to another user/);
      assert.deepEqual(readFileSync(path), before);
      assert.equal(statSync(path).uid, 0);
    },
  );

  it('leaves a file with hard links alone (replacing it would separate them)', () => {
    const path = fixable();
    const other = `${path}.hardlink.xml`;
    linkSync(path, other);
    const before = readFileSync(path);
    const r = run('--fix', path);
    assert.match(r.stderr, /not fixed: it has 2 hard links/);
    assert.deepEqual(readFileSync(path), before);
    assert.equal(statSync(path).ino, statSync(other).ino);
  });

  it('stopped by SIGTERM or SIGINT at any moment: every file is whole (original or fixed) and no temporary file is left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'profilexml-cli-kill-'));
    temps.push(dir);
    const original = readFileSync(join(ROOT, fixture('automatic-with-suite.xml')), 'utf8');
    const fixedText = original.replace('<NativeProtocolType>Automatic</NativeProtocolType>', IKEV2);
    for (let i = 0; i < 40; i++) writeFileSync(join(dir, `p${String(i).padStart(2, '0')}.xml`), original);
    for (let kill = 0; kill < 25; kill++) {
      const child = spawn(process.execPath, [CLI, '--fix', dir], { cwd: ROOT });
      const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
      let told = '';
      child.stdout.on('data', (chunk: Buffer) => (told += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (told += chunk.toString()));
      const closed = new Promise<void>((resolveClose) => child.on('close', () => resolveClose()));
      // Anywhere from start-up to the end of the writes.
      await new Promise((r) => setTimeout(r, 60 + ((kill * 37) % 400)));
      child.kill(kill % 2 ? 'SIGINT' : 'SIGTERM');
      await exited;
      await closed;
      const names = readdirSync(dir);
      assert.deepEqual(
        names.filter((n) => n.endsWith('.tmp')),
        [],
        `kill ${kill}: a temporary file was left behind`,
      );
      for (const name of names) {
        const text = readFileSync(join(dir, name), 'utf8');
        assert.ok(text === original || text === fixedText, `kill ${kill}: ${name} is neither the original nor the fixed profile`);
        // No change without a word: a file that was fixed is named with its fix, in the report or in what the stop printed.
        if (text === fixedText)
          assert.ok(
            told.includes(`${name}\n`) && told.includes('Set NativeProtocolType to IKEv2'),
            `kill ${kill}: ${name} was fixed without a word:\n${told}`,
          );
      }
      for (const name of names) writeFileSync(join(dir, name), original);
    }
  });
});

describe('cli: a tag with 150,000 attributes (linear scan; the time is budgeted in npm run bench)', () => {
  it('is read, judged and reported like any profile: well-formed, or a duplicate attribute found by the parser', () => {
    const dir = mkdtempSync(join(tmpdir(), 'profilexml-cli-attrs-'));
    temps.push(dir);
    const attributes = Array.from({ length: 150_000 }, (_, i) => ` a${i}="x"`).join('');
    const body =
      '<NativeProfile><Servers>vpn.example.com</Servers><NativeProtocolType>Automatic</NativeProtocolType><Authentication><MachineMethod>Certificate</MachineMethod></Authentication><CryptographySuite><DHGroup>Group14</DHGroup></CryptographySuite></NativeProfile>';
    writeFileSync(join(dir, 'many.xml'), `<VPNProfile${attributes}>${body}</VPNProfile>`);
    writeFileSync(join(dir, 'duplicate.xml'), `<VPNProfile${attributes} a0="y">${body}</VPNProfile>`);
    const { entries } = json(dir);
    const codes = Object.fromEntries(entries.map((e) => [basename(e.file), e.diagnostics.map((d) => d.code)]));
    assert.ok(codes['many.xml'].includes('crypto-suite-ignored-automatic'), 'the profile under the attributes is checked');
    assert.deepEqual(codes['duplicate.xml'], ['xml-not-well-formed']);
  });
});

describe('cli: multi-megabyte scripts (the analysis has a memory budget, and says when a script is over it)', () => {
  function scripts(): string {
    const dir = mkdtempSync(join(tmpdir(), 'profilexml-cli-big-'));
    temps.push(dir);
    // 2,093,056 bytes of "1\n": under the index's 2 MiB limit, and nothing about VPNs in it.
    writeFileSync(join(dir, 'ones.ps1'), '1\n'.repeat(1_046_528));
    // Five megabytes of statements around one VPN command: over the token budget.
    writeFileSync(
      join(dir, 'dense.ps1'),
      `Add-VpnConnection -Name x -ServerAddress vpn.example.com -TunnelType Pptp\n${'$x = 1\n'.repeat(750_000)}`,
    );
    // Two megabytes of base64 in a here-string (an Intune remediation script's payload), and a VPN command: analysed.
    const blob = Buffer.alloc(1_500_000, 7).toString('base64').replace(/.{76}/g, '$&\n');
    writeFileSync(
      join(dir, 'payload.ps1'),
      `$payload = @'\n${blob}\n'@\nAdd-VpnConnection -Name x -ServerAddress vpn.example.com -TunnelType Pptp\n`,
    );
    copyFileSync(join(ROOT, fixture('has-error.xml')), join(dir, 'profile.xml'));
    return dir;
  }

  it('reports every other file, says which scripts were not analysed and why, and analyses a large script whose size is a string', () => {
    const dir = scripts();
    const { status, entries, stderr } = json(dir);
    assert.equal(status, 1);
    const codes = Object.fromEntries(entries.map((e) => [basename(e.file), e.diagnostics.map((d) => d.code)]));
    assert.deepEqual(codes['ones.ps1'], []);
    assert.deepEqual(codes['dense.ps1'], []);
    assert.ok(codes['payload.ps1'].includes('ps-weak-crypto'), 'the command after the payload is checked');
    assert.ok(codes['profile.xml'].includes('invalid-value'), 'the profile beside them is reported');
    assert.match(stderr, /ones\.ps1: not analysed: it is large and mentions no VPN cmdlet/);
    assert.match(stderr, /dense\.ps1: not analysed: it has more than 150,000 PowerShell tokens/);
    assert.doesNotMatch(stderr, /payload\.ps1/);
  });
});

describe('cli: SARIF details', () => {
  it('rule tags are unique (SARIF 2.1.0 requires it; PowerShell rules are of language and family "powershell")', () => {
    const r = run('--format', 'sarif', fixture('has-error.xml'));
    const log = JSON.parse(r.stdout) as { runs: { tool: { driver: { rules: { id: string; properties: { tags: string[] } }[] } } }[] };
    for (const rule of log.runs[0].tool.driver.rules)
      assert.equal(new Set(rule.properties.tags).size, rule.properties.tags.length, rule.id);
    assert.ok(log.runs[0].tool.driver.rules.some((rule) => rule.properties.tags.join() === 'powershell'));
  });

  it('a backslash in a Linux file name is part of the name: percent-encoded in the artifact uri', () => {
    const dir = mkdtempSync(join(tmpdir(), 'profilexml-cli-sarif-'));
    temps.push(dir);
    writeFileSync(join(dir, 'back\\slash.xml'), readFileSync(join(ROOT, fixture('has-error.xml'))));
    const r = spawnSync(process.execPath, [CLI, '--format', 'sarif', 'back\\slash.xml'], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
    const log = JSON.parse(r.stdout) as {
      runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    assert.equal(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'back%5Cslash.xml');
  });
});

describe('cli: PowerShell scripts and checks across the files of a run', () => {
  const folder = fixture('workspace');
  const MISMATCH = 'ipsec-policy-mismatch';

  it('a folder with a server script and a client profile whose suites differ: ipsec-policy-mismatch on the client, exit 1', () => {
    const { status, entries, stderr } = json(folder);
    assert.equal(stderr, '');
    assert.equal(status, 1);
    assert.deepEqual(
      entries.map((e) => e.file),
      [join(FIXTURES, 'workspace/client.xml'), join(FIXTURES, 'workspace/server.ps1')],
      'one entry per file read, scripts included',
    );
    const client = entries[0].diagnostics.filter((d) => d.code === MISMATCH);
    assert.equal(client.length, 1);
    assert.equal(client[0].severity, 'error');
    const text = readFileSync(join(ROOT, folder, 'client.xml'), 'utf8');
    const line = lineOf(text, '<CryptographySuite>');
    const character = text.split('\n')[line].indexOf('CryptographySuite');
    assert.deepEqual(client[0].range, { start: { line, character }, end: { line, character: character + 'CryptographySuite'.length } });
    // The server is named so that CLI users know where to look.
    assert.match(client[0].message, /server\.ps1, line 13/);
    assert.match(client[0].message, /EncryptionMethod is AES128 here but AES_GCM_128 on the server/);
    assert.match(client[0].message, /13868/);
    assert.ok(!entries[1].diagnostics.some((d) => d.code === MISMATCH), 'reported on the client side only');
  });

  it('the files named one by one are compared with each other too; the client alone is fine', () => {
    assert.equal(json(`${folder}/client.xml`, `${folder}/server.ps1`).status, 1);
    const alone = json(`${folder}/client.xml`);
    assert.equal(alone.status, 0);
    assert.ok(!alone.entries[0].diagnostics.some((d) => d.code === MISMATCH));
  });

  it('--rule turns the check across files off like any other rule', () => {
    const { status, entries } = json('--rule', `${MISMATCH}=off`, folder);
    assert.equal(status, 0);
    assert.ok(!entries.some((e) => e.diagnostics.some((d) => d.code === MISMATCH)));
  });

  it('--fix aligns the client profile with the server policy (ProfileXML spellings) and leaves the script alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'profilexml-cli-'));
    temps.push(dir);
    cpSync(join(ROOT, folder), dir, { recursive: true });
    const serverBefore = readFileSync(join(dir, 'server.ps1'));
    const clientBefore = readFileSync(join(dir, 'client.xml'), 'utf8');
    const { status, entries } = json('--fix', dir);
    assert.equal(status, 0, JSON.stringify(entries));
    assert.ok(!entries.some((e) => e.diagnostics.some((d) => d.code === MISMATCH)));
    const expected = clientBefore
      .replace('<AuthenticationTransformConstants>SHA256128<', '<AuthenticationTransformConstants>GCMAES128<')
      .replace('<CipherTransformConstants>AES128<', '<CipherTransformConstants>GCMAES128<')
      .replace('<PfsGroup>PFS2048<', '<PfsGroup>ECP256<')
      .replace('<EncryptionMethod>AES128<', '<EncryptionMethod>AES_GCM_128<');
    assert.equal(readFileSync(join(dir, 'client.xml'), 'utf8'), expected);
    assert.deepEqual(readFileSync(join(dir, 'server.ps1')), serverBefore);
  });

  it('accepts a named script without a note', () => {
    const { status, entries, stderr } = json(`${folder}/server.ps1`);
    assert.equal(stderr, '');
    assert.equal(status, 0);
    assert.deepEqual(
      entries.map((e) => e.file),
      [`${folder}/server.ps1`],
    );
  });
});

describe('cli: --fix tells every change (file, line, rule, what it did), then what is left', () => {
  const SEVERAL = 'several-fixes.xml';
  /** Rows of the text report: `line:col  kind  text  rule-id` under a file header. */
  function rows(stdout: string): { file: string; line: number; column: number; kind: string; text: string; rule: string }[] {
    const out: { file: string; line: number; column: number; kind: string; text: string; rule: string }[] = [];
    let file = '';
    for (const line of stdout.split('\n')) {
      if (line && !line.startsWith(' ')) file = line;
      const m = /^ +(\d+):(\d+) {2}(fixed|would fix|error|warning|information|hint) +(.+?)  +([a-z0-9-]+)$/.exec(line);
      if (m) out.push({ file, line: Number(m[1]), column: Number(m[2]), kind: m[3], text: m[4], rule: m[5] });
    }
    return out;
  }

  it('text: each fix under its file with its rule and title, placed in the fixed file; the summary counts them', () => {
    const path = tempCopy(SEVERAL);
    const r = run('--fix', path);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const fixed = readFileSync(path, 'utf8');
    assert.notEqual(fixed, readFileSync(join(ROOT, fixture(SEVERAL)), 'utf8'));
    const listed = rows(r.stdout).filter((row) => row.kind === 'fixed');
    assert.ok(listed.every((row) => row.file === path));
    const named = listed.map((row) => `${row.rule}: ${row.text}`);
    // The two changes nobody was told about before: the key removed, the suite rewritten.
    assert.ok(named.includes('l2tp-psk-unused: Remove L2tpPsk'), named.join('\n'));
    assert.ok(named.includes('weak-crypto: Use AES128'), named.join('\n'));
    assert.ok(named.includes('invalid-value: Change to true'), named.join('\n'));
    assert.ok(!fixed.includes('L2tpPsk'));
    // A fix that writes a value points at that value in the file as it is now.
    const lines = fixed.split('\n');
    for (const row of listed) {
      const value = /^(?:Use|Change to) (\S+)$/.exec(row.text)?.[1];
      if (value)
        assert.ok(
          lines[row.line - 1].slice(row.column - 1).startsWith(value),
          `${row.line}:${row.column} ${row.text}: ${lines[row.line - 1]}`,
        );
    }
    assert.match(r.stdout, new RegExp(`\\nFixed ${listed.length} problems in 1 file\\.\\n$`));
  });

  it('a suite rewritten to match the server policy is told, with the rule and the server script; the script is not touched', () => {
    const dir = mkdtempSync(join(tmpdir(), 'profilexml-cli-'));
    temps.push(dir);
    cpSync(join(ROOT, fixture('workspace')), dir, { recursive: true });
    const r = spawnSync(process.execPath, [CLI, '--fix', '.'], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.deepEqual(
      rows(r.stdout)
        .filter((row) => row.kind === 'fixed')
        .map((row) => [row.file, row.rule, row.text]),
      [['client.xml', 'ipsec-policy-mismatch', 'Align the client IPsec policy with the server (server.ps1)']],
    );
    assert.match(r.stdout, /Fixed 1 problem in 1 file\./);
  });

  it('--quiet: the fixes are counted, not listed', () => {
    const r = run('--fix', '--quiet', tempCopy(SEVERAL));
    assert.doesNotMatch(r.stdout, /Remove L2tpPsk/);
    assert.match(r.stdout, /^Fixed \d+ problems in 1 file\.$/m);
  });

  it('compact: a `path:line:col: fixed: title [rule-id]` line per fix, before the findings', () => {
    const path = tempCopy(SEVERAL);
    const r = run('--fix', '--format', 'compact', path);
    const lines = r.stdout.split('\n');
    const fixLines = lines.filter((l) => l.includes(': fixed: '));
    assert.ok(fixLines.includes(`${path}:6:1: fixed: Remove L2tpPsk [l2tp-psk-unused]`), r.stdout);
    for (const l of fixLines)
      assert.match(l, new RegExp(`^${path.replace(/[.\\/]/g, (c) => `\\${c}`)}:\\d+:\\d+: fixed: .+ \\[[a-z0-9-]+\\]$`));
    assert.match(r.stdout, /^Fixed \d+ problems in 1 file\.$/m);
  });

  it('json: after --fix each entry also has `fixes` (code, title, zero-based position); people get the list on stderr', () => {
    const path = tempCopy(SEVERAL);
    const { entries, stderr } = json('--fix', path);
    const entry = entries[0] as JsonEntry & { fixes: { code: string; title: string; position: { line: number; character: number } }[] };
    assert.deepEqual(Object.keys(entry), ['file', 'diagnostics', 'fixes']);
    for (const f of entry.fixes) assert.deepEqual(Object.keys(f), ['code', 'title', 'position']);
    const again = tempCopy(SEVERAL);
    const compact = run('--fix', '--format', 'compact', again)
      .stdout.split('\n')
      .filter((l) => l.includes(': fixed: '));
    assert.deepEqual(
      entry.fixes.map((f) => `${again}:${f.position.line + 1}:${f.position.character + 1}: fixed: ${f.title} [${f.code}]`),
      compact,
    );
    assert.match(stderr, /Remove L2tpPsk +l2tp-psk-unused/);
    assert.match(stderr, /Fixed \d+ problems in 1 file\./);
    assert.equal(json('--fix', '--quiet', tempCopy(SEVERAL)).stderr, '');
  });

  it('sarif: the fixes are notifications of the run, tied to their rule and to the place in the fixed file', () => {
    const path = tempCopy(SEVERAL);
    const r = run('--fix', '--format', 'sarif', path);
    const log = JSON.parse(r.stdout) as {
      runs: {
        tool: { driver: { rules: { id: string }[] } };
        invocations: {
          executionSuccessful: boolean;
          toolExecutionNotifications: {
            level: string;
            message: { text: string };
            associatedRule: { id: string; index: number };
            locations: { physicalLocation: { region: { startLine: number } } }[];
          }[];
        }[];
      }[];
    };
    const [invocation] = log.runs[0].invocations;
    assert.equal(invocation.executionSuccessful, true);
    const psk = invocation.toolExecutionNotifications.find((n) => n.associatedRule.id === 'l2tp-psk-unused');
    assert.ok(psk, JSON.stringify(invocation));
    assert.equal(psk.level, 'note');
    assert.equal(psk.message.text, 'Fixed: Remove L2tpPsk');
    assert.equal(log.runs[0].tool.driver.rules[psk.associatedRule.index].id, 'l2tp-psk-unused');
    assert.equal(psk.locations[0].physicalLocation.region.startLine, 6);
    assert.equal(
      (JSON.parse(run('--format', 'sarif', fixture(SEVERAL)).stdout) as { runs: { invocations?: unknown }[] }).runs[0].invocations,
      undefined,
      'without --fix the log is as before',
    );
  });

  it('github and azure-devops: the fixes are plain log lines, never annotations or issues', () => {
    for (const format of ['github', 'azure-devops']) {
      const r = run('--fix', '--format', format, tempCopy(SEVERAL));
      const fixLines = r.stdout.split('\n').filter((l) => l.includes(': fixed: '));
      assert.ok(
        fixLines.some((l) => l.endsWith(': fixed: Remove L2tpPsk [l2tp-psk-unused]')),
        `${format}:\n${r.stdout}`,
      );
      for (const l of fixLines) assert.ok(!l.startsWith('::') && !l.includes('##vso['), l);
      assert.match(r.stdout, /^Fixed \d+ problems in 1 file\.$/m);
    }
  });

  it('a file left alone (read-only) keeps its message and is neither listed nor counted', () => {
    const writable = tempCopy(SEVERAL);
    const readOnly = tempCopy('automatic-with-suite.xml');
    chmodSync(readOnly, 0o444);
    const r = run('--fix', writable, readOnly);
    assert.match(r.stderr, /automatic-with-suite\.xml: not fixed: it is read-only/);
    assert.ok(!rows(r.stdout).some((row) => row.kind === 'fixed' && row.file === readOnly));
    assert.match(r.stdout, /Fixed \d+ problems in 1 file\./);
    assert.ok(
      rows(r.stdout).some((row) => row.file === readOnly && row.rule === RULE && row.kind === 'warning'),
      'its finding is still reported',
    );
  });
});

describe('cli: --fix-dry-run shows the diff of what --fix would write, and writes nothing', () => {
  /** A folder with the several-fixes profile (without its pre-shared key unless asked) and the client/server pair (fixes across files). */
  function project(options: { withKey?: boolean } = {}): string {
    const dir = mkdtempSync(join(tmpdir(), 'profilexml-cli-dry-'));
    temps.push(dir);
    const profile = readFileSync(join(ROOT, fixture('several-fixes.xml')), 'utf8');
    writeFileSync(join(dir, 'several-fixes.xml'), options.withKey ? profile : profile.replace('    <L2tpPsk>secret-key</L2tpPsk>\n', ''));
    cpSync(join(ROOT, fixture('workspace')), join(dir, 'ws'), { recursive: true });
    return dir;
  }
  const snapshot = (dir: string): Map<string, { bytes: Buffer; mtime: number }> => {
    const out = new Map<string, { bytes: Buffer; mtime: number }>();
    const walk = (d: string): void => {
      for (const name of readdirSync(d, { withFileTypes: true })) {
        const full = join(d, name.name);
        if (name.isDirectory()) walk(full);
        else out.set(relative(dir, full), { bytes: readFileSync(full), mtime: statSync(full).mtimeMs });
      }
    };
    walk(dir);
    return out;
  };
  const dry = (cwd: string, ...args: string[]): ReturnType<typeof spawnSync> & { stdout: string; stderr: string } =>
    spawnSync(process.execPath, [CLI, '--fix-dry-run', ...args], { cwd, encoding: 'utf8', timeout: 30_000 }) as ReturnType<
      typeof spawnSync
    > & { stdout: string; stderr: string };

  it('git apply takes the diff and gives exactly what --fix writes; no file changes; exit code as without --fix', () => {
    const dir = project();
    const before = snapshot(dir);
    const r = dry(dir, '.');
    assert.deepEqual(snapshot(dir), before, 'nothing was written (bytes and modification times)');
    assert.deepEqual(readdirSync(dir).sort(), ['several-fixes.xml', 'ws']);
    const plain = spawnSync(process.execPath, [CLI, '.'], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, plain.status, 'the verdict is about the files as they are');
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^--- a\/several-fixes\.xml\n\+\+\+ b\/several-fixes\.xml\n@@ -\d+(,\d+)? \+\d+(,\d+)? @@\n/);
    assert.match(r.stdout, /^- {2}<AlwaysOn>True<\/AlwaysOn>\n\+ {2}<AlwaysOn>true<\/AlwaysOn>$/m);
    assert.match(r.stdout, /^--- a\/ws\/client\.xml$/m);
    assert.doesNotMatch(r.stdout, /server\.ps1/, 'the script has nothing to fix');

    const patched = mkdtempSync(join(tmpdir(), 'profilexml-cli-dry-patched-'));
    temps.push(patched);
    cpSync(dir, patched, { recursive: true });
    const apply = spawnSync('git', ['apply', '--whitespace=nowarn', '-'], { cwd: patched, input: r.stdout, encoding: 'utf8' });
    assert.equal(apply.status, 0, `git apply refused the diff: ${apply.stderr}\n${r.stdout}`);
    const fixedDir = project();
    spawnSync(process.execPath, [CLI, '--fix', '.'], { cwd: fixedDir, encoding: 'utf8', timeout: 30_000 });
    for (const name of ['several-fixes.xml', join('ws', 'client.xml'), join('ws', 'server.ps1')]) {
      assert.equal(
        readFileSync(join(patched, name), 'utf8'),
        readFileSync(join(fixedDir, name), 'utf8'),
        `${name}: the diff and --fix differ`,
      );
    }
  });

  it('a secret on a line of the diff is masked, as everywhere in the output, and the run says so', () => {
    const dir = project({ withKey: true });
    const r = dry(dir, 'several-fixes.xml');
    assert.match(r.stdout, /^- {4}<L2tpPsk>\*{8}<\/L2tpPsk>$/m, 'the removed line is shown, its key masked');
    assert.doesNotMatch(r.stdout, /secret-key/);
    assert.doesNotMatch(r.stderr, /secret-key/);
    assert.match(r.stderr, /several-fixes\.xml: the diff shows secrets \(keys, passwords\) as \*{8}/);
    assert.match(r.stderr, /would fix {2}Remove L2tpPsk +l2tp-psk-unused/);
  });

  it('stderr lists what --fix would do, placed in the files as they are; --quiet leaves only the diff', () => {
    const dir = project({ withKey: true });
    const r = dry(dir, '.');
    const original = readFileSync(join(dir, 'several-fixes.xml'), 'utf8').split('\n');
    const psk = /^several-fixes\.xml\n(?:.*\n)*? +(\d+):(\d+) {2}would fix {2}Remove L2tpPsk +l2tp-psk-unused$/m.exec(r.stderr);
    assert.ok(psk, r.stderr);
    assert.ok(original[Number(psk[1]) - 1].slice(Number(psk[2]) - 1).startsWith('L2tpPsk>'), 'the line and column of the file as it is');
    assert.match(r.stderr, /would fix {2}Align the client IPsec policy with the server \(server\.ps1\) +ipsec-policy-mismatch/);
    assert.match(r.stderr, /--fix would fix \d+ problems in 2 files; nothing was written\./);
    const compact = dry(dir, '--format', 'compact', '.');
    assert.match(compact.stderr, /^several-fixes\.xml:\d+:\d+: would fix: Remove L2tpPsk \[l2tp-psk-unused\]$/m);
    assert.equal(compact.stdout, r.stdout, 'the same diff');
    const quiet = dry(dir, '--quiet', '.');
    assert.equal(quiet.stderr, '', 'not even the note about masked secrets');
    assert.equal(quiet.stdout, r.stdout);
  });

  it('UTF-16LE with CRLF: the diff shows the text (no NUL bytes, no carriage returns), the file keeps every byte', () => {
    const path = tempCopy('utf16le-bom-crlf.xml');
    // A line with letters beyond ASCII next to the change, so that the diff shows it as context.
    const text = readFileSync(path)
      .subarray(2)
      .toString('utf16le')
      .replace('    <NativeProtocolType>', '    <!-- Protokoll für Zürich -->\r\n    <NativeProtocolType>');
    writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const before = readFileSync(path);
    const r = run('--fix-dry-run', path);
    assert.deepEqual(readFileSync(path), before);
    assert.match(r.stdout, /^ {5}<!-- Protokoll für Zürich -->$/m);
    assert.match(r.stdout, /^- {4}<NativeProtocolType>Automatic<\/NativeProtocolType>$/m);
    assert.match(r.stdout, /^\+ {4}<NativeProtocolType>IKEv2<\/NativeProtocolType>$/m);
    assert.ok(!/[\u0000\r]/.test(r.stdout) && !r.stdout.includes('\\u000d') && !r.stdout.includes('\\u0000'), JSON.stringify(r.stdout));
    assert.match(r.stderr, new RegExp(`would fix  Set NativeProtocolType to IKEv2 +${RULE}`));
  });

  it('a file --fix would leave alone (read-only) gets no diff, and says why', () => {
    const path = tempCopy('automatic-with-suite.xml');
    chmodSync(path, 0o444);
    const r = run('--fix-dry-run', path);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /automatic-with-suite\.xml: --fix would leave it alone: it is read-only/);
    assert.equal(r.status, 0);
  });

  it('values from the file cannot act on the terminal or a CI runner through the diff', () => {
    const dir = mkdtempSync(join(tmpdir(), 'profilexml-cli-dry-hostile-'));
    temps.push(dir);
    // A script (XML cannot carry ESC or BEL at all) whose fixed line is surrounded by lines that try.
    const script = [
      'Add-VpnConnection -Name corp -ServerAddress vpn.example.com -TunnelType Ikev2',
      '\t\t# tabbed',
      'Set-VpnConnectionIPsecConfiguration -ConnectionName corp -AuthenticationTransformConstants SHA256128 -CipherTransformConstants AES128 -EncryptionMethod DES -IntegrityCheckMethod SHA256 -DHGroup Group14 -PfsGroup PFS2048 -Force',
      '<# \u001b]0;PWNED\u0007 \u001b[2J',
      '::error file=x::forged',
      '  ##vso[task.setvariable variable=x]1 #>',
      '',
    ].join('\n');
    writeFileSync(join(dir, 'hostile.ps1'), script);
    const r = run('--fix-dry-run', join(dir, 'hostile.ps1'));
    assert.match(r.stdout, /^\+Set-VpnConnectionIPsecConfiguration .* -EncryptionMethod AES128 /m);
    assert.ok(!r.stdout.includes('\u001b') && !r.stdout.includes('\u0007'), 'no raw ESC or BEL');
    assert.match(r.stdout, /^ <# \\u001b\]0;PWNED\\u0007 \\u001b\[2J$/m, 'they are shown as visible escapes');
    assert.match(r.stdout, /^ \t\t# tabbed$/m, 'tabs of the file are kept');
    assert.match(r.stdout, /^ \\u003a:error file=x::forged$/m, 'a line of the file starting with "::" is shown, shielded');
    for (const line of r.stdout.split(/\r\n|\n|\r/)) {
      assert.ok(!/^\s*::/.test(line), `a line a GitHub runner would run: ${JSON.stringify(line)}`);
      assert.ok(!/##(vso)?\[/.test(line), `a line an Azure agent would run: ${JSON.stringify(line)}`);
    }
  });
});

describe(
  'cli: colour and links on a real terminal',
  { skip: spawnSync('script', ['--version']).status === 0 ? false : 'script(1) is not available to give the CLI a terminal' },
  () => {
    /** Runs the CLI with a pseudo-terminal as stdout (script(1)), as in an interactive shell. */
    function onTerminal(env: Record<string, string>): string {
      const command = [process.execPath, CLI, fixture('has-error.xml')].map((a) => `'${a}'`).join(' ');
      const clean = Object.fromEntries(
        Object.entries(process.env).filter(
          ([k]) =>
            ![
              'NO_COLOR',
              'FORCE_COLOR',
              'FORCE_HYPERLINK',
              'TERM_PROGRAM',
              'TERM_PROGRAM_VERSION',
              'WT_SESSION',
              'VTE_VERSION',
              'KONSOLE_VERSION',
              'TMUX',
              'STY',
              'CI',
            ].includes(k),
        ),
      );
      const r = spawnSync('script', ['-qec', command, '/dev/null'], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 30_000,
        env: { ...clean, TERM: 'xterm-256color', ...env },
      });
      return r.stdout;
    }

    it('colour by default, none with NO_COLOR; rule links only in a terminal known to show them', () => {
      const plain = onTerminal({});
      assert.match(plain, /\u001b\[1m\u001b\[31merror/, 'the severity is coloured');
      assert.doesNotMatch(plain, /\u001b\]8;/, 'an unknown terminal gets no links');
      assert.doesNotMatch(onTerminal({ NO_COLOR: '1' }), /\u001b\[\d+m/);
      const vscode = onTerminal({ TERM_PROGRAM: 'vscode', TERM_PROGRAM_VERSION: '1.95.0' });
      assert.match(vscode, /\u001b\]8;;https:\/\/github\.com\/[^\u001b]+\/docs\/rules\.md#invalid-value\u001b\\/);
      assert.doesNotMatch(onTerminal({ TERM_PROGRAM: 'vscode', TERM_PROGRAM_VERSION: '1.95.0', FORCE_HYPERLINK: '0' }), /\u001b\]8;/);
    });
  },
);
