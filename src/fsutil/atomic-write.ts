/**
 * Atomic artifact writes: every file linkforge leaves behind (plan.json, summary.md,
 * plan-results.json, handoff documents) is written to a temporary file beside its target and then
 * renamed over it, so a reader, a crash or a full disk never sees a truncated artifact: either the
 * old file or the complete new one.
 */
import * as fs from 'fs';
import * as path from 'path';

/** A failed artifact write, naming the path and the cause (ENOSPC, EACCES, …). */
export class ArtifactWriteError extends Error {
  constructor(
    readonly file: string,
    readonly cause: unknown,
  ) {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    const what = cause instanceof Error ? cause.message : String(cause);
    // Node's own messages already start with the code (`ENOSPC: no space left on device, …`).
    super(`cannot write ${file}: ${code && !what.startsWith(code) ? `${code}: ` : ''}${what}`);
    this.name = 'ArtifactWriteError';
  }
}

/**
 * Writes `data` to `file` atomically (temporary file in the same directory, fsync, rename). On any
 * failure the temporary file is removed, the previous `file` (if any) is left as it was, and an
 * {@link ArtifactWriteError} naming the path is thrown.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  let fd: number | undefined;
  try {
    fs.mkdirSync(dir, { recursive: true });
    fd = fs.openSync(tmp, 'w', 0o644);
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, file);
  } catch (err) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // already failing: the write error below is the one worth reporting
      }
    }
    fs.rmSync(tmp, { force: true });
    throw new ArtifactWriteError(file, err);
  }
}

/**
 * The message of a failed artifact write or file-system call, naming the path and the cause
 * (`ENOSPC: no space left on device, mkdir '…'`); undefined for any other error.
 */
export function fileSystemFailure(e: unknown): string | undefined {
  if (e instanceof ArtifactWriteError) return e.message;
  const err = e as NodeJS.ErrnoException;
  if (err instanceof Error && typeof err.code === 'string' && typeof err.syscall === 'string')
    return `cannot write: ${err.message}`;
  return undefined;
}
