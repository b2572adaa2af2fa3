import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import type { PortRange } from '../../src/config/types';
import { ConnectorSecurityGroup } from '../../src/constructs/connector-security-group';
import { ofType, resources, synthScope, type Json } from '../stacks/synth-helpers';

function synth(destinations: string[], allowedTcpPorts?: PortRange[]): Json {
  return synthScope((scope) => {
    new ConnectorSecurityGroup(scope, 'connector-security-group', {
      vpcId: 'vpc-12345678',
      destinations,
      allowedTcpPorts,
      name: 'acme',
    });
  });
}

const rules = (json: Json) =>
  Object.values(ofType(json, VpcSecurityGroupEgressRule.tfResourceType)).map((r) => [
    r.cidr_ipv4,
    r.ip_protocol,
    r.from_port,
    r.to_port,
  ]);

describe('ConnectorSecurityGroup', () => {
  it('has no ingress at all: no inline rule, no ingress rule resource', () => {
    const json = synth(['172.31.0.0/16'], [{ from: 443, to: 443 }]);
    const groups = Object.values(ofType(json, SecurityGroup.tfResourceType));
    expect(groups).toHaveLength(1);
    expect(groups[0].ingress).toBeUndefined();
    // No inline egress either: Terraform then removes AWS's default allow-all egress rule.
    expect(groups[0].egress).toBeUndefined();
    expect(Object.keys(resources(json)).sort()).toEqual([
      'aws_security_group',
      'aws_vpc_security_group_egress_rule',
    ]);
  });

  it('allows egress to every destination on every allowed port range, TCP only', () => {
    const json = synth(
      ['172.31.16.0/20', '10.1.0.0/16'],
      [
        { from: 443, to: 443 },
        { from: 5432, to: 5433 },
      ],
    );
    expect(rules(json)).toHaveLength(4);
    expect(rules(json)).toEqual(
      expect.arrayContaining([
        ['172.31.16.0/20', 'tcp', 443, 443],
        ['172.31.16.0/20', 'tcp', 5432, 5433],
        ['10.1.0.0/16', 'tcp', 443, 443],
        ['10.1.0.0/16', 'tcp', 5432, 5433],
      ]),
    );
  });

  it('allows all TCP ports (0-65535) when no ports are given', () => {
    expect(rules(synth(['172.31.0.0/16']))).toEqual([['172.31.0.0/16', 'tcp', 0, 65535]]);
  });

  it('drops duplicate destinations and port ranges instead of failing on duplicate ids', () => {
    const json = synth(
      ['172.31.0.0/16', '172.31.0.0/16'],
      [
        { from: 443, to: 443 },
        { from: 443, to: 443 },
      ],
    );
    expect(rules(json)).toEqual([['172.31.0.0/16', 'tcp', 443, 443]]);
  });

  it('derives rule ids from values, so adding a port keeps the existing rules', () => {
    const names = (ports: PortRange[]) =>
      Object.keys(ofType(synth(['172.31.0.0/16'], ports), VpcSecurityGroupEgressRule.tfResourceType));
    const before = names([{ from: 443, to: 443 }]);
    const after = names([
      { from: 22, to: 22 },
      { from: 443, to: 443 },
    ]);
    expect(after).toEqual(expect.arrayContaining(before));
    expect(before[0]).toMatch(/egress-172-31-0-0-16-tcp-443/);
  });
});
