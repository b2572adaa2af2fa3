/**
 * SINGLE_TUNNEL (warning): AWS replaces tunnel endpoints during maintenance one at a time, so with
 * one tunnel configured every maintenance or tunnel failure is an outage for the customer.
 */
import type { Rule } from './rule';
import { vpnOf, warning } from './support';

export const singleTunnel: Rule = {
  codes: ['SINGLE_TUNNEL'],
  description: 'A VPN with one tunnel has no redundancy.',
  check({ document }) {
    if (vpnOf(document)?.tunnels !== 1) return [];
    return [
      warning(
        'SINGLE_TUNNEL',
        ['connectivity', 'tunnels'],
        '1 leaves no redundancy: a tunnel failure or AWS tunnel maintenance is an outage; expected tunnels: 2 (the default) unless the customer device supports only one',
      ),
    ];
  },
};
