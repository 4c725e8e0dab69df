import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { unifiedHunks, type Hunk } from '../../server/src/cli/diff';
import type { FileResult } from '../../server/src/cli/format';
import { colourEnabled, hyperlinksEnabled, outputWidth, painter } from '../../server/src/cli/terminal';
import { formatText, wrap } from '../../server/src/cli/textReport';
import { CLEAN_PROFILE, doc, fixAll, service } from '../helpers/service';

// The pieces of the command line's output, in-process: what --fix tells about each fix, the
// unified diff of --fix-dry-run, the text layout, and the terminal detection. The CLI itself is
// run as users run it in cli.test.ts.

describe('fixAllReport: each fix applied, with its rule, title and place', () => {
  const weak = CLEAN_PROFILE.replace(
    '<NativeProtocolType>IKEv2</NativeProtocolType>',
    '<NativeProtocolType>IKEv2</NativeProtocolType>\n    <L2tpPsk>secret-key</L2tpPsk>',
  ).replace('<IntegrityCheckMethod>SHA256</IntegrityCheckMethod>', '<IntegrityCheckMethod>SHA1</IntegrityCheckMethod>');

  it('gives the same text as fixAll, and names every fix', () => {
    assert.notEqual(weak, CLEAN_PROFILE, 'the fixture changed');
    const report = service.fixAllReport(doc(weak));
    assert.equal(report.text, fixAll(weak));
    const named = report.applied.map((a) => `${a.ruleId}: ${a.title}`);
    assert.ok(named.includes('l2tp-psk-unused: Remove L2tpPsk'), named.join('\n'));
    // SHA1 is first written the ProfileXML way (SHA196), then made strong (SHA256): two fixes, both told.
    assert.ok(named.includes('powershell-spelling: Use the ProfileXML spelling SHA196'), named.join('\n'));
    assert.ok(named.includes('weak-crypto: Use SHA256'), named.join('\n'));
  });

  it('places each fix where its finding was (original text) and where its change is (fixed text), across passes', () => {
    const report = service.fixAllReport(doc(weak));
    const psk = report.applied.find((a) => a.ruleId === 'l2tp-psk-unused')!;
    assert.ok(weak.slice(psk.offset).startsWith('L2tpPsk>secret-key'), weak.slice(psk.offset, psk.offset + 20));
    // The removed line is gone: the place in the fixed text is where it stood.
    assert.equal(report.text.slice(0, psk.fixedOffset).split('\n').length, weak.slice(0, psk.offset).split('\n').length);
    const spelling = report.applied.find((a) => a.ruleId === 'powershell-spelling')!;
    const strong = report.applied.find((a) => a.title === 'Use SHA256')!;
    // The second pass's finding is on SHA196, which the first pass wrote where SHA1 was.
    assert.ok(weak.slice(spelling.offset).startsWith('SHA1<'));
    assert.equal(strong.offset, spelling.offset);
    assert.ok(
      report.text.slice(strong.fixedOffset).startsWith('SHA256</IntegrityCheckMethod>'),
      report.text.slice(strong.fixedOffset, strong.fixedOffset + 30),
    );
  });

  it('reports nothing for a clean profile or a document that is not a profile', () => {
    assert.deepEqual(service.fixAllReport(doc(CLEAN_PROFILE)), { text: CLEAN_PROFILE, applied: [] });
    assert.deepEqual(service.fixAllReport(doc('<configuration/>')).applied, []);
  });
});

/** Applies unified hunks to a text, the way patch does (context lines must match). */
function applyHunks(before: string, hunks: readonly Hunk[]): string {
  const lines = before.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const out: string[] = [];
  let at = 0;
  for (const hunk of hunks) {
    const [, oldStart, oldCount = '1', newStart, newCount = '1'] = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@$/.exec(hunk.header) ?? [];
    assert.ok(oldStart, hunk.header);
    const from = Number(oldCount) === 0 ? Number(oldStart) : Number(oldStart) - 1;
    while (at < from) out.push(lines[at++]);
    let removed = 0;
    let added = 0;
    for (const [i, line] of hunk.lines.entries()) {
      if (line.kind === 'no-newline') continue;
      const last = hunk.lines[i + 1]?.kind === 'no-newline';
      if (line.kind !== 'add') {
        assert.equal(lines[at].replace(/\r?\n$/, ''), line.text, `${hunk.header}: the old line differs`);
        at++;
        removed++;
      }
      if (line.kind !== 'remove') {
        out.push(`${line.text}${last ? '' : '\n'}`);
        added++;
      }
    }
    assert.equal(removed, Number(oldCount), `${hunk.header}: old count`);
    assert.equal(added, Number(newCount), `${hunk.header}: new count`);
    assert.equal(Number(newStart), Number(newCount) === 0 ? out.length - added : out.length - added + 1, `${hunk.header}: new start`);
  }
  while (at < lines.length) out.push(lines[at++]);
  return out.join('');
}

describe('unified diff (--fix-dry-run)', () => {
  it('a known change: one hunk with three lines of context, counts as diff writes them', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].join('\n') + '\n';
    const after = before.replace('e\n', 'E\nE2\n');
    assert.deepEqual(unifiedHunks(before, after), [
      {
        header: '@@ -2,7 +2,8 @@',
        lines: [
          { kind: 'context', text: 'b' },
          { kind: 'context', text: 'c' },
          { kind: 'context', text: 'd' },
          { kind: 'remove', text: 'e' },
          { kind: 'add', text: 'E' },
          { kind: 'add', text: 'E2' },
          { kind: 'context', text: 'f' },
          { kind: 'context', text: 'g' },
          { kind: 'context', text: 'h' },
        ],
      },
    ]);
    assert.deepEqual(unifiedHunks(before, before), []);
  });

  it('an empty range names the line before it; a missing final line break is marked', () => {
    assert.equal(unifiedHunks('x\n', 'new\nx\n')[0].header, '@@ -1 +1,2 @@');
    assert.equal(unifiedHunks('x\n', 'new\nx\n', 0)[0].header, '@@ -0,0 +1 @@');
    assert.equal(unifiedHunks('x\ny\n', 'x\n', 0)[0].header, '@@ -2 +1,0 @@');
    const hunks = unifiedHunks('a\nb', 'a\nc');
    assert.deepEqual(hunks[0].lines, [
      { kind: 'context', text: 'a' },
      { kind: 'remove', text: 'b' },
      { kind: 'no-newline' },
      { kind: 'add', text: 'c' },
      { kind: 'no-newline' },
    ]);
  });

  it('CRLF lines are compared with their endings and shown without them', () => {
    const before = 'one\r\ntwo\r\nthree\r\n';
    const hunks = unifiedHunks(before, before.replace('two', '2'));
    assert.deepEqual(hunks[0].lines, [
      { kind: 'context', text: 'one' },
      { kind: 'remove', text: 'two' },
      { kind: 'add', text: '2' },
      { kind: 'context', text: 'three' },
    ]);
  });

  it('random edits: the hunks turn the old text into the new one, as few lines changed as diff -u, far changes in separate hunks', () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let round = 0; round < 500; round++) {
      const a = Array.from({ length: random(40) }, () => `l${random(5)}`);
      const b = [...a];
      for (let i = random(6); i > 0; i--) {
        const what = random(3);
        if (what === 0 && b.length) b.splice(random(b.length), 1);
        else if (what === 1) b.splice(random(b.length + 1), 0, `n${random(5)}`);
        else if (b.length) b[random(b.length)] = `c${random(5)}`;
      }
      const eol = random(2) ? '\r\n' : '\n';
      const before = a.join(eol) + (a.length && random(2) ? eol : '');
      const after = b.join(eol) + (b.length && random(2) ? eol : '');
      const hunks = unifiedHunks(before, after);
      assert.equal(applyHunks(before, hunks), after, `round ${round}`);
      if (before === after) assert.deepEqual(hunks, []);
      let previousEnd = -1;
      for (const hunk of hunks) {
        const changes = hunk.lines.filter((l) => l.kind !== 'no-newline');
        assert.ok(
          changes.some((l) => l.kind !== 'context'),
          `round ${round}: a hunk without a change`,
        );
        // At most three lines of context before the first change and after the last.
        assert.ok(changes.findIndex((l) => l.kind !== 'context') <= 3, `round ${round}: ${hunk.header}`);
        assert.ok([...changes].reverse().findIndex((l) => l.kind !== 'context') <= 3, `round ${round}: ${hunk.header}`);
        // Hunks do not overlap or touch (changes closer than that share a hunk).
        const [, start, count = '1'] = /^@@ -(\d+)(?:,(\d+))?/.exec(hunk.header)!;
        const first = Number(count) === 0 ? Number(start) + 1 : Number(start);
        assert.ok(first > previousEnd + 1 || previousEnd < 0, `round ${round}: ${hunk.header} touches the hunk before`);
        previousEnd = first + Number(count) - 1;
      }
    }
  });

  it('a large rewrite still gives a correct diff (the whole middle removed and added)', () => {
    const before = Array.from({ length: 6000 }, (_, i) => `line ${i}`).join('\n') + '\n';
    const after = Array.from({ length: 6000 }, (_, i) => `line ${i % 2 ? i : -i}`).join('\n') + '\n';
    const started = performance.now();
    const hunks = unifiedHunks(before, after);
    assert.ok(performance.now() - started < 5000, 'in well under the CLI timeout');
    assert.equal(applyHunks(before, hunks), after);
  });
});

describe('text layout', () => {
  const diagnostic = (line: number, character: number, severity: DiagnosticSeverity, code: string, message: string): Diagnostic => ({
    range: { start: { line, character }, end: { line, character: character + 1 } },
    severity,
    code,
    message,
  });
  const long =
    'With NativeProtocolType Automatic, Windows ignores the CryptographySuite and offers its default IKEv2 proposals. A VPN server with a custom IPsec policy refuses them (NO_PROPOSAL_CHOSEN) and the connection fails with error 800.';
  const results: FileResult[] = [
    {
      path: 'profiles/user.xml',
      diagnostics: [
        diagnostic(14, 24, DiagnosticSeverity.Warning, 'crypto-suite-ignored-automatic', long),
        diagnostic(1, 12, DiagnosticSeverity.Error, 'invalid-value', 'AlwaysOn must be true or false, not "yes".'),
      ],
    },
    { path: 'clean.xml', diagnostics: [] },
    {
      path: 'scripts/server.ps1',
      diagnostics: [
        diagnostic(119, 3, DiagnosticSeverity.Information, 'ps-restart-required', 'The change needs a restart of RemoteAccess.'),
      ],
    },
  ];

  it('one header per file with findings, columns aligned across files, messages wrapped in their column, a summary', () => {
    const RULE_ID = /(crypto-suite-ignored-automatic|invalid-value|ps-restart-required)$/;
    // 100 columns and more: the rule ids have a column; narrower, each ends its message.
    for (const [width, ruleColumn] of [
      [60, false],
      [80, false],
      [100, true],
      [140, true],
    ] as const) {
      const text = formatText(results, { listFixes: true }, { paint: painter({ colour: false, links: false }), width });
      const lines = text.trimEnd().split('\n');
      assert.deepEqual(
        lines.filter((l) => !l.startsWith(' ') && l !== ''),
        ['profiles/user.xml', 'scripts/server.ps1', '3 problems (1 error, 1 warning, 1 info)'],
        `width ${width}`,
      );
      const rows = lines.filter((l) => /^ +\d+:\d+ /.test(l));
      assert.equal(rows.length, 3);
      // line:col right-aligned, then the severity and the message each starting in one column for every row.
      assert.equal(new Set(rows.map((r) => r.search(/\d+:\d+ /) + r.match(/\d+:\d+/)![0].length)).size, 1, 'positions end in one column');
      assert.equal(new Set(rows.map((r) => r.search(/(error|warning|information) /))).size, 1, 'severities in one column');
      if (ruleColumn) assert.equal(new Set(rows.map((r) => r.search(RULE_ID))).size, 1, `width ${width}: rule ids in one column`);
      const messageColumn = rows[0].search(/With/);
      assert.equal(new Set(rows.map((r) => r.search(/(With|AlwaysOn|The change)/))).size, 1, 'messages in one column');
      const continuation = lines.filter((l) => /^ +\S/.test(l) && !/^ +\d+:\d+ /.test(l));
      assert.ok(continuation.length > 0, 'the long message is wrapped');
      for (const l of continuation) assert.equal(l.search(/\S/), messageColumn, `a continuation line starts in the message column: ${l}`);
      for (const l of lines) assert.ok(l.length <= width, `width ${width}: ${l.length} characters: ${l}`);
      // Nothing of the message is lost: the wrapped lines put together are the message (and, narrow, the rule id after it).
      const row = rows.find((r) => r.includes('With'))!;
      const pieces = [ruleColumn ? row.slice(messageColumn).replace(RULE_ID, '') : row.slice(messageColumn)];
      for (let i = lines.indexOf(row) + 1; continuation.includes(lines[i]); i++) pieces.push(lines[i].slice(messageColumn));
      const joined = pieces.join(' ').replace(/ +/g, ' ').trim();
      assert.equal(joined, ruleColumn ? long : `${long} crypto-suite-ignored-automatic`, `width ${width}`);
      if (!ruleColumn)
        for (const r of ['invalid-value', 'ps-restart-required'])
          assert.ok(
            lines.some((l) => l.endsWith(`  ${r}`)),
            `width ${width}: ${r} ends its message`,
          );
    }
  });

  it('fixes come first under their file, as "fixed" rows with their rule, then what is left; --quiet keeps only the count', () => {
    const fixed: FileResult[] = [
      {
        path: 'p.xml',
        diagnostics: [results[0].diagnostics[1]],
        fixes: [{ code: 'l2tp-psk-unused', title: 'Remove L2tpPsk', position: { line: 5, character: 0 } }],
      },
    ];
    const text = formatText(fixed, { fixMode: 'fixed', listFixes: true });
    assert.match(text, /^p\.xml\n +6:1 +fixed +Remove L2tpPsk +l2tp-psk-unused\n +2:13 +error +AlwaysOn/);
    assert.match(text, /\nFixed 1 problem in 1 file\.\n$/);
    const quiet = formatText(fixed, { fixMode: 'fixed', listFixes: false });
    assert.doesNotMatch(quiet, /Remove L2tpPsk/);
    assert.match(quiet, /Fixed 1 problem in 1 file\./);
  });

  it('colour and links go around our own words only', () => {
    const text = formatText(
      results,
      { listFixes: true },
      { paint: painter({ colour: true, links: true }), width: 100, ruleUrl: (id) => `https://example.org/rules#${id}` },
    );
    assert.match(text, /\u001b\[4mprofiles\/user\.xml\u001b\[24m/);
    assert.match(text, /\u001b\[1m\u001b\[31merror/);
    assert.match(
      text,
      /\u001b\]8;;https:\/\/example\.org\/rules#invalid-value\u001b\\\u001b\[2minvalid-value\u001b\[22m\u001b\]8;;\u001b\\/,
    );
    // Without escapes the layout is the plain one.
    const stripped = text.replace(/\u001b\[\d+m/g, '').replace(/\u001b\]8;;[^\u001b]*\u001b\\/g, '');
    assert.equal(stripped, formatText(results, { listFixes: true }, { paint: painter({ colour: false, links: false }), width: 100 }));
  });

  it('a link is never made of an address that could end the sequence early', () => {
    const paint = painter({ colour: false, links: true });
    assert.equal(paint.link('https://example.org/a\u001b]0;x', 'id'), 'id');
    assert.equal(paint.link('https://example.org/a b', 'id'), 'id');
    assert.equal(paint.link('javascript:alert(1)', 'id'), 'id');
    assert.equal(paint.link(undefined, 'id'), 'id');
  });

  it('wrap: lines within the widths, words kept whole, spacing inside a value kept', () => {
    assert.deepEqual(wrap('aaa bbb ccc ddd', 7), ['aaa bbb', 'ccc ddd']);
    assert.deepEqual(wrap('aaa bbb ccc ddd', 3, 11), ['aaa', 'bbb ccc ddd']);
    assert.deepEqual(wrap('a https://example.org/a/very/long/address b', 10), ['a', 'https://example.org/a/very/long/address', 'b']);
    assert.equal(wrap('value "a  b" kept', 8).join(' '), 'value "a  b" kept');
    assert.deepEqual(wrap('', 10), ['']);
  });
});

describe('terminal detection', () => {
  const tty = { isTTY: true, columns: 120 };
  const pipe = { isTTY: false };

  it('colour: on a terminal only; NO_COLOR turns it off; FORCE_COLOR forces it either way; TERM=dumb gets none', () => {
    assert.equal(colourEnabled(tty, {}), true);
    assert.equal(colourEnabled(pipe, {}), false);
    assert.equal(colourEnabled(tty, { NO_COLOR: '1' }), false);
    assert.equal(colourEnabled(tty, { NO_COLOR: '' }), true, 'an empty NO_COLOR is unset (no-color.org)');
    assert.equal(colourEnabled(pipe, { FORCE_COLOR: '1' }), true);
    assert.equal(colourEnabled(pipe, { FORCE_COLOR: '' }), true);
    assert.equal(colourEnabled(tty, { FORCE_COLOR: '0' }), false);
    assert.equal(colourEnabled(tty, { FORCE_COLOR: 'false' }), false);
    assert.equal(colourEnabled(pipe, { FORCE_COLOR: '1', NO_COLOR: '1' }), true, 'the explicit force wins');
    assert.equal(colourEnabled(tty, { TERM: 'dumb' }), false);
  });

  it('links: never into a pipe unless forced; only in terminals known to show them; not in tmux, screen or CI', () => {
    assert.equal(hyperlinksEnabled(pipe, { TERM_PROGRAM: 'vscode', TERM_PROGRAM_VERSION: '1.95.0' }), false);
    assert.equal(hyperlinksEnabled(tty, {}), false, 'an unknown terminal gets plain rule ids');
    assert.equal(hyperlinksEnabled(tty, { TERM: 'xterm-256color' }), false);
    assert.equal(hyperlinksEnabled(tty, { TERM_PROGRAM: 'vscode', TERM_PROGRAM_VERSION: '1.95.0' }), true);
    assert.equal(hyperlinksEnabled(tty, { TERM_PROGRAM: 'vscode', TERM_PROGRAM_VERSION: '1.71.2' }), false);
    assert.equal(hyperlinksEnabled(tty, { TERM_PROGRAM: 'iTerm.app', TERM_PROGRAM_VERSION: '3.5.0' }), true);
    assert.equal(hyperlinksEnabled(tty, { WT_SESSION: 'b7a1…' }), true, 'Windows Terminal');
    assert.equal(hyperlinksEnabled(tty, { VTE_VERSION: '7600' }), true, 'GNOME Terminal and other VTE terminals');
    assert.equal(hyperlinksEnabled(tty, { VTE_VERSION: '5000' }), false);
    assert.equal(hyperlinksEnabled(tty, { TERM: 'xterm-kitty' }), true);
    assert.equal(hyperlinksEnabled(tty, { WT_SESSION: 'x', TMUX: '/tmp/tmux-0/default,1,0' }), false);
    assert.equal(hyperlinksEnabled(tty, { WT_SESSION: 'x', TERM: 'screen-256color' }), false);
    assert.equal(hyperlinksEnabled(tty, { WT_SESSION: 'x', CI: 'true' }), false);
    assert.equal(hyperlinksEnabled(pipe, { FORCE_HYPERLINK: '1' }), true);
    assert.equal(hyperlinksEnabled(tty, { WT_SESSION: 'x', FORCE_HYPERLINK: '0' }), false);
  });

  it("width: the terminal's, else COLUMNS, else 100; at most 140", () => {
    assert.equal(outputWidth(tty, {}), 120);
    assert.equal(outputWidth({ isTTY: true, columns: 300 }, {}), 140);
    assert.equal(outputWidth(pipe, { COLUMNS: '72' }), 72);
    assert.equal(outputWidth(pipe, { COLUMNS: 'wide' }), 100);
    assert.equal(outputWidth(pipe, {}), 100);
  });
});
