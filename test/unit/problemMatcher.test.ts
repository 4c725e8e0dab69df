import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

// The $profilexml-lint problem matcher (package.json) against the real output of the built CLI
// in the compact format, which the "profilexml-lint: lint workspace" task runs. VS Code applies
// the pattern's regular expression to each line (a JavaScript RegExp) and reads the groups; the
// end-to-end suite runs the task in VS Code itself (test/e2e/suite/lintTask.test.ts).

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');

interface Pattern {
  regexp: string;
  file: number;
  line: number;
  column: number;
  severity: number;
  message: number;
  code: number;
}
interface Matcher {
  name: string;
  owner: string;
  source: string;
  fileLocation: string[];
  severity: string;
  pattern: Pattern;
}
interface JsonEntry {
  file: string;
  diagnostics: { code: string; severity: string; message: string; range: { start: { line: number; character: number } } }[];
}

const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  contributes: { problemMatchers: Matcher[]; taskDefinitions: { type: string }[] };
};
const matcher = packageJson.contributes.problemMatchers.find((m) => m.name === 'profilexml-lint')!;

/** What VS Code's problem matcher makes of a line: the groups, and the severity as VS Code maps the word. */
function match(
  line: string,
): { file: string; line: number; column: number; severity: 'error' | 'warning' | 'info'; message: string; code: string } | undefined {
  const m = new RegExp(matcher.pattern.regexp).exec(line);
  if (!m) return undefined;
  const word = m[matcher.pattern.severity];
  // VS Code: "error", "warning"/"warn" and "info" by name, "hint" and "note" as info, any other word the matcher's default.
  const severity = /^error$/i.test(word)
    ? 'error'
    : /^warn(ing)?$/i.test(word)
      ? 'warning'
      : /^(info|hint|note)$/i.test(word)
        ? 'info'
        : (matcher.severity as 'info');
  return {
    file: m[matcher.pattern.file],
    line: Number(m[matcher.pattern.line]),
    column: Number(m[matcher.pattern.column]),
    severity,
    message: m[matcher.pattern.message],
    code: m[matcher.pattern.code],
  };
}

function cli(cwd: string, ...args: string[]): string {
  assert.ok(readFileSync(CLI), 'dist/cli.js is built');
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return r.stdout;
}

const temps: string[] = [];
after(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe("the $profilexml-lint problem matcher on the CLI's compact output", () => {
  it('is declared for the task: owner and source profilexml-lint, paths relative to the workspace folder or absolute, other words as info', () => {
    assert.ok(matcher, 'package.json contributes a problem matcher named profilexml-lint');
    assert.equal(matcher.owner, 'profilexml-lint');
    assert.equal(matcher.source, 'profilexml-lint');
    assert.deepEqual(matcher.fileLocation, ['autoDetect', '${workspaceFolder}']);
    // "information" is not a word VS Code knows: it falls back to this.
    assert.equal(matcher.severity, 'info');
    assert.ok(packageJson.contributes.taskDefinitions.some((t) => t.type === 'profilexml-lint'));
  });

  it('reads every finding of a real run (file, line, column, severity, message, rule id) and nothing else', () => {
    const paths = [
      'test/fixtures/cli/automatic-with-suite.xml',
      'test/fixtures/cli/has-error.xml',
      'test/fixtures/cli/workspace',
      'test/fixtures/cli/ci-injection.xml',
    ];
    // One rule lowered to information and one to hint, so that every severity word is met.
    const options = ['--rule', 'crypto-suite-ignored-automatic=information', '--rule', 'ipsec-policy-mismatch=hint'];
    const compact = cli(ROOT, '--format', 'compact', ...options, ...paths);
    const entries = JSON.parse(cli(ROOT, '--format', 'json', ...options, ...paths)) as JsonEntry[];
    const expected = entries.flatMap((e) =>
      e.diagnostics.map((d) => ({
        file: e.file,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        severity: d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'info',
        // The compact line carries the message on one line, control characters as visible escapes,
        // and an Azure logging command of the file's broken up (ci-injection.xml has one).
        message: d.message
          .replace(/[ \t]*\r?\n[ \t]*/g, ' ')
          .replace(/[\u0000-\u001f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
          .replace(/##(vso)?\[/g, (m) => m.replace('[', ' [')),
        code: d.code,
      })),
    );
    assert.ok(
      new Set(entries.flatMap((e) => e.diagnostics.map((d) => d.severity))).size === 4,
      'errors, warnings, information and hints are all in the run',
    );
    const lines = compact.split('\n');
    const found = lines.map(match).filter((m) => m !== undefined);
    assert.deepEqual(found, expected);
    const unmatched = lines.filter((l) => !match(l));
    assert.deepEqual(
      unmatched.filter((l) => l !== ''),
      [compact.trimEnd().split('\n').at(-1)],
      'only the summary is left over',
    );
  });

  it('after --fix the fix lines are not taken for problems; absolute paths are read whole', () => {
    const dir = mkdtempSync(join(tmpdir(), 'profilexml-matcher-'));
    temps.push(dir);
    const path = join(dir, 'profile.xml');
    copyFileSync(join(ROOT, 'test/fixtures/cli/several-fixes.xml'), path);
    const out = cli(dir, '--fix', '--format', 'compact', path);
    const fixLines = out.split('\n').filter((l) => l.includes(': fixed: '));
    assert.ok(fixLines.length > 0, out);
    for (const l of fixLines) assert.equal(match(l), undefined, l);
    const left = out
      .split('\n')
      .map(match)
      .filter((m) => m !== undefined);
    for (const m of left) assert.equal(m.file, path);
  });

  it('Windows paths, and messages that quote a value looking like a location or a rule id', () => {
    assert.deepEqual(match('C:\\profiles\\user.xml:12:5: error: AlwaysOn must be true or false, not "yes". [invalid-value]'), {
      file: 'C:\\profiles\\user.xml',
      line: 12,
      column: 5,
      severity: 'error',
      message: 'AlwaysOn must be true or false, not "yes".',
      code: 'invalid-value',
    });
    const tricky = match('a.xml:3:7: warning: the value "x.xml:9:9: error: y [z]" is odd [invalid-value]');
    assert.equal(tricky?.file, 'a.xml');
    assert.equal(tricky?.line, 3);
    assert.equal(tricky?.message, 'the value "x.xml:9:9: error: y [z]" is odd');
    assert.equal(tricky?.code, 'invalid-value');
    assert.equal(match('3 problems (1 error, 2 warnings, 0 infos)'), undefined);
  });
});
