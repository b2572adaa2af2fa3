/**
 * `linkforge shard-matrix --affected-from FILE [--threshold N] [--max-shards N] [--github-output]`:
 * the job matrix for the plan shards of a workflow (src/shards/matrix.ts), from the affected set
 * computed once by `linkforge affected --format json`. Prints the matrix as one line of JSON,
 * `{"include":[{"shard":"1/3"},{"shard":"2/3"},{"shard":"3/3"}]}` (nothing else: any other key
 * would become a matrix dimension), or with `--github-output` the lines `matrix=…`, `count=3` and
 * `stacks=117` to append to `$GITHUB_OUTPUT`.
 */
import * as path from 'path';
import { parseArgs } from 'util';
import { AffectedError } from '../pr/affected';
import { readAffectedFile } from '../pr/affected-file';
import { DEFAULT_MAX_SHARDS, DEFAULT_THRESHOLD, shardMatrix } from '../shards/matrix';
import { PROCESS_OUTPUT, type Output } from './output';

const USAGE = `usage: linkforge shard-matrix (--affected-from FILE | --count N) [--threshold N] [--max-shards N] [--github-output]

  --affected-from FILE  output of 'linkforge affected --format json'
  --count N             plan N stacks (every customer, as the drift run does)
  --threshold N         most stacks one job plans before the plan is sharded (default ${DEFAULT_THRESHOLD})
  --max-shards N        most shard jobs (default ${DEFAULT_MAX_SHARDS})
  --github-output       print matrix=JSON, count=N and stacks=N lines for $GITHUB_OUTPUT
`;

export async function run(argv: string[], out: Output = PROCESS_OUTPUT): Promise<number> {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        'affected-from': { type: 'string' },
        count: { type: 'string' },
        threshold: { type: 'string' },
        'max-shards': { type: 'string' },
        'github-output': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      out.stdout(USAGE);
      return 0;
    }
    if ((values['affected-from'] === undefined) === (values.count === undefined))
      throw new Error('give --affected-from FILE or --count N (every customer: the drift run)');
    const int = (flag: string, v: string | undefined): number | undefined => {
      if (v === undefined) return undefined;
      if (!/^[1-9]\d*$/.test(v)) throw new Error(`${flag} must be a positive integer, got '${v}'`);
      return Number(v);
    };
    let stacks: number;
    if (values['affected-from'] !== undefined) {
      const affected = readAffectedFile(path.resolve(values['affected-from']));
      // Removed customer files are checked by shard 1, so they count as work too.
      stacks = new Set([...affected.added, ...affected.changed]).size + affected.removed.length;
    } else {
      if (!/^(0|[1-9]\d*)$/.test(values.count!))
        throw new Error(`--count must be an integer >= 0, got '${values.count}'`);
      stacks = Number(values.count);
    }
    const matrix = shardMatrix(stacks, {
      threshold: int('--threshold', values.threshold),
      maxShards: int('--max-shards', values['max-shards']),
    });
    const json = JSON.stringify(matrix);
    out.stdout(
      values['github-output']
        ? `matrix=${json}\ncount=${matrix.include.length}\nstacks=${stacks}\n`
        : `${json}\n`,
    );
    return 0;
  } catch (e) {
    const msg = e instanceof AffectedError || e instanceof Error ? e.message : String(e);
    out.stderr(`linkforge shard-matrix: ${msg}\n${USAGE}`);
    return 1;
  }
}
