import { Construct } from 'constructs';
import { Route } from '@cdktf/provider-aws/lib/route';
import { VpcPeeringConnection } from '@cdktf/provider-aws/lib/vpc-peering-connection';
import type { PortRange } from '../config/types';
import { ConnectorSecurityGroup } from './connector-security-group';
import { cidrId, distinct } from './ids';
import type { VendorVpc } from './vendor-vpc';

export interface VpcPeeringProps {
  /** The vendor VPC (requester side of the peering). */
  readonly vpc: VendorVpc;
  /** 12-digit AWS account id owning the customer's VPC. */
  readonly peerAccountId: string;
  /** The customer's VPC id. */
  readonly peerVpcId: string;
  /** Region of the customer's VPC; the peering is inter-region when it differs from the provider's. */
  readonly peerRegion: string;
  /** Destinations routed through the peering, and the only ones the connectors may reach. */
  readonly routes: readonly string[];
  /** TCP ports the connectors may reach. @default - all TCP ports */
  readonly allowedTcpPorts?: readonly PortRange[];
}

/**
 * Requester side of a VPC peering to a customer's VPC: the peering request, one route per
 * destination in the vendor's private route table and a connector security group.
 *
 * No peering option is set. `dnsResolution` (the customer's hostnames resolving to private addresses
 * from the vendor VPC) is the accepter's option, which across accounts only the customer can switch
 * on in their account; the requester option would do the opposite, which the connectors never need.
 * https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-dns.html
 *
 * Never auto-accepted: the accepter is the customer's account, and only the customer accepts.
 * AWS accepts routes through a pending peering (they show as blackhole until the customer accepts),
 * so one deployment before acceptance creates everything but the DNS option.
 * https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-routing.html
 */
export class VpcPeering extends Construct {
  public readonly connection: VpcPeeringConnection;
  public readonly routes: readonly Route[];
  public readonly connectorSecurityGroup: ConnectorSecurityGroup;

  constructor(scope: Construct, id: string, props: VpcPeeringProps) {
    super(scope, id);
    this.connection = new VpcPeeringConnection(this, 'connection', {
      vpcId: props.vpc.vpc.id,
      peerOwnerId: props.peerAccountId,
      peerVpcId: props.peerVpcId,
      peerRegion: props.peerRegion,
      // Cross-account (and possibly cross-region): the customer accepts in their own account.
      autoAccept: false,
      tags: { Name: `${props.vpc.name}-peering` },
    });

    const routes = distinct(props.routes);
    this.routes = routes.map(
      (cidr) =>
        new Route(this, `route-${cidrId(cidr)}`, {
          routeTableId: props.vpc.privateRouteTable.id,
          destinationCidrBlock: cidr,
          vpcPeeringConnectionId: this.connection.id,
        }),
    );

    this.connectorSecurityGroup = new ConnectorSecurityGroup(this, 'connector-security-group', {
      vpcId: props.vpc.vpc.id,
      destinations: routes,
      allowedTcpPorts: props.allowedTcpPorts,
      name: props.vpc.name,
    });
  }
}
