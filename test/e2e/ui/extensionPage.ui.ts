// The extension's page in VS Code's Extensions view, as someone who installed the VSIX sees it:
// its icon, name and description, a Changelog tab, and the README with its screenshots loaded.
// VS Code shows README images only from https URLs (scripts/vsixReadme.ts): the launcher packages
// the README with its images at an https address, and this test answers that address with the
// files of docs/images, as the public repository would. Saves docs/images/extension-page.png with
// --update-screenshots. (The gallery banner colours the Marketplace page only: VS Code's
// extension page does not use it.)
import * as assert from 'node:assert/strict';
import path from 'node:path';
import type { Frame, Page, Route } from 'playwright-core';
import type { UiTest } from './types';
import { runCommand, screenshot, STEP_MS, visible } from './workbench';

const DISPLAY_NAME = 'Always On VPN ProfileXML';
const README_HEADING = 'Always On VPN ProfileXML and PowerShell';

/** The page's DOM, typed only as far as these checks use it (the e2e sources compile without the DOM library). */
interface PageImage {
  src: string;
  complete: boolean;
  naturalWidth: number;
  scrollIntoView(options: { block: string }): void;
}
declare const document: {
  images: ArrayLike<PageImage> & Iterable<PageImage>;
  querySelector(selector: string): { textContent: string | null } | null;
};

interface ImageState {
  src: string;
  complete: boolean;
  width: number;
}

/** The webview frame that shows the README (webviews nest an iframe in an iframe). */
async function readmeFrame(page: Page): Promise<Frame> {
  const deadline = Date.now() + STEP_MS;
  for (;;) {
    for (const frame of page.frames()) {
      // A frame that navigates or goes away while it is asked is not the README's.
      const heading = await frame.evaluate(() => document.querySelector('h1')?.textContent ?? '').catch(() => '');
      if (heading.includes(README_HEADING)) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no webview shows the README (heading "${README_HEADING}") within ${STEP_MS / 1000} s`);
    await page.waitForTimeout(250);
  }
}

/** Opens the extension's page from the installed extensions and checks it; takes the screenshot. */
async function showPage(page: Page, screenshotsDir: string, log: (line: string) => void): Promise<void> {
  await runCommand(page, 'View: Close All Editors');
  await runCommand(page, 'Extensions: Show Installed Extensions');
  const row = await visible(
    page.locator('.extensions-list .monaco-list-row', { hasText: DISPLAY_NAME }),
    `${DISPLAY_NAME} in the installed extensions`,
  );
  await row.click();
  const editor = await visible(page.locator('.extension-editor'), 'the extension page');
  await visible(editor.locator('.header .name', { hasText: DISPLAY_NAME }), 'the extension name in the page header');

  // The icon: the PNG from the VSIX, loaded (a missing icon falls back to a default image).
  const icon = editor.locator('.header .icon-container img.icon');
  await visible(icon, 'the icon in the page header');
  await page.waitForFunction(
    (element) => (element as unknown as PageImage).complete && (element as unknown as PageImage).naturalWidth > 0,
    await icon.elementHandle(),
    { timeout: STEP_MS },
  );
  const iconSrc = (await icon.getAttribute('src')) ?? '';
  assert.doesNotMatch(iconSrc, /defaultIcon/i, 'the page shows the default icon');
  log(`icon: ${iconSrc.slice(0, 120)}`);
  await visible(editor.locator('.navbar', { hasText: 'Changelog' }), 'the Changelog tab');

  // Every README image loaded, none broken.
  const frame = await readmeFrame(page);
  const images = await frame.waitForFunction(
    () => {
      const all = [...document.images].map((i) => ({ src: i.src.slice(0, 40), complete: i.complete, width: i.naturalWidth }));
      return all.length > 0 && all.every((i) => i.complete) ? all : undefined;
    },
    undefined,
    { timeout: STEP_MS },
  );
  const states = (await images.jsonValue()) as ImageState[];
  log(`README images: ${states.map((s) => `${s.src}… ${s.width}px`).join(', ')}`);
  assert.ok(states.length >= 2, `the README shows ${states.length} image(s)`);
  for (const state of states) assert.ok(state.width > 0, `a README image is broken: ${state.src}…`);

  // Bring the first screenshot into view under the header, then take the page's picture.
  await frame.evaluate(() => document.images[0]?.scrollIntoView({ block: 'center' }));
  await page.waitForTimeout(300);
  await screenshot(page, path.join(screenshotsDir, 'extension-page.png'), log);
}

export const tests: UiTest[] = [
  {
    title: 'UI: the extension page shows the icon, the changelog tab and the README with its images',
    async run({ page, screenshotsDir, readmeImages, log }) {
      const served: string[] = [];
      const serve = async (route: Route): Promise<void> => {
        const relative = decodeURIComponent(new URL(route.request().url()).pathname).replace(/^\/+/, '');
        // Only the screenshots: nothing else of the repository is served.
        if (!/^docs\/images\/[\w-]+\.png$/.test(relative)) return route.abort();
        served.push(relative);
        return route.fulfill({ path: path.join(readmeImages.root, relative), contentType: 'image/png' });
      };
      await page.context().route(`${readmeImages.url}**`, serve);
      try {
        await showPage(page, screenshotsDir, log);
      } finally {
        await page.context().unroute(`${readmeImages.url}**`, serve);
      }
      assert.ok(served.length >= 2, `the page asked for ${served.length} README image(s) at ${readmeImages.url}`);
      log(`README images served: ${served.join(', ')}`);
    },
  },
];
