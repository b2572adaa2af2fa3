/**
 * Which stacks a plan run covers: the customer ids given, the affected set (computed from git, or
 * read from `linkforge affected --format json` output), and this runner's slice of it under
 * `--shard K/N`; plus the deleted customer files, which are never planned but checked.
 */
import * as path from 'path';
import type { LoadedCustomer } from '../config/types';
import { suggest } from '../config/suggest';
import { AffectedError, affectedSince, idsToPlan } from '../pr/affected';
import { readAffectedFile } from '../pr/affected-file';
import { stackCost } from '../shards/cost';
import { formatShard, splitIntoShards, type ShardSpec } from '../shards/shard';
import type { ShardInfo } from './report';

export interface SelectionOptions {
  /** Customer ids to plan. @default - every customer (or the affected ones) */
  readonly ids?: readonly string[];
  readonly customersDir: string;
  readonly affectedSince?: string;
  /** A file written by `linkforge affected --format json`: the affected set, computed once. */
  readonly affectedFrom?: string;
  /** Plan only this slice of the selection. @default - the whole selection */
  readonly shard?: ShardSpec;
  readonly projectDir: string;
}

export interface Selection {
  /** The stacks to plan; undefined: every customer. */
  readonly ids: readonly string[] | undefined;
  /** Customer files deleted since the base: not planned, but refused while their state has resources. */
  readonly removed: readonly string[];
  readonly shard: ShardInfo | undefined;
}

/** The selection, or undefined after `log` said why there is none (exit status 1). */
export function selectStacks(
  customers: readonly LoadedCustomer[],
  opts: SelectionOptions,
  log: (text: string) => void,
): Selection | undefined {
  let ids: string[] | undefined;
  let removed: readonly string[] = [];
  const { customersDir } = opts;
  if (opts.affectedSince !== undefined || opts.affectedFrom !== undefined) {
    try {
      const affected =
        opts.affectedFrom !== undefined
          ? readAffectedFile(path.resolve(opts.projectDir, opts.affectedFrom))
          : affectedSince({ base: opts.affectedSince!, customersDir, cwd: opts.projectDir });
      ids = idsToPlan(affected);
      removed = affected.removed;
      const known = new Set(customers.map((c) => c.customer.id));
      const unknown = ids.filter((id) => !known.has(id));
      if (opts.affectedFrom !== undefined && unknown.length > 0)
        throw new AffectedError(
          `${opts.affectedFrom} names customers with no file in ${customersDir}/: ${unknown.join(', ')} ` +
            '(was it computed on another commit?)',
        );
      const since =
        opts.affectedFrom !== undefined ? `from ${opts.affectedFrom}` : `since ${opts.affectedSince}`;
      log(
        `affected ${since}: ${affected.all ? `every customer (${affected.reason})` : `${ids.length} customer(s)`}` +
          (affected.removed.length > 0
            ? `; removed files, not planned: ${affected.removed.join(', ')}`
            : '') +
          '\n',
      );
    } catch (e) {
      if (!(e instanceof AffectedError)) throw e;
      const flag = opts.affectedFrom !== undefined ? '--affected-from' : '--affected-since';
      log(`linkforge plan: ${flag}: ${e.message}\n`);
      return undefined;
    }
  } else if (opts.ids !== undefined) {
    const known = customers.map((c) => c.customer.id);
    const unknown = opts.ids.filter((id) => !known.includes(id));
    if (unknown.length > 0) {
      for (const id of unknown) {
        const near = suggest(id, known);
        log(
          `linkforge plan: unknown customer id '${id}': no ${customersDir}/${id}.yaml${near ? `; did you mean '${near}'?` : ''}\n`,
        );
      }
      return undefined;
    }
    ids = [...new Set(opts.ids)].sort();
  }
  if (opts.shard === undefined) return { ids, removed, shard: undefined };

  // This runner's slice of the selection: every runner computes the same split on its own.
  const selected = new Set(ids ?? customers.map((c) => c.customer.id));
  const items = customers
    .filter((c) => selected.has(c.customer.id))
    .map((c) => ({ id: c.customer.id, cost: stackCost(c.customer) }));
  const split = splitIntoShards(items, opts.shard.count);
  // Removed customers are checked (never planned) by shard 1 alone, so each appears exactly once.
  const assignment = split.map((slice, i) => [...slice.map((x) => x.id), ...(i === 0 ? removed : [])].sort());
  ids = split[opts.shard.index - 1].map((x) => x.id);
  if (opts.shard.index !== 1) removed = [];
  log(
    `shard ${formatShard(opts.shard)}: ${ids.length} of ${items.length} stack(s)` +
      (removed.length > 0 ? `, and the removed customers` : '') +
      '\n',
  );
  return { ids, removed, shard: { ...opts.shard, assignment } };
}
