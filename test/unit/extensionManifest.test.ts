// What makes the VSIX publishable and the extension look native, checked on package.json and on
// the file list vsce packages (its own listFiles, without building): icon, banner, changelog,
// one command category, the restart and settings commands, the trace setting, the walkthrough
// and its media. The e2e suites check the same things in the installed extension.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { listFiles, PackageManager } from '@vscode/vsce';
import { CONVENTION_COMMANDS } from '../../client/src/commandIds';
import { CLIENT_COMMANDS } from '../../server/src/service/authoring/protocol';

const ROOT = path.resolve(__dirname, '..', '..');

interface Step {
  id: string;
  title: string;
  description: string;
  media: { image?: string; markdown?: string; svg?: string; altText?: string };
  completionEvents?: string[];
}
interface Manifest {
  version: string;
  icon?: string;
  galleryBanner?: { color?: string; theme?: string };
  engines: Record<string, string>;
  devDependencies: Record<string, string>;
  overrides?: Record<string, string>;
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    configuration: { properties: Record<string, { enum?: string[]; default?: unknown; scope?: string }> };
    walkthroughs?: { id: string; title: string; steps: Step[] }[];
  };
}
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', `${file} is not a PNG`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('publishable VSIX', () => {
  it('has a PNG icon of at least 128×128 and a gallery banner', () => {
    assert.ok(manifest.icon, 'no icon in package.json');
    const { width, height } = pngSize(path.join(ROOT, manifest.icon));
    assert.ok(width >= 128 && height >= 128, `icon is ${width}×${height}`);
    assert.equal(width, height, 'the icon is square');
    assert.match(manifest.galleryBanner?.color ?? '', /^#[0-9a-f]{6}$/i);
    assert.ok(manifest.galleryBanner?.theme === 'dark' || manifest.galleryBanner?.theme === 'light');
  });

  it('has a changelog whose newest entry is the package version', () => {
    const changelog = readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');
    const first = /^## (\d+\.\d+\.\d+)/m.exec(changelog);
    assert.equal(first?.[1], manifest.version);
    assert.match(changelog, /^## 0\.1\.0 \(2026-11-25\)/m);
  });

  it('packages the icon, changelog, README, walkthrough media and the example, and nothing from the source tree', async () => {
    const files = (await listFiles({ cwd: ROOT, packageManager: PackageManager.None })).map((f) => f.replace(/\\/g, '/'));
    const steps = manifest.contributes.walkthroughs?.flatMap((w) => w.steps) ?? [];
    const media = steps.flatMap((s) => [s.media.image, s.media.markdown, s.media.svg]).filter((m): m is string => !!m);
    // Images the walkthrough's pages show, relative to each page.
    const pageImages = media
      .filter((m) => m.endsWith('.md'))
      .flatMap((m) =>
        [...readFileSync(path.join(ROOT, m), 'utf8').matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((i) =>
          path.posix.normalize(path.posix.join(path.posix.dirname(m), i[1])),
        ),
      );
    assert.ok(pageImages.length >= 2, 'the walkthrough pages show the screenshots');
    for (const file of [
      manifest.icon!,
      'CHANGELOG.md',
      'README.md',
      'LICENSE',
      'package.json',
      'examples/user-tunnel.xml',
      'dist/extension.js',
      'dist/browser/extension.js',
      ...media,
      ...pageImages,
    ]) {
      assert.ok(files.includes(file), `${file} is not packaged (.vscodeignore)`);
    }
    for (const file of files)
      assert.doesNotMatch(
        file,
        /^(client|server|test|scripts|node_modules|bench|fuzz)\/|\.ts$|\.map$/,
        `${file} should not be in the VSIX`,
      );
  });

  it('declares engines the whole toolchain supports: Node 20 for everything but the e2e VS Code', () => {
    assert.equal(manifest.engines.node, '>=20');
    // The next releases declare Node 22 (npm ci warned EBADENGINE); keep these until the project moves to Node 22.
    assert.equal(manifest.devDependencies['@vscode/vsce'], '3.9.2');
    assert.equal(manifest.devDependencies['@vscode/test-electron'], '2.5.2');
    assert.equal(manifest.overrides?.['@azure/identity'], '4.13.0');
    const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { engines?: { node?: string } }>;
    };
    // A range that starts at Node 22 or later and offers no alternative (`>=22`, `>= 22.0.0`, `^22`).
    const need22 = Object.entries(lock.packages)
      .filter(([, p]) => /^\s*(?:>=?\s*|\^)(?:2[2-9]|[3-9]\d)\b/.test(p.engines?.node ?? '') && !(p.engines?.node ?? '').includes('||'))
      .map(([name, p]) => `${name} (${p.engines?.node})`);
    assert.ok(
      !Object.keys(lock.packages).some((name) => name.endsWith('@azure/core-process')),
      '@azure/core-process (Node 22) is back in the lock',
    );
    assert.deepEqual(need22, [], 'a dependency requires Node 22 or later');
  });
});

describe('conventions of a language extension', () => {
  it('puts every command in one category, "Always On VPN", with a unique title', () => {
    const commands = manifest.contributes.commands;
    assert.deepEqual([...new Set(commands.map((c) => c.category))], ['Always On VPN']);
    assert.equal(new Set(commands.map((c) => c.title)).size, commands.length);
    for (const c of commands) assert.doesNotMatch(c.title, /Always On VPN/, `"${c.title}" repeats the category`);
  });

  it('contributes the restart, settings and example commands the client registers', () => {
    const contributed = new Set(manifest.contributes.commands.map((c) => c.command));
    for (const id of Object.values(CONVENTION_COMMANDS)) assert.ok(contributed.has(id), `package.json does not contribute ${id}`);
    assert.equal(
      manifest.contributes.commands.find((c) => c.command === CONVENTION_COMMANDS.restartServer)?.title,
      'Restart Language Server',
    );
  });

  it('has the aovpn.trace.server setting with the values the language client reads', () => {
    const trace = manifest.contributes.configuration.properties['aovpn.trace.server'];
    assert.deepEqual(trace?.enum, ['off', 'messages', 'verbose']);
    assert.equal(trace?.default, 'off');
    assert.equal(trace?.scope, 'window');
  });

  it('has a walkthrough whose steps exist, link only to commands that exist, and complete on real events', () => {
    const walkthroughs = manifest.contributes.walkthroughs ?? [];
    assert.equal(walkthroughs.length, 1);
    const steps = walkthroughs[0].steps;
    assert.deepEqual(
      steps.map((s) => s.id),
      ['openExample', 'fixFinding', 'newProfile', 'targetAndDeployment', 'ci'],
    );
    const ours = new Set(manifest.contributes.commands.map((c) => c.command));
    // VS Code's own commands the steps link to.
    const builtIn = new Set(['workbench.actions.view.problems']);
    const settings = new Set(Object.keys(manifest.contributes.configuration.properties));
    for (const step of steps) {
      const media = step.media.markdown ?? step.media.image ?? step.media.svg;
      assert.ok(media && existsSync(path.join(ROOT, media)), `${step.id}: media ${media} is missing`);
      if (step.media.image) assert.ok(step.media.altText, `${step.id}: an image needs altText`);
      for (const [, command] of step.description.matchAll(/\(command:([\w.]+)/g))
        assert.ok(ours.has(command) || builtIn.has(command), `${step.id} links to unknown command ${command}`);
      for (const event of step.completionEvents ?? []) {
        const [kind, arg] = event.split(/:(.*)/s);
        if (kind === 'onCommand') assert.ok(ours.has(arg), `${step.id}: ${event}`);
        else if (kind === 'onSettingChanged') assert.ok(settings.has(arg), `${step.id}: ${event}`);
        else assert.ok(['onView', 'onStepSelected'].includes(kind), `${step.id}: unexpected completion event ${event}`);
      }
    }
    assert.ok(steps[2].description.includes(`command:${CLIENT_COMMANDS.newProfile}`));
  });
});
