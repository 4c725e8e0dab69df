import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DOMParser } from '@xmldom/xmldom';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { detectIndentUnit } from '../../server/src/service/profilexml/document';
import { isSuppressed, suppressionTest, type Suppression } from '../../server/src/service/suppression';
import { createLineIndex } from '../../server/src/service/core/positions';
import { isPlainWellFormed } from '../../server/src/service/xml/wellFormedFast';
import { lastNodeStartingBefore, parseXmlTree, walkElements, walkElementsAt, type XmlElement } from '../../server/src/service/xml/xmlTree';
import { CLEAN_PROFILE } from '../helpers/service';
import { prng } from '../../bench/inputs';

// The shortcuts taken for speed must give the same answers as the slow paths they replace.

/** xmldom's verdict, as checkWellFormed used to compute it for every document. */
function xmldomAccepts(text: string): boolean {
  let errors = 0;
  try {
    new DOMParser({ onError: () => void errors++ }).parseFromString(text, 'text/xml');
  } catch {
    errors++;
  }
  return errors === 0;
}

const NAMESPACED = `<?xml version="1.0" encoding="utf-8" standalone='yes'?>
<!-- a comment -->
<VPNProfile xmlns:a="urn:a" b:x='1' xmlns:b="urn:b">
  <a:Extra/>
  <ProfileName c="&amp;&#65;&#x42;">Contoso &lt;VPN&gt;<![CDATA[ <raw> & ]]></ProfileName>
  <EapHostConfig xmlns="http://www.microsoft.com/provisioning/EapHostConfig"><c:q xmlns:c="urn:c" c:r="2"/></EapHostConfig>
</VPNProfile>
`;

describe('plain well-formedness shortcut', () => {
  it('accepts ordinary profiles, so xmldom is not needed for them', () => {
    assert.equal(isPlainWellFormed(CLEAN_PROFILE), true);
    assert.equal(isPlainWellFormed(CLEAN_PROFILE.replace(/\n/g, '\r\n')), true);
    assert.equal(isPlainWellFormed(NAMESPACED), true);
    assert.equal(xmldomAccepts(NAMESPACED), true);
  });

  it('leaves everything outside the plain subset to xmldom', () => {
    const cases = [
      '',
      '<!DOCTYPE VPNProfile><VPNProfile/>',
      '<?xml-stylesheet href="a"?><VPNProfile/>',
      '<VPNProfile>&nbsp;</VPNProfile>',
      '<VPNProfile>a & b</VPNProfile>',
      '<p:VPNProfile/>',
      '<VPNProfile xmlns:p=""><p:a/></VPNProfile>',
      '<VPNProfile a="1" a="2"/>',
      '<VPNProfile a="1"b="2"/>',
      '<VPNProfile a=1/>',
      '<VPNProfile a="<"/>',
      '<VPNProfile/><Second/>',
      'text<VPNProfile/>',
      '\uFEFF<VPNProfile/>',
      '<VPNProfile>\uFFFD</VPNProfile>',
      '<VPNProfile>\u0001</VPNProfile>',
      '<VPNProfile><!-- a -- b --></VPNProfile>',
      '<VPNProfile><a></b></VPNProfile>',
      '<VPNProfile>',
      ' <?xml version="1.0"?><VPNProfile/>',
      '<?xml version="2.0"?><VPNProfile/>',
      '<![CDATA[x]]><VPNProfile/>',
      '<VPNProfile/ >',
      '<1a/>',
    ];
    for (const text of cases) assert.equal(isPlainWellFormed(text), false, JSON.stringify(text));
  });

  it('never accepts a document xmldom complains about (differential, mutated profiles)', () => {
    const rand = prng(20261125);
    const seeds = [CLEAN_PROFILE, NAMESPACED];
    const pieces = [
      '<',
      '>',
      '/',
      '&',
      ';',
      '"',
      "'",
      '=',
      '!',
      '?',
      '-',
      '[',
      ']',
      ':',
      ' ',
      '\n',
      'a',
      '#',
      '<!--',
      '-->',
      '</',
      '/>',
      '&amp;',
      '&#',
      'xmlns:p="u"',
      'p:',
      'xmlns=""',
      '\t',
      'é',
      '\u0085',
      '\u2028',
      '\r',
      '<![CDATA[',
      ']]>',
      '<?x?>',
      '\uFEFF',
      '1',
    ];
    let accepted = 0;
    for (let i = 0; i < 4000; i++) {
      let text = seeds[i % seeds.length];
      const edits = 1 + Math.floor(rand() * 3);
      for (let j = 0; j < edits; j++) {
        const at = Math.floor(rand() * (text.length + 1));
        const op = rand();
        const piece = pieces[Math.floor(rand() * pieces.length)];
        if (op < 0.4) text = text.slice(0, at) + piece + text.slice(at);
        else if (op < 0.7) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(rand() * 3));
        else text = text.slice(0, at) + piece + text.slice(at + 1);
      }
      if (!isPlainWellFormed(text)) continue;
      accepted++;
      assert.equal(xmldomAccepts(text), true, `accepted, but xmldom reports errors: ${JSON.stringify(text)}`);
    }
    assert.ok(accepted > 300, `too few mutations accepted (${accepted}) for the check to mean much`);
  });
});

describe('line index', () => {
  /** The loop completion used before (one pass from the start for every position), as the reference. */
  function reference(text: string, offset: number): { line: number; character: number } {
    const at = Math.max(0, Math.min(offset, text.length));
    let line = 0;
    let lineStart = 0;
    for (let i = 0; i < at; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
        line++;
        lineStart = i + 1;
      }
    }
    return { line, character: at - lineStart };
  }

  it('gives the positions of the line-by-line loop, and of TextDocument outside a CRLF pair', () => {
    for (const text of ['', 'a', '\n', 'a\nb\r\nc\rd\n\n\r\r\n', CLEAN_PROFILE.replace(/\n/g, '\r\n'), 'x\r', '\r\n']) {
      const document = TextDocument.create('file:///x.xml', 'xml', 1, text);
      const index = createLineIndex(text);
      for (let offset = -1; offset <= text.length + 1; offset++) {
        const position = index.positionAt(offset);
        assert.deepEqual(position, reference(text, offset), `${JSON.stringify(text)} @ ${offset}`);
        assert.equal(index.lineAt(offset), position.line);
        const insideCrlf = text[offset - 1] === '\r' && text[offset] === '\n';
        if (!insideCrlf) assert.deepEqual(position, document.positionAt(offset), `${JSON.stringify(text)} @ ${offset}`);
      }
      assert.equal(index.lineCount, document.lineCount);
    }
  });
});

describe('tree lookups by offset', () => {
  const texts = [
    CLEAN_PROFILE,
    NAMESPACED,
    '<VPNProfile><NativeProfile><Servers>a</Servers><Authentication><UserMethod>Eap</Authentication></VPNProfile>',
    '<VPNProfile>\n  <Route>\n    <Address>10.0.0.0\n  <Route><PrefixSize>8</PrefixSize>\n</VPNProfile',
    '<VPNProfile><a x="1"<b></b></a></',
    '<!-- c --><VPNProfile><![CDATA[x]]><?pi ?></VPNProfile>\n',
  ];

  it('walkElementsAt visits exactly the elements whose span holds the offset, in document order', () => {
    for (const text of texts) {
      const tree = parseXmlTree(text);
      const all: XmlElement[] = [];
      walkElements(tree.root, (e) => void all.push(e));
      for (let offset = 0; offset <= text.length; offset++) {
        const expected =
          tree.root && offset >= tree.root.start && offset <= tree.root.end ? all.filter((e) => e.start <= offset && offset <= e.end) : [];
        const seen: XmlElement[] = [];
        walkElementsAt(tree.root, offset, (e) => void seen.push(e));
        assert.deepEqual(
          seen.map((e) => e.start),
          expected.map((e) => e.start),
          `${JSON.stringify(text)} @ ${offset}`,
        );
      }
    }
  });

  it('lastNodeStartingBefore agrees with a scan', () => {
    for (const text of texts) {
      const tree = parseXmlTree(text);
      const lists = [tree.children];
      walkElements(tree.root, (e) => void lists.push(e.children));
      for (const nodes of lists) {
        for (let offset = -1; offset <= text.length + 1; offset++) {
          let before = -1;
          let atOrBefore = -1;
          nodes.forEach((n, i) => {
            if (n.start < offset) before = i;
            if (n.start <= offset) atOrBefore = i;
          });
          assert.equal(lastNodeStartingBefore(nodes, offset), before);
          assert.equal(lastNodeStartingBefore(nodes, offset, true), atOrBefore);
        }
      }
    }
  });

  it('lists every comment in document order', () => {
    const tree = parseXmlTree('<!--a--><VPNProfile><!--b--><x><!--c--></x></VPNProfile><!--d-->');
    assert.deepEqual(
      tree.comments.map((c) => c.value),
      ['a', 'b', 'c', 'd'],
    );
  });
});

describe('indentation unit', () => {
  /** The previous implementation (split into lines and regular expressions), as the reference. */
  function reference(text: string): string {
    const counts = new Map<string, number>();
    let previous = '';
    for (const line of text.split(/\r?\n/)) {
      if (!line.trim()) continue;
      const indent = /^[ \t]*/.exec(line)![0];
      if (indent.length > previous.length && indent.startsWith(previous)) {
        const step = indent.slice(previous.length);
        if (/^(\t|( {1,8}))$/.test(step)) counts.set(step, (counts.get(step) ?? 0) + 1);
      }
      previous = indent;
    }
    let best = '  ';
    let bestCount = 0;
    for (const [step, count] of counts) if (count > bestCount) [best, bestCount] = [step, count];
    return best;
  }

  it('matches the line-by-line definition on awkward texts', () => {
    const rand = prng(7);
    const pieces = ['\n', '\r\n', '\r', ' ', '  ', '\t', '    ', 'a', '<x>', '\u00a0', '\u2028', '\u3000', '\v', '        ', '         '];
    for (let i = 0; i < 5000; i++) {
      let text = '';
      const n = Math.floor(rand() * 30);
      for (let j = 0; j < n; j++) text += pieces[Math.floor(rand() * pieces.length)];
      assert.equal(detectIndentUnit(text), reference(text), JSON.stringify(text));
    }
    assert.equal(detectIndentUnit(CLEAN_PROFILE), reference(CLEAN_PROFILE));
  });
});

describe('suppression lookup', () => {
  it('answers as isSuppressed does, for every offset', () => {
    const rand = prng(11);
    const ids = ['weak-crypto', 'invalid-route', 'stray-characters'];
    for (let round = 0; round < 200; round++) {
      let text = '';
      const n = Math.floor(rand() * 40);
      for (let j = 0; j < n; j++) text += ['\n', '\r\n', '\r', 'ab', '<x>'][Math.floor(rand() * 5)];
      const suppressions: Suppression[] = [];
      const count = Math.floor(rand() * 4);
      for (let k = 0; k < count; k++) {
        suppressions.push({ line: Math.floor(rand() * 8) - 1, ids: ids.filter(() => rand() < 0.4) });
      }
      const test = suppressionTest(text, suppressions);
      for (let offset = 0; offset <= text.length; offset++) {
        for (const id of ids) {
          const span = { start: offset, end: offset };
          assert.equal(
            test(id, span),
            isSuppressed(text, id, span, suppressions),
            `${JSON.stringify(text)} @ ${offset} ${id} ${JSON.stringify(suppressions)}`,
          );
        }
      }
    }
  });
});
