// `npm run package`: builds the production bundles and packages dist/aovpn-profilexml.vsix with
// @vscode/vsce. VS Code's extension page shows README images only from https URLs (vsixReadme.ts
// says why), so the README's screenshots reach the page in one of two ways:
//
//   package.json names the public "repository"   vsce points the README's relative links and
//                                                  images at it (what the Marketplace needs)
//   npm run package -- --images-url <https URL>    images at <URL>/docs/images/…, wherever the
//                                                  screenshots are published (links stay as written)
//
// With neither, the VSIX's README names each screenshot in a line instead (no broken image); the
// screenshots are in the VSIX anyway, shown by the walkthrough.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { captionRelativeImages, relativeImages } from './vsixReadme';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join('dist', 'aovpn-profilexml.vsix');
/** Inside the project (vsce takes the README from the files it packages), and git-ignored. */
const CAPTIONED_README = path.join('dist', 'package', 'README.md');

const { values: options } = parseArgs({ options: { 'images-url': { type: 'string' } } });

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`${path.basename(command)} ${args.join(' ')} failed (${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const missing = relativeImages(readme).filter((image) => !statSafe(path.join(ROOT, image)));
if (missing.length > 0) {
  console.error(`README.md shows images that do not exist: ${missing.join(', ')}`);
  process.exit(1);
}

run(process.execPath, ['scripts/build.mjs', '--production']);

const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
const common = ['package', '--no-dependencies', '--out', OUT];
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { repository?: unknown };
const imagesUrl = options['images-url'];
if (imagesUrl !== undefined) {
  if (!/^https:\/\/[^/]+/.test(imagesUrl)) {
    console.error(`--images-url must be an https URL (VS Code and the Marketplace show README images only from https): ${imagesUrl}`);
    process.exit(2);
  }
  console.log(`README images from ${imagesUrl}`);
  run(process.execPath, [vsce, ...common, '--baseImagesUrl', imagesUrl, ...(manifest.repository ? [] : ['--allow-missing-repository'])]);
} else if (manifest.repository) {
  console.log('README links and images point at the repository named in package.json');
  run(process.execPath, [vsce, ...common]);
} else {
  mkdirSync(path.dirname(path.join(ROOT, CAPTIONED_README)), { recursive: true });
  writeFileSync(path.join(ROOT, CAPTIONED_README), captionRelativeImages(readme));
  console.log(
    'No "repository" in package.json and no --images-url: the VSIX README names its screenshots instead of showing them (VS Code shows README images only from https URLs)',
  );
  run(process.execPath, [vsce, ...common, '--readme-path', CAPTIONED_README, '--no-rewrite-relative-links', '--allow-missing-repository']);
}
console.log(`${OUT}: ${(statSync(path.join(ROOT, OUT)).size / 1024).toFixed(0)} KiB`);

function statSafe(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
