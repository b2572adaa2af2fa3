/**
 * VENDOR_CIDR_SIZE, VENDOR_CIDR_NOT_PRIVATE: the vendor VPC is split into four equal subnets (two
 * private, one public, one spare), and AWS's smallest subnet is a /28, so /26 is the smallest VPC;
 * /16 is AWS's largest. It must be private address space the vendor can route: RFC 1918 or the
 * shared address space, never link-local (AWS uses 169.254.0.0/16 for metadata and tunnels).
 */
import type { Finding, Rule } from './rule';
import { LINK_LOCAL, VENDOR_POOLS } from '../cidr';
import { findFreeBlock, formatBlock, networkOf, overlaps, parseCidr, contains } from '../../net/ipv4';
import { customerNetworks, error } from './support';
import { VENDOR_CIDR_PREFIX } from '../aws-limits';
import { orList } from '../../text/or-list';

const { min: MIN_PREFIX, max: MAX_PREFIX } = VENDOR_CIDR_PREFIX;

export const vendorCidr: Rule = {
  codes: ['VENDOR_CIDR_SIZE', 'VENDOR_CIDR_NOT_PRIVATE'],
  description: 'vendorCidr is /16-/26 and inside RFC 1918 or 100.64.0.0/10.',
  check({ document, settings }) {
    // The default comes from platform settings, which are validated on their own.
    if (document.vendorCidr === undefined) return [];
    const written = document.vendorCidr;
    const vendor = parseCidr(written);
    if (!vendor) return [];
    const findings: Finding[] = [];
    const sizeOk = vendor.prefix >= MIN_PREFIX && vendor.prefix <= MAX_PREFIX;
    if (!sizeOk) {
      const prefix = Math.min(MAX_PREFIX, Math.max(MIN_PREFIX, vendor.prefix));
      const resized = formatBlock({ network: networkOf(vendor.network, prefix), prefix });
      const why =
        vendor.prefix > MAX_PREFIX
          ? 'the stack splits vendorCidr into four subnets and an AWS subnet is at least a /28'
          : 'AWS allows at most a /16 per VPC CIDR block';
      findings.push(
        error(
          'VENDOR_CIDR_SIZE',
          ['vendorCidr'],
          `${written} is a /${vendor.prefix}; expected /${MIN_PREFIX} to /${MAX_PREFIX} (${why}), e.g. ${resized}`,
        ),
      );
    }
    if (!VENDOR_POOLS.some((pool) => contains(pool, vendor))) {
      const pools = orList(VENDOR_POOLS.map(formatBlock));
      const what = overlaps(vendor, LINK_LOCAL)
        ? ' (link-local: AWS uses it for metadata and VPN tunnels)'
        : '';
      let fix = '';
      if (sizeOk) {
        const defaultVendor = parseCidr(settings.defaultVendorCidr);
        const free = findFreeBlock({
          prefix: vendor.prefix,
          from: defaultVendor?.network ?? VENDOR_POOLS[0].network,
          avoid: customerNetworks(document).map((e) => e.cidr),
          pools: VENDOR_POOLS,
        });
        if (free) fix = `, e.g. ${formatBlock(free)}`;
      }
      findings.push(
        error(
          'VENDOR_CIDR_NOT_PRIVATE',
          ['vendorCidr'],
          `${written} is not private address space${what}; expected a range inside ${pools}${fix}`,
        ),
      );
    }
    return findings;
  },
};
