import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CompletionItemKind, CompletionItemTag, InsertTextFormat, type CompletionItem, type TextEdit } from 'vscode-languageserver-types';
import { schemaIndex } from '../../server/src/service/languageService';
import type { Settings } from '../../server/src/service/settings';
import { CLEAN_PROFILE, doc, service } from '../helpers/service';

/** Completion at the `|` marker (the marker is removed from the text). */
function complete(marked: string, settings?: Partial<Settings>): { items: CompletionItem[]; document: TextDocument } {
  const offset = marked.indexOf('|');
  assert.ok(offset >= 0, 'test text needs a | cursor marker');
  const document = doc(marked.slice(0, offset) + marked.slice(offset + 1));
  return { items: service.complete(document, document.positionAt(offset), settings).items, document };
}

const labels = (marked: string, settings?: Partial<Settings>): string[] => complete(marked, settings).items.map((i) => i.label);
/** Element names only (the block snippets offered next to them are tested on their own below). */
const isSnippet = (i: CompletionItem): boolean => i.kind === CompletionItemKind.Snippet;
const elementLabels = (marked: string): string[] =>
  complete(marked)
    .items.filter((i) => !isSnippet(i))
    .map((i) => i.label);

function item(marked: string, label: string, settings?: Partial<Settings>): { item: CompletionItem; document: TextDocument } {
  const { items, document } = complete(marked, settings);
  const found = items.find((i) => i.label === label);
  assert.ok(found, `no completion "${label}" among: ${items.map((i) => i.label).join(', ')}`);
  return { item: found, document };
}

function edit(i: CompletionItem): TextEdit {
  assert.ok(i.textEdit && 'range' in i.textEdit, 'item has a textEdit with a range');
  return i.textEdit;
}

/** The document after accepting the item (snippet syntax left as is). */
function accept(marked: string, label: string): string {
  const { item: i, document } = item(marked, label);
  return TextDocument.applyEdits(document, [edit(i), ...(i.additionalTextEdits ?? [])]);
}

const schema = schemaIndex();
const def = (path: string) => {
  const d = schema.byPath.get(path);
  assert.ok(d, `schema has ${path}`);
  return d;
};
const childNames = (path: string): string[] => (def(path).children ?? []).map((c) => c.name);
const bySortText = (items: CompletionItem[]): string[] =>
  [...items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? '')).map((i) => i.label);
const docText = (i: CompletionItem): string => (typeof i.documentation === 'string' ? i.documentation : (i.documentation?.value ?? ''));

describe('completion of element names', () => {
  it('offers the root children in schema order after < in VPNProfile', () => {
    const marked = '<VPNProfile>\n  <|\n</VPNProfile>';
    const { items } = complete(marked);
    assert.deepEqual(bySortText(items.filter((i) => !isSnippet(i))), childNames('VPNProfile'));
    const always = items.find((i) => i.label === 'AlwaysOn')!;
    assert.equal(always.insertTextFormat, InsertTextFormat.Snippet);
    assert.equal(edit(always).newText, 'AlwaysOn>${1|true,false|}</AlwaysOn>$0');
    assert.match(docText(always), new RegExp(def('VPNProfile/AlwaysOn').doc.slice(0, 30).replace(/[()]/g, '.')));
  });

  it('inserts the schema snippet for containers, without repeating the typed <', () => {
    const text = accept('<VPNProfile>\n  <|\n</VPNProfile>', 'Route');
    assert.ok(text.startsWith('<VPNProfile>\n  <Route>\n  <Address>${1:10.0.0.0}</Address>'), text);
    assert.ok(!text.includes('<<'));
  });

  it('documents each element: doc, value type, default, minimum Windows and source', () => {
    const { item: i } = item('<VPNProfile>\n  <|\n</VPNProfile>', 'DisableDisconnectButton', { targetWindows: 'win10-1709' });
    const markdown = docText(i);
    assert.ok(markdown.includes(def('VPNProfile/DisableDisconnectButton').doc));
    assert.match(
      markdown,
      /Minimum Windows:\*\* Windows 11, version 21H2 \(10\.0\.22000\), newer than your target Windows 10, version 1709/,
    );
    assert.match(markdown, /When absent:\*\* `false`/);
    assert.match(i.detail ?? '', /needs Windows 11/);
    assert.match(
      markdown,
      /Sources: \[VPNv2 DDF file\]\(https:\/\/learn\.microsoft\.com\/windows\/client-management\/mdm\/vpnv2-ddf-file\)/,
    );
  });

  it('offers only VPNProfile at the top of an empty document, and nothing once a root exists', () => {
    assert.deepEqual(elementLabels('<|'), ['VPNProfile']);
    assert.deepEqual(elementLabels('<?xml version="1.0"?>\n<VPN|'), ['VPNProfile']);
    assert.deepEqual(labels('<VPNProfile>\n</VPNProfile>\n<|'), []);
  });

  it('offers NativeProfile children inside NativeProfile and leaves out the ones present', () => {
    const found = elementLabels(
      '<VPNProfile>\n  <NativeProfile>\n    <Servers>vpn.example.net</Servers>\n    <|\n  </NativeProfile>\n</VPNProfile>',
    );
    assert.deepEqual(
      found,
      childNames('VPNProfile/NativeProfile').filter((n) => n !== 'Servers'),
    );
    assert.ok(!found.includes('AlwaysOn'), 'no root elements inside NativeProfile');
  });

  it('does not offer CryptographySuite children that are already there', () => {
    const marked = CLEAN_PROFILE.replace('      <DHGroup>Group14</DHGroup>\n', '      <|\n').replace(
      '      <PfsGroup>PFS2048</PfsGroup>\n',
      '',
    );
    assert.deepEqual(labels(marked).sort(), ['DHGroup', 'PfsGroup']);
  });

  it('offers Route again (unbounded) but not NativeProfile (at most once)', () => {
    const found = labels(CLEAN_PROFILE.replace('</VPNProfile>', '  <|\n</VPNProfile>'));
    assert.ok(found.includes('Route'));
    assert.ok(found.includes('DomainNameInformation'));
    assert.ok(!found.includes('NativeProfile'));
    assert.ok(!found.includes('AlwaysOn'));
    assert.ok(!found.includes('DnsSuffix'));
  });

  it('still offers an element whose single occurrence is the one being edited', () => {
    const found = labels(CLEAN_PROFILE.replace('<AlwaysOn>', '<Always|On>'));
    assert.ok(found.includes('AlwaysOn'));
    assert.ok(!found.includes('DnsSuffix'));
  });

  it('replaces a half-typed name', () => {
    const marked = '<VPNProfile>\n  <NativeProfile>\n    <Nat|\n  </NativeProfile>\n</VPNProfile>';
    const { item: i, document } = item(marked, 'NativeProtocolType');
    assert.equal(document.getText(edit(i).range), 'Nat');
    assert.equal(i.filterText, 'NativeProtocolType');
    assert.equal(
      accept(marked, 'NativeProtocolType'),
      '<VPNProfile>\n  <NativeProfile>\n    <NativeProtocolType>${1|IKEv2,Automatic,SSTP,ProtocolList,PPTP,L2TP|}</NativeProtocolType>$0\n  </NativeProfile>\n</VPNProfile>',
    );
  });

  it('replaces the whole name when the cursor is inside it', () => {
    const { item: i, document } = item('<VPNProfile>\n  <Nat|Prof\n</VPNProfile>', 'NativeProfile');
    assert.equal(document.getText(edit(i).range), 'NatProf');
  });

  it('renames both tags when the name of a complete element is edited', () => {
    assert.equal(
      accept('<VPNProfile>\n  <Dns|Suff>corp.example.net</DnsSuff>\n</VPNProfile>', 'DnsSuffix'),
      '<VPNProfile>\n  <DnsSuffix>corp.example.net</DnsSuffix>\n</VPNProfile>',
    );
  });

  it('works in a broken document with the end tags missing after the cursor', () => {
    const found = labels('<VPNProfile>\n  <NativeProfile>\n    <RoutingPolicyType>SplitTunnel</RoutingPolicyType>\n    <|');
    assert.ok(found.includes('Servers'));
    assert.ok(found.includes('Authentication'));
    assert.ok(!found.includes('RoutingPolicyType'));
    assert.ok(!found.includes('Route'));
  });

  it('works in a broken document with end tags missing before the cursor (indentation decides)', () => {
    const broken =
      '<VPNProfile>\n  <NativeProfile>\n    <Servers>vpn.example.net</Servers>\n    <CryptographySuite>\n      <DHGroup>Group14</DHGroup>\n';
    const atRoot = labels(`${broken}  <|\n</VPNProfile>`);
    assert.ok(atRoot.includes('Route'));
    assert.ok(!atRoot.includes('DHGroup'));
    assert.ok(!atRoot.includes('NativeProfile'), 'NativeProfile is already present');
    const inSuite = labels(`${broken}      <|\n</VPNProfile>`);
    assert.ok(inSuite.includes('PfsGroup'));
    assert.ok(!inSuite.includes('DHGroup'));
    const inNative = labels(`${broken}    <|\n</VPNProfile>`);
    assert.ok(inNative.includes('Authentication'));
    assert.ok(!inNative.includes('Servers'));
  });

  it('offers child elements with full tags in the empty content of a container', () => {
    const marked = '<VPNProfile>\n  <Route>\n    |\n  </Route>\n</VPNProfile>';
    assert.deepEqual(labels(marked), childNames('VPNProfile/Route'));
    assert.equal(accept(marked, 'PrefixSize'), '<VPNProfile>\n  <Route>\n    <PrefixSize>$1</PrefixSize>$0\n  </Route>\n</VPNProfile>');
    assert.deepEqual(labels('<VPNProfile>\n  <Route>\n    <Address>10.0.0.0</Address>\n    Pre|\n  </Route>\n</VPNProfile>'), [
      'PrefixSize',
      'ExclusionRoute',
      'Metric',
    ]);
  });
});

describe('completion leaves out read-only nodes (Microsoft VPNv2 CSP: Get only)', () => {
  it('does not offer DomainNameType in DomainNameInformation, nor Type in App', () => {
    const nrpt = labels('<VPNProfile>\n  <DomainNameInformation>\n    <|\n  </DomainNameInformation>\n</VPNProfile>');
    assert.ok(nrpt.includes('DomainName') && nrpt.includes('DnsServers'), nrpt.join(', '));
    assert.ok(!nrpt.includes('DomainNameType'));
    assert.deepEqual(labels('<VPNProfile>\n  <TrafficFilter>\n    <App>\n      <|\n    </App>\n  </TrafficFilter>\n</VPNProfile>'), ['Id']);
    assert.deepEqual(labels('<VPNProfile>\n  <AppTrigger>\n    <App>\n      <|\n    </App>\n  </AppTrigger>\n</VPNProfile>'), ['Id']);
  });
});

describe('completion of authentication methods', () => {
  const auth = (inner: string): string =>
    `<VPNProfile>\n  <NativeProfile>\n    <Authentication>\n      ${inner}\n    </Authentication>\n  </NativeProfile>\n</VPNProfile>`;
  it("offers MachineMethod EAP marked as not in Microsoft's documented list, with the spellings that work", () => {
    const { item: eap } = item(auth('<MachineMethod>|</MachineMethod>'), 'EAP');
    assert.match(eap.detail ?? '', /not in Microsoft's documented list/);
    assert.match(docText(eap), /lists only Certificate for MachineMethod/);
    assert.match(docText(eap), /Microsoft's examples write `Eap`/);
    const { item: cert } = item(auth('<MachineMethod>|</MachineMethod>'), 'Certificate');
    assert.doesNotMatch(cert.detail ?? '', /documented/);
  });
  it('offers UserMethod EAP as documented, mentioning the Eap spelling of the examples', () => {
    const { item: eap } = item(auth('<UserMethod>|</UserMethod>'), 'EAP');
    assert.doesNotMatch(eap.detail ?? '', /documented/);
    assert.match(docText(eap), /Microsoft's examples write `Eap`/);
  });
});

describe('completion of values', () => {
  const PROTOCOL = '<VPNProfile>\n  <NativeProfile>\n    <NativeProtocolType>|</NativeProtocolType>\n  </NativeProfile>\n</VPNProfile>';

  it('offers the NativeProtocolType values in their exact spellings, each documented', () => {
    const { items } = complete(PROTOCOL);
    assert.deepEqual(items.map((i) => i.label).sort(), ['Automatic', 'IKEv2', 'L2TP', 'PPTP', 'ProtocolList', 'SSTP']);
    const values = def('VPNProfile/NativeProfile/NativeProtocolType').values!;
    for (const i of items) {
      const value = values.find((v) => v.value === i.label)!;
      assert.ok(docText(i).includes(value.doc), `${i.label} carries its own doc`);
      assert.ok(docText(i).includes('Tunnel protocol') || docText(i).includes(def('VPNProfile/NativeProfile/NativeProtocolType').doc));
    }
  });

  it('marks PPTP and L2TP deprecated and sorts them last', () => {
    const { items } = complete(PROTOCOL);
    const pptp = items.find((i) => i.label === 'PPTP')!;
    assert.deepEqual(pptp.tags, [CompletionItemTag.Deprecated]);
    assert.equal(items.find((i) => i.label === 'IKEv2')!.tags, undefined);
    assert.deepEqual(bySortText(items).slice(-2), ['PPTP', 'L2TP']);
    assert.equal(bySortText(items)[0], 'IKEv2');
  });

  it('annotates values that need a newer Windows than the target', () => {
    const { items } = complete(PROTOCOL, { targetWindows: 'win10-1709' });
    const sstp = items.find((i) => i.label === 'SSTP')!;
    assert.match(sstp.detail ?? '', /Windows 11, version 21H2.*target is Windows 10, version 1709/);
    assert.ok(bySortText(items).indexOf('SSTP') > bySortText(items).indexOf('Automatic'));
    const current = complete(PROTOCOL, { targetWindows: 'win11-24h2' }).items.find((i) => i.label === 'SSTP')!;
    assert.doesNotMatch(current.detail ?? '', /target/);
  });

  it('replaces a partly typed value, also when the end tag is missing', () => {
    const { item: i, document } = item(
      '<VPNProfile>\n  <NativeProfile>\n    <NativeProtocolType>IK|\n  </NativeProfile>\n</VPNProfile>',
      'IKEv2',
    );
    assert.equal(document.getText(edit(i).range), 'IK');
    assert.equal(edit(i).newText, 'IKEv2');
  });

  it('offers true and false for booleans', () => {
    assert.deepEqual(labels('<VPNProfile>\n  <AlwaysOn>|</AlwaysOn>\n</VPNProfile>'), ['true', 'false']);
    const { item: i, document } = item('<VPNProfile>\n  <DeviceTunnel>Tr|</DeviceTunnel>\n</VPNProfile>', 'true');
    assert.equal(document.getText(edit(i).range), 'Tr');
    assert.match(docText(i), /DeviceTunnel/);
    assert.equal(item('<VPNProfile>\n  <DeviceTunnel>|</DeviceTunnel>\n</VPNProfile>', 'false').item.detail, 'default');
  });

  it('offers nothing in free-text values', () => {
    assert.deepEqual(labels('<VPNProfile>\n  <DnsSuffix>corp|</DnsSuffix>\n</VPNProfile>'), []);
    assert.deepEqual(labels('<VPNProfile>\n  <NativeProfile>\n    <Servers>|</Servers>\n  </NativeProfile>\n</VPNProfile>'), []);
  });
});

describe('completion of end tags', () => {
  it('closes the open element after </', () => {
    const marked = '<VPNProfile>\n  <Route>\n    <Address>10.0.0.0</Address>\n  </|';
    const { items } = complete(marked);
    assert.deepEqual(
      items.map((i) => i.label),
      ['/Route'],
    );
    assert.equal(accept(marked, '/Route'), '<VPNProfile>\n  <Route>\n    <Address>10.0.0.0</Address>\n  </Route>');
  });

  it('completes a partly typed end tag name, keeping an existing >', () => {
    assert.equal(
      accept('<VPNProfile>\n  <NativeProfile>\n  </Nat|>\n</VPNProfile>', '/NativeProfile'),
      '<VPNProfile>\n  <NativeProfile>\n  </NativeProfile>\n</VPNProfile>',
    );
  });

  it('closes the innermost unclosed element by indentation', () => {
    const broken = '<VPNProfile>\n  <NativeProfile>\n    <CryptographySuite>\n      <DHGroup>Group14</DHGroup>\n';
    assert.deepEqual(labels(`${broken}    </|`), ['/CryptographySuite']);
    assert.deepEqual(labels(`${broken}  </|`), ['/NativeProfile']);
  });
});

describe('no completion where nothing fits', () => {
  it('offers nothing inside comments, closed or not', () => {
    assert.deepEqual(labels('<VPNProfile>\n  <!-- <| -->\n</VPNProfile>'), []);
    assert.deepEqual(labels('<VPNProfile>\n  <!-- Nat|'), []);
    assert.deepEqual(labels('<VPNProfile>\n  <!--\n  <Route>|\n  -->\n</VPNProfile>'), []);
  });

  it('offers nothing inside Eap/Configuration', () => {
    const eap = (inner: string): string =>
      `<VPNProfile>\n  <NativeProfile>\n    <Authentication>\n      <Eap>\n        <Configuration>\n          ${inner}\n        </Configuration>\n      </Eap>\n    </Authentication>\n  </NativeProfile>\n</VPNProfile>`;
    assert.deepEqual(labels(eap('<|')), []);
    assert.deepEqual(labels(eap('|')), []);
    const host = '<EapHostConfig xmlns="http://www.microsoft.com/provisioning/EapHostConfig">\n            ';
    assert.deepEqual(labels(eap(`${host}<|`)), []);
    assert.deepEqual(labels(eap(`${host}<EapMethod>|`)), []);
    assert.deepEqual(labels(eap(`${host}</|`)), []);
  });

  it('offers nothing inside plug-in CustomConfiguration', () => {
    assert.deepEqual(
      labels(
        '<VPNProfile>\n  <PluginProfile>\n    <CustomConfiguration>\n      <|\n    </CustomConfiguration>\n  </PluginProfile>\n</VPNProfile>',
      ),
      [],
    );
  });

  it('offers nothing in attributes, in declarations, or in other XML documents', () => {
    assert.deepEqual(labels('<VPNProfile a="|"></VPNProfile>'), []);
    assert.deepEqual(labels('<?xml version="1.0"|?>\n<VPNProfile/>'), []);
    assert.deepEqual(labels('<project>\n  <|\n</project>'), []);
    assert.deepEqual(labels('<VPNProfile>\n  <Unknown>\n    <|\n  </Unknown>\n</VPNProfile>'), []);
  });

  it('never throws, at any offset of valid and broken documents', () => {
    const texts = [
      CLEAN_PROFILE,
      CLEAN_PROFILE.slice(0, 300),
      CLEAN_PROFILE.replace(/<\/[A-Za-z]+>/g, ''),
      '<VPNProfile><!-- <Route> --><![CDATA[ <x> ]]><NativeProfile a="<" b=\'>\'/></VPNProfile',
      '',
      '<',
      '</',
      '<!--',
    ];
    for (const text of texts) {
      const document = doc(text);
      for (let offset = 0; offset <= text.length; offset++) {
        const list = service.complete(document, document.positionAt(offset));
        assert.ok(Array.isArray(list.items));
      }
      assert.ok(Array.isArray(service.complete(document, { line: 999, character: 999 }).items));
    }
    assert.deepEqual(labels(`|${CLEAN_PROFILE}`), []);
  });
});
