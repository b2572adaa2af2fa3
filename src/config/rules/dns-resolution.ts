/**
 * DNS_RESOLUTION_PENDING (warning): AWS rejects peering connection options while the peering is
 * pending acceptance, so the stack only applies dnsResolution once accepted is true. Valid, but
 * the reviewer should know it has no effect yet.
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
        'true waits for the customer to accept the peering (accepted is false, and AWS rejects DNS options on a pending peering); it is applied once you set accepted: true',
      ),
    ];
  },
};
