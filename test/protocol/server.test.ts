import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CompletionItem, CompletionList, Hover, TextEdit } from 'vscode-languageserver-types';
import { CLEAN_PROFILE } from '../helpers/service';
import { TestLspClient } from './lspClient';

// The built server driven over stdio as VS Code drives it. Logic is tested against the service
// (test/unit); this suite checks the protocol: what is published when, settings, requests.

const RULE = 'crypto-suite-ignored-automatic';
const AUTOMATIC = CLEAN_PROFILE.replace('<NativeProtocolType>IKEv2', '<NativeProtocolType>Automatic');
const AUTOMATIC_LINE = AUTOMATIC.split('\n').findIndex((l) => l.includes('<NativeProtocolType>Automatic'));
const PROFILE_URI = 'file:///work/profiles/user.xml';

const codesOf = (p: { diagnostics: { code?: number | string }[] }): string[] => p.diagnostics.map((d) => String(d.code));

describe('language server over stdio', { timeout: 60_000 }, () => {
  let client: TestLspClient;
  /** Version of PROFILE_URI the server has, and its text. */
  let version = 1;
  let text = AUTOMATIC;

  const edit = async (next: string): Promise<number> => {
    version++;
    text = next;
    await client.change(PROFILE_URI, next, version);
    return version;
  };

  before(async () => {
    client = new TestLspClient();
    client.settings = { targetWindows: 'win11-22h2', deployment: 'any', rules: {} };
    const result = await client.initialize();
    const caps = result.capabilities;
    // A client that cannot register per language gets every trigger character; the server answers `-` and space in XML with nothing.
    assert.deepEqual(caps.completionProvider, { triggerCharacters: ['<', '/', '>', '-', ' '], resolveProvider: false });
    assert.equal(caps.hoverProvider, true);
    assert.deepEqual(caps.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll'], resolveProvider: false });
    assert.equal(caps.documentSymbolProvider, true);
    assert.equal(caps.foldingRangeProvider, true);
  });

  after(async () => {
    await client.dispose();
  });

  it('publishes crypto-suite-ignored-automatic on open, on the Automatic value', async () => {
    const published = client.nextDiagnostics(PROFILE_URI);
    await client.open(PROFILE_URI, AUTOMATIC, version);
    const p = await published;
    assert.equal(p.version, 1);
    const diagnostic = p.diagnostics.find((d) => d.code === RULE);
    assert.ok(diagnostic, `expected ${RULE}, got ${codesOf(p).join(', ') || 'nothing'}`);
    assert.equal(diagnostic.source, 'profilexml');
    assert.equal(diagnostic.severity, 2);
    const col = AUTOMATIC.split('\n')[AUTOMATIC_LINE].indexOf('Automatic');
    assert.deepEqual(diagnostic.range, {
      start: { line: AUTOMATIC_LINE, character: col },
      end: { line: AUTOMATIC_LINE, character: col + 'Automatic'.length },
    });
    // The settings came from workspace/configuration, asked for this document.
    assert.ok(client.configurationRequests.some((r) => r.section === 'aovpn' && r.scopeUri === PROFILE_URI));
  });

  it('clears the diagnostic when an edit fixes the profile', async () => {
    const v = version + 1;
    const published = client.nextDiagnostics(PROFILE_URI, (p) => p.version === v);
    await edit(AUTOMATIC.replace('<NativeProtocolType>Automatic', '<NativeProtocolType>IKEv2'));
    assert.ok(!codesOf(await published).includes(RULE));
  });

  it('publishes only the latest of quick successive edits', async () => {
    const first = version + 1;
    const last = version + 3;
    const published = client.nextDiagnostics(PROFILE_URI, (p) => p.version === last);
    const from = client.published.length;
    await edit(AUTOMATIC.replace('<AlwaysOn>true', '<AlwaysOn>yes'));
    await edit(AUTOMATIC.replace('<AlwaysOn>true', '<AlwaysOn>no'));
    await edit(AUTOMATIC);
    const p = await published;
    assert.ok(codesOf(p).includes(RULE));
    const stale = client.published
      .slice(from)
      .filter((x) => x.uri === PROFILE_URI && x.version !== undefined && x.version >= first && x.version < last);
    assert.deepEqual(stale, [], 'versions superseded within the debounce window are never published');
  });

  it('completes values inside NativeProfile (NativeProtocolType offers IKEv2)', async () => {
    const line = AUTOMATIC_LINE;
    const character = text.split('\n')[line].indexOf('<NativeProtocolType>') + '<NativeProtocolType>'.length;
    const result = await client.request<CompletionList | CompletionItem[] | null>('textDocument/completion', {
      textDocument: { uri: PROFILE_URI },
      position: { line, character },
      context: { triggerKind: 2, triggerCharacter: '>' },
    });
    const items = Array.isArray(result) ? result : (result?.items ?? []);
    const inserted = (i: CompletionItem): string =>
      i.textEdit && 'newText' in i.textEdit ? i.textEdit.newText : (i.insertText ?? i.label);
    assert.ok(
      items.some((i) => i.label === 'IKEv2' || inserted(i).startsWith('IKEv2')),
      `completion at <NativeProtocolType>| should offer IKEv2; got ${JSON.stringify(items.map((i) => i.label))}`,
    );
  });

  it('answers hover on NativeProtocolType with markdown', async () => {
    const character = text.split('\n')[AUTOMATIC_LINE].indexOf('NativeProtocolType') + 3;
    const hover = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: PROFILE_URI },
      position: { line: AUTOMATIC_LINE, character },
    });
    assert.ok(hover, 'hover over an element name must answer');
    assert.ok(typeof hover.contents === 'object' && 'kind' in hover.contents, 'contents is MarkupContent');
    assert.equal(hover.contents.kind, 'markdown');
    assert.ok(hover.contents.value.trim().length > 0);
  });

  it('offers a quick fix whose edit removes the diagnostic', async () => {
    const current = client.published.filter((p) => p.uri === PROFILE_URI).at(-1)!;
    const diagnostic = current.diagnostics.find((d) => d.code === RULE)!;
    assert.ok(diagnostic, 'the profile has the finding again');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: PROFILE_URI },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], only: ['quickfix'] },
    });
    const fix = actions.find((a) => a.kind === 'quickfix' && a.isPreferred && a.diagnostics?.some((d) => d.code === RULE));
    assert.ok(fix?.edit?.changes, `a preferred quick fix for ${RULE}; got ${actions.map((a) => a.title).join(' | ')}`);
    const edits: TextEdit[] = fix.edit.changes[PROFILE_URI];
    const fixed = TextDocument.applyEdits(TextDocument.create(PROFILE_URI, 'xml', version, text), edits);
    assert.equal(fixed, AUTOMATIC.replace('<NativeProtocolType>Automatic', '<NativeProtocolType>IKEv2'));

    const v = version + 1;
    const published = client.nextDiagnostics(PROFILE_URI, (p) => p.version === v);
    await edit(fixed);
    assert.ok(!codesOf(await published).includes(RULE));
  });

  it('offers source.fixAll for the whole document', async () => {
    const v = version + 1;
    const published = client.nextDiagnostics(PROFILE_URI, (p) => p.version === v);
    await edit(AUTOMATIC);
    await published;
    const lines = text.split('\n');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: PROFILE_URI },
      range: { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines.at(-1)!.length } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    const fixAll = actions.find((a) => a.kind === 'source.fixAll');
    assert.ok(fixAll?.edit?.changes, 'a source.fixAll action with an edit');
    const fixed = TextDocument.applyEdits(TextDocument.create(PROFILE_URI, 'xml', version, text), fixAll.edit.changes[PROFILE_URI]);
    assert.ok(fixed.includes('<NativeProtocolType>IKEv2</NativeProtocolType>'));
  });

  it('re-publishes without a rule switched off in the settings, without reopening', async () => {
    const requestsBefore = client.configurationRequests.length;
    client.settings = { ...client.settings, rules: { [RULE]: 'off' } };
    const published = client.nextDiagnostics(PROFILE_URI, (p) => p.version === version);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { aovpn: client.settings } });
    const p = await published;
    assert.ok(!codesOf(p).includes(RULE), `expected ${RULE} to be gone, got ${codesOf(p).join(', ')}`);
    assert.ok(client.configurationRequests.length > requestsBefore, 'settings were asked for again');

    // And back on: the cache was dropped again.
    client.settings = { ...client.settings, rules: { [RULE]: 'error' } };
    const again = client.nextDiagnostics(PROFILE_URI, (x) => x.version === version);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { aovpn: client.settings } });
    const back = (await again).diagnostics.find((d) => d.code === RULE);
    assert.equal(back?.severity, 1);
  });

  it('reports bad settings visibly instead of ignoring them silently', async () => {
    client.settings = { targetWindows: 'windows-99', deployment: 'any', rules: {} };
    const warned = client.waitFor(
      () => client.shown.find((m) => m.message.includes('windows-99')),
      5000,
      () => 'a warning about the bad target',
    );
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { aovpn: client.settings } });
    assert.equal((await warned).type, 2);
    client.settings = { targetWindows: 'win11-22h2', deployment: 'any', rules: {} };
    const republished = client.nextDiagnostics(PROFILE_URI, (p) => p.version === version);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { aovpn: client.settings } });
    await republished;
  });

  it('publishes an empty list for XML that is not ProfileXML, and clears a document that stops being one', async () => {
    const other = 'file:///work/web.config.xml';
    const published = client.nextDiagnostics(other);
    await client.open(other, '<configuration>\n  <AlwaysOn>yes</AlwaysOn>\n</configuration>\n');
    assert.deepEqual((await published).diagnostics, []);

    const v = version + 1;
    const cleared = client.nextDiagnostics(PROFILE_URI, (p) => p.version === v);
    await edit(AUTOMATIC.replace(/VPNProfile>/g, 'Settings>'));
    assert.deepEqual((await cleared).diagnostics, []);
    await client.close(other);
  });

  it('publishes wrong-root-element for a root that is a near miss of VPNProfile, and clears it when the root is renamed', async () => {
    const uri = 'file:///work/profiles/typo.xml';
    const misnamed = CLEAN_PROFILE.replace('<VPNProfile>', '<VpnProfile>').replace('</VPNProfile>', '</VpnProfile>');
    const published = client.nextDiagnostics(uri);
    await client.open(uri, misnamed);
    const [root] = (await published).diagnostics.filter((d) => d.code === 'wrong-root-element');
    assert.equal(root?.severity, 1);
    assert.deepEqual(root.range, { start: { line: 0, character: 1 }, end: { line: 0, character: 11 } });
    const cleared = client.nextDiagnostics(uri, (p) => p.version === 2);
    await client.change(uri, CLEAN_PROFILE, 2);
    assert.deepEqual(codesOf(await cleared), []);
    await client.close(uri);
  });

  it('validates untitled documents by content', async () => {
    const uri = 'untitled:Untitled-1';
    const published = client.nextDiagnostics(uri);
    await client.open(uri, AUTOMATIC.replace('<AlwaysOn>true', '<AlwaysOn>yes'));
    assert.ok(codesOf(await published).includes('invalid-value'));
  });

  it('survives requests on unknown documents and broken text', async () => {
    assert.equal(
      await client.request('textDocument/hover', { textDocument: { uri: 'file:///nowhere.xml' }, position: { line: 0, character: 0 } }),
      null,
    );
    const uri = 'file:///work/broken.xml';
    const published = client.nextDiagnostics(uri);
    await client.open(uri, '<VPNProfile><NativeProfile><<</Native');
    assert.ok(codesOf(await published).includes('xml-not-well-formed'));
    await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 28 } });
    await client.request('textDocument/documentSymbol', { textDocument: { uri } });
    await client.request('textDocument/foldingRange', { textDocument: { uri } });
    await client.request('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } },
      context: { diagnostics: [] },
    });
  });

  it('completes a rule id in a suppression comment (Ctrl+Space there), and the picked id silences the finding', async () => {
    const uri = 'file:///work/profiles/suppressed.xml';
    const marker = '<!-- profilexml-disable-next-line cry -->';
    const typed = AUTOMATIC.replace('    <NativeProtocolType>', `    ${marker}\n    <NativeProtocolType>`);
    const opened = client.nextDiagnostics(uri);
    await client.open(uri, typed);
    assert.ok(codesOf(await opened).includes(RULE), 'the typo "cry" silences nothing yet');
    const line = typed.split('\n').findIndex((l) => l.includes(marker));
    const character = typed.split('\n')[line].indexOf(' cry') + 4;
    const result = await client.request<CompletionList | null>('textDocument/completion', {
      textDocument: { uri },
      position: { line, character },
      context: { triggerKind: 1 },
    });
    const pick = result?.items.find((i) => i.label === RULE);
    assert.ok(
      pick?.textEdit && 'range' in pick.textEdit,
      `${RULE} offered with an edit: ${JSON.stringify(result?.items.map((i) => i.label).slice(0, 5))}`,
    );
    const hover = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line, character: character - 1 },
    });
    assert.match(JSON.stringify(hover?.contents), /not a rule id/);
    const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'xml', 1, typed), [pick.textEdit as TextEdit]);
    const silenced = client.nextDiagnostics(uri, (p) => p.version === 2);
    await client.change(uri, fixed, 2);
    assert.ok(!codesOf(await silenced).includes(RULE), fixed.split('\n')[line]);
  });

  it('clears diagnostics on close', async () => {
    const v = version + 1;
    const withRule = client.nextDiagnostics(PROFILE_URI, (p) => p.version === v);
    await edit(AUTOMATIC.replace('<AlwaysOn>true', '<AlwaysOn>yes'));
    assert.ok((await withRule).diagnostics.length > 0);
    const cleared = client.nextDiagnostics(PROFILE_URI);
    await client.close(PROFILE_URI);
    assert.deepEqual((await cleared).diagnostics, []);
  });

  it('logged no errors and shuts down cleanly', async () => {
    assert.deepEqual(
      client.logs.filter((l) => l.type === 1),
      [],
      'no handler failed',
    );
    // Error logs never carry document text.
    assert.ok(!client.logs.some((l) => l.message.includes('<VPNProfile>')));
  });
});

describe('language server without workspace/configuration', { timeout: 30_000 }, () => {
  it('uses initializationOptions, then pushed settings', async () => {
    const client = new TestLspClient();
    try {
      await client.connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: null,
        capabilities: {},
        initializationOptions: { aovpn: { rules: { [RULE]: 'off' } } },
      });
      await client.connection.sendNotification('initialized', {});
      const uri = 'file:///work/p.xml';
      const first = client.nextDiagnostics(uri);
      await client.open(uri, AUTOMATIC);
      assert.ok(!codesOf(await first).includes(RULE));
      const second = client.nextDiagnostics(uri);
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { aovpn: { rules: {} } } });
      assert.ok(codesOf(await second).includes(RULE));
      assert.equal(client.configurationRequests.length, 0);
    } finally {
      await client.dispose();
    }
    assert.equal(client.exitCode, 0);
  });
});
