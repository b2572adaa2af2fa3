/**
 * One status run: load and check the customer files, select the customers asked for, decide which
 * regions to ask, make the batched AWS calls and compare. The CLI (which only parses arguments
 * and prints) and the benchmark both call this.
 */
import * as path from 'path';
import type { Diagnostic } from '../config/diagnostics';
import { hasErrors } from '../config/diagnostics';
import { DEFAULT_CUSTOMERS_DIR, loadProject } from '../config/load';
import { assessFleet, regionQueries } from './assess';
import { ec2Client, type Ec2Like } from './client';
import type { StatusCustomer } from './link-status';
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

export interface ProjectStatusOptions {
  /** Only these customers. @default every customer */
  readonly ids?: readonly string[];
  /** @default 'customers' */
  readonly customersDir?: string;
  /** @default process.cwd() */
  readonly projectDir?: string;
  /** @default a real EC2 client per region, adaptive retries */
  readonly clientFor?: (region: string) => Ec2Like;
  /** @default new Date() */
  readonly now?: Date;
}

/** The outcome of a status run: the report, or why nothing was checked. */
export type ProjectStatus =
  | { readonly kind: 'report'; readonly report: StatusReport; readonly diagnostics: readonly Diagnostic[] }
  | { readonly kind: 'invalid'; readonly diagnostics: readonly Diagnostic[] }
  | {
      readonly kind: 'unknown-ids';
      readonly ids: readonly string[];
      readonly diagnostics: readonly Diagnostic[];
    };

/** The status of the project's customers (all, or `ids`), from their files and AWS. */
export async function projectStatus(opts: ProjectStatusOptions): Promise<ProjectStatus> {
  const projectDir = path.resolve(opts.projectDir ?? process.cwd());
  const customersDir = opts.customersDir ?? DEFAULT_CUSTOMERS_DIR;
  const fromCwd = (p: string) => path.relative(process.cwd(), path.resolve(projectDir, p)) || '.';
  const loaded = loadProject({ customersDir: fromCwd(customersDir), cdktfJson: fromCwd('cdktf.json') });
  const { diagnostics } = loaded;
  if (hasErrors(diagnostics)) return { kind: 'invalid', diagnostics };
  let selected = loaded.customers;
  if (opts.ids) {
    const known = new Set(loaded.customers.map((c) => c.customer.id));
    const unknown = opts.ids.filter((id) => !known.has(id));
    if (unknown.length > 0) return { kind: 'unknown-ids', ids: unknown, diagnostics };
    const wanted = new Set(opts.ids);
    selected = loaded.customers.filter((c) => wanted.has(c.customer.id));
  }
  const clients = new Map<string, Ec2Like>();
  const clientFor =
    opts.clientFor ??
    ((region: string) => {
      let c = clients.get(region);
      if (!c) clients.set(region, (c = ec2Client(region)));
      return c;
    });
  const report = await collectStatus(selected, { clientFor, subset: opts.ids !== undefined, now: opts.now });
  return { kind: 'report', report, diagnostics };
}
