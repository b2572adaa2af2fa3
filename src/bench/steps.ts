/**
 * What each figure runs, per tool: the child processes, their arguments and working directories.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { FleetLayout } from './fleet';
import type { FigureId } from './types';

/** One child process of a figure's run. */
export interface Step {
  readonly label: string;
  readonly cmd: string;
  readonly args: readonly string[];
  readonly cwd: string;
}

export interface StepContext {
  readonly projectDir: string;
  /** Fleet sizes at which plain cdktf's `cdktf diff` loop over every stack is run. */
  readonly plainPlanSizes: readonly number[];
}

/** linkforge's commands for a figure: the bare `node dist/src/cli/index.js …` process. */
export function linkforgeSteps(ctx: StepContext, figure: FigureId, f: FleetLayout): Step[] {
  const lf = (label: string, ...args: string[]): Step => ({
    label,
    cmd: process.execPath,
    args: [path.join(ctx.projectDir, 'dist', 'src', 'cli', 'index.js'), ...args],
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
}

/**
 * The figures the README runs through npm, run the same way: `npm run <script> -- …` in the
 * project (its package.json, scripts/run.mjs and dist/), with the fleet's paths made absolute.
 * The bare `linkforge` figure is the same command without npm, so the difference is what npm
 * and the staleness check cost.
 */
export function npmSteps(ctx: StepContext, figure: FigureId, f: FleetLayout): Step[] | undefined {
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
}

function npx(f: FleetLayout, label: string, ...args: string[]): Step {
  return { label, cmd: 'npx', args, cwd: f.plainDir };
}

/** The plain cdktf app's commands for a figure; undefined for the figures derived from others (plain.ts). */
export function plainSteps(ctx: StepContext, figure: FigureId, f: FleetLayout): Step[] | undefined {
  switch (figure) {
    case 'synth-all':
      return [npx(f, 'cdktf synth', 'cdktf', 'synth')];
    case 'pr-path':
      return [npx(f, `cdktf diff ${f.changedId}`, 'cdktf', 'diff', f.changedId, '--skip-provider-lock')];
    case 'plan-all-jobs1':
      return ctx.plainPlanSizes.includes(f.size)
        ? f.ids.map((id) => npx(f, `cdktf diff ${id}`, 'cdktf', 'diff', id, '--skip-provider-lock'))
        : undefined;
    default:
      return undefined; // same-as or extrapolated: plain.ts
  }
}

/** Latency of every mocked AWS call in the `status` figure. */
export const STATUS_LATENCY_MS = 100;
/** Where the `status` figure's child writes its counts, relative to the fleet repository. */
export const STATUS_RESULT = 'cdktf.out/status-bench.json';

/** AWS calls of the last `status` run, from the child's result file; undefined when unreadable. */
export function statusCalls(repoDir: string): number | undefined {
  try {
    const r = JSON.parse(fs.readFileSync(path.join(repoDir, STATUS_RESULT), 'utf8')) as { calls?: unknown };
    return typeof r.calls === 'number' ? r.calls : undefined;
  } catch {
    return undefined;
  }
}
