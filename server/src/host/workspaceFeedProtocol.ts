/**
 * The workspace feed: the web worker server has no file system, so the web extension lists and
 * reads the workspace's profiles and scripts through VS Code (any file system: vscode-vfs://,
 * memfs:, …) and sends their text in `aovpn/workspaceFiles` notifications. The checks across
 * files then see closed files too, as on the desktop, where the Node server reads the disk
 * itself (workspaceFiles.ts) with the same globs and limits. Constants and types only: the
 * extension imports this module as well.
 */

export const WORKSPACE_FILES_NOTIFICATION = 'aovpn/workspaceFiles';

/** Candidate files by extension (lower case): ProfileXML and PowerShell scripts. */
export const CANDIDATE_EXTENSIONS: readonly string[] = ['.xml', '.ps1', '.psm1'];
/** The same as a glob, for file watchers and searches. */
export const CANDIDATE_GLOB = '**/*.{xml,ps1,psm1}';
/** Folders left out of the workspace: node_modules and dot folders (.git, .vscode, …). */
export function skippedFolder(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}
/** The same as a glob, for searches. */
export const EXCLUDED_GLOB = '{**/node_modules/**,**/.*/**}';

/** Whether a path relative to a workspace folder ('/'-separated) lies in a skipped folder. */
export function inSkippedFolder(relativePath: string): boolean {
  return relativePath.split('/').slice(0, -1).some(skippedFolder);
}
/** At most this many files are read, and larger ones are skipped (they are not hand-written profiles or VPN scripts). */
export const WORKSPACE_FILE_LIMITS = { maxFiles: 2000, maxBytes: 2 * 1024 * 1024 } as const;

export interface WorkspaceFilesParams {
  /** Files read (new or changed), with their decoded text. */
  changed: { uri: string; text: string }[];
  /** Files deleted, unreadable, or no longer a candidate. */
  removed: string[];
}

/** The language of a candidate file by its name (`.xml`, `.ps1`, `.psm1`), or undefined. */
export function candidateLanguage(uri: string): 'xml' | 'powershell' | undefined {
  // A URI's path ends before its query or fragment (a '#' in a file name is written %23).
  const path = uri.replace(/[?#].*$/s, '').toLowerCase();
  if (!CANDIDATE_EXTENSIONS.some((ext) => path.endsWith(ext))) return undefined;
  return path.endsWith('.xml') ? 'xml' : 'powershell';
}
