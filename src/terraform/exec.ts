/**
 * Running one terraform command: no shell, captured output, a duration, and a result instead of an
 * exception for every way it can fail (missing binary, non-zero exit, timeout), so one stack's
 * failure is data for the summary rather than a crash of the whole run.
 */
import { spawn, type ChildProcess } from 'child_process';
import { minTerraformVersionText } from './supported-version';

export interface ExecOptions {
  readonly cwd: string;
  /** The complete environment of the child (not merged with process.env here). */
  readonly env: NodeJS.ProcessEnv;
  /** Kill the command after this long. @default - no limit */
  readonly timeoutMs?: number;
  /** @default process.env.LINKFORGE_TERRAFORM ?? 'terraform' */
  readonly binary?: string;
  /**
   * Stop the command once its stdout and stderr together pass this many bytes (the result then has
   * a `failure`): what it prints is held in memory, and a state can be made to print anything.
   * @default - no limit
   */
  readonly maxOutputBytes?: number;
}

export interface ExecResult {
  readonly args: readonly string[];
  /** Exit code; null when the process could not start or was killed. */
  readonly code: number | null;
  /** The signal that killed the process (`SIGKILL`, …), when one did. */
  readonly signal?: NodeJS.Signals;
  readonly stdout: string;
  readonly stderr: string;
  readonly durationMs: number;
  /** Why the command did not run to an exit code (spawn error, timeout). */
  readonly failure?: string;
}

export function terraformBinary(env: NodeJS.ProcessEnv = process.env): string {
  return env.LINKFORGE_TERRAFORM || 'terraform';
}

/**
 * Every terraform child still running, by pid. Each runs as the leader of its own process group
 * (`detached`), so that it and the provider plugins it starts can be signalled together, and so
 * that a Ctrl-C on the terminal reaches linkforge alone: linkforge decides what the children get
 * (see interrupt.ts), instead of each of them handling the same SIGINT on its own.
 */
const running = new Map<number, ChildProcess>();

/** How many terraform children are running now. */
export function runningTerraformCount(): number {
  return running.size;
}

/**
 * Send `signal` to the process group of every running terraform child (terraform and its
 * providers). Returns how many groups were signalled.
 */
export function signalTerraformGroups(signal: NodeJS.Signals): number {
  let n = 0;
  for (const pid of running.keys()) if (signalGroup(pid, signal)) n++;
  return n;
}

/**
 * While terraform children run and no trap (interrupt.ts) listens for SIGINT and SIGTERM, a
 * fallback does: Node's default would end linkforge at once and leave the children, which do not
 * see a terminal's Ctrl-C in their own process groups, running as orphans. It forwards the signal,
 * gives them a few seconds to stop (and release their locks), kills what is left, and then ends
 * linkforge with the same signal, as the default would have.
 */
const FALLBACK_GRACE_MS = 10_000;
let fallback: ((signal: NodeJS.Signals) => void) | undefined;

function guardUntrapped(): void {
  if (fallback || process.listenerCount('SIGINT') > 0 || process.listenerCount('SIGTERM') > 0) return;
  const handler = (signal: NodeJS.Signals) => {
    signalTerraformGroups(signal);
    const deadline = Date.now() + FALLBACK_GRACE_MS;
    const poll = setInterval(() => {
      if (running.size > 0 && Date.now() < deadline) return;
      clearInterval(poll);
      signalTerraformGroups('SIGKILL');
      unguard();
      process.kill(process.pid, signal);
    }, 100);
  };
  fallback = handler;
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

function unguard(): void {
  if (!fallback) return;
  process.off('SIGINT', fallback);
  process.off('SIGTERM', fallback);
  fallback = undefined;
}

/** Signal process group `pgid`; false when it no longer exists. */
function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

export function execTerraform(args: readonly string[], opts: ExecOptions): Promise<ExecResult> {
  const binary = opts.binary ?? terraformBinary();
  const started = process.hrtime.bigint();
  const elapsed = () => Number((process.hrtime.bigint() - started) / 1_000_000n);
  return new Promise((resolve) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let failure: string | undefined;
    let settled = false;
    const child = spawn(binary, [...args], {
      cwd: opts.cwd,
      env: opts.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const pid = child.pid;
    if (pid !== undefined) {
      guardUntrapped();
      running.set(pid, child);
    }
    let printed = 0;
    const collect = (into: Buffer[]) => (b: Buffer) => {
      printed += b.length;
      if (opts.maxOutputBytes === undefined || printed <= opts.maxOutputBytes) {
        into.push(b);
      } else if (failure === undefined) {
        failure = `terraform ${args[0]} printed more than ${opts.maxOutputBytes} bytes; stopped`;
        if (pid !== undefined) signalGroup(pid, 'SIGTERM');
      }
    };
    child.stdout.on('data', collect(out));
    child.stderr.on('data', collect(err));
    const timer =
      opts.timeoutMs !== undefined
        ? setTimeout(() => {
            failure = `terraform ${args[0]} timed out after ${Math.round(opts.timeoutMs! / 1000)}s`;
            // Terraform traps SIGTERM to release locks cleanly; insist only if it ignores it.
            if (pid !== undefined) signalGroup(pid, 'SIGTERM');
            setTimeout(() => pid !== undefined && signalGroup(pid, 'SIGKILL'), 10_000).unref();
          }, opts.timeoutMs)
        : undefined;
    const finish = (code: number | null, signal: NodeJS.Signals | null = null) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      if (pid !== undefined) {
        running.delete(pid);
        if (running.size === 0) unguard();
        // Terraform stops its providers before it exits; one still alive in its group would be an
        // orphan holding memory (or a connection), so it goes with its parent.
        signalGroup(pid, 'SIGKILL');
      }
      resolve({
        args,
        code,
        ...(signal ? { signal } : {}),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        durationMs: elapsed(),
        failure,
      });
    };
    child.on('error', (e: NodeJS.ErrnoException) => {
      failure =
        e.code === 'ENOENT'
          ? `terraform not found: '${binary}' is not on PATH (install Terraform >= ${minTerraformVersionText()}, or set LINKFORGE_TERRAFORM)`
          : `could not run ${binary}: ${e.message}`;
      finish(null);
    });
    child.on('close', (code, signal) => finish(code, signal));
  });
}
