// The getting-started walkthrough as a user finds it: Welcome: Open Walkthrough..., the Always On
// VPN entry, its five steps, and a step's page beside it with its screenshot loaded from the
// installed extension (walkthrough pages, unlike the extension page, load local images).
import * as assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import type { UiTest } from './types';
import { pickFocused, runCommand, STEP_MS, visible } from './workbench';

const TITLE = 'Get Started with Always On VPN ProfileXML';
const STEPS = [
  'Open an example profile',
  'See a finding and fix it',
  'Create a profile with the wizard',
  'Set target Windows and deployment',
  'Run the linter in CI',
];

interface PageImage {
  complete: boolean;
  naturalWidth: number;
}
declare const document: {
  images: ArrayLike<PageImage> & Iterable<PageImage>;
  querySelector(selector: string): { textContent: string | null } | null;
};

/** The webview frame that shows a step's page, found by its first heading. */
async function stepFrame(page: Page, heading: string): Promise<Frame> {
  const deadline = Date.now() + STEP_MS;
  for (;;) {
    for (const frame of page.frames()) {
      // A frame that navigates or goes away while it is asked is not the step's.
      const text = await frame.evaluate(() => document.querySelector('h1')?.textContent ?? '').catch(() => '');
      if (text.includes(heading)) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no webview shows the step page "${heading}" within ${STEP_MS / 1000} s`);
    await page.waitForTimeout(250);
  }
}

export const tests: UiTest[] = [
  {
    title: 'UI: the walkthrough opens from the Welcome page with its steps, and a step shows its page and screenshot',
    async run({ page, log }) {
      await runCommand(page, 'View: Close All Editors');
      await runCommand(page, 'Welcome: Open Walkthrough...');
      await page.locator('.quick-input-widget input').fill('Always On VPN');
      await pickFocused(page, TITLE);
      const walkthrough = await visible(page.locator('.gettingStartedContainer'), 'the walkthrough in the Welcome editor');
      await visible(walkthrough.locator('.getting-started-category h2, .category-title', { hasText: TITLE }), 'the walkthrough title');
      for (const step of STEPS) await visible(walkthrough.locator('.getting-started-step', { hasText: step }), `the step "${step}"`);
      log(`walkthrough with ${STEPS.length} steps`);

      await walkthrough.locator('.getting-started-step', { hasText: STEPS[1] }).first().click();
      const frame = await stepFrame(page, 'A finding and its fix');
      const images = await frame.waitForFunction(
        () => {
          const all = [...document.images].map((i) => ({ complete: i.complete, width: i.naturalWidth }));
          return all.length > 0 && all.every((i) => i.complete) ? all : undefined;
        },
        undefined,
        { timeout: STEP_MS },
      );
      const states = (await images.jsonValue()) as { complete: boolean; width: number }[];
      assert.equal(states.length, 1);
      assert.ok(states[0].width > 0, 'the step page shows a broken image');
      log(`step page "${STEPS[1]}" with its screenshot (${states[0].width}px wide)`);
    },
  },
];
