/**
 * `aovpn.workspaceDiagnostics`: problems of the profiles and scripts that are not open, in the
 * Problems panel as well. `auto` (the default) shows them while the workspace holds at most
 * AUTO_LIMIT profiles and scripts. Constants and a parser only: the settings schema
 * (scripts/generateDocs.ts), the settings check and the server read this module.
 */

export const WORKSPACE_DIAGNOSTICS_MODES = ['auto', 'on', 'off'] as const;
export type WorkspaceDiagnosticsMode = (typeof WORKSPACE_DIAGNOSTICS_MODES)[number];

/**
 * Profiles and scripts up to which `auto` shows closed files' problems. Measured with
 * `npm run bench:workspace` (bench/workspaceDiagnostics.ts; four 8 KB profiles to one 400-line
 * deployment script, on the project's busy 2-core machine): at 500 files every list is out about
 * 3 s after the scan, a change across files (the server policy edited) has every file checked
 * again within about 3.5 s, all of it in the background (hover on an open profile stayed under
 * 50 ms), for 6 to 10 MB more memory. At 1,000 files a change costs 8 to 9 s of work, which is no
 * longer cheap; such workspaces can still turn it on.
 */
export const WORKSPACE_DIAGNOSTICS_AUTO_LIMIT = 500;

/** The mode in the `aovpn` section; anything else (absent, misspelled) is `auto`, and the settings check reports it. */
export function workspaceDiagnosticsMode(section: unknown): WorkspaceDiagnosticsMode {
  const value = section && typeof section === 'object' ? (section as { workspaceDiagnostics?: unknown }).workspaceDiagnostics : undefined;
  return (WORKSPACE_DIAGNOSTICS_MODES as readonly unknown[]).includes(value) ? (value as WorkspaceDiagnosticsMode) : 'auto';
}

/** What is wrong with the value, in words a user can act on; undefined when it is fine or absent. */
export function workspaceDiagnosticsProblem(section: unknown): string | undefined {
  const value = section && typeof section === 'object' ? (section as { workspaceDiagnostics?: unknown }).workspaceDiagnostics : undefined;
  if (value === undefined || (WORKSPACE_DIAGNOSTICS_MODES as readonly unknown[]).includes(value)) return undefined;
  return `workspaceDiagnostics "${String(value)}" is not one of ${WORKSPACE_DIAGNOSTICS_MODES.join(', ')}; using "auto"`;
}
