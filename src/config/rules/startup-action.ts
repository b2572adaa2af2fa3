/**
 * STARTUP_ACTION_IKEV1: AWS can only initiate the tunnel negotiation itself (startupAction start)
 * with IKEv2; with IKEv1 the customer device must start it.
 */
import type { Rule } from './rule';
import { error, vpnOf } from './support';

export const startupAction: Rule = {
  codes: ['STARTUP_ACTION_IKEV1'],
  description: 'startupAction start needs IKEv2.',
  check({ document }) {
    const vpn = vpnOf(document);
    if (vpn?.tunnelOptions?.startupAction !== 'start' || (vpn.ikeVersion ?? 'ikev2') !== 'ikev1') return [];
    return [
      error(
        'STARTUP_ACTION_IKEV1',
        ['connectivity', 'tunnelOptions', 'startupAction'],
        'start needs IKEv2 but ikeVersion is ikev1 (AWS can only initiate IKEv2 negotiations); expected startupAction: add, or ikeVersion: ikev2',
      ),
    ];
  },
};
