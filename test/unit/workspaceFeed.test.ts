import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { createWorkspaceFeed, type FeedSource } from '../../client/src/workspaceFeed';
import { decodeBytes } from '../../server/src/host/encoding';
import { decodeText, UndecodableError } from '../../server/src/host/textFile';
import { createClientFileIndex, readWorkspaceFilesParams } from '../../server/src/host/clientFiles';
import type { WorkspaceFilesParams } from '../../server/src/host/workspaceFeedProtocol';
import { createLanguageService } from '../../server/src/service/languageService';
import { corpusEntries, FIXTURE_PROFILES_DIR } from '../helpers/corpus';

// The web extension's workspace feed (client/src/workspaceFeed.ts) over an in-memory file system,
// and the Node-free decoding it uses. The feed against the real web-worker server, in Chromium,
// is in test/web/web.test.ts.

const PROFILE = '<VPNProfile><NativeProfile><Servers>vpn.example.com</Servers></NativeProfile></VPNProfile>\n';
const SCRIPT = 'Set-VpnServerConfiguration -CustomPolicy -DHGroup Group14\n';

function memoryWorkspace(
  files: Record<string, string | Uint8Array>,
  folder = 'memfs:/ws/',
): FeedSource & { files: Map<string, Uint8Array> } {
  const map = new Map(
    Object.entries(files).map(([uri, content]) => [uri, typeof content === 'string' ? new TextEncoder().encode(content) : content]),
  );
  return {
    files: map,
    list: async (limit) => [...map.keys()].sort().slice(0, limit),
    size: async (uri) => map.get(uri)?.length,
    read: async (uri) => {
      const bytes = map.get(uri);
      if (!bytes) throw new Error('gone');
      return bytes;
    },
    relativePath: (uri) => (uri.startsWith(folder) ? uri.slice(folder.length) : undefined),
  };
}

function recorder(): { sent: WorkspaceFilesParams[]; send: (p: WorkspaceFilesParams) => Promise<void> } {
  const sent: WorkspaceFilesParams[] = [];
  return { sent, send: async (p) => void sent.push(p) };
}

const LIMITS = { maxFiles: 2000, maxBytes: 2 * 1024 * 1024, batchChars: 4 * 1024 * 1024, parallelReads: 8 };

describe('workspace feed (web extension)', () => {
  it('sends profiles and scripts, and leaves out other XML, other files, skipped folders and files outside the workspace', async () => {
    const source = memoryWorkspace({
      'memfs:/ws/profiles/user.xml': PROFILE,
      'memfs:/ws/rras/server.ps1': SCRIPT,
      'memfs:/ws/rras/module.PSM1': SCRIPT,
      'memfs:/ws/pom.xml': '<project/>',
      'memfs:/ws/readme.md': 'VPNProfile',
      'memfs:/ws/node_modules/x/server.ps1': SCRIPT,
      'memfs:/ws/.git/server.ps1': SCRIPT,
      'memfs:/elsewhere/server.ps1': SCRIPT,
    });
    const { sent, send } = recorder();
    const result = await createWorkspaceFeed(source, send, LIMITS).scan();
    assert.deepEqual(result, { sent: 3, truncated: false });
    assert.deepEqual(
      sent.flatMap((p) => p.changed.map((f) => f.uri)),
      ['memfs:/ws/profiles/user.xml', 'memfs:/ws/rras/module.PSM1', 'memfs:/ws/rras/server.ps1'],
    );
    assert.equal(sent[0].changed[0].text, PROFILE);
  });

  it('skips files over the size limit and files that are not text, and says when the file limit cut the list', async () => {
    const source = memoryWorkspace({
      'memfs:/ws/a.ps1': SCRIPT,
      'memfs:/ws/b.ps1': 'x'.repeat(101),
      'memfs:/ws/c.ps1': new Uint8Array([0x41, 0xff, 0xfe, 0x41, 0x80]), // invalid UTF-8
      'memfs:/ws/d.ps1': SCRIPT,
    });
    const { sent, send } = recorder();
    assert.deepEqual(await createWorkspaceFeed(source, send, { ...LIMITS, maxFiles: 3, maxBytes: 100 }).scan(), {
      sent: 1,
      truncated: true,
    });
    assert.deepEqual(
      sent.flatMap((p) => p.changed.map((f) => f.uri)),
      ['memfs:/ws/a.ps1'],
    );
  });

  it('reads a few files at a time and still sends them in listing order', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 20; i++) files[`memfs:/ws/s${String(i).padStart(2, '0')}.ps1`] = `${SCRIPT}# ${i}\n`;
    const source = memoryWorkspace(files);
    let reading = 0;
    let most = 0;
    const read = source.read;
    // Later files answer sooner, as a network might.
    source.read = async (uri) => {
      reading++;
      most = Math.max(most, reading);
      await new Promise((r) => setTimeout(r, 20 - Number(/s(\d+)/.exec(uri)![1])));
      reading--;
      return read(uri);
    };
    const { sent, send } = recorder();
    await createWorkspaceFeed(source, send, { ...LIMITS, parallelReads: 4 }).scan();
    assert.equal(most, 4);
    assert.deepEqual(
      sent.flatMap((p) => p.changed.map((f) => f.uri)),
      Object.keys(files),
    );
  });

  it('splits a large workspace into several notifications', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 10; i++) files[`memfs:/ws/s${i}.ps1`] = SCRIPT.repeat(20);
    const { sent, send } = recorder();
    await createWorkspaceFeed(memoryWorkspace(files), send, { ...LIMITS, batchChars: SCRIPT.length * 20 * 3 }).scan();
    assert.deepEqual(
      sent.map((p) => p.changed.length),
      [3, 3, 3, 1],
    );
  });

  it('sends a changed file, and a removal when it is deleted, stops being a profile or becomes unreadable', async () => {
    const source = memoryWorkspace({ 'memfs:/ws/p.xml': PROFILE });
    const { sent, send } = recorder();
    const feed = createWorkspaceFeed(source, send, LIMITS);
    await feed.changed('memfs:/ws/p.xml');
    source.files.set('memfs:/ws/p.xml', new TextEncoder().encode('<other/>'));
    await feed.changed('memfs:/ws/p.xml');
    source.files.delete('memfs:/ws/p.xml');
    await feed.changed('memfs:/ws/p.xml'); // a change event for a file that is gone by the time it is read
    await feed.deleted('memfs:/ws/p.xml');
    await feed.changed('memfs:/ws/node_modules/p.ps1');
    await feed.deleted('memfs:/ws/notes.txt');
    assert.deepEqual(sent, [
      { changed: [{ uri: 'memfs:/ws/p.xml', text: PROFILE }], removed: [] },
      { changed: [], removed: ['memfs:/ws/p.xml'] },
      { changed: [], removed: ['memfs:/ws/p.xml'] },
      { changed: [], removed: ['memfs:/ws/p.xml'] },
    ]);
  });
});

describe('workspace feed: scanning again (workspace folders changed)', () => {
  it('sends the files found now and removes the ones an earlier scan sent that are gone', async () => {
    const source = memoryWorkspace({ 'memfs:/ws/a.ps1': SCRIPT, 'memfs:/ws/b.xml': PROFILE });
    const { sent, send } = recorder();
    const feed = createWorkspaceFeed(source, send, LIMITS);
    await feed.scan();
    source.files.delete('memfs:/ws/b.xml');
    source.files.set('memfs:/ws/c.ps1', new TextEncoder().encode(SCRIPT));
    assert.deepEqual(await feed.scan(), { sent: 2, truncated: false });
    assert.deepEqual(sent[1], {
      changed: [
        { uri: 'memfs:/ws/a.ps1', text: SCRIPT },
        { uri: 'memfs:/ws/c.ps1', text: SCRIPT },
      ],
      removed: ['memfs:/ws/b.xml'],
    });
    // A file removed by a change event is not removed a second time by the next scan.
    await feed.deleted('memfs:/ws/c.ps1');
    source.files.delete('memfs:/ws/c.ps1');
    await feed.scan();
    assert.deepEqual(sent.at(-1), { changed: [{ uri: 'memfs:/ws/a.ps1', text: SCRIPT }], removed: [] });
  });
});

describe('decodeBytes (the web extension) reads files as the CLI does', () => {
  it('agrees with decodeText on every profile of test/fixtures/profiles (UTF-8 with and without BOM, UTF-16LE with BOM)', () => {
    let utf16 = 0;
    for (const { file } of corpusEntries(FIXTURE_PROFILES_DIR)) {
      const bytes = readFileSync(path.join(FIXTURE_PROFILES_DIR, file));
      const decoded = decodeText(bytes);
      if (decoded.encoding !== 'utf8') utf16++;
      assert.equal(decodeBytes(new Uint8Array(bytes)), decoded.text, file);
    }
    assert.ok(utf16 > 0, 'the profiles include UTF-16 files');
  });

  it('agrees on encodings without a BOM, a second BOM, and on what is not text', () => {
    const cases: Uint8Array[] = [
      new Uint8Array(Buffer.from('<VPNProfile/>', 'utf16le')),
      new Uint8Array(Buffer.from('<VPNProfile/>', 'utf16le').swap16()),
      new Uint8Array([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x3c]),
      new Uint8Array([0xef, 0xbb, 0xbf]),
      new Uint8Array([]),
      new Uint8Array([0x3c, 0xc3]), // truncated UTF-8
      new Uint8Array([0xff, 0xfe, 0x3c]), // odd UTF-16 length
    ];
    for (const bytes of cases) {
      let expected: string | undefined;
      try {
        expected = decodeText(Buffer.from(bytes)).text;
      } catch (error) {
        assert.ok(error instanceof UndecodableError);
        expected = undefined;
      }
      assert.equal(decodeBytes(bytes), expected, `bytes ${[...bytes].join(' ')}`);
    }
  });
});

describe('the worker side of the feed (host/clientFiles.ts)', () => {
  it('keeps only well-formed entries of a notification (it comes from the client as JSON)', () => {
    assert.deepEqual(readWorkspaceFilesParams(null), { changed: [], removed: [] });
    assert.deepEqual(readWorkspaceFilesParams('x'), { changed: [], removed: [] });
    assert.deepEqual(
      readWorkspaceFilesParams({
        changed: [{ uri: 'memfs:/a.xml', text: 'x', extra: 1 }, { uri: 1, text: 'x' }, null, { uri: 'memfs:/b.xml' }],
        removed: ['memfs:/c.xml', 2],
      }),
      { changed: [{ uri: 'memfs:/a.xml', text: 'x' }], removed: ['memfs:/c.xml'] },
    );
  });

  it('indexes profiles and scripts read by the client, leaves open documents alone, and restores the read text on close', () => {
    const { workspace } = createLanguageService();
    const open = new Set<string>();
    const files = createClientFileIndex(workspace, (uri) => open.has(uri));
    files.apply({
      changed: [
        { uri: 'memfs:/ws/p.xml', text: PROFILE },
        { uri: 'memfs:/ws/pom.xml', text: '<project/>' },
        { uri: 'memfs:/ws/readme.md', text: PROFILE },
      ],
      removed: [],
    });
    assert.deepEqual(workspace.uris(), ['memfs:/ws/p.xml']);
    assert.equal(files.size, 1);

    // Open in the editor: the editor's text is indexed by the service; the feed does not overwrite it.
    open.add('memfs:/ws/p.xml');
    workspace.setFile('memfs:/ws/p.xml', 'xml', PROFILE.replace('vpn.example.com', 'edited.example.com'), 7);
    files.apply({ changed: [{ uri: 'memfs:/ws/p.xml', text: PROFILE }], removed: [] });
    assert.match(workspace.files()[0].text, /edited\.example\.com/);
    // Closed without saving: the file as read counts again.
    open.delete('memfs:/ws/p.xml');
    files.closed('memfs:/ws/p.xml');
    assert.equal(workspace.files()[0].text, PROFILE);
    // A file that stops being a profile, and one deleted, leave the index; an unsaved document closes to nothing.
    files.apply({ changed: [{ uri: 'memfs:/ws/p.xml', text: '<other/>' }], removed: [] });
    assert.deepEqual(workspace.uris(), []);
    workspace.setFile('untitled:Untitled-1', 'xml', PROFILE, 1);
    files.closed('untitled:Untitled-1');
    assert.deepEqual(workspace.uris(), []);
  });
});
