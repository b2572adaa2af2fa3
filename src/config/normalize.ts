/**
 * From a schema-valid document to the typed `Customer` with every default applied. Pure: the
 * defaults come from the spec and from the platform settings, nothing is looked up.
 *
 * It trusts the schema (types, enums, syntax) and checks nothing itself: arithmetic and
 * cross-field checks are the rules' job, and they run on the result of this function.
 */
import type {
  CustomerDocument,
  PhaseDocument,
  SiteToSiteVpnDocument,
  TransitGatewayDocument,
  TunnelOptionsDocument,
  VpcPeeringDocument,
} from './schema';
import type { PlatformSettings } from './settings';
import type {
  Customer,
  PhaseOptions,
  PortRange,
  SiteToSiteVpnConnectivity,
  TransitGatewayConnectivity,
  TunnelOptions,
  VpcPeeringConnectivity,
} from './types';

/**
 * The customer gateway's default device name. Derived from the id, which is unique, so no two
 * customers end up with the same device name in AWS (`linkforge-acme-corp`).
 */
export function defaultDeviceName(id: string): string {
  return `linkforge-${id}`;
}

/** `443` → 443-443, `"5432-5433"` → 5432-5433 (the schema guarantees one of these two forms). */
export function parsePort(entry: number | string): PortRange {
  if (typeof entry === 'number') return { from: entry, to: entry };
  const [from, to] = entry.split('-').map(Number);
  return { from, to };
}

export function normalize(doc: CustomerDocument, settings: PlatformSettings): Customer {
  const connectivity =
    doc.connectivity.type === 'vpc-peering'
      ? normalizePeering(doc.connectivity)
      : doc.connectivity.type === 'transit-gateway'
        ? normalizeTransitGateway(doc.connectivity)
        : normalizeVpn(doc, doc.connectivity, settings);
  return {
    id: doc.id,
    name: doc.name,
    // UUIDs are case-insensitive (RFC 4122); one spelling keeps uniqueness checks and tags honest.
    orgId: doc.orgId.toLowerCase(),
    // The file's `plan` key is the commercial tier ("plan" in code means a Terraform plan).
    tier: doc.plan,
    addOns: [...(doc.addOns ?? [])],
    // The vendor VPC sits in `region`, or next to the customer's VPC when a peering leaves it out.
    // A VPN or transit gateway without a region is an error (a rule reports it); the empty string
    // never reaches a stack.
    region: doc.region ?? (doc.connectivity.type === 'vpc-peering' ? doc.connectivity.peer.region : ''),
    vendorCidr: doc.vendorCidr ?? settings.defaultVendorCidr,
    decommission: doc.decommission ?? false,
    connectivity,
  };
}

function normalizePeering(c: VpcPeeringDocument): VpcPeeringConnectivity {
  return {
    type: 'vpc-peering',
    peer: {
      accountId: c.peer.accountId,
      vpcId: c.peer.vpcId,
      region: c.peer.region,
      cidrs: [...c.peer.cidrs],
    },
    routes: [...(c.routes ?? c.peer.cidrs)],
    // Absent means every TCP port; the stacks decide how to express that.
    ...(c.allowedTcpPorts ? { allowedTcpPorts: c.allowedTcpPorts.map(parsePort) } : {}),
    accepted: c.accepted ?? false,
    dnsResolution: c.dnsResolution ?? false,
  };
}

function normalizeTransitGateway(c: TransitGatewayDocument): TransitGatewayConnectivity {
  return {
    type: 'transit-gateway',
    transitGateway: {
      id: c.transitGateway.id,
      accountId: c.transitGateway.accountId,
      resourceShareArn: c.transitGateway.resourceShareArn,
    },
    cidrs: [...c.cidrs],
    ...(c.allowedTcpPorts ? { allowedTcpPorts: c.allowedTcpPorts.map(parsePort) } : {}),
    accepted: c.accepted ?? false,
  };
}

function normalizeVpn(
  doc: CustomerDocument,
  c: SiteToSiteVpnDocument,
  settings: PlatformSettings,
): SiteToSiteVpnConnectivity {
  return {
    type: 'site-to-site-vpn',
    customerGateway: {
      ip: c.customerGateway.ip,
      ...(c.customerGateway.bgpAsn !== undefined ? { bgpAsn: c.customerGateway.bgpAsn } : {}),
      deviceName: c.customerGateway.deviceName ?? defaultDeviceName(doc.id),
    },
    routing: c.routing ?? 'bgp',
    cidrs: [...(c.cidrs ?? [])],
    tunnels: c.tunnels ?? 2,
    ikeVersion: c.ikeVersion ?? 'ikev2',
    ...(c.allowedTcpPorts ? { allowedTcpPorts: c.allowedTcpPorts.map(parsePort) } : {}),
    natGateway: c.natGateway ?? false,
    amazonSideAsn: c.amazonSideAsn ?? settings.defaultAmazonSideAsn,
    ...(c.tunnelOptions ? { tunnelOptions: normalizeTunnelOptions(c.tunnelOptions) } : {}),
  };
}

// Tunnel options keep AWS's defaults by being left out: only what the file says is copied.
function normalizeTunnelOptions(t: TunnelOptionsDocument): TunnelOptions {
  const out: { -readonly [K in keyof TunnelOptions]: TunnelOptions[K] } = {};
  if (t.insideCidrs) out.insideCidrs = [t.insideCidrs[0], t.insideCidrs[1]];
  if (t.phase1) out.phase1 = normalizePhase(t.phase1);
  if (t.phase2) out.phase2 = normalizePhase(t.phase2);
  if (t.rekeyMarginSeconds !== undefined) out.rekeyMarginSeconds = t.rekeyMarginSeconds;
  if (t.dpdTimeoutSeconds !== undefined) out.dpdTimeoutSeconds = t.dpdTimeoutSeconds;
  if (t.dpdTimeoutAction !== undefined) out.dpdTimeoutAction = t.dpdTimeoutAction;
  if (t.startupAction !== undefined) out.startupAction = t.startupAction;
  return out;
}

function normalizePhase(p: PhaseDocument): PhaseOptions {
  const out: { -readonly [K in keyof PhaseOptions]: PhaseOptions[K] } = {};
  if (p.lifetimeSeconds !== undefined) out.lifetimeSeconds = p.lifetimeSeconds;
  if (p.encryption) out.encryption = [...p.encryption];
  if (p.integrity) out.integrity = [...p.integrity];
  if (p.dhGroups) out.dhGroups = [...p.dhGroups];
  return out;
}
