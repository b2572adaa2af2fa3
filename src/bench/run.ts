/**
 * Runs the benchmark: for each fleet size, each figure, each tool, several measured runs of real
 * child processes (see measure.ts), then the derived figures (plain cdktf's `same-as` and
 * extrapolated ones). Returns the results; index.ts writes them.
 */
import * as path from 'path';
import { ALIAS_FIGURE, runAliases } from './aliases';
import { FIGURES } from './figures';
import { cleanOutputs, FleetLayout, layoutFleet, PLAIN_KEEP, REPO_KEEP } from './fleet';
import { machineInfo } from './machine';
import { runMeasured } from './measure';
import { derivePlain } from './plain';
import { terraformBreakdown } from './plan-timings';
import { runScale, SCALE_FIGURES, type ScaleFigureId } from './scale';
import { formatMemory, formatSeconds, median } from './stats';
import { linkforgeSteps, npmSteps, plainSteps, statusCalls, type Step, type StepContext } from './steps';
import { benchValidate } from './validate';
import type { BenchOptions, BenchResults, FigureId, Measurement, Run, StepResult, Tool } from './types';

export interface RunContext {
  readonly projectDir: string;
  readonly workDir: string;
  readonly logFile: string;
  readonly env: NodeJS.ProcessEnv;
  /** Figures to run (all by default; `--figures` narrows it while developing). */
  readonly figures: ReadonlySet<FigureId | ScaleFigureId | typeof ALIAS_FIGURE>;
  readonly progress: (line: string) => void;
}

export async function runBench(options: BenchOptions, ctx: RunContext): Promise<BenchResults> {
  const date = new Date().toISOString();
  const measurements: Measurement[] = [];
  const fleets = new Map<number, FleetLayout>();
  const fleetOf = (size: number): FleetLayout => {
    let f = fleets.get(size);
    if (!f) {
      f = layoutFleet({ projectDir: ctx.projectDir, workDir: ctx.workDir, size, seed: options.seed });
      fleets.set(size, f);
    }
    return f;
  };

  const stepCtx: StepContext = { projectDir: ctx.projectDir, plainPlanSizes: options.plainPlanSizes };

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
  const fleetFigures = FIGURES.filter((fig) => ctx.figures.has(fig.id));
  if (fleetFigures.length > 0) {
    const smallest = fleetOf(options.sizes[0]);
    ctx.progress(`warm-up on the fleet of ${smallest.size}`);
    for (const s of [
      ...linkforgeSteps(stepCtx, 'pr-path', smallest),
      ...(options.skipPlain ? [] : (plainSteps(stepCtx, 'pr-path', smallest) ?? [])),
    ]) {
      await runMeasured(s.cmd, s.args, {
        cwd: s.cwd,
        env: { ...ctx.env, CUSTOMERS_DIR: smallest.customersDir },
        logFile: ctx.logFile,
      });
    }
    cleanOutputs(smallest.repoDir, REPO_KEEP);
    cleanOutputs(smallest.plainDir, PLAIN_KEEP);
  }

  for (const size of fleetFigures.length > 0 ? options.sizes : []) {
    const f = fleetOf(size);
    ctx.progress(`fleet of ${size} customers in ${path.dirname(f.repoDir)} (changed: ${f.changedId})`);
    for (const fig of fleetFigures) {
      const isPlanAll = fig.id.startsWith('plan-all');
      if (isPlanAll && !options.planSizes.includes(size)) continue;
      const runs = isPlanAll ? options.planRuns : options.runs;
      await measure('linkforge', fig.id, f, linkforgeSteps(stepCtx, fig.id, f), runs);
      const viaNpm = npmSteps(stepCtx, fig.id, f);
      if (viaNpm) await measure('linkforge-npm', fig.id, f, viaNpm, runs);
      if (options.skipPlain) continue;
      const steps = plainSteps(stepCtx, fig.id, f);
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
  const aliases = ctx.figures.has(ALIAS_FIGURE)
    ? await runAliases({
        projectDir: ctx.projectDir,
        workDir: ctx.workDir,
        logFile: ctx.logFile,
        env: ctx.env,
        runs: options.runs,
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
    ...(aliases ? { aliases } : {}),
  };
}
