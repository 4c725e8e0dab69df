import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { describeError, redactLibraryLog, scrubMessage } from '../../server/src/host/errorReport';
import { CLEAN_PROFILE, powerShellReady, service } from '../helpers/service';
import { ROOT, TestLspClient, type PublishedDiagnostics } from './lspClient';

// The built server fed what a buggy or hostile client sends: requests of the wrong shape,
// positions beyond the end, documents closed mid-request, bursts of edits, cancellations and
// bytes that are not JSON. It must answer cleanly (InvalidParams, an empty answer, or
// RequestCancelled), keep publishing correct diagnostics, never exit, and never write a
// document's text (least of all a pre-shared key or password) to its logs. The CLI and the
// authoring commands get the same secret check.

const INVALID_PARAMS = -32602;
const METHOD_NOT_FOUND = -32601;
const REQUEST_CANCELLED = -32800;

/** Unique strings of the documents: none may reach a log. The secret ones may not reach a diagnostic either. */
const SECRETS = ['PSK-marker-91c2', 'SS-marker', 'PW-marker', 'PSKxml-marker', 'PWLONG-marker'];
const MARKERS = ['marker-7f3a.example', 'secret-marker', ...SECRETS];

const PROFILE = CLEAN_PROFILE.replace('<VPNProfile>', '<VPNProfile>\n  <!-- secret-marker -->').replace(
  '<Servers>vpn.example.com;vpn.example.com</Servers>',
  '<Servers>marker-7f3a.example;marker-7f3a.example</Servers>\n    <L2tpPsk>PSKxml-marker</L2tpPsk>',
);
const AUTOMATIC = PROFILE.replace('<NativeProtocolType>IKEv2', '<NativeProtocolType>Automatic');
const LONG_PASSWORD = `PWLONG-marker-${'a'.repeat(250)}`;
const SCRIPT = [
  '# secret-marker',
  "Add-VpnConnection -Name 'AOVPN' -ServerAddress 'marker-7f3a.example' -TunnelType Ikev2 -L2tpPsk 'PSK-marker-91c2' -Force",
  "Set-VpnAuthProtocol -SharedSecret 'SS-marker' -UserAuthProtocolAccepted Certificate",
  "$credential = New-Object PSCredential('admin', (ConvertTo-SecureString 'PW-marker' -AsPlainText -Force))",
  "Enable-SstpOffload -CertificateHash '0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF' -Credential $credential",
  `Set-VpnConnectionUsernamePassword -connectionname 'AOVPN' -username 'user' -password '${LONG_PASSWORD}'`,
  'Set-VpnServerConfiguration -TunnelType IKEv2 -CustomPolicy -AuthenticationTransformConstants SHA256128 -CipherTransformConstants AES128 -DHGroup Group14 -EncryptionMethod AES128 -IntegrityCheckMethod SHA256 -PfsGroup PFS2048 -PassThru',
  'Restart-Service RemoteAccess -PassThru',
  '',
].join('\n');

const PROFILE_URI = 'file:///resilience/profile.xml';
const SCRIPT_URI = 'file:///resilience/deploy.ps1';

const messageOf = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : (d.message as { value: string }).value);
const codesOf = (p: PublishedDiagnostics): string[] => p.diagnostics.map((d) => String(d.code));

/** The JSON-RPC error code of a failed request, or 'ok' with the result. */
async function outcome(promise: Promise<unknown>): Promise<{ code: number | 'ok'; result?: unknown; message?: string }> {
  try {
    return { code: 'ok', result: await promise };
  } catch (error) {
    const e = error as { code?: number; message?: string };
    return { code: e.code ?? -1, message: e.message };
  }
}

/** A profile of about 1 MB: the clean profile with thousands of routes. */
function bigProfile(text: string): string {
  const routes: string[] = [];
  let size = 0;
  for (let i = 0; size < 1_000_000; i++) {
    const route = `  <Route>\n    <Address>10.${(i >> 8) & 255}.${i & 255}.0</Address>\n    <PrefixSize>24</PrefixSize>\n  </Route>\n`;
    routes.push(route);
    size += route.length;
  }
  return text.replace('</VPNProfile>', `${routes.join('')}</VPNProfile>`);
}

/** Absence of a publish can only be shown by waiting: longer than both debounces together. */
const QUIET_MS = 700;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('language server resilience and secrets', { timeout: 180_000 }, () => {
  let client: TestLspClient;
  let fresh = 0;

  /** Opens a new profile and resolves with its first diagnostics: the server still works. */
  const stillValidates = async (): Promise<void> => {
    const uri = `file:///resilience/fresh-${++fresh}.xml`;
    const published = client.nextDiagnostics(uri, () => true, 10_000);
    await client.open(uri, AUTOMATIC);
    assert.ok(codesOf(await published).includes('crypto-suite-ignored-automatic'));
    await client.close(uri);
    assert.ok(client.running, `the server exited\nstderr: ${client.serverStderr}`);
  };

  before(async () => {
    await powerShellReady;
    client = new TestLspClient();
    client.settings = { targetWindows: 'win11-22h2', deployment: 'any', rules: {} };
    await client.initialize();
  });

  after(async () => {
    await client.dispose();
  });

  it('publishes the findings about secrets without repeating them', async () => {
    const profile = client.nextDiagnostics(PROFILE_URI, () => true, 10_000);
    const script = client.nextDiagnostics(SCRIPT_URI, () => true, 10_000);
    await client.open(PROFILE_URI, PROFILE);
    await client.open(SCRIPT_URI, SCRIPT, 1, 'powershell');
    const p = await profile;
    const s = await script;
    assert.ok(codesOf(p).includes('cleartext-secret'), codesOf(p).join(', '));
    const cleartext = s.diagnostics.filter((d) => d.code === 'ps-cleartext-secret');
    assert.ok(cleartext.length >= 4, `PSK, shared secret, SecureString and password: ${JSON.stringify(s.diagnostics.map((d) => d.code))}`);
    const tooLong = s.diagnostics.find((d) => d.code === 'ps-invalid-value' && messageOf(d).includes('-password'));
    assert.ok(tooLong, 'the 264-character password is reported as too long');
    assert.match(messageOf(tooLong), /too long/);
    for (const d of [...p.diagnostics, ...s.diagnostics]) {
      for (const secret of SECRETS) assert.ok(!messageOf(d).includes(secret), `${String(d.code)} repeats ${secret}: ${messageOf(d)}`);
    }
  });

  it('answers an unknown method with MethodNotFound and carries on', async () => {
    const r = await outcome(client.request('aovpn/noSuchMethod', { textDocument: { uri: PROFILE_URI } }));
    assert.equal(r.code, METHOD_NOT_FOUND);
    await stillValidates();
  });

  it('answers requests of the wrong shape with InvalidParams', async () => {
    const pos = { line: 1, character: 3 };
    const range = { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } };
    const td = { uri: PROFILE_URI };
    const badDocuments: unknown[] = [
      {},
      { textDocument: null },
      { textDocument: {} },
      { textDocument: { uri: 42 } },
      { textDocument: { uri: null } },
      { textDocument: 'file:///x.xml' },
    ];
    const badPositions: unknown[] = [
      null,
      undefined,
      'start',
      {},
      { line: 1 },
      { line: -1, character: 0 },
      { line: 0, character: -5 },
      { line: 1.5, character: 0 },
      { line: '1', character: '2' },
      { line: null, character: 0 },
      { line: 0, character: Number.POSITIVE_INFINITY },
    ];
    const cases: { method: string; params: unknown }[] = [];
    for (const method of ['textDocument/hover', 'textDocument/completion']) {
      for (const bad of badDocuments) cases.push({ method, params: { ...(bad as object), position: pos } });
      for (const position of badPositions) cases.push({ method, params: { textDocument: td, position } });
    }
    const context = { diagnostics: [] };
    for (const bad of badDocuments) cases.push({ method: 'textDocument/codeAction', params: { ...(bad as object), range, context } });
    for (const position of badPositions)
      cases.push({ method: 'textDocument/codeAction', params: { textDocument: td, range: { start: position, end: pos }, context } });
    for (const badRange of [null, 'all', {}, { start: pos }])
      cases.push({ method: 'textDocument/codeAction', params: { textDocument: td, range: badRange, context } });
    for (const badContext of [
      undefined,
      null,
      'quickfix',
      {},
      { diagnostics: 'none' },
      { diagnostics: [], only: 'quickfix' },
      { diagnostics: [], only: [1] },
    ]) {
      cases.push({ method: 'textDocument/codeAction', params: { textDocument: td, range, context: badContext } });
    }
    for (const method of ['textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/codeLens']) {
      for (const bad of badDocuments) cases.push({ method, params: bad });
    }
    for (const method of ['textDocument/hover', 'textDocument/documentSymbol', 'workspace/executeCommand'])
      cases.push({ method, params: [PROFILE_URI, pos] });
    cases.push({ method: 'workspace/executeCommand', params: { command: 42 } });
    cases.push({ method: 'workspace/executeCommand', params: {} });
    cases.push({ method: 'workspace/executeCommand', params: { command: 'aovpn.server.newProfile', arguments: 'user' } });

    const errorsBefore = client.logs.filter((l) => l.type === 1).length;
    for (const c of cases) {
      const r = await outcome(client.request(c.method, c.params));
      assert.equal(r.code, INVALID_PARAMS, `${c.method} ${JSON.stringify(c.params)} → ${JSON.stringify(r)}`);
    }
    // Refused before any work: nothing failed inside the server.
    assert.deepEqual(client.logs.filter((l) => l.type === 1).slice(errorsBefore), []);
    await stillValidates();
  });

  it('answers our commands given bad arguments with a refusal, not a failure', async () => {
    const errorsBefore = client.logs.filter((l) => l.type === 1).length;
    const run = async (command: string, args: unknown[]): Promise<{ ok: boolean; message?: string; text?: string }> => {
      const r = await outcome(client.request('workspace/executeCommand', { command, arguments: args }));
      assert.equal(r.code, 'ok', `${command} ${JSON.stringify(args)} → ${JSON.stringify(r)}`);
      return r.result as { ok: boolean; message?: string };
    };
    assert.equal((await run('aovpn.server.noSuchCommand', [])).ok, false);
    for (const args of [[], [null], [42], ['file:///not/open.xml'], [{ uri: PROFILE_URI }]]) {
      for (const command of ['aovpn.server.deploymentScript', 'aovpn.server.serverPolicyFromSuite', 'aovpn.server.suiteFromServerPolicy']) {
        const r = await run(command, args);
        assert.equal(r.ok, false);
        assert.match(r.message ?? '', /not open/);
      }
    }
    // Positions and options of the wrong shape are ignored (the whole document is used).
    for (const extra of [null, 'x', { line: -1, character: 'a' }, { line: 1e12, character: 1e12 }, { position: 'top', profileName: 42 }]) {
      assert.equal((await run('aovpn.server.serverPolicyFromSuite', [PROFILE_URI, extra])).ok, true);
      assert.equal((await run('aovpn.server.deploymentScript', [PROFILE_URI, extra])).ok, true);
      assert.equal((await run('aovpn.server.suiteFromServerPolicy', [SCRIPT_URI, extra])).ok, true);
    }
    const refusals: [unknown, RegExp][] = [
      [undefined, /No answers/],
      [[], /No answers/],
      ['user', /No answers/],
      [{}, /"tunnel" is missing/],
      [{ tunnel: 'user', deployment: 'any' }, /"targetWindows" is missing/],
      [{ tunnel: 5, deployment: 'any', targetWindows: 'win11-22h2' }, /"tunnel" must be text/],
      [{ tunnel: 'user', deployment: 'any', targetWindows: 'win11-22h2', routes: '10.0.0.0/8' }, /"routes"/],
      [{ tunnel: 'user', deployment: 'any', targetWindows: 'win11-22h2', suite: { DHGroup: 14 } }, /"suite"/],
      [{ tunnel: 'device', deployment: 'any', targetWindows: 'windows-95' }, /not a Windows release/],
    ];
    for (const [answers, expected] of refusals) {
      const r = await run('aovpn.server.newProfile', answers === undefined ? [] : [answers]);
      assert.equal(r.ok, false, JSON.stringify(answers));
      assert.match(r.message ?? '', expected);
    }
    assert.deepEqual(client.logs.filter((l) => l.type === 1).slice(errorsBefore), [], 'bad arguments are refused, not failed on');
    await stillValidates();
  });

  it('survives notifications of the wrong shape', async () => {
    const send = (method: string, params: unknown): Promise<void> => client.connection.sendNotification(method, params);
    await send('textDocument/didChange', {
      textDocument: { uri: 'file:///resilience/never-opened.xml', version: 2 },
      contentChanges: [{ text: AUTOMATIC }],
    });
    await send('textDocument/didChange', { textDocument: { uri: PROFILE_URI, version: 2 }, contentChanges: null });
    await send('textDocument/didChange', { textDocument: { uri: PROFILE_URI, version: 2 }, contentChanges: [{ range: null, text: 5 }] });
    await send('textDocument/didChange', { textDocument: { uri: PROFILE_URI }, contentChanges: [{ text: AUTOMATIC }] });
    await send('textDocument/didChange', null);
    await send('textDocument/didOpen', { textDocument: null });
    await send('textDocument/didOpen', {});
    await send('textDocument/didClose', { textDocument: { uri: 'file:///resilience/never-opened.xml' } });
    await send('textDocument/didClose', {});
    await send('$/cancelRequest', null);
    await send('$/cancelRequest', { id: 'no-such-request' });
    await send('workspace/didChangeWatchedFiles', { changes: null });
    await send('workspace/didChangeWatchedFiles', { changes: [null, { uri: 7, type: 1 }] });
    await send('workspace/didChangeConfiguration', null);
    await send('workspace/didChangeConfiguration', { settings: 'aovpn' });
    await send('aovpn/noSuchNotification', { text: 'secret-marker' });
    // A didOpen without a URI (or with text that is not text) opens nothing: no document of `undefined`.
    await send('textDocument/didOpen', { textDocument: { languageId: 'xml', version: 1, text: AUTOMATIC } });
    await send('textDocument/didOpen', {
      textDocument: { uri: 'file:///resilience/numeric.xml', languageId: 'xml', version: 1, text: 42 },
    });
    await send('textDocument/didOpen', { textDocument: { uri: 'file:///resilience/no-version.xml', languageId: 'xml', text: AUTOMATIC } });
    // Ranges that are not whole numbers would make the text NaN-sliced: the change is dropped.
    await send('textDocument/didChange', {
      textDocument: { uri: PROFILE_URI, version: 2 },
      contentChanges: [{ range: { start: { line: 1.5, character: 0 }, end: { line: 2, character: 0 } }, text: 'x' }],
    });
    await send('textDocument/didChange', {
      textDocument: { uri: PROFILE_URI, version: 2 },
      contentChanges: [{ range: { start: { line: -1, character: 0 }, end: { line: 2, character: 0 } }, text: 'x' }],
    });
    await stillValidates();
    assert.deepEqual(
      client.published.filter((p) => typeof p.uri !== 'string' || p.uri.endsWith('numeric.xml') || p.uri.endsWith('no-version.xml')),
      [],
    );
    const ignored = client.logs.filter((l) => /^textDocument\/did(Open|Change|Close) ignored: /.test(l.message));
    assert.ok(ignored.length >= 10, JSON.stringify(client.logs.slice(-12)));
    // The profile is still the one opened (none of the changes above applied), and answers.
    const symbols = await client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri: PROFILE_URI } });
    assert.ok(symbols.length > 0);
    const published = client.nextDiagnostics(PROFILE_URI, (p) => p.version === 2);
    await client.change(PROFILE_URI, PROFILE, 2);
    assert.ok(codesOf(await published).includes('cleartext-secret'));
  });

  it('survives frames that are not JSON-RPC messages', async () => {
    const frames: (string | Buffer)[] = [
      'this is not JSON {"text": "secret-marker"',
      '{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///x.xml", "text": "PSK-marker-91c2',
      'null',
      '42',
      '"PSK-marker-91c2"',
      '[]',
      '{}',
      '{"jsonrpc": "2.0", "params": {"textDocument": {"text": "<L2tpPsk>PSK-marker-91c2</L2tpPsk>"}}}',
      '{"jsonrpc": "2.0", "id": 424242, "result": {"text": "secret-marker"}}',
      '{"jsonrpc": "2.0", "id": null, "error": {"code": 1, "message": "PW-marker"}}',
      '{"jsonrpc": "2.0", "id": "raw-1", "method": "textDocument/hover"}',
      '{"jsonrpc": "2.0", "id": "raw-2", "method": "textDocument/hover", "params": {"textDocument": {"uri": 5}, "text": "SS-marker"}}',
      Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0xc3, 0x28]),
    ];
    for (const frame of frames) {
      await client.writeFrame(frame);
      assert.ok(client.running, `the server exited after ${String(frame)}\nstderr: ${client.serverStderr}`);
    }
    await stillValidates();
  });

  it('applies out-of-order versions, ranges past the end and a second didOpen without failing', async () => {
    const uri = 'file:///resilience/edits.xml';
    let published = client.nextDiagnostics(uri, (p) => p.version === 5);
    await client.open(uri, PROFILE, 5);
    assert.ok(!codesOf(await published).includes('crypto-suite-ignored-automatic'));

    // A version going backwards: the text is what the client says it is now.
    published = client.nextDiagnostics(uri, (p) => p.version === 3);
    await client.change(uri, AUTOMATIC, 3);
    assert.ok(codesOf(await published).includes('crypto-suite-ignored-automatic'));

    // An incremental change whose range lies beyond the end: it lands at the end.
    published = client.nextDiagnostics(uri, (p) => p.version === 4);
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 4 },
      contentChanges: [
        { range: { start: { line: 9000, character: 5 }, end: { line: 9001, character: 0 } }, text: '\n<!-- appended -->\n' },
      ],
    });
    const afterAppend = await published;
    assert.ok(codesOf(afterAppend).includes('crypto-suite-ignored-automatic'));
    const folding = await client.request<{ startLine: number }[]>('textDocument/foldingRange', { textDocument: { uri } });
    assert.ok(folding.length > 0);

    // A character beyond the end of its line is the end of that line.
    const line = AUTOMATIC.split('\n').findIndex((l) => l.includes('<NativeProtocolType>'));
    published = client.nextDiagnostics(uri, (p) => p.version === 6);
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 6 },
      contentChanges: [
        {
          range: { start: { line, character: 0 }, end: { line, character: 10_000 } },
          text: '    <NativeProtocolType>IKEv2</NativeProtocolType>',
        },
      ],
    });
    assert.ok(!codesOf(await published).includes('crypto-suite-ignored-automatic'));

    // didOpen again: the second text replaces the first.
    published = client.nextDiagnostics(uri, (p) => p.version === 1);
    await client.open(uri, AUTOMATIC, 1);
    assert.ok(codesOf(await published).includes('crypto-suite-ignored-automatic'));
    await client.close(uri);
    await stillValidates();
  });

  it('clamps positions past the end on every request that takes one', async () => {
    const lines = PROFILE.split('\n');
    const last = lines.length - 1;
    const positions = [
      { line: lines.length + 100, character: 0 },
      { line: 2 ** 31, character: 2 ** 31 },
      { line: Number.MAX_SAFE_INTEGER, character: 3 },
      { line: 1, character: 10_000 },
      { line: last, character: 10_000 },
      { line: 0, character: 0 },
    ];
    for (const uri of [PROFILE_URI, SCRIPT_URI]) {
      for (const position of positions) {
        const hover = await outcome(client.request('textDocument/hover', { textDocument: { uri }, position }));
        assert.equal(hover.code, 'ok', `hover ${JSON.stringify(position)}: ${hover.message}`);
        const completion = await outcome(client.request('textDocument/completion', { textDocument: { uri }, position }));
        assert.equal(completion.code, 'ok', `completion ${JSON.stringify(position)}: ${completion.message}`);
        const actions = await outcome(
          client.request('textDocument/codeAction', {
            textDocument: { uri },
            range: { start: position, end: position },
            context: { diagnostics: [] },
          }),
        );
        assert.equal(actions.code, 'ok', `codeAction ${JSON.stringify(position)}: ${actions.message}`);
        assert.ok(Array.isArray(actions.result));
        // Reversed and oversized ranges are put in order and inside the document.
        const all = await outcome(
          client.request('textDocument/codeAction', {
            textDocument: { uri },
            range: { start: position, end: { line: 0, character: 0 } },
            context: { diagnostics: [], only: ['quickfix'] },
          }),
        );
        assert.equal(all.code, 'ok');
      }
    }
    // A line beyond the end is the end of the document: completion there is what the end offers.
    const atEnd = await client.request<unknown>('textDocument/completion', {
      textDocument: { uri: PROFILE_URI },
      position: { line: last, character: lines[last].length },
    });
    const beyond = await client.request<unknown>('textDocument/completion', {
      textDocument: { uri: PROFILE_URI },
      position: { line: last + 50, character: 7 },
    });
    assert.deepEqual(beyond, atEnd);
    await stillValidates();
  });

  it('answers requests on a document closed while they are in flight, and publishes nothing after the clear', async () => {
    const requests: [string, (uri: string) => unknown][] = [
      ['textDocument/hover', (uri) => ({ textDocument: { uri }, position: { line: 3, character: 5 } })],
      ['textDocument/completion', (uri) => ({ textDocument: { uri }, position: { line: 3, character: 5 } })],
      [
        'textDocument/codeAction',
        (uri) => ({
          textDocument: { uri },
          range: { start: { line: 0, character: 0 }, end: { line: 30, character: 0 } },
          context: { diagnostics: [] },
        }),
      ],
      ['textDocument/documentSymbol', (uri) => ({ textDocument: { uri } })],
      ['textDocument/foldingRange', (uri) => ({ textDocument: { uri } })],
      ['textDocument/codeLens', (uri) => ({ textDocument: { uri } })],
      ['workspace/executeCommand', (uri) => ({ command: 'aovpn.server.deploymentScript', arguments: [uri] })],
    ];
    const closedUris: string[] = [];
    let n = 0;
    for (const [method, params] of requests) {
      for (const languageId of ['xml', 'powershell']) {
        const uri = `file:///resilience/closing-${++n}.${languageId === 'xml' ? 'xml' : 'ps1'}`;
        const opened = client.nextDiagnostics(uri);
        await client.open(uri, languageId === 'xml' ? AUTOMATIC : SCRIPT, 1, languageId);
        await opened;
        const answer = outcome(client.request(method, params(uri)));
        await client.close(uri);
        closedUris.push(uri);
        const r = await answer;
        assert.equal(r.code, 'ok', `${method} on a closing document: ${r.message}`);
      }
    }
    // Closed during the debounce of an edit, and before the first validation ran.
    for (const languageId of ['xml', 'powershell']) {
      const edited = `file:///resilience/closing-edit-${languageId}`;
      const opened = client.nextDiagnostics(edited);
      await client.open(edited, languageId === 'xml' ? PROFILE : SCRIPT, 1, languageId);
      await opened;
      await client.change(edited, languageId === 'xml' ? AUTOMATIC : `${SCRIPT}\nSet-VpnConnection -Name 'x' -SplitTunneling $true\n`, 2);
      await client.close(edited);
      closedUris.push(edited);
      const never = `file:///resilience/closing-at-once-${languageId}`;
      await client.open(never, languageId === 'xml' ? AUTOMATIC : SCRIPT, 1, languageId);
      await client.close(never);
      closedUris.push(never);
    }
    const from = client.published.length;
    await sleep(QUIET_MS);
    // (The clear itself may arrive now: it is sent when the close is processed.)
    const late = client.published
      .slice(from)
      .filter((p) => closedUris.includes(p.uri) && (p.diagnostics.length > 0 || p.version !== undefined));
    assert.deepEqual(late, [], 'no diagnostics after the close');
    // Each close was answered by an empty set, the last thing published for that document.
    for (const uri of closedUris) {
      const forUri = client.published.filter((p) => p.uri === uri);
      assert.ok(forUri.length > 0, uri);
      assert.deepEqual(forUri[forUri.length - 1].diagnostics, [], `${uri}: the last publish is the clear`);
      const clear = forUri.findIndex((p) => p.diagnostics.length === 0 && p.version === undefined);
      assert.ok(clear >= 0 && forUri.slice(clear + 1).every((p) => p.diagnostics.length === 0), `${uri}: nothing stale after the clear`);
    }
    await stillValidates();
  });

  it('debounces a burst of 200 edits on a 1 MB profile: one validation of the final version', async () => {
    const uri = 'file:///resilience/big.xml';
    let document = TextDocument.create(uri, 'xml', 1, bigProfile(PROFILE));
    const openedAt = Date.now();
    const opened = client.nextDiagnostics(uri, () => true, 20_000);
    await client.open(uri, document.getText(), 1);
    await opened;
    const openMs = Date.now() - openedAt;

    const line = document
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('<NativeProtocolType>'));
    const from = client.published.length;
    const started = Date.now();
    const last = 201;
    const final = client.nextDiagnostics(uri, (p) => p.version === last, 60_000);
    for (let version = 2; version <= last; version++) {
      // Alternating values; the last (odd) version has Automatic. One edit in ten also types a comment.
      const value = version % 2 === 1 ? 'Automatic' : 'IKEv2';
      const current = document.getText().split('\n', line + 1)[line];
      const changes = [
        {
          range: { start: { line, character: 0 }, end: { line, character: current.length } },
          text: `    <NativeProtocolType>${value}</NativeProtocolType>`,
        },
      ];
      if (version % 10 === 0)
        changes.push({ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: `<!-- ${version} -->` });
      document = TextDocument.update(document, changes, version);
      void client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    }
    const p = await final;
    const elapsed = Date.now() - started;
    const during = client.published.slice(from).filter((x) => x.uri === uri);
    assert.ok(during.length <= 5, `${during.length} validations published for 200 edits: ${JSON.stringify(during.map((x) => x.version))}`);
    assert.ok(
      during.every((x) => x.version === last || x.version === undefined || x.version < last),
      'no version after the last',
    );
    // The published findings are those of the final text, computed here by the same service
    // (with the other documents open in the server, for the checks across files).
    service.workspace.setFile(PROFILE_URI, 'xml', PROFILE, 1);
    service.workspace.setFile(SCRIPT_URI, 'powershell', SCRIPT, 1);
    await service.workspace.ready();
    const expected = service.validate(document, client.settings).map((d) => ({ code: d.code, range: d.range }));
    service.workspace.clear();
    assert.deepEqual(
      p.diagnostics.map((d) => ({ code: d.code, range: d.range })),
      expected,
    );
    assert.ok(codesOf(p).includes('crypto-suite-ignored-automatic'));
    // Per-keystroke work would cost one extraction of the 1 MB profile per edit.
    const budget = Math.max(4000, 8 * openMs);
    assert.ok(elapsed < budget, `the burst took ${elapsed} ms (budget ${budget} ms, opening took ${openMs} ms)`);
    // Nothing else is published once the final version is out.
    const settledFrom = client.published.length;
    await sleep(QUIET_MS);
    assert.deepEqual(
      client.published.slice(settledFrom).filter((x) => x.uri === uri),
      [],
    );
  });

  it('honours $/cancelRequest: RequestCancelled or a result, never a crash', async () => {
    const uri = 'file:///resilience/big.xml';
    const params = {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 50_000, character: 0 } },
      context: { diagnostics: [] },
    };
    const outcomes: (number | 'ok')[] = [];
    for (let i = 0; i < 5; i++) {
      const source = new CancellationTokenSource();
      const answer = outcome(client.connection.sendRequest('textDocument/codeAction', params, source.token));
      source.cancel();
      const r = await answer;
      assert.ok(r.code === 'ok' || r.code === REQUEST_CANCELLED, JSON.stringify(r));
      outcomes.push(r.code);
    }
    assert.ok(outcomes.includes(REQUEST_CANCELLED), `none cancelled: ${JSON.stringify(outcomes)}`);
    // A cancellation that arrives after the answer, and one for an id never sent, change nothing.
    const done = await client.request<unknown[]>('textDocument/codeAction', params);
    assert.ok(Array.isArray(done));
    await client.connection.sendNotification('$/cancelRequest', { id: 999_999 });
    // An edit in flight with a cancelled hover: the edit is validated.
    const source = new CancellationTokenSource();
    const hover = outcome(
      client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 4 } }, source.token),
    );
    const published = client.nextDiagnostics(uri, (p) => p.version === 300, 20_000);
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 300 },
      contentChanges: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '<!-- 300 -->' }],
    });
    source.cancel();
    assert.ok([REQUEST_CANCELLED, 'ok'].includes((await hover).code));
    await published;
    await client.close(uri);
    await stillValidates();
  });

  it("keeps secrets out of the authoring commands' comments and notes", async () => {
    const deployment = await client.request<{ ok: boolean; text: string; notes: string[] }>('workspace/executeCommand', {
      command: 'aovpn.server.deploymentScript',
      arguments: [PROFILE_URI, { profileName: 'AOVPN' }],
    });
    assert.equal(deployment.ok, true);
    // The profile is the payload (its key must reach Windows); the script's own comments and notes never quote it.
    const comments = deployment.text.split('\n').filter((l) => l.trimStart().startsWith('#'));
    for (const secret of SECRETS) {
      assert.ok(!comments.some((l) => l.includes(secret)), `a comment quotes ${secret}`);
      assert.ok(!deployment.notes.join('\n').includes(secret));
    }
    for (const [command, uri] of [
      ['aovpn.server.serverPolicyFromSuite', PROFILE_URI],
      ['aovpn.server.suiteFromServerPolicy', SCRIPT_URI],
    ]) {
      const r = await client.request<{ ok: boolean; text?: string; notes?: string[]; message?: string }>('workspace/executeCommand', {
        command,
        arguments: [uri],
      });
      const all = JSON.stringify(r);
      for (const marker of MARKERS) assert.ok(!all.includes(marker), `${command} writes ${marker}: ${all}`);
    }
  });

  it('has written no document text to stderr, logs, messages or telemetry, and is still running', async () => {
    // A last request answers: the server came through all of the above.
    const hover = await client.request<unknown>('textDocument/hover', {
      textDocument: { uri: PROFILE_URI },
      position: { line: 3, character: 4 },
    });
    assert.notEqual(hover, undefined);
    await stillValidates();
    assert.equal(client.exitCode, null);
    assert.ok(client.running);
    // Some of the above was logged (the failures of malformed notifications): check it all.
    const written = [
      client.serverStderr,
      ...client.logs.map((l) => l.message),
      ...client.shown.map((l) => l.message),
      ...client.telemetry.map((t) => JSON.stringify(t)),
    ];
    assert.ok(client.logs.length > 0, 'the malformed messages were logged');
    for (const marker of MARKERS) {
      const hit = written.find((w) => w.includes(marker));
      assert.equal(hit, undefined, `${marker} was logged: ${hit}`);
    }
  });
});

describe('CLI output never repeats a secret', { timeout: 60_000 }, () => {
  let folder: string;

  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'aovpn-secrets-'));
    writeFileSync(join(folder, 'deploy.ps1'), SCRIPT);
    writeFileSync(join(folder, 'profile.xml'), PROFILE);
  });

  after(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  for (const format of ['text', 'compact', 'json', 'sarif']) {
    it(`--format ${format}`, () => {
      const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), '--format', format, folder], { encoding: 'utf8' });
      assert.equal(r.status, 1, `errors are found (the long password): ${r.stderr}`);
      assert.match(r.stdout, /ps-cleartext-secret/);
      assert.match(r.stdout, /cleartext-secret/);
      assert.match(r.stdout, /a secret, not repeated here/);
      for (const secret of SECRETS) {
        assert.ok(!r.stdout.includes(secret), `stdout repeats ${secret}`);
        assert.ok(!r.stderr.includes(secret), `stderr repeats ${secret}`);
      }
    });
  }

  it('--fix-dry-run: the diff prints lines of the files, with their secrets masked', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), '--fix-dry-run', folder], { encoding: 'utf8' });
    // The profile's unused L2tpPsk is removed: the removed line is in the diff, without its key.
    assert.match(r.stdout, /^-\s*<L2tpPsk>\*+<\/L2tpPsk>$/m, r.stdout);
    for (const secret of SECRETS) {
      assert.ok(!r.stdout.includes(secret), `stdout repeats ${secret}`);
      assert.ok(!r.stderr.includes(secret), `stderr repeats ${secret}`);
    }
  });
});

describe('failures are logged without the values they quote', () => {
  it('keeps the shape of engine messages and drops what they quote', () => {
    assert.equal(
      scrubMessage("Cannot read properties of undefined (reading 'PSK-marker-91c2')"),
      "Cannot read properties of undefined (reading '…')",
    );
    assert.equal(scrubMessage("Cannot create property 'x' on string 'PSK-marker-91c2'"), "Cannot create property '…' on string '…'");
    assert.ok(!scrubMessage("Cannot use 'in' operator to search for 'x' in PSK-marker-91c2").includes('PSK'));
    assert.ok(!scrubMessage('The "path" argument must be of type string. Received type number (9183)').includes('9183'));
    assert.ok(!scrubMessage("unterminated 'PSK-marker-91c2").includes('PSK'));
    assert.equal(scrubMessage('first line\nPSK-marker-91c2'), 'first line');
    assert.equal(scrubMessage('x.y is not a function'), 'x.y is not a function');
  });

  it('logs the message of engine errors (scrubbed), never of others, and always the frames', () => {
    let engine: unknown;
    try {
      void (null as unknown as Record<string, unknown>)['PSK-marker-91c2'];
    } catch (error) {
      engine = error;
    }
    const described = describeError(engine);
    assert.match(described, /^TypeError: Cannot read properties of null \(reading '…'\)\n\s+at /);
    assert.ok(!described.includes('PSK'));
    const own = describeError(new Error('<L2tpPsk>PSK-marker-91c2</L2tpPsk> is not allowed'));
    assert.match(own, /^Error\n\s+at /);
    assert.ok(!own.includes('PSK'));
    // A message that pretends to be frames stays out of them.
    const sneaky = new SyntaxError('bad\n    at PSK-marker-91c2 (x.js:1:1)');
    assert.ok(!describeError(sneaky).includes('PSK'));
    assert.equal(describeError('PSK-marker-91c2'), '(thrown string)');
    assert.match(describeError(new Error('fetching ../grammar.wasm failed with HTTP 404'), { message: true }), /HTTP 404/);
  });

  it("cuts the JSON-RPC library's dumps of what it received", () => {
    const dump = redactLibraryLog(
      'Received message which is neither a response nor a notification message:\n{"params":{"text":"PSK-marker-91c2"}}',
    );
    assert.equal(dump, 'Received message which is neither a response nor a notification message (content not logged).');
    assert.ok(
      !redactLibraryLog(
        "Notification handler 'textDocument/didOpen' failed with message: Cannot create property 'a' on string 'PSK-marker-91c2'",
      ).includes('PSK'),
    );
    assert.equal(redactLibraryLog('Settings: deployment "x" is not one of intune'), 'Settings: deployment "x" is not one of intune');
  });
});
