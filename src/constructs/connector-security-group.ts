import { Construct } from 'constructs';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import type { PortRange } from '../config/types';
import { cidrId, distinct } from './ids';

export interface ConnectorSecurityGroupProps {
  /** VPC of the group. */
  readonly vpcId: string;
  /** Destinations the connectors may reach (IPv4 CIDRs). */
  readonly destinations: readonly string[];
  /** TCP port ranges allowed to every destination. @default - all TCP ports (0-65535) */
  readonly allowedTcpPorts?: readonly PortRange[];
  /** Prefix of the group's name and `Name` tag. */
  readonly name: string;
}

/**
 * Security group for the vendor's connectors: no ingress rule at all, and egress only to the
 * given destinations on the allowed TCP ports.
 *
 * The group declares no inline rules: Terraform then removes the allow-all egress rule AWS adds to
 * every new group, and each (destination, ports) pair is its own `aws_vpc_security_group_egress_rule`
 * whose construct id is derived from its value, so adding a route or a port never renames the others.
 * AWS counts one rule per pair against the per-group quota (60 egress rules by default).
 */
export class ConnectorSecurityGroup extends Construct {
  public readonly securityGroup: SecurityGroup;
  public readonly egressRules: readonly VpcSecurityGroupEgressRule[];

  constructor(scope: Construct, id: string, props: ConnectorSecurityGroupProps) {
    super(scope, id);
    this.securityGroup = new SecurityGroup(this, 'security-group', {
      name: `${props.name}-connectors`,
      description: 'linkforge connectors: egress to the customer routes only, no ingress',
      vpcId: props.vpcId,
      // Deleting the group must not hang on rules that reference it.
      revokeRulesOnDelete: true,
      tags: { Name: `${props.name}-connectors` },
    });

    // "All TCP" is 0-65535, as the AWS console writes it.
    const ports = distinct(props.allowedTcpPorts ?? [{ from: 0, to: 65535 }], (p) => `${p.from}-${p.to}`);
    const rules: VpcSecurityGroupEgressRule[] = [];
    for (const cidr of distinct(props.destinations)) {
      for (const p of ports) {
        const portId =
          props.allowedTcpPorts === undefined
            ? 'all-tcp'
            : p.from === p.to
              ? `tcp-${p.from}`
              : `tcp-${p.from}-${p.to}`;
        rules.push(
          new VpcSecurityGroupEgressRule(this, `egress-${cidrId(cidr)}-${portId}`, {
            securityGroupId: this.securityGroup.id,
            description: `connectors to ${cidr}`,
            ipProtocol: 'tcp',
            cidrIpv4: cidr,
            fromPort: p.from,
            toPort: p.to,
          }),
        );
      }
    }
    this.egressRules = rules;
  }
}
