// Typing in a script as a user does: `-` after a VPN cmdlet opens its parameters, a space after
// -DHGroup its values, without snippets among them; in XML a typed `-` opens nothing.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import type { UiTest } from './types';

const STEP_MS = 30_000;
/** How long "nothing opens" is watched for: the server answers a completion in milliseconds. */
const QUIET_MS = 2_000;

async function pickFocused(page: Page, text: string): Promise<void> {
  await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: text }).waitFor({ timeout: STEP_MS });
  await page.keyboard.press('Enter');
}

async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: STEP_MS });
  await input.fill(`>${title}`);
  await pickFocused(page, title);
}

/** A new untitled editor in `language` (the name the language picker shows). */
async function newEditor(page: Page, language: string): Promise<Locator> {
  // Its keybinding: in the Command Palette "File: Compare New Untitled Text Files" may come first.
  await page.keyboard.press('Control+Alt+N');
  await page.locator('.tabs-container .tab.active', { hasText: /Untitled-\d+/ }).waitFor({ timeout: STEP_MS });
  await runCommand(page, 'Change Language Mode');
  await page.locator('.quick-input-widget input').fill(language);
  await pickFocused(page, language);
  const editor = page.locator('.editor-group-container.active .monaco-editor').first();
  await editor.locator('.view-lines').click();
  return editor;
}

function suggestions(page: Page): Locator {
  return page.locator('.editor-widget.suggest-widget.visible .monaco-list-row');
}

async function visible(locator: Locator, what: string): Promise<Locator> {
  try {
    await locator.first().waitFor({ state: 'visible', timeout: STEP_MS });
  } catch {
    throw new Error(`${what} did not appear within ${STEP_MS / 1000} s`);
  }
  return locator.first();
}

async function closeWithoutSaving(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await runCommand(page, 'View: Revert and Close Editor');
}

export const tests: UiTest[] = [
  {
    title: 'UI: in a script, - after a VPN cmdlet opens its parameters and a space after -DHGroup its values',
    async run({ page, log }) {
      await runCommand(page, 'View: Close All Editors');
      await newEditor(page, 'PowerShell');
      try {
        await page.keyboard.type('Set-VpnConnectionIPsecConfiguration -ConnectionName Contoso ');
        // Whatever the typing opened is closed: what opens now comes from the `-`.
        await page.keyboard.press('Escape');
        await page.locator('.editor-widget.suggest-widget.visible').waitFor({ state: 'detached', timeout: STEP_MS });
        await page.keyboard.type('-');
        await visible(suggestions(page).filter({ hasText: '-DHGroup' }), 'the parameter list after typing -');
        log('typing - listed the parameters');

        await page.keyboard.type('DHGr');
        await visible(
          page.locator('.editor-widget.suggest-widget.visible .monaco-list-row.focused', { hasText: '-DHGroup' }),
          '-DHGroup focused',
        );
        await page.keyboard.press('Enter');
        await page.keyboard.type(' ');
        await visible(suggestions(page).filter({ hasText: 'Group14' }), 'the values of -DHGroup after typing a space');
        const rows = await suggestions(page).allTextContents();
        assert.ok(!rows.some((r) => r.includes('aovpn-')), `snippets among the values: ${rows.join(' | ')}`);
        log(`typing a space after -DHGroup listed its values: ${rows.length} rows, no snippets`);
      } finally {
        await closeWithoutSaving(page);
      }
    },
  },
  {
    title: 'UI: in XML a typed - opens no suggestions',
    async run({ page, log }) {
      await runCommand(page, 'View: Close All Editors');
      await newEditor(page, 'XML');
      await page.keyboard.type('<VPNProfile>');
      await page.keyboard.press('Escape');
      await page.keyboard.press('Enter');
      await page.keyboard.type('  <DnsSuffix>corp');
      await page.keyboard.press('Escape');
      await page.locator('.editor-widget.suggest-widget.visible').waitFor({ state: 'detached', timeout: STEP_MS });
      try {
        await page.keyboard.type('-');
        await page.waitForTimeout(QUIET_MS);
        // VS Code's own quick suggestions may show Emmet's expansion of "corp-" (Emmet is built
        // in and works in XML); nothing else may be there.
        const rows = await suggestions(page).allTextContents();
        const ours = rows.filter((row) => !row.includes('Emmet Abbreviation'));
        assert.deepEqual(ours, [], `suggestions opened after - in XML: ${rows.join(' | ')}`);
        log(
          `nothing from the extension within ${QUIET_MS} ms of typing - in XML${rows.length > 0 ? ` (Emmet offered ${rows.length})` : ''}`,
        );
      } finally {
        await closeWithoutSaving(page);
      }
    },
  },
];
