import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { changedSpan } from '../../server/src/service/changedSpan';
import { doComplete } from '../../server/src/service/profilexml/complete';
import { cursorLocalDocument, CURSOR_LOCAL_MIN_CHARS } from '../../server/src/service/profilexml/cursorLocal';
import { parseProfileDocument } from '../../server/src/service/profilexml/document';
import { schemaIndex } from '../../server/src/service/profilexml/schema';
import { resolveSettings } from '../../server/src/service/settings';
import { createLineIndex, editorLineIndex } from '../../server/src/service/core/positions';
import { CLEAN_PROFILE, doc, service } from '../helpers/service';

/**
 * Completion right after a keystroke in a large profile parses only the block being edited
 * (cursorLocal.ts). Its answers must be those of a full parse of the new text, whatever was typed.
 */

const schema = schemaIndex();
const settings = resolveSettings({});

/** CLEAN_PROFILE with `count` routes and traffic filters more, and a comment in a late block (a place an unterminated comment could reach). */
function largeProfile(count: number): string {
  let blocks = '';
  for (let i = 0; i < count; i++) {
    blocks += `  <Route>\n    <Address>10.${i % 250}.0.0</Address>\n    <PrefixSize>16</PrefixSize>\n  </Route>\n`;
    if (i % 3 === 0)
      blocks += `  <TrafficFilter>\n    <App>\n      <Id>C:\\Tools\\app${i}.exe</Id>\n    </App>\n    <Protocol>6</Protocol>\n  </TrafficFilter>\n`;
  }
  blocks += `  <Route>\n    <!-- "quoted" and 'single' -->\n    <Address>10.9.9.0</Address>\n    <PrefixSize>24</PrefixSize>\n  </Route>\n`;
  return CLEAN_PROFILE.replace('</VPNProfile>', `${blocks}</VPNProfile>`);
}

/** Completion on a full parse of `text` and, when it applies, on the cursor-local one. */
function both(previous: string, text: string, offset: number): { full: unknown; local: unknown } {
  const prior = parseProfileDocument(previous);
  const local = cursorLocalDocument(prior, text, offset, createLineIndex(text), 0);
  return {
    full: doComplete(parseProfileDocument(text), offset, settings, schema),
    local: local && doComplete(local, offset, settings, schema),
  };
}

describe('completion on a cursor-local parse', () => {
  const base = largeProfile(12);

  it('answers as a full parse for every kind of keystroke at every place, and is used for most of them', () => {
    const typed = [
      '<',
      '</',
      '<Me',
      '<Metric>',
      '>',
      '/>',
      ' ',
      'x',
      '"',
      "'",
      '<!--',
      '-->',
      '<![CDATA[',
      '<?',
      '<Address a="',
      '&',
      '\n    <',
    ];
    let used = 0;
    let tried = 0;
    for (let at = 0; at <= base.length; at += 5) {
      for (const piece of typed) {
        const text = base.slice(0, at) + piece + base.slice(at);
        const { full, local } = both(base, text, at + piece.length);
        tried++;
        if (local === undefined) continue;
        used++;
        assert.deepEqual(local, full, `typing ${JSON.stringify(piece)} at ${at}`);
      }
    }
    // Most offsets of a profile are inside a block: a path that never applied would prove nothing.
    assert.ok(used > tried / 3, `cursor-local parse used for ${used} of ${tried} edits`);
  });

  it('answers as a full parse after deletions', () => {
    let used = 0;
    for (let at = 0; at < base.length - 3; at += 3) {
      for (const length of [1, 2, 3]) {
        const text = base.slice(0, at) + base.slice(at + length);
        const { full, local } = both(base, text, at);
        if (local === undefined) continue;
        used++;
        assert.deepEqual(local, full, `deleting ${JSON.stringify(base.slice(at, at + length))} at ${at}`);
      }
    }
    assert.ok(used > 100, `cursor-local parse used for ${used} deletions`);
  });

  it('applies to "<" typed on an empty line of a route', () => {
    const close = base.lastIndexOf('</Route>');
    const before = `${base.slice(0, close)}  \n  ${base.slice(close)}`;
    const offset = close + 2;
    const text = `${before.slice(0, offset)}<${before.slice(offset)}`;
    const { full, local } = both(before, text, offset + 1);
    assert.ok(local, 'the cursor-local parse applies');
    assert.deepEqual(local, full);
    assert.deepEqual(
      (full as { items: { label: string }[] }).items.map((i) => i.label).filter((l) => /^[A-Z]/.test(l)),
      ['ExclusionRoute', 'Metric'],
    );
  });

  it('gives up when a comment typed in a block would run into later blocks', () => {
    const at = base.indexOf('<PrefixSize>16');
    const text = `${base.slice(0, at)}<!-- ${base.slice(at)}`;
    const prior = parseProfileDocument(base);
    assert.equal(cursorLocalDocument(prior, text, at + 5, createLineIndex(text), 0), undefined);
  });

  it('gives up when the edit spans two blocks, or lies outside every block', () => {
    const prior = parseProfileDocument(base);
    const first = base.indexOf('<PrefixSize>');
    const second = base.indexOf('<Address>', first);
    const spanning = base.slice(0, first) + base.slice(second);
    assert.equal(cursorLocalDocument(prior, spanning, first, createLineIndex(spanning), 0), undefined);
    const between = base.indexOf('  <Route>');
    const outside = `${base.slice(0, between)}<${base.slice(between)}`;
    assert.equal(cursorLocalDocument(prior, outside, between + 1, createLineIndex(outside), 0), undefined);
  });

  it('is left to small documents to parse in full', () => {
    const prior = parseProfileDocument(base);
    const at = base.indexOf('<PrefixSize>');
    const text = `${base.slice(0, at)}<${base.slice(at)}`;
    assert.ok(text.length < CURSOR_LOCAL_MIN_CHARS);
    assert.equal(cursorLocalDocument(prior, text, at + 1, createLineIndex(text)), undefined);
  });

  it('the language service answers a keystroke in a large profile as it answers the same text parsed afresh', () => {
    const large = largeProfile(900);
    assert.ok(large.length > CURSOR_LOCAL_MIN_CHARS);
    const uri = 'file:///test/cursor-local.xml';
    const first = TextDocument.create(uri, 'xml', 1, large);
    service.validate(first);
    const close = large.lastIndexOf('</TrafficFilter>');
    const at = first.positionAt(close);
    const next = TextDocument.update(first, [{ range: { start: at, end: at }, text: '<\n  ' }], 2);
    const position = next.positionAt(close + 1);
    const afterKeystroke = service.complete(next, position);
    const afresh = service.complete(doc(next.getText()), position);
    assert.deepEqual(afterKeystroke, afresh);
    assert.ok(
      afterKeystroke.items.some((i) => i.label === 'Direction'),
      'a traffic filter child is offered',
    );
  });
});

describe('editorLineIndex', () => {
  it('agrees with createLineIndex on every offset and position of a text with every kind of line break', () => {
    const text = 'a\r\nbc\rd\n\n\r\nend';
    const document = TextDocument.create('file:///t.txt', 'plaintext', 1, text);
    const ours = createLineIndex(text);
    const editor = editorLineIndex(document);
    assert.equal(editor.lineCount, ours.lineCount);
    for (let offset = -1; offset <= text.length + 1; offset++) {
      assert.deepEqual(editor.positionAt(offset), ours.positionAt(offset), `offset ${offset}`);
      assert.equal(editor.lineAt(offset), ours.lineAt(offset), `offset ${offset}`);
    }
    for (let line = -1; line <= ours.lineCount + 1; line++) {
      for (let character = -1; character < 6; character++)
        assert.equal(editor.offsetAt({ line, character }), ours.offsetAt({ line, character }), `${line}:${character}`);
      assert.equal(editor.lineStart(line), ours.lineStart(line), `line ${line}`);
    }
  });
});

describe('changedSpan over long texts', () => {
  it('finds the same span as a character-by-character comparison', () => {
    const long = 'abcdefghij'.repeat(2000);
    const naive = (before: string, after: string): { start: number; endBefore: number; endAfter: number } => {
      let start = 0;
      while (start < before.length && start < after.length && before[start] === after[start]) start++;
      let endBefore = before.length;
      let endAfter = after.length;
      while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
        endBefore--;
        endAfter--;
      }
      return { start, endBefore, endAfter };
    };
    for (const at of [0, 1, 4095, 4096, 4097, 8192, 9999, 19_999, 20_000]) {
      for (const [removed, inserted] of [
        [0, 'x'],
        [1, ''],
        [3, 'yz'],
        [0, 'abcdefghij'],
        [5000, ''],
      ] as const) {
        const after = long.slice(0, at) + inserted + long.slice(at + removed);
        assert.deepEqual(
          changedSpan(long, after),
          naive(long, after),
          `at ${at}, ${removed} removed, ${JSON.stringify(inserted)} inserted`,
        );
      }
    }
  });
});
