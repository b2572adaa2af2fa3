/**
 * CGW_IP_SHARED (warning): two customers with the same VPN device address usually means a copied
 * file. It can be legitimate (one device serving two organisations), and each customer gets its own
 * AWS customer gateway because the device name derives from the id, so it is only a warning,
 * reported in every file involved and naming all of them.
 */
import type { Rule } from './rule';
import { vpnOf, warning } from './support';

export const sharedGatewayIp: Rule = {
  codes: ['CGW_IP_SHARED'],
  description: 'Two VPN customers rarely share a customer gateway address.',
  check({ document, others, file }) {
    const ip = vpnOf(document)?.customerGateway.ip;
    if (ip === undefined) return [];
    // A plain loop: every file scans every other one (n² for n files).
    const sharing: string[] = [];
    for (const o of others) {
      const c = o.customer.connectivity;
      if (c.type === 'site-to-site-vpn' && c.customerGateway.ip === ip) sharing.push(o.file);
    }
    if (sharing.length === 0) return [];
    const files = [file, ...sharing].sort();
    return [
      warning(
        'CGW_IP_SHARED',
        ['connectivity', 'customerGateway', 'ip'],
        `${ip} is the customer gateway of ${files.length} customers (${files.join(', ')}); expected one VPN device per customer: check that this file was not copied from another`,
      ),
    ];
  },
};
