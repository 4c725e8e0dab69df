import type { Page } from 'playwright-core';

/** What a UI test gets from the code-server launcher: the workbench page, already loaded. */
export interface UiContext {
  page: Page;
  /** Absolute path of the workspace copy VS Code has open. */
  workspace: string;
  /** Where screenshots for the documentation go (docs/images). */
  screenshotsDir: string;
  /** The https URL the packaged README's images point at, and the folder that URL stands for (the repository). */
  readmeImages: { url: string; root: string };
  log(line: string): void;
}

export interface UiTest {
  title: string;
  run(context: UiContext): Promise<void>;
}
