/**
 * One status run: which regions to ask (from the customer files), the batched AWS calls, the
 * comparison. The CLI and the benchmark both call this.
 */
import { assessFleet, regionQueries, type StatusCustomer } from './assess';
import type { Ec2Like } from './client';
import { observeFleet } from './observe';
import type { StatusReport } from './render';

export interface StatusRunOptions {
  readonly clientFor: (region: string) => Ec2Like;
  /** Only some customers were asked for: filter on their ids in AWS too. @default false */
  readonly subset?: boolean;
  /** @default new Date() */
  readonly now?: Date;
}

export async function collectStatus(
  customers: readonly StatusCustomer[],
  opts: StatusRunOptions,
): Promise<StatusReport> {
  const fleet = await observeFleet(regionQueries(customers, opts.subset ?? false), opts.clientFor);
  const now = opts.now ?? new Date();
  return { checkedAt: now.toISOString(), links: assessFleet(customers, fleet, now), fleet };
}
