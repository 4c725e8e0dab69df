import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { readTextFile, UndecodableError, type TextFile } from '../host/textFile';
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

const SKIPPED_FOLDERS = new Set(['node_modules']);

const SCRIPT_EXTENSIONS = new Set(['.ps1', '.psm1']);

/**
 * Expands the command line's paths into ProfileXML files and PowerShell scripts. Named files are
 * linted when they are ProfileXML or scripts (.ps1, .psm1) and skipped with a note otherwise;
 * folders contribute their scripts and their `.xml` files whose root element is VPNProfile,
 * anything else there is left alone silently.
 */
export function collectInputs(paths: readonly string[]): Collected {
  const out: Collected = { inputs: [], failures: [], notes: [] };
  const seen = new Set<string>();
  const once = (path: string): boolean => {
    let key: string;
    try {
      key = realpathSync(path);
    } catch {
      key = path;
    }
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };

  const readNamed = (path: string): void => {
    if (!once(path)) return;
    const ext = extname(path).toLowerCase();
    let file: TextFile;
    try {
      file = readTextFile(path);
    } catch (error) {
      out.failures.push(`${path}: cannot read: ${describe(error)}`);
      return;
    }
    if (SCRIPT_EXTENSIONS.has(ext)) {
      out.inputs.push({ path, file, kind: 'powershell' });
      return;
    }
    if (!looksLikeProfileXml(file.text)) {
      out.notes.push(`${path}: skipped: not ProfileXML (${rootDescription(file.text)})`);
      return;
    }
    out.inputs.push({ path, file, kind: 'profilexml' });
  };

  const readFound = (path: string): void => {
    const ext = extname(path).toLowerCase();
    if ((ext !== '.xml' && !SCRIPT_EXTENSIONS.has(ext)) || !once(path)) return;
    let file: TextFile;
    try {
      file = readTextFile(path);
    } catch (error) {
      // A script in a legacy code page (PowerShell 5 writes ANSI) is not worth failing the run for.
      if (SCRIPT_EXTENSIONS.has(ext) && error instanceof UndecodableError) {
        out.notes.push(`${path}: skipped: ${describe(error)}`);
        return;
      }
      // Only worth failing for when it is a profile: other XML in the tree is none of our business.
      if (error instanceof UndecodableError && !looksLikeProfileXml(latin1Sniff(path))) return;
      out.failures.push(`${path}: cannot read: ${describe(error)}`);
      return;
    }
    if (SCRIPT_EXTENSIONS.has(ext)) out.inputs.push({ path, file, kind: 'powershell' });
    else if (looksLikeProfileXml(file.text)) out.inputs.push({ path, file, kind: 'profilexml' });
  };

  const walk = (folder: string): void => {
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
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = statSync(path);
          isDirectory = target.isDirectory();
          isFile = target.isFile();
        } catch {
          continue; // A dangling link found while walking is not input the user named.
        }
      }
      if (isDirectory) {
        if (entry.name.startsWith('.') || SKIPPED_FOLDERS.has(entry.name)) continue;
        if (!once(path)) continue; // Symbolic link loops.
        walk(path);
      } else if (isFile) {
        readFound(path);
      }
    }
  };

  for (const path of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch (error) {
      out.failures.push(`${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : `cannot read: ${describe(error)}`}`);
      continue;
    }
    if (isDirectory) {
      if (once(path)) walk(path);
    } else {
      readNamed(path);
    }
  }
  return out;
}

function describe(error: unknown): string {
  if (error instanceof UndecodableError) return error.message;
  const e = error as NodeJS.ErrnoException;
  if (e?.code === 'EACCES' || e?.code === 'EPERM') return 'permission denied';
  if (e?.code === 'EISDIR') return 'is a folder';
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

function latin1Sniff(path: string): string {
  try {
    return readFileSync(path).toString('latin1');
  } catch {
    return '';
  }
}
