// `npm run package`: builds the production bundles and packages dist/aovpn-profilexml.vsix with
// @vscode/vsce.
//
//   npm run package                    a self-contained VSIX: README images inlined (vsixReadme.ts)
//   npm run package -- --marketplace   for publishing: package.json must name the public repository;
//                                      vsce then points the README's relative links and images at it
//                                      (https URLs, which the Marketplace requires), and checks them
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { inlineReadmeImages } from './vsixReadme';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join('dist', 'aovpn-profilexml.vsix');
/** Inside the project (vsce takes the README from the files it packages), and git-ignored. */
const VSIX_README = path.join('dist', 'package', 'README.md');

const { values: options } = parseArgs({ options: { marketplace: { type: 'boolean', default: false } } });

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`${path.basename(command)} ${args.join(' ')} failed (${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

run(process.execPath, ['scripts/build.mjs', '--production']);

const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
const common = ['package', '--no-dependencies', '--out', OUT];
if (options.marketplace) {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { repository?: unknown };
  if (!manifest.repository) {
    console.error('--marketplace: package.json names no "repository". The Marketplace shows README images only from https URLs; add the public repository (vsce points relative links at it), then package again.');
    process.exit(2);
  }
  run(process.execPath, [vsce, ...common]);
} else {
  const { text, images } = inlineReadmeImages(readFileSync(path.join(ROOT, 'README.md'), 'utf8'), ROOT);
  mkdirSync(path.dirname(path.join(ROOT, VSIX_README)), { recursive: true });
  writeFileSync(path.join(ROOT, VSIX_README), text);
  console.log(`README for the VSIX: ${images.length} image(s) inlined (${images.join(', ')})`);
  // The links are already what the VSIX needs: vsce must neither rewrite them nor ask for a repository.
  run(process.execPath, [vsce, ...common, '--readme-path', VSIX_README, '--no-rewrite-relative-links', '--allow-missing-repository']);
}
console.log(`${OUT}: ${(statSync(path.join(ROOT, OUT)).size / 1024).toFixed(0)} KiB`);
