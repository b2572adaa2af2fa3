/**
 * `linkforge plan [ID…] [--customers DIR] [--affected-since REF | --affected-from FILE]
 * [--shard K/N] [--jobs N] [--offline] [--detailed-exitcode] [--outdir DIR]`: the arguments and
 * the printing of the plan pipeline (src/plan/pipeline.ts), which validates every customer file,
 * synthesizes the selected stacks once, then runs `terraform init` + `plan` (+ `show -json` when
 * there are changes) per stack, N at a time. With `--shard K/N`, only the K-th of N balanced
 * slices of the selection (src/shards/shard.ts); `linkforge summarize` merges the slices.
 */
import { runPlan, type PlanRunOptions } from '../plan/pipeline';
import { parseShard } from '../shards/shard';
import { choice, defineCommand } from './kit';
import { PROCESS_OUTPUT, type Output } from './output';
import { printReport } from './plan-report';
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

export interface PlanCommandOptions extends PlanRunOptions {
  /** What stdout carries at the end: the totals line, or the results as JSON. @default 'text' */
  readonly format?: 'text' | 'json';
}

export const { run } = defineCommand({
  name: 'plan',
  usage: USAGE,
  positionals: true,
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
  },
  args: (values, positionals): PlanCommandOptions => {
    const format = choice('--format', values.format, ['text', 'json'], 'text');
    if (values.jobs !== undefined && !/^[1-9]\d*$/.test(values.jobs))
      throw new Error(`--jobs must be a positive integer, got '${values.jobs}'`);
    const lock = choice('--lock', values.lock, ['true', 'false'], 'true');
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
      jobs: values.jobs !== undefined ? Number(values.jobs) : undefined,
      offline: values.offline ?? false,
      detailedExitcode: values['detailed-exitcode'] ?? false,
      lock: lock === 'true',
      outdir: values.outdir,
      format,
    };
  },
  execute: planCommand,
});

export async function planCommand(opts: PlanCommandOptions, out: Output = PROCESS_OUTPUT): Promise<number> {
  const outcome = await runPlan(opts, {
    log: (text) => out.stderr(text),
    diagnostics: (ds) => {
      for (const d of ds) out.stderr(formatTextStyled(d, out.stderrColour) + '\n');
    },
  });
  return outcome.report ? printReport(outcome.report, out, opts.format) : outcome.exitCode;
}
