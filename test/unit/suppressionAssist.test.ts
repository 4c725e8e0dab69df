import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { CompletionItem, MarkupContent } from 'vscode-languageserver-types';
import { RULES } from '../../server/src/service/settings';
import { applyTextEdits, CLEAN_PROFILE, codes, doc, powerShellReady, script, service } from '../helpers/service';

// Completion and hover inside suppression comments: the ids a comment can name, ready to pick.

const AUTOMATIC = CLEAN_PROFILE.replace('<NativeProtocolType>IKEv2', '<NativeProtocolType>Automatic');
const labels = (items: CompletionItem[]): string[] => items.map((i) => i.label);
const complete = (text: string, offset: number, kind: 'xml' | 'ps' = 'xml'): CompletionItem[] => {
  const d = kind === 'xml' ? doc(text) : script(text);
  return service.complete(d, d.positionAt(offset)).items;
};
const hoverText = (text: string, offset: number, kind: 'xml' | 'ps' = 'xml'): string => {
  const d = kind === 'xml' ? doc(text) : script(text);
  const h = service.hover(d, d.positionAt(offset));
  return h ? (h.contents as MarkupContent).value : '';
};

describe('suppression comments: rule ids completed and explained', () => {
  before(() => powerShellReady);

  it('offers the ProfileXML and cross-file rule ids after profilexml-disable-next-line, and picking one silences the finding', () => {
    const marker = '<!-- profilexml-disable-next-line ';
    const text = AUTOMATIC.replace('    <NativeProtocolType>', `    ${marker}crypto\n    <NativeProtocolType>`).replace(
      `${marker}crypto\n`,
      `${marker}crypto -->\n`,
    );
    const offset = text.indexOf(marker) + marker.length + 'crypto'.length;
    const items = complete(text, offset);
    const ids = labels(items);
    assert.ok(ids.includes('crypto-suite-ignored-automatic'));
    assert.ok(ids.includes('ipsec-policy-mismatch'), 'cross-file rules reported on profiles are offered');
    assert.ok(!ids.some((id) => id.startsWith('ps-')), 'PowerShell rules never report on a profile');
    const pick = items.find((i) => i.label === 'crypto-suite-ignored-automatic')!;
    assert.match((pick.documentation as MarkupContent).value, /error 800/);
    // The edit replaces the word being typed.
    const fixed = applyTextEdits(text, [pick.textEdit as { range: never; newText: string }]);
    assert.ok(fixed.includes(`${marker}crypto-suite-ignored-automatic -->`), fixed);
    assert.ok(codes(AUTOMATIC).includes('crypto-suite-ignored-automatic'));
    assert.ok(!codes(fixed).includes('crypto-suite-ignored-automatic'), 'the picked id silences the finding');
  });

  it('leaves out ids already written and works in a comment not closed yet, and in the whole-file form', () => {
    const text = `<!-- profilexml-disable weak-crypto, \n${CLEAN_PROFILE}`;
    const ids = labels(complete(text, text.indexOf(', ') + 2));
    assert.ok(ids.length > 20);
    assert.ok(!ids.includes('weak-crypto'));
  });

  it('offers nothing outside suppression comments: other comments, the comment keyword itself, element content', () => {
    const other = `<!-- a note about crypto -->\n${CLEAN_PROFILE}`;
    assert.deepEqual(
      labels(complete(other, other.indexOf('crypto'))).filter((l) => RULES.some((r) => r.id === l)),
      [],
    );
    const keyword = `<!-- profilexml-disable-next\n${CLEAN_PROFILE}`;
    assert.deepEqual(
      labels(complete(keyword, keyword.indexOf('-next') + 5)).filter((l) => RULES.some((r) => r.id === l)),
      [],
    );
    const closed = `<!-- profilexml-disable-next-line weak-crypto -->\n${CLEAN_PROFILE}`;
    assert.deepEqual(
      labels(complete(closed, closed.indexOf('-->') + 3)).filter((l) => RULES.some((r) => r.id === l)),
      [],
    );
  });

  it('offers every rule id in a script comment, but not in a string that looks like one', () => {
    const text = "# aovpn-disable-next-line ps-\nSet-VpnConnection -Name 'x'\n$note = '# aovpn-disable-next-line '\n";
    const ids = labels(complete(text, text.indexOf('ps-') + 3, 'ps'));
    assert.ok(ids.includes('ps-weak-crypto'));
    assert.ok(ids.includes('crypto-suite-ignored-automatic'), 'a script holds ProfileXML too');
    assert.ok(!ids.includes('ps-embedded-profilexml'), 'catalogue entries that are not rules are left out');
    const inString = labels(complete(text, text.lastIndexOf('line ') + 5, 'ps'));
    assert.ok(!inString.includes('ps-weak-crypto'), inString.join(', '));
  });

  it('hover on an id says what the rule catches; on a misspelt id, that it silences nothing', () => {
    const text = `<!-- profilexml-disable-next-line crypto-suite-ignored-automatic, ikev2-default-cryto -->\n${CLEAN_PROFILE}`;
    assert.match(hoverText(text, text.indexOf('crypto-suite') + 4), /\*\*crypto-suite-ignored-automatic\*\*.*error 800/s);
    assert.match(hoverText(text, text.indexOf('cryto') + 2), /not a rule id.*Did you mean `ikev2-default-crypto`\?/s);
    const ps = '# aovpn-disable-next-line ps-weak-crypto\nSet-VpnServerConfiguration -CustomPolicy -DHGroup Group2\n';
    assert.match(hoverText(ps, ps.indexOf('weak') + 1, 'ps'), /\*\*ps-weak-crypto\*\*/);
  });
});
