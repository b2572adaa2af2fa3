/**
 * `linkforge shard-matrix --affected-from FILE [--threshold N] [--max-shards N] [--github-output]`:
 * the job matrix for the plan shards of a workflow (src/shards/matrix.ts), from the affected set
 * computed once by `linkforge affected --format json`. Prints the matrix as one line of JSON,
 * `{"include":[{"shard":"1/3"},{"shard":"2/3"},{"shard":"3/3"}]}` (nothing else: any other key
 * would become a matrix dimension), or with `--github-output` the lines `matrix=…`, `count=3` and
 * `stacks=117` to append to `$GITHUB_OUTPUT`.
 */
import * as path from 'path';
import { AffectedError } from '../pr/affected';
import { readAffectedFile } from '../pr/affected-file';
import { DEFAULT_MAX_SHARDS, DEFAULT_THRESHOLD, shardMatrix } from '../shards/matrix';
import { UsageError, defineCommand } from './kit';
import type { Output } from './output';

const USAGE = `usage: linkforge shard-matrix (--affected-from FILE | --count N) [--threshold N] [--max-shards N] [--github-output]

  --affected-from FILE  output of 'linkforge affected --format json'
  --count N             plan N stacks (every customer, as the drift run does)
  --threshold N         most stacks one job plans before the plan is sharded (default ${DEFAULT_THRESHOLD})
  --max-shards N        most shard jobs (default ${DEFAULT_MAX_SHARDS})
  --github-output       print matrix=JSON, count=N and stacks=N lines for $GITHUB_OUTPUT
`;

interface ShardMatrixArgs {
  /** The affected set's file, or the number of stacks to plan. */
  readonly stacks: { readonly affectedFrom: string } | { readonly count: number };
  readonly threshold?: number;
  readonly maxShards?: number;
  readonly githubOutput: boolean;
}

export const { run } = defineCommand({
  name: 'shard-matrix',
  usage: USAGE,
  options: {
    'affected-from': { type: 'string' },
    count: { type: 'string' },
    threshold: { type: 'string' },
    'max-shards': { type: 'string' },
    'github-output': { type: 'boolean' },
  },
  args: (values): ShardMatrixArgs => {
    const from = values['affected-from'];
    if ((from === undefined) === (values.count === undefined))
      throw new Error('give --affected-from FILE or --count N (every customer: the drift run)');
    if (values.count !== undefined && !/^(0|[1-9]\d*)$/.test(values.count))
      throw new Error(`--count must be an integer >= 0, got '${values.count}'`);
    return {
      stacks: from !== undefined ? { affectedFrom: from } : { count: Number(values.count) },
      threshold: positiveInt('--threshold', values.threshold),
      maxShards: positiveInt('--max-shards', values['max-shards']),
      githubOutput: values['github-output'] ?? false,
    };
  },
  execute: shardMatrixCommand,
});

function positiveInt(flag: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(v)) throw new Error(`${flag} must be a positive integer, got '${v}'`);
  return Number(v);
}

async function shardMatrixCommand(args: ShardMatrixArgs, out: Output): Promise<number> {
  let stacks: number;
  if ('affectedFrom' in args.stacks) {
    let affected: ReturnType<typeof readAffectedFile>;
    try {
      affected = readAffectedFile(path.resolve(args.stacks.affectedFrom));
    } catch (e) {
      throw e instanceof AffectedError ? new UsageError(e.message) : e;
    }
    // Removed customer files are checked by shard 1, so they count as work too.
    stacks = new Set([...affected.added, ...affected.changed]).size + affected.removed.length;
  } else {
    stacks = args.stacks.count;
  }
  let matrix: ReturnType<typeof shardMatrix>;
  try {
    matrix = shardMatrix(stacks, { threshold: args.threshold, maxShards: args.maxShards });
  } catch (e) {
    // Its limits are on --threshold and --max-shards: a mistake in the call.
    throw new UsageError((e as Error).message);
  }
  const json = JSON.stringify(matrix);
  out.stdout(
    args.githubOutput ? `matrix=${json}\ncount=${matrix.include.length}\nstacks=${stacks}\n` : `${json}\n`,
  );
  return 0;
}
