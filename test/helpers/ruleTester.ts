/**
 * A table-driven rule tester, in the manner of ESLint's RuleTester: per rule, `valid` documents
 * (no finding of that rule) and `invalid` documents with the findings expected — each one's text
 * under its range or its range, fragments of its message, its severity and source — and, where
 * the rule has a fix, the text after the fix and what must be gone then. Every case runs through
 * the language service exactly as the server drives it (validate, then code actions).
 *
 * Tables live in test/ruleTables/*.ts (each exports `TABLES`), for example:
 *
 *   { language: 'powershell', ruleId: 'ps-unknown-parameter',
 *     valid: [{ name: 'accepts aliases', code: 'Set-VpnServerConfiguration -Encryption AES128\n' }],
 *     invalid: [{ name: 'renames to the closest parameter', code: 'Set-VpnServerConfiguration -CustomPolicy -DHGrop Group14\n',
 *                 findings: [{ text: '-DHGrop', message: ['Did you mean `-DHGroup`'] }],
 *                 output: 'Set-VpnServerConfiguration -CustomPolicy -DHGroup Group14\n' }] }
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { RuleId } from '../../server/src/service/core/ruleIds';
import { POWERSHELL_RULE_FAMILIES } from '../../server/src/service/powershell/rules';
import type { Settings, Severity } from '../../server/src/service/settings';
import { applyTextEdits, doc, powerShellReady, script, service } from './service';

export type Language = 'profilexml' | 'powershell';

/** A message fragment: a substring, or a pattern the message must match. */
export type Fragment = string | RegExp;

export interface ExpectedFinding {
  /** The text under the finding's range. */
  text?: string;
  /** The range, "line:col-line:col", zero-based. */
  range?: string;
  /** Fragments the message must contain (every one). */
  message?: Fragment[];
  severity?: Severity;
  /** The diagnostic source (`aovpn-powershell`, `profilexml`). */
  source?: string;
  /** Exactly its related information: the text under each related range and fragments of its message. */
  related?: { text: string; message?: Fragment[] }[];
}

export interface ValidCase {
  /** What the case shows (the test's title). */
  name: string;
  code: string;
  settings?: Partial<Settings>;
  /** No rule of the language reports on it either (in scripts: the script's rules and embedded profiles). */
  nothingElse?: boolean;
}

export interface InvalidCase extends ValidCase {
  /** Exactly the findings of the rule, in document order. */
  findings: ExpectedFinding[];
  /** Rules that must not report on this text (a finding that would only repeat this one). */
  notAlso?: RuleId[];
  /** Which finding `fixes` and `output` are about (0, the first, unless given). */
  fixOf?: number;
  /** The fixes offered for that finding (title and whether it is preferred), in order; [] when none may be. */
  fixes?: { title: string; preferred: boolean }[];
  /**
   * The text after a fix of that finding: the preferred one, or the one whose title contains
   * `fixTitle`. After it the rule reports nothing more (unless `fixLeaves: 'findings'`: other
   * findings of the rule remain), and with `fixLeaves: 'nothing'` no rule of the language does.
   */
  output?: string;
  fixTitle?: string;
  fixLeaves?: 'nothing' | 'no finding of the rule' | 'findings';
  /** The text after fix-all (every preferred fix, pass after pass, as `--fix` does). */
  fixAll?: string;
}

export interface RuleCases {
  valid: ValidCase[];
  invalid: InvalidCase[];
}

/**
 * A rule's table: what `test/ruleTables/*.ts` export (`TABLES`). `test/unit/ruleTables.test.ts`
 * runs every table, and the user-text test reads every message their invalid cases produce, so a
 * new rule needs its table and nothing else in the tests.
 */
export interface RuleTable extends RuleCases {
  language: Language;
  ruleId: RuleId;
}

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The single-script PowerShell rules: what "nothing left" means in a script (cross-file rules are the workspace's). */
const SCRIPT_RULES = new Set<string>(POWERSHELL_RULE_FAMILIES.flatMap((f) => [...f.ids]));

function documentOf(language: Language, text: string): TextDocument {
  return language === 'powershell' ? script(text) : doc(text);
}

function rangeText(d: Diagnostic): string {
  return `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;
}

function messageOf(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : (d.message as { value: string }).value;
}

/** The findings that count as "something left" after a fix: in scripts, the script's own rules and embedded profiles. */
function remaining(language: Language, text: string, settings?: Partial<Settings>): string[] {
  const d = documentOf(language, text);
  return service
    .validate(d, settings)
    .filter((x) => language === 'profilexml' || SCRIPT_RULES.has(String(x.code)) || x.source === 'profilexml')
    .map((x) => `${String(x.code)} at ${rangeText(x)}: ${messageOf(x)}`);
}

function findingsOf(
  language: Language,
  ruleId: RuleId,
  text: string,
  settings?: Partial<Settings>,
): { document: TextDocument; findings: Diagnostic[] } {
  const document = documentOf(language, text);
  return { document, findings: service.validate(document, settings).filter((x) => x.code === ruleId) };
}

function checkFinding(document: TextDocument, actual: Diagnostic, expected: ExpectedFinding, where: string): void {
  if (expected.text !== undefined) assert.equal(document.getText(actual.range), expected.text, `${where}: text under the range`);
  if (expected.range !== undefined) assert.equal(rangeText(actual), expected.range, `${where}: range`);
  for (const fragment of expected.message ?? []) {
    const message = messageOf(actual);
    if (typeof fragment === 'string')
      assert.ok(message.includes(fragment), `${where}: message lacks ${JSON.stringify(fragment)}:\n${message}`);
    else assert.match(message, fragment, `${where}: message`);
  }
  if (expected.severity !== undefined) assert.equal(actual.severity, SEVERITIES[expected.severity], `${where}: severity`);
  if (expected.source !== undefined) assert.equal(actual.source, expected.source, `${where}: source`);
  if (expected.related !== undefined) {
    const related = actual.relatedInformation ?? [];
    assert.deepEqual(
      related.map((r) => document.getText(r.location.range)),
      expected.related.map((r) => r.text),
      `${where}: related information`,
    );
    expected.related.forEach((r, i) => {
      for (const fragment of r.message ?? []) {
        if (typeof fragment === 'string')
          assert.ok(
            related[i].message.includes(fragment),
            `${where}: related ${i + 1} lacks ${JSON.stringify(fragment)}: ${related[i].message}`,
          );
        else assert.match(related[i].message, fragment, `${where}: related ${i + 1}`);
      }
    });
  }
}

/** The quick fixes of one finding, without the "Disable … for this line" actions. */
function fixesOf(
  document: TextDocument,
  finding: Diagnostic,
  settings?: Partial<Settings>,
): { title: string; preferred: boolean; text: () => string }[] {
  return service
    .codeActions(document, finding.range, { diagnostics: [finding], only: ['quickfix'] }, settings)
    .filter(
      (a) => a.diagnostics?.some((x) => x.code === finding.code && rangeText(x) === rangeText(finding)) && !a.title.startsWith('Disable '),
    )
    .map((a) => ({
      title: a.title,
      preferred: !!a.isPreferred,
      text: () => applyTextEdits(document.getText(), a.edit?.changes?.[document.uri] ?? []),
    }));
}

function runInvalid(language: Language, ruleId: RuleId, c: InvalidCase): void {
  const { document, findings } = findingsOf(language, ruleId, c.code, c.settings);
  assert.equal(
    findings.length,
    c.findings.length,
    `findings of ${ruleId}: ${findings.map((f) => `${rangeText(f)} ${JSON.stringify(document.getText(f.range))}`).join(', ') || 'none'}`,
  );
  c.findings.forEach((expected, i) => checkFinding(document, findings[i], expected, `finding ${i + 1}`));
  for (const other of c.notAlso ?? [])
    assert.deepEqual(findingsOf(language, other, c.code, c.settings).findings.map(rangeText), [], `${other} also reports`);
  if (c.fixAll !== undefined)
    assert.equal(applyTextEdits(c.code, service.fixAll(documentOf(language, c.code), c.settings)), c.fixAll, 'text after fix-all');
  if (c.fixes === undefined && c.output === undefined) return;
  const fixes = fixesOf(document, findings[c.fixOf ?? 0], c.settings);
  if (c.fixes !== undefined)
    assert.deepEqual(
      fixes.map(({ title, preferred }) => ({ title, preferred })),
      c.fixes,
      'fixes offered',
    );
  if (c.output === undefined) return;
  const fix = c.fixTitle !== undefined ? fixes.find((f) => f.title.includes(c.fixTitle!)) : fixes.find((f) => f.preferred);
  assert.ok(
    fix,
    `no fix ${c.fixTitle !== undefined ? `titled "${c.fixTitle}"` : '(preferred)'}; offered: ${fixes.map((f) => f.title).join(' | ') || 'none'}`,
  );
  const fixed = fix.text();
  assert.equal(fixed, c.output, 'text after the fix');
  if (c.fixLeaves === 'nothing') assert.deepEqual(remaining(language, fixed, c.settings), [], 'findings after the fix');
  else if (c.fixLeaves !== 'findings')
    assert.deepEqual(findingsOf(language, ruleId, fixed, c.settings).findings.map(rangeText), [], `${ruleId} after the fix`);
}

/** Registers one suite for a rule: a test per valid and per invalid case. */
export function testRule(language: Language, ruleId: RuleId, cases: RuleCases): void {
  describe(ruleId, () => {
    if (language === 'powershell') before(() => powerShellReady);
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        const { document, findings } = findingsOf(language, ruleId, c.code, c.settings);
        assert.deepEqual(
          findings.map((f) => `${rangeText(f)} ${JSON.stringify(document.getText(f.range))}`),
          [],
        );
        if (c.nothingElse) assert.deepEqual(remaining(language, c.code, c.settings), []);
      });
    }
    for (const c of cases.invalid) it(c.name, () => runInvalid(language, ruleId, c));
  });
}

const TABLES_DIR = path.resolve(__dirname, '../ruleTables');

/** Every rule table of test/ruleTables/, in file order. */
export function ruleTables(): RuleTable[] {
  return readdirSync(TABLES_DIR)
    .filter((name) => name.endsWith('.ts'))
    .sort()
    .flatMap((name) => {
      // Loaded by name so that a new table file needs no registration; each exports TABLES.
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- synchronous loading by file name
      const module = require(path.join(TABLES_DIR, name)) as { TABLES?: readonly RuleTable[] };
      if (!module.TABLES) throw new Error(`test/ruleTables/${name} exports no TABLES`);
      return [...module.TABLES];
    });
}

/** The documents of every invalid case of every table (inputs that make their rule report). */
export function ruleTableInputs(): { name: string; uri: string; text: string; settings?: Partial<Settings> }[] {
  return ruleTables().flatMap((table) =>
    table.invalid.map((c) => ({
      name: `${table.ruleId} table: ${c.name}`,
      uri: table.language === 'powershell' ? 'file:///tables/script.ps1' : 'file:///tables/profile.xml',
      text: c.code,
      settings: c.settings,
    })),
  );
}
