import type { Customer } from '../../src/config/types';

/**
 * The resources a customer's stack must create, by Terraform type, derived from the issue's
 * description of each offering (not from the construct code).
 */
export function expectedResources(c: Customer): Record<string, number> {
  if (c.decommission) return {}; // a destroy plan of a stack that was never applied: nothing
  const n: Record<string, number> = {};
  const add = (type: string, k = 1) => {
    if (k > 0) n[type] = (n[type] ?? 0) + k;
  };
  // Vendor VPC: the VPC, its emptied default security group, one private route table, two
  // private subnets (two availability zones) and their route table associations.
  add('aws_vpc');
  add('aws_default_security_group');
  add('aws_route_table');
  add('aws_subnet', 2);
  add('aws_route_table_association', 2);
  // A flow log on every vendor VPC; with the default destination (the repository's cdktf.json sets
  // none) a log group of its own and the role the flow-logs service writes with.
  add('aws_flow_log');
  add('aws_cloudwatch_log_group');
  add('aws_iam_role');
  add('aws_iam_role_policy');
  const conn = c.connectivity;
  if (conn.type === 'vpc-peering') {
    const routes = new Set(conn.routes).size;
    const ports = conn.allowedTcpPorts
      ? new Set(conn.allowedTcpPorts.map((p) => `${p.from}-${p.to}`)).size
      : 1;
    add('aws_vpc_peering_connection');
    add('aws_route', routes); // one per route through the peering
    add('aws_security_group'); // the connectors' group
    add('aws_vpc_security_group_egress_rule', routes * ports); // each route × each port range
    // No peering options ever: DNS resolution is the customer's (accepter's) step.
  } else if (conn.type === 'transit-gateway') {
    const cidrs = new Set(conn.cidrs).size;
    const ports = conn.allowedTcpPorts
      ? new Set(conn.allowedTcpPorts.map((p) => `${p.from}-${p.to}`)).size
      : 1;
    add('aws_ram_resource_share_accepter'); // the customer's share, accepted by the vendor account
    add('aws_ec2_transit_gateway_vpc_attachment'); // in the two private subnets
    if (conn.accepted) add('aws_route', cidrs); // only once the customer accepted the attachment
    add('aws_security_group'); // the connectors' group
    add('aws_vpc_security_group_egress_rule', cidrs * ports); // each customer network × each port range
  } else {
    add('aws_vpn_gateway');
    add('aws_vpn_gateway_attachment');
    add('aws_customer_gateway');
    add('aws_vpn_connection');
    add('aws_vpn_gateway_route_propagation');
    if (conn.routing === 'static') add('aws_vpn_connection_route', new Set(conn.cidrs).size);
    add('aws_cloudwatch_metric_alarm', conn.tunnels); // one per configured tunnel
    add('aws_cloudwatch_log_group'); // the tunnel logs of both tunnels
    // The connectors' group (format v1.1): egress to the customer's cidrs, or to the four private
    // ranges with BGP and no cidrs, each × each port range.
    const destinations = conn.cidrs.length > 0 ? new Set(conn.cidrs).size : 4;
    const vpnPorts = conn.allowedTcpPorts
      ? new Set(conn.allowedTcpPorts.map((p) => `${p.from}-${p.to}`)).size
      : 1;
    add('aws_security_group');
    add('aws_vpc_security_group_egress_rule', destinations * vpnPorts);
    if (conn.natGateway) {
      // Public subnet with its own route table and default route to the internet gateway, an
      // Elastic IP for the NAT gateway, and the private default route through it.
      add('aws_internet_gateway');
      add('aws_subnet');
      add('aws_route_table');
      add('aws_route_table_association');
      add('aws_eip');
      add('aws_nat_gateway');
      add('aws_route', 2);
    }
  }
  return Object.fromEntries(Object.entries(n).sort(([a], [b]) => (a < b ? -1 : 1)));
}
