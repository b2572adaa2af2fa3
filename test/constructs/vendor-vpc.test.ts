import fc from 'fast-check';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VendorVpc, splitCidr } from '../../src/constructs/vendor-vpc';
import { ofType, synthScope } from '../stacks/synth-helpers';

describe('splitCidr', () => {
  it('splits into four equal consecutive quarters', () => {
    expect(splitCidr('10.200.0.0/25', 4)).toEqual([
      '10.200.0.0/27',
      '10.200.0.32/27',
      '10.200.0.64/27',
      '10.200.0.96/27',
    ]);
    expect(splitCidr('10.0.0.0/16', 4)).toEqual([
      '10.0.0.0/18',
      '10.0.64.0/18',
      '10.0.128.0/18',
      '10.0.192.0/18',
    ]);
    expect(splitCidr('100.64.255.192/26', 4)).toEqual([
      '100.64.255.192/28',
      '100.64.255.208/28',
      '100.64.255.224/28',
      '100.64.255.240/28',
    ]);
  });

  it('rejects what AWS could not carve or what is not a network address', () => {
    expect(() => splitCidr('10.0.0.0/27', 4)).toThrow(/too small/);
    expect(() => splitCidr('10.0.0.1/24', 4)).toThrow(/not a network address/);
    expect(() => splitCidr('10.0.0/24', 4)).toThrow(/invalid IPv4 CIDR/);
    expect(() => splitCidr('10.0.0.0/24', 3)).toThrow(/power of two/);
  });

  it('quarters tile the CIDR exactly (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 16, max: 26 }), fc.nat(), (prefix, seed) => {
        const size = 2 ** (32 - prefix);
        const base = (seed % 2 ** prefix) * size;
        const ip = (n: number) => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
        const parts = splitCidr(`${ip(base)}/${prefix}`, 4);
        expect(parts).toEqual([0, 1, 2, 3].map((i) => `${ip(base + (i * size) / 4)}/${prefix + 2}`));
      }),
      { numRuns: 200 },
    );
  });
});

describe('VendorVpc', () => {
  const synth = () =>
    synthScope((scope) => {
      new VendorVpc(scope, 'vendor-vpc', {
        cidr: '10.200.0.0/25',
        availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'],
        name: 'acme',
      });
    });

  it('creates the VPC with DNS support and hostnames', () => {
    expect(JSON.stringify(synth())).toHaveResourceWithProperties(Vpc, {
      cidr_block: '10.200.0.0/25',
      enable_dns_support: true,
      enable_dns_hostnames: true,
    });
  });

  it('puts the private subnets in the two configured zones, first and second quarter', () => {
    const subnets = Object.values(ofType(synth(), Subnet.tfResourceType));
    expect(subnets.map((s) => [s.cidr_block, s.availability_zone, s.map_public_ip_on_launch])).toEqual([
      ['10.200.0.0/27', 'ap-northeast-1a', false],
      ['10.200.0.32/27', 'ap-northeast-1c', false],
    ]);
  });

  it('associates both private subnets with the one private route table', () => {
    const json = synth();
    const tables = Object.keys(ofType(json, RouteTable.tfResourceType));
    expect(tables).toHaveLength(1);
    const assocs = Object.values(ofType(json, RouteTableAssociation.tfResourceType));
    expect(assocs).toHaveLength(2);
    for (const a of assocs) expect(a.route_table_id).toBe(`\${aws_route_table.${tables[0]}.id}`);
  });

  it('empties the default security group (no ingress, no egress)', () => {
    const groups = Object.values(ofType(synth(), DefaultSecurityGroup.tfResourceType));
    expect(groups).toHaveLength(1);
    expect(groups[0].ingress).toBeUndefined();
    expect(groups[0].egress).toBeUndefined();
  });
});
