/**
 * Running one terraform command: no shell, captured output, a duration, and a result instead of an
 * exception for every way it can fail (missing binary, non-zero exit, timeout), so one stack's
 * failure is data for the summary rather than a crash of the whole run.
 */
import { spawn } from 'child_process';
import { minTerraformVersionText } from './supported-version';

export interface ExecOptions {
  readonly cwd: string;
  /** The complete environment of the child (not merged with process.env here). */
  readonly env: NodeJS.ProcessEnv;
  /** Kill the command after this long. @default - no limit */
  readonly timeoutMs?: number;
  /** @default process.env.LINKFORGE_TERRAFORM ?? 'terraform' */
  readonly binary?: string;
}

export interface ExecResult {
  readonly args: readonly string[];
  /** Exit code; null when the process could not start or was killed. */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly durationMs: number;
  /** Why the command did not run to an exit code (spawn error, timeout). */
  readonly failure?: string;
}

export function terraformBinary(env: NodeJS.ProcessEnv = process.env): string {
  return env.LINKFORGE_TERRAFORM || 'terraform';
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
    });
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer =
      opts.timeoutMs !== undefined
        ? setTimeout(() => {
            failure = `terraform ${args[0]} timed out after ${Math.round(opts.timeoutMs! / 1000)}s`;
            child.kill('SIGTERM');
            // Terraform traps SIGTERM to release locks cleanly; insist only if it ignores it.
            setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
          }, opts.timeoutMs)
        : undefined;
    const finish = (code: number | null) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      resolve({
        args,
        code,
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
    child.on('close', (code) => finish(code));
  });
}

/** `terraform version` works: the binary exists and runs. Returns its first line, or undefined. */
export async function terraformVersion(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const r = await execTerraform(['version'], {
    cwd: process.cwd(),
    env,
    timeoutMs: 30_000,
    binary: terraformBinary(env),
  });
  return r.code === 0 ? r.stdout.split('\n')[0].trim() : undefined;
}
