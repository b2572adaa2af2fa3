import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CustomerGateway as AwsCustomerGateway } from '@cdktf/provider-aws/lib/customer-gateway';
import { VpnConnection, type VpnConnectionConfig } from '@cdktf/provider-aws/lib/vpn-connection';
import { VpnConnectionRoute } from '@cdktf/provider-aws/lib/vpn-connection-route';
import { VpnGateway } from '@cdktf/provider-aws/lib/vpn-gateway';
import { VpnGatewayAttachment } from '@cdktf/provider-aws/lib/vpn-gateway-attachment';
import { VpnGatewayRoutePropagation } from '@cdktf/provider-aws/lib/vpn-gateway-route-propagation';
import type { CustomerGateway, IkeVersion, PortRange, Routing, TunnelOptions } from '../config/types';
import { ConnectorSecurityGroup } from './connector-security-group';
import { PRIVATE_RANGES } from '../config/connector-destinations';
import { STATIC_ROUTING_CUSTOMER_GATEWAY_ASN } from '../config/vpn-constants';
import { cidrId, distinct } from './ids';
import { TunnelAlarms } from './tunnel-alarms';
import type { VendorVpc } from './vendor-vpc';

/** Largest ASN that fits `bgp_asn`; larger (4-byte) ASNs go to `bgp_asn_extended`. */
export const MAX_BGP_ASN = 2147483647;

export { STATIC_ROUTING_CUSTOMER_GATEWAY_ASN };

export interface SiteToSiteVpnProps {
  /** The vendor VPC the virtual private gateway is attached to. */
  readonly vpc: VendorVpc;
  /** The customer's VPN device: public IP, BGP ASN (bgp routing only) and device name. */
  readonly customerGateway: CustomerGateway;
  /** `bgp` (dynamic) or `static` routing. @default 'bgp' */
  readonly routing?: Routing;
  /** Customer networks; one static route each when routing is static. @default [] */
  readonly cidrs?: readonly string[];
  /** Tunnels the customer configures and the platform monitors (AWS always builds two). @default 2 */
  readonly tunnels?: 1 | 2;
  /** IKE version allowed on both tunnels. @default 'ikev2' */
  readonly ikeVersion?: IkeVersion;
  /** Vendor-side ASN of the virtual private gateway. */
  readonly amazonSideAsn: number;
  /** Expert tunnel settings applied to both tunnels. @default - AWS's defaults */
  readonly tunnelOptions?: TunnelOptions;
  /** Days the tunnel log group keeps the logs. @default 365 */
  readonly logRetentionDays?: number;
  /** Customer-managed KMS key of the tunnel log group. @default - CloudWatch Logs' own encryption */
  readonly logKmsKeyArn?: string;
  /** SNS topic ARNs (in the stack's region) notified by the tunnel alarms. @default [] */
  readonly alarmActions?: readonly string[];
  /**
   * Destinations the connector security group allows.
   * @default - `cidrs`, or 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 and 100.64.0.0/10 without any
   */
  readonly connectorDestinations?: readonly string[];
  /** TCP ports the connectors may reach. @default - all TCP ports */
  readonly allowedTcpPorts?: readonly PortRange[];
}

/**
 * Site-to-site VPN from the vendor VPC to a customer's device: a virtual private gateway attached
 * to the VPC, a customer gateway, a VPN connection whose pre-shared keys AWS generates and keeps in
 * AWS Secrets Manager, static routes when routing is static, route propagation into the private
 * route table, a CloudWatch alarm per monitored tunnel, and the tunnel logs (IKE and tunnel state,
 * both tunnels) in a CloudWatch Logs log group of the customer.
 *
 * Pre-shared keys never pass through this code, the synthesized JSON or the repository:
 * `preshared_key_storage = "SecretsManager"` makes AWS generate them and store them in a secret
 * whose ARN (`preshared_key_arn`) is the only reference the stack exposes.
 */
export class SiteToSiteVpn extends Construct {
  public readonly vpnGateway: VpnGateway;
  public readonly customerGateway: AwsCustomerGateway;
  public readonly connection: VpnConnection;
  /** Outside addresses of the monitored tunnels (tunnel 1 first). */
  public readonly tunnelAddresses: readonly string[];
  public readonly alarms: TunnelAlarms;
  /** Log group of both tunnels' logs (`/linkforge/<name>/vpn-tunnels`). */
  public readonly logGroup: CloudwatchLogGroup;
  /** The connectors' security group: egress only, TCP, to the customer's networks. */
  public readonly connectorSecurityGroup: ConnectorSecurityGroup;

  constructor(scope: Construct, id: string, props: SiteToSiteVpnProps) {
    super(scope, id);
    const { vpc } = props;
    const routing = props.routing ?? 'bgp';
    const tunnels = props.tunnels ?? 2;

    this.vpnGateway = new VpnGateway(this, 'vpn-gateway', {
      amazonSideAsn: String(props.amazonSideAsn),
      tags: { Name: vpc.name },
    });
    // A separate attachment (not `vpc_id` on the gateway) so that detaching and reattaching is an
    // explicit, reviewable change.
    const attachment = new VpnGatewayAttachment(this, 'vpn-gateway-attachment', {
      vpcId: vpc.vpc.id,
      vpnGatewayId: this.vpnGateway.id,
    });

    this.customerGateway = new AwsCustomerGateway(this, 'customer-gateway', {
      type: 'ipsec.1',
      ipAddress: props.customerGateway.ip,
      deviceName: props.customerGateway.deviceName,
      ...customerGatewayAsn(routing === 'bgp' ? props.customerGateway.bgpAsn : undefined),
      tags: { Name: props.customerGateway.deviceName },
      // A changed IP, ASN or device name replaces the gateway. Delete-then-create fails: AWS refuses
      // to delete a customer gateway a VPN connection still uses (IncorrectState). Created first, the
      // new gateway is swapped into the connection in place (`customer_gateway_id` is updatable:
      // ModifyVpnConnection keeps the AWS-side tunnel addresses, options and keys), and the old one
      // is deleted last. https://github.com/terraform-aws-modules/terraform-aws-vpn-gateway/issues/69
      lifecycle: { createBeforeDestroy: true },
    });

    // Logged whatever `tunnels` says: AWS builds tunnel 2 anyway, and its log tells why it is down.
    this.logGroup = new CloudwatchLogGroup(this, 'tunnel-log-group', {
      name: `/linkforge/${vpc.name}/vpn-tunnels`,
      retentionInDays: props.logRetentionDays ?? 365,
      ...(props.logKmsKeyArn ? { kmsKeyId: props.logKmsKeyArn } : {}),
      tags: { Name: `${vpc.name}-vpn-tunnels` },
    });
    const logOptions = {
      cloudwatchLogOptions: { logEnabled: true, logGroupArn: this.logGroup.arn, logOutputFormat: 'json' },
    };

    this.connection = new VpnConnection(this, 'vpn-connection', {
      type: 'ipsec.1',
      vpnGatewayId: this.vpnGateway.id,
      customerGatewayId: this.customerGateway.id,
      staticRoutesOnly: routing === 'static',
      presharedKeyStorage: 'SecretsManager',
      ...tunnelSettings(1, props.ikeVersion ?? 'ikev2', props.tunnelOptions),
      ...tunnelSettings(2, props.ikeVersion ?? 'ikev2', props.tunnelOptions),
      // Changing log options on a deployed connection is ModifyVpnTunnelOptions, one tunnel at a
      // time: each tunnel is briefly unavailable while the other carries the traffic.
      tunnel1LogOptions: logOptions,
      tunnel2LogOptions: logOptions,
      tags: { Name: vpc.name },
    });

    if (routing === 'static') {
      for (const cidr of distinct(props.cidrs ?? [])) {
        new VpnConnectionRoute(this, `route-${cidrId(cidr)}`, {
          vpnConnectionId: this.connection.id,
          destinationCidrBlock: cidr,
        });
      }
    }

    // The virtual private gateway propagates both BGP-learned routes and the connection's static
    // routes, so one propagation serves both routing modes. It needs the gateway attached.
    new VpnGatewayRoutePropagation(this, 'route-propagation', {
      vpnGatewayId: this.vpnGateway.id,
      routeTableId: vpc.privateRouteTable.id,
      dependsOn: [attachment],
    });

    // The same group as a peering's: no ingress, egress only to destinations × ports (spec v1.1).
    this.connectorSecurityGroup = new ConnectorSecurityGroup(this, 'connector-security-group', {
      vpcId: vpc.vpc.id,
      destinations:
        props.connectorDestinations ?? ((props.cidrs ?? []).length > 0 ? props.cidrs! : PRIVATE_RANGES),
      allowedTcpPorts: props.allowedTcpPorts,
      name: vpc.name,
    });

    // With `tunnels: 1` AWS still builds tunnel 2 (it cannot be left out); the customer configures
    // tunnel 1 only, so only tunnel 1 is monitored and reported.
    const addresses = [this.connection.tunnel1Address, this.connection.tunnel2Address];
    this.tunnelAddresses = addresses.slice(0, tunnels);
    this.alarms = new TunnelAlarms(this, 'tunnel-alarms', {
      tunnelAddresses: this.tunnelAddresses,
      name: vpc.name,
      actions: props.alarmActions,
    });
  }
}

/** `bgp_asn` up to 2147483647, `bgp_asn_extended` above (AWS's split); 65000 for static routing. */
export function customerGatewayAsn(bgpAsn: number | undefined): { bgpAsn?: string; bgpAsnExtended?: string } {
  const asn = bgpAsn ?? STATIC_ROUTING_CUSTOMER_GATEWAY_ASN;
  return asn > MAX_BGP_ASN ? { bgpAsnExtended: String(asn) } : { bgpAsn: String(asn) };
}

type TunnelConfig = Partial<VpnConnectionConfig>;

/**
 * The `tunnel<n>_*` arguments for one tunnel. Options left out are left out of the JSON too, so
 * AWS's defaults apply (and a later AWS default change is not fought by Terraform). Lists are
 * sorted: they are sets for AWS, and a reordering in the customer file must not show as a change.
 */
function tunnelSettings(n: 1 | 2, ikeVersion: IkeVersion, o: TunnelOptions = {}): TunnelConfig {
  const nums = (v?: readonly number[]) => (v ? [...v].sort((a, b) => a - b) : undefined);
  const strs = (v?: readonly string[]) => (v ? [...v].sort() : undefined);
  const settings = {
    ikeVersions: [ikeVersion],
    insideCidr: o.insideCidrs?.[n - 1],
    phase1LifetimeSeconds: o.phase1?.lifetimeSeconds,
    phase1EncryptionAlgorithms: strs(o.phase1?.encryption),
    phase1IntegrityAlgorithms: strs(o.phase1?.integrity),
    phase1DhGroupNumbers: nums(o.phase1?.dhGroups),
    phase2LifetimeSeconds: o.phase2?.lifetimeSeconds,
    phase2EncryptionAlgorithms: strs(o.phase2?.encryption),
    phase2IntegrityAlgorithms: strs(o.phase2?.integrity),
    phase2DhGroupNumbers: nums(o.phase2?.dhGroups),
    rekeyMarginTimeSeconds: o.rekeyMarginSeconds,
    dpdTimeoutSeconds: o.dpdTimeoutSeconds,
    dpdTimeoutAction: o.dpdTimeoutAction,
    startupAction: o.startupAction,
  };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(settings)) {
    if (v !== undefined) out[`tunnel${n}${k[0].toUpperCase()}${k.slice(1)}`] = v;
  }
  return out as TunnelConfig;
}
