/**
 * The scale-out figures of the benchmark (issue 13), apart from the fleet-size figures because they
 * are ratios, one shard and a model rather than one wall time per tool and size:
 *
 * - `stack-overhead`: linkforge's `plan --offline ID` of one stack against bare Terraform on the
 *   same synthesized stack with the same CLI configuration (`terraform init` + `plan`, and
 *   `show -json` separately), for a stack with changes (a new customer) and one without (a
 *   decommissioned customer whose state is empty: `plan -destroy` has nothing to do), runs
 *   interleaved so that both see the same machine load;
 * - `fleet-shard`: shard 1 of 20 of a 1,000-customer fleet planned here (`plan --offline --shard
 *   1/20`), and from it the MODELLED wall time of the whole fleet on N = 1, 5, 10, 20 runners
 *   (fleetModel(); a model, labelled so);
 * - `summarize-1000`: `linkforge summarize` of 20 shard directories holding 1,000 results.
 */
import * as fs from 'fs';
import * as path from 'path';
import { generateFleet } from '../fleet/generate';
import { splitIntoShards } from '../shards/shard';
import { mergeShardResults } from '../shards/summarize';
import { runMeasured } from './measure';
import { formatSeconds, median } from './stats';
import { readPlanTimings } from './plan-timings';

export const SCALE_FIGURES = ['stack-overhead', 'fleet-shard', 'summarize-1000'] as const;
export type ScaleFigureId = (typeof SCALE_FIGURES)[number];

/** The fleet of the shard and summarize figures, and its shards. */
export const FLEET_SIZE = 1000;
export const FLEET_SHARDS = 20;
const MODEL_RUNNERS = [1, 5, 10, 20] as const;

export interface OverheadCase {
  readonly id: string;
  /** Median wall time of `linkforge plan --offline ID`, ms. */
  readonly linkforgeMs: number;
  /** Median of bare `terraform init` + `terraform plan` on the same stack, ms. */
  readonly bareMs: number;
  /** Median of bare `terraform show -json` of that plan, ms (what linkforge adds for changes). */
  readonly bareShowMs: number;
  /** Median time per terraform command inside linkforge's runs, ms (from its plan-results.json timings). */
  readonly linkforgeTerraform: Readonly<Record<string, number>>;
  readonly runs: number;
}

export interface ShardRun {
  readonly fleet: number;
  readonly shards: number;
  readonly stacks: number;
  readonly jobs: string;
  readonly wallMs: number;
  /** `linkforge validate` of the whole fleet: a runner's fixed cost, whatever its share. */
  readonly fixedMs: number;
}

export interface ModelPoint {
  readonly runners: number;
  readonly stacksPerRunner: number;
  readonly wallMs: number;
}

export interface ScaleResults {
  readonly overhead?: { readonly changed: OverheadCase; readonly unchanged: OverheadCase };
  readonly shard?: ShardRun;
  readonly summarize?: { readonly results: number; readonly cliMs: number; readonly inProcessMs: number };
  readonly model?: readonly ModelPoint[];
}

export interface ScaleContext {
  readonly projectDir: string;
  readonly workDir: string;
  readonly logFile: string;
  readonly env: NodeJS.ProcessEnv;
  readonly figures: ReadonlySet<string>;
  readonly runs: number;
  readonly seed: number;
  readonly progress: (line: string) => void;
}

/**
 * The modelled wall time of planning `fleet` customers on `runners` runners at once: every runner
 * pays the fixed cost (validating every file) and plans its share, ceil(fleet / runners) stacks, at
 * the per-stack rate measured on one shard; then one merge. Runner start-up, checkout and `npm ci`
 * are not included (not measurable here). Shards are balanced within one stack's cost, so the
 * largest is about ceil(fleet / runners) stacks.
 */
export function fleetModel(shard: ShardRun, mergeMs: number, runners: readonly number[]): ModelPoint[] {
  const perStack = Math.max(0, shard.wallMs - shard.fixedMs) / Math.max(1, shard.stacks);
  return runners.map((n) => {
    const stacksPerRunner = Math.ceil(shard.fleet / n);
    return { runners: n, stacksPerRunner, wallMs: shard.fixedMs + stacksPerRunner * perStack + mergeMs };
  });
}

export async function runScale(ctx: ScaleContext): Promise<ScaleResults> {
  const cli = path.join(ctx.projectDir, 'dist', 'src', 'cli', 'index.js');
  const node = (cwd: string, ...args: string[]) =>
    runMeasured(process.execPath, [cli, ...args], { cwd, env: ctx.env, logFile: ctx.logFile });
  const out: { -readonly [K in keyof ScaleResults]: ScaleResults[K] } = {};

  if (ctx.figures.has('stack-overhead')) out.overhead = await overhead(ctx, node);
  if (ctx.figures.has('fleet-shard')) out.shard = await fleetShard(ctx, node);
  if (ctx.figures.has('summarize-1000') || out.shard) out.summarize = await summarize(ctx, node);
  if (out.shard && out.summarize) out.model = fleetModel(out.shard, out.summarize.cliMs, MODEL_RUNNERS);
  return out;
}

type NodeRun = (cwd: string, ...args: string[]) => ReturnType<typeof runMeasured>;

function fleetDir(
  ctx: ScaleContext,
  name: string,
  size: number,
  edit?: (ids: string[], dir: string) => void,
) {
  const dir = path.join(ctx.workDir, name);
  const customers = path.join(dir, 'customers');
  fs.mkdirSync(customers, { recursive: true });
  const fleet = generateFleet(size, ctx.seed);
  for (const c of fleet) fs.writeFileSync(path.join(customers, `${c.id}.yaml`), c.yaml);
  fs.copyFileSync(path.join(ctx.projectDir, 'cdktf.json'), path.join(dir, 'cdktf.json'));
  const ids = fleet.map((c) => c.id);
  edit?.(ids, dir);
  return { dir, ids };
}

async function overhead(ctx: ScaleContext, node: NodeRun): Promise<ScaleResults['overhead']> {
  const { dir, ids } = fleetDir(ctx, 'overhead', 20, (ids, d) =>
    fs.appendFileSync(path.join(d, 'customers', `${ids[1]}.yaml`), 'decommission: true\n'),
  );
  const cases = [
    { id: ids[0], destroy: false },
    { id: ids[1], destroy: true },
  ];
  const samples = cases.map(() => ({
    lf: [] as number[],
    bare: [] as number[],
    show: [] as number[],
    tf: [] as Record<string, number>[],
  }));
  const bareEnv = { ...ctx.env, AWS_EC2_METADATA_DISABLED: 'true' };
  const tf = (cwd: string, ...args: string[]) =>
    runMeasured('terraform', args, { cwd, env: bareEnv, logFile: ctx.logFile });
  for (let run = 0; run < ctx.runs; run++) {
    for (const [i, c] of cases.entries()) {
      const lf = await node(dir, 'plan', '--offline', c.id);
      if (lf.exitCode !== 0)
        throw new Error(`linkforge plan ${c.id} exited ${lf.exitCode} (see ${ctx.logFile})`);
      samples[i].lf.push(lf.wallMs);
      // Where linkforge's time went, per terraform step, as the run recorded it.
      const timings = readPlanTimings(path.join(dir, 'cdktf.out', 'plan-results.json'))?.get(c.id);
      if (!timings) throw new Error(`linkforge plan ${c.id} recorded no timings in plan-results.json`);
      samples[i].tf.push(timings);
      // Bare Terraform on a fresh copy of the same synthesized stack (no .terraform, no lock file,
      // as linkforge's stack directory is before its init): the same CLI configuration and cache.
      const bare = path.join(ctx.workDir, 'bare', c.id);
      fs.rmSync(bare, { recursive: true, force: true });
      fs.mkdirSync(bare, { recursive: true });
      fs.copyFileSync(
        path.join(dir, 'cdktf.out', 'stacks', c.id, 'cdk.tf.json'),
        path.join(bare, 'cdk.tf.json'),
      );
      const init = await tf(bare, 'init', '-input=false', '-no-color');
      const plan = await tf(
        bare,
        'plan',
        '-input=false',
        '-no-color',
        '-out=plan.tfplan',
        ...(c.destroy ? ['-destroy'] : []),
      );
      const show = await tf(bare, 'show', '-json', 'plan.tfplan');
      if (init.exitCode !== 0 || plan.exitCode !== 0 || show.exitCode !== 0)
        throw new Error(`bare terraform on ${c.id} failed (see ${ctx.logFile})`);
      samples[i].bare.push(init.wallMs + plan.wallMs);
      samples[i].show.push(show.wallMs);
      ctx.progress(
        `stack-overhead run ${run + 1}/${ctx.runs} ${c.destroy ? 'unchanged' : 'changed'}: linkforge ` +
          `${formatSeconds(lf.wallMs)}, bare init+plan ${formatSeconds(init.wallMs + plan.wallMs)}, show ${formatSeconds(show.wallMs)}`,
      );
    }
  }
  const summarise = (i: number): OverheadCase => {
    const totals = new Map<string, number[]>();
    for (const timings of samples[i].tf)
      for (const [cmd, ms] of Object.entries(timings)) totals.set(cmd, [...(totals.get(cmd) ?? []), ms]);
    return {
      id: cases[i].id,
      linkforgeMs: median(samples[i].lf),
      bareMs: median(samples[i].bare),
      bareShowMs: median(samples[i].show),
      linkforgeTerraform: Object.fromEntries([...totals].map(([cmd, v]) => [cmd, Math.round(median(v))])),
      runs: ctx.runs,
    };
  };
  return { changed: summarise(0), unchanged: summarise(1) };
}

async function fleetShard(ctx: ScaleContext, node: NodeRun): Promise<ShardRun> {
  const { dir } = fleetDir(ctx, 'fleet-1000', FLEET_SIZE);
  const validate = await node(dir, 'validate');
  if (validate.exitCode !== 0) throw new Error(`validate of the fleet exited ${validate.exitCode}`);
  ctx.progress(`fleet-shard: validate ${FLEET_SIZE} files ${formatSeconds(validate.wallMs)}`);
  const plan = await node(dir, 'plan', '--offline', '--shard', `1/${FLEET_SHARDS}`);
  if (plan.exitCode !== 0) throw new Error(`plan --shard 1/${FLEET_SHARDS} exited ${plan.exitCode}`);
  const results = JSON.parse(fs.readFileSync(path.join(dir, 'cdktf.out', 'plan-results.json'), 'utf8')) as {
    stacks: unknown[];
  };
  ctx.progress(
    `fleet-shard: shard 1/${FLEET_SHARDS}, ${results.stacks.length} stacks, ${formatSeconds(plan.wallMs)}`,
  );
  return {
    fleet: FLEET_SIZE,
    shards: FLEET_SHARDS,
    stacks: results.stacks.length,
    jobs: 'default (min(CPUs, free GiB))',
    wallMs: plan.wallMs,
    fixedMs: validate.wallMs,
  };
}

/**
 * 20 shard directories of 50 results each, like the artifacts of a fleet-wide drift run: every
 * fifth stack has changes (a real `show -json` of a new VPN stack, test/fixtures/plans), the rest
 * none (the plan.json linkforge writes for an empty plan).
 */
function writeShardOutputs(ctx: ScaleContext): { dirs: string[]; cwd: string } {
  const cwd = path.join(ctx.workDir, 'summarize');
  fs.rmSync(cwd, { recursive: true, force: true });
  const ids = Array.from({ length: FLEET_SIZE }, (_, i) => `customer-${String(i).padStart(4, '0')}`);
  const split = splitIntoShards(
    ids.map((id) => ({ id, cost: 1 })),
    FLEET_SHARDS,
  );
  const changed = fs.readFileSync(
    path.join(ctx.projectDir, 'test', 'fixtures', 'plans', 'vpn-create.json'),
    'utf8',
  );
  const empty = JSON.stringify({ format_version: '1.2', resource_changes: [] }) + '\n';
  const assignment = split.map((s) => s.map((x) => x.id));
  const dirs: string[] = [];
  for (const [k, slice] of split.entries()) {
    const dir = path.join(cwd, 'shards', String(k + 1));
    const stacks = slice.map(({ id }) => {
      const withChanges = Number(id.slice(-4)) % 5 === 0;
      const plans = path.join(dir, 'plans', id);
      fs.mkdirSync(plans, { recursive: true });
      fs.writeFileSync(path.join(plans, 'plan.json'), withChanges ? changed : empty);
      fs.writeFileSync(path.join(plans, 'plan.tfplan'), 'saved plan');
      fs.writeFileSync(path.join(plans, 'terraform.log'), '$ terraform plan\n');
      return {
        id,
        connectivityType: 'site-to-site-vpn',
        decommission: false,
        status: 'planned',
        counts: withChanges ? { add: 18, change: 0, destroy: 0 } : { add: 0, change: 0, destroy: 0 },
        planFile: `cdktf.out/plans/${id}/plan.tfplan`,
        planJsonFile: `cdktf.out/plans/${id}/plan.json`,
        error: null,
        offline: false,
        durationMs: 4000,
        timings: { init: 700, plan: 3300 },
      };
    });
    fs.writeFileSync(
      path.join(dir, 'plan-results.json'),
      JSON.stringify({ shard: { index: k + 1, count: FLEET_SHARDS, assignment }, stacks }, null, 2) + '\n',
    );
    dirs.push(path.relative(cwd, dir));
  }
  return { dirs, cwd };
}

async function summarize(ctx: ScaleContext, node: NodeRun): Promise<ScaleResults['summarize']> {
  const { dirs, cwd } = writeShardOutputs(ctx);
  const cli: number[] = [];
  const inProcess: number[] = [];
  for (let run = 0; run < ctx.runs; run++) {
    fs.rmSync(path.join(cwd, 'merged'), { recursive: true, force: true });
    const r = await node(
      cwd,
      'summarize',
      ...dirs,
      '--outdir',
      'merged',
      '--expect-shards',
      String(FLEET_SHARDS),
    );
    if (r.exitCode !== 0) throw new Error(`summarize exited ${r.exitCode} (see ${ctx.logFile})`);
    cli.push(r.wallMs);
    const started = process.hrtime.bigint();
    const merged = mergeShardResults(
      dirs.map((d) => path.join(cwd, d)),
      { outdir: path.join(cwd, 'merged'), projectDir: cwd },
    );
    inProcess.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (merged.results.length !== FLEET_SIZE || merged.problems.length > 0)
      throw new Error(
        `merge of ${FLEET_SIZE} results gave ${merged.results.length}: ${merged.problems.join('; ')}`,
      );
    ctx.progress(
      `summarize-1000 run ${run + 1}/${ctx.runs}: ${formatSeconds(r.wallMs)} (merge alone ${formatSeconds(inProcess[run])})`,
    );
  }
  return { results: FLEET_SIZE, cliMs: median(cli), inProcessMs: median(inProcess) };
}
