// Drives the workbench itself, as a user would: open the user tunnel example, find the warning in
// the editor and the Problems panel, hover it, fix it from the light bulb menu (Ctrl+.). Takes the
// screenshots in docs/images on the way.
import * as assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { UiTest } from './types';
import { openFile, runCommand, screenshot, STEP_MS, visible } from './workbench';

const FILE = 'user-tunnel.xml';
const RULE = 'crypto-suite-ignored-automatic';
const FIX = 'Set NativeProtocolType to IKEv2';

/** The editor's rendered text, with Monaco's non-breaking spaces turned back into spaces. */
async function editorText(page: Page): Promise<string> {
  const text = await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().textContent();
  return (text ?? '').replace(/\u00a0/g, ' ');
}

export const tests: UiTest[] = [
  {
    title: `UI: ${FILE} shows ${RULE} in the editor and the Problems panel, and the light bulb fixes it`,
    async run({ page, screenshotsDir, log }) {
      await runCommand(page, 'View: Close All Editors');
      await openFile(page, FILE);
      const editor = page.locator('.editor-group-container.active .monaco-editor').first();
      await visible(
        editor.locator('.view-line', { hasText: '<NativeProtocolType>Automatic</NativeProtocolType>' }),
        'the NativeProtocolType line',
      );

      // The squiggle under the value, and the problem in the Problems panel with its rule id.
      await visible(editor.locator('.squiggly-warning'), 'the warning squiggle');
      await page.keyboard.press('Control+Shift+M');
      const problems = page.locator('.markers-panel');
      // deploy-profile.ps1 (closed) shows the same rule: the row of this file is the one on line 15.
      const ownRow = problems.locator('.monaco-list-row', { hasText: RULE }).filter({ hasText: /\[Ln 15, Col \d+\]/ });
      const row = await visible(ownRow, `the ${RULE} row of line 15 in the Problems panel`);
      assert.match((await row.textContent()) ?? '', /ignores the CryptographySuite/);
      log('Problems panel lists the warning with its rule id');

      // Opening the panel shrinks the editor, which may scroll line 15 out of its rendered
      // lines: choose the problem in the panel (as a user would) to reveal it, then hover it.
      await row.click();
      const revealed = await visible(editor.locator('.squiggly-warning'), 'the warning squiggle, revealed from the Problems panel');
      // Hover the squiggle: the message (and the element's documentation) in the hover.
      const box = await revealed.boundingBox();
      assert.ok(box, 'the squiggle has no box on screen');
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      const hover = await visible(page.locator('.monaco-hover', { hasText: 'error 800' }), 'the hover with the diagnostic message');
      assert.match((await hover.textContent()) ?? '', /ignores the CryptographySuite/);
      await screenshot(page, path.join(screenshotsDir, 'diagnostics.png'), log);

      // Put the cursor on the value (click where the squiggle is) and ask for the quick fixes with Ctrl+.
      await page.keyboard.press('Escape');
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await visible(page.locator('.statusbar-item', { hasText: /Ln 15, Col \d+/ }), 'the cursor on line 15 (status bar)');
      // The pointer still rests on the squiggle, so its hover comes back, and a Ctrl+. pressed
      // while the hover opens can be lost (seen once in CI): move the pointer off the editor and
      // wait until no hover is shown before asking for the quick fixes.
      await page.mouse.move(1, 1);
      await page.keyboard.press('Escape');
      await page.locator('.monaco-hover:visible').waitFor({ state: 'detached', timeout: STEP_MS });
      await page.keyboard.press('Control+Period');
      const menu = await visible(page.locator('.action-widget'), 'the quick fix menu (Ctrl+.)');
      const item = await visible(menu.locator('.monaco-list-row', { hasText: FIX }), `"${FIX}" in the quick fix menu`);
      await item.hover();
      await screenshot(page, path.join(screenshotsDir, 'quick-fix.png'), log);
      await item.click();

      // The document changed, and the problem is gone from the Problems panel.
      await visible(
        editor.locator('.view-line', { hasText: '<NativeProtocolType>IKEv2</NativeProtocolType>' }),
        'the fixed NativeProtocolType line',
      );
      const text = await editorText(page);
      assert.ok(!text.includes('<NativeProtocolType>Automatic</NativeProtocolType>'), 'the old value is still in the editor');
      await ownRow.first().waitFor({ state: 'detached', timeout: STEP_MS });
      log('the quick fix changed the editor text and the warning is gone');
    },
  },
];
