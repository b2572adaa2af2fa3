/**
 * AMAZON_ASN_RANGE: AWS only accepts a private ASN for the virtual private gateway's side of BGP:
 * 64512-65534 (16-bit) or 4200000000-4294967294 (32-bit).
 */
import type { Rule } from './rule';
import { error, vpnOf } from './support';
import { AMAZON_SIDE_ASN_TEXT, isAmazonSideAsn } from '../aws-limits';

export const amazonSideAsn: Rule = {
  codes: ['AMAZON_ASN_RANGE'],
  description: 'amazonSideAsn is a private ASN AWS accepts for a virtual private gateway.',
  check({ document, settings }) {
    const asn = vpnOf(document)?.amazonSideAsn;
    if (asn === undefined || isAmazonSideAsn(asn)) return [];
    return [
      error(
        'AMAZON_ASN_RANGE',
        ['connectivity', 'amazonSideAsn'],
        `${asn} is not a private ASN AWS accepts for the vendor side; expected ${AMAZON_SIDE_ASN_TEXT}, or leave it out for the platform default ${settings.defaultAmazonSideAsn}`,
      ),
    ];
  },
};
