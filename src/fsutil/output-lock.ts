/**
 * One linkforge run per output folder at a time. Two runs writing the same `cdktf.out` would swap
 * it under each other (a synthesis can fail with ENOTEMPTY and leave `cdktf.out.old-*` behind) and
 * mix one run's plans with the other's summary. So every command that writes the folder first
 * takes `<outdir>.lock`, a sibling file (the folder itself is replaced as a whole) created with
 * O_EXCL and holding the owner's pid, host and start time.
 *
 * A second run is refused at once, with the owner named: waiting would hide a stuck run, and CI
 * systems already queue jobs. A lock whose owner is gone (same host, pid no longer alive: a run
 * killed with SIGKILL) is stale and taken over, with the leftovers of that run's swap removed.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

interface LockInfo {
  readonly pid: number;
  readonly host: string;
  readonly started: string;
  readonly command: string;
}

export class OutputLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly holder: LockInfo | undefined,
  ) {
    const who = holder
      ? `linkforge ${holder.command} (pid ${holder.pid} on ${holder.host}, started ${holder.started})`
      : 'another linkforge run';
    super(
      `${lockFile.replace(/\.lock$/, '')} is in use by ${who}; ` +
        `wait for it to finish or use another --outdir. If no such run is alive, delete ${lockFile}`,
    );
    this.name = 'OutputLockedError';
  }
}

export interface OutputLock {
  readonly file: string;
  /** Remove the lock (idempotent; only if it is still ours). */
  release(): void;
}

/** Take the lock of `outdir` (absolute or relative to the working directory), or throw OutputLockedError. */
export function lockOutput(outdir: string, command: string): OutputLock {
  const target = path.resolve(outdir);
  const file = `${target}.lock`;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const mine: LockInfo = {
    pid: process.pid,
    host: os.hostname(),
    started: new Date().toISOString(),
    command,
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(mine) + '\n', { flag: 'wx' });
      removeLeftovers(target);
      let released = false;
      return {
        file,
        release() {
          if (released) return;
          released = true;
          const holder = readLock(file);
          if (holder && holder.pid === mine.pid && holder.started === mine.started)
            fs.rmSync(file, { force: true });
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = readLock(file);
      if (attempt === 0 && holder && isStale(holder)) {
        fs.rmSync(file, { force: true });
        continue;
      }
      throw new OutputLockedError(file, holder);
    }
  }
  throw new OutputLockedError(file, readLock(file));
}

function readLock(file: string): LockInfo | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
  } catch {
    return undefined;
  }
}

/** The owner ran on this host and its pid is gone. */
function isStale(holder: LockInfo): boolean {
  if (holder.host !== os.hostname() || !Number.isInteger(holder.pid)) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** `<outdir>.tmp-*` and `<outdir>.old-*` of runs that died mid-swap: only safe while we hold the lock. */
function removeLeftovers(target: string): void {
  const dir = path.dirname(target);
  const base = path.basename(target);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith(`${base}.tmp-`) || name.startsWith(`${base}.old-`))
      fs.rmSync(path.join(dir, name), { recursive: true, force: true });
  }
}
