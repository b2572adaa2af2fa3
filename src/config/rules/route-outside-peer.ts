/**
 * ROUTE_OUTSIDE_PEER: a peering connection only carries traffic to the peer VPC's own CIDR blocks
 * (AWS does not do transitive routing through a peering), so a route to anything else is dead.
 */
import type { Rule } from './rule';
import { contains, formatBlock } from '../../net/ipv4';
import { cidrEntries, error, peeringOf } from './support';
import { orList } from '../../text/or-list';

export const routeOutsidePeer: Rule = {
  codes: ['ROUTE_OUTSIDE_PEER'],
  description: 'Each route lies inside one of peer.cidrs.',
  check({ document }) {
    const peering = peeringOf(document);
    if (!peering?.routes) return [];
    const peer = cidrEntries(peering.peer.cidrs, ['connectivity', 'peer', 'cidrs']);
    const peerList = peer.map((p) => p.text).join(', ');
    return cidrEntries(peering.routes, ['connectivity', 'routes'])
      .filter((route) => !peer.some((p) => contains(p.cidr, route.cidr)))
      .map((route) => {
        // A route wider than the VPC is fixed by naming the VPC blocks it covers.
        const covered = peer.filter((p) => contains(route.cidr, p.cidr)).map((p) => formatBlock(p.cidr));
        const fix =
          covered.length > 0
            ? `route ${orList(covered)} instead`
            : 'remove it, or add the CIDR block to peer.cidrs if the customer VPC has it';
        return error(
          'ROUTE_OUTSIDE_PEER',
          route.path,
          `${route.text} is not inside connectivity.peer.cidrs (${peerList}); expected a destination within the peer VPC, which is all a peering can reach: ${fix}`,
        );
      });
  },
};
