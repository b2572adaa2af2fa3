/**
 * The CI job matrix of a plan: how many shard jobs the pull-request and drift workflows start
 * for a given number of affected stacks. Pure, so the workflow's behaviour at 0, 1, the threshold
 * and 1,000 customers is a unit test (test/shards/matrix.test.ts).
 *
 * - Up to `threshold` stacks: one job (`1/1`), as before sharding existed: a job's fixed cost
 *   (checkout, npm ci, Terraform set-up, provider cache) is not worth paying twice for a few stacks.
 *   Zero stacks is one job too: it still writes the summary ("No customers to plan") and checks
 *   removed customer files.
 * - Above it: ceil(stacks / threshold) shards, so that no shard plans more than `threshold` stacks,
 *   but at most `maxShards` (the runners the organisation is willing to occupy at once).
 */
import { MAX_SHARDS } from './shard';

export interface MatrixOptions {
  /** Most stacks one job plans before the plan fans out. @default DEFAULT_THRESHOLD */
  readonly threshold?: number;
  /** Most shard jobs at once. @default DEFAULT_MAX_SHARDS */
  readonly maxShards?: number;
}

/** Documented defaults (docs/pull-requests.md "Sharded plans"), also the workflows' input defaults. */
export const DEFAULT_THRESHOLD = 40;
export const DEFAULT_MAX_SHARDS = 20;

export interface MatrixEntry {
  /** `K/N`, as `plan --shard` takes it. */
  readonly shard: string;
}

export interface ShardMatrix {
  /** `strategy.matrix` for the shard jobs: `${{ fromJSON(needs.x.outputs.matrix) }}`. */
  readonly include: readonly MatrixEntry[];
}

export function shardCountFor(stacks: number, opts: MatrixOptions = {}): number {
  const threshold = opts.threshold ?? DEFAULT_THRESHOLD;
  const maxShards = opts.maxShards ?? DEFAULT_MAX_SHARDS;
  if (!Number.isInteger(stacks) || stacks < 0) throw new Error(`stack count must be >= 0, got ${stacks}`);
  if (!Number.isInteger(threshold) || threshold < 1)
    throw new Error(`threshold must be >= 1, got ${threshold}`);
  if (!Number.isInteger(maxShards) || maxShards < 1 || maxShards > MAX_SHARDS)
    throw new Error(`max shards must be between 1 and ${MAX_SHARDS}, got ${maxShards}`);
  if (stacks <= threshold) return 1;
  return Math.min(maxShards, Math.ceil(stacks / threshold));
}

export function shardMatrix(stacks: number, opts: MatrixOptions = {}): ShardMatrix {
  const n = shardCountFor(stacks, opts);
  return { include: Array.from({ length: n }, (_, i) => ({ shard: `${i + 1}/${n}` })) };
}
