import { Eip } from '@cdktf/provider-aws/lib/eip';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway as AwsNatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { NatGateway } from '../../src/constructs/nat-gateway';
import { VendorVpc } from '../../src/constructs/vendor-vpc';
import { ofType, synthScope } from '../stacks/synth-helpers';

describe('NatGateway', () => {
  const json = synthScope((scope) => {
    const vpc = new VendorVpc(scope, 'vendor-vpc', {
      cidr: '10.200.0.0/25',
      availabilityZones: ['us-east-1a', 'us-east-1b'],
      name: 'globex',
    });
    new NatGateway(scope, 'nat-gateway', { vpc, availabilityZone: 'us-east-1a' });
  });
  const name = (type: string, part: string) => {
    const found = Object.keys(ofType(json, type)).filter((n) => n.includes(part));
    expect(found).toHaveLength(1);
    return found[0];
  };

  it('puts the public subnet in the third quarter of the vendor CIDR', () => {
    const pub = ofType(json, Subnet.tfResourceType)[name(Subnet.tfResourceType, 'public')];
    expect(pub).toMatchObject({
      cidr_block: '10.200.0.64/27',
      availability_zone: 'us-east-1a',
      map_public_ip_on_launch: false,
    });
  });

  it('creates one internet gateway, one Elastic IP and one NAT gateway in the public subnet', () => {
    expect(Object.keys(ofType(json, InternetGateway.tfResourceType))).toHaveLength(1);
    expect(Object.values(ofType(json, Eip.tfResourceType))).toEqual([
      expect.objectContaining({ domain: 'vpc' }),
    ]);
    const nat = Object.values(ofType(json, AwsNatGateway.tfResourceType));
    expect(nat).toHaveLength(1);
    expect(nat[0].subnet_id).toBe(`\${aws_subnet.${name(Subnet.tfResourceType, 'public')}.id}`);
    expect(nat[0].allocation_id).toBe(
      `\${aws_eip.${Object.keys(ofType(json, Eip.tfResourceType))[0]}.allocation_id}`,
    );
  });

  it('routes 0.0.0.0/0 from the private table to the NAT and from the public table to the IGW', () => {
    const routes = ofType(json, Route.tfResourceType);
    const priv = routes[name(Route.tfResourceType, 'private-default')];
    const pub = routes[name(Route.tfResourceType, 'public-default')];
    expect(priv).toMatchObject({
      destination_cidr_block: '0.0.0.0/0',
      route_table_id: `\${aws_route_table.${name('aws_route_table', 'vendor-vpc')}.id}`,
      nat_gateway_id: expect.stringMatching(/^\$\{aws_nat_gateway\./),
    });
    expect(pub).toMatchObject({
      destination_cidr_block: '0.0.0.0/0',
      route_table_id: `\${aws_route_table.${name('aws_route_table', 'public')}.id}`,
      gateway_id: expect.stringMatching(/^\$\{aws_internet_gateway\./),
    });
  });
});
