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
  // Every field is copied as written (`...written`); only defaults and conversions are spelt out,
  // so a new optional field in the schema reaches the model with no edit here.
  const { plan, connectivity: c, ...written } = doc;
  const connectivity =
    c.type === 'vpc-peering'
      ? normalizePeering(c)
      : c.type === 'transit-gateway'
        ? normalizeTransitGateway(c)
        : normalizeVpn(doc, c, settings);
  return {
    ...written,
    // UUIDs are case-insensitive (RFC 4122); one spelling keeps uniqueness checks and tags honest.
    orgId: doc.orgId.toLowerCase(),
    // The file's `plan` key is the commercial tier ("plan" in code means a Terraform plan).
    tier: plan,
    addOns: [...(doc.addOns ?? [])],
    // The vendor VPC sits in `region`, or next to the customer's VPC when a peering leaves it out.
    // A VPN or transit gateway without a region is an error (a rule reports it); the empty string
    // never reaches a stack.
    region: doc.region ?? (c.type === 'vpc-peering' ? c.peer.region : ''),
    vendorCidr: doc.vendorCidr ?? settings.defaultVendorCidr,
    decommission: doc.decommission ?? false,
    connectivity,
  };
}

/** Absent means every TCP port; the stacks decide how to express that. */
function ports(written: readonly (number | string)[] | undefined): { allowedTcpPorts?: PortRange[] } {
  return written ? { allowedTcpPorts: written.map(parsePort) } : {};
}

function normalizePeering({ allowedTcpPorts, ...c }: VpcPeeringDocument): VpcPeeringConnectivity {
  return {
    ...c,
    peer: { ...c.peer, cidrs: [...c.peer.cidrs] },
    routes: [...(c.routes ?? c.peer.cidrs)],
    ...ports(allowedTcpPorts),
    accepted: c.accepted ?? false,
    dnsResolution: c.dnsResolution ?? false,
  };
}

function normalizeTransitGateway({
  allowedTcpPorts,
  ...c
}: TransitGatewayDocument): TransitGatewayConnectivity {
  return {
    ...c,
    transitGateway: { ...c.transitGateway },
    cidrs: [...c.cidrs],
    ...ports(allowedTcpPorts),
    accepted: c.accepted ?? false,
  };
}

function normalizeVpn(
  doc: CustomerDocument,
  { allowedTcpPorts, tunnelOptions, ...c }: SiteToSiteVpnDocument,
  settings: PlatformSettings,
): SiteToSiteVpnConnectivity {
  return {
    ...c,
    customerGateway: {
      ...c.customerGateway,
      deviceName: c.customerGateway.deviceName ?? defaultDeviceName(doc.id),
    },
    routing: c.routing ?? 'bgp',
    cidrs: [...(c.cidrs ?? [])],
    tunnels: c.tunnels ?? 2,
    ikeVersion: c.ikeVersion ?? 'ikev2',
    ...ports(allowedTcpPorts),
    natGateway: c.natGateway ?? false,
    amazonSideAsn: c.amazonSideAsn ?? settings.defaultAmazonSideAsn,
    ...(tunnelOptions ? { tunnelOptions: normalizeTunnelOptions(tunnelOptions) } : {}),
  };
}

// Tunnel options keep AWS's defaults by being left out: only what the file says is copied. A new
// tunnel option in the schema is copied as written, with no edit here.
function normalizeTunnelOptions({
  insideCidrs,
  phase1,
  phase2,
  ...rest
}: TunnelOptionsDocument): TunnelOptions {
  return {
    ...(insideCidrs ? { insideCidrs: [insideCidrs[0], insideCidrs[1]] as const } : {}),
    ...(phase1 ? { phase1: normalizePhase(phase1) } : {}),
    ...(phase2 ? { phase2: normalizePhase(phase2) } : {}),
    ...rest,
  };
}

/** A copy of the phase's settings (lists copied: the model never shares arrays with the document). */
function normalizePhase({ encryption, integrity, dhGroups, ...rest }: PhaseDocument): PhaseOptions {
  return {
    ...rest,
    ...(encryption ? { encryption: [...encryption] } : {}),
    ...(integrity ? { integrity: [...integrity] } : {}),
    ...(dhGroups ? { dhGroups: [...dhGroups] } : {}),
  };
}
