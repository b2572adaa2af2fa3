/**
 * Runs one command as a child process and measures its wall time and peak resident memory.
 *
 * Wall time: `process.hrtime` around spawn → exit, in this (otherwise idle) parent.
 *
 * Memory, two ways, and the report keeps the larger:
 * - `/usr/bin/time -f %M`: GNU time's max RSS, from `wait4()`'s rusage. Exact, but for a tree of
 *   processes it is the peak of the single largest process, not of the tree (Linux reports the
 *   maximum over descendants, never a sum). That is the whole story for linkforge's one node
 *   process, but not for `npx cdktf synth` (npx → cdktf-cli → npx → ts-node, all node processes
 *   alive at once) or for parallel terraform plans.
 * - a sampler that sums the RSS of every live descendant from /proc every 100 ms. It sees the tree,
 *   but can miss a spike shorter than the interval.
 * The maximum of the two is a lower bound of the tree's true peak, and close to it.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export interface RunOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Where the child's stdout and stderr go (appended). */
  readonly logFile: string;
}

export interface RunResult {
  readonly command: string;
  readonly exitCode: number;
  readonly wallMs: number;
  /** GNU time's max RSS (largest single process), KiB. */
  readonly maxRssKib: number;
  /** Peak of the sampled sum over the process tree, KiB. */
  readonly treeRssKib: number;
  /** max(maxRssKib, treeRssKib): what the report shows. */
  readonly peakRssKib: number;
  /**
   * CPU time (user + system) of the command and its waited-for children, ms: on a busy machine the
   * wall time mostly measures the others; this is what the command itself cost.
   */
  readonly cpuMs: number;
}

const TIME_BIN = '/usr/bin/time';
const SAMPLE_MS = 100;

/** Runs `cmd args…` under GNU time and the /proc sampler. Never throws for a non-zero exit. */
export async function runMeasured(
  cmd: string,
  args: readonly string[],
  opts: RunOptions,
): Promise<RunResult> {
  const timeFile = path.join(os.tmpdir(), `linkforge-bench-time-${process.pid}-${Date.now()}`);
  const log = fs.openSync(opts.logFile, 'a');
  fs.writeSync(log, `\n$ (cd ${opts.cwd} && ${[cmd, ...args].join(' ')})\n`);
  const start = process.hrtime.bigint();
  const child = spawn(TIME_BIN, ['-o', timeFile, '-f', '%e %M %U %S', cmd, ...args], {
    cwd: opts.cwd,
    env: opts.env,
    stdio: ['ignore', log, log],
  });
  let treeRssKib = 0;
  const sample = (): void => {
    if (child.pid !== undefined) treeRssKib = Math.max(treeRssKib, treeRss(child.pid));
  };
  const timer = setInterval(sample, SAMPLE_MS);
  const exitCode = await new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  clearInterval(timer);
  fs.closeSync(log);
  const { maxRssKib, cpuS } = parseTimeOutput(fs.readFileSync(timeFile, 'utf8'));
  fs.rmSync(timeFile, { force: true });
  return {
    command: [cmd, ...args].join(' '),
    exitCode,
    wallMs,
    maxRssKib,
    treeRssKib,
    peakRssKib: Math.max(maxRssKib, treeRssKib),
    cpuMs: Math.round((cpuS ?? 0) * 1000),
  };
}

/**
 * Reads GNU time's `-f '%e %M %U %S'` output (`%U %S`, user and system seconds, optional). When
 * the command fails, time writes "Command exited with non-zero status N" first; the figures are on
 * the last line.
 */
export function parseTimeOutput(text: string): { elapsedS: number; maxRssKib: number; cpuS?: number } {
  const lines = text.trim().split('\n');
  const m = /^([0-9.]+) ([0-9]+)(?: ([0-9.]+) ([0-9.]+))?$/.exec(lines[lines.length - 1] ?? '');
  if (!m) throw new Error(`unexpected /usr/bin/time output: ${JSON.stringify(text)}`);
  return {
    elapsedS: Number(m[1]),
    maxRssKib: Number(m[2]),
    ...(m[3] !== undefined ? { cpuS: Number(m[3]) + Number(m[4]) } : {}),
  };
}

// RSS pages → KiB. 4 KiB pages on every x86-64 / arm64 Linux this runs on.
const PAGE_KIB = 4;

/** Sum of the resident memory of `root` and all its live descendants, KiB (0 once it has exited). */
export function treeRss(root: number): number {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return 0;
  }
  for (const name of entries) {
    if (!/^[0-9]+$/.test(name)) continue;
    const ppid = parentOf(name);
    if (ppid === undefined) continue;
    const list = children.get(ppid) ?? [];
    list.push(Number(name));
    children.set(ppid, list);
  }
  let total = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    total += residentKib(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

function parentOf(pid: string): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may contain spaces: parse after the last ')'.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(rest[1]);
  } catch {
    return undefined; // exited between readdir and read
  }
}

function residentKib(pid: number): number {
  try {
    return Number(fs.readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE_KIB;
  } catch {
    return 0;
  }
}
