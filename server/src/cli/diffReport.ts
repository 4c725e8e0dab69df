import { sep } from 'node:path';
import { unifiedHunks } from './diff';
import type { Painter } from './terminal';
import { visibleControls } from './visibleText';

/**
 * One file's part of `--fix-dry-run`: `--- a/path`, `+++ b/path`, then the hunks. The lines are
 * the file's text, so their control characters are made visible like every other value from a
 * file (tabs excepted: each line starts with the diff's own mark); the line endings are not shown
 * (--fix keeps them, and the encoding, as they are).
 */
export function formatFileDiff(path: string, before: string, after: string, paint: Painter): string {
  const hunks = unifiedHunks(before, after);
  if (hunks.length === 0) return '';
  const shown = diffPath(path);
  const lines = [paint.bold(`--- a/${shown}`), paint.bold(`+++ b/${shown}`)];
  for (const hunk of hunks) {
    lines.push(paint.cyan(hunk.header));
    for (const line of hunk.lines) {
      if (line.kind === 'no-newline') {
        lines.push('\\ No newline at end of file');
        continue;
      }
      const text = visibleControls(line.text, { keepTabs: true });
      if (line.kind === 'add') lines.push(paint.green(`+${text}`));
      else if (line.kind === 'remove') lines.push(paint.red(`-${text}`));
      else lines.push(` ${text}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The path after `a/` and `b/`, as git writes it: forward slashes, no leading slash. */
function diffPath(path: string): string {
  const forward = sep === '\\' ? path.replace(/\\/g, '/') : path;
  return visibleControls(forward.replace(/^\/+/, ''));
}
