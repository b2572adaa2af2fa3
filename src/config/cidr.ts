/**
 * Named IPv4 ranges the customer rules share. The arithmetic lives in src/net/ipv4.ts.
 */
import { cidr, type Cidr } from '../net/ipv4';

// Named ranges the rules share. Sources: RFC 1918 (private), RFC 6598 (shared address space),
// RFC 3927 (link-local), RFC 5737 (documentation), RFC 6890 (special-purpose registry).

/** Where a vendor VPC may live: RFC 1918, then the shared address space (RFC 6598). */
export const VENDOR_POOLS: readonly Cidr[] = [
  cidr('10.0.0.0/8'),
  cidr('172.16.0.0/12'),
  cidr('192.168.0.0/16'),
  cidr('100.64.0.0/10'),
];

/** Link-local: AWS uses it for tunnel inside addresses and instance metadata. */
export const LINK_LOCAL: Cidr = cidr('169.254.0.0/16');

/** Addresses a customer gateway cannot have because they are not publicly routable. */
export const NOT_PUBLIC: readonly { readonly block: Cidr; readonly name: string }[] = [
  { block: cidr('0.0.0.0/8'), name: '"this network" (RFC 791)' },
  { block: cidr('10.0.0.0/8'), name: 'private (RFC 1918)' },
  { block: cidr('100.64.0.0/10'), name: 'shared address space (RFC 6598)' },
  { block: cidr('127.0.0.0/8'), name: 'loopback' },
  { block: cidr('169.254.0.0/16'), name: 'link-local (RFC 3927)' },
  { block: cidr('172.16.0.0/12'), name: 'private (RFC 1918)' },
  { block: cidr('192.0.0.0/24'), name: 'IETF protocol assignments (RFC 6890)' },
  { block: cidr('192.168.0.0/16'), name: 'private (RFC 1918)' },
  { block: cidr('198.18.0.0/15'), name: 'benchmarking (RFC 2544)' },
  { block: cidr('224.0.0.0/4'), name: 'multicast' },
  { block: cidr('240.0.0.0/4'), name: 'reserved (RFC 1112)' },
];

/** Documentation ranges (RFC 5737): valid syntax, never a real device. */
export const DOCUMENTATION: readonly Cidr[] = [
  cidr('192.0.2.0/24'),
  cidr('198.51.100.0/24'),
  cidr('203.0.113.0/24'),
];
