import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CompletionItemKind, InsertTextFormat, InsertTextMode, type CompletionItem, type TextEdit } from 'vscode-languageserver-types';
import { blockElementOf, PROFILE_SNIPPETS } from '../../server/src/service/profilexml/completeBlocks';
import { snippetPreview } from '../../server/src/service/snippets';
import { CLEAN_PROFILE, diagnose, doc, service } from '../helpers/service';
import { expandSnippetBody, snippetsOf } from '../helpers/snippets';

/**
 * The ProfileXML block snippets (snippets/profilexml.json) come from the language service's
 * completion, only where the profile model lets their block go, and never in other XML.
 */

function completeAt(marked: string): { items: CompletionItem[]; document: TextDocument; offset: number } {
  const offset = marked.indexOf('|');
  assert.ok(offset >= 0, 'test text needs a | cursor marker');
  const document = doc(marked.slice(0, offset) + marked.slice(offset + 1));
  return { items: service.complete(document, document.positionAt(offset)).items, document, offset };
}

const snippetLabels = (marked: string): string[] =>
  completeAt(marked)
    .items.filter((i) => i.kind === CompletionItemKind.Snippet)
    .map((i) => i.label)
    .sort();

function edit(i: CompletionItem): TextEdit {
  assert.ok(i.textEdit && 'range' in i.textEdit, 'item has a textEdit with a range');
  return i.textEdit;
}

/** The document after accepting the item with every placeholder at its default. */
function accepted(marked: string, label: string): string {
  const { items, document } = completeAt(marked);
  const item = items.find((i) => i.label === label);
  assert.ok(item, `no ${label} among ${items.map((i) => i.label).join(', ')}`);
  const e = edit(item);
  return TextDocument.applyEdits(document, [{ range: e.range, newText: expandSnippetBody(e.newText).text }]);
}

const ALL = PROFILE_SNIPPETS.map((s) => s.prefix).sort();
const PROFILES = ['aovpn-device-tunnel', 'aovpn-user-tunnel'];
const IN_ROOT = ['aovpn-dns', 'aovpn-exclusion-route', 'aovpn-proxy', 'aovpn-route', 'aovpn-traffic-filter'];
const SUITES = ['aovpn-crypto-baseline', 'aovpn-crypto-gcm'];
const WITHOUT_SUITE = CLEAN_PROFILE.replace(/ {4}<CryptographySuite>[\s\S]*?<\/CryptographySuite>\n/, '');

describe('block snippets in ProfileXML completion', () => {
  it('reads every snippet of snippets/profilexml.json and knows the element each one inserts', () => {
    assert.deepEqual(
      ALL,
      Object.values(snippetsOf('profilexml'))
        .map((s) => s.prefix)
        .sort(),
    );
    const elements = Object.fromEntries(PROFILE_SNIPPETS.map((s) => [s.prefix, s.element]));
    assert.equal(elements['aovpn-user-tunnel'], 'VPNProfile');
    assert.equal(elements['aovpn-crypto-baseline'], 'CryptographySuite');
    // The traffic filter and proxy snippets start with a comment: the element comes after it.
    assert.equal(elements['aovpn-traffic-filter'], 'TrafficFilter');
    assert.equal(elements['aovpn-proxy'], 'Proxy');
    assert.equal(blockElementOf('<!-- a -->\n<!-- b -->\n<Route>'), 'Route');
  });

  it('directly under VPNProfile: the blocks of the root, never a CryptographySuite', () => {
    const labels = snippetLabels(WITHOUT_SUITE.replace('  <Route>', '  |\n  <Route>'));
    assert.deepEqual(labels, IN_ROOT);
    assert.ok(!labels.includes('aovpn-crypto-baseline'));
  });

  it('inside a NativeProfile without a suite: the two suites, and nothing of the root', () => {
    assert.deepEqual(
      snippetLabels(WITHOUT_SUITE.replace('    <DisableClassBasedDefaultRoute>', '    |\n    <DisableClassBasedDefaultRoute>')),
      SUITES,
    );
  });

  it('not once the NativeProfile has its suite (at most one), nor Proxy twice', () => {
    assert.deepEqual(
      snippetLabels(CLEAN_PROFILE.replace('    <DisableClassBasedDefaultRoute>', '    |\n    <DisableClassBasedDefaultRoute>')),
      [],
    );
    const withProxy = CLEAN_PROFILE.replace(
      '  <NativeProfile>',
      '  <Proxy>\n    <AutoConfigUrl>http://wpad.example.com/wpad.dat</AutoConfigUrl>\n  </Proxy>\n  <NativeProfile>',
    );
    assert.ok(!snippetLabels(withProxy.replace('  <Route>', '  |\n  <Route>')).includes('aovpn-proxy'));
  });

  it('whole profiles only in a document without a root element', () => {
    assert.deepEqual(snippetLabels('|'), PROFILES);
    assert.deepEqual(snippetLabels('<?xml version="1.0" encoding="utf-8"?>\n<!-- new profile -->\naovpn-|'), PROFILES);
    assert.deepEqual(snippetLabels('<|'), PROFILES);
    assert.deepEqual(snippetLabels(`${CLEAN_PROFILE}|`), []);
    assert.deepEqual(snippetLabels(`|\n${CLEAN_PROFILE}`), []);
  });

  it('none in XML that is not a profile, nor in comments, values or opaque content', () => {
    assert.deepEqual(snippetLabels('<project>\n  |\n</project>'), []);
    assert.deepEqual(snippetLabels('<project>\n  <|\n</project>'), []);
    assert.deepEqual(snippetLabels('<project/>\n|'), []);
    assert.deepEqual(snippetLabels(WITHOUT_SUITE.replace('  <Route>', '  <!-- | -->\n  <Route>')), []);
    assert.deepEqual(snippetLabels(WITHOUT_SUITE.replace('<DnsSuffix>corp', '<DnsSuffix>|corp')), []);
    // Editing the name of a complete tag renames it: a block would be inserted inside the tag.
    assert.deepEqual(snippetLabels(WITHOUT_SUITE.replace('  <Route>', '  <R|oute>')), []);
  });

  it('a typed word is replaced by the block, indented with the document’s step, the editor indenting it to the line', () => {
    const marked = WITHOUT_SUITE.replace('    <DisableClassBasedDefaultRoute>', '    aovpn-cry|\n    <DisableClassBasedDefaultRoute>');
    const { items, document } = completeAt(marked);
    const item = items.find((i) => i.label === 'aovpn-crypto-baseline')!;
    assert.equal(item.insertTextFormat, InsertTextFormat.Snippet);
    assert.equal(item.insertTextMode, InsertTextMode.adjustIndentation);
    assert.equal(item.filterText, 'aovpn-crypto-baseline');
    assert.equal(document.getText(edit(item).range), 'aovpn-cry');
    assert.match(edit(item).newText, /^<CryptographySuite>\n {2}<AuthenticationTransformConstants>\$\{1:SHA256128\}/);
    assert.match(item.detail ?? '', /CryptographySuite baseline/);
    const documentation = typeof item.documentation === 'string' ? item.documentation : (item.documentation?.value ?? '');
    assert.match(documentation, /```xml\n<CryptographySuite>\n {2}<AuthenticationTransformConstants>SHA256128</);
  });

  it('after a typed < the block replaces the < too (no <<), and the filter text starts with it', () => {
    const marked = WITHOUT_SUITE.replace('    <DisableClassBasedDefaultRoute>', '    <aov|\n    <DisableClassBasedDefaultRoute>');
    const { items, document } = completeAt(marked);
    const item = items.find((i) => i.label === 'aovpn-crypto-gcm')!;
    assert.equal(document.getText(edit(item).range), '<aov');
    assert.equal(item.filterText, '<aovpn-crypto-gcm');
    const text = accepted(marked, 'aovpn-crypto-gcm');
    assert.ok(!text.includes('<<'), text);
    assert.match(text, /<CipherTransformConstants>GCMAES128<\/CipherTransformConstants>/);
  });

  it('each snippet sorts right after the element it inserts', () => {
    const { items } = completeAt(
      WITHOUT_SUITE.replace('    <DisableClassBasedDefaultRoute>', '    |\n    <DisableClassBasedDefaultRoute>'),
    );
    const sorted = [...items].sort((a, b) => (a.sortText! < b.sortText! ? -1 : a.sortText! > b.sortText! ? 1 : 0)).map((i) => i.label);
    const at = sorted.indexOf('CryptographySuite');
    assert.deepEqual(sorted.slice(at, at + 3), ['CryptographySuite', 'aovpn-crypto-baseline', 'aovpn-crypto-gcm']);
  });

  it('wherever completion offers a snippet, accepting it gives no structure error (every container of two profiles tried)', () => {
    const FORCE = WITHOUT_SUITE.replace('SplitTunnel', 'ForceTunnel');
    const STRUCTURE = ['misplaced-element', 'duplicate-element', 'unknown-element', 'wrong-root-element', 'xml-not-well-formed'];
    const offered = new Set<string>();
    for (const base of ['', WITHOUT_SUITE, FORCE, CLEAN_PROFILE]) {
      // A blank line after every start tag that opens content, and at the end of the document.
      const places = [...base.matchAll(/<(\w+)>\n/g)].map((m) => m.index! + m[0].length - 1).concat([base.length]);
      for (const place of places) {
        const marked = `${base.slice(0, place)}\n|${base.slice(place)}`;
        for (const label of snippetLabels(marked)) {
          offered.add(label);
          const text = accepted(marked, label);
          const structural = diagnose(text).filter((f) => STRUCTURE.includes(f.code));
          assert.deepEqual(structural, [], `${label} offered at offset ${place}:\n${text}`);
        }
      }
    }
    assert.deepEqual([...offered].sort(), ALL, 'every snippet is offered somewhere');
  });

  it('the preview expands placeholders, choices and references the way VS Code does', () => {
    assert.equal(snippetPreview('<A>${1:x}</A><B>$1</B><C>${2|p,q|}</C>$0'), '<A>x</A><B>x</B><C>p</C>');
    assert.equal(snippetPreview('${1:a ${2:b}} $2 \\$3'), 'a b b $3');
  });
});
