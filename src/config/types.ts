/**
 * The typed customer model: what a customer file means once it has been read, checked against the
 * schema and had its defaults applied. Everything downstream (rules, stacks, constructs, CLI) works
 * on these types; none of it sees YAML.
 *
 * This module never imports cdktf: config stays portable if the synthesis engine changes.
 */

export type Plan = 'enterprise' | 'team';
export type AddOn = 'onprem-connectivity';
export type Routing = 'bgp' | 'static';
export type IkeVersion = 'ikev1' | 'ikev2';
export type DpdTimeoutAction = 'clear' | 'none' | 'restart';
export type StartupAction = 'add' | 'start';
export type Phase1Encryption = 'AES128' | 'AES256' | 'AES128-GCM-16' | 'AES256-GCM-16';
export type Integrity = 'SHA1' | 'SHA2-256' | 'SHA2-384' | 'SHA2-512';

/** An inclusive TCP port range; a single port has `from === to`. */
export interface PortRange {
  readonly from: number;
  readonly to: number;
}

export interface VpcPeeringPeer {
  /** 12-digit AWS account id of the customer, as a string (leading zeros matter). */
  readonly accountId: string;
  /** The customer's VPC id (`vpc-` + 8 or 17 hex digits). */
  readonly vpcId: string;
  /** Region of the customer's VPC. */
  readonly region: string;
  /** Every CIDR associated with the customer VPC. */
  readonly cidrs: readonly string[];
}

export interface VpcPeeringConnectivity {
  readonly type: 'vpc-peering';
  readonly peer: VpcPeeringPeer;
  /** Destinations the vendor routes through the peering. Defaulted to `peer.cidrs`. */
  readonly routes: readonly string[];
  /** TCP ports the connectors may reach; `undefined` means every TCP port (1-65535). */
  readonly allowedTcpPorts?: readonly PortRange[];
  /** The customer accepted the peering request. Default false. */
  readonly accepted: boolean;
  /** Requester-side DNS resolution of the peer's private hostnames. Default false. */
  readonly dnsResolution: boolean;
}

export interface PhaseOptions {
  readonly lifetimeSeconds?: number;
  readonly encryption?: readonly Phase1Encryption[];
  readonly integrity?: readonly Integrity[];
  readonly dhGroups?: readonly number[];
}

/** Expert tunnel settings, applied to both tunnels. Anything left out keeps AWS's default. */
export interface TunnelOptions {
  /** Exactly two /30s in 169.254.0.0/16: tunnel 1, tunnel 2. */
  readonly insideCidrs?: readonly [string, string];
  readonly phase1?: PhaseOptions;
  readonly phase2?: PhaseOptions;
  readonly rekeyMarginSeconds?: number;
  readonly dpdTimeoutSeconds?: number;
  readonly dpdTimeoutAction?: DpdTimeoutAction;
  readonly startupAction?: StartupAction;
}

export interface CustomerGateway {
  /** Public IPv4 address of the customer's VPN device. */
  readonly ip: string;
  /** The customer's BGP ASN; present exactly when routing is bgp. */
  readonly bgpAsn?: number;
  /** Device name shown in AWS. Defaulted from the customer id so no two customers share a gateway. */
  readonly deviceName: string;
}

export interface SiteToSiteVpnConnectivity {
  readonly type: 'site-to-site-vpn';
  readonly customerGateway: CustomerGateway;
  /** Default `bgp`. */
  readonly routing: Routing;
  /** Customer networks. Required (>= 1) for static routing; may be empty for bgp. */
  readonly cidrs: readonly string[];
  /** Default 2. */
  readonly tunnels: 1 | 2;
  /** Default `ikev2`. */
  readonly ikeVersion: IkeVersion;
  /** TCP ports the connectors may reach; `undefined` means every TCP port. */
  readonly allowedTcpPorts?: readonly PortRange[];
  /** Default false. */
  readonly natGateway: boolean;
  /** Vendor-side (virtual private gateway) ASN. Defaulted from platform settings. */
  readonly amazonSideAsn: number;
  readonly tunnelOptions?: TunnelOptions;
}

export interface TransitGateway {
  /** The customer's transit gateway (`tgw-` + 17 hex digits). */
  readonly id: string;
  /** 12-digit AWS account id owning the transit gateway (and the RAM share). */
  readonly accountId: string;
  /** ARN of the AWS RAM resource share that shares the transit gateway with the vendor account. */
  readonly resourceShareArn: string;
}

export interface TransitGatewayConnectivity {
  readonly type: 'transit-gateway';
  readonly transitGateway: TransitGateway;
  /** Customer networks reached through the transit gateway (one route each once accepted). */
  readonly cidrs: readonly string[];
  /** TCP ports the connectors may reach; `undefined` means every TCP port (1-65535). */
  readonly allowedTcpPorts?: readonly PortRange[];
  /** The customer accepted the attachment. Default false. */
  readonly accepted: boolean;
}

export type Connectivity = VpcPeeringConnectivity | SiteToSiteVpnConnectivity | TransitGatewayConnectivity;

/** A validated customer with every default applied. */
export interface Customer {
  /** Stack name and state key. Immutable. */
  readonly id: string;
  readonly name: string;
  readonly orgId: string;
  readonly plan: Plan;
  readonly addOns: readonly AddOn[];
  /** The vendor VPC's region: `region`, or `peer.region` when `region` is left out. */
  readonly region: string;
  /** The vendor VPC's CIDR. Defaulted from platform settings. */
  readonly vendorCidr: string;
  /** Plan the destruction of this customer's stack. Default false. */
  readonly decommission: boolean;
  readonly connectivity: Connectivity;
}

/** A customer together with where it came from (for diagnostics and change detection). */
export interface LoadedCustomer {
  /** Path of the file, as given to the loader (relative to the working directory when possible). */
  readonly file: string;
  readonly customer: Customer;
}
