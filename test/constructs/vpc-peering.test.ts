import type { Construct } from 'constructs';
import { Route } from '@cdktf/provider-aws/lib/route';
import { VpcPeeringConnection } from '@cdktf/provider-aws/lib/vpc-peering-connection';
import { VpcPeeringConnectionOptions } from '@cdktf/provider-aws/lib/vpc-peering-connection-options';
import { VendorVpc } from '../../src/constructs/vendor-vpc';
import { VpcPeering, type VpcPeeringProps } from '../../src/constructs/vpc-peering';
import { ofType, synthScope, type Json } from '../stacks/synth-helpers';

function synth(props: Partial<Omit<VpcPeeringProps, 'vpc'>> = {}): Json {
  return synthScope((scope: Construct) => {
    const vpc = new VendorVpc(scope, 'vendor-vpc', {
      cidr: '10.200.0.0/25',
      availabilityZones: ['eu-west-1a', 'eu-west-1b'],
      name: 'acme',
    });
    new VpcPeering(scope, 'vpc-peering', {
      vpc,
      peerAccountId: '011122223333',
      peerVpcId: 'vpc-0a1b2c3d4e5f67890',
      peerRegion: 'eu-central-1',
      routes: ['172.31.0.0/16'],
      ...props,
    });
  });
}

describe('VpcPeering', () => {
  it('requests a peering to the customer account, VPC and region, never auto-accepted', () => {
    expect(JSON.stringify(synth())).toHaveResourceWithProperties(VpcPeeringConnection, {
      peer_owner_id: '011122223333',
      peer_vpc_id: 'vpc-0a1b2c3d4e5f67890',
      peer_region: 'eu-central-1',
      auto_accept: false,
    });
  });

  it('auto_accept is always false', () => {
    const peerings = Object.values(ofType(synth(), VpcPeeringConnection.tfResourceType));
    expect(peerings).toHaveLength(1);
    expect(peerings[0].auto_accept).toBe(false);
  });

  it('adds one route per destination through the peering, in the private route table', () => {
    const json = synth({ routes: ['172.31.16.0/20', '172.31.32.0/20', '172.31.16.0/20'] });
    const routes = ofType(json, Route.tfResourceType);
    const [peering] = Object.keys(ofType(json, VpcPeeringConnection.tfResourceType));
    const [table] = Object.keys(ofType(json, 'aws_route_table'));
    expect(Object.values(routes).map((r) => r.destination_cidr_block)).toEqual([
      '172.31.16.0/20',
      '172.31.32.0/20',
    ]);
    for (const r of Object.values(routes)) {
      expect(r.vpc_peering_connection_id).toBe(`\${aws_vpc_peering_connection.${peering}.id}`);
      expect(r.route_table_id).toBe(`\${aws_route_table.${table}.id}`);
    }
  });

  it('names routes after their destination, so adding one never renames another', () => {
    const before = Object.keys(ofType(synth({ routes: ['172.31.32.0/20'] }), Route.tfResourceType));
    const after = Object.keys(
      ofType(synth({ routes: ['172.31.16.0/20', '172.31.32.0/20'] }), Route.tfResourceType),
    );
    expect(after).toEqual(expect.arrayContaining(before));
    expect(before[0]).toMatch(/route-172-31-32-0-20/);
  });

  it("sets no peering option: DNS resolution of the customer VPC is the accepter's (customer's) step", () => {
    expect(Object.keys(ofType(synth(), VpcPeeringConnectionOptions.tfResourceType))).toEqual([]);
  });
});
