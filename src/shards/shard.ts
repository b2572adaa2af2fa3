/**
 * Splitting the selected stacks into N shards, one per CI runner (`plan --shard K/N`).
 *
 * Requirements, each a property test in test/shards/shard.test.ts:
 * - every stack is in exactly one shard;
 * - the split depends only on the set of stacks and their costs, never on the order they are
 *   given in, the machine or the time: every runner computes the same shards on its own;
 * - balanced by expected cost, not by count: the most and the least loaded shard differ by at most
 *   the cost of one stack.
 *
 * The algorithm is greedy "longest processing time first": stacks by decreasing cost (ties by id),
 * each to the shard with the smallest load so far (ties: fewer stacks, then lower index). Adding a
 * stack to the least loaded shard never lets the spread exceed the largest single cost, which is
 * the balance bound above.
 */

export interface ShardItem {
  readonly id: string;
  /** Expected cost in arbitrary units (stackCost()); a positive integer keeps the split exact. */
  readonly cost: number;
}

export interface ShardSpec {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

/** Largest shard count accepted: far above any sensible runner fleet, low enough to be a typo guard. */
export const MAX_SHARDS = 256;

/** `K/N` → { index: K, count: N }, with 1 ≤ K ≤ N ≤ MAX_SHARDS; throws a user-facing message otherwise. */
export function parseShard(text: string): ShardSpec {
  const m = /^([1-9]\d*)\/([1-9]\d*)$/.exec(text.trim());
  if (!m) throw new Error(`--shard must be K/N with 1 <= K <= N (e.g. 2/5), got '${text}'`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (index > count) throw new Error(`--shard ${text}: K must be between 1 and N (${count})`);
  if (count > MAX_SHARDS) throw new Error(`--shard ${text}: at most ${MAX_SHARDS} shards`);
  return { index, count };
}

/** All `count` shards, each sorted by id. Ids must be unique. */
export function splitIntoShards(items: readonly ShardItem[], count: number): ShardItem[][] {
  if (!Number.isInteger(count) || count < 1) throw new Error(`shard count must be >= 1, got ${count}`);
  const seen = new Set<string>();
  for (const it of items) {
    if (seen.has(it.id)) throw new Error(`duplicate stack id '${it.id}'`);
    seen.add(it.id);
  }
  const order = [...items].sort((a, b) => b.cost - a.cost || cmp(a.id, b.id));
  const shards: ShardItem[][] = Array.from({ length: count }, () => []);
  const load = new Array<number>(count).fill(0);
  for (const it of order) {
    let best = 0;
    for (let s = 1; s < count; s++) {
      if (load[s] < load[best] || (load[s] === load[best] && shards[s].length < shards[best].length))
        best = s;
    }
    shards[best].push(it);
    load[best] += it.cost;
  }
  return shards.map((s) => s.sort((a, b) => cmp(a.id, b.id)));
}

/** The ids of shard `spec.index` of `spec.count`, sorted. */
export function shardIds(items: readonly ShardItem[], spec: ShardSpec): string[] {
  return splitIntoShards(items, spec.count)[spec.index - 1].map((it) => it.id);
}

export function formatShard(spec: ShardSpec): string {
  return `${spec.index}/${spec.count}`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
