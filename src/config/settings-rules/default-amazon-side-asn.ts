/** The default vendor-side ASN must be one AWS accepts (the customer rule AMAZON_ASN_RANGE's ranges). */
import { AMAZON_SIDE_ASN_TEXT, isAmazonSideAsn } from '../aws-limits';
import { error } from '../rules/support';
import { SETTINGS_INVALID, type SettingsRule } from './rule';

export const defaultAmazonSideAsn: SettingsRule = {
  description: 'defaultAmazonSideAsn is a private ASN AWS accepts for a virtual private gateway.',
  check({ defaultAmazonSideAsn: asn }) {
    if (asn === undefined || isAmazonSideAsn(asn)) return [];
    return [
      error(
        SETTINGS_INVALID,
        ['defaultAmazonSideAsn'],
        `${asn} is out of range; expected ${AMAZON_SIDE_ASN_TEXT}`,
      ),
    ];
  },
};
