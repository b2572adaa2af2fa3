/**
 * Planning many stacks: each stack as src/terraform/stack-plan.ts plans it, N stacks at a time,
 * one failure never stopping the others.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { StackRunResult, SynthesizedStack } from '../plan/types';
import type { TerraformCliSetup } from './cli-config';
import { childEnvironment } from './child-env';
import type { ExecResult } from './exec';
import { silentProgress, type ProgressReporter } from './progress';
import { adoptEarlyInit, discardEarlyInit, type EarlyInit } from './early-init';
import { PROJECT_LOCK_FILE, initStack, planOneStack, type StackContext } from './stack-plan';

export interface RunnerOptions {
  /** CLI configuration and automation variables for every terraform child. */
  readonly cli: TerraformCliSetup;
  /** Where `<id>/plan.tfplan`, `plan.json` and `terraform.log` go. */
  readonly plansDir: string;
  /** Paths in the results are relative to this directory. @default process.cwd() */
  readonly projectDir?: string;
  /** Stacks planned at the same time. @default 1 */
  readonly jobs?: number;
  /**
   * Plan with placeholder AWS credentials that exist only in the children's environment (the
   * stacks must have been synthesized offline: local state, account and credential checks off).
   */
  readonly offline?: boolean;
  /** Take the state lock while planning (`-lock=false` when not). @default true */
  readonly lock?: boolean;
  /** Run `terraform validate` between init and plan. @default false */
  readonly validate?: boolean;
  readonly progress?: ProgressReporter;
  /** Environment the children inherit (before linkforge's own variables). @default process.env */
  readonly baseEnv?: NodeJS.ProcessEnv;
  /** Terraform binary. @default LINKFORGE_TERRAFORM or 'terraform' on PATH */
  readonly binary?: string;
  /** Kill any single terraform command after this long. @default - no limit */
  readonly commandTimeoutMs?: number;
  /**
   * Seconds `terraform plan` waits for a state lock held by another run (`-lock-timeout`).
   * @default 0 - Terraform's own default: fail at once
   */
  readonly lockTimeoutSeconds?: number;
  /**
   * The signal that interrupted the run, if one did (see interrupt.ts): no terraform command
   * starts after it, and the stacks it stopped or never started are reported as interrupted.
   * @default - never interrupted
   */
  readonly interrupted?: () => NodeJS.Signals | undefined;
  /**
   * The first stack's `terraform init`, started before synthesis (early-init.ts): used in place of
   * that stack's own init when it matches, else awaited, discarded and the stack initialised as
   * usual. @default - none: the first stack is initialised here
   */
  readonly earlyInit?: EarlyInit;
}

/**
 * Run `worker` over `items` with at most `jobs` in flight; results keep the order of `items`.
 * A worker that throws rejects the whole pool, so workers report failures as values.
 */
export async function runPool<T, R>(
  items: readonly T[],
  jobs: number,
  worker: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Math.max(1, Math.min(Math.floor(jobs) || 1, items.length));
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await worker(items[i], i);
      }
    }),
  );
  return results;
}

/** `terraform.required_providers` of a synthesized stack, or undefined if unreadable. */
function requiredProviders(
  stackDir: string,
): Record<string, { source?: string; version?: string }> | undefined {
  try {
    const json = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')) as {
      terraform?: { required_providers?: Record<string, { source?: string; version?: string }> };
    };
    return json.terraform?.required_providers;
  } catch {
    return undefined;
  }
}

/** The exact hashicorp/aws version a stack pins (`5.100.0`), or undefined when not pinned exactly. */
export function pinnedAwsVersion(stackDir: string): string | undefined {
  const aws = Object.values(requiredProviders(stackDir) ?? {}).find((p) =>
    /^((registry\.terraform\.io\/)?hashicorp\/)?aws$/.test(p.source ?? ''),
  );
  const v = aws?.version?.trim().replace(/^=\s*/, '');
  return v && /^\d+\.\d+\.\d+$/.test(v) ? v : undefined;
}

/**
 * Plan every stack. Results are in the order of `stacks`.
 *
 * The first stack is initialised alone, then its `.terraform.lock.hcl` is copied to every stack that
 * pins the same providers before the rest run in parallel: the shared plugin cache is filled once
 * (no two `terraform init` race to write the same provider into it), and every other init finds a
 * lock entry whose checksum the cached package matches, which is what Terraform >= 1.4 requires
 * before it links a provider from the cache instead of downloading it again.
 */
export async function planStacks(
  stacks: readonly SynthesizedStack[],
  opts: RunnerOptions,
): Promise<StackRunResult[]> {
  const progress = opts.progress ?? silentProgress;
  const env = childEnvironment(opts.baseEnv ?? process.env, opts.cli, opts.offline ?? false);
  const ctx: StackContext = { ...opts, env, projectDir: path.resolve(opts.projectDir ?? process.cwd()) };
  progress.start(stacks.length);
  // The project's committed dependency lock file (hashicorp/aws 5.100.0 and its checksums) goes into
  // every stack before `terraform init`: init then installs only a provider package whose checksum
  // is in it, and never rewrites it to whatever a mirror or registry offers.
  usePinnedLockFile(ctx.projectDir, stacks);
  try {
    let seeded: Promise<ExecResult> | undefined;
    const first = stacks[0] as SynthesizedStack | undefined;
    const early = opts.earlyInit;
    if (first && (stacks.length > 1 || early)) {
      seeded = (async () => {
        const adopted = early ? await adoptEarlyInit(early, first, ctx.projectDir) : undefined;
        const r = adopted ?? (await initStack(first, ctx));
        if (r.code === 0) seedLockFile(first.dir, stacks.slice(1));
        return r;
      })();
      await seeded;
    } else if (early) {
      await early.result;
      discardEarlyInit(early);
    }
    return await runPool(stacks, opts.jobs ?? 1, async (stack, i) => {
      const result = await planOneStack(stack, ctx, i === 0 ? seeded : undefined);
      progress.stackDone({
        id: stack.id,
        status: result.status === 'planned' ? 'planned' : 'failed',
        decommission: stack.decommission,
        counts: result.counts,
        durationMs: result.durationMs,
        error: result.error?.split('\n')[0],
      });
      return result;
    });
  } finally {
    progress.stop();
  }
}

function usePinnedLockFile(projectDir: string, stacks: readonly SynthesizedStack[]): void {
  const lock = path.join(projectDir, PROJECT_LOCK_FILE);
  if (!fs.existsSync(lock)) return;
  for (const s of stacks) {
    if (fs.existsSync(s.dir)) fs.copyFileSync(lock, path.join(s.dir, PROJECT_LOCK_FILE));
  }
}

function seedLockFile(fromDir: string, others: readonly SynthesizedStack[]): void {
  const lock = path.join(fromDir, '.terraform.lock.hcl');
  if (!fs.existsSync(lock)) return;
  const pins = JSON.stringify(requiredProviders(fromDir));
  for (const s of others) {
    if (JSON.stringify(requiredProviders(s.dir)) === pins)
      fs.copyFileSync(lock, path.join(s.dir, '.terraform.lock.hcl'));
  }
}
