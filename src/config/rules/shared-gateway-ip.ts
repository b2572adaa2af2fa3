/**
 * CGW_IP_SHARED (warning): two customers with the same VPN device address usually means a copied
 * file. It can be legitimate (one device serving two organisations), and each customer gets its own
 * AWS customer gateway as long as the device name (default derived from the id) or the ASN differs,
 * so it is only a warning, reported in every file involved and naming all of them. Files with the
 * same IP, ASN and device name are CGW_IDENTITY_DUPLICATE instead.
 */
import type { FleetKey } from '../fleet-index';
import { CUSTOMER_GATEWAY_IDENTITY } from './customer-gateway-identity';
import type { Rule } from './rule';
import { vpnOf, warning } from './support';

const GATEWAY_IP: FleetKey = ({ customer: { connectivity: c } }) =>
  c.type === 'site-to-site-vpn' ? c.customerGateway.ip : undefined;

export const sharedGatewayIp: Rule = {
  codes: ['CGW_IP_SHARED'],
  description: 'Two VPN customers rarely share a customer gateway address.',
  check({ document, customer, fleet, file }) {
    const ip = vpnOf(document)?.customerGateway.ip;
    if (ip === undefined) return [];
    // One index for the whole run: a lookup per file, not a scan of every other file.
    const self = { file, customer };
    // Files describing the very same gateway get CGW_IDENTITY_DUPLICATE (an error) instead.
    const identity = CUSTOMER_GATEWAY_IDENTITY(self);
    const sharing = fleet
      .sharing('customerGateway.ip', GATEWAY_IP, self)
      .filter((o) => CUSTOMER_GATEWAY_IDENTITY(o) !== identity);
    if (sharing.length === 0) return [];
    const files = [file, ...sharing.map((o) => o.file)].sort();
    return [
      warning(
        'CGW_IP_SHARED',
        ['connectivity', 'customerGateway', 'ip'],
        `${ip} is the customer gateway of ${files.length} customers (${files.join(', ')}); expected one VPN device per customer: check that this file was not copied from another`,
      ),
    ];
  },
};
