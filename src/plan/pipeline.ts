/**
 * The plan pipeline, from customer files to a reviewed plan: validate every file → select the
 * stacks (ids, affected set, shard) → check the environment (Terraform, CLI configuration) → start
 * the first stack's `terraform init` → synthesize once meanwhile, put in place once the provider
 * is known to install → plan each stack → check deleted customer files → write the summary and
 * results → exit status. One function, returning what happened; the command (src/cli/plan.ts)
 * parses arguments and prints.
 *
 * Output (docs/terraform.md): `<outdir>/plans/<id>/{plan.tfplan,plan.json,terraform.log}` per
 * stack, `<outdir>/summary.md` for the reviewer and `<outdir>/plan-results.json` for tools.
 * Exit status: 0 every stack planned (with detailedExitcode: 2 when any stack has changes, as
 * `terraform plan -detailed-exitcode`), 1 invalid input or any stack failed.
 */
import * as fs from 'fs';
import * as path from 'path';
import { hasErrors, type Diagnostic } from '../config/diagnostics';
import { DEFAULT_CUSTOMERS_DIR, formatSkipped, loadProject } from '../config/load';
import { UnsafeOutdirError, checkOutdir } from '../fsutil/outdir-guard';
import { OutputLockedError, lockOutput, type OutputLock } from '../fsutil/output-lock';
import { checkRemoved } from '../pr/removed';
import { formatShard, type ShardSpec } from '../shards/shard';
import { statePuller } from '../stacks/state-command';
import { stackBackendSettings, stackTerraformBlock } from '../stacks/terraform-block';
import { discardEarlyInit, startEarlyInit, type EarlyInit } from '../terraform/early-init';
import type { TerraformCliSetup } from '../terraform/cli-config';
import { checkTerraform } from '../terraform/environment';
import { trapInterrupts, type InterruptTrap } from '../terraform/interrupt';
import { defaultJobs, describeDefaultJobs, machineCapacity } from '../terraform/jobs';
import { progressFor, type ProgressReporter } from '../terraform/progress';
import { planStacks } from '../terraform/runner';
import { checkEnvironment, confirmProvider } from './environment';
import { reportRun, type PlanReport, type ReportContext } from './report';
import { selectStacks, type Selection } from './selection';
import type { StackRunResult, SynthesizedStack } from './types';

export interface PlanRunOptions {
  /** Customer ids to plan. @default - every customer (or the affected ones) */
  readonly ids?: readonly string[];
  readonly customersDir?: string;
  readonly affectedSince?: string;
  /** A file written by `linkforge affected --format json`: the affected set, computed once. */
  readonly affectedFrom?: string;
  /** Plan only this slice of the selection. @default - the whole selection */
  readonly shard?: ShardSpec;
  readonly jobs?: number;
  readonly offline?: boolean;
  readonly detailedExitcode?: boolean;
  /**
   * Take the state lock while planning. Pull-request and drift plans pass false: their roles may
   * only read state (docs/security.md), and a plan that is never applied needs no lock.
   * @default true
   */
  readonly lock?: boolean;
  /** @default 'cdktf.out' */
  readonly outdir?: string;
  /** Project root (cdktf.json, .linkforge/). @default process.cwd() */
  readonly projectDir?: string;
  /** @default a bar on a terminal stderr, else one line per stack */
  readonly progress?: ProgressReporter;
  /** Environment that tells whether this runs under CI (`CI=true`). @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** What stops the run early. @default a trap on this process's SIGINT and SIGTERM */
  readonly interrupts?: InterruptTrap;
}

/** Where the pipeline reports as it goes (a plan of many stacks runs for a long time). */
export interface PlanIo {
  /** A message for the operator (stderr): whole lines, each with its newline. */
  log(text: string): void;
  /** The customer files' diagnostics, before anything else is done. */
  diagnostics(diagnostics: readonly Diagnostic[]): void;
}

export interface PlanOutcome {
  readonly exitCode: number;
  /** Set once the run got as far as writing a summary (not for invalid input or environment). */
  readonly report?: PlanReport;
}

/** `CI=true` (or `1`): GitHub Actions, GitLab CI and most other CI systems set it. */
function underCi(env: NodeJS.ProcessEnv): boolean {
  return env.CI === 'true' || env.CI === '1';
}

/**
 * Why an online plan under CI with the local backend is refused: a CI runner's state directory is
 * empty on every run (git-ignored, never checked out), so every deployed customer would plan as
 * new and every deleted file as safe to delete.
 */
const LOCAL_BACKEND_IN_CI =
  'linkforge plan: refusing an online plan under CI with the local state backend: a CI runner starts ' +
  'with no state/ directory, so every deployed customer would look new and every deleted customer ' +
  'file safe to delete. Configure the S3 backend in cdktf.json (context.linkforge.backend: ' +
  '{ "type": "s3", "bucket": …, "region": …, "kmsKeyId": …, "keyPrefix": …, "dynamodbTable": … or "useLockfile": true }, ' +
  'see README "Platform settings"), or plan with --offline for a review that says it cannot see ' +
  'deployed resources.\n';

/** What an offline run cannot see, said on the console as the summary says it on its first line. */
const OFFLINE_CONSOLE_NOTICE =
  'offline: empty throw-away state and placeholder credentials, so nothing deployed can be seen ' +
  '(every customer looks new; removals, replacements and drift do not show)\n';

export async function runPlan(opts: PlanRunOptions, io: PlanIo): Promise<PlanOutcome> {
  const projectDir = path.resolve(opts.projectDir ?? process.cwd());
  const customersDir = opts.customersDir ?? DEFAULT_CUSTOMERS_DIR;
  const outdir = opts.outdir ?? 'cdktf.out';
  const absOutdir = path.resolve(projectDir, outdir);
  const stop = (text: string): PlanOutcome => {
    io.log(text);
    return { exitCode: 1 };
  };

  // `terraform version` runs in a child meanwhile (part of the fixed cost of every run, issue 13);
  // its verdict is only read at step 3, and a run that stops earlier never reports it.
  const terraformCheck = checkTerraform();

  // 1. Every file is checked before anything is synthesized: any error stops here.
  // Paths relative to the working directory, so diagnostics read `customers/acme.yaml:3:1`.
  const fromCwd = (p: string) => path.relative(process.cwd(), path.resolve(projectDir, p)) || '.';
  const loaded = loadProject({ customersDir: fromCwd(customersDir), cdktfJson: fromCwd('cdktf.json') });
  io.diagnostics(loaded.diagnostics);
  io.log(formatSkipped(loaded.skipped));
  if (hasErrors(loaded.diagnostics))
    return stop(
      'linkforge plan: the customer files have errors (above); nothing was synthesized or planned\n',
    );
  if (!opts.offline && loaded.settings.backend.type === 'local' && underCi(opts.env ?? process.env))
    return stop(LOCAL_BACKEND_IN_CI);

  // 2. Which stacks.
  const selection = selectStacks(loaded.customers, { ...opts, customersDir, projectDir }, io.log);
  if (!selection) return { exitCode: 1 };

  try {
    checkOutdir(absOutdir, [projectDir, path.resolve(projectDir, customersDir)]);
  } catch (e) {
    if (!(e instanceof UnsafeOutdirError)) throw e;
    return stop(`linkforge plan: ${e.message}\n`);
  }
  // Only one run writes this output folder at a time (a second is refused, naming the first).
  let lock: OutputLock;
  try {
    lock = lockOutput(absOutdir, 'plan');
  } catch (e) {
    if (!(e instanceof OutputLockedError)) throw e;
    return stop(`linkforge plan: ${e.message}\n`);
  }
  // From here on a Ctrl-C or a cancelled CI job stops terraform cleanly and still gets a summary.
  const trap = opts.interrupts ?? trapInterrupts({ out: { stderr: io.log }, command: 'linkforge plan' });
  try {
    const run: LockedRun = {
      opts,
      io,
      loaded,
      selection,
      projectDir,
      customersDir,
      outdir,
      absOutdir,
      trap,
      terraformCheck,
    };
    return await planLocked(run);
  } finally {
    if (!opts.interrupts) trap.release();
    lock.release();
  }
}

interface LockedRun {
  readonly opts: PlanRunOptions;
  readonly io: PlanIo;
  readonly loaded: ReturnType<typeof loadProject>;
  readonly selection: Selection;
  readonly projectDir: string;
  readonly customersDir: string;
  readonly outdir: string;
  readonly absOutdir: string;
  readonly trap: InterruptTrap;
  readonly terraformCheck: ReturnType<typeof checkTerraform>;
}

async function planLocked(run: LockedRun): Promise<PlanOutcome> {
  const { opts, io, loaded, projectDir, customersDir, outdir, absOutdir, trap } = run;
  const { ids, removed, shard } = run.selection;
  const offline = opts.offline ?? false;
  const reporting: ReportContext = {
    summaryFile: path.join(absOutdir, 'summary.md'),
    absOutdir,
    projectDir,
    detailedExitcode: opts.detailedExitcode,
    trap,
    shard,
  };
  const finish = (results: readonly StackRunResult[]): PlanOutcome => {
    const report = reportRun(results, reporting);
    return { exitCode: report.exitCode, report };
  };
  const removedResults = async (): Promise<StackRunResult[]> =>
    trap.signal()
      ? []
      : (
          await checkRemoved([...removed], loaded.settings, {
            projectDir,
            customersDir,
            offline,
            pullState: statePuller(loaded.settings, { projectDir }),
          })
        ).map((r) => ({ ...r, timings: {} }));
  if (ids !== undefined && ids.length === 0) {
    io.log(
      shard
        ? `nothing to plan in shard ${formatShard(shard)}\n`
        : 'nothing to plan: no customer is affected\n',
    );
    return finish(await removedResults());
  }
  if (ids === undefined && loaded.customers.length === 0) {
    io.log(`nothing to plan: no customer files in ${customersDir}/\n`);
    return finish(await removedResults());
  }

  // 3. The environment, before anything is written: a missing or old Terraform fails here once,
  // with earlier output untouched.
  const environment = await checkEnvironment(projectDir, outdir, io.log, run.terraformCheck);
  if (trap.signal()) return finish(notStarted(loaded, ids, trap));
  if (!environment) return { exitCode: 1 };

  // 4. The first stack's `terraform init` starts now, on the other core, while cdktf loads and
  // synthesizes (src/terraform/early-init.ts): it needs only the stack's terraform block.
  const firstId = [...(ids ?? loaded.customers.map((c) => c.customer.id))].sort()[0];
  let early: EarlyInit | undefined =
    firstId === undefined
      ? undefined
      : startEarlyInit(
          firstId,
          stackTerraformBlock(firstId, stackBackendSettings(loaded.settings.backend, { offline }), {
            stackDir: path.join(outdir, 'stacks', firstId),
            projectDir,
            awsProviderVersion: environment.awsProviderVersion,
          }),
          { cli: environment.cli, projectDir, offline },
        );
  try {
    // 5. One synthesis of the selected stacks (all of them: the whole outdir is replaced), put in
    // place only once the provider is known to install. cdktf is loaded here, not at start-up.
    const { stageSynthesis } = await import('../stacks/synthesize');
    const staged = stageSynthesis(loaded.customers, loaded.settings, { outdir, ids, offline, projectDir });
    const initialised = early && (await early.result).code === 0;
    if (
      !initialised &&
      !trap.signal() &&
      !(await confirmProvider(environment.cli, environment.awsProviderVersion, projectDir, outdir, io.log))
    ) {
      staged.discard();
      return { exitCode: 1 };
    }
    staged.commit();
    const stacks = staged.stacks.map((s) => ({ ...s, dir: path.resolve(projectDir, s.dir) }));
    if (trap.signal()) return finish(notStarted(loaded, ids, trap));
    const handedOver = early;
    early = undefined;
    return finish([
      ...(await planSynthesized(run, stacks, environment.cli, handedOver)),
      ...(await removedResults()),
    ]);
  } finally {
    // Not handed to the runner (an error or an early return above): wait for it and clean up.
    if (early) {
      await early.result;
      discardEarlyInit(early);
    }
  }
}

/** Step 6: plan each synthesized stack (the runner adopts the early init of the first). */
async function planSynthesized(
  run: LockedRun,
  stacks: SynthesizedStack[],
  cli: TerraformCliSetup,
  earlyInit: EarlyInit | undefined,
): Promise<StackRunResult[]> {
  const { opts, io, loaded, projectDir, absOutdir, trap } = run;
  const offline = opts.offline ?? false;
  // Plans of an earlier run must never sit next to this run's summary.
  const plansDir = path.join(absOutdir, 'plans');
  fs.rmSync(plansDir, { recursive: true, force: true });
  const machine = machineCapacity();
  const jobs = opts.jobs ?? defaultJobs(machine);
  const width = opts.jobs === undefined ? describeDefaultJobs(machine) : String(jobs);
  io.log(`planning ${stacks.length} stack(s), ${width} at a time${offline ? ', offline' : ''}\n`);
  if (offline) io.log(OFFLINE_CONSOLE_NOTICE);
  return planStacks(stacks, {
    cli,
    plansDir,
    projectDir,
    jobs,
    offline,
    lock: opts.lock ?? true,
    progress: opts.progress ?? progressFor(process.stderr),
    lockTimeoutSeconds: loaded.settings.lockTimeoutSeconds,
    interrupted: trap.signal,
    earlyInit,
  });
}

/** Every selected customer as interrupted before its plan started. */
function notStarted(
  loaded: ReturnType<typeof loadProject>,
  ids: readonly string[] | undefined,
  trap: InterruptTrap,
): StackRunResult[] {
  const selected = ids === undefined ? undefined : new Set(ids);
  return loaded.customers
    .filter((c) => selected === undefined || selected.has(c.customer.id))
    .map(({ customer }) => ({
      id: customer.id,
      connectivityType: customer.connectivity.type,
      decommission: customer.decommission,
      status: 'interrupted' as const,
      error: `interrupted by ${trap.signal()} before it started: not planned`,
      durationMs: 0,
      timings: {},
    }));
}
