import {
  closeSync,
  fchmodSync,
  fchownSync,
  fsyncSync,
  openSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { readRegularFileSync } from './boundedRead';
import { basename, dirname, join } from 'node:path';
import { detectEncoding, type TextEncodingName } from './encoding';

export type { TextEncodingName } from './encoding';

/**
 * Reading and writing profile files as Windows tools leave them: UTF-8 with or without a BOM,
 * and UTF-16 (PowerShell 5's `Out-File` default, and MakeProfile.ps1's output) — see the
 * UTF-16LE files among the test profiles. A decoded file remembers how it was stored so that writing it
 * back changes nothing but the edited characters.
 */

export interface DecodedText {
  /** The text without its byte order mark. */
  text: string;
  encoding: TextEncodingName;
  /** Whether the file started with a byte order mark. */
  bom: boolean;
}

export class UndecodableError extends Error {}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

export function decodeText(bytes: Buffer): DecodedText {
  const { encoding, bomLength } = detectEncoding(view(bytes));
  const body = bytes.subarray(bomLength);
  return { text: encoding === 'utf8' ? decodeUtf8(body) : decodeUtf16(body, encoding), encoding, bom: bomLength > 0 };
}

/** The bytes of `text` stored the way `like` was stored. */
export function encodeText(text: string, like: Pick<DecodedText, 'encoding' | 'bom'>): Buffer {
  switch (like.encoding) {
    case 'utf8':
      return withPrefix(like.bom ? UTF8_BOM : [], Buffer.from(text, 'utf8'));
    case 'utf16le':
      return withPrefix(like.bom ? [0xff, 0xfe] : [], Buffer.from(text, 'utf16le'));
    case 'utf16be':
      return withPrefix(like.bom ? [0xfe, 0xff] : [], Buffer.from(text, 'utf16le').swap16());
  }
}

function withPrefix(prefix: readonly number[], body: Buffer): Buffer {
  const out = Buffer.alloc(prefix.length + body.length);
  out.set(prefix, 0);
  body.copy(view(out), prefix.length);
  return out;
}

export interface TextFile extends DecodedText {
  path: string;
  /** Whether encoding the decoded text again gives back the exact bytes read (safe to rewrite). */
  roundTrips: boolean;
}

/** Decodes a file's bytes; throws UndecodableError for bytes that are not text in a supported encoding. */
export function decodeTextFile(path: string, bytes: Buffer): TextFile {
  const decoded = decodeText(bytes);
  return { ...decoded, path, roundTrips: encodeText(decoded.text, decoded).equals(view(bytes)) };
}

/** Why a file was left as it was instead of being replaced. */
export type ReplaceRefusal = { replaced: false; reason: string };
export type ReplaceOutcome = { replaced: true } | ReplaceRefusal;

/**
 * Replaces a file's content the way a careful editor does, for `--fix` on files a repository
 * controls. The new bytes go to a temporary file in the same folder (same file system, so the
 * rename is atomic and the file is never seen truncated), which takes the original's permission
 * bits and owner. The file is left alone, with the reason, when replacing it would do more than
 * change its content: it is read-only, it has other hard links (a rename would split them), it
 * belongs to someone the replacement could not be given to; or when it changed since it was read
 * (`expected` is what was read: someone else's edit is never overwritten).
 * Through a symbolic link the file it points at is replaced, not the link.
 */
export function replaceFileContent(linkOrPath: string, expected: Buffer, data: Buffer): ReplaceOutcome {
  const path = realpathSync(linkOrPath);
  const before = statSync(path);
  const refusal = refusalOf(before);
  if (refusal) return refused(refusal);
  const uid = process.getuid?.();

  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let fd: number | undefined = openSync(temp, 'wx', before.mode & 0o7777);
  let renamed = false;
  try {
    const bytes = view(data);
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    if (uid !== undefined && (before.uid !== uid || before.gid !== process.getgid?.())) {
      try {
        fchownSync(fd, before.uid, before.gid);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
        return refused('its owner or group could not be kept');
      }
    }
    // fchown may clear set-user-ID and set-group-ID bits: give the mode again.
    fchmodSync(fd, before.mode & 0o7777);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    // Last look before the swap: an edit made while the fix was computed is kept, not overwritten.
    const now = readRegularFileSync(path, { maxBytes: expected.length, followSymlink: true });
    if (now.kind !== 'read' || !now.bytes.equals(view(expected)))
      return refused('it changed while it was being fixed; run again to fix the new content');
    renameSync(temp, path);
    renamed = true;
    return { replaced: true };
  } finally {
    if (fd !== undefined) closeSync(fd);
    if (!renamed) unlinkSync(temp);
  }
}

/**
 * Why replaceFileContent would leave the file alone, known before anything is written (a
 * preview, `--fix-dry-run`, says so); undefined when it would try. A change made meanwhile is
 * only found at the moment of the swap.
 */
export function replacementRefusal(linkOrPath: string): string | undefined {
  return refusalOf(statSync(realpathSync(linkOrPath)));
}

function refusalOf(before: Stats): string | undefined {
  if (!before.isFile()) return 'it is not a regular file';
  if ((before.mode & 0o222) === 0) return 'it is read-only';
  if (before.nlink > 1) return `it has ${before.nlink} hard links, and replacing it would separate them`;
  const uid = process.getuid?.();
  if (uid !== undefined && uid !== 0 && before.uid !== uid) return 'it belongs to another user, and the fixed file would belong to you';
  return undefined;
}

function refused(reason: string): ReplaceRefusal {
  return { replaced: false, reason };
}

/**
 * A plain Uint8Array view of a Buffer's bytes (no copy). @types/node 20.9's Buffer does not type
 * as TypeScript 5.9's Uint8Array, so APIs declared with Uint8Array get this view.
 */
function view(bytes: Buffer): Uint8Array {
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

function decodeUtf8(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  // Invalid sequences decode to U+FFFD and so do not encode back to the same bytes.
  if (!Buffer.from(text, 'utf8').equals(view(bytes))) {
    throw new UndecodableError('not valid UTF-8 (and no UTF-16 byte order mark); save the file as UTF-8 or UTF-16');
  }
  return text;
}

function decodeUtf16(bytes: Buffer, encoding: 'utf16le' | 'utf16be'): string {
  if (bytes.length % 2 !== 0)
    throw new UndecodableError(
      `odd number of bytes for ${encoding === 'utf16le' ? 'UTF-16LE' : 'UTF-16BE'} text; the file is truncated or not UTF-16`,
    );
  // Buffer's UTF-16 conversion keeps every code unit (even a lone surrogate), so writing back is lossless.
  const copy = Buffer.alloc(bytes.length);
  bytes.copy(view(copy));
  if (encoding === 'utf16be') copy.swap16();
  return copy.toString('utf16le');
}
