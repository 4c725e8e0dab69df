/**
 * Hostile XML over LSP (issue 6): the built server, as VS Code runs it, opens profiles whose
 * DOCTYPE names a URL on a trap server on 127.0.0.1, a sentinel file (a FIFO: opening it for
 * reading would block) and an exponential entity expansion. It publishes doctype-not-allowed,
 * answers every request, and the trap sees no connection. The workspace folder the server
 * indexes holds the same files, so indexing is covered too.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, CompletionList, DocumentSymbol, Hover } from 'vscode-languageserver-types';
import { CLEAN_PROFILE } from '../helpers/service';
import { settle, startTrap, type Trap } from '../helpers/trap';
import { TestLspClient, type PublishedDiagnostics } from './lspClient';

const RULE = 'doctype-not-allowed';
const hasFifo = process.platform !== 'win32' && spawnSync('mkfifo', ['--version']).status === 0;

const codesOf = (p: PublishedDiagnostics): string[] => p.diagnostics.map((d) => String(d.code));
const hasRule = (p: PublishedDiagnostics): boolean => codesOf(p).includes(RULE);

/** A diagnostic's message as text (LSP allows markup content). */
function messageOf(d: { message: string | { value: string } }): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

describe('hostile XML over LSP (dist/server.js)', { timeout: 90_000, skip: hasFifo ? false : 'mkfifo is not available' }, () => {
  let client: TestLspClient;
  let trap: Trap;
  let folder: string;
  let profileText: string;
  let scriptText: string;
  let profileUri: string;
  let scriptUri: string;

  before(async () => {
    trap = await startTrap();
    folder = mkdtempSync(join(tmpdir(), 'profilexml-hostile-lsp-'));
    const sentinel = join(folder, 'secret.txt');
    assert.equal(spawnSync('mkfifo', [sentinel]).status, 0, 'mkfifo failed');
    const lol = ['  <!ENTITY lol0 "lol">'];
    for (let level = 1; level < 10; level++) lol.push(`  <!ENTITY lol${level} "${`&lol${level - 1};`.repeat(10)}">`);
    const doctype = [
      '<!DOCTYPE VPNProfile [',
      `  <!ENTITY file SYSTEM "${pathToFileURL(sentinel).href}">`,
      '  <!ENTITY rel SYSTEM "secret.txt">',
      `  <!ENTITY remote SYSTEM "http://127.0.0.1:${trap.port}/entity">`,
      `  <!ENTITY % p SYSTEM "http://127.0.0.1:${trap.port}/p">`,
      '  %p;',
      ...lol,
      ']>',
    ].join('\n');
    profileText = `<?xml version="1.0"?>\n${doctype}\n${CLEAN_PROFILE.replace('<VPNProfile>\n', '<VPNProfile>\n  <ProfileName>&file;&rel;&remote;&lol9;</ProfileName>\n')}`;
    scriptText = `$ProfileXML = @'\n${profileText}'@\n`;
    writeFileSync(join(folder, 'hostile.xml'), profileText);
    writeFileSync(join(folder, 'hostile.ps1'), scriptText);
    profileUri = pathToFileURL(join(folder, 'hostile.xml')).href;
    scriptUri = pathToFileURL(join(folder, 'hostile.ps1')).href;

    client = new TestLspClient();
    client.settings = { targetWindows: 'win11-22h2', deployment: 'any', rules: {} };
    await client.initialize(undefined, [pathToFileURL(folder).href]);
  });

  after(async () => {
    await client?.dispose();
    await trap?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('publishes doctype-not-allowed on the DOCTYPE and each reference of an open profile', async () => {
    const published = client.nextDiagnostics(profileUri, hasRule, 15_000);
    await client.open(profileUri, profileText);
    const p = await published;
    const ours = p.diagnostics.filter((d) => d.code === RULE);
    assert.equal(ours.length, 5, codesOf(p).join(', '));
    assert.deepEqual(ours[0].range.start, { line: 1, character: 0 });
    assert.match(messageOf(ours[0]), /external entit/);
    assert.match(messageOf(ours[0]), /parameter entity '%p'/);
    assert.match(messageOf(ours[0]), /billion laughs/);
    for (const d of p.diagnostics) assert.ok(messageOf(d).length <= 1000);
    assert.doesNotMatch(JSON.stringify(p), /(lol){2}|LEAKED/);
  });

  it('answers hover, completion, code actions and symbols without expanding anything', async () => {
    const line = profileText.split('\n').findIndex((l) => l.includes('<ProfileName>'));
    const character = profileText.split('\n')[line].indexOf('&lol9;') + 2;
    const position = { line, character };
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: profileUri }, position });
    const completion = await client.request<CompletionList | null>('textDocument/completion', {
      textDocument: { uri: profileUri },
      position: { line: 3, character: 4 },
    });
    const diagnostics = client.published.filter((x) => x.uri === profileUri).pop()?.diagnostics ?? [];
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: profileUri },
      range: { start: { line: 0, character: 0 }, end: { line: 30, character: 0 } },
      context: { diagnostics },
    });
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: profileUri } });
    assert.ok(actions.some((a) => a.title === 'Remove the DOCTYPE declaration'));
    assert.ok(symbols.length > 0);
    assert.doesNotMatch(JSON.stringify([hover, completion, actions, symbols]), /(lol){2}|LEAKED/);
  });

  it('publishes it for the profile embedded in a script too, at the script position', async () => {
    const published = client.nextDiagnostics(scriptUri, hasRule, 30_000);
    await client.open(scriptUri, scriptText, 1, 'powershell');
    const p = await published;
    const ours = p.diagnostics.filter((d) => d.code === RULE);
    assert.equal(ours.length, 5, codesOf(p).join(', '));
    assert.deepEqual(ours[0].range.start, { line: 2, character: 0 });
  });

  it('the trap saw no connection, and the server is still answering', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: profileUri } });
    assert.ok(symbols.length > 0);
    await settle();
    assert.equal(trap.connections, 0);
    assert.ok(client.running);
    assert.deepEqual(
      client.logs.filter((l) => l.type === 1),
      [],
    );
  });
});
