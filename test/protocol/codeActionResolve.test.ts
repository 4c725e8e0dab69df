import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction } from 'vscode-languageserver-types';
import { TestLspClient } from './lspClient';

// A client that resolves code actions (VS Code does) gets the fix-all action from the light bulb
// without its edits, and the edits when it resolves the action: computing fix-all costs several
// validations, too much for every cursor move in a large profile.

const URI = 'file:///resolve/profile.xml';
const AUTOMATIC = `<VPNProfile>
  <AlwaysOn>True</AlwaysOn>
  <NativeProfile>
    <Servers>vpn.example.com</Servers>
    <NativeProtocolType>Automatic</NativeProtocolType>
    <Authentication><MachineMethod>Certificate</MachineMethod></Authentication>
    <CryptographySuite>
      <AuthenticationTransformConstants>SHA256128</AuthenticationTransformConstants>
      <CipherTransformConstants>AES256</CipherTransformConstants>
      <PfsGroup>PFS2048</PfsGroup>
      <DHGroup>Group14</DHGroup>
      <IntegrityCheckMethod>SHA256</IntegrityCheckMethod>
      <EncryptionMethod>AES256</EncryptionMethod>
    </CryptographySuite>
  </NativeProfile>
</VPNProfile>
`;
const WHOLE = { start: { line: 0, character: 0 }, end: { line: 16, character: 0 } };

describe('code actions resolved on demand', () => {
  let client: TestLspClient;
  before(async () => {
    client = new TestLspClient();
    client.resolvesCodeActionEdits = true;
    const { capabilities } = await client.initialize();
    assert.deepEqual(capabilities.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll'], resolveProvider: true });
    const published = client.nextDiagnostics(URI);
    await client.open(URI, AUTOMATIC);
    await published;
  });
  after(() => client.dispose());

  it('offers fix-all in the light bulb without edits, and resolves them to what source.fixAll gives', async () => {
    const lightBulb = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: WHOLE,
      context: { diagnostics: [] },
    });
    const deferred = lightBulb.find((a) => a.kind === 'source.fixAll');
    assert.ok(deferred, 'fix-all is offered');
    assert.equal(deferred.edit, undefined);
    assert.ok(
      lightBulb.some((a) => a.kind === 'quickfix' && a.edit),
      'quick fixes keep their edits',
    );

    const resolved = await client.request<CodeAction>('codeAction/resolve', deferred);
    const asked = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: WHOLE,
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.ok(asked[0].edit, 'asked for by kind (on save, the fix-all command), the edits come at once');
    assert.deepEqual(resolved.edit, asked[0].edit);
    const fixed = TextDocument.applyEdits(TextDocument.create(URI, 'xml', 1, AUTOMATIC), resolved.edit!.changes![URI]);
    assert.match(fixed, /<NativeProtocolType>IKEv2<\/NativeProtocolType>/);
    assert.match(fixed, /<AlwaysOn>true<\/AlwaysOn>/);
  });

  it('returns other actions and malformed ones as they are, or refuses them', async () => {
    const plain = { title: 'something else', kind: 'quickfix' };
    assert.deepEqual(await client.request<CodeAction>('codeAction/resolve', plain), plain);
    const closed = { title: 'Fix all', kind: 'source.fixAll', data: { aovpnFixAll: { uri: 'file:///resolve/not-open.xml', version: 1 } } };
    assert.deepEqual(await client.request<CodeAction>('codeAction/resolve', closed), closed);
    await assert.rejects(client.request('codeAction/resolve', { data: 42 }), /expected a code action/);
    assert.ok(client.running, 'the server is still running');
  });
});
