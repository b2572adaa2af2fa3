import type { Construct } from 'constructs';
import { Ec2TransitGatewayVpcAttachment } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment';
import { RamResourceShareAccepter } from '@cdktf/provider-aws/lib/ram-resource-share-accepter';
import { Route } from '@cdktf/provider-aws/lib/route';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import {
  TransitGatewayAttachment,
  type TransitGatewayAttachmentProps,
} from '../../src/constructs/transit-gateway-attachment';
import { VendorVpc } from '../../src/constructs/vendor-vpc';
import { ofType, synthScope, type Json } from '../stacks/synth-helpers';

const SHARE = 'arn:aws:ram:us-west-2:444455556666:resource-share/5f0c3a2e-9b1d-4e8f-a7c6-1d2e3f4a5b6c';

function synth(props: Partial<Omit<TransitGatewayAttachmentProps, 'vpc'>> = {}): Json {
  return synthScope((scope: Construct) => {
    const vpc = new VendorVpc(scope, 'vendor-vpc', {
      cidr: '10.200.0.0/25',
      availabilityZones: ['us-west-2a', 'us-west-2b'],
      name: 'hooli',
    });
    new TransitGatewayAttachment(scope, 'transit-gateway', {
      vpc,
      transitGatewayId: 'tgw-0a1b2c3d4e5f67890',
      resourceShareArn: SHARE,
      cidrs: ['10.0.0.0/12', '172.20.0.0/16'],
      ...props,
    });
  });
}

const one = (json: Json, type: string) => {
  const found = Object.entries(ofType(json, type));
  expect(found).toHaveLength(1);
  return found[0];
};

describe('TransitGatewayAttachment', () => {
  it("accepts the customer's share", () => {
    const [, accepter] = one(synth(), RamResourceShareAccepter.tfResourceType);
    expect(accepter.share_arn).toBe(SHARE);
  });

  it('attaches the vendor VPC in both private subnets, after the share is accepted', () => {
    const json = synth();
    const [, attachment] = one(json, Ec2TransitGatewayVpcAttachment.tfResourceType);
    const [accepter] = one(json, RamResourceShareAccepter.tfResourceType);
    const subnets = Object.keys(ofType(json, 'aws_subnet'));
    expect(attachment.transit_gateway_id).toBe('tgw-0a1b2c3d4e5f67890');
    expect(attachment.subnet_ids).toEqual(subnets.map((s) => `\${aws_subnet.${s}.id}`));
    expect(subnets).toHaveLength(2);
    expect(attachment.depends_on).toEqual([`aws_ram_resource_share_accepter.${accepter}`]);
  });

  it.each([false, true])('never sets the owner-only route table arguments (accepted=%s)', (accepted) => {
    const [, attachment] = one(synth({ accepted }), Ec2TransitGatewayVpcAttachment.tfResourceType);
    expect(
      Object.keys(attachment).filter((k) => k.startsWith('transit_gateway_default_route_table')),
    ).toEqual([]);
  });

  it('creates no route until the customer accepted the attachment', () => {
    expect(ofType(synth(), Route.tfResourceType)).toEqual({});
    expect(ofType(synth({ accepted: false }), Route.tfResourceType)).toEqual({});
  });

  it('once accepted, routes each customer network to the transit gateway in the private route table', () => {
    const json = synth({ accepted: true, cidrs: ['10.0.0.0/12', '172.20.0.0/16', '10.0.0.0/12'] });
    const routes = ofType(json, Route.tfResourceType);
    const [attachment] = one(json, Ec2TransitGatewayVpcAttachment.tfResourceType);
    const [table] = Object.keys(ofType(json, 'aws_route_table'));
    expect(Object.values(routes).map((r) => r.destination_cidr_block)).toEqual([
      '10.0.0.0/12',
      '172.20.0.0/16',
    ]);
    for (const r of Object.values(routes)) {
      // Through the attachment's attribute: the route waits for the attachment.
      expect(r.transit_gateway_id).toBe(
        `\${aws_ec2_transit_gateway_vpc_attachment.${attachment}.transit_gateway_id}`,
      );
      expect(r.route_table_id).toBe(`\${aws_route_table.${table}.id}`);
    }
    // Ids derive from the CIDR, so adding a network never renames the others.
    const keys = Object.keys(routes).join(' ');
    expect(keys).toMatch(/route-10-0-0-0-12/);
    expect(keys).toMatch(/route-172-20-0-0-16/);
  });

  it('lets the connectors reach only the customer networks on the allowed ports', () => {
    const json = synth({
      allowedTcpPorts: [
        { from: 443, to: 443 },
        { from: 5432, to: 5433 },
      ],
    });
    const rules = Object.values(ofType(json, VpcSecurityGroupEgressRule.tfResourceType));
    expect(rules.map((r) => `${r.cidr_ipv4} ${r.from_port}-${r.to_port}`).sort()).toEqual([
      '10.0.0.0/12 443-443',
      '10.0.0.0/12 5432-5433',
      '172.20.0.0/16 443-443',
      '172.20.0.0/16 5432-5433',
    ]);
    expect(Object.keys(ofType(json, 'aws_vpc_security_group_ingress_rule'))).toEqual([]);
  });
});
