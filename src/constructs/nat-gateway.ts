import { Construct } from 'constructs';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway as AwsNatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import type { VendorVpc } from './vendor-vpc';

export interface NatGatewayProps {
  /** The VPC to give public egress; its third CIDR quarter becomes the public subnet. */
  readonly vpc: VendorVpc;
  /** Availability zone of the public subnet and the NAT gateway. */
  readonly availabilityZone: string;
}

/**
 * Egress-only internet access for the private subnets: a public subnet with its own route table
 * to an internet gateway, an Elastic IP, a NAT gateway in the public subnet, and a `0.0.0.0/0`
 * route from the private route table to the NAT gateway. Nothing can be reached from the internet:
 * nothing but the NAT gateway lives in the public subnet and no security group allows ingress.
 *
 * One NAT gateway (not one per zone): it serves non-VPN egress only, and the customer traffic
 * never depends on it. A more specific route (a peering route, a VPN route) always wins over the
 * default route; an equal `0.0.0.0/0` learned over BGP loses to this static one.
 */
export class NatGateway extends Construct {
  public readonly publicSubnet: Subnet;
  public readonly internetGateway: InternetGateway;
  public readonly eip: Eip;
  public readonly natGateway: AwsNatGateway;

  constructor(scope: Construct, id: string, props: NatGatewayProps) {
    super(scope, id);
    const { vpc } = props;
    this.internetGateway = new InternetGateway(this, 'internet-gateway', {
      vpcId: vpc.vpc.id,
      tags: { Name: vpc.name },
    });
    this.publicSubnet = new Subnet(this, 'public-subnet', {
      vpcId: vpc.vpc.id,
      cidrBlock: vpc.subnetCidrs.public,
      availabilityZone: props.availabilityZone,
      // Only the NAT gateway lives here; nothing gets a public address by default.
      mapPublicIpOnLaunch: false,
      tags: { Name: `${vpc.name}-public` },
    });
    const publicRouteTable = new RouteTable(this, 'public-route-table', {
      vpcId: vpc.vpc.id,
      tags: { Name: `${vpc.name}-public` },
    });
    new RouteTableAssociation(this, 'public-subnet-route-table', {
      subnetId: this.publicSubnet.id,
      routeTableId: publicRouteTable.id,
    });
    new Route(this, 'public-default-route', {
      routeTableId: publicRouteTable.id,
      destinationCidrBlock: '0.0.0.0/0',
      gatewayId: this.internetGateway.id,
    });
    this.eip = new Eip(this, 'eip', {
      domain: 'vpc',
      tags: { Name: `${vpc.name}-nat` },
      // AWS needs the internet gateway attached before an EIP in the VPC can be associated.
      dependsOn: [this.internetGateway],
    });
    this.natGateway = new AwsNatGateway(this, 'nat-gateway', {
      allocationId: this.eip.allocationId,
      subnetId: this.publicSubnet.id,
      tags: { Name: vpc.name },
      dependsOn: [this.internetGateway],
    });
    new Route(this, 'private-default-route', {
      routeTableId: vpc.privateRouteTable.id,
      destinationCidrBlock: '0.0.0.0/0',
      natGatewayId: this.natGateway.id,
    });
  }
}
