/**
 * Comparing what AWS says with what the customer files say, and saying what to do. Pure: from the
 * customers, the observations (observe.ts) and the current time to one status per customer.
 *
 * Health: `healthy` (nothing to do), `waiting` (on the customer or on AWS: someone should follow
 * up), `action` (the platform team must act), `unknown` (the region could not be asked). Anything
 * but `healthy` makes `linkforge status` exit 1, so a scheduled job alerts.
 */
import type { Customer } from '../config/types';
import { peering, transitGateway, vpn } from './assess-links';
import type { Ctx, LinkStatus, StatusCustomer } from './link-status';
import type { FleetObservation, LinkKind, RegionObservation, RegionQuery } from './observe';

/** The kind of AWS object that carries a customer's link. */
function linkKind(c: Customer): LinkKind {
  const kinds: Record<Customer['connectivity']['type'], LinkKind> = {
    'vpc-peering': 'peering',
    'site-to-site-vpn': 'vpn',
    'transit-gateway': 'tgw',
  };
  return kinds[c.connectivity.type];
}

/** One query per region: the kinds of link present there and, for a subset, the customer ids. */
export function regionQueries(customers: readonly StatusCustomer[], subset: boolean): RegionQuery[] {
  const byRegion = new Map<string, { kinds: Set<LinkKind>; ids: string[] }>();
  for (const { customer } of customers) {
    const entry = byRegion.get(customer.region) ?? { kinds: new Set<LinkKind>(), ids: [] };
    entry.kinds.add(linkKind(customer));
    entry.ids.push(customer.id);
    byRegion.set(customer.region, entry);
  }
  return [...byRegion.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([region, e]) => ({ region, kinds: e.kinds, ...(subset ? { customerIds: e.ids } : {}) }));
}

export function assessFleet(
  customers: readonly StatusCustomer[],
  fleet: FleetObservation,
  now: Date,
): LinkStatus[] {
  const regions = new Map<string, RegionObservation>(fleet.regions.map((r) => [r.region, r]));
  return [...customers]
    .sort((a, b) => a.customer.id.localeCompare(b.customer.id))
    .map(({ customer, file }) => {
      const base = { id: customer.id, type: customer.connectivity.type, region: customer.region };
      const region = regions.get(customer.region);
      if (!region || region.error !== undefined) {
        return {
          ...base,
          health: 'unknown' as const,
          state: 'not checked',
          actions: [`region ${customer.region} could not be asked: ${region?.error ?? 'not queried'}`],
        };
      }
      const c = customer.connectivity;
      const ctx: Ctx = { customer, file, now };
      const assessed =
        c.type === 'vpc-peering'
          ? peering(ctx, c, region)
          : c.type === 'site-to-site-vpn'
            ? vpn(ctx, c, region)
            : transitGateway(ctx, c, region);
      return { ...base, ...assessed };
    });
}
