/**
 * VPN_EGRESS_DEFAULT (warning): a BGP VPN without `cidrs` gets a connector security group that allows
 * egress to every private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10), because
 * the routes are only learned at runtime (spec v1.1). Valid, but listing `cidrs` narrows what the
 * connectors can reach to the customer's networks.
 */
import { PRIVATE_RANGES } from '../connector-destinations';
import type { Rule } from './rule';
import { vpnOf, warning } from './support';

export const vpnEgressDefault: Rule = {
  codes: ['VPN_EGRESS_DEFAULT'],
  description: 'A BGP VPN without cidrs lets the connectors reach every private range.',
  check({ document }) {
    const vpn = vpnOf(document);
    // A decommissioned stack creates no group: nothing to narrow.
    if (!vpn || document.decommission === true) return [];
    if ((vpn.routing ?? 'bgp') !== 'bgp' || (vpn.cidrs ?? []).length > 0) return [];
    // A missing key is reported at its parent (`connectivity`); `cidrs: []` at the empty list.
    return [
      warning(
        'VPN_EGRESS_DEFAULT',
        ['connectivity', 'cidrs'],
        `is empty with routing bgp, so the connector security group allows egress to ${PRIVATE_RANGES.join(', ')} (BGP routes are only known at runtime); list the customer's networks in connectivity.cidrs to narrow what the connectors can reach`,
      ),
    ];
  },
};
