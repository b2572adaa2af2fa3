/**
 * Comparing what AWS says with what the customer files say, and saying what to do. Pure: from the
 * customers, the observations (observe.ts) and the current time to one status per customer.
 *
 * Health: `healthy` (nothing to do), `waiting` (on the customer or on AWS: someone should follow
 * up), `action` (the platform team must act), `unknown` (the region could not be asked). Anything
 * but `healthy` makes `linkforge status` exit 1, so a scheduled job alerts.
 */
import type {
  Customer,
  SiteToSiteVpnConnectivity,
  TransitGatewayConnectivity,
  VpcPeeringConnectivity,
} from '../config/types';
import type {
  AttachmentObservation,
  FleetObservation,
  LinkKind,
  PeeringObservation,
  RegionObservation,
  RegionQuery,
  VpnObservation,
} from './observe';

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

/** The kind of AWS object that carries a customer's link. */
export function linkKind(c: Customer): LinkKind {
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

/** Terminal states: AWS keeps such objects visible for a while after they stop mattering. */
const PEERING_GONE = new Set(['expired', 'rejected', 'deleted', 'failed', 'deleting']);
const VPN_GONE = new Set(['deleted', 'deleting']);

/**
 * The object that is the customer's link when AWS shows several (a deleted one beside its
 * replacement): a live one first, else the latest gone one.
 */
function pick<T>(items: readonly T[], gone: (t: T) => boolean): T | undefined {
  return items.find((t) => !gone(t)) ?? items[items.length - 1];
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

interface Ctx {
  readonly customer: Customer;
  readonly file: string;
  readonly now: Date;
}

type Assessment = Pick<LinkStatus, 'health' | 'state' | 'actions' | 'awsId'>;

function absent(ctx: Ctx, what: string): Assessment {
  if (ctx.customer.decommission) return { health: 'healthy', state: 'decommissioned, gone', actions: [] };
  return {
    health: 'action',
    state: 'not found',
    actions: [
      `no ${what} tagged customer-id=${ctx.customer.id}: not deployed yet? run \`npx cdktf deploy ${ctx.customer.id}\``,
    ],
  };
}

function stillThere(ctx: Ctx, state: string, awsId: string): Assessment {
  return {
    health: 'action',
    state,
    awsId,
    actions: [
      `${ctx.file} is decommissioned but the link still exists: deploy it (\`npx cdktf deploy ${ctx.customer.id}\`) to destroy the stack`,
    ],
  };
}

function peering(ctx: Ctx, p: VpcPeeringConnectivity, region: RegionObservation): Assessment {
  const mine = region.peerings.filter((x) => x.customerId === ctx.customer.id);
  const found = pick<PeeringObservation>(mine, (x) => PEERING_GONE.has(x.status));
  if (!found) return absent(ctx, 'VPC peering connection');
  const awsId = found.id;
  if (ctx.customer.decommission && !PEERING_GONE.has(found.status))
    return stillThere(ctx, found.status, awsId);
  const handoff = `\`npm run handoff -- ${ctx.customer.id}\``;
  switch (found.status) {
    case 'pending-acceptance': {
      const left = found.expiresAt ? Date.parse(found.expiresAt) - ctx.now.getTime() : undefined;
      const state =
        left === undefined
          ? 'pending acceptance'
          : `pending acceptance, ${formatDuration(left)} left (expires ${found.expiresAt})`;
      return {
        health: 'waiting',
        state,
        awsId,
        actions: [
          p.accepted
            ? `${ctx.file} says accepted, but AWS still waits for the customer to accept ${awsId}: ask them to accept it (handoff: ${handoff})`
            : `waiting for the customer to accept ${awsId} in account ${p.peer.accountId} (${p.peer.region}); send or chase the handoff (${handoff})`,
        ],
      };
    }
    case 'active': {
      if (!p.accepted) {
        return {
          health: 'action',
          state: 'active',
          awsId,
          actions: [`accepted in AWS: set \`accepted: true\` in ${ctx.file} and deploy`],
        };
      }
      if (p.dnsResolution && found.accepterDnsResolution !== true) {
        return {
          health: 'action',
          state: 'active, accepter DNS resolution off',
          awsId,
          actions: [
            `the customer has not allowed DNS resolution on their side of ${awsId}: send them the DNS step of the handoff (${handoff})`,
          ],
        };
      }
      return {
        health: 'healthy',
        state: p.dnsResolution ? 'active, accepter DNS resolution on' : 'active',
        awsId,
        actions: [],
      };
    }
    case 'provisioning':
    case 'initiating-request':
      return {
        health: 'waiting',
        state: found.status,
        awsId,
        actions: ['AWS is setting the peering up: check again in a few minutes'],
      };
    case 'expired':
    case 'rejected':
    case 'deleted':
    case 'failed':
    case 'deleting': {
      if (ctx.customer.decommission)
        return { health: 'healthy', state: `decommissioned, ${found.status}`, awsId, actions: [] };
      const why = {
        expired: 'expired (not accepted within 7 days)',
        rejected: 'rejected by the customer: check the account, VPC and region with them',
        deleted: 'deleted',
        deleting: 'being deleted',
        failed: `failed${found.message ? ` (${found.message})` : ''}: check the account, VPC and region in the file`,
      }[found.status];
      return {
        health: 'action',
        state: found.status,
        awsId,
        actions: [
          `${why}; the next deploy (\`npx cdktf deploy ${ctx.customer.id}\`) requests a new peering, whose new id the customer must accept: send a new handoff (${handoff})`,
        ],
      };
    }
    default:
      return {
        health: 'action',
        state: found.status,
        awsId,
        actions: [`unexpected peering status '${found.status}': check it in AWS`],
      };
  }
}

function vpn(ctx: Ctx, c: SiteToSiteVpnConnectivity, region: RegionObservation): Assessment {
  const mine = region.vpns.filter((x) => x.customerId === ctx.customer.id);
  const found = pick<VpnObservation>(mine, (x) => VPN_GONE.has(x.state));
  if (!found) return absent(ctx, 'VPN connection');
  const awsId = found.id;
  if (ctx.customer.decommission) {
    return VPN_GONE.has(found.state)
      ? { health: 'healthy', state: `decommissioned, ${found.state}`, awsId, actions: [] }
      : stillThere(ctx, found.state, awsId);
  }
  if (VPN_GONE.has(found.state)) {
    return {
      health: 'action',
      state: found.state,
      awsId,
      actions: [
        `the VPN connection was deleted outside linkforge: the next deploy (\`npx cdktf deploy ${ctx.customer.id}\`) creates a new one with new tunnel addresses and keys; send a new handoff (\`npm run handoff -- ${ctx.customer.id}\`)`,
      ],
    };
  }
  if (found.state === 'pending') {
    return {
      health: 'waiting',
      state: 'pending',
      awsId,
      actions: ['AWS is creating the VPN connection: check again in a few minutes'],
    };
  }
  const bgp = c.routing === 'bgp';
  const parts: string[] = [];
  const actions: string[] = [];
  const down: number[] = [];
  found.tunnels.forEach((t, i) => {
    const n = i + 1;
    const monitored = n <= c.tunnels;
    const since = t.since ? Date.parse(t.since) : undefined;
    const duration = since === undefined ? '' : ` for ${formatDuration(ctx.now.getTime() - since)}`;
    const routes =
      bgp && t.status === 'UP' && t.acceptedRoutes !== undefined
        ? ` (${t.acceptedRoutes} BGP route${t.acceptedRoutes === 1 ? '' : 's'})`
        : '';
    parts.push(
      `tunnel ${n} ${t.status}${t.status === 'UP' ? routes : duration}${monitored ? '' : ' (not configured)'}`,
    );
    if (!monitored) return;
    if (t.status !== 'UP') {
      down.push(n);
      actions.push(
        `tunnel ${n} (${t.outsideAddress}) down${duration}${t.since ? ` (since ${t.since})` : ''}${t.message ? `: ${t.message}` : ''}; ask the customer to check tunnel ${n} on their device (handoff: \`npm run handoff -- ${ctx.customer.id}\`)`,
      );
    } else if (bgp && t.acceptedRoutes === 0) {
      actions.push(
        `tunnel ${n} is up but receives no BGP routes: the customer announces no networks to AWS ASN ${c.amazonSideAsn}`,
      );
    }
  });
  const monitored = found.tunnels.slice(0, c.tunnels);
  if (monitored.length < c.tunnels)
    actions.push(`AWS reports ${found.tunnels.length} tunnel(s), ${c.tunnels} expected`);
  const allDown = monitored.length > 0 && down.length === monitored.length;
  if (allDown && c.tunnels === 2) actions.unshift('no tunnel is up: the connection is down');
  return {
    health: actions.length > 0 ? 'action' : 'healthy',
    state: `${found.state}: ${parts.join(', ')}`,
    awsId,
    actions,
  };
}

const ATTACHMENT_GONE = new Set(['deleted', 'deleting', 'rejected', 'rejecting', 'failed', 'failing']);

function transitGateway(ctx: Ctx, t: TransitGatewayConnectivity, region: RegionObservation): Assessment {
  const mine = region.attachments.filter((x) => x.customerId === ctx.customer.id);
  const found = pick<AttachmentObservation>(mine, (x) => ATTACHMENT_GONE.has(x.state));
  if (!found) return absent(ctx, 'transit gateway attachment');
  const awsId = found.id;
  if (ctx.customer.decommission) {
    return ATTACHMENT_GONE.has(found.state)
      ? { health: 'healthy', state: `decommissioned, ${found.state}`, awsId, actions: [] }
      : stillThere(ctx, found.state, awsId);
  }
  const handoff = `\`npm run handoff -- ${ctx.customer.id}\``;
  switch (found.state) {
    case 'pendingAcceptance':
      return {
        health: 'waiting',
        state: 'pending acceptance',
        awsId,
        actions: [
          `waiting for the customer to accept ${awsId} on ${t.transitGateway.id} in account ${t.transitGateway.accountId}; send or chase the handoff (${handoff})`,
        ],
      };
    case 'available':
      return t.accepted
        ? { health: 'healthy', state: 'available', awsId, actions: [] }
        : {
            health: 'action',
            state: 'available',
            awsId,
            actions: [
              `accepted in AWS: set \`accepted: true\` in ${ctx.file} and deploy (that adds the routes)`,
            ],
          };
    case 'initiating':
    case 'initiatingRequest':
    case 'pending':
    case 'modifying':
      return {
        health: 'waiting',
        state: found.state,
        awsId,
        actions: ['AWS is setting the attachment up: check again in a few minutes'],
      };
    case 'rejected':
    case 'rejecting':
      return {
        health: 'action',
        state: found.state,
        awsId,
        actions: [
          `the customer rejected ${awsId}: agree the next step with them before requesting it again (${handoff})`,
        ],
      };
    default:
      return {
        health: 'action',
        state: found.state,
        awsId,
        actions: [
          `attachment ${found.state}: the next deploy (\`npx cdktf deploy ${ctx.customer.id}\`) requests a new one, which the customer must accept (${handoff})`,
        ],
      };
  }
}
