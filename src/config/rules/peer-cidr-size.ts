/**
 * PEER_CIDR_SIZE: peer.cidrs are the CIDR blocks of the customer's VPC, and AWS only allows /16 to
 * /28 for a VPC CIDR block; anything else is not what the VPC really has, so routes and security
 * group rules built from it would be wrong.
 */
import type { Rule } from './rule';
import { cidrEntries, error, peeringOf } from './support';

export const peerCidrSize: Rule = {
  codes: ['PEER_CIDR_SIZE'],
  description: 'Each peer.cidrs entry has a VPC CIDR size (/16-/28).',
  check({ document }) {
    const peering = peeringOf(document);
    if (!peering) return [];
    return cidrEntries(peering.peer.cidrs, ['connectivity', 'peer', 'cidrs'])
      .filter((e) => e.cidr.prefix < 16 || e.cidr.prefix > 28)
      .map((e) =>
        error(
          'PEER_CIDR_SIZE',
          e.path,
          `${e.text} is a /${e.cidr.prefix}; expected /16 to /28, the sizes AWS allows for a VPC CIDR block: list the CIDR blocks the customer VPC actually has`,
        ),
      );
  },
};
