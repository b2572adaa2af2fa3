/**
 * STATIC_CIDRS_REQUIRED, VPN_CIDR_SIZE: with static routing the VPN only knows the customer's
 * networks from `cidrs` (one static route each), so at least one is needed. A /0 would send all of
 * the vendor VPC's traffic, internet egress included, into the tunnels.
 */
import type { Finding, Rule } from './rule';
import { cidrEntries, error, vpnOf } from './support';

export const vpnCidrs: Rule = {
  codes: ['STATIC_CIDRS_REQUIRED', 'VPN_CIDR_SIZE'],
  description: 'Static routing has at least one customer network; no customer network is /0.',
  check({ document }) {
    const vpn = vpnOf(document);
    if (!vpn) return [];
    const findings: Finding[] = [];
    if (vpn.routing === 'static' && (vpn.cidrs ?? []).length === 0) {
      const written = vpn.cidrs !== undefined;
      findings.push(
        error(
          'STATIC_CIDRS_REQUIRED',
          ['connectivity', 'cidrs'],
          `${written ? '[] is empty' : 'is missing'} but routing is static; expected at least one customer network, e.g. cidrs: [192.168.0.0/16], or routing: bgp`,
        ),
      );
    }
    for (const e of cidrEntries(vpn.cidrs, ['connectivity', 'cidrs'])) {
      if (e.cidr.prefix === 0) {
        findings.push(
          error(
            'VPN_CIDR_SIZE',
            e.path,
            `${e.text} is a default route, which would send all of the vendor VPC's traffic into the VPN; expected the customer's networks (any prefix but /0)`,
          ),
        );
      }
    }
    return findings;
  },
};
