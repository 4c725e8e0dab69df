import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { changedSpan } from '../../server/src/service/languageService';
import { CLEAN_PROFILE, codes, diagnose, doc, fixAll, service } from '../helpers/service';

const AUTOMATIC = CLEAN_PROFILE.replace('<NativeProtocolType>IKEv2', '<NativeProtocolType>Automatic');

describe('activation by content', () => {
  it('analyses only documents whose root element is VPNProfile or a near miss of it (reported by wrong-root-element)', () => {
    assert.deepEqual(diagnose('<project><AlwaysOn>True</AlwaysOn></project>'), []);
    assert.deepEqual(diagnose('not xml at all'), []);
    assert.equal(service.isProfileXml(doc('<?xml version="1.0"?>\n<!-- header -->\n<VPNProfile/>')), true);
    assert.equal(service.isProfileXml(doc('\uFEFF  <VPNProfile>')), true);
    assert.equal(service.isProfileXml(doc('<VPNProfiles/>')), true);
    assert.equal(service.isProfileXml(doc('<VPNProfileList/>')), false);
    assert.equal(service.isProfileXml(doc('<AzVpnProfile/>')), false);
  });
  it('accepts a leading XML declaration and comments', () => {
    assert.deepEqual(diagnose(`<?xml version="1.0" encoding="utf-8"?>\n<!-- corp profile -->\n${CLEAN_PROFILE}`), []);
  });
});

describe('diagnostic shape', () => {
  it('sets source, code and a link to the rule source', () => {
    const d = doc(AUTOMATIC);
    const [diagnostic] = service.validate(d).filter((x) => x.code === 'crypto-suite-ignored-automatic');
    assert.equal(diagnostic.source, 'profilexml');
    assert.equal(diagnostic.code, 'crypto-suite-ignored-automatic');
    const invalid = service.validate(doc(CLEAN_PROFILE.replace('>true<', '>TRUE<'))).find((x) => x.code === 'invalid-value');
    assert.match(invalid?.codeDescription?.href ?? '', /^https:\/\/learn\.microsoft\.com\//);
    assert.equal(d.getText(diagnostic.range), 'Automatic');
  });
  it('does not quote the text of a broken value in well-formedness messages (a pre-shared key with "<" in it)', () => {
    const broken = CLEAN_PROFILE.replace('</NativeProfile>', '<L2tpPsk>Secr3t<Pass word&more-91c2</L2tpPsk></NativeProfile>');
    const diagnostics = service.validate(doc(broken)).filter((x) => x.code === 'xml-not-well-formed');
    assert.ok(diagnostics.length > 0);
    for (const diagnostic of diagnostics) assert.doesNotMatch(String(diagnostic.message), /91c2|word&more/);
    const unclosed = service.validate(doc(CLEAN_PROFILE.replace('</Servers>', ''))).filter((x) => x.code === 'xml-not-well-formed');
    assert.ok(
      unclosed.some((x) => /Servers/.test(String(x.message))),
      'element names are still named',
    );
  });
});

describe('settings', () => {
  it('turns a rule off', () => {
    assert.ok(codes(AUTOMATIC).includes('crypto-suite-ignored-automatic'));
    assert.ok(!codes(AUTOMATIC, { rules: { 'crypto-suite-ignored-automatic': 'off' } }).includes('crypto-suite-ignored-automatic'));
  });
  it('overrides a severity', () => {
    const [f] = diagnose(AUTOMATIC, { rules: { 'crypto-suite-ignored-automatic': 'error' } }).filter(
      (x) => x.code === 'crypto-suite-ignored-automatic',
    );
    assert.equal(f.severity, 1);
  });
  it('ignores malformed settings instead of failing', () => {
    // Values of the wrong shape come from hand-edited settings.json files.
    const bad = { targetWindows: 42, deployment: 'cloud', rules: { x: 'loud' } } as unknown as Parameters<typeof diagnose>[1];
    assert.deepEqual(diagnose(CLEAN_PROFILE, bad), []);
  });
});

describe('suppression comments', () => {
  it('silences the named rule on the next line only', () => {
    const text = AUTOMATIC.replace(
      '    <NativeProtocolType>',
      '    <!-- profilexml-disable-next-line crypto-suite-ignored-automatic -->\n    <NativeProtocolType>',
    );
    assert.ok(!codes(text).includes('crypto-suite-ignored-automatic'));
    const other = AUTOMATIC.replace(
      '    <NativeProtocolType>',
      '    <!-- profilexml-disable-next-line weak-crypto -->\n    <NativeProtocolType>',
    );
    assert.ok(codes(other).includes('crypto-suite-ignored-automatic'));
  });
  it('silences a rule for the whole file', () => {
    const text = `<!-- profilexml-disable crypto-suite-ignored-automatic -->\n${AUTOMATIC}`;
    assert.ok(!codes(text).includes('crypto-suite-ignored-automatic'));
  });
  it('is offered as a code action that inserts the comment', () => {
    const d = doc(AUTOMATIC);
    const diagnostic = service.validate(d).find((x) => x.code === 'crypto-suite-ignored-automatic')!;
    const action = service.codeActions(d, diagnostic.range, { diagnostics: [diagnostic] }).find((a) => a.title.startsWith('Disable'))!;
    const edits = action.edit!.changes![d.uri];
    const applied = doc(AUTOMATIC);
    const result = TextDocument.applyEdits(applied, edits);
    assert.ok(
      result.includes('    <!-- profilexml-disable-next-line crypto-suite-ignored-automatic -->\n    <NativeProtocolType>Automatic'),
    );
    assert.ok(!codes(result).includes('crypto-suite-ignored-automatic'));
  });
});

describe('fix-all edit ends', () => {
  const apply = (before: string, after: string): string => {
    const { start, endBefore, endAfter } = changedSpan(before, after);
    return before.slice(0, start) + after.slice(start, endAfter) + before.slice(endBefore);
  };
  const splitsCrLf = (text: string, at: number): boolean => at > 0 && text[at - 1] === '\r' && text[at] === '\n';
  it('never start or end between the \\r and \\n of a CRLF, and still reproduce the new text', () => {
    const cases: [string, string][] = [
      ['a\r\nb', 'a\rX\nb'],
      ['<A>\r\n</A>', '<A>\r\n\n</A>'],
      ['x\r\ny\r\nz', 'x\ny\r\nz'],
      ['p\r\nq', 'p\r\n  <B/>\r\nq'],
      ['same\r\n', 'same\r\n'],
    ];
    for (const [before, after] of cases) {
      const { start, endBefore } = changedSpan(before, after);
      assert.equal(apply(before, after), after, JSON.stringify([before, after]));
      assert.ok(!splitsCrLf(before, start) && !splitsCrLf(before, endBefore), JSON.stringify({ before, after, start, endBefore }));
    }
  });
});

describe('fix all', () => {
  it('applies every preferred fix and keeps comments and CRLF line endings', () => {
    const text = AUTOMATIC.replace('<AlwaysOn>true</AlwaysOn>', '<AlwaysOn>True</AlwaysOn> <!-- keep me -->').replace(/\n/g, '\r\n');
    const fixed = fixAll(text);
    assert.ok(fixed.includes('<AlwaysOn>true</AlwaysOn> <!-- keep me -->'));
    assert.ok(fixed.includes('<NativeProtocolType>IKEv2</NativeProtocolType>'));
    assert.ok(!/[^\r]\n/.test(fixed), 'every line ending stays CRLF');
    assert.deepEqual(
      diagnose(fixed).filter((f) => f.severity === 1),
      [],
    );
  });
  it('returns no edit when nothing is fixable', () => {
    assert.deepEqual(service.fixAll(doc(CLEAN_PROFILE)), []);
  });
  it('is offered as a source.fixAll code action', () => {
    const d = doc(AUTOMATIC);
    const actions = service.codeActions(
      d,
      { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      { diagnostics: [], only: ['source.fixAll'] },
    );
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'source.fixAll');
  });
  it('defers the fix-all edits of a light-bulb request until the action is resolved', () => {
    const d = doc(AUTOMATIC);
    const at = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const lightBulb = service.codeActions(d, at, { diagnostics: [] }, undefined, { deferFixAll: true });
    const deferred = lightBulb.find((a) => a.kind === 'source.fixAll');
    assert.ok(deferred, 'the fix-all action is offered');
    assert.equal(deferred.edit, undefined, 'its edits are not computed yet');
    const resolved = service.resolveCodeAction(d, JSON.parse(JSON.stringify(deferred)));
    assert.deepEqual(resolved.edit, { changes: { [d.uri]: service.fixAll(d) } });
    assert.ok(resolved.edit.changes![d.uri].length > 0);
  });
  it('computes fix-all at once when it is asked for by kind, even when deferring', () => {
    const d = doc(AUTOMATIC);
    const at = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const [action] = service.codeActions(d, at, { diagnostics: [], only: ['source.fixAll'] }, undefined, { deferFixAll: true });
    assert.deepEqual(action.edit, { changes: { [d.uri]: service.fixAll(d) } });
  });
  it('resolves a deferred fix-all on the text as it is now', () => {
    const first = doc(AUTOMATIC);
    const at = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const deferred = service
      .codeActions(first, at, { diagnostics: [] }, undefined, { deferFixAll: true })
      .find((a) => a.kind === 'source.fixAll')!;
    const edited = doc(AUTOMATIC.replace('<AlwaysOn>true</AlwaysOn>', '<AlwaysOn>True</AlwaysOn>'), first.uri);
    const resolved = service.resolveCodeAction(edited, deferred);
    assert.deepEqual(resolved.edit, { changes: { [edited.uri]: service.fixAll(edited) } });
    assert.notDeepEqual(service.fixAll(edited), service.fixAll(first));
  });
});
