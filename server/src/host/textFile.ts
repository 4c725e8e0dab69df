import { closeSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { detectEncoding, type TextEncodingName } from './encoding';

export type { TextEncodingName } from './encoding';

/**
 * Reading and writing profile files as Windows tools leave them: UTF-8 with or without a BOM,
 * and UTF-16 (PowerShell 5's `Out-File` default, and MakeProfile.ps1's output) — see the
 * UTF-16LE files in the corpus. A decoded file remembers how it was stored so that writing it
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

/**
 * Replaces a file's content without ever leaving it truncated: the bytes go to a temporary file
 * in the same folder (same file system, so the rename is atomic), which then replaces the original.
 * The original's permission bits are kept.
 */
export function writeFileAtomic(linkOrPath: string, data: Buffer): void {
  // Through a symbolic link, replace the file it points at, not the link.
  let path = linkOrPath;
  try {
    path = realpathSync(linkOrPath);
  } catch {
    path = linkOrPath;
  }
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let mode: number | undefined;
  try {
    mode = statSync(path).mode & 0o7777;
  } catch {
    mode = undefined;
  }
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', mode ?? 0o644);
    let written = 0;
    const bytes = view(data);
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, path);
  } catch (error) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // Already failing; the original error is the one worth reporting.
      }
    }
    try {
      unlinkSync(temp);
    } catch {
      // The temporary file may not exist.
    }
    throw error;
  }
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
  if (bytes.length % 2 !== 0) throw new UndecodableError(`odd number of bytes for ${encoding === 'utf16le' ? 'UTF-16LE' : 'UTF-16BE'} text; the file is truncated or not UTF-16`);
  // Buffer's UTF-16 conversion keeps every code unit (even a lone surrogate), so writing back is lossless.
  const copy = Buffer.alloc(bytes.length);
  bytes.copy(view(copy));
  if (encoding === 'utf16be') copy.swap16();
  return copy.toString('utf16le');
}
