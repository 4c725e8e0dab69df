import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

// The CLI's SARIF checked by Microsoft's own validator (Sarif.Multitool `validate`, rule kinds
// "Gh;Sarif": the SARIF 2.1.0 schema, SARIF's own rules and GitHub code scanning's ingestion
// rules). Installed by scripts/sarif/install.mjs (npm run test:sarif does it first).

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const MULTITOOL = join(ROOT, '.test-work', 'sarif-multitool', 'node_modules', '@microsoft', 'sarif-multitool-linux', 'Sarif.Multitool');

interface ValidationResult {
  level?: string;
  ruleId: string;
  message: { id?: string; text?: string; arguments?: string[] };
}

/** Errors and warnings the validator reports about one SARIF log. */
function validate(sarif: string, work: string, name: string): string[] {
  const input = join(work, `${name}.sarif`);
  const report = join(work, `${name}.report.sarif`);
  writeFileSync(input, sarif);
  const r = spawnSync(MULTITOOL, ['validate', '--rule-kind', 'Gh;Sarif', input, '-o', report], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, `the validator failed to run: ${r.stdout}${r.stderr}`);
  const log = JSON.parse(readFileSync(report, 'utf8')) as { runs: { results?: ValidationResult[] }[] };
  return (log.runs[0].results ?? [])
    .filter((x) => x.level === 'error' || x.level === 'warning' || x.level === undefined)
    .map((x) => `${x.level ?? 'warning'} ${x.ruleId}: ${x.message.text ?? `${x.message.id} ${(x.message.arguments ?? []).join(' | ')}`}`);
}

function cliSarif(cwd: string, ...paths: string[]): string {
  const r = spawnSync(process.execPath, [CLI, '--format', 'sarif', ...paths], { cwd, encoding: 'utf8', timeout: 60_000 });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return r.stdout;
}

describe("SARIF output against Microsoft's validator", { timeout: 300_000 }, () => {
  let work: string;
  before(() => {
    work = mkdtempSync(join(tmpdir(), 'profilexml-sarif-'));
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('the fixtures (profiles, scripts, checks across files): zero errors and warnings', () => {
    const fixtures = [
      'has-error.xml',
      'automatic-with-suite.xml',
      'ci-injection.xml',
      'utf16le-bom-crlf.xml',
      'near-miss-root',
      'tree',
      'workspace',
    ].map((f) => `test/fixtures/cli/${f}`);
    const sarif = cliSarif(ROOT, ...fixtures, 'test/fixtures/powershell/ordinary-admin.ps1', 'test/fixtures/workspace');
    assert.ok((JSON.parse(sarif) as { runs: { results: unknown[] }[] }).runs[0].results.length > 10, 'the log has results to validate');
    assert.deepEqual(validate(sarif, work, 'fixtures'), []);
  });

  it('file names with spaces, a backslash, non-ASCII letters and control characters: zero errors and warnings', () => {
    const names = [
      'with space.xml',
      'back\\slash.xml',
      'profil-é-ü.xml',
      'tab\there.xml',
      'line\nbreak.xml',
      '%41 percent.xml',
      '#hash?.xml',
    ];
    const dir = join(work, 'names');
    mkdirSync(dir);
    for (const name of names) copyFileSync(join(ROOT, 'test/fixtures/cli/has-error.xml'), join(dir, name));
    const relative = cliSarif(dir, ...names);
    const absolute = cliSarif(ROOT, dir);
    assert.equal((JSON.parse(relative) as { runs: { results: unknown[] }[] }).runs[0].results.length >= names.length, true);
    assert.deepEqual(validate(relative, work, 'relative'), []);
    assert.deepEqual(validate(absolute, work, 'absolute'), []);
  });

  it('after --fix, with the fixes as notifications of the run: zero errors and warnings', () => {
    const dir = join(work, 'fixed');
    mkdirSync(dir);
    copyFileSync(join(ROOT, 'test/fixtures/cli/several-fixes.xml'), join(dir, 'several-fixes.xml'));
    copyFileSync(join(ROOT, 'test/fixtures/cli/automatic-with-suite.xml'), join(dir, 'automatic.xml'));
    const r = spawnSync(process.execPath, [CLI, '--fix', '--format', 'sarif', '.'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    const log = JSON.parse(r.stdout) as { runs: { invocations: { toolExecutionNotifications: unknown[] }[] }[] };
    assert.ok(log.runs[0].invocations[0].toolExecutionNotifications.length > 5, 'the log has the fixes to validate');
    assert.deepEqual(validate(r.stdout, work, 'fixed'), []);
  });

  it('the validator does find errors (a log with a duplicate tag is refused)', () => {
    const log = JSON.parse(cliSarif(ROOT, 'test/fixtures/cli/has-error.xml')) as {
      runs: { tool: { driver: { rules: { properties: { tags: string[] } }[] } } }[];
    };
    log.runs[0].tool.driver.rules[0].properties.tags = ['powershell', 'powershell'];
    assert.ok(validate(JSON.stringify(log), work, 'broken').some((e) => e.startsWith('error')));
  });
});
