/**
 * QUOTA_SECURITY_GROUP_RULES, QUOTA_ROUTES (warnings): configurations that exceed AWS's DEFAULT
 * per-account quotas. The stack creates one egress rule per (route, port entry) pair in the
 * connector security group (default quota: 60 outbound rules per group) and one route per
 * `routes` entry in the private route table (default quota: 50 non-propagated routes per table).
 * Past a quota, `terraform apply` fails half-way. Both quotas are adjustable per account, so this
 * is a warning that says which quota increase to request, not an error. A transit gateway gets the
 * same security-group check on its cidrs (its routes are at most 50 by the schema).
 * https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html
 */
import { vpnConnectorDestinations } from '../connector-destinations';
import type { FieldPath, Finding, Rule } from './rule';
import { peeringOf, transitGatewayOf, vpnOf, warning } from './support';

/** AWS default: outbound rules per security group. */
const DEFAULT_SG_RULES_QUOTA = 60;
/** AWS default: non-propagated routes per route table. */
const DEFAULT_ROUTES_QUOTA = 50;

export const awsQuotas: Rule = {
  codes: ['QUOTA_SECURITY_GROUP_RULES', 'QUOTA_ROUTES'],
  description: "The connector security group and route table fit AWS's default quotas.",
  check({ document, customer }) {
    const vpn = vpnOf(document);
    if (vpn && customer.connectivity.type === 'site-to-site-vpn') {
      // VPN stacks have the same connector group (spec v1.1); their routes are propagated, not counted.
      const c = customer.connectivity;
      const destinations = new Set(vpnConnectorDestinations(c)).size;
      const ports = c.allowedTcpPorts ? new Set(c.allowedTcpPorts.map((p) => `${p.from}-${p.to}`)).size : 1;
      if (destinations * ports <= DEFAULT_SG_RULES_QUOTA) return [];
      return [
        warning(
          'QUOTA_SECURITY_GROUP_RULES',
          vpn.allowedTcpPorts ? ['connectivity', 'allowedTcpPorts'] : ['connectivity', 'cidrs'],
          `gives ${destinations} destination(s) x ${ports} port entr${ports === 1 ? 'y' : 'ies'} = ${destinations * ports} egress rules in the connector security group; AWS's default quota is ${DEFAULT_SG_RULES_QUOTA} per group: request a quota increase ("Inbound or outbound rules per security group") for the vendor account before deploying, or merge port ranges or cidrs`,
        ),
      ];
    }
    const tgw = transitGatewayOf(document);
    if (tgw && customer.connectivity.type === 'transit-gateway') {
      // One egress rule per (cidrs entry, port entry); the routes (at most 50 cidrs) fit the quota.
      const c = customer.connectivity;
      const cidrs = new Set(c.cidrs).size;
      const ports = c.allowedTcpPorts ? new Set(c.allowedTcpPorts.map((p) => `${p.from}-${p.to}`)).size : 1;
      if (cidrs * ports <= DEFAULT_SG_RULES_QUOTA) return [];
      return [
        warning(
          'QUOTA_SECURITY_GROUP_RULES',
          tgw.allowedTcpPorts ? ['connectivity', 'allowedTcpPorts'] : ['connectivity', 'cidrs'],
          `gives ${cidrs} cidrs x ${ports} port entr${ports === 1 ? 'y' : 'ies'} = ${cidrs * ports} egress rules in the connector security group; AWS's default quota is ${DEFAULT_SG_RULES_QUOTA} per group: request a quota increase ("Inbound or outbound rules per security group") for the vendor account before deploying, or merge port ranges or cidrs`,
        ),
      ];
    }
    const written = peeringOf(document);
    if (!written || customer.connectivity.type !== 'vpc-peering') return [];
    const c = customer.connectivity;
    // `routes` defaults to peer.cidrs: point at the list the file actually wrote.
    const routesPath: FieldPath = written.routes
      ? ['connectivity', 'routes']
      : ['connectivity', 'peer', 'cidrs'];
    const routes = new Set(c.routes).size;
    const ports = c.allowedTcpPorts ? new Set(c.allowedTcpPorts.map((p) => `${p.from}-${p.to}`)).size : 1;
    const findings: Finding[] = [];
    const egressRules = routes * ports;
    if (egressRules > DEFAULT_SG_RULES_QUOTA) {
      findings.push(
        warning(
          'QUOTA_SECURITY_GROUP_RULES',
          written.allowedTcpPorts ? ['connectivity', 'allowedTcpPorts'] : routesPath,
          `gives ${routes} route(s) x ${ports} port entr${ports === 1 ? 'y' : 'ies'} = ${egressRules} egress rules in the connector security group; AWS's default quota is ${DEFAULT_SG_RULES_QUOTA} per group: request a quota increase ("Inbound or outbound rules per security group") for the vendor account before deploying, or merge port ranges or routes`,
        ),
      );
    }
    // Only the peering routes grow with the file (the local route and the NAT default route are fixed).
    if (routes > DEFAULT_ROUTES_QUOTA) {
      findings.push(
        warning(
          'QUOTA_ROUTES',
          routesPath,
          `gives ${routes} routes through the peering in one route table; AWS's default quota is ${DEFAULT_ROUTES_QUOTA}: request a quota increase ("Routes per route table") for the vendor account before deploying, or route fewer, wider blocks`,
        ),
      );
    }
    return findings;
  },
};
