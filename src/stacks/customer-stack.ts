import * as path from 'path';
import { TerraformOutput, TerraformStack, type TerraformElement } from 'cdktf';
import type { Construct, Node } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { vpnConnectorDestinations } from '../config/connector-destinations';
import { availabilityZonesFor, type PlatformSettings } from '../config/settings';
import { customerGatewayAsn } from '../constructs/site-to-site-vpn';
import type { VpcFlowLogDestination } from '../constructs/vpc-flow-log';
import type { Customer } from '../config/types';
import { NatGateway } from '../constructs/nat-gateway';
import { SiteToSiteVpn } from '../constructs/site-to-site-vpn';
import { TransitGatewayAttachment } from '../constructs/transit-gateway-attachment';
import { VendorVpc } from '../constructs/vendor-vpc';
import { VpcPeering } from '../constructs/vpc-peering';
import { addBackend } from './backend-block';
import { stackBackendSettings } from './terraform-block';

export interface CustomerStackProps {
  /** The validated customer, defaults applied. */
  readonly customer: Customer;
  /** Platform settings: availability zones, common tags, state backend. */
  readonly settings: PlatformSettings;
  /** Output directory of the app; the stack's working directory is `<outdir>/stacks/<id>`. @default 'cdktf.out' */
  readonly outdir?: string;
  /** Project root that relative state directories refer to. @default process.cwd() */
  readonly projectDir?: string;
  /**
   * Offline: local state under `offlineStateDir` whatever the settings say, and a provider that calls
   * no AWS API before it has something to create (credentials come from the environment). @default false
   */
  readonly offline?: boolean;
  /** Directory of offline state, relative to the project. @default '.linkforge/offline-state' */
  readonly offlineStateDir?: string;
}

/**
 * One customer's stack (stack name = customer id): an AWS provider for the vendor region with the
 * platform's default tags, the customer's state backend, the vendor VPC and exactly one
 * connectivity construct.
 *
 * Terraform addresses are the construct path below the stack joined with `_` (no hash): every id
 * is a fixed literal or derived from a value (a CIDR), and docs/stacks.md lists them. They are a
 * contract: renaming one destroys and recreates real infrastructure.
 */
export class CustomerStack extends TerraformStack {
  public readonly customer: Customer;
  /** The vendor VPC; undefined when the customer is decommissioned (the stack declares nothing). */
  public readonly vpc?: VendorVpc;

  constructor(scope: Construct, props: CustomerStackProps) {
    const { customer, settings } = props;
    super(scope, customer.id);
    this.customer = customer;
    const id = customer.id;

    new AwsProvider(this, 'aws', {
      region: customer.region,
      defaultTags: [{ tags: defaultTags(customer, settings) }],
      ...(props.offline ? OFFLINE_PROVIDER_FLAGS : {}),
    });
    // cdktf writes the legacy shorthand `source = "aws"`; the full address keeps the generated
    // Terraform plain and unambiguous for any Terraform (or OpenTofu) reading it without cdktf.
    this.addOverride('terraform.required_providers.aws.source', 'hashicorp/aws');

    const stackDir = path.join(props.outdir ?? 'cdktf.out', 'stacks', id);
    const backendOpts = { stackDir, projectDir: props.projectDir };
    addBackend(this, id, stackBackendSettings(settings.backend, props), backendOpts);

    // Decommissioned: the stack keeps its provider and state backend but declares nothing, so a
    // plan (with or without -destroy) and `cdktf deploy <id>` both destroy everything the state
    // holds. Deploying never re-creates a customer whose file says it is going away.
    if (customer.decommission) return;

    const azs = availabilityZonesFor(settings, customer.region);
    const logKmsKeyArn = settings.logs.kmsKeyArns[customer.region];
    this.vpc = new VendorVpc(this, 'vendor-vpc', {
      cidr: customer.vendorCidr,
      availabilityZones: azs,
      name: id,
      flowLogDestination: flowLogDestination(settings, customer.region),
    });
    // Output names are a contract (docs/stacks.md): the handoff and status commands read them.
    const output = (name: string, value: unknown, description: string) =>
      new TerraformOutput(this, name, { value, description });
    output('vendor_cidr', this.vpc.vpc.cidrBlock, 'CIDR of the vendor VPC');
    output('vendor_vpc_id', this.vpc.vpc.id, 'The vendor VPC (vpc-...)');
    output('vendor_region', customer.region, 'Region of the vendor VPC');

    const c = customer.connectivity;
    if (c.type === 'vpc-peering') {
      const peering = new VpcPeering(this, 'vpc-peering', {
        vpc: this.vpc,
        peerAccountId: c.peer.accountId,
        peerVpcId: c.peer.vpcId,
        peerRegion: c.peer.region,
        routes: c.routes,
        allowedTcpPorts: c.allowedTcpPorts,
      });
      output(
        'vpc_peering_connection_id',
        peering.connection.id,
        'The peering request the customer accepts (pcx-...)',
      );
      output('peer_account_id', peering.connection.peerOwnerId, "The customer's AWS account (the accepter)");
      output('peer_vpc_id', peering.connection.peerVpcId, "The customer's VPC");
      output('peer_region', peering.connection.peerRegion, "Region of the customer's VPC");
    } else if (c.type === 'transit-gateway') {
      const tgw = new TransitGatewayAttachment(this, 'transit-gateway', {
        vpc: this.vpc,
        transitGatewayId: c.transitGateway.id,
        resourceShareArn: c.transitGateway.resourceShareArn,
        cidrs: c.cidrs,
        allowedTcpPorts: c.allowedTcpPorts,
        accepted: c.accepted,
      });
      new TerraformOutput(this, 'transit_gateway_id', {
        value: tgw.attachment.transitGatewayId,
        description: "The customer's transit gateway the vendor VPC is attached to (tgw-...)",
      });
      new TerraformOutput(this, 'transit_gateway_attachment_id', {
        value: tgw.attachment.id,
        description: 'The attachment the customer accepts, associates and propagates (tgw-attach-...)',
      });
      new TerraformOutput(this, 'resource_share_arn', {
        value: tgw.shareAccepter.shareArn,
        description: 'The AWS RAM resource share the vendor account accepted',
      });
    } else {
      const vpn = new SiteToSiteVpn(this, 'site-to-site-vpn', {
        vpc: this.vpc,
        customerGateway: c.customerGateway,
        routing: c.routing,
        cidrs: c.cidrs,
        tunnels: c.tunnels,
        ikeVersion: c.ikeVersion,
        amazonSideAsn: c.amazonSideAsn,
        tunnelOptions: c.tunnelOptions,
        logRetentionDays: settings.logs.retentionDays,
        logKmsKeyArn,
        alarmActions: alarmActionsFor(settings, customer.region),
        connectorDestinations: vpnConnectorDestinations(c),
        allowedTcpPorts: c.allowedTcpPorts,
      });
      const conn = vpn.connection;
      output('vpn_connection_id', conn.id, 'The site-to-site VPN connection (vpn-...)');
      output(
        'tunnel_outside_addresses',
        vpn.tunnelAddresses,
        'AWS-side outside IP address of each tunnel the customer configures',
      );
      output(
        'preshared_key_secret_arn',
        conn.presharedKeyArn,
        'AWS Secrets Manager secret holding the tunnels pre-shared keys (a reference, never the keys)',
      );
      output('customer_gateway_id', vpn.customerGateway.id, 'The customer gateway (cgw-...)');
      output(
        'amazon_side_asn',
        vpn.vpnGateway.amazonSideAsn,
        'BGP ASN of the AWS side (virtual private gateway)',
      );
      if (c.routing === 'bgp') {
        const asn = customerGatewayAsn(c.customerGateway.bgpAsn);
        output(
          'customer_bgp_asn',
          asn.bgpAsnExtended !== undefined ? vpn.customerGateway.bgpAsnExtended : vpn.customerGateway.bgpAsn,
          "The customer's BGP ASN, as the customer gateway has it",
        );
      }
      output('vpn_log_group_name', vpn.logGroup.name, 'CloudWatch Logs log group of both tunnels');
      const tunnels = [
        {
          outside: conn.tunnel1Address,
          cidr: conn.tunnel1InsideCidr,
          cgw: conn.tunnel1CgwInsideAddress,
          vgw: conn.tunnel1VgwInsideAddress,
        },
        {
          outside: conn.tunnel2Address,
          cidr: conn.tunnel2InsideCidr,
          cgw: conn.tunnel2CgwInsideAddress,
          vgw: conn.tunnel2VgwInsideAddress,
        },
      ].slice(0, c.tunnels);
      tunnels.forEach((t, i) => {
        const n = i + 1;
        output(`tunnel${n}_outside_address`, t.outside, `Tunnel ${n}: AWS-side outside IP address`);
        output(`tunnel${n}_inside_cidr`, t.cidr, `Tunnel ${n}: inside /30 (169.254.x.x)`);
        output(
          `tunnel${n}_customer_inside_address`,
          t.cgw,
          `Tunnel ${n}: inside address of the customer's device (customer gateway side)`,
        );
        output(
          `tunnel${n}_aws_inside_address`,
          t.vgw,
          `Tunnel ${n}: inside address of the AWS side (BGP peer)`,
        );
      });
      if (c.natGateway) {
        const nat = new NatGateway(this, 'nat-gateway', { vpc: this.vpc, availabilityZone: azs[0] });
        output('nat_public_ip', nat.eip.publicIp, 'Public address of non-VPN egress (for allow-lists)');
      }
    }
  }

  /**
   * Readable Terraform addresses: `aws_vpc.vendor-vpc_vpc` rather than cdktf's default
   * `aws_vpc.vendor-vpc_vpc_1A2B3C4D`. Unique because construct ids are unique among siblings and
   * contain no `_` (checked here).
   */
  protected allocateLogicalId(tfElement: TerraformElement | Node): string {
    const node: Node = 'node' in tfElement ? tfElement.node : tfElement;
    const components = node.scopes
      .slice(node.scopes.indexOf(this) + 1)
      .map((c) => c.node.id)
      .filter((cid) => cid !== 'Default');
    if (components.length > 1) {
      const bad = components.find((cid) => cid.includes('_'));
      if (bad !== undefined) throw new Error(`construct id '${bad}' at ${node.path} contains '_'`);
    }
    return components.join('_');
  }
}

/**
 * Provider flags for offline plans: no STS call to check credentials or find the account id, no
 * instance metadata lookup, no region list check. A plan of a new customer then needs no AWS
 * account; the runner sets placeholder credentials in the environment, never in the JSON.
 */
export const OFFLINE_PROVIDER_FLAGS = {
  skipCredentialsValidation: true,
  skipRequestingAccountId: true,
  // A string in the provider schema (it also accepts the IMDS endpoint mode).
  skipMetadataApiCheck: 'true',
  skipRegionValidation: true,
} as const;

/** The flow-log destination of a stack in `region`, from the platform settings. */
export function flowLogDestination(settings: PlatformSettings, region: string): VpcFlowLogDestination {
  const d = settings.logs.flowLogDestination;
  if (d.type === 's3') return d;
  const kmsKeyArn = settings.logs.kmsKeyArns[region];
  return {
    type: 'cloud-watch-logs',
    retentionDays: settings.logs.retentionDays,
    ...(kmsKeyArn ? { kmsKeyArn } : {}),
  };
}

/** The alarm topics of `region`: a CloudWatch alarm can only notify an SNS topic of its own region. */
function alarmActionsFor(settings: PlatformSettings, region: string): string[] {
  return settings.alarmTopicArns.filter((arn) => arn.split(':')[3] === region);
}

/** Platform tags, then the ones that identify the customer (which settings cannot override). */
function defaultTags(customer: Customer, settings: PlatformSettings): Record<string, string> {
  return {
    ...settings.tags,
    'customer-id': customer.id,
    'org-id': customer.orgId,
    'managed-by': 'linkforge',
  };
}
