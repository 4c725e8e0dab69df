import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-types';
import {
  buildVirtualText,
  escapeForLiteral,
  escapeSnippetForLiteral,
  toScriptEdit,
  toScriptOffset,
  toScriptSpan,
  toVirtualOffset,
  touchesExpansion,
  type LiteralSource,
} from '../../server/src/service/powershell/embeddedMap';
import { documentLineIndex } from '../../server/src/service/core/positions';
import { embeddedSuppressionEdit } from '../../server/src/service/powershell/embedded';
import { parsePowerShellDocument } from '../../server/src/service/powershell/document';
import { loadPowerShellParser } from '../../server/src/service/powershell/grammar';
import { nodeWasmSource } from '../../server/src/host/wasm';
import { applyFix, applyTextEdits, CLEAN_PROFILE, doc, powerShellReady, script, service } from '../helpers/service';
import { lint, type PsFound } from '../fixtures/powershell/harness';

// ---- helpers ---------------------------------------------------------------------------------

/** Content span of the first literal that starts with `open` and ends with `close`. */
function source(text: string, quoting: LiteralSource['quoting'], open: string, close: string, expansions: string[] = []): LiteralSource {
  const start = text.indexOf(open) + open.length;
  const end = text.lastIndexOf(close);
  return {
    quoting,
    contentSpan: { start, end },
    expansions: expansions.map((e) => {
      const at = text.indexOf(e, start);
      return { start: at, end: at + e.length };
    }),
  };
}

function profileFindings(text: string): PsFound[] {
  return lint(text).filter((f) => f.source === 'profilexml');
}

/** Quick fixes (not "Disable …") for the first finding of `ruleId` in a script. */
function scriptFixes(text: string, ruleId: string): { title: string; preferred: boolean; edits: TextEdit[] }[] {
  const d = script(text);
  const diagnostic = service.validate(d).find((x) => x.code === ruleId);
  if (!diagnostic) throw new Error(`no ${ruleId} in:\n${text}`);
  return service
    .codeActions(d, diagnostic.range, { diagnostics: [diagnostic], only: ['quickfix'] })
    .filter(
      (a) =>
        a.diagnostics?.some((x) => x.code === ruleId && JSON.stringify(x.range) === JSON.stringify(diagnostic.range)) &&
        !a.title.startsWith('Disable '),
    )
    .map((a) => ({ title: a.title, preferred: !!a.isPreferred, edits: a.edit?.changes?.[d.uri] ?? [] }));
}

function applyScriptFix(text: string, ruleId: string): string {
  const fixes = scriptFixes(text, ruleId);
  const fix = fixes.find((f) => f.preferred) ?? fixes[0];
  if (!fix) throw new Error(`no fix for ${ruleId}`);
  return applyTextEdits(text, fix.edits);
}

/** Line/column (zero-based) of the n-th occurrence of `needle`. */
function where(text: string, needle: string, nth = 0): { line: number; character: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} not in text`);
  return TextDocument.create('file:///x', 'powershell', 0, text).positionAt(at);
}

function rangeOf(text: string, needle: string, nth = 0): string {
  const start = where(text, needle, nth);
  return `${start.line}:${start.character}-${start.line}:${start.character + needle.length}`;
}

const SUITE = CLEAN_PROFILE.slice(
  CLEAN_PROFILE.indexOf('    <CryptographySuite>'),
  CLEAN_PROFILE.indexOf('</CryptographySuite>') + '</CryptographySuite>\n'.length,
);
/** The clean profile with NativeProtocolType Automatic and a CryptographySuite. */
const AUTOMATIC = CLEAN_PROFILE.replace(
  '<NativeProtocolType>IKEv2</NativeProtocolType>',
  '<NativeProtocolType>Automatic</NativeProtocolType>',
);

// ---- mapping layer (hand-built literals, no parser) --------------------------------------------

describe('embeddedMap: virtual text and offsets', () => {
  it("single-quoted: '' is one quote; spans over the escape cover both quotes", () => {
    const text = "$x = '<A v=''1''>it''s</A>'";
    const v = buildVirtualText(text, source(text, 'single', "= '", "'"));
    assert.equal(v.text, "<A v='1'>it's</A>");
    // Offsets after the escape keep their place in the script.
    const sOfS = text.indexOf('s</A>');
    assert.equal(toScriptOffset(v, v.text.indexOf('s</A>')), sOfS);
    assert.equal(toVirtualOffset(v, sOfS), v.text.indexOf('s</A>'));
    const apostrophe = v.text.indexOf("'s");
    assert.deepEqual(toScriptSpan(v, { start: apostrophe, end: apostrophe + 1 }), {
      start: text.indexOf("''s"),
      end: text.indexOf("''s") + 2,
    });
    assert.equal(toVirtualOffset(v, 4), undefined, 'before the content');
  });

  it('single-quoted: typographic quotes double like ASCII ones', () => {
    const text = "'a\u2019\u2019b'";
    const v = buildVirtualText(text, { quoting: 'single', contentSpan: { start: 1, end: text.length - 1 } });
    assert.equal(v.text, 'a\u2019b');
  });

  it('double-quoted: backtick escapes and "" are decoded, expansions stay as text', () => {
    const text = '$x = "<A v=`"1`">$Server `$lit ""q"" `t`u{1F600}</A>"';
    const v = buildVirtualText(text, source(text, 'double', '= "', '"', ['$Server']));
    assert.equal(v.text, '<A v="1">$Server $lit "q" \t\u{1F600}</A>');
    assert.deepEqual(v.expansions, [{ start: v.text.indexOf('$Server'), end: v.text.indexOf('$Server') + 7 }]);
    // The expansion maps 1:1; the `$lit escape covers two script characters.
    assert.equal(toScriptOffset(v, v.text.indexOf('$Server')), text.indexOf('$Server'));
    const lit = v.text.indexOf('$lit');
    assert.deepEqual(toScriptSpan(v, { start: lit, end: lit + 4 }), { start: text.indexOf('`$lit'), end: text.indexOf('`$lit') + 5 });
    // A surrogate pair from `u{…}: half of it maps to the whole escape.
    const emoji = v.text.indexOf('\u{1F600}');
    assert.deepEqual(toScriptSpan(v, { start: emoji + 1, end: emoji + 1 + 1 }), {
      start: text.indexOf('`u{'),
      end: text.indexOf('`u{') + 9,
    });
    assert.equal(toScriptOffset(v, v.text.length), text.length - 1);
  });

  it('double-quoted: markup characters inside $( ) expansions do not reach the XML', () => {
    const text = `"<A>$($x -replace '<','')</A>"`;
    const v = buildVirtualText(text, source(text, 'double', '"', '"', ["$($x -replace '<','')"]));
    assert.equal(v.text, '<A>$($x -replace ___,__)</A>');
    assert.equal(v.text.length, text.length - 2);
  });

  it('@"…"@: backticks decoded, quotes (also "") literal; @\'…\'@ verbatim', () => {
    const text = '@"\n<A v="1" w=""x"">`$a `` $b</A>\n"@';
    const v = buildVirtualText(text, {
      quoting: 'double-here',
      contentSpan: { start: 3, end: text.length - 3 },
      expansions: [{ start: text.indexOf('$b'), end: text.indexOf('$b') + 2 }],
    });
    assert.equal(v.text, '<A v="1" w=""x"">$a ` $b</A>');
    const verbatim = "@'\n<A v='1'>`$a ''</A>\n'@";
    const w = buildVirtualText(verbatim, { quoting: 'single-here', contentSpan: { start: 3, end: verbatim.length - 3 } });
    assert.equal(w.text, "<A v='1'>`$a ''</A>");
    assert.ok(w.segments.every((s) => !s.atomic));
  });

  it('touchesExpansion: overlaps and empty spans at an expansion edge', () => {
    const text = '"<S>$Server</S>"';
    const v = buildVirtualText(text, source(text, 'double', '"', '"', ['$Server']));
    const at = v.text.indexOf('$Server');
    assert.ok(touchesExpansion(v, { start: at, end: at + 7 }));
    assert.ok(touchesExpansion(v, { start: at + 7, end: at + 7 }));
    assert.ok(!touchesExpansion(v, { start: 0, end: at }));
  });
});

describe('embeddedMap: edits re-escaped per quoting', () => {
  it("single-quoted: an inserted ' is written ''", () => {
    const text = "'<A>x</A>'";
    const v = buildVirtualText(text, { quoting: 'single', contentSpan: { start: 1, end: text.length - 1 } });
    const edit = toScriptEdit(text, v, { start: 3, end: 4, newText: "it's" });
    assert.deepEqual(edit, { start: 4, end: 5, newText: "it''s" });
  });

  it('double-quoted: ` $ " get a backtick; a range over an escape replaces the whole escape', () => {
    const text = '"<A>`$x</A>"';
    const v = buildVirtualText(text, { quoting: 'double', contentSpan: { start: 1, end: text.length - 1 } });
    assert.equal(v.text, '<A>$x</A>');
    const edit = toScriptEdit(text, v, { start: 3, end: 5, newText: 'a"$b`c' });
    assert.deepEqual(edit, { start: 4, end: 7, newText: 'a`"`$b``c' });
    assert.equal(escapeForLiteral('double', 'x\ny'), 'x\ny');
    assert.equal(escapeForLiteral('double', 'x\ny', true), 'x`ny');
  });

  it('double-quoted written with `r`n: inserted line breaks use the same escapes', () => {
    const text = '"<A>`r`n<B/>`r`n</A>"';
    const v = buildVirtualText(text, { quoting: 'double', contentSpan: { start: 1, end: text.length - 1 } });
    const edit = toScriptEdit(text, v, { start: 3, end: 3, newText: '\r\n<C/>' });
    assert.equal(edit?.newText, '`r`n<C/>');
  });

  it('double-quoted: refuses to glue a literal $ to a name, and to touch an expansion', () => {
    const text = '"<A>cost $</A><B>$v</B>"';
    const v = buildVirtualText(text, {
      quoting: 'double',
      contentSpan: { start: 1, end: text.length - 1 },
      expansions: [{ start: text.indexOf('$v'), end: text.indexOf('$v') + 2 }],
    });
    const dollar = v.text.indexOf('$<');
    assert.equal(toScriptEdit(text, v, { start: dollar + 1, end: dollar + 1, newText: 'x' }), undefined);
    assert.ok(toScriptEdit(text, v, { start: dollar + 1, end: dollar + 1, newText: ' x' }));
    const exp = v.text.indexOf('$v');
    assert.equal(toScriptEdit(text, v, { start: exp, end: exp + 2, newText: 'vpn' }), undefined);
    assert.equal(toScriptEdit(text, v, { start: exp + 2, end: exp + 2, newText: 'x' }), undefined);
  });

  it('@"…"@: $ and ` escaped, " kept; a surrogate pair is never split', () => {
    const text = '@"\n<A>`u{1F600}</A>\n"@';
    const v = buildVirtualText(text, { quoting: 'double-here', contentSpan: { start: 3, end: text.length - 3 } });
    assert.deepEqual(toScriptEdit(text, v, { start: 3, end: 3, newText: '"$' }), { start: 6, end: 6, newText: '"`$' });
    assert.equal(toScriptEdit(text, v, { start: 4, end: 4, newText: 'x' }), undefined);
  });

  it('here-strings: an edit that would start a line with \'@ (or "@) is refused', () => {
    const text = "@'\n<A>x</A>\n'@";
    const v = buildVirtualText(text, { quoting: 'single-here', contentSpan: { start: 3, end: text.length - 3 } });
    assert.equal(toScriptEdit(text, v, { start: 4, end: 5, newText: "x\n'@ oops" }), undefined);
    assert.equal(toScriptEdit(text, v, { start: 0, end: 0, newText: "'@" }), undefined);
    assert.deepEqual(toScriptEdit(text, v, { start: 4, end: 5, newText: "'@ is fine mid-line" }), {
      start: 7,
      end: 8,
      newText: "'@ is fine mid-line",
    });
    assert.deepEqual(toScriptEdit(text, v, { start: 4, end: 5, newText: 'x\n"@ other quote' }), {
      start: 7,
      end: 8,
      newText: 'x\n"@ other quote',
    });
    const dq = '@"\n<A>x</A>\n"@';
    const w = buildVirtualText(dq, { quoting: 'double-here', contentSpan: { start: 3, end: dq.length - 3 } });
    assert.equal(toScriptEdit(dq, w, { start: 4, end: 5, newText: 'x\n"@' }), undefined);
  });

  it('snippets keep their syntax while the literal text is escaped', () => {
    assert.equal(escapeSnippetForLiteral('double', '<A x="${1:v}">$0</A>'), '<A x=`"${1:v}`">$0</A>');
    assert.equal(escapeSnippetForLiteral('double', 'cost \\$5'), 'cost `\\$5');
    assert.equal(escapeSnippetForLiteral('single', "<A>${1:it's}</A>"), "<A>${1:it''s}</A>");
    assert.equal(escapeSnippetForLiteral('single-here', '<A>${1}</A>'), '<A>${1}</A>');
  });

  it('lineIndex agrees with TextDocument on \\n, \\r\\n and \\r', () => {
    const text = 'a\r\nbc\rd\ne';
    const index = documentLineIndex(text);
    const d = TextDocument.create('file:///x', 'powershell', 0, text);
    for (let o = 0; o <= text.length; o++) {
      assert.deepEqual(index.positionAt(o), d.positionAt(o), `offset ${o}`);
      assert.equal(index.offsetAt(d.positionAt(o)), d.offsetAt(d.positionAt(o)));
    }
    assert.equal(index.offsetAt({ line: 0, character: 99 }), d.offsetAt({ line: 0, character: 99 }));
    assert.equal(index.offsetAt({ line: 9, character: 0 }), text.length);
  });
});

// ---- through the language service ------------------------------------------------------------

describe('embedded ProfileXML in scripts', () => {
  before(() => powerShellReady);

  describe("here-string @'…'@", () => {
    const text = `# deploy\n$ProfileXML = @'\n${AUTOMATIC}'@\n\nNew-CimInstance -Namespace 'root\\cimv2\\mdm\\dmmap' -ClassName 'MDM_VPNv2_01'\n`;

    it('reports crypto-suite-ignored-automatic with source profilexml on the script position of Automatic', () => {
      const f = profileFindings(text);
      assert.deepEqual(
        f.map((x) => x.code),
        ['crypto-suite-ignored-automatic'],
      );
      assert.equal(f[0].source, 'profilexml');
      assert.equal(f[0].text, 'Automatic');
      assert.equal(f[0].range, rangeOf(text, 'Automatic'));
      assert.match(f[0].message, /CryptographySuite/);
    });

    it('the quick fix edits only the XML', () => {
      const fixed = applyScriptFix(text, 'crypto-suite-ignored-automatic');
      assert.equal(
        fixed,
        `# deploy\n$ProfileXML = @'\n${CLEAN_PROFILE}'@\n\nNew-CimInstance -Namespace 'root\\cimv2\\mdm\\dmmap' -ClassName 'MDM_VPNv2_01'\n`,
      );
      assert.deepEqual(profileFindings(fixed), []);
    });

    it('fix-all fixes the embedded profile too', () => {
      const d = script(text);
      assert.equal(applyTextEdits(text, service.fixAll(d)), text.replace('>Automatic<', '>IKEv2<'));
    });

    it('keeps CRLF scripts exact', () => {
      const crlf = text.replace(/\n/g, '\r\n');
      const [f] = profileFindings(crlf);
      assert.equal(f.range, rangeOf(crlf, 'Automatic'));
      assert.equal(applyScriptFix(crlf, 'crypto-suite-ignored-automatic'), crlf.replace('>Automatic<', '>IKEv2<'));
    });

    it('XML suppression comments inside the string apply', () => {
      const suppressed = text.replace(
        '    <NativeProtocolType>',
        '    <!-- profilexml-disable-next-line crypto-suite-ignored-automatic -->\n    <NativeProtocolType>',
      );
      assert.deepEqual(profileFindings(suppressed), []);
    });
  });

  describe("single-quoted '…' with '' escapes", () => {
    const oneLine =
      "$ProfileXML = '<VPNProfile><DnsSuffix>o''brien.example.com</DnsSuffix><NativeProfile><Servers>vpn.example.com;vpn.example.com</Servers><RoutingPolicyType>SplitTunnel</RoutingPolicyType><NativeProtocolType>Automatic</NativeProtocolType>" +
      SUITE.replace(/\n\s*/g, '').trim() +
      "<DisableClassBasedDefaultRoute>true</DisableClassBasedDefaultRoute><Authentication><MachineMethod>Certificate</MachineMethod></Authentication></NativeProfile><Route><Address>10.0.0.0</Address><PrefixSize>8</PrefixSize></Route></VPNProfile>'\n";

    it('keeps exact columns after the escape', () => {
      const f = profileFindings(oneLine).filter((x) => x.code === 'crypto-suite-ignored-automatic');
      assert.equal(f.length, 1);
      assert.equal(f[0].range, rangeOf(oneLine, 'Automatic'));
      assert.equal(f[0].text, 'Automatic');
    });

    it("re-escapes a moved element whose text holds ' (misplaced-element)", () => {
      const text = [
        "$ProfileXML = '<VPNProfile>",
        '  <AlwaysOn>true</AlwaysOn>',
        '  <NativeProfile>',
        "    <DnsSuffix>o''brien.example.com</DnsSuffix>",
        '    <Servers>vpn.example.com;vpn.example.com</Servers>',
        '  </NativeProfile>',
        "</VPNProfile>'",
        '',
      ].join('\n');
      const f = profileFindings(text).find((x) => x.code === 'misplaced-element');
      assert.ok(f);
      assert.equal(f.range, rangeOf(text, 'DnsSuffix'));
      const fixed = applyScriptFix(text, 'misplaced-element');
      assert.equal(
        fixed,
        [
          "$ProfileXML = '<VPNProfile>",
          '  <AlwaysOn>true</AlwaysOn>',
          "  <DnsSuffix>o''brien.example.com</DnsSuffix>",
          '  <NativeProfile>',
          '    <Servers>vpn.example.com;vpn.example.com</Servers>',
          '  </NativeProfile>',
          "</VPNProfile>'",
          '',
        ].join('\n'),
      );
    });
  });

  describe('double-quoted here-string @"…"@ with $variables', () => {
    const xml = AUTOMATIC.replace('vpn.example.com;vpn.example.com', '$Server');
    const text = `$Server = 'vpn.example.com'\n$ProfileXML = @"\n${xml}"@\n`;

    it('reports nothing on the runtime value but keeps the other findings', () => {
      const standalone = service.validate(doc(xml)).map((x) => String(x.code));
      assert.deepEqual(
        standalone.filter((c) => c === 'placeholder-value' || c === 'invalid-server-list'),
        ['placeholder-value'],
        'the XML alone has placeholder-value on $Server (and no invalid-server-list beside it)',
      );
      const f = profileFindings(text);
      assert.deepEqual(
        f.map((x) => x.code),
        ['crypto-suite-ignored-automatic'],
      );
      assert.equal(f[0].range, rangeOf(text, 'Automatic'));
    });

    it('keeps a finding whose fix would rewrite an expansion, without that fix', () => {
      const moved = [
        '$ProfileXML = @"',
        '<VPNProfile>',
        '  <AlwaysOn>true</AlwaysOn>',
        '  <NativeProfile>',
        '    <DnsSuffix>$Suffix</DnsSuffix>',
        '    <Servers>vpn.example.com;vpn.example.com</Servers>',
        '  </NativeProfile>',
        '</VPNProfile>',
        '"@',
        '',
      ].join('\n');
      const f = profileFindings(moved).filter((x) => x.code === 'misplaced-element');
      assert.equal(f.length, 1);
      assert.equal(f[0].range, rangeOf(moved, 'DnsSuffix'));
      assert.deepEqual(scriptFixes(moved, 'misplaced-element'), []);
      // The same element with a literal value can be moved.
      assert.equal(scriptFixes(moved.replace('$Suffix', 'corp.example.com'), 'misplaced-element').length, 1);
    });

    it('a fix inserting XML with quotes writes them as they are (quotes are literal in @"…"@)', () => {
      const eapXml = xml.replace('<MachineMethod>Certificate</MachineMethod>', '<UserMethod>EAP</UserMethod>');
      const eap = `$Server = 'vpn.example.com'\n$ProfileXML = @"\n${eapXml}"@\n`;
      const fixedXml = applyFix(eapXml, 'eap-configuration-missing');
      assert.match(fixedXml, /xmlns="/);
      assert.equal(applyScriptFix(eap, 'eap-configuration-missing'), `$Server = 'vpn.example.com'\n$ProfileXML = @"\n${fixedXml}"@\n`);
    });
  });

  describe('double-quoted "…" with backtick escapes', () => {
    const xml = AUTOMATIC.replace(
      '<AlwaysOn>true</AlwaysOn>',
      '<AlwaysOn>true</AlwaysOn>\n  <!-- built by `"deploy`" on $env:COMPUTERNAME -->',
    );
    const text = `$x = "${xml}"\n`;

    it('columns after `" stay exact, and the fix keeps the escapes', () => {
      const [f] = profileFindings(text);
      assert.equal(f.code, 'crypto-suite-ignored-automatic');
      assert.equal(f.range, rangeOf(text, 'Automatic'));
      assert.equal(applyScriptFix(text, 'crypto-suite-ignored-automatic'), text.replace('>Automatic<', '>IKEv2<'));
    });

    it('a fix inserting XML with quotes escapes them as `"', () => {
      const eapXml = CLEAN_PROFILE.replace('<MachineMethod>Certificate</MachineMethod>', '<UserMethod>EAP</UserMethod>');
      const fixedXml = applyFix(eapXml, 'eap-configuration-missing');
      assert.match(fixedXml, /xmlns="/);
      const fixed = applyScriptFix(`$x = "${eapXml}"\n`, 'eap-configuration-missing');
      assert.equal(fixed, `$x = "${fixedXml.replace(/"/g, '`"')}"\n`);
      // The escaped XML reads back exactly as the standalone fixed XML (placeholder thumbprints included).
      assert.deepEqual(
        profileFindings(fixed).map((f) => f.code),
        service.validate(doc(fixedXml)).map((d) => String(d.code)),
      );
      assert.ok(!profileFindings(fixed).some((f) => f.code === 'eap-configuration-missing'));
    });

    it('a "" inside the string is one quote in the XML', () => {
      const quoted = `$x = "<VPNProfile><NativeProfile><Servers a=""1"">vpn.example.com</Servers><NativeProtocolType>Automatic</NativeProtocolType>${SUITE.replace(/\n\s*/g, '').trim()}</NativeProfile></VPNProfile>"`;
      const f = profileFindings(quoted).find((x) => x.code === 'crypto-suite-ignored-automatic');
      assert.ok(f);
      assert.equal(f.range, rangeOf(quoted, 'Automatic'));
    });
  });

  describe('not embedded profiles', () => {
    it('a concatenated partial profile produces nothing and no crash', () => {
      const text = [
        '$ProfileXML = \'<VPNProfile>\' + "`n"',
        "$ProfileXML += '<NativeProfile><NativeProtocolType>Automatic</NativeProtocolType>'",
        "$ProfileXML += '<Servers>' + $Server + '</Servers></NativeProfile>'",
        "$ProfileXML += '</VPNProfile>'",
        '',
      ].join('\n');
      assert.deepEqual(profileFindings(text), []);
      const d = script(text);
      assert.doesNotThrow(() => service.hover(d, where(text, 'NativeProfile')));
    });

    it('a script without a profile produces no profilexml findings', () => {
      const text = "Add-VpnConnection -Name 'Corp' -ServerAddress 'vpn.example.com' -TunnelType Ikev2\n$s = \"<not a profile>\"\n";
      assert.deepEqual(profileFindings(text), []);
    });

    it('a string that merely mentions VPNProfile is not a profile', () => {
      assert.deepEqual(profileFindings("Write-Host 'Removing <VPNProfile> leftovers'\n"), []);
    });
  });

  describe('completion and hover', () => {
    it('completes ProfileXML elements after < inside a here-string, with script ranges', () => {
      const text = "$ProfileXML = @'\n<VPNProfile>\n  <\n</VPNProfile>\n'@\n";
      const position = where(text, '<\n</VPN');
      position.character += 1;
      const list = service.complete(script(text), position);
      const labels = list.items.map((i) => i.label);
      assert.ok(labels.includes('NativeProfile'), labels.join(','));
      assert.ok(labels.includes('AlwaysOn'));
      const item = list.items.find((i) => i.label === 'AlwaysOn')!;
      assert.ok(item.textEdit && 'range' in item.textEdit);
      assert.deepEqual(item.textEdit.range, { start: position, end: position });
    });

    it('completes in a here-string whose footer is not written yet', () => {
      const text =
        "$Server = 'vpn.example.com'\n$ProfileXML = @\"\n<VPNProfile>\n  <NativeProfile>\n    <Servers>$Server</Servers>\n    <NativeProtocolType>";
      const end = TextDocument.create('file:///x', 'powershell', 0, text).positionAt(text.length);
      const values = service.complete(script(text), { line: end.line, character: end.character });
      assert.ok(
        values.items.some((i) => i.label === 'IKEv2'),
        values.items.map((i) => i.label).join(','),
      );
      const item = values.items.find((i) => i.label === 'IKEv2')!;
      assert.ok(item.textEdit && 'range' in item.textEdit);
      assert.deepEqual(item.textEdit.range, { start: end, end });
      // The variable is PowerShell's: no ProfileXML answer on it.
      const variable = where(text, '$Server', 1);
      assert.equal(service.hover(script(text), { line: variable.line, character: variable.character + 2 }), null);
    });

    it("completes in a half-typed profile (no closing tag yet) after a '' escape", () => {
      const text = "$ProfileXML = '<VPNProfile><DnsSuffix>o''brien</DnsSuffix><NativeProfile><NativeProtocolType>Ik";
      const position = where(text, 'Ik');
      position.character += 2;
      const list = service.complete(script(text + "'\n"), position);
      const item = list.items.find((i) => i.label === 'IKEv2');
      assert.ok(item, list.items.map((i) => i.label).join(','));
      assert.ok(item.textEdit && 'range' in item.textEdit);
      const start = where(text, 'Ik');
      assert.deepEqual(item.textEdit.range, { start, end: position });
    });

    it('completion outside the profile is not the ProfileXML one', () => {
      const text = "$ProfileXML = @'\n<VPNProfile>\n</VPNProfile>\n'@\n";
      const list = service.complete(script(text), { line: 0, character: 3 });
      assert.ok(!list.items.some((i) => i.label === 'NativeProfile'));
    });

    it('hover over an element name returns the element doc with a script range', () => {
      const text = `$ProfileXML = @'\n${CLEAN_PROFILE}'@\n`;
      const position = where(text, 'NativeProtocolType');
      const hover = service.hover(script(text), { line: position.line, character: position.character + 3 });
      assert.ok(hover);
      const value = typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
      assert.match(value, /NativeProtocolType/);
      assert.deepEqual(hover.range, {
        start: position,
        end: { line: position.line, character: position.character + 'NativeProtocolType'.length },
      });
    });

    it('no ProfileXML hover on a $variable inside the profile', () => {
      const text = `$ProfileXML = @"\n${CLEAN_PROFILE.replace('<AlwaysOn>true<', '<AlwaysOn>$On<')}"@\n`;
      const position = where(text, '$On');
      const hover = service.hover(script(text), { line: position.line, character: position.character + 1 });
      assert.equal(hover, null);
    });
  });

  describe('suppression edit for embedded findings', () => {
    it('a single-line string gets a PowerShell comment above the statement', async () => {
      const parser = await loadPowerShellParser(nodeWasmSource());
      const text = `  $x = '${AUTOMATIC.replace(/\n\s*/g, '')}'\n`;
      const d = parsePowerShellDocument(parser, text);
      const at = text.indexOf('Automatic');
      const edit = embeddedSuppressionEdit(d, { ruleId: 'crypto-suite-ignored-automatic', span: { start: at, end: at + 9 }, message: '' });
      assert.deepEqual(edit, { start: 0, end: 0, newText: '  # aovpn-disable-next-line crypto-suite-ignored-automatic\n' });
    });

    it('a here-string line gets an XML comment inside the string', async () => {
      const parser = await loadPowerShellParser(nodeWasmSource());
      const text = `$x = @'\n${AUTOMATIC}'@\n`;
      const d = parsePowerShellDocument(parser, text);
      const at = text.indexOf('Automatic');
      const edit = embeddedSuppressionEdit(d, { ruleId: 'crypto-suite-ignored-automatic', span: { start: at, end: at + 9 }, message: '' });
      assert.ok(edit);
      const suppressed = text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
      assert.equal(
        suppressed,
        text.replace(
          '    <NativeProtocolType>',
          '    <!-- profilexml-disable-next-line crypto-suite-ignored-automatic -->\n    <NativeProtocolType>',
        ),
      );
      assert.deepEqual(profileFindings(suppressed), []);
    });
  });
});

// Regression found by the safe-edit property test (test/corpus/fixRoundtrip.test.ts).
describe("fixes in double-quoted strings keep the string's own quote escapes", () => {
  it('escapes a quote by doubling it where the string does', () => {
    assert.equal(escapeForLiteral('double', 'say "on" for $x', false, true), 'say ""on"" for `$x');
    assert.equal(escapeForLiteral('double', 'say "on"'), 'say `"on`"');
  });
  it('a comment moved by a fix comes back byte for byte ("" stays "", not `")', async () => {
    await powerShellReady;
    const xml = CLEAN_PROFILE.replace('  <AlwaysOn>true</AlwaysOn>\n', '').replace(
      '</VPNProfile>',
      '  <AlwaysOn>true</AlwaysOn> <!-- say "on" -->\n</VPNProfile>',
    );
    const text = `$ProfileXML = "${xml.replace(/"/g, '""')}"\n`;
    const d = script(text);
    const settings = { deployment: 'intune' as const };
    const diagnostic = service.validate(d, settings).find((x) => x.code === 'intune-element-order')!;
    const action = service
      .codeActions(d, diagnostic.range, { diagnostics: [diagnostic], only: ['quickfix'] }, settings)
      .find((a) => a.title.startsWith('Reorder'))!;
    const fixed = applyTextEdits(text, action.edit!.changes![d.uri]);
    assert.ok(fixed.includes('<AlwaysOn>true</AlwaysOn> <!-- say ""on"" -->'), fixed);
    assert.ok(!fixed.includes('`"'), fixed);
  });
});
