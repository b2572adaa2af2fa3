/**
 * The benchmark's results model, as written to docs/benchmarks.json and read by the report and
 * plot renderers.
 */
import type { AliasResults } from './aliases';
import type { MachineInfo } from './machine';
import type { ScaleResults } from './scale';

/**
 * `linkforge`: the bare process (`node dist/src/cli/index.js …`); `linkforge-npm`: the same command
 * as the README runs it (`npm run validate -- …`: npm, then scripts/run.mjs's staleness check);
 * `plain-cdktf`: the baseline app.
 */
export type Tool = 'linkforge' | 'linkforge-npm' | 'plain-cdktf';

export type FigureId =
  'validate' | 'synth-all' | 'synth-one' | 'pr-path' | 'plan-all-jobs1' | 'plan-all-jobs2' | 'status';

/** One child process of a run. */
export interface StepResult {
  /** Short label: `validate`, `affected`, `plan`, `cdktf diff <id>`, … */
  readonly label: string;
  readonly command: string;
  readonly exitCode: number;
  readonly wallMs: number;
  readonly maxRssKib: number;
  readonly treeRssKib: number;
}

/** One measured run of a figure: one or more steps run one after another. */
export interface Run {
  /** Sum of the steps' wall times. */
  readonly wallMs: number;
  /** Largest peak RSS of any step (steps run one after another, never together). */
  readonly peakRssKib: number;
  readonly steps: readonly StepResult[];
  /** Mean Terraform time per stack by command, from linkforge's plan logs (plan figures only). */
  readonly terraform?: TerraformBreakdown;
}

/** Mean wall time per stack of each terraform command, ms, over `stacks` stacks. */
export interface TerraformBreakdown {
  readonly stacks: number;
  readonly commands: Readonly<Record<string, number>>;
}

export interface Measurement {
  readonly figure: FigureId;
  readonly tool: Tool;
  /** Customers in the fleet. */
  readonly size: number;
  /**
   * `measured`: `runs` holds the runs; `same-as`: the tool has no such separate operation, the
   * figure repeats `sameAs` (e.g. plain cdktf validates only by synthesizing); `extrapolated`:
   * computed, not run (see `note`).
   */
  readonly kind: 'measured' | 'same-as' | 'extrapolated';
  readonly sameAs?: FigureId;
  readonly runs: readonly Run[];
  /** Median wall time of the runs, ms. */
  readonly medianMs: number;
  /** Largest peak RSS over the runs, KiB (absent when extrapolated). */
  readonly peakRssKib?: number;
  readonly note?: string;
  /**
   * linkforge validation only: the validator alone, in the benchmark's own process after a warm-up
   * (src/bench/validate.ts), median ms. It shows how much of the figure is Node start-up.
   */
  readonly inProcessMs?: number;
  /** `status` figure: AWS calls the command made (all runs make the same). */
  readonly awsCalls?: number;
  /** Set when a run exited non-zero: its figures are not comparable. */
  readonly failed?: string;
}

export interface BenchOptions {
  readonly sizes: readonly number[];
  readonly planSizes: readonly number[];
  readonly plainPlanSizes: readonly number[];
  readonly runs: number;
  readonly planRuns: number;
  readonly seed: number;
  readonly skipPlain: boolean;
}

export interface BenchResults {
  readonly version: 1;
  /** ISO date-time of the start of the run. */
  readonly date: string;
  readonly machine: MachineInfo;
  readonly options: BenchOptions;
  readonly measurements: readonly Measurement[];
  /** The scale-out figures (src/bench/scale.ts), when they were run. */
  readonly scale?: ScaleResults;
  /** The `validate-aliases` figure (src/bench/aliases.ts), when it was run. */
  readonly aliases?: AliasResults;
}
