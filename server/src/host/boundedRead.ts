import { closeSync, constants, fstatSync, lstatSync, openSync, readSync } from 'node:fs';
import { lstat, open } from 'node:fs/promises';

/**
 * Reading files a repository controls. A file name can be a symbolic link out of the folder or to
 * `/proc/self/pagemap`, and procfs and sysfs files report a size of 0 however much they hold, so
 * neither the name nor `stat` can be trusted: the file is opened without following a final
 * symbolic link (unless the caller decided to follow it), the opened descriptor must be a regular
 * file, and the size limit is enforced on the bytes actually read.
 */

export type BoundedRead =
  | { kind: 'read'; bytes: Buffer }
  | { kind: 'too-large' }
  /** A folder, device, FIFO, socket or other thing that is not a regular file. */
  | { kind: 'not-regular' }
  /** A symbolic link, when links are not followed. */
  | { kind: 'symlink' };

export interface BoundedReadOptions {
  maxBytes: number;
  /** Open the target of a symbolic link (a path the user named); otherwise a link is not read. */
  followSymlink: boolean;
}

/**
 * Read size. Always whole chunks, even near the limit: some procfs files (pagemap) only accept
 * reads of whole 8-byte entries, and at most one chunk past the limit is read.
 */
const CHUNK = 64 * 1024;

/** O_NOFOLLOW where the platform has it; elsewhere (Windows) the lstat check below stands alone. */
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;
/** Opening a FIFO for reading would wait for a writer: never block. */
const NON_BLOCK = constants.O_NONBLOCK ?? 0;

export function readRegularFileSync(path: string, options: BoundedReadOptions): BoundedRead {
  if (!options.followSymlink && lstatSync(path).isSymbolicLink()) return { kind: 'symlink' };
  const fd = openSync(path, constants.O_RDONLY | NON_BLOCK | (options.followSymlink ? 0 : NO_FOLLOW));
  try {
    if (!fstatSync(fd).isFile()) return { kind: 'not-regular' };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(CHUNK);
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > options.maxBytes) return { kind: 'too-large' };
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    }
    return { kind: 'read', bytes: Buffer.concat(chunks, total) };
  } finally {
    closeSync(fd);
  }
}

export async function readRegularFile(path: string, options: BoundedReadOptions): Promise<BoundedRead> {
  if (!options.followSymlink && (await lstat(path)).isSymbolicLink()) return { kind: 'symlink' };
  const handle = await open(path, constants.O_RDONLY | NON_BLOCK | (options.followSymlink ? 0 : NO_FOLLOW));
  try {
    if (!(await handle.stat()).isFile()) return { kind: 'not-regular' };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(CHUNK);
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > options.maxBytes) return { kind: 'too-large' };
      chunks.push(bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead));
    }
    return { kind: 'read', bytes: Buffer.concat(chunks, total) };
  } finally {
    await handle.close();
  }
}
