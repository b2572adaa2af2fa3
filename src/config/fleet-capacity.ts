/**
 * The fleet capacity check: what every customer stack of the fleet creates in the vendor account,
 * counted per region (per availability zone, per transit gateway) against AWS's quotas.
 *
 * One vendor account: every stack deploys with the same credentials, so "per vendor account and
 * region" is per region. Only what linkforge creates is counted: the default VPC of a region and
 * anything else in the account use the same quotas, so the table is a lower bound.
 *
 * What a stack creates (src/stacks/customer-stack.ts, src/constructs): every type one VPC; a VPN
 * also a virtual private gateway, a customer gateway and a VPN connection, and with `natGateway`
 * an internet gateway, an Elastic IP and a NAT gateway in the region's first availability zone; a
 * transit gateway one VPC attachment to the customer's transit gateway; a peering not yet accepted
 * (`accepted` not true) is an outstanding peering request of the vendor account until the customer
 * accepts it (or it expires after 7 days, and the next deploy requests it again). A decommissioned
 * customer creates nothing (its stack is being destroyed). IAM is account-wide: with the default
 * CloudWatch Logs flow-log destination every stack creates one role, counted once for all regions
 * (row region "*").
 *
 * AWS's default quotas:
 * https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html (VPCs, internet
 * gateways, NAT gateways per availability zone, Elastic IPs),
 * https://docs.aws.amazon.com/vpn/latest/s2svpn/vpn-limits.html (customer gateways, virtual
 * private gateways, Site-to-Site VPN connections),
 * https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-quotas.html (attachments per transit
 * gateway).
 *
 * Linear in the number of files: one FleetIndex grouping per quota, computed once per run and
 * shared by every file's check and by `validate --format json`.
 */
import type { FleetIndex } from './fleet-index';
import { availabilityZonesFor, type PlatformSettings, type QuotaSettings } from './settings';
import type { LoadedCustomer } from './types';

export type QuotaKey = keyof QuotaSettings;

export interface QuotaDefinition {
  /** The key in the platform setting `quotas`. */
  readonly key: QuotaKey;
  /** AWS's name of the quota, as the Service Quotas console shows it. */
  readonly name: string;
  /** The Service Quotas service it is listed under. */
  readonly service:
    | 'Amazon Virtual Private Cloud (Amazon VPC)'
    | 'Amazon Elastic Compute Cloud (Amazon EC2)'
    | 'AWS Identity and Access Management (IAM)';
  /** AWS's default value. */
  readonly defaultLimit: number;
  /** What one customer adds to the count, for messages ("VPC", "NAT gateway"). */
  readonly resource: string;
  /** What is counted against one limit: a region, the region's NAT availability zone, or a transit gateway. */
  readonly per: 'region' | 'availability-zone' | 'transit-gateway' | 'account';
  /** False when AWS does not raise it (the message then says what to do instead). */
  readonly adjustable: boolean;
  /**
   * The group a customer counts in (a region code or a transit gateway id), or undefined when its
   * stack does not create the resource. Module-level functions: a FleetIndex name has one key.
   */
  readonly groupOf: (c: LoadedCustomer) => string | undefined;
  /** Whether the platform settings make stacks create the resource at all. @default always */
  readonly appliesTo?: (settings: PlatformSettings) => boolean;
}

const active = (c: LoadedCustomer): boolean => !c.customer.decommission;
const vpnOf = (c: LoadedCustomer) =>
  active(c) && c.customer.connectivity.type === 'site-to-site-vpn' ? c.customer.connectivity : undefined;

const everyStack = (c: LoadedCustomer) => (active(c) ? c.customer.region : undefined);
const vpnStack = (c: LoadedCustomer) => (vpnOf(c) ? c.customer.region : undefined);
const natStack = (c: LoadedCustomer) => (vpnOf(c)?.natGateway ? c.customer.region : undefined);
const pendingPeeringStack = (c: LoadedCustomer) =>
  active(c) && c.customer.connectivity.type === 'vpc-peering' && !c.customer.connectivity.accepted
    ? c.customer.region
    : undefined;
const transitGatewayStack = (c: LoadedCustomer) =>
  active(c) && c.customer.connectivity.type === 'transit-gateway'
    ? c.customer.connectivity.transitGateway.id
    : undefined;

/** An account-wide quota: every active stack counts in one group, reported as region "*". */
const everyStackInAccount = (c: LoadedCustomer) => (active(c) ? ACCOUNT : undefined);
const ACCOUNT = '*';

const VPC = 'Amazon Virtual Private Cloud (Amazon VPC)';
const EC2 = 'Amazon Elastic Compute Cloud (Amazon EC2)';

/** In the order of the capacity table. */
export const QUOTAS: readonly QuotaDefinition[] = [
  {
    key: 'vpcsPerRegion',
    name: 'VPCs per Region',
    service: VPC,
    defaultLimit: 5,
    resource: 'VPC',
    per: 'region',
    adjustable: true,
    groupOf: everyStack,
  },
  {
    key: 'internetGatewaysPerRegion',
    name: 'Internet gateways per Region',
    service: VPC,
    defaultLimit: 5,
    resource: 'internet gateway',
    per: 'region',
    adjustable: true,
    groupOf: natStack,
  },
  {
    key: 'natGatewaysPerAvailabilityZone',
    name: 'NAT gateways per Availability Zone',
    service: VPC,
    defaultLimit: 5,
    resource: 'NAT gateway',
    per: 'availability-zone',
    adjustable: true,
    groupOf: natStack,
  },
  {
    key: 'elasticIpsPerRegion',
    name: 'EC2-VPC Elastic IPs',
    service: EC2,
    defaultLimit: 5,
    resource: 'Elastic IP',
    per: 'region',
    adjustable: true,
    groupOf: natStack,
  },
  {
    key: 'virtualPrivateGatewaysPerRegion',
    name: 'Virtual private gateways per Region',
    service: EC2,
    defaultLimit: 5,
    resource: 'virtual private gateway',
    per: 'region',
    adjustable: true,
    groupOf: vpnStack,
  },
  {
    key: 'customerGatewaysPerRegion',
    name: 'Customer gateways per Region',
    service: EC2,
    defaultLimit: 50,
    resource: 'customer gateway',
    per: 'region',
    adjustable: true,
    groupOf: vpnStack,
  },
  {
    key: 'vpnConnectionsPerRegion',
    name: 'Site-to-Site VPN connections per Region',
    service: EC2,
    defaultLimit: 50,
    resource: 'VPN connection',
    per: 'region',
    adjustable: true,
    groupOf: vpnStack,
  },
  {
    key: 'transitGatewayAttachmentsPerTransitGateway',
    name: 'Attachments per transit gateway',
    service: EC2,
    defaultLimit: 5000,
    resource: 'transit gateway attachment',
    per: 'transit-gateway',
    adjustable: false,
    groupOf: transitGatewayStack,
  },
  {
    // Past it, CreateVpcPeeringConnection fails at apply for the next peering customer.
    key: 'outstandingPeeringRequestsPerRegion',
    name: 'Outstanding VPC peering connection requests',
    service: VPC,
    defaultLimit: 25,
    resource: 'peering request awaiting acceptance',
    per: 'region',
    adjustable: true,
    groupOf: pendingPeeringStack,
  },
  {
    // IAM is global: the flow-log role of every stack (src/constructs/vpc-flow-log.ts) counts once
    // per account, in every region together. A central S3 destination needs no role.
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
    key: 'iamRolesPerAccount',
    name: 'Roles per account',
    service: 'AWS Identity and Access Management (IAM)',
    defaultLimit: 1000,
    resource: 'flow-log IAM role',
    per: 'account',
    adjustable: true,
    groupOf: everyStackInAccount,
    appliesTo: (settings) => settings.logs.flowLogDestination.type === 'cloud-watch-logs',
  },
];

/** One row of the capacity table: one quota in one region (availability zone, transit gateway). */
export interface CapacityRow {
  readonly quota: QuotaKey;
  /** AWS's name of the quota. */
  readonly name: string;
  readonly region: string;
  /** For `natGatewaysPerAvailabilityZone`: the zone the NAT gateways are created in. */
  readonly availabilityZone?: string;
  /** For `transitGatewayAttachmentsPerTransitGateway`: the transit gateway. */
  readonly transitGatewayId?: string;
  /** How many the fleet's stacks create. */
  readonly count: number;
  readonly limit: number;
  /** Where the limit comes from: `default` (AWS's default quota), `quotas.<region>` or `quotas.*`. */
  readonly limitFrom: string;
  /** `count > limit`. */
  readonly over: boolean;
}

/** A file whose resource is past the limit: its place in the group (in file order) and the row. */
export interface Crossing {
  readonly row: CapacityRow;
  readonly definition: QuotaDefinition;
  /** 1-based place of this file's resource in the group, in file order (> row.limit). */
  readonly position: number;
}

export interface FleetCapacity {
  /** Every quota the fleet uses at all, by quota then region (zone, transit gateway). */
  readonly rows: readonly CapacityRow[];
  /** Per file (as shown in diagnostics): the quotas its stack crosses. */
  readonly crossings: ReadonlyMap<string, readonly Crossing[]>;
}

// Computed once per run (one FleetIndex per run) and shared by every file's rule check.
const computed = new WeakMap<FleetIndex, { settings: PlatformSettings; capacity: FleetCapacity }>();

/** The capacity table and the files that cross a quota, for one run's fleet. */
export function fleetCapacity(fleet: FleetIndex, settings: PlatformSettings): FleetCapacity {
  const hit = computed.get(fleet);
  if (hit && hit.settings === settings) return hit.capacity;
  const capacity = compute(fleet, settings);
  computed.set(fleet, { settings, capacity });
  return capacity;
}

function compute(fleet: FleetIndex, settings: PlatformSettings): FleetCapacity {
  const rows: CapacityRow[] = [];
  const crossings = new Map<string, Crossing[]>();
  for (const definition of QUOTAS) {
    if (definition.appliesTo && !definition.appliesTo(settings)) continue;
    const groups = [...fleet.index(`quota:${definition.key}`, definition.groupOf)].sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    for (const [group, members] of groups) {
      const region = definition.per === 'account' ? ACCOUNT : members[0].customer.region;
      const { limit, limitFrom } = limitOf(settings, region, definition);
      const row: CapacityRow = {
        quota: definition.key,
        name: definition.name,
        region,
        ...(definition.per === 'availability-zone'
          ? { availabilityZone: availabilityZonesFor(settings, region)[0] }
          : {}),
        ...(definition.per === 'transit-gateway' ? { transitGatewayId: group } : {}),
        count: members.length,
        limit,
        limitFrom,
        over: members.length > limit,
      };
      rows.push(row);
      // The files past the limit, in file order: the first `limit` fit.
      for (let i = limit; i < members.length; i++) {
        const file = members[i].file;
        const list = crossings.get(file);
        const crossing = { row, definition, position: i + 1 };
        if (list) list.push(crossing);
        else crossings.set(file, [crossing]);
      }
    }
  }
  return { rows, crossings };
}

/** The limit in `region`: `quotas.<region>`, else `quotas["*"]`, else AWS's default. */
function limitOf(
  settings: PlatformSettings,
  region: string,
  definition: QuotaDefinition,
): { limit: number; limitFrom: string } {
  const regional = settings.quotas[region]?.[definition.key];
  if (regional !== undefined) return { limit: regional, limitFrom: `quotas.${region}` };
  const everywhere = settings.quotas['*']?.[definition.key];
  if (everywhere !== undefined) return { limit: everywhere, limitFrom: 'quotas.*' };
  return { limit: definition.defaultLimit, limitFrom: 'default' };
}
