/**
 * Planning one stack: `terraform init` (unless already done), `plan -detailed-exitcode -out`, and
 * `show -json` only when the plan has changes. Everything a reviewer or a later apply needs lands
 * in `<plansDir>/<id>/`: `plan.tfplan` (the saved plan, applied as reviewed), `plan.json`
 * (`terraform show -json`, redacted, or NO_CHANGES_PLAN for an empty plan), `plan.sha256` (the
 * digest of the unredacted changes, for the deploy gate), `plan.txt` (the readable plan) and
 * `terraform.log` (every command's output, the first place to look when a stack failed).
 */
import * as fs from 'fs';
import * as path from 'path';
import { fileSystemFailure, writeFileAtomic } from '../fsutil/atomic-write';
import { countChanges } from '../plan/counts';
import { redactPlan } from '../plan/redact';
import { NO_CHANGES_PLAN, reviewSubset } from '../plan/review-subset';
import { PLAN_DIGEST_FILE, planDigest } from '../plan/same-plan';
import type { StackRunResult, StackTimings, SynthesizedStack, TerraformPlanJson } from '../plan/types';
import type { TerraformCliSetup } from './cli-config';
import { offlineDataDir } from './child-env';
import { explainError, summarizeError } from './errors';
import { execTerraform, type ExecResult } from './exec';

/** What every stack of one run shares (src/terraform/runner.ts builds it). */
export interface StackContext {
  readonly cli: TerraformCliSetup;
  readonly plansDir: string;
  /** Absolute; result paths are relative to it. */
  readonly projectDir: string;
  /** The children's environment (childEnvironment). */
  readonly env: NodeJS.ProcessEnv;
  readonly offline?: boolean;
  readonly lock?: boolean;
  readonly validate?: boolean;
  readonly binary?: string;
  readonly commandTimeoutMs?: number;
  readonly lockTimeoutSeconds?: number;
  readonly interrupted?: () => NodeJS.Signals | undefined;
}

/** The dependency lock file committed at the project root (see docs/terraform.md). */
export const PROJECT_LOCK_FILE = '.terraform.lock.hcl';

/**
 * `terraform init` of a stack. -reconfigure: the backend block is derived from platform settings
 * on every synthesis, and an offline plan (local state) may follow an online one in the same
 * directory. State is never migrated implicitly: moving state between backends is a deliberate
 * operator action.
 */
export const INIT_ARGS: readonly string[] = ['init', '-input=false', '-no-color', '-reconfigure'];

export function initStack(stack: SynthesizedStack, ctx: StackContext): Promise<ExecResult> {
  return tf([...INIT_ARGS], stack, ctx);
}

/** The `failure` of a command that was never started because the run was interrupted. */
const NOT_STARTED = 'not started: the run was interrupted';

function tf(args: string[], stack: SynthesizedStack, ctx: StackContext): Promise<ExecResult> {
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
export async function planOneStack(
  stack: SynthesizedStack,
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
      ...resultBase(stack, ctx),
      status: 'failed',
      error: why,
      durationMs: Date.now() - started,
      timings: {},
    };
  }
}

/** What every result of `stack` says about it, whatever happened. */
function resultBase(stack: SynthesizedStack, ctx: StackContext) {
  return {
    id: stack.id,
    connectivityType: stack.connectivityType,
    decommission: stack.decommission,
    ...(ctx.offline ? { offline: true } : {}),
    ...(stack.peeringAccepted ? { peeringAccepted: true } : {}),
  };
}

async function planStackSteps(
  stack: SynthesizedStack,
  ctx: StackContext,
  alreadyInitialised: Promise<ExecResult> | undefined,
): Promise<StackRunResult> {
  const started = Date.now();
  const base = resultBase(stack, ctx);
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
  const timings: { -readonly [K in keyof StackTimings]: StackTimings[K] } = {};
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
          : `terraform ${step} failed: ${explainError(r, stack, ctx.lockTimeoutSeconds)}`) + logFailure,
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
  // What the deploy gate compares: a digest of the unredacted changes (src/plan/same-plan.ts).
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
