// The VSIX's copy of the README carries its images as data: URLs (scripts/vsixReadme.ts says
// why); the UI test test/e2e/ui/extension-page.ui.ts sees them load on the extension's page.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inlineReadmeImages, isRelativeLink } from '../../scripts/vsixReadme';

const ROOT = path.resolve(__dirname, '..', '..');
const files: Record<string, Buffer> = {
  [path.resolve('/r/docs/a.png')]: Buffer.from('PNG-A'),
  [path.resolve('/r/docs/b c.jpg')]: Buffer.from('JPG-B'),
};
const readFile = (file: string): Buffer => {
  const bytes = files[file];
  if (!bytes) throw new Error(`ENOENT: ${file}`);
  return bytes;
};
const b64 = (text: string): string => Buffer.from(text).toString('base64');

describe('README images in the VSIX', () => {
  it('inlines relative Markdown and HTML images, with titles and angle-bracket paths', () => {
    const markdown = '# T\n![one](docs/a.png)\n![two](<docs/b c.jpg> "Title")\n<img src="./docs/a.png" width="300">\n';
    const { text, images } = inlineReadmeImages(markdown, '/r', readFile);
    assert.equal(
      text,
      `# T\n![one](data:image/png;base64,${b64('PNG-A')})\n![two](data:image/jpeg;base64,${b64('JPG-B')} "Title")\n<img src="data:image/png;base64,${b64('PNG-A')}" width="300">\n`,
    );
    assert.deepEqual(images, [path.join('docs', 'a.png'), path.join('docs', 'b c.jpg'), path.join('docs', 'a.png')]);
  });

  it('leaves links, URLs, anchors and data URLs alone', () => {
    const markdown = '[rules](docs/rules.md#weak-crypto) ![x](https://example.com/x.png) ![y](data:image/png;base64,AA==) [top](#top)';
    assert.equal(inlineReadmeImages(markdown, '/r', readFile).text, markdown);
    assert.equal(isRelativeLink('docs/x.png'), true);
    assert.equal(isRelativeLink('HTTPS://x/y.png'), false);
  });

  it('fails clearly on a missing image or one that cannot be inlined', () => {
    assert.throws(() => inlineReadmeImages('![m](docs/missing.png)', '/r', readFile), /README image docs\/missing\.png cannot be read/);
    assert.throws(() => inlineReadmeImages('![s](docs/logo.svg)', '/r', readFile), /only PNG, JPEG and GIF/);
  });

  it('leaves no relative image in the real README, and each data URL holds the file', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const { text, images } = inlineReadmeImages(readme, ROOT);
    assert.ok(images.length >= 2, 'the README has its screenshots');
    const sources = [...text.matchAll(/!\[[^\]]*\]\(([^)\s]+)/g)].map((m) => m[1]);
    for (const src of sources) assert.ok(!isRelativeLink(src), `relative image left: ${src}`);
    const first = /!\[[^\]]*\]\(data:image\/png;base64,([^)\s]+)/.exec(text);
    assert.ok(first);
    assert.deepEqual(Buffer.from(first[1], 'base64'), readFileSync(path.join(ROOT, images[0])));
  });
});
