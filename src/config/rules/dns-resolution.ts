/**
 * DNS_RESOLUTION_PENDING (warning): `dnsResolution` is the customer's step (spec v1.1): across
 * accounts only the accepter can let the vendor VPC resolve its hostnames to private addresses, and
 * AWS rejects peering options on a pending peering. While the peering is not accepted, the reviewer
 * should know the option cannot be on yet.
 */
import type { Rule } from './rule';
import { peeringOf, warning } from './support';

export const dnsResolution: Rule = {
  codes: ['DNS_RESOLUTION_PENDING'],
  description: 'dnsResolution only takes effect once the peering is accepted.',
  check({ document }) {
    const peering = peeringOf(document);
    if (!peering || peering.dnsResolution !== true || peering.accepted === true) return [];
    return [
      warning(
        'DNS_RESOLUTION_PENDING',
        ['connectivity', 'dnsResolution'],
        'true cannot take effect yet: the peering is not accepted (accepted is false) and AWS rejects peering options on a pending peering; once the customer accepts, they switch on DNS resolution for their (accepter) side in their account, and the handoff lists that step',
      ),
    ];
  },
};
