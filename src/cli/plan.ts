/**
 * `linkforge plan [ID…] [--customers DIR] [--affected-since REF | --affected-from FILE]
 * [--shard K/N] [--jobs N] [--offline] [--detailed-exitcode] [--outdir DIR]`: validate every
 * customer file, synthesize the selected stacks once, then `terraform init` + `plan` (+ `show
 * -json` when there are changes) per stack, N at a time. With `--shard K/N`, only the K-th of N
 * balanced slices of the selection (src/shards/shard.ts); `linkforge summarize` merges the slices.
 *
 * Output (docs/terraform.md): `<outdir>/plans/<id>/{plan.tfplan,plan.json,terraform.log}` per
 * stack, `<outdir>/summary.md` for the reviewer and `<outdir>/plan-results.json` for tools.
 * Exit status: 0 every stack planned (with --detailed-exitcode: 2 when any stack has changes, as
 * `terraform plan -detailed-exitcode`), 1 invalid input or any stack failed.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { hasErrors } from '../config/diagnostics';
import { DEFAULT_CUSTOMERS_DIR, formatSkipped, loadProject } from '../config/load';
import { AffectedError, affectedSince, idsToPlan } from '../pr/affected';
import { readAffectedFile } from '../pr/affected-file';
import { checkRemoved } from '../pr/removed';
import { UnsafeOutdirError, checkOutdir } from '../fsutil/outdir-guard';
import { OutputLockedError, lockOutput, type OutputLock } from '../fsutil/output-lock';
import { suggest } from '../config/suggest';
import { synthesize } from '../stacks/synthesize';
import { awsProviderVersion } from '../stacks/provider-version';
import { describeCliSetup, prepareTerraformCli, type TerraformCliSetup } from '../terraform/cli-config';
import { checkProvider, checkTerraform } from '../terraform/environment';
import { trapInterrupts, type InterruptTrap } from '../terraform/interrupt';
import { defaultJobs, describeDefaultJobs, machineCapacity } from '../terraform/jobs';
import { progressFor, type ProgressReporter } from '../terraform/progress';
import { planStacks, type StackRunResult } from '../terraform/runner';
import { stackCost } from '../shards/cost';
import { formatShard, parseShard, splitIntoShards, type ShardSpec } from '../shards/shard';
import { PROCESS_OUTPUT, type Output } from './output';
import { finish, type FinishContext, type ShardInfo } from './plan-report';
import { formatTextStyled } from './style';

const USAGE = `usage: linkforge plan [ID...] [--customers DIR] [--affected-since REF | --affected-from FILE]
                      [--shard K/N] [--jobs N] [--offline] [--detailed-exitcode] [--lock=false]
                      [--outdir DIR] [--format text|json]

  ID...               plan only these customers (default: every customer)
  --customers DIR     customer files (default: customers)
  --affected-since REF  plan the customers added or changed since git REF (all when shared code changed)
  --affected-from FILE  plan the customers of 'linkforge affected --format json' output, computed once
  --shard K/N         plan only the K-th of N cost-balanced slices of the selection (merge: summarize)
  --jobs N            stacks planned at the same time (default: CPUs, at most one per GiB of free memory)
  --offline           local throw-away state, placeholder credentials: calls no AWS API
  --detailed-exitcode exit 2 when any stack has changes (0: none, 1: error)
  --lock=false        do not take the state lock (pull-request and drift plans: their roles only read)
  --outdir DIR        synthesis and plan output (default: cdktf.out)
  --format text|json  text: one line of totals on stdout (default); json: the per-stack results
                      (as plan-results.json) on stdout, the totals line on stderr
`;

export interface PlanCommandOptions {
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
  /** What stdout carries at the end: the totals line, or the results as JSON. @default 'text' */
  readonly format?: 'text' | 'json';
}

/** `CI=true` (or `1`): GitHub Actions, GitLab CI and most other CI systems set it. */
export function underCi(env: NodeJS.ProcessEnv): boolean {
  return env.CI === 'true' || env.CI === '1';
}

/**
 * Why an online plan under CI with the local backend is refused: a CI runner's state directory is
 * empty on every run (git-ignored, never checked out), so every deployed customer would plan as
 * new and every deleted file as safe to delete.
 */
export const LOCAL_BACKEND_IN_CI =
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

export async function run(argv: string[], out: Output = PROCESS_OUTPUT): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (e) {
    out.stderr(`linkforge plan: ${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    return 1;
  }
  if (parsed === 'help') {
    out.stdout(USAGE);
    return 0;
  }
  return planCommand(parsed, out);
}

function parse(argv: string[]): PlanCommandOptions | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      customers: { type: 'string' },
      'affected-since': { type: 'string' },
      'affected-from': { type: 'string' },
      shard: { type: 'string' },
      jobs: { type: 'string', short: 'j' },
      offline: { type: 'boolean' },
      'detailed-exitcode': { type: 'boolean' },
      lock: { type: 'string' },
      outdir: { type: 'string' },
      format: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) return 'help';
  if (values.format !== undefined && values.format !== 'text' && values.format !== 'json') {
    throw new Error(`--format must be text or json, not '${values.format}'`);
  }
  let jobs: number | undefined;
  if (values.jobs !== undefined) {
    if (!/^[1-9]\d*$/.test(values.jobs))
      throw new Error(`--jobs must be a positive integer, got '${values.jobs}'`);
    jobs = Number(values.jobs);
  }
  if (values.lock !== undefined && values.lock !== 'true' && values.lock !== 'false')
    throw new Error(`--lock must be true or false, got '${values.lock}'`);
  const selections = [
    positionals.length > 0 ? 'customer ids' : undefined,
    values['affected-since'] !== undefined ? '--affected-since' : undefined,
    values['affected-from'] !== undefined ? '--affected-from' : undefined,
  ].filter((x): x is string => x !== undefined);
  if (selections.length > 1)
    throw new Error(`give ${selections.join(' or ')}, not ${selections.length === 2 ? 'both' : 'several'}`);
  return {
    ids: positionals.length > 0 ? positionals : undefined,
    customersDir: values.customers,
    affectedSince: values['affected-since'],
    affectedFrom: values['affected-from'],
    shard: values.shard !== undefined ? parseShard(values.shard) : undefined,
    jobs,
    offline: values.offline ?? false,
    detailedExitcode: values['detailed-exitcode'] ?? false,
    lock: values.lock !== 'false',
    outdir: values.outdir,
    format: values.format as 'text' | 'json' | undefined,
  };
}

export async function planCommand(opts: PlanCommandOptions, out: Output = PROCESS_OUTPUT): Promise<number> {
  const projectDir = path.resolve(opts.projectDir ?? process.cwd());
  const customersDir = opts.customersDir ?? DEFAULT_CUSTOMERS_DIR;
  const outdir = opts.outdir ?? 'cdktf.out';
  const absOutdir = path.resolve(projectDir, outdir);

  // 1. Every file is checked before anything is synthesized: any error stops here.
  // Paths relative to the working directory, so diagnostics read `customers/acme.yaml:3:1`.
  const fromCwd = (p: string) => path.relative(process.cwd(), path.resolve(projectDir, p)) || '.';
  const loaded = loadProject({ customersDir: fromCwd(customersDir), cdktfJson: fromCwd('cdktf.json') });
  for (const d of loaded.diagnostics) out.stderr(formatTextStyled(d, out.stderrColour) + '\n');
  out.stderr(formatSkipped(loaded.skipped));
  if (hasErrors(loaded.diagnostics)) {
    out.stderr(
      'linkforge plan: the customer files have errors (above); nothing was synthesized or planned\n',
    );
    return 1;
  }
  const offline = opts.offline ?? false;
  if (!offline && loaded.settings.backend.type === 'local' && underCi(opts.env ?? process.env)) {
    out.stderr(LOCAL_BACKEND_IN_CI);
    return 1;
  }

  // 2. Which stacks.
  let ids: string[] | undefined;
  // Customer files deleted since the base: not planned, but refused while their state has resources.
  let removed: string[] = [];
  if (opts.affectedSince !== undefined || opts.affectedFrom !== undefined) {
    try {
      const affected =
        opts.affectedFrom !== undefined
          ? readAffectedFile(path.resolve(projectDir, opts.affectedFrom))
          : affectedSince({ base: opts.affectedSince!, customersDir, cwd: projectDir });
      ids = idsToPlan(affected);
      removed = affected.removed;
      const known = new Set(loaded.customers.map((c) => c.customer.id));
      const unknown = ids.filter((id) => !known.has(id));
      if (opts.affectedFrom !== undefined && unknown.length > 0)
        throw new AffectedError(
          `${opts.affectedFrom} names customers with no file in ${customersDir}/: ${unknown.join(', ')} ` +
            '(was it computed on another commit?)',
        );
      const since =
        opts.affectedFrom !== undefined ? `from ${opts.affectedFrom}` : `since ${opts.affectedSince}`;
      out.stderr(
        `affected ${since}: ${affected.all ? `every customer (${affected.reason})` : `${ids.length} customer(s)`}` +
          (affected.removed.length > 0
            ? `; removed files, not planned: ${affected.removed.join(', ')}`
            : '') +
          '\n',
      );
    } catch (e) {
      if (!(e instanceof AffectedError)) throw e;
      const flag = opts.affectedFrom !== undefined ? '--affected-from' : '--affected-since';
      out.stderr(`linkforge plan: ${flag}: ${e.message}\n`);
      return 1;
    }
  } else if (opts.ids !== undefined) {
    const known = loaded.customers.map((c) => c.customer.id);
    const unknown = opts.ids.filter((id) => !known.includes(id));
    if (unknown.length > 0) {
      for (const id of unknown) {
        const near = suggest(id, known);
        out.stderr(
          `linkforge plan: unknown customer id '${id}': no ${customersDir}/${id}.yaml${near ? `; did you mean '${near}'?` : ''}\n`,
        );
      }
      return 1;
    }
    ids = [...new Set(opts.ids)].sort();
  }

  // 2b. This runner's slice of the selection: every runner computes the same split on its own.
  let shard: ShardInfo | undefined;
  if (opts.shard !== undefined) {
    const selected = new Set(ids ?? loaded.customers.map((c) => c.customer.id));
    const items = loaded.customers
      .filter((c) => selected.has(c.customer.id))
      .map((c) => ({ id: c.customer.id, cost: stackCost(c.customer) }));
    const split = splitIntoShards(items, opts.shard.count);
    // Removed customers are checked (never planned) by shard 1 alone, so each appears exactly once.
    const assignment = split.map((slice, i) =>
      [...slice.map((x) => x.id), ...(i === 0 ? removed : [])].sort(),
    );
    ids = split[opts.shard.index - 1].map((x) => x.id);
    if (opts.shard.index !== 1) removed = [];
    shard = { ...opts.shard, assignment };
    out.stderr(
      `shard ${formatShard(opts.shard)}: ${ids.length} of ${items.length} stack(s)` +
        (removed.length > 0 ? `, and the removed customers` : '') +
        '\n',
    );
  }

  try {
    checkOutdir(absOutdir, [projectDir, path.resolve(projectDir, customersDir)]);
  } catch (e) {
    if (!(e instanceof UnsafeOutdirError)) throw e;
    out.stderr(`linkforge plan: ${e.message}\n`);
    return 1;
  }
  // Only one run writes this output folder at a time (a second is refused, naming the first).
  let lock: OutputLock;
  try {
    lock = lockOutput(absOutdir, 'plan');
  } catch (e) {
    if (!(e instanceof OutputLockedError)) throw e;
    out.stderr(`linkforge plan: ${e.message}\n`);
    return 1;
  }
  // From here on a Ctrl-C or a cancelled CI job stops terraform cleanly and still gets a summary.
  const trap = opts.interrupts ?? trapInterrupts({ out, command: 'linkforge plan' });
  try {
    const sel = { loaded, ids, removed, projectDir, customersDir, outdir, absOutdir, shard };
    return await planLocked(opts, sel, out, trap);
  } finally {
    if (!opts.interrupts) trap.release();
    lock.release();
  }
}

interface Selection {
  readonly loaded: ReturnType<typeof loadProject>;
  readonly ids: string[] | undefined;
  readonly removed: readonly string[];
  readonly projectDir: string;
  readonly customersDir: string;
  readonly outdir: string;
  readonly absOutdir: string;
  readonly shard: ShardInfo | undefined;
}

async function planLocked(
  opts: PlanCommandOptions,
  sel: Selection,
  out: Output,
  trap: InterruptTrap,
): Promise<number> {
  const { loaded, ids, removed, projectDir, customersDir, outdir, absOutdir, shard } = sel;
  const plansDir = path.join(absOutdir, 'plans');
  const summaryFile = path.join(absOutdir, 'summary.md');
  const reporting: FinishContext = {
    summaryFile,
    absOutdir,
    projectDir,
    detailedExitcode: opts.detailedExitcode,
    format: opts.format ?? 'text',
    out,
    trap,
    shard,
  };
  const removedResults = async (): Promise<StackRunResult[]> =>
    trap.signal()
      ? []
      : (
          await checkRemoved([...removed], loaded.settings, {
            projectDir,
            customersDir,
            offline: opts.offline ?? false,
          })
        ).map((r) => ({ ...r, timings: {} }));
  if (ids !== undefined && ids.length === 0) {
    out.stderr(
      shard
        ? `nothing to plan in shard ${formatShard(shard)}\n`
        : 'nothing to plan: no customer is affected\n',
    );
    return finish(await removedResults(), reporting);
  }

  if (ids === undefined && loaded.customers.length === 0) {
    out.stderr(`nothing to plan: no customer files in ${customersDir}/\n`);
    return finish(await removedResults(), reporting);
  }

  // 3. The environment, before anything is written: a missing or old Terraform, or a provider that
  // cannot be installed, fails here once, with earlier output untouched.
  const environment = await checkEnvironment(projectDir, outdir, out);
  if (trap.signal()) return finish(notStarted(loaded, ids, trap), reporting);
  if (!environment) return 1;
  const { cli } = environment;

  // 4. One synthesis of the selected stacks (all of them: the whole outdir is replaced).
  const stacks = synthesize(loaded.customers, loaded.settings, {
    outdir,
    ids,
    offline: opts.offline ?? false,
    projectDir,
  }).map((s) => ({ ...s, dir: path.resolve(projectDir, s.dir) }));
  if (trap.signal()) return finish(notStarted(loaded, ids, trap), reporting);

  // Plans of an earlier run must never sit next to this run's summary.
  fs.rmSync(plansDir, { recursive: true, force: true });
  const machine = machineCapacity();
  const jobs = opts.jobs ?? defaultJobs(machine);
  const mode = opts.offline ? ', offline' : '';
  const width = opts.jobs === undefined ? describeDefaultJobs(machine) : String(jobs);
  out.stderr(`planning ${stacks.length} stack(s), ${width} at a time${mode}\n`);
  if (opts.offline) out.stderr(OFFLINE_CONSOLE_NOTICE);
  const results = await planStacks(stacks, {
    cli,
    plansDir,
    projectDir,
    jobs,
    offline: opts.offline ?? false,
    lock: opts.lock ?? true,
    progress: opts.progress ?? progressFor(process.stderr),
    lockTimeoutSeconds: loaded.settings.lockTimeoutSeconds,
    interrupted: trap.signal,
  });
  return finish([...results, ...(await removedResults())], reporting);
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

/**
 * Terraform present and recent enough, the CLI configuration written, the AWS provider the stacks
 * pin installable: undefined (after one message) when any of it fails.
 */
async function checkEnvironment(
  projectDir: string,
  outdir: string,
  out: Output,
): Promise<{ cli: TerraformCliSetup } | undefined> {
  const untouched = `nothing was synthesized or planned (${outdir} is unchanged)`;
  const terraform = await checkTerraform();
  if (!terraform.ok) {
    out.stderr(`linkforge plan: ${terraform.message}; ${untouched}\n`);
    return undefined;
  }
  let cli: TerraformCliSetup;
  const awsVersion = awsProviderVersion();
  try {
    cli = prepareTerraformCli({ projectDir, awsProviderVersion: awsVersion });
  } catch (e) {
    out.stderr(`linkforge plan: ${(e as Error).message}; ${untouched}\n`);
    return undefined;
  }
  const provider = await checkProvider(cli, { projectDir, awsProviderVersion: awsVersion });
  if (!provider.ok) {
    out.stderr(`linkforge plan: ${provider.message}; ${untouched}\n`);
    return undefined;
  }
  for (const w of provider.value.warnings) out.stderr(`linkforge plan: warning: ${w}\n`);
  out.stderr(`Terraform ${terraform.value}; ${describeCliSetup(cli)}\n`);
  return { cli };
}
