/**
 * What an assessment says about one customer's link, and what the per-type assessments
 * (assess-links.ts) share.
 */
import type { Customer } from '../config/types';

export type Health = 'healthy' | 'waiting' | 'action' | 'unknown';

export interface LinkStatus {
  readonly id: string;
  readonly type: Customer['connectivity']['type'];
  readonly region: string;
  readonly health: Health;
  /** The link's state in AWS, in a few words (`active`, `tunnel 1 UP, tunnel 2 DOWN for 3d 2h`). */
  readonly state: string;
  /** The AWS id of the link, when found. */
  readonly awsId?: string;
  /** What to do, one sentence each; empty when healthy. */
  readonly actions: readonly string[];
}

export interface StatusCustomer {
  readonly customer: Customer;
  /** The file, for messages (`customers/acme-corp.yaml`). */
  readonly file: string;
}

/** `3d 4h`, `5h 12m`, `12m` (never negative). */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${m}m`;
  return `${m}m`;
}

/** What assess-links.ts needs to know about the customer. */
export interface Ctx {
  readonly customer: Customer;
  readonly file: string;
  readonly now: Date;
}

/** One link's assessment, before the fleet adds its id, type and region. */
export type Assessment = Pick<LinkStatus, 'health' | 'state' | 'actions' | 'awsId'>;

/** No link in AWS: fine once decommissioned, else not deployed yet. */
export function absent(ctx: Ctx, what: string): Assessment {
  if (ctx.customer.decommission) return { health: 'healthy', state: 'decommissioned, gone', actions: [] };
  return {
    health: 'action',
    state: 'not found',
    actions: [
      `no ${what} tagged customer-id=${ctx.customer.id}: not deployed yet? run \`npx cdktf deploy ${ctx.customer.id}\``,
    ],
  };
}

/** A decommissioned customer whose link still exists. */
export function stillThere(ctx: Ctx, state: string, awsId: string): Assessment {
  return {
    health: 'action',
    state,
    awsId,
    actions: [
      `${ctx.file} is decommissioned but the link still exists: deploy it (\`npx cdktf deploy ${ctx.customer.id}\`) to destroy the stack`,
    ],
  };
}

/** Terminal states: AWS keeps such objects visible for a while after they stop mattering. */
export const PEERING_GONE = new Set(['expired', 'rejected', 'deleted', 'failed', 'deleting']);
export const VPN_GONE = new Set(['deleted', 'deleting']);

/**
 * The object that is the customer's link when AWS shows several (a deleted one beside its
 * replacement): a live one first, else the latest gone one.
 */
export function pick<T>(items: readonly T[], gone: (t: T) => boolean): T | undefined {
  return items.find((t) => !gone(t)) ?? items[items.length - 1];
}
