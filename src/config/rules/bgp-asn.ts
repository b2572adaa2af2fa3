/**
 * BGP_ASN_REQUIRED, BGP_ASN_WITH_STATIC, ASN_RESERVED, ASN_CONFLICT: with BGP routing the customer
 * gateway's ASN is what AWS peers with; with static routing a written ASN is ignored and misleads
 * the reader. AWS refuses its own ASNs (7224, 9059, 10124, 17493, 17943) for a customer gateway,
 * and a BGP session between two equal ASNs is treated as internal BGP, which the VPN does not do.
 */
import type { Rule } from './rule';
import { error, vpnOf } from './support';

/** Amazon's own ASNs; AWS refuses them for customer gateways. */
const AMAZON_ASNS: readonly number[] = [7224, 9059, 10124, 17493, 17943];

const PATH = ['connectivity', 'customerGateway', 'bgpAsn'];

export const bgpAsn: Rule = {
  codes: ['BGP_ASN_REQUIRED', 'BGP_ASN_WITH_STATIC', 'ASN_RESERVED', 'ASN_CONFLICT'],
  description: "The customer's BGP ASN is given exactly when routing is bgp, and is usable.",
  check({ document, customer }) {
    const vpn = vpnOf(document);
    if (!vpn || customer.connectivity.type !== 'site-to-site-vpn') return [];
    const asn = vpn.customerGateway.bgpAsn;
    const routing = vpn.routing ?? 'bgp';
    const amazonAsn = customer.connectivity.amazonSideAsn;
    const amazonText =
      vpn.amazonSideAsn === undefined
        ? `amazonSideAsn ${amazonAsn} (the platform default)`
        : `amazonSideAsn ${amazonAsn}`;
    const suggestion = amazonAsn === 65000 ? 65001 : 65000;
    if (routing === 'static') {
      if (asn === undefined) return [];
      return [
        error(
          'BGP_ASN_WITH_STATIC',
          PATH,
          `${asn} is set but routing is static, which uses no BGP; expected no bgpAsn: remove it, or set routing: bgp`,
          'key',
        ),
      ];
    }
    if (asn === undefined) {
      const routingNote = vpn.routing === undefined ? 'routing is bgp (the default)' : 'routing is bgp';
      return [
        error(
          'BGP_ASN_REQUIRED',
          PATH,
          `is missing and ${routingNote}; expected the ASN of the customer's VPN device, e.g. bgpAsn: ${suggestion}, or set routing: static with cidrs`,
        ),
      ];
    }
    if (AMAZON_ASNS.includes(asn)) {
      return [
        error(
          'ASN_RESERVED',
          PATH,
          `${asn} is reserved by Amazon; expected a private ASN such as ${suggestion} that differs from ${amazonText}`,
        ),
      ];
    }
    if (asn === amazonAsn) {
      return [
        error(
          'ASN_CONFLICT',
          PATH,
          `${asn} equals the vendor-side ${amazonText}; expected a different ASN such as ${suggestion}, or set amazonSideAsn to another private ASN`,
        ),
      ];
    }
    return [];
  },
};
