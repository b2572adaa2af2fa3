/**
 * Recreating a directory tree of finished artifacts elsewhere without copying their bytes: the
 * merged `plans/` of `linkforge summarize` holds every shard's plan files. Hard links make that a
 * metadata operation (copying 3,000 files was most of a 1,000-stack merge); the files are never
 * written in place afterwards (every writer goes through a temporary file and a rename), so
 * sharing them with the shard's copy changes nothing either side sees.
 */
import * as fs from 'fs';
import * as path from 'path';

/** Errors of `link()` that mean "not here", not "something is wrong": copy instead. */
const CANNOT_LINK = new Set(['EXDEV', 'EPERM', 'EMLINK', 'ENOTSUP', 'EOPNOTSUPP', 'EACCES']);

/**
 * Make `to` (which must not exist) a copy of the tree `from`: directories created, regular files
 * hard-linked, or copied where no link can be made (another file system). Symbolic links, FIFOs,
 * sockets and devices are neither followed nor recreated: their paths are returned, for the caller
 * to report (an artifact holds none of them).
 */
export function linkTree(from: string, to: string): string[] {
  const left: string[] = [];
  fs.mkdirSync(to);
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) left.push(...linkTree(source, target));
    else if (entry.isFile()) linkOrCopy(source, target);
    else left.push(source);
  }
  return left;
}

function linkOrCopy(source: string, target: string): void {
  try {
    fs.linkSync(source, target);
  } catch (e) {
    if (!CANNOT_LINK.has((e as NodeJS.ErrnoException).code ?? '')) throw e;
    fs.copyFileSync(source, target);
  }
}
