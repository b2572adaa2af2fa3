/**
 * ROUTE_PUBLIC (warning): a route to public address space through the customer's network is valid
 * (a customer may own public ranges and use them inside), but traffic from the connectors to that
 * range then leaves through the customer network instead of the internet or the NAT gateway,
 * which is rarely what was meant when a range was pasted by mistake. "Public" here means outside
 * RFC 1918 and the shared address space 100.64.0.0/10 (format v1.1, "Routes to public address
 * space").
 *
 * Checked: what is routed. For peering that is `routes` when written, else `peer.cidrs` (which
 * `routes` defaults to); for a VPN the `cidrs` of static routing (with BGP the customer's device
 * announces the routes); for a transit gateway its `cidrs`. Entries other rules refuse (a VPN /0,
 * a transit-gateway entry wider than /8 or in a reserved range) are left to those rules.
 */
import type { Rule } from './rule';
import { orList } from '../../text/or-list';
import { VENDOR_POOLS } from '../cidr';
import { contains, formatBlock, overlaps } from '../../net/ipv4';
import { TGW_RESERVED } from './transit-gateway-cidrs';
import {
  TGW_MIN_PREFIX,
  cidrEntries,
  peeringOf,
  transitGatewayOf,
  vpnOf,
  warning,
  type CidrEntry,
} from './support';

const PRIVATE = orList(VENDOR_POOLS.map(formatBlock));

export const publicRoutes: Rule = {
  codes: ['ROUTE_PUBLIC'],
  description: 'Routes through the customer network to public address space are flagged.',
  check({ document }) {
    let routed: CidrEntry[] = [];
    const peering = peeringOf(document);
    const vpn = vpnOf(document);
    const tgw = transitGatewayOf(document);
    if (peering) {
      routed = peering.routes
        ? cidrEntries(peering.routes, ['connectivity', 'routes'])
        : cidrEntries(peering.peer.cidrs, ['connectivity', 'peer', 'cidrs']);
    } else if (vpn && vpn.routing === 'static') {
      routed = cidrEntries(vpn.cidrs, ['connectivity', 'cidrs']).filter((e) => e.cidr.prefix > 0);
    } else if (tgw) {
      routed = cidrEntries(tgw.cidrs, ['connectivity', 'cidrs']).filter(
        (e) => e.cidr.prefix >= TGW_MIN_PREFIX && !TGW_RESERVED.some((r) => overlaps(r.block, e.cidr)),
      );
    }
    const via = peering ? 'the peering' : vpn ? 'the VPN' : 'the transit gateway';
    return routed
      .filter((e) => !VENDOR_POOLS.some((pool) => contains(pool, e.cidr)))
      .map((e) =>
        warning(
          'ROUTE_PUBLIC',
          e.path,
          `${e.text} is public address space (outside ${PRIVATE}): the connectors' traffic to it goes through ${via} and the customer's network instead of the internet; expected private customer networks: keep it only if the customer really uses this range internally`,
        ),
      );
  },
};
