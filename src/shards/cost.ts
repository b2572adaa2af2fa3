/**
 * The expected cost of planning one customer's stack, for balancing shards (shard.ts). A model, not
 * a measurement, in "resource units":
 *
 * - a fixed STACK_BASE per stack: Terraform starts the AWS provider and loads its whole schema in
 *   `init` and `plan` (and `show` when there are changes) whatever the stack holds, which is most
 *   of a stack's time (docs/terraform.md: ≈ 3 s of ≈ 3.5 s for a small stack);
 * - plus one unit per resource the stack declares, estimated from the customer file the way the
 *   constructs build it (more routes, port ranges, tunnels or a NAT gateway mean more resources to
 *   plan and, online, to refresh).
 *
 * Only the ratios matter, and only roughly: a wrong estimate makes shards less even, never wrong.
 */
import type { Customer } from '../config/types';

/** A stack's fixed cost (provider start-up in init and plan), in resource units. */
export const STACK_BASE = 40;

/** Vendor VPC: the VPC, default security group, route table, two subnets and their associations. */
const VENDOR_VPC_RESOURCES = 7;
/** NAT add-on: public subnet, route table, association, default route, IGW, EIP, NAT gateway, route. */
const NAT_RESOURCES = 8;

export function stackCost(customer: Customer): number {
  return STACK_BASE + estimatedResources(customer);
}

export function estimatedResources(customer: Customer): number {
  const conn = customer.connectivity;
  switch (conn.type) {
    case 'vpc-peering': {
      const routes = conn.routes.length;
      const ports = Math.max(1, conn.allowedTcpPorts?.length ?? 1);
      // Peering connection, options, security group; a route and an egress rule per port per route.
      return VENDOR_VPC_RESOURCES + 3 + routes + routes * ports;
    }
    case 'site-to-site-vpn': {
      // Gateway, attachment, customer gateway, connection, propagation; static routes; an alarm
      // per tunnel; the NAT gateway's resources.
      const staticRoutes = conn.routing === 'static' ? conn.cidrs.length : 0;
      return VENDOR_VPC_RESOURCES + 5 + staticRoutes + conn.tunnels + (conn.natGateway ? NAT_RESOURCES : 0);
    }
    default:
      // A connectivity type this model does not know yet: a mid-sized stack.
      return VENDOR_VPC_RESOURCES + 8;
  }
}
