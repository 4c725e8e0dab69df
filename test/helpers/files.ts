import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Every file under `dir` whose name `wanted` accepts, depth first in name order (stable across
 * file systems); folders named in `skip` are not entered.
 */
export function filesUnder(dir: string, wanted: (name: string) => boolean = () => true, skip: ReadonlySet<string> = new Set()): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return skip.has(name) ? [] : filesUnder(full, wanted, skip);
      return wanted(name) ? [full] : [];
    });
}

/** TypeScript sources under `dir`. */
export const typeScriptFilesUnder = (dir: string): string[] => filesUnder(dir, (name) => name.endsWith('.ts'));
