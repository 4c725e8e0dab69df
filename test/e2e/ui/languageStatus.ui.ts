// The language status item as a user sees it: hover the "{ }" language status in the status bar
// on a profile and on a VPN script, read what the Always On VPN item says, change the deployment
// through its link, and see it follow; a target Windows the checks do not know (typed into
// .vscode/settings.json) turns it into a warning. Other XML has no Always On VPN item.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { UiTest } from './types';
import { openFile, pickFocused, runCommand, STEP_MS, visible } from './workbench';

const NAME = 'Always On VPN';

/** Opens the language status hover and returns the Always On VPN entry in it (or undefined when there is none). */
async function statusEntry(page: Page, expectPresent = true): Promise<Locator | undefined> {
  // Any hover or quick input left open would cover the status bar or swallow the pointer.
  await page.keyboard.press('Escape');
  await page.mouse.move(1, 1);
  const item = page.locator('.statusbar-item[id="status.languageStatus"]');
  if (!expectPresent && (await settledWithout(page, item))) return undefined;
  await visible(item, 'the language status ({ }) in the status bar');
  await item.hover();
  // One .hover-language-status per item in the hover: severity icon, label and detail, link.
  await visible(page.locator('.hover-language-status'), 'the language status hover');
  const entry = page.locator('.hover-language-status', { hasText: /deployment|Intune|PowerShell|Language server/ });
  if (!expectPresent) return (await entry.count()) > 0 ? entry.first() : undefined;
  return visible(entry, `the ${NAME} entry in the language status hover`);
}

/**
 * Whether the { } item is gone once the status bar has followed the editor change: right after
 * switching editors it may still show the previous editor's item for a moment.
 */
async function settledWithout(page: Page, item: Locator): Promise<boolean> {
  const deadline = Date.now() + 3000;
  for (;;) {
    if ((await item.count()) === 0) return true;
    if (Date.now() > deadline) return false;
    await page.waitForTimeout(200);
  }
}

/** The severity the hover shows for the entry: VS Code marks it with a sevN class (1 information, 2 warning, 3 error). */
async function severityOf(entry: Locator): Promise<string> {
  const classes = (await entry.locator('.severity').first().getAttribute('class')) ?? '';
  const level = /\bsev(\d)\b/.exec(classes)?.[1];
  return level === '1' ? 'information' : level === '2' ? 'warning' : level === '3' ? 'error' : `unknown (${classes})`;
}

async function entryText(entry: Locator): Promise<string> {
  return ((await entry.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** Waits until the entry (re-read on each try, as the hover re-renders) says `expected`. */
async function expectEntry(page: Page, expected: RegExp, what: string): Promise<Locator> {
  const deadline = Date.now() + STEP_MS;
  for (;;) {
    const entry = await statusEntry(page);
    const last = await entryText(entry!);
    if (expected.test(last)) return entry!;
    if (Date.now() > deadline) throw new Error(`${what}: the ${NAME} entry says "${last}", expected ${expected}`);
    await page.waitForTimeout(300);
  }
}

/** The language server processes of the installed extension (Linux: found in /proc by their command line). */
function serverProcesses(): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const args = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      if (args.some((arg) => /aovpn-tools\.aovpn-profilexml-[^/]+\/dist\/server\.js$/.test(arg))) found.push(Number(name));
    } catch (error) {
      // A process that ended between listing and reading is simply not there.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && (error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  }
  return found;
}

/** Waits until exactly one server runs and it is not one of `gone`; returns it. */
async function nextServer(page: Page, gone: readonly number[]): Promise<number> {
  const deadline = Date.now() + STEP_MS;
  for (;;) {
    const running = serverProcesses().filter((pid) => !gone.includes(pid));
    if (running.length === 1) return running[0];
    if (Date.now() > deadline) throw new Error(`expected one new language server process, found ${running.length}`);
    await page.waitForTimeout(200);
  }
}

export const tests: UiTest[] = [
  {
    title: 'UI: the language status shows the deployment and target Windows on a profile and a VPN script, and changes with the settings',
    async run({ page, workspace, log }) {
      const settingsDir = path.join(workspace, '.vscode');
      try {
        await runCommand(page, 'View: Close All Editors');
        await openFile(page, 'user-tunnel.xml');
        let entry = await expectEntry(page, /Any deployment · Windows 11 21H2 and later/, 'on user-tunnel.xml');
        assert.match(await entryText(entry), /what this profile is checked for/);
        assert.equal(await severityOf(entry), 'information');
        log(`profile: ${await entryText(entry)} (${await severityOf(entry)})`);

        await openFile(page, 'deploy-profile.ps1');
        entry = await expectEntry(
          page,
          /Any deployment · Windows 11 21H2 and later.*what this script's cmdlets and profiles are checked for/,
          'on deploy-profile.ps1',
        );
        assert.equal(await severityOf(entry), 'information');
        log(`script: ${await entryText(entry)} (${await severityOf(entry)})`);

        await openFile(page, 'not-a-profile.xml');
        assert.equal(await statusEntry(page, false), undefined, `not-a-profile.xml has an ${NAME} entry`);

        // The entry's link, then the two quick picks, as a user changes the deployment.
        await openFile(page, 'user-tunnel.xml');
        entry = await expectEntry(page, /Any deployment/, 'back on user-tunnel.xml');
        await visible(entry.locator('a', { hasText: 'Change' }), 'the Change link').then((link) => link.click());
        const input = page.locator('.quick-input-widget input');
        await visible(
          page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Target Windows' }),
          'the quick pick of the two settings',
        );
        await input.fill('Deployment');
        await pickFocused(page, 'Deployment');
        await visible(page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Intune' }), 'the quick pick of deployments');
        await input.fill('Intune');
        await pickFocused(page, 'Intune');
        entry = await expectEntry(page, /Intune · Windows 11 21H2 and later/, 'after choosing Intune');
        log(`after the change: ${await entryText(entry)}`);

        // A value the checks do not know, typed into the workspace settings.
        mkdirSync(settingsDir, { recursive: true });
        writeFileSync(
          path.join(settingsDir, 'settings.json'),
          JSON.stringify({ 'aovpn.deployment': 'intune', 'aovpn.targetWindows': 'win12-24h2' }, null, 2),
        );
        entry = await expectEntry(
          page,
          /Intune · unknown Windows "win12-24h2".*nothing is checked against the Windows version/,
          'after an unknown target',
        );
        assert.equal(await severityOf(entry), 'warning');
        // The status bar's { } turns into the warning variant too.
        await visible(
          page.locator('.statusbar-item[id="status.languageStatus"] .codicon-bracket-dot'),
          'the warning variant of { } in the status bar',
        );
        log(`unknown target: ${await entryText(entry)} (${await severityOf(entry)})`);
      } finally {
        rmSync(settingsDir, { recursive: true, force: true });
        await page.keyboard.press('Escape');
      }
    },
  },
  {
    title: 'UI: when the language server has crashed for good, the language status says so and its Restart link brings it back',
    async run({ page, log }) {
      if (!existsSync('/proc/self/cmdline')) throw new Error('this test finds the server process in /proc (Linux)');
      await runCommand(page, 'View: Close All Editors');
      await openFile(page, 'user-tunnel.xml');
      await expectEntry(page, /Any deployment · Windows 11 21H2 and later/, 'on user-tunnel.xml');
      // The language client restarts a crashed server four times in three minutes, not a fifth.
      const killed: number[] = [];
      let pid = await nextServer(page, killed);
      for (let crash = 1; crash <= 5; crash++) {
        process.kill(pid, 'SIGKILL');
        killed.push(pid);
        if (crash < 5) pid = await nextServer(page, killed);
      }
      log(`killed the language server 5 times (${killed.join(', ')})`);
      let entry = await expectEntry(page, /Language server stopped.*nothing in this profile is checked/, 'after the fifth crash');
      assert.equal(await severityOf(entry), 'error');
      assert.deepEqual(
        serverProcesses().filter((p) => !killed.includes(p)),
        [],
        'a server still runs',
      );
      // Its findings went with it.
      await page
        .locator('.editor-group-container.active .monaco-editor .squiggly-warning')
        .first()
        .waitFor({ state: 'detached', timeout: STEP_MS });

      await visible(entry.locator('a', { hasText: 'Restart' }), 'the Restart link').then((link) => link.click());
      const restarted = await nextServer(page, killed);
      entry = await expectEntry(page, /Any deployment · Windows 11 21H2 and later/, 'after Restart');
      assert.equal(await severityOf(entry), 'information');
      await visible(
        page.locator('.editor-group-container.active .monaco-editor .squiggly-warning'),
        'the warning from the restarted server',
      );
      log(`restarted from the language status: server ${restarted}`);
      await page.keyboard.press('Escape');
      await runCommand(page, 'Notifications: Clear All Notifications');
    },
  },
];
