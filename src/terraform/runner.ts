/**
 * Planning many stacks: `terraform init`, `plan -detailed-exitcode -out`, and `show -json` only when
 * the plan has changes, per stack directory, N stacks at a time, one failure never stopping the
 * others.
 *
 * Per stack, everything a reviewer or a later apply needs lands in `<plansDir>/<id>/`:
 * `plan.tfplan` (the saved plan, applied as reviewed), `plan.json` (`terraform show -json`, or
 * NO_CHANGES_PLAN for an empty plan), `plan.txt` (the readable plan) and
 * `terraform.log` (every command's output, the first place to look when a stack failed).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Connectivity } from '../config/types';
import type { StackPlanResult, TerraformPlanJson, TerraformResourceChange } from '../pr/types';
import { fileSystemFailure, writeFileAtomic } from '../fsutil/atomic-write';
import type { TerraformCliSetup } from './cli-config';
import { execTerraform, type ExecResult } from './exec';
import { countChanges, type ChangeCounts } from './plan-counts';
import { silentProgress, type ProgressReporter } from './progress';
import { planDigest } from '../pr/same-plan';
import { redactPlan } from './redact';
import { isLockError, lockErrorMessage, parseLockInfo, stateLocation } from './state-lock';

/** A synthesized stack directory to plan (what `synthesize()` returns per customer). */
export interface StackToPlan {
  readonly id: string;
  /** Directory holding the stack's `cdk.tf.json`. */
  readonly dir: string;
  /** Plan the destruction of the stack (`terraform plan -destroy`). */
  readonly decommission: boolean;
  readonly connectivityType?: Connectivity['type'];
}

/** Next to plan.json: the digest of the unredacted planned changes (planDigest). */
export const PLAN_DIGEST_FILE = 'plan.sha256';

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
}

/** Wall time of each step of one stack, in milliseconds. */
export interface StackTimings {
  readonly init?: number;
  readonly validate?: number;
  readonly plan?: number;
  readonly show?: number;
}

export interface StackRunResult extends StackPlanResult {
  readonly counts?: ChangeCounts;
  readonly timings: StackTimings;
}

/**
 * Credentials-related variables a child must not inherit in offline mode: a pull request from a
 * fork is planned offline precisely so that no real credential is ever within its reach.
 */
const AWS_CREDENTIAL_VARIABLES = [
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_ROLE_ARN',
  'AWS_ROLE_SESSION_NAME',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
];

/** The environment of every terraform child. */
export function childEnvironment(
  base: NodeJS.ProcessEnv,
  cli: TerraformCliSetup,
  offline: boolean,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, ...cli.env };
  if (offline) {
    for (const name of AWS_CREDENTIAL_VARIABLES) delete env[name];
    Object.assign(env, {
      // Placeholders, never written to any file: the provider insists on some credentials even when
      // told to skip every check, and these can authenticate nothing.
      AWS_ACCESS_KEY_ID: 'offline-placeholder',
      AWS_SECRET_ACCESS_KEY: 'offline-placeholder',
      // No instance-metadata lookups (a 1-2 s timeout each outside EC2, a real identity inside it),
      // and no shared config/credentials files that could name a real profile.
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONFIG_FILE: path.join(path.dirname(cli.configFile), 'offline-aws-config-none'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(path.dirname(cli.configFile), 'offline-aws-credentials-none'),
    });
  }
  return env;
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
export function requiredProviders(
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
  stacks: readonly StackToPlan[],
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
    if (stacks.length > 1) {
      const first = stacks[0];
      seeded = (async () => {
        const r = await initStack(first, ctx);
        if (r.code === 0) seedLockFile(first.dir, stacks.slice(1));
        return r;
      })();
      await seeded;
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

interface StackContext extends RunnerOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly projectDir: string;
}

/** The dependency lock file committed at the project root (see docs/terraform.md). */
export const PROJECT_LOCK_FILE = '.terraform.lock.hcl';

function usePinnedLockFile(projectDir: string, stacks: readonly StackToPlan[]): void {
  const lock = path.join(projectDir, PROJECT_LOCK_FILE);
  if (!fs.existsSync(lock)) return;
  for (const s of stacks) {
    if (fs.existsSync(s.dir)) fs.copyFileSync(lock, path.join(s.dir, PROJECT_LOCK_FILE));
  }
}

function seedLockFile(fromDir: string, others: readonly StackToPlan[]): void {
  const lock = path.join(fromDir, '.terraform.lock.hcl');
  if (!fs.existsSync(lock)) return;
  const pins = JSON.stringify(requiredProviders(fromDir));
  for (const s of others) {
    if (JSON.stringify(requiredProviders(s.dir)) === pins)
      fs.copyFileSync(lock, path.join(s.dir, '.terraform.lock.hcl'));
  }
}

function initStack(stack: StackToPlan, ctx: StackContext): Promise<ExecResult> {
  // -reconfigure: the backend block is derived from platform settings on every synthesis, and an
  // offline plan (local state) may follow an online one in the same directory. State is never
  // migrated implicitly: moving state between backends is a deliberate operator action.
  return tf(['init', '-input=false', '-no-color', '-reconfigure'], stack, ctx);
}

/**
 * Terraform's working data (`.terraform/`: the initialised backend and provider links) of an
 * offline plan, outside the stack directory. The stack directory is also cdktf's own working
 * directory: an offline init there would record the throw-away local backend, and the next
 * `cdktf deploy|diff|output` (which runs a plain `terraform init`) would stop at "Backend
 * configuration changed".
 */
export function offlineDataDir(projectDir: string, id: string): string {
  return path.join(projectDir, '.linkforge', 'offline-tfdata', id);
}

/** The `failure` of a command that was never started because the run was interrupted. */
const NOT_STARTED = 'not started: the run was interrupted';

function tf(args: string[], stack: StackToPlan, ctx: StackContext): Promise<ExecResult> {
  if (ctx.interrupted?.()) {
    return Promise.resolve({ args, code: null, stdout: '', stderr: '', durationMs: 0, failure: NOT_STARTED });
  }
  return execTerraform(args, {
    cwd: stack.dir,
    env: ctx.offline ? { ...ctx.env, TF_DATA_DIR: offlineDataDir(ctx.projectDir, stack.id) } : ctx.env,
    binary: ctx.binary,
    timeoutMs: ctx.commandTimeoutMs,
  });
}

/**
 * One stack, never throwing for a file-system failure: a disk that fills up or a folder that cannot
 * be written fails this stack, with the path and the cause, and the run goes on to the summary.
 */
async function planOneStack(
  stack: StackToPlan,
  ctx: StackContext,
  alreadyInitialised: Promise<ExecResult> | undefined,
): Promise<StackRunResult> {
  const started = Date.now();
  try {
    return await planStackSteps(stack, ctx, alreadyInitialised);
  } catch (e) {
    const why = fileSystemFailure(e);
    if (why === undefined) throw e;
    return {
      id: stack.id,
      connectivityType: stack.connectivityType,
      decommission: stack.decommission,
      status: 'failed',
      error: why,
      durationMs: Date.now() - started,
      timings: {},
    };
  }
}

async function planStackSteps(
  stack: StackToPlan,
  ctx: StackContext,
  alreadyInitialised: Promise<ExecResult> | undefined,
): Promise<StackRunResult> {
  const started = Date.now();
  const base = {
    id: stack.id,
    connectivityType: stack.connectivityType,
    decommission: stack.decommission,
    ...(ctx.offline ? { offline: true } : {}),
  };
  const before = ctx.interrupted?.();
  if (before && !alreadyInitialised) {
    return {
      ...base,
      status: 'interrupted',
      error: `interrupted by ${before} before it started: not planned`,
      durationMs: 0,
      timings: {},
    };
  }
  // The first stack's init ran before the pool started; its time still belongs to this stack.
  let earlierMs = 0;
  const outDir = path.join(ctx.plansDir, stack.id);
  // A failed run must not leave an older plan next to a new error: the directory is this run's.
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const planFile = path.join(outDir, 'plan.tfplan');
  const planJsonFile = path.join(outDir, 'plan.json');
  const log: ExecResult[] = [];
  const timings: { init?: number; validate?: number; plan?: number; show?: number } = {};
  const fail = (step: string, r: ExecResult): StackRunResult => {
    // The terraform error matters more than the log: a log that cannot be written is added to it.
    let logFailure = '';
    try {
      writeLog(outDir, log);
    } catch (e) {
      logFailure = `; the log was not written (${fileSystemFailure(e) ?? String(e)})`;
    }
    const signal = ctx.interrupted?.();
    return {
      ...base,
      status: signal ? 'interrupted' : 'failed',
      error:
        (signal
          ? r.failure === NOT_STARTED
            ? `interrupted by ${signal} before terraform ${step}: not planned`
            : `terraform ${step} stopped by ${signal}: ${summarizeError(r)}`
          : `terraform ${step} failed: ${explainError(r, stack, ctx)}`) + logFailure,
      durationMs: Date.now() - started + earlierMs,
      timings,
    };
  };

  const init = alreadyInitialised ? await alreadyInitialised : await initStack(stack, ctx);
  if (alreadyInitialised) earlierMs = init.durationMs;
  log.push(init);
  timings.init = init.durationMs;
  if (init.code !== 0) return fail('init', init);

  if (ctx.validate) {
    const v = await tf(['validate', '-no-color'], stack, ctx);
    log.push(v);
    timings.validate = v.durationMs;
    if (v.code !== 0) return fail('validate', v);
  }

  // -detailed-exitcode: exit 0 means an empty plan, 2 a plan with changes, 1 an error. An empty
  // plan (the usual drift result) needs no `show -json`: that would only start the provider a third
  // time to list no-op entries.
  const planArgs = ['plan', '-input=false', '-no-color', '-detailed-exitcode', `-out=${planFile}`];
  // A concurrent run of the same customer holds the lock for the length of its plan: wait for it
  // (bounded) rather than fail at once.
  if (ctx.lockTimeoutSeconds) planArgs.push(`-lock-timeout=${ctx.lockTimeoutSeconds}s`);
  if (stack.decommission) planArgs.push('-destroy');
  if (ctx.lock === false) planArgs.push('-lock=false');
  const plan = await tf(planArgs, stack, ctx);
  log.push(plan);
  timings.plan = plan.durationMs;
  if (plan.code !== 0 && plan.code !== 2) return fail('plan', plan);
  // The readable plan, as terraform printed it (sensitive values shown as "(sensitive value)"):
  // what the summary points a reviewer at for the details it leaves out.
  writeFileAtomic(path.join(outDir, 'plan.txt'), plan.stdout);
  if (plan.code === 0) {
    writeFileAtomic(planJsonFile, JSON.stringify(NO_CHANGES_PLAN) + '\n');
    writeFileAtomic(path.join(outDir, PLAN_DIGEST_FILE), planDigest(NO_CHANGES_PLAN) + '\n');
    writeLog(outDir, log);
    return {
      ...base,
      status: 'planned',
      plan: reviewSubset(NO_CHANGES_PLAN),
      planFile: relative(ctx.projectDir, planFile),
      planJsonFile: relative(ctx.projectDir, planJsonFile),
      counts: { add: 0, change: 0, destroy: 0 },
      durationMs: Date.now() - started + earlierMs,
      timings,
    };
  }

  const show = await tf(['show', '-json', '-no-color', planFile], stack, ctx);
  // The JSON itself goes to plan.json, not into the log.
  log.push({ ...show, stdout: show.code === 0 ? `(written to ${planJsonFile})\n` : show.stdout });
  timings.show = show.durationMs;
  if (show.code !== 0) return fail('show', show);
  let parsed: TerraformPlanJson;
  try {
    parsed = JSON.parse(show.stdout) as TerraformPlanJson;
  } catch (e) {
    return fail('show', { ...show, failure: `output is not JSON (${(e as Error).message})` });
  }
  // What the deploy gate compares: a digest of the unredacted changes (src/pr/same-plan.ts).
  writeFileAtomic(path.join(outDir, PLAN_DIGEST_FILE), planDigest(parsed) + '\n');
  // Terraform's JSON carries sensitive values (the tunnels' pre-shared keys) in clear text.
  parsed = redactPlan(parsed);
  // Through a temporary file and a rename: a full disk leaves no truncated plan.json behind.
  writeFileAtomic(planJsonFile, JSON.stringify(parsed) + '\n');
  writeLog(outDir, log);
  const plan_ = reviewSubset(parsed);
  return {
    ...base,
    status: 'planned',
    plan: plan_,
    planFile: relative(ctx.projectDir, planFile),
    planJsonFile: relative(ctx.projectDir, planJsonFile),
    counts: countChanges(plan_),
    durationMs: Date.now() - started + earlierMs,
    timings,
  };
}

/**
 * `plan.json` of a stack whose plan is empty (terraform plan -detailed-exitcode exited 0): written by
 * linkforge instead of `terraform show -json`, which would list only no-op entries. Every reader of
 * plan.json (summary, summarize, the deploy gate in same-plan.ts) ignores no-op entries, so it
 * means the same; `linkforge_no_changes` says where it came from.
 */
export const NO_CHANGES_PLAN: TerraformPlanJson & { readonly linkforge_no_changes: string } = {
  format_version: '1.2',
  linkforge_no_changes: 'terraform plan -detailed-exitcode exited 0: no changes, show -json skipped',
  resource_changes: [],
};

/**
 * Keep only what the review summary reads (TerraformPlanJson): a full plan JSON also carries the
 * configuration, prior state and planned values, several times the size, and a fleet-wide run
 * holds one per customer in memory. The complete JSON stays in plan.json.
 */
export function reviewSubset(plan: TerraformPlanJson): TerraformPlanJson {
  const resource_changes = (plan.resource_changes ?? []).map((rc): TerraformResourceChange => ({
    address: rc.address,
    type: rc.type,
    name: rc.name,
    change: {
      actions: rc.change.actions,
      before: rc.change.before,
      after: rc.change.after,
      ...(rc.change.replace_paths ? { replace_paths: rc.change.replace_paths } : {}),
      // What the summary needs to list changed attributes: unknown values, and the sensitivity
      // masks (the values themselves are already redacted).
      ...(rc.change.after_unknown !== undefined ? { after_unknown: rc.change.after_unknown } : {}),
      ...(rc.change.before_sensitive !== undefined ? { before_sensitive: rc.change.before_sensitive } : {}),
      ...(rc.change.after_sensitive !== undefined ? { after_sensitive: rc.change.after_sensitive } : {}),
    },
    ...(rc.action_reason ? { action_reason: rc.action_reason } : {}),
  }));
  return {
    format_version: plan.format_version,
    resource_changes,
    ...(plan.output_changes ? { output_changes: plan.output_changes } : {}),
  };
}

/**
 * The error of a failed command, for the summary: a lock error becomes who holds the lock and how
 * to release it; an error about state says where that state is (the S3 object or the file).
 */
function explainError(r: ExecResult, stack: StackToPlan, ctx: StackContext): string {
  const text = `${r.stderr}\n${r.stdout}`;
  const state = stateLocation(stack.dir);
  if (!r.failure && isLockError(text)) {
    return lockErrorMessage(parseLockInfo(text), {
      id: stack.id,
      stackDir: path.relative(process.cwd(), stack.dir) || '.',
      waitedSeconds: ctx.lockTimeoutSeconds ?? 0,
      state,
    });
  }
  const summary = summarizeError(r);
  if (state && /\bstate\b/i.test(summary) && !summary.includes(state.replace(/^s3:\/\//, ''))) {
    return `${summary} (state: ${state})`;
  }
  return summary;
}

/**
 * One paragraph from terraform's output: the `Error:` blocks (summary and detail), whitespace
 * collapsed, bounded in length; the last lines of output when there is no `Error:` block.
 */
export function summarizeError(
  r: Pick<ExecResult, 'stdout' | 'stderr' | 'failure' | 'code' | 'signal'>,
): string {
  if (r.failure) return r.failure;
  // Killed (by linkforge's interrupt, the OOM killer, a CI runner): the signal is the news, and
  // "exit code null" would hide it.
  if (r.signal) {
    const rest = summarizeError({ ...r, signal: undefined, code: 0 });
    return `killed by ${r.signal}${rest && rest !== 'exit code 0' ? ` (${rest})` : ''}`;
  }
  const text = `${r.stderr}\n${r.stdout}`.replace(/\r/g, '');
  const lines = text.split('\n').map((l) => l.replace(/^[│╷╵ ]+/, '').trimEnd());
  const blocks: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith('Error: ')) continue;
    const block = [lines[i]];
    for (
      let j = i + 1;
      j < lines.length && !lines[j].startsWith('Error: ') && !lines[j].startsWith('Warning: ');
      j++
    ) {
      if (lines[j]) block.push(lines[j].trim());
    }
    blocks.push(block.join(' '));
  }
  const chosen =
    blocks.length > 0
      ? [...new Set(blocks)].join(' | ')
      : lines
          .filter((l) => l.trim())
          .slice(-3)
          .join(' ');
  const msg = chosen.replace(/\s+/g, ' ').trim() || `exit code ${r.code}`;
  return msg.length > 600 ? `${msg.slice(0, 597)}...` : msg;
}

function writeLog(outDir: string, log: readonly ExecResult[]): void {
  const text = log
    .map((r) => {
      const head = `$ terraform ${r.args.join(' ')}  # exit ${r.code ?? r.failure ?? '?'}, ${(r.durationMs / 1000).toFixed(1)}s`;
      return [head, r.stdout.trimEnd(), r.stderr.trimEnd()].filter(Boolean).join('\n');
    })
    .join('\n\n');
  writeFileAtomic(path.join(outDir, 'terraform.log'), text + '\n');
}

function relative(from: string, p: string): string {
  return path.relative(from, p).split(path.sep).join('/');
}
