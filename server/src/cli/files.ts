import { readdirSync, realpathSync, statSync } from 'node:fs';
import { extname, join, relative, isAbsolute } from 'node:path';
import { readRegularFileSync } from '../host/boundedRead';
import { decodeTextFile, UndecodableError, type TextFile } from '../host/textFile';
import { looksLikeProfileXml, ROOT_NAME } from '../service/profilexml/document';
import { scanProlog } from '../service/xml/prolog';

/** A file to lint: the path as the user gave it or as found under a folder they gave. */
export interface Input {
  path: string;
  file: TextFile;
  kind: 'profilexml' | 'powershell';
}

export interface Collected {
  inputs: Input[];
  /** Paths that could not be read or decoded (exit code 2). */
  failures: string[];
  /** Things worth telling the user that are not failures (skipped files). */
  notes: string[];
}

export interface CollectOptions {
  /** Follow symbolic links met while walking folders (never out of the given paths). */
  followSymlinks: boolean;
}

/** Larger files are not profiles or VPN scripts anyone writes; reading stops at this many bytes. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

const SKIPPED_FOLDERS = new Set(['node_modules']);

const SCRIPT_EXTENSIONS = new Set(['.ps1', '.psm1']);

/**
 * Expands the command line's paths into ProfileXML files and PowerShell scripts. Named files are
 * linted when they are ProfileXML or scripts (.ps1, .psm1) and skipped with a note otherwise;
 * folders contribute their scripts and their `.xml` files whose root element is VPNProfile,
 * anything else there is left alone silently.
 *
 * Walking is what git and ripgrep do with a repository someone else wrote: symbolic links found in
 * folders are not followed (a link to `/` or to `/proc/self/pagemap` is not part of the
 * repository); with `followSymlinks` they are, but only to places inside the paths given, and each
 * folder once (no loops). A path named on the command line is read even through a link: the user
 * chose it. Only regular files are read, and no more than MAX_FILE_BYTES of them.
 */
export function collectInputs(paths: readonly string[], options: CollectOptions = { followSymlinks: false }): Collected {
  const out: Collected = { inputs: [], failures: [], notes: [] };
  const seen = new Set<string>();
  /** Real paths of the folders given: followed links must lead below one of them. */
  const roots: string[] = [];
  /** `real`: the path's real path when the caller knows it (an entry of a folder whose real path is known). */
  const once = (path: string, real?: string): boolean => {
    const key = real ?? realPathOr(path);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
  const insideRoots = (real: string): boolean =>
    roots.some((root) => {
      const rel = relative(root, real);
      return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
    });

  /** Reads a file; undefined (with a failure or note recorded) when it cannot be linted. */
  const read = (path: string, named: boolean): TextFile | undefined => {
    const ext = extname(path).toLowerCase();
    let result;
    try {
      result = readRegularFileSync(path, { maxBytes: MAX_FILE_BYTES, followSymlink: named || options.followSymlinks });
    } catch (error) {
      out.failures.push(`${path}: cannot read: ${describe(error)}`);
      return undefined;
    }
    if (result.kind === 'too-large') {
      (named ? out.failures : out.notes).push(
        `${path}: ${named ? 'not read' : 'skipped'}: larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB, so not a profile or script anyone writes`,
      );
      return undefined;
    }
    if (result.kind === 'not-regular') {
      (named ? out.failures : out.notes).push(
        `${path}: ${named ? 'not read' : 'skipped'}: not a regular file (a device, pipe or the like)`,
      );
      return undefined;
    }
    if (result.kind === 'symlink') return undefined; // Not followed while walking (see above); the walk never gets here.
    try {
      return decodeTextFile(path, result.bytes);
    } catch (error) {
      if (!(error instanceof UndecodableError)) throw error;
      // A script in a legacy code page (PowerShell 5 writes ANSI) is not worth failing a walk for;
      // other XML found in a tree is none of our business unless it claims to be a profile.
      if (!named && SCRIPT_EXTENSIONS.has(ext)) out.notes.push(`${path}: skipped: ${error.message}`);
      else if (named || looksLikeProfileXml(result.bytes.toString('latin1'))) out.failures.push(`${path}: cannot read: ${error.message}`);
      return undefined;
    }
  };

  const readNamed = (path: string): void => {
    if (!once(path)) return;
    const file = read(path, true);
    if (!file) return;
    if (SCRIPT_EXTENSIONS.has(extname(path).toLowerCase())) {
      out.inputs.push({ path, file, kind: 'powershell' });
      return;
    }
    if (!looksLikeProfileXml(file.text)) {
      out.notes.push(`${path}: skipped: not ProfileXML (${rootDescription(file.text)})`);
      return;
    }
    out.inputs.push({ path, file, kind: 'profilexml' });
  };

  const readFound = (path: string, real: string): void => {
    const ext = extname(path).toLowerCase();
    if ((ext !== '.xml' && !SCRIPT_EXTENSIONS.has(ext)) || !once(path, real)) return;
    const file = read(path, false);
    if (!file) return;
    if (SCRIPT_EXTENSIONS.has(ext)) out.inputs.push({ path, file, kind: 'powershell' });
    else if (looksLikeProfileXml(file.text)) out.inputs.push({ path, file, kind: 'profilexml' });
  };

  /**
   * `realFolder` is the folder's real path: an entry that is not a link is then at that path plus
   * its name, so thousands of files need no realpath (each a system call per path component).
   */
  const walk = (folder: string, realFolder: string): void => {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      out.failures.push(`${folder}: cannot read folder: ${describe(error)}`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(folder, entry.name);
      let real = join(realFolder, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        if (!options.followSymlinks) continue;
        const target = linkTarget(path);
        // Dangling links, and links out of the paths given, are not what the user asked to lint.
        if (!target || !insideRoots(target.real)) continue;
        isDirectory = target.isDirectory;
        isFile = target.isFile;
        real = target.real;
      }
      if (isDirectory) {
        if (entry.name.startsWith('.') || SKIPPED_FOLDERS.has(entry.name)) continue;
        if (!once(path, real)) continue; // A folder reached twice (through a link): once is enough.
        walk(path, real);
      } else if (isFile) {
        readFound(path, real);
      }
    }
  };

  for (const path of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch (error) {
      out.failures.push(
        `${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : `cannot read: ${describe(error)}`}`,
      );
      continue;
    }
    if (isDirectory) roots.push(realPathOr(path));
  }
  for (const path of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch (error) {
      if (isFileSystemError(error)) continue; // Reported above.
      throw error;
    }
    if (isDirectory) {
      const real = realPathOr(path);
      if (once(path, real)) walk(path, real);
    } else {
      readNamed(path);
    }
  }
  return out;
}

/** The real path, or the path itself when it cannot be resolved (it is then reported when read). */
function realPathOr(path: string): string {
  try {
    return realpathSync(path);
  } catch (error) {
    if (isFileSystemError(error)) return path;
    throw error;
  }
}

/** Where a symbolic link leads, or undefined for a dangling one. */
function linkTarget(path: string): { real: string; isDirectory: boolean; isFile: boolean } | undefined {
  try {
    const real = realpathSync(path);
    const info = statSync(real);
    return { real, isDirectory: info.isDirectory(), isFile: info.isFile() };
  } catch (error) {
    if (isFileSystemError(error)) return undefined;
    throw error;
  }
}

/** An error the file system reports (missing, denied, a loop…), as opposed to a bug of ours. */
function isFileSystemError(error: unknown): boolean {
  return typeof (error as NodeJS.ErrnoException)?.code === 'string';
}

function describe(error: unknown): string {
  if (error instanceof UndecodableError) return error.message;
  const e = error as NodeJS.ErrnoException;
  if (e?.code === 'EACCES' || e?.code === 'EPERM') return 'permission denied';
  if (e?.code === 'EISDIR') return 'is a folder';
  if (e?.code === 'ELOOP') return 'a symbolic link that is not followed';
  return e?.message ?? String(error);
}

/**
 * Why a named file is not ProfileXML, read by the same prolog scan that decided it
 * (`looksLikeProfileXml`), so the two never disagree.
 */
function rootDescription(text: string): string {
  const prolog = scanProlog(text);
  if (prolog.rootName !== undefined) return `root element is <${prolog.rootName}>, not <${ROOT_NAME}>`;
  if (prolog.unclosed) return `the ${prolog.unclosed} before the root element is never closed`;
  if (prolog.end >= text.length) return 'no XML root element';
  return `it does not start with an element: ${JSON.stringify(text.slice(prolog.end, prolog.end + 20))}`;
}
