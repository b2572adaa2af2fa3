/**
 * Asking AWS for the live state of every link: read-only EC2 calls batched per region, never per
 * customer. Per region and per kind of link, one paginated Describe call filtered on the tag every
 * linkforge resource carries (`managed-by = linkforge`, plus `customer-id` when only some
 * customers are asked for) returns all of that region's links at once; regions are asked in
 * parallel. A region that fails (unreachable, no permission, still throttled after the SDK's
 * retries) is reported as such and never stops the others.
 *
 * The answer is normalised into plain observations, so the comparison (assess.ts) is pure and
 * tested without the SDK.
 */
import {
  DescribeTransitGatewayVpcAttachmentsCommand,
  DescribeVpcPeeringConnectionsCommand,
  DescribeVpnConnectionsCommand,
  type Filter,
  type Tag,
  type TransitGatewayVpcAttachment,
  type VpcPeeringConnection,
  type VpnConnection,
} from '@aws-sdk/client-ec2';
import type { Ec2Like } from './client';

export type LinkKind = 'peering' | 'vpn' | 'tgw';

export interface PeeringObservation {
  readonly id: string;
  readonly customerId: string;
  /** `pending-acceptance`, `active`, `expired`, `rejected`, `deleted`, `failed`, `provisioning`, … */
  readonly status: string;
  readonly message?: string;
  /** ISO 8601, for a pending request. */
  readonly expiresAt?: string;
  /** The accepter (customer) side's "allow DNS resolution from the remote VPC" option. */
  readonly accepterDnsResolution?: boolean;
}

export interface TunnelObservation {
  readonly outsideAddress: string;
  /** `UP` or `DOWN`. */
  readonly status: string;
  /** ISO 8601: when the status last changed. */
  readonly since?: string;
  readonly message?: string;
  readonly acceptedRoutes?: number;
}

export interface VpnObservation {
  readonly id: string;
  readonly customerId: string;
  /** `pending`, `available`, `deleting`, `deleted`. */
  readonly state: string;
  /** In the order of the connection's tunnel options (tunnel 1 first). */
  readonly tunnels: readonly TunnelObservation[];
}

export interface AttachmentObservation {
  readonly id: string;
  readonly customerId: string;
  /** `pendingAcceptance`, `available`, `rejected`, `deleted`, `failed`, `pending`, … */
  readonly state: string;
  readonly transitGatewayId?: string;
}

export interface RegionObservation {
  readonly region: string;
  /** Set when any call in this region failed: then nothing in it is known. */
  readonly error?: string;
  readonly peerings: readonly PeeringObservation[];
  readonly vpns: readonly VpnObservation[];
  readonly attachments: readonly AttachmentObservation[];
}

export interface FleetObservation {
  readonly regions: readonly RegionObservation[];
  /** AWS calls made (pages included, retries not). */
  readonly calls: number;
}

/** What to ask one region for. */
export interface RegionQuery {
  readonly region: string;
  readonly kinds: ReadonlySet<LinkKind>;
  /** Only these customers (tag filter); undefined means every linkforge resource in the region. */
  readonly customerIds?: readonly string[];
}

/** EC2 accepts at most this many values per filter. */
const MAX_FILTER_VALUES = 200;

function tagValue(tags: readonly Tag[] | undefined, key: string): string | undefined {
  return tags?.find((t) => t.Key === key)?.Value;
}

function filters(q: RegionQuery): Filter[] {
  const f: Filter[] = [{ Name: 'tag:managed-by', Values: ['linkforge'] }];
  // Beyond the limit, ask for every linkforge resource and keep the wanted ones below.
  if (q.customerIds && q.customerIds.length <= MAX_FILTER_VALUES) {
    f.push({ Name: 'tag:customer-id', Values: [...q.customerIds] });
  }
  return f;
}

function peeringObservation(p: VpcPeeringConnection): PeeringObservation | undefined {
  const customerId = tagValue(p.Tags, 'customer-id');
  if (!p.VpcPeeringConnectionId || !customerId) return undefined;
  return {
    id: p.VpcPeeringConnectionId,
    customerId,
    status: p.Status?.Code ?? 'unknown',
    message: p.Status?.Message,
    expiresAt: p.ExpirationTime?.toISOString(),
    accepterDnsResolution: p.AccepterVpcInfo?.PeeringOptions?.AllowDnsResolutionFromRemoteVpc,
  };
}

function vpnObservation(v: VpnConnection): VpnObservation | undefined {
  const customerId = tagValue(v.Tags, 'customer-id');
  if (!v.VpnConnectionId || !customerId) return undefined;
  const order = (v.Options?.TunnelOptions ?? []).map((t) => t.OutsideIpAddress);
  const rank = (ip: string | undefined) => {
    const i = order.indexOf(ip);
    return i < 0 ? order.length : i;
  };
  const tunnels = [...(v.VgwTelemetry ?? [])]
    .sort((a, b) => rank(a.OutsideIpAddress) - rank(b.OutsideIpAddress))
    .map((t) => ({
      outsideAddress: t.OutsideIpAddress ?? '',
      status: t.Status ?? 'unknown',
      since: t.LastStatusChange?.toISOString(),
      message: t.StatusMessage || undefined,
      acceptedRoutes: t.AcceptedRouteCount,
    }));
  return { id: v.VpnConnectionId, customerId, state: v.State ?? 'unknown', tunnels };
}

function attachmentObservation(a: TransitGatewayVpcAttachment): AttachmentObservation | undefined {
  const customerId = tagValue(a.Tags, 'customer-id');
  if (!a.TransitGatewayAttachmentId || !customerId) return undefined;
  return {
    id: a.TransitGatewayAttachmentId,
    customerId,
    state: a.State ?? 'unknown',
    transitGatewayId: a.TransitGatewayId,
  };
}

/** Calls `fetch` page after page (NextToken) until AWS returns no token, handing each page on. */
async function paginate<T>(
  fetch: (token: string | undefined) => Promise<{ items?: T[]; next?: string }>,
  onPage: (items: T[]) => void,
): Promise<void> {
  let token: string | undefined;
  do {
    const page = await fetch(token);
    onPage(page.items ?? []);
    token = page.next;
  } while (token);
}

export interface ObserveOptions {
  /** Called once per AWS call (for counting). */
  readonly onCall?: () => void;
}

async function observeRegion(q: RegionQuery, client: Ec2Like, count: () => void): Promise<RegionObservation> {
  const wanted = q.customerIds ? new Set(q.customerIds) : undefined;
  const keep = <T extends { customerId: string }>(x: T | undefined): x is T =>
    x !== undefined && (!wanted || wanted.has(x.customerId));
  const peerings: PeeringObservation[] = [];
  const vpns: VpnObservation[] = [];
  const attachments: AttachmentObservation[] = [];
  try {
    const jobs: Promise<void>[] = [];
    if (q.kinds.has('peering')) {
      jobs.push(
        paginate(
          async (NextToken) => {
            count();
            const page = await client.send(
              new DescribeVpcPeeringConnectionsCommand({ Filters: filters(q), MaxResults: 1000, NextToken }),
            );
            return { items: page.VpcPeeringConnections, next: page.NextToken };
          },
          (items) => peerings.push(...items.map(peeringObservation).filter(keep)),
        ),
      );
    }
    if (q.kinds.has('vpn')) {
      jobs.push(
        (async () => {
          // DescribeVpnConnections is not paginated: one call returns every match.
          count();
          const res = await client.send(new DescribeVpnConnectionsCommand({ Filters: filters(q) }));
          vpns.push(...(res.VpnConnections ?? []).map(vpnObservation).filter(keep));
        })(),
      );
    }
    if (q.kinds.has('tgw')) {
      jobs.push(
        paginate(
          async (NextToken) => {
            count();
            const page = await client.send(
              new DescribeTransitGatewayVpcAttachmentsCommand({
                Filters: filters(q),
                MaxResults: 1000,
                NextToken,
              }),
            );
            return { items: page.TransitGatewayVpcAttachments, next: page.NextToken };
          },
          (items) => attachments.push(...items.map(attachmentObservation).filter(keep)),
        ),
      );
    }
    // allSettled: a failed call must not leave its sibling running unobserved.
    const settled = await Promise.allSettled(jobs);
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
  } catch (e) {
    return { region: q.region, error: describeError(e), peerings: [], vpns: [], attachments: [] };
  }
  return { region: q.region, peerings, vpns, attachments };
}

/** One line for an SDK error: its name (the AWS error code) and message. */
function describeError(e: unknown): string {
  if (e instanceof Error) {
    const msg = e.message.replace(/\s+/g, ' ').trim();
    return e.name && e.name !== 'Error' ? `${e.name}: ${msg}` : msg;
  }
  return String(e);
}

/** Asks every region in parallel; results in the order of `queries`. */
export async function observeFleet(
  queries: readonly RegionQuery[],
  clientFor: (region: string) => Ec2Like,
  opts: ObserveOptions = {},
): Promise<FleetObservation> {
  let calls = 0;
  const count = () => {
    calls++;
    opts.onCall?.();
  };
  const regions = await Promise.all(queries.map((q) => observeRegion(q, clientFor(q.region), count)));
  return { regions, calls };
}
