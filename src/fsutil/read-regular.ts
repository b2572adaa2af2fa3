/**
 * Reading an untrusted file: never through a symbolic link, never from a FIFO, socket or device,
 * never more than a fixed number of bytes.
 */
import * as fs from 'fs';

/** A customer path that is a symbolic link or a special file (FIFO, socket, device). */
export class NotRegularFile extends Error {
  constructor(
    readonly file: string,
    /** `a symbolic link`, `a FIFO (named pipe)`, … */
    readonly kind: string,
  ) {
    super(`${file} is ${kind}, not a regular file`);
  }
}

function kindOf(st: fs.Stats): string {
  if (st.isSymbolicLink()) return 'a symbolic link';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isDirectory()) return 'a folder';
  return 'not a plain file';
}

// O_NOFOLLOW and O_NONBLOCK are POSIX; where a platform lacks them the lstat/fstat checks remain.
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0);

/**
 * Read a file that must be a regular file, never more than one byte past `maxBytes` (enough for
 * a size check to fire). `lstat` first, so a symbolic link is neither followed nor
 * opened (a link to /etc/passwd would be echoed in diagnostics); then open with O_NOFOLLOW and
 * O_NONBLOCK (a FIFO swapped in meanwhile cannot block the open) and check the opened descriptor
 * with `fstat` before reading a byte. Invalid UTF-8 decodes to U+FFFD, which the binary check
 * reports.
 */
export function readRegularFile(file: string, maxBytes: number): string {
  const before = fs.lstatSync(file);
  if (!before.isFile()) throw new NotRegularFile(file, kindOf(before));
  let fd: number;
  try {
    fd = fs.openSync(file, OPEN_FLAGS);
  } catch (e) {
    // ELOOP: the path became a symbolic link after the lstat.
    if ((e as NodeJS.ErrnoException).code === 'ELOOP') throw new NotRegularFile(file, 'a symbolic link');
    throw e;
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw new NotRegularFile(file, kindOf(st));
    const buffer = Buffer.alloc(Math.min(maxBytes + 1, Math.max(st.size, 0) + 1));
    let n = 0;
    // The size can change between fstat and read: read until EOF or the cap, whichever first.
    for (;;) {
      if (n === buffer.length) break;
      const got = fs.readSync(fd, buffer, n, buffer.length - n, n);
      if (got === 0) break;
      n += got;
    }
    if (n === buffer.length && n <= maxBytes) {
      // The file grew past what fstat said: read on, still capped.
      const rest = Buffer.alloc(maxBytes + 1 - n);
      let m = 0;
      for (;;) {
        if (m === rest.length) break;
        const got = fs.readSync(fd, rest, m, rest.length - m, n + m);
        if (got === 0) break;
        m += got;
      }
      return Buffer.concat([buffer, rest.subarray(0, m)]).toString('utf8');
    }
    return buffer.subarray(0, n).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}
