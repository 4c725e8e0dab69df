// Steps the UI tests take in the workbench, as a user would: the Command Palette, Quick Open,
// waiting for something to show, screenshots.
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';

export const STEP_MS = 30_000;

/** Enter once the list has caught up with the typed text: the focused (first) row is the one wanted. */
export async function pickFocused(page: Page, text: string): Promise<void> {
  await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: text }).waitFor({ timeout: STEP_MS });
  await page.keyboard.press('Enter');
}

/**
 * Runs a command from the Command Palette. Commands of views that load late (the Extensions
 * view's, right after a window reload) may be missing at first: the palette is reopened until the
 * command is listed or STEP_MS has passed.
 */
export async function runCommand(page: Page, title: string): Promise<void> {
  const deadline = Date.now() + STEP_MS;
  for (;;) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: STEP_MS });
    await input.fill(`>${title}`);
    const row = page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: title });
    try {
      await row.waitFor({ timeout: Math.min(5_000, Math.max(1, deadline - Date.now())) });
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await page.keyboard.press('Escape');
      continue;
    }
    await page.keyboard.press('Enter');
    return;
  }
}

export async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: STEP_MS });
  await input.fill(name);
  await pickFocused(page, name);
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: STEP_MS });
}

export async function screenshot(page: Page, file: string, log: (line: string) => void): Promise<void> {
  await page.screenshot({ path: file });
  log(`screenshot ${path.relative(process.cwd(), file)}`);
}

export async function visible(locator: Locator, what: string, timeout = STEP_MS): Promise<Locator> {
  try {
    await locator.first().waitFor({ state: 'visible', timeout });
  } catch {
    throw new Error(`${what} did not appear within ${timeout / 1000} s`);
  }
  return locator.first();
}
