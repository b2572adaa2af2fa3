import { Construct } from 'constructs';
import { Ec2TransitGatewayVpcAttachment } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment';
import { RamResourceShareAccepter } from '@cdktf/provider-aws/lib/ram-resource-share-accepter';
import { Route } from '@cdktf/provider-aws/lib/route';
import type { PortRange } from '../config/types';
import { ConnectorSecurityGroup } from './connector-security-group';
import { cidrId, distinct } from './ids';
import type { VendorVpc } from './vendor-vpc';

export interface TransitGatewayAttachmentProps {
  /** The vendor VPC to attach (its two private subnets host the attachment). */
  readonly vpc: VendorVpc;
  /** The customer's transit gateway (`tgw-...`), shared with the vendor account through AWS RAM. */
  readonly transitGatewayId: string;
  /** ARN of the AWS RAM resource share the customer created for the vendor account. */
  readonly resourceShareArn: string;
  /** Customer networks: one route each once accepted, and the only destinations of the connectors. */
  readonly cidrs: readonly string[];
  /** TCP ports the connectors may reach. @default - all TCP ports */
  readonly allowedTcpPorts?: readonly PortRange[];
  /** The customer has accepted the attachment in their account. @default false */
  readonly accepted?: boolean;
}

/**
 * The vendor side of a cross-account transit gateway attachment: the acceptance of the customer's
 * AWS RAM share, a VPC attachment in the two private subnets (one per availability zone), routes to
 * the transit gateway once the customer has accepted the attachment, and the connector security
 * group.
 *
 * What the provider does (hashicorp/aws 5.x, checked in its source):
 * - `aws_ram_resource_share_accepter` accepts the pending invitation of `share_arn` on create (it
 *   fails when there is none, e.g. inside one AWS Organization with RAM sharing enabled, where no
 *   invitation is sent), has no update (`share_arn` forces a new accepter) and on destroy leaves the
 *   share (DisassociateResourceShare for the vendor account): the vendor loses access to the transit
 *   gateway, the customer's share itself stays.
 * - `aws_ec2_transit_gateway_vpc_attachment` waits for `available` or `pendingAcceptance` on
 *   create, so a cross-account attachment is created and then waits for the customer. Changing
 *   `transit_gateway_id` or `vpc_id` replaces it (a new attachment the customer must accept again);
 *   `subnet_ids` and tags update in place.
 * - `transit_gateway_default_route_table_association` / `_propagation` belong to the transit
 *   gateway's owner: for a shared transit gateway the provider neither applies them on create nor
 *   reads them (it records `true`). Since provider PR #32821 they are Optional + Computed, so left
 *   unset they never show as a change; setting `false` would be a diff on every plan and an update
 *   AWS refuses (provider issue #8383). Never set here: association and propagation are the
 *   customer's steps, in their transit gateway route tables.
 *
 * The attachment cannot see the transit gateway before the share is accepted, hence the explicit
 * dependency. Routes reference the attachment's transit gateway id, so they follow it too.
 * https://docs.aws.amazon.com/vpc/latest/tgw/tgw-transit-gateways.html
 */
export class TransitGatewayAttachment extends Construct {
  public readonly shareAccepter: RamResourceShareAccepter;
  public readonly attachment: Ec2TransitGatewayVpcAttachment;
  /** Routes to the transit gateway, one per customer network; empty until accepted. */
  public readonly routes: readonly Route[];
  public readonly connectorSecurityGroup: ConnectorSecurityGroup;

  constructor(scope: Construct, id: string, props: TransitGatewayAttachmentProps) {
    super(scope, id);
    const { vpc } = props;

    this.shareAccepter = new RamResourceShareAccepter(this, 'resource-share-accepter', {
      shareArn: props.resourceShareArn,
    });

    this.attachment = new Ec2TransitGatewayVpcAttachment(this, 'attachment', {
      transitGatewayId: props.transitGatewayId,
      vpcId: vpc.vpc.id,
      subnetIds: vpc.privateSubnets.map((s) => s.id),
      // Never `transit_gateway_default_route_table_association` / `_propagation`: see above.
      dependsOn: [this.shareAccepter],
      tags: { Name: vpc.name },
    });

    const cidrs = distinct(props.cidrs);
    // AWS refuses a route to a transit gateway the VPC has no available attachment to, and the
    // attachment is `pendingAcceptance` until the customer accepts it.
    this.routes = props.accepted
      ? cidrs.map(
          (cidr) =>
            new Route(this, `route-${cidrId(cidr)}`, {
              routeTableId: vpc.privateRouteTable.id,
              destinationCidrBlock: cidr,
              transitGatewayId: this.attachment.transitGatewayId,
            }),
        )
      : [];

    this.connectorSecurityGroup = new ConnectorSecurityGroup(this, 'connector-security-group', {
      vpcId: vpc.vpc.id,
      destinations: cidrs,
      allowedTcpPorts: props.allowedTcpPorts,
      name: vpc.name,
    });
  }
}
