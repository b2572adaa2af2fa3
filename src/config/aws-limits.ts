/**
 * AWS limits the customer rules and the platform settings rules both check, written once: the
 * private ASNs a virtual private gateway accepts and the vendor VPC's size. (The private address
 * pools are in ./cidr.ts.)
 */
import { orList } from '../text/or-list';

/** AWS only accepts a private ASN for the virtual private gateway: 16-bit, then 32-bit. */
const AMAZON_SIDE_ASN_RANGES: readonly (readonly [number, number])[] = [
  [64512, 65534],
  [4200000000, 4294967294],
];

export function isAmazonSideAsn(asn: number): boolean {
  return AMAZON_SIDE_ASN_RANGES.some(([low, high]) => asn >= low && asn <= high);
}

/** `64512-65534 or 4200000000-4294967294`, for messages and descriptions. */
export const AMAZON_SIDE_ASN_TEXT = orList(AMAZON_SIDE_ASN_RANGES.map(([low, high]) => `${low}-${high}`));

/**
 * Prefix lengths of a vendor VPC: AWS allows at most a /16 per VPC CIDR block, and the stack splits
 * it into four subnets of at least a /28 (AWS's smallest), so at least a /26.
 */
export const VENDOR_CIDR_PREFIX = { min: 16, max: 26 } as const;
