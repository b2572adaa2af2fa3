/**
 * `linkforge plan [ID…] [--customers DIR] [--affected-since REF | --affected-from FILE]
 * [--shard K/N] [--jobs N] [--offline] [--detailed-exitcode] [--outdir DIR]`: the arguments and
 * the printing of the plan pipeline (src/plan/pipeline.ts), which validates every customer file,
 * synthesizes the selected stacks once, then runs `terraform init` + `plan` (+ `show -json` when
 * there are changes) per stack, N at a time. With `--shard K/N`, only the K-th of N balanced
 * slices of the selection (src/shards/shard.ts); `linkforge summarize` merges the slices.
 */
import { parseArgs } from 'util';
import { runPlan, type PlanRunOptions } from '../plan/pipeline';
import { parseShard } from '../shards/shard';
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
  const outcome = await runPlan(opts, {
    log: (text) => out.stderr(text),
    diagnostics: (ds) => {
      for (const d of ds) out.stderr(formatTextStyled(d, out.stderrColour) + '\n');
    },
  });
  return outcome.report ? printReport(outcome.report, out, opts.format) : outcome.exitCode;
}
