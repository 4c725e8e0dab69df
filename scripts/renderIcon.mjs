// Renders media/icon.svg (drawn for this project) to media/icon.png, the extension's icon in
// VS Code and the Marketplace (a PNG of at least 128×128 pixels; SVG icons are not accepted).
// Uses Chromium through playwright-core, as the end-to-end tests do; run it after editing the SVG:
//   node scripts/renderIcon.mjs
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = path.join(ROOT, 'media', 'icon.svg');
const TARGET = path.join(ROOT, 'media', 'icon.png');
/** The SVG is drawn on 128 units; twice that in pixels keeps it sharp on high-density screens. */
const SIZE = 256;

const browser = await chromium.launch({
  executablePath: process.env.AOVPN_E2E_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
});
try {
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE } });
  const svg = readFileSync(SOURCE, 'utf8').replace(/width="128" height="128"/, `width="${SIZE}" height="${SIZE}"`);
  await page.setContent(`<!DOCTYPE html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: TARGET, omitBackground: true });
  console.log(`wrote ${path.relative(ROOT, TARGET)} (${SIZE}×${SIZE})`);
} finally {
  await browser.close();
}
