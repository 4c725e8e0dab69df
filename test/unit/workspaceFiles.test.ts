import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { readRegularFile, readRegularFileSync } from '../../server/src/host/boundedRead';
import { isIndexedPath, readIndexedFile, readWorkspaceFile, scanWorkspace, uriToPath } from '../../server/src/host/workspaceFiles';
import { CLEAN_PROFILE } from '../helpers/service';

// How the server reads the workspace folders for the checks across files (host/workspaceFiles.ts).

describe('workspace files on disk', () => {
  let root: string;
  const write = (path: string, data: string | Buffer): void => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), data);
  };

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'aovpn-scan-'));
    write('profiles/user.xml', CLEAN_PROFILE);
    write('profiles/device.XML', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CLEAN_PROFILE, 'utf16le')]));
    write('profiles/web.config.xml', '<configuration/>');
    write('scripts/Server.ps1', 'Set-VpnServerConfiguration -RevertToDefault\n');
    write('scripts/lib/Module.psm1', 'function Get-X {}\n');
    write('scripts/readme.md', '# notes\n');
    write('node_modules/pkg/profile.xml', CLEAN_PROFILE);
    write('.git/profile.xml', CLEAN_PROFILE);
    write('big/huge.ps1', 'x'.repeat(64));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('reads ProfileXML (any encoding the CLI reads) and scripts, skipping other XML, node_modules and dot folders', async () => {
    const { files, truncated } = await scanWorkspace([root]);
    assert.equal(truncated, false);
    assert.deepEqual(
      files.map((f) => [uriToPath(f.uri)!.slice(root.length + 1), f.languageId]),
      [
        [join('big', 'huge.ps1'), 'powershell'],
        [join('profiles', 'device.XML'), 'xml'],
        [join('profiles', 'user.xml'), 'xml'],
        [join('scripts', 'Server.ps1'), 'powershell'],
        [join('scripts', 'lib', 'Module.psm1'), 'powershell'],
      ],
    );
    assert.equal(files.find((f) => f.uri.endsWith('device.XML'))!.text, CLEAN_PROFILE, 'UTF-16 decoded');
  });

  it('stops at the file limit and skips files above the size limit', async () => {
    const limited = await scanWorkspace([root], { maxFiles: 2, maxBytes: 1 << 20, maxDepth: 20 });
    assert.equal(limited.truncated, true);
    assert.equal(limited.files.length, 2);
    const small = await scanWorkspace([root], { maxFiles: 100, maxBytes: 32, maxDepth: 20 });
    assert.ok(!small.files.some((f) => f.uri.endsWith('huge.ps1')));
  });

  it('tells which paths belong to the indexed workspace', async () => {
    assert.equal(isIndexedPath(join(root, 'scripts', 'x.ps1'), [root]), true);
    assert.equal(isIndexedPath(join(root, 'node_modules', 'x.ps1'), [root]), false);
    assert.equal(isIndexedPath(join(root, '.vscode', 'x.xml'), [root]), false);
    assert.equal(isIndexedPath(join(root, 'notes.txt'), [root]), false);
    assert.equal(isIndexedPath(join(tmpdir(), 'elsewhere.ps1'), [root]), false);
    assert.equal(await readWorkspaceFile(join(root, 'profiles', 'web.config.xml')), undefined);
    assert.equal(await readWorkspaceFile(join(root, 'missing.ps1')), undefined);
    assert.equal(
      (await readWorkspaceFile(join(root, 'profiles', 'user.xml')))?.uri,
      pathToFileURL(join(root, 'profiles', 'user.xml')).href,
    );
  });
});

describe('reading files a repository controls (links, procfs, devices)', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'aovpn-bounded-'));
    mkdirSync(join(dir, 'ws'));
    mkdirSync(join(dir, 'outside'));
    writeFileSync(join(dir, 'outside', 'server.ps1'), 'Set-VpnServerConfiguration -CustomPolicy\n');
    symlinkSync(join(dir, 'outside'), join(dir, 'ws', 'linked'));
    symlinkSync('/proc/self/pagemap', join(dir, 'ws', 'evil.ps1'));
    writeFileSync(join(dir, 'ws', 'real.ps1'), 'Get-VpnConnection\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('the size limit holds for the bytes read, not for what stat says (procfs files say 0)', async () => {
    assert.equal(statSync('/proc/self/pagemap').size, 0);
    assert.deepEqual(await readRegularFile('/proc/self/pagemap', { maxBytes: 1024 * 1024, followSymlink: true }), { kind: 'too-large' });
    assert.deepEqual(readRegularFileSync('/proc/self/pagemap', { maxBytes: 1024 * 1024, followSymlink: true }), { kind: 'too-large' });
    const status = readRegularFileSync('/proc/self/status', { maxBytes: 1024 * 1024, followSymlink: true });
    assert.equal(status.kind, 'read');
  });

  it('refuses what is not a regular file (a device, a folder) and a link unless asked to follow it', async () => {
    assert.deepEqual(readRegularFileSync('/dev/zero', { maxBytes: 1024, followSymlink: true }), { kind: 'not-regular' });
    assert.deepEqual(await readRegularFile(dir, { maxBytes: 1024, followSymlink: true }), { kind: 'not-regular' });
    assert.deepEqual(readRegularFileSync(join(dir, 'ws', 'evil.ps1'), { maxBytes: 1024, followSymlink: false }), { kind: 'symlink' });
  });

  it('the workspace index reads neither links nor files below a linked folder; a real file it reads', async () => {
    const folders = [join(dir, 'ws')];
    assert.equal(await readWorkspaceFile(join(dir, 'ws', 'evil.ps1')), undefined);
    assert.equal(await readIndexedFile(join(dir, 'ws', 'evil.ps1'), folders), undefined);
    assert.equal(await readIndexedFile(join(dir, 'ws', 'linked', 'server.ps1'), folders), undefined);
    assert.equal((await readIndexedFile(join(dir, 'ws', 'real.ps1'), folders))?.text, 'Get-VpnConnection\n');
    const { files } = await scanWorkspace(folders);
    assert.deepEqual(
      files.map((f) => f.uri),
      [pathToFileURL(join(dir, 'ws', 'real.ps1')).href],
    );
  });
});
