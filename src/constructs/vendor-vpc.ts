import { Construct } from 'constructs';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { formatBlock, isCanonical, parseCidr, splitBlock } from '../net/ipv4';
import { VpcFlowLog, type VpcFlowLogDestination } from './vpc-flow-log';

export interface VendorVpcProps {
  /** IPv4 CIDR of the VPC, /16 to /26, split into four equal subnets. */
  readonly cidr: string;
  /** The two availability zones of the private subnets (from platform settings, never looked up). */
  readonly availabilityZones: readonly [string, string];
  /** Prefix of every `Name` tag, e.g. the customer id. */
  readonly name: string;
  /**
   * Where the VPC flow log (all traffic) goes. Every vendor VPC has one.
   * @default - a log group of this VPC in CloudWatch Logs, kept 365 days, CloudWatch Logs' own encryption
   */
  readonly flowLogDestination?: VpcFlowLogDestination;
}

/** The four equal quarters of the vendor CIDR, in address order. */
export interface VendorSubnetCidrs {
  /** First quarter: private subnet in the first availability zone. */
  readonly privateA: string;
  /** Second quarter: private subnet in the second availability zone. */
  readonly privateB: string;
  /** Third quarter: public subnet, created only when a NAT gateway is. */
  readonly public: string;
  /** Fourth quarter: never created; room for later growth without renumbering. */
  readonly spare: string;
}

/**
 * The vendor side VPC of one customer: DNS support and hostnames on, two private subnets in the
 * settings' availability zones, and one route table for both private subnets (connectivity
 * constructs add their routes to it).
 *
 * Subnet CIDRs are computed here, not with Terraform's `cidrsubnet()`, so the plan a reviewer reads
 * shows literal ranges.
 */
export class VendorVpc extends Construct {
  /** The `aws_vpc`. */
  public readonly vpc: Vpc;
  /** Private subnets, in the order of `availabilityZones`. */
  public readonly privateSubnets: readonly [Subnet, Subnet];
  /** Route table of both private subnets. */
  public readonly privateRouteTable: RouteTable;
  /** The quarters of the VPC CIDR (the public and spare ones are not created here). */
  public readonly subnetCidrs: VendorSubnetCidrs;
  /** Prefix of `Name` tags. */
  public readonly name: string;
  /** The VPC's flow log. */
  public readonly flowLog: VpcFlowLog;

  constructor(scope: Construct, id: string, props: VendorVpcProps) {
    super(scope, id);
    this.name = props.name;
    const [a, b, pub, spare] = splitCidr(props.cidr, 4);
    this.subnetCidrs = { privateA: a, privateB: b, public: pub, spare };

    this.vpc = new Vpc(this, 'vpc', {
      cidrBlock: props.cidr,
      // Both are needed for private DNS names inside the VPC, and for the customer's hostnames to
      // resolve to private addresses over a peering once the customer allows it on their side.
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: props.name },
    });

    // AWS creates a default security group in every VPC that allows all traffic between its
    // members. Adopting it with no rules empties it, so nothing can land in a permissive group
    // by accident (CIS AWS Foundations 5.4 / Security Hub EC2.2).
    new DefaultSecurityGroup(this, 'default-security-group', {
      vpcId: this.vpc.id,
      tags: { Name: `${props.name}-default-deny` },
    });

    this.privateRouteTable = new RouteTable(this, 'private', {
      vpcId: this.vpc.id,
      tags: { Name: `${props.name}-private` },
    });

    const subnet = (sid: string, cidr: string, az: string): Subnet => {
      const s = new Subnet(this, sid, {
        vpcId: this.vpc.id,
        cidrBlock: cidr,
        availabilityZone: az,
        mapPublicIpOnLaunch: false,
        tags: { Name: `${props.name}-${sid}` },
      });
      new RouteTableAssociation(this, `${sid}-route-table`, {
        subnetId: s.id,
        routeTableId: this.privateRouteTable.id,
      });
      return s;
    };
    this.privateSubnets = [
      subnet('private-a', a, props.availabilityZones[0]),
      subnet('private-b', b, props.availabilityZones[1]),
    ];

    this.flowLog = new VpcFlowLog(this, 'flow-log', {
      vpcId: this.vpc.id,
      name: props.name,
      destination: props.flowLogDestination ?? { type: 'cloud-watch-logs', retentionDays: 365 },
    });
  }
}

/**
 * Split an IPv4 CIDR into `parts` equal, consecutive CIDRs (`parts` a power of two).
 * Throws when the CIDR is malformed, not a network address, or too small to split.
 */
export function splitCidr(cidr: string, parts: number): string[] {
  const parsed = parseCidr(cidr);
  if (!parsed) throw new Error(`invalid IPv4 CIDR '${cidr}': expected a.b.c.d/n`);
  const bits = Math.log2(parts);
  if (!Number.isInteger(bits) || bits < 1)
    throw new Error(`cannot split into ${parts} parts: not a power of two`);
  if (parsed.prefix + bits > 28) {
    // AWS subnets are /16 to /28.
    throw new Error(`CIDR '${cidr}' is too small to split into ${parts} subnets of at least /28`);
  }
  if (!isCanonical(parsed)) throw new Error(`CIDR '${cidr}' is not a network address`);
  return splitBlock(parsed, parts).map(formatBlock);
}
