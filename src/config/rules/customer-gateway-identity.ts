/**
 * CGW_IDENTITY_DUPLICATE (error, every file involved): AWS answers a CreateCustomerGateway request
 * that matches an existing gateway (same IP address, same ASN, same device name) with that existing
 * gateway. Two stacks would then manage one AWS object: the second "creates" what the first owns,
 * and destroying either breaks the other. Static VPNs all use ASN 65000 (see site-to-site-vpn.ts),
 * so for them the IP and device name decide. Same IP with a different device name or ASN stays the
 * CGW_IP_SHARED warning (AWS creates distinct gateways). Decommissioned customers count: their
 * gateway exists until their destroy is applied.
 */
import { STATIC_ROUTING_CUSTOMER_GATEWAY_ASN } from '../vpn-constants';
import type { FleetKey } from '../fleet-index';
import type { Rule } from './rule';
import { error } from './support';

/** The identity AWS compares: ip, ASN (65000 for static) and device name. */
export const CUSTOMER_GATEWAY_IDENTITY: FleetKey = ({ customer: { connectivity: c } }) =>
  c.type === 'site-to-site-vpn'
    ? JSON.stringify([
        c.customerGateway.ip,
        c.routing === 'bgp'
          ? (c.customerGateway.bgpAsn ?? STATIC_ROUTING_CUSTOMER_GATEWAY_ASN)
          : STATIC_ROUTING_CUSTOMER_GATEWAY_ASN,
        c.customerGateway.deviceName,
      ])
    : undefined;

export const customerGatewayIdentity: Rule = {
  codes: ['CGW_IDENTITY_DUPLICATE'],
  description: 'No two VPN customers describe the same AWS customer gateway (IP, ASN and device name).',
  check({ customer, fleet, file }) {
    const c = customer.connectivity;
    if (c.type !== 'site-to-site-vpn') return [];
    const sharing = fleet.sharing('customerGateway.identity', CUSTOMER_GATEWAY_IDENTITY, { file, customer });
    if (sharing.length === 0) return [];
    const files = sharing.map((o) => o.file).sort();
    const bgpAsn = c.routing === 'bgp' ? c.customerGateway.bgpAsn : undefined;
    const asn =
      bgpAsn !== undefined
        ? `BGP ASN ${bgpAsn}`
        : `ASN ${STATIC_ROUTING_CUSTOMER_GATEWAY_ASN} (${c.routing === 'static' ? 'static routing' : 'no BGP ASN given'})`;
    return [
      error(
        'CGW_IDENTITY_DUPLICATE',
        ['connectivity', 'customerGateway'],
        `ip ${c.customerGateway.ip}, ${asn} and device name ${JSON.stringify(c.customerGateway.deviceName)} are also the customer gateway of ${files.join(', ')}; AWS returns one existing gateway for identical requests, so two stacks would manage one object: give each file its own customerGateway.deviceName (or remove the deviceName to use the default linkforge-<id>)`,
        'key',
      ),
    ];
  },
};
