// README images and the VSIX (scripts/vsixReadme.ts says why VS Code's extension page needs https
// URLs). Without a place that publishes them, the VSIX's README names each screenshot instead of
// showing a broken image; the UI test test/e2e/ui/extensionPage.ui.ts sees https images load.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { captionRelativeImages, isRelativeLink, relativeImages } from '../../scripts/vsixReadme';

const ROOT = path.resolve(__dirname, '..', '..');

describe('README images in the VSIX', () => {
  it('finds relative Markdown and HTML images, with titles and angle-bracket paths', () => {
    const markdown =
      '# T\n![one](docs/a.png)\n![two](<docs/b c.jpg> "Title")\n<img src="./docs/c.png" alt="three" width="300">\n![web](https://example.com/x.png)\n';
    assert.deepEqual(relativeImages(markdown), ['docs/a.png', 'docs/b c.jpg', './docs/c.png']);
  });

  it('replaces each relative image by a line naming it, and keeps links, URLs and anchors', () => {
    const markdown =
      'Intro\n\n![A warning in VS Code](docs/a.png)\n\n<img src="docs/c.png" alt="Three">\n\n[rules](docs/rules.md#weak-crypto) ![x](https://example.com/x.png) [top](#top)\n';
    assert.equal(
      captionRelativeImages(markdown),
      'Intro\n\n*Screenshot: A warning in VS Code*\n\n*Screenshot: Three*\n\n[rules](docs/rules.md#weak-crypto) ![x](https://example.com/x.png) [top](#top)\n',
    );
    assert.equal(isRelativeLink('HTTPS://x/y.png'), false);
    assert.equal(isRelativeLink('data:image/png;base64,AA=='), false);
  });

  it('leaves no relative image in the real README, and every image it names exists', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const images = relativeImages(readme);
    assert.ok(images.length >= 2, 'the README has its screenshots');
    for (const image of images) assert.ok(existsSync(path.join(ROOT, image)), `${image} is missing`);
    const captioned = captionRelativeImages(readme);
    assert.deepEqual(relativeImages(captioned), []);
    assert.match(captioned, /\*Screenshot: A ProfileXML warning in VS Code: squiggle, hover and Problems panel\*/);
  });
});
