/**
 * The typed customer model: what a customer file means once it has been read, checked against the
 * schema and had its defaults applied. Everything downstream (rules, stacks, constructs, CLI) works
 * on these types; none of it sees YAML.
 *
 * Derived from the schema (./schema.ts) wherever the model is the document: the enums and the
 * shapes of each part are the schema's, and only what normalizing changes is written here (which
 * optional fields get a default, ports parsed into ranges, the two inside CIDRs as a pair).
 *
 * This module never imports cdktf: config stays portable if the synthesis engine changes.
 */
import type { Defaulted } from './schema/builder';
import type {
  ADD_ONS,
  CustomerDocument,
  PhaseDocument,
  SiteToSiteVpnDocument,
  TIERS,
  TransitGatewayDocument,
  TunnelOptionsDocument,
  VpcPeeringDocument,
} from './schema';
import type {
  DPD_TIMEOUT_ACTIONS,
  ENCRYPTION_ALGORITHMS,
  IKE_VERSIONS,
  INTEGRITY_ALGORITHMS,
  ROUTINGS,
  STARTUP_ACTIONS,
} from './schema/vpn';

/** The customer's commercial tier, written as the file's `plan` key. */
export type Tier = (typeof TIERS)[number];
export type AddOn = (typeof ADD_ONS)[number];
export type Routing = (typeof ROUTINGS)[number];
export type IkeVersion = (typeof IKE_VERSIONS)[number];
export type DpdTimeoutAction = (typeof DPD_TIMEOUT_ACTIONS)[number];
export type StartupAction = (typeof STARTUP_ACTIONS)[number];
export type EncryptionAlgorithm = (typeof ENCRYPTION_ALGORITHMS)[number];
export type IntegrityAlgorithm = (typeof INTEGRITY_ALGORITHMS)[number];

/** An inclusive TCP port range; a single port has `from === to`. */
export interface PortRange {
  readonly from: number;
  readonly to: number;
}

/** `allowedTcpPorts` parsed: `undefined` means every TCP port (1-65535). */
interface WithPorts {
  readonly allowedTcpPorts?: readonly PortRange[];
}

/** The customer's side of a peering: account, VPC id, region and every CIDR of the VPC. */
export type VpcPeeringPeer = VpcPeeringDocument['peer'];

/** VPC peering; `routes` defaults to `peer.cidrs`, `accepted` and `dnsResolution` to false. */
export type VpcPeeringConnectivity = Defaulted<
  Omit<VpcPeeringDocument, 'allowedTcpPorts'>,
  'routes' | 'accepted' | 'dnsResolution'
> &
  WithPorts;

export type PhaseOptions = PhaseDocument;

/** Expert tunnel settings, applied to both tunnels. Anything left out keeps AWS's default. */
export type TunnelOptions = Omit<TunnelOptionsDocument, 'insideCidrs'> & {
  /** Exactly two /30s in 169.254.0.0/16: tunnel 1, tunnel 2. */
  readonly insideCidrs?: readonly [string, string];
};

/** The customer's VPN device; `deviceName` defaults from the customer id (never shared). */
export type CustomerGateway = Defaulted<SiteToSiteVpnDocument['customerGateway'], 'deviceName'>;

/**
 * Site-to-site VPN with its defaults: routing bgp, 2 tunnels, ikev2, no NAT gateway, the
 * platform's amazonSideAsn; `cidrs` may be empty for bgp.
 */
export type SiteToSiteVpnConnectivity = Defaulted<
  Omit<SiteToSiteVpnDocument, 'allowedTcpPorts' | 'customerGateway' | 'tunnelOptions'>,
  'routing' | 'cidrs' | 'tunnels' | 'ikeVersion' | 'natGateway' | 'amazonSideAsn'
> &
  WithPorts & {
    readonly customerGateway: CustomerGateway;
    readonly tunnelOptions?: TunnelOptions;
  };

/** The customer's transit gateway: id, owning account and the RAM share. */
export type TransitGateway = TransitGatewayDocument['transitGateway'];

/** Transit gateway attachment; `accepted` defaults to false. */
export type TransitGatewayConnectivity = Defaulted<
  Omit<TransitGatewayDocument, 'allowedTcpPorts'>,
  'accepted'
> &
  WithPorts;

export type Connectivity = VpcPeeringConnectivity | SiteToSiteVpnConnectivity | TransitGatewayConnectivity;

/**
 * A validated customer with every default applied. `region` is `region`, or `peer.region` when a
 * peering leaves it out; `vendorCidr` defaults from the platform settings; `tier` is the file's
 * `plan` key.
 */
export type Customer = Defaulted<
  Omit<CustomerDocument, 'plan' | 'connectivity'>,
  'addOns' | 'region' | 'vendorCidr' | 'decommission'
> & {
  readonly tier: Tier;
  readonly connectivity: Connectivity;
};

/** A customer together with where it came from (for diagnostics and change detection). */
export interface LoadedCustomer {
  /** Path of the file, as given to the loader (relative to the working directory when possible). */
  readonly file: string;
  readonly customer: Customer;
}
