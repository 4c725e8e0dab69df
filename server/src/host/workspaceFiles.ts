import { readdir, realpath } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { looksLikeProfileXml } from '../service/profilexml/document';
import { readRegularFile } from './boundedRead';
import { decodeText, UndecodableError } from './textFile';
import { CANDIDATE_EXTENSIONS, skippedFolder, WORKSPACE_FILE_LIMITS } from './workspaceFeedProtocol';

/**
 * The files of the workspace folders that matter to the checks across files: ProfileXML
 * (`*.xml` whose root is VPNProfile) and PowerShell scripts (`*.ps1`, `*.psm1`). The language
 * service never reads files; the server reads them here and hands their text to the index.
 */

export interface WorkspaceFile {
  uri: string;
  languageId: 'xml' | 'powershell';
  text: string;
}

export interface ScanLimits {
  /** Candidate files read at most (the rest of a huge workspace is left out, and said so). */
  maxFiles: number;
  /** Larger files are skipped (they are not hand-written profiles or VPN scripts). */
  maxBytes: number;
  /** Folder depth below a workspace folder. */
  maxDepth: number;
}

export const DEFAULT_LIMITS: ScanLimits = { ...WORKSPACE_FILE_LIMITS, maxDepth: 20 };

const EXTENSIONS = new Set(CANDIDATE_EXTENSIONS);

export function isCandidate(path: string): boolean {
  return EXTENSIONS.has(extname(path).toLowerCase());
}

/** The file system path of a `file:` URI, or undefined for other schemes. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch (error) {
    // A file: URI Node cannot turn into a path (a host name, an encoded slash) is no local file.
    if (error instanceof TypeError) return undefined;
    throw error;
  }
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}

/**
 * Whether a path belongs to the indexed part of the workspace: below one of the folders, a
 * candidate extension, and not inside node_modules or a dot folder.
 */
export function isIndexedPath(path: string, folders: readonly string[]): boolean {
  if (!isCandidate(path)) return false;
  return folders.some((folder) => {
    const rel = relative(folder, path);
    if (!rel || rel.startsWith('..') || rel.split(sep).some((part) => part === '..')) return false;
    const parts = rel.split(sep);
    return !parts.slice(0, -1).some(skippedFolder);
  });
}

/**
 * Reads one file; undefined when it is gone, unreadable, too large, not a regular file, a
 * symbolic link (the scan does not follow links either: a link may lead out of the workspace, or
 * to /proc), not text, or XML that is not ProfileXML. The size limit holds for the bytes read,
 * not for what `stat` claims (procfs files claim 0).
 */
export async function readWorkspaceFile(path: string, limits: ScanLimits = DEFAULT_LIMITS): Promise<WorkspaceFile | undefined> {
  let read;
  try {
    read = await readRegularFile(path, { maxBytes: limits.maxBytes, followSymlink: false });
  } catch (error) {
    // Gone, denied, a link refused by O_NOFOLLOW: the file system's answer, not a bug.
    if (typeof (error as NodeJS.ErrnoException)?.code === 'string') return undefined;
    throw error;
  }
  if (read.kind !== 'read') return undefined;
  let text: string;
  try {
    text = decodeText(read.bytes).text;
  } catch (error) {
    if (error instanceof UndecodableError) return undefined;
    throw error;
  }
  const ext = extname(path).toLowerCase();
  if (ext === '.xml') return looksLikeProfileXml(text) ? { uri: pathToUri(path), languageId: 'xml', text } : undefined;
  return { uri: pathToUri(path), languageId: 'powershell', text };
}

/**
 * Reads a file named by an editor event (a change on disk, a document closed) for the index: only
 * when it lies below a workspace folder in fact, not just by name. A folder inside the workspace
 * can be a symbolic link to `/` or `/proc`, and the file below it then lives outside.
 */
export async function readIndexedFile(
  path: string,
  folders: readonly string[],
  limits: ScanLimits = DEFAULT_LIMITS,
): Promise<WorkspaceFile | undefined> {
  if (!isIndexedPath(path, folders)) return undefined;
  const parent = await realPathOf(dirname(path));
  if (!parent) return undefined;
  const realFolders = (await Promise.all(folders.map(realPathOf))).filter((f): f is string => !!f);
  if (!realFolders.some((folder) => parent === folder || isIndexedPath(join(parent, basename(path)), [folder]))) return undefined;
  return readWorkspaceFile(path, limits);
}

async function realPathOf(path: string): Promise<string | undefined> {
  try {
    return await realpath(path);
  } catch (error) {
    if (typeof (error as NodeJS.ErrnoException)?.code === 'string') return undefined;
    throw error;
  }
}

export interface ScanResult {
  files: WorkspaceFile[];
  /** The file limit was reached: some files were not read. */
  truncated: boolean;
}

/** Walks the folders (sorted, symbolic links not followed) and reads every candidate file. */
export async function scanWorkspace(folders: readonly string[], limits: ScanLimits = DEFAULT_LIMITS): Promise<ScanResult> {
  const paths: string[] = [];
  const listed = new Set<string>();
  let truncated = false;
  const walk = async (folder: string, depth: number): Promise<void> => {
    if (truncated || depth > limits.maxDepth) return;
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      if (typeof (error as NodeJS.ErrnoException)?.code === 'string') return; // unreadable folders are skipped
      throw error;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (truncated) return;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!skippedFolder(entry.name)) await walk(path, depth + 1);
      } else if (entry.isFile() && isCandidate(entry.name)) {
        if (listed.has(path)) continue; // nested workspace folders
        if (paths.length >= limits.maxFiles) {
          truncated = true;
          return;
        }
        listed.add(path);
        paths.push(path);
      }
    }
  };
  const seen = new Set<string>();
  for (const folder of folders) {
    if (seen.has(folder)) continue;
    seen.add(folder);
    await walk(folder, 0);
  }
  const files: WorkspaceFile[] = [];
  for (const path of paths) {
    const file = await readWorkspaceFile(path, limits);
    if (file) files.push(file);
  }
  return { files, truncated };
}
