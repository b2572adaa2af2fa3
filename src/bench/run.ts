/**
 * Runs the benchmark: for each fleet size, each figure, each tool, several measured runs of real
 * child processes (see measure.ts), then the derived figures (plain cdktf's `same-as` and
 * extrapolated ones). Returns the results; index.ts writes them.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FIGURES } from './figures';
import { cleanOutputs, FleetLayout, layoutFleet, PLAIN_KEEP, REPO_KEEP } from './fleet';
import { machineInfo } from './machine';
import { runMeasured } from './measure';
import { runScale, SCALE_FIGURES, type ScaleFigureId } from './scale';
import { formatMemory, formatSeconds, median } from './stats';
import { benchValidate } from './validate';
import type {
  BenchOptions,
  BenchResults,
  FigureId,
  Measurement,
  Run,
  StepResult,
  TerraformBreakdown,
  Tool,
} from './types';
import { prepareTerraformCli } from '../terraform/cli-config';

export interface RunContext {
  readonly projectDir: string;
  readonly workDir: string;
  readonly logFile: string;
  readonly env: NodeJS.ProcessEnv;
  /** Figures to run (all by default; `--figures` narrows it while developing). */
  readonly figures: ReadonlySet<FigureId | ScaleFigureId>;
  readonly progress: (line: string) => void;
}

interface Step {
  readonly label: string;
  readonly cmd: string;
  readonly args: readonly string[];
  readonly cwd: string;
}

/** The environment every measured child runs with. */
export function benchEnv(projectDir: string): NodeJS.ProcessEnv {
  // The same Terraform CLI configuration linkforge uses (provider mirror when there is one, one
  // shared plugin cache), for both tools: plain cdktf's `cdktf diff` runs terraform too.
  const tf = prepareTerraformCli({ projectDir });
  return {
    ...process.env,
    ...tf.env,
    // cdktf sets its own plugin cache unless one is given; share linkforge's so neither tool pays
    // for a cold cache the other does not.
    ...(tf.pluginCacheDir ? { TF_PLUGIN_CACHE_DIR: tf.pluginCacheDir } : {}),
    // No spinners or colours: they cost time and fill the log. CI is how both tools run in a PR.
    CI: '1',
    FORCE_COLOR: '0',
    NO_COLOR: '1',
    // The plain app plans offline: placeholder credentials plus the provider's skip_* flags, which
    // its main.ts sets when OFFLINE=1 (linkforge's --offline does the equivalent itself).
    OFFLINE: '1',
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'offline-placeholder-not-a-secret',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

export async function runBench(options: BenchOptions, ctx: RunContext): Promise<BenchResults> {
  const date = new Date().toISOString();
  const measurements: Measurement[] = [];
  const cli = path.join(ctx.projectDir, 'dist', 'src', 'cli', 'index.js');
  const fleets = new Map<number, FleetLayout>();
  const fleetOf = (size: number): FleetLayout => {
    let f = fleets.get(size);
    if (!f) {
      f = layoutFleet({ projectDir: ctx.projectDir, workDir: ctx.workDir, size, seed: options.seed });
      fleets.set(size, f);
    }
    return f;
  };

  const linkforgeSteps = (figure: FigureId, f: FleetLayout): Step[] => {
    const lf = (label: string, ...args: string[]): Step => ({
      label,
      cmd: process.execPath,
      args: [cli, ...args],
      cwd: f.repoDir,
    });
    // Paths relative to the repository (the children's cwd), as a user types them in CI.
    const dir = 'customers';
    const out = 'cdktf.out';
    switch (figure) {
      case 'validate':
        return [lf('validate', 'validate', '--customers', dir)];
      case 'synth-all':
        return [lf('synth', 'synth', '--customers', dir, '--outdir', out)];
      case 'synth-one':
        return [lf('synth one', 'synth', '--customers', dir, '--outdir', out, f.changedId)];
      case 'pr-path':
        return [
          lf('validate', 'validate', '--customers', dir),
          lf('affected', 'affected', '--customers', dir, '--base', 'HEAD~1'),
          lf('plan affected', 'plan', '--customers', dir, '--affected-since', 'HEAD~1', '--offline'),
        ];
      case 'status':
        return [
          {
            label: 'status',
            cmd: process.execPath,
            args: [
              path.join(ctx.projectDir, 'dist', 'src', 'bench', 'status-fleet.js'),
              '--customers',
              dir,
              '--latency-ms',
              String(STATUS_LATENCY_MS),
              '--out',
              STATUS_RESULT,
            ],
            cwd: f.repoDir,
          },
        ];
      case 'plan-all-jobs1':
      case 'plan-all-jobs2':
        return [
          lf(
            'plan all',
            'plan',
            '--customers',
            dir,
            '--offline',
            '--jobs',
            figure === 'plan-all-jobs1' ? '1' : '2',
          ),
        ];
    }
  };

  /**
   * The figures the README runs through npm, run the same way: `npm run <script> -- …` in the
   * project (its package.json, scripts/run.mjs and dist/), with the fleet's paths made absolute.
   * The bare `linkforge` figure is the same command without npm, so the difference is what npm
   * and the staleness check cost.
   */
  const npmSteps = (figure: FigureId, f: FleetLayout): Step[] | undefined => {
    const run = (label: string, script: string, ...args: string[]): Step => ({
      label,
      cmd: 'npm',
      args: ['run', script, '--', ...args],
      cwd: ctx.projectDir,
    });
    const out = path.join(f.repoDir, 'cdktf.out');
    switch (figure) {
      case 'validate':
        return [run('npm run validate', 'validate', '--customers', f.customersDir)];
      case 'synth-all':
        return [run('npm run synth', 'synth', '--customers', f.customersDir, '--outdir', out)];
      case 'plan-all-jobs1':
      case 'plan-all-jobs2':
        return [
          run(
            'npm run plan',
            'plan',
            '--customers',
            f.customersDir,
            '--outdir',
            out,
            '--offline',
            '--jobs',
            figure === 'plan-all-jobs1' ? '1' : '2',
          ),
        ];
      default:
        return undefined;
    }
  };

  const npx = (f: FleetLayout, label: string, ...args: string[]): Step => ({
    label,
    cmd: 'npx',
    args,
    cwd: f.plainDir,
  });
  const plainSteps = (figure: FigureId, f: FleetLayout): Step[] | undefined => {
    switch (figure) {
      case 'synth-all':
        return [npx(f, 'cdktf synth', 'cdktf', 'synth')];
      case 'pr-path':
        return [npx(f, `cdktf diff ${f.changedId}`, 'cdktf', 'diff', f.changedId, '--skip-provider-lock')];
      case 'plan-all-jobs1':
        return options.plainPlanSizes.includes(f.size)
          ? f.ids.map((id) => npx(f, `cdktf diff ${id}`, 'cdktf', 'diff', id, '--skip-provider-lock'))
          : undefined;
      default:
        return undefined; // same-as or extrapolated, derived below
    }
  };

  const measure = async (tool: Tool, figure: FigureId, f: FleetLayout, steps: Step[], runs: number) => {
    const env = { ...ctx.env, CUSTOMERS_DIR: f.customersDir };
    const done: Run[] = [];
    let failed: string | undefined;
    for (let i = 0; i < runs && !failed; i++) {
      cleanOutputs(
        tool === 'plain-cdktf' ? f.plainDir : f.repoDir,
        tool === 'plain-cdktf' ? PLAIN_KEEP : REPO_KEEP,
      );
      const results: StepResult[] = [];
      for (const s of steps) {
        const r = await runMeasured(s.cmd, s.args, { cwd: s.cwd, env, logFile: ctx.logFile });
        results.push({
          label: s.label,
          command: r.command,
          exitCode: r.exitCode,
          wallMs: r.wallMs,
          maxRssKib: r.maxRssKib,
          treeRssKib: r.treeRssKib,
        });
        if (r.exitCode !== 0) {
          failed = `exit ${r.exitCode} from ${s.label}`;
          break;
        }
      }
      const terraform = tool === 'linkforge' && !failed ? terraformBreakdown(f.repoDir) : undefined;
      const run: Run = {
        wallMs: results.reduce((a, s) => a + s.wallMs, 0),
        peakRssKib: Math.max(...results.map((s) => Math.max(s.maxRssKib, s.treeRssKib))),
        steps: results,
        ...(terraform ? { terraform } : {}),
      };
      done.push(run);
      ctx.progress(
        `[${f.size}] ${tool} ${figure} run ${i + 1}/${runs}: ` +
          (failed
            ? `FAILED (${failed}; see ${ctx.logFile})`
            : `${formatSeconds(run.wallMs)}, ${formatMemory(run.peakRssKib)}`),
      );
    }
    const ok = failed ? [] : done;
    // The validator alone, without Node's start-up: measured in this process, between the children.
    const inProcess =
      tool === 'linkforge' && figure === 'validate' && !failed
        ? benchValidate(f.customersDir, { runs, cdktfJson: path.join(f.repoDir, 'cdktf.json') }).medianMs
        : undefined;
    const awsCalls = figure === 'status' && !failed ? statusCalls(f.repoDir) : undefined;
    measurements.push({
      figure,
      tool,
      size: f.size,
      kind: 'measured',
      ...(awsCalls !== undefined ? { awsCalls } : {}),
      runs: done,
      medianMs: ok.length > 0 ? median(ok.map((r) => r.wallMs)) : 0,
      peakRssKib: ok.length > 0 ? Math.max(...ok.map((r) => r.peakRssKib)) : undefined,
      ...(inProcess !== undefined ? { inProcessMs: inProcess } : {}),
      ...(failed ? { failed } : {}),
    });
  };

  // Warm-up, not recorded: the first node, ts-node and terraform start-ups of a session pay for a
  // cold page cache (the AWS provider binary alone is ~700 MB), which would land on whichever
  // figure happens to run first.
  const smallest = fleetOf(options.sizes[0]);
  ctx.progress(`warm-up on the fleet of ${smallest.size}`);
  for (const s of [
    ...linkforgeSteps('pr-path', smallest),
    ...(options.skipPlain ? [] : (plainSteps('pr-path', smallest) ?? [])),
  ]) {
    await runMeasured(s.cmd, s.args, {
      cwd: s.cwd,
      env: { ...ctx.env, CUSTOMERS_DIR: smallest.customersDir },
      logFile: ctx.logFile,
    });
  }
  cleanOutputs(smallest.repoDir, REPO_KEEP);
  cleanOutputs(smallest.plainDir, PLAIN_KEEP);

  for (const size of options.sizes) {
    const f = fleetOf(size);
    ctx.progress(`fleet of ${size} customers in ${path.dirname(f.repoDir)} (changed: ${f.changedId})`);
    for (const fig of FIGURES) {
      if (!ctx.figures.has(fig.id)) continue;
      const isPlanAll = fig.id.startsWith('plan-all');
      if (isPlanAll && !options.planSizes.includes(size)) continue;
      const runs = isPlanAll ? options.planRuns : options.runs;
      await measure('linkforge', fig.id, f, linkforgeSteps(fig.id, f), runs);
      const viaNpm = npmSteps(fig.id, f);
      if (viaNpm) await measure('linkforge-npm', fig.id, f, viaNpm, runs);
      if (options.skipPlain) continue;
      const steps = plainSteps(fig.id, f);
      if (steps) await measure('plain-cdktf', fig.id, f, steps, isPlanAll ? options.planRuns : options.runs);
    }
  }
  if (!options.skipPlain) measurements.push(...derivePlain(measurements));

  const scale = SCALE_FIGURES.some((f) => ctx.figures.has(f))
    ? await runScale({
        projectDir: ctx.projectDir,
        workDir: ctx.workDir,
        logFile: ctx.logFile,
        env: ctx.env,
        figures: ctx.figures,
        runs: options.runs,
        seed: options.seed,
        progress: ctx.progress,
      })
    : undefined;
  return {
    version: 1,
    date,
    machine: machineInfo(ctx.projectDir),
    options,
    measurements,
    ...(scale ? { scale } : {}),
  };
}

/**
 * Plain cdktf figures that are not run separately:
 * - validate and synth-one repeat its synth-all (it has no separate validation, and always
 *   synthesizes every stack);
 * - plan-all-jobs2 repeats plan-all-jobs1 (no safe parallel `cdktf diff`);
 * - plan-all at sizes where the loop of `cdktf diff` was not run is extrapolated as
 *   N × the measured single `cdktf diff` at the same size.
 */
export function derivePlain(measured: readonly Measurement[]): Measurement[] {
  const out: Measurement[] = [];
  const get = (figure: FigureId, size: number, list: readonly Measurement[] = measured) =>
    list.find((m) => m.tool === 'plain-cdktf' && m.figure === figure && m.size === size);
  const sizes = [...new Set(measured.map((m) => m.size))].sort((a, b) => a - b);
  const sameAs = (figure: FigureId, source: Measurement, note: string): Measurement => ({
    ...source,
    figure,
    kind: 'same-as',
    sameAs: source.figure,
    note,
  });

  // How good the extrapolation is where both exist: say so next to it.
  const checks = sizes
    .map((size) => ({ size, real: get('plan-all-jobs1', size), one: get('pr-path', size) }))
    .filter((c) => c.real && !c.real.failed && c.one && !c.one.failed)
    .map(
      (c) =>
        `at ${c.size}: measured ${formatSeconds((c.real as Measurement).medianMs)}, estimate ` +
        `${formatSeconds(c.size * (c.one as Measurement).medianMs)}`,
    );

  for (const size of sizes) {
    const synth = get('synth-all', size);
    if (synth) {
      out.push(sameAs('validate', synth, 'plain cdktf: validation = its synthesis (no separate step).'));
      out.push(sameAs('synth-one', synth, 'plain cdktf: `cdktf synth` always synthesizes every stack.'));
    }
    let planAll = get('plan-all-jobs1', size);
    const one = get('pr-path', size);
    if (!planAll && one && !one.failed) {
      planAll = {
        figure: 'plan-all-jobs1',
        tool: 'plain-cdktf',
        size,
        kind: 'extrapolated',
        runs: [],
        medianMs: size * one.medianMs,
        // The loop runs one `cdktf diff` at a time: its peak is one diff's peak.
        peakRssKib: one.peakRssKib,
        note:
          'plain cdktf plan of every stack, where marked extrapolated: N × the measured `cdktf diff` of one stack ' +
          'at the same fleet size (each `cdktf diff` synthesizes the whole app again, then inits and plans ' +
          'its stack), not run because it takes hours at large N' +
          (checks.length > 0 ? `; checked against the real loop ${checks.join('; ')}.` : '.'),
      };
      out.push(planAll);
    }
    if (planAll) {
      out.push({
        ...sameAs(
          'plan-all-jobs2',
          planAll,
          'plain cdktf: `cdktf diff` cannot run two stacks side by side (shared cdktf.out).',
        ),
        kind: planAll.kind === 'extrapolated' ? 'extrapolated' : 'same-as',
      });
    }
  }
  return out;
}

/**
 * Where linkforge's plan time goes: the mean time per stack of each terraform step, from the
 * timings `plan` records per stack in `cdktf.out/plan-results.json` (`timings: { init, plan, show }`,
 * in ms). Undefined when there are none (not a plan figure) or the file is unreadable: it explains
 * the figures, it is not one.
 */
export function terraformBreakdown(repoDir: string): TerraformBreakdown | undefined {
  const timings = readPlanTimings(path.join(repoDir, 'cdktf.out', 'plan-results.json'));
  if (!timings) return undefined;
  const totals = new Map<string, { ms: number; n: number }>();
  for (const steps of timings.values()) {
    for (const [cmd, ms] of Object.entries(steps)) {
      const t = totals.get(cmd) ?? { ms: 0, n: 0 };
      totals.set(cmd, { ms: t.ms + ms, n: t.n + 1 });
    }
  }
  if (timings.size === 0 || totals.size === 0) return undefined;
  const commands: Record<string, number> = {};
  for (const [cmd, t] of [...totals].sort(([a], [b]) => (a < b ? -1 : 1)))
    commands[cmd] = Math.round(t.ms / t.n);
  return { stacks: timings.size, commands };
}

/**
 * Per stack id, the wall time (ms) of each terraform step `plan` recorded in a plan-results.json;
 * undefined when the file is missing or not one.
 */
export function readPlanTimings(resultsFile: string): Map<string, Record<string, number>> | undefined {
  let parsed: { stacks?: { id?: unknown; timings?: unknown }[] };
  try {
    parsed = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as typeof parsed;
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed?.stacks)) return undefined;
  const out = new Map<string, Record<string, number>>();
  for (const row of parsed.stacks) {
    if (typeof row?.id !== 'string' || !row.timings || typeof row.timings !== 'object') continue;
    const steps = Object.entries(row.timings as Record<string, unknown>).filter(
      (e): e is [string, number] => typeof e[1] === 'number',
    );
    out.set(row.id, Object.fromEntries(steps));
  }
  return out;
}

/** Latency of every mocked AWS call in the `status` figure. */
export const STATUS_LATENCY_MS = 100;
/** Where the `status` figure's child writes its counts, relative to the fleet repository. */
const STATUS_RESULT = 'cdktf.out/status-bench.json';

/** AWS calls of the last `status` run, from the child's result file; undefined when unreadable. */
export function statusCalls(repoDir: string): number | undefined {
  try {
    const r = JSON.parse(fs.readFileSync(path.join(repoDir, STATUS_RESULT), 'utf8')) as { calls?: unknown };
    return typeof r.calls === 'number' ? r.calls : undefined;
  } catch {
    return undefined;
  }
}

/** A fresh temporary work directory. */
export function makeWorkDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'linkforge-bench-'));
}
