/**
 * CIDR_OVERLAP: traffic to an address inside both the vendor VPC and a customer network cannot be
 * routed (the VPC's local route always wins), and AWS refuses a peering between overlapping VPCs.
 * Customer VPN networks must also stay out of 169.254.0.0/16, where AWS puts the tunnel inside
 * addresses.
 *
 * The fix suggests a vendorCidr of the same size that overlaps none of the customer's networks.
 * The search starts at the next /16 boundary after the current vendorCidr rather than right next
 * to it: customers tend to grow their networks into the adjacent space, so a neighbour of their
 * range is the likeliest to collide next (spec example: 10.200.0.0/25 vs 10.200.0.0/24 suggests
 * 10.201.0.0/25). It stays in the same private range when it can, then tries the others.
 */
import type { Finding, Rule } from './rule';
import { LINK_LOCAL, VENDOR_POOLS } from '../cidr';
import {
  blockSize,
  findFreeBlock,
  formatBlock,
  lastAddress,
  overlaps,
  parseCidr,
  type Block,
} from '../../net/ipv4';
import { customerNetworks, error, vpnOf, type CidrEntry } from './support';

const STRIDE = blockSize(16);

export const cidrOverlap: Rule = {
  codes: ['CIDR_OVERLAP'],
  description: 'No customer network overlaps vendorCidr; VPN networks stay out of 169.254.0.0/16.',
  check({ document, customer }) {
    const findings: Finding[] = [];
    const networks = customerNetworks(document);
    const vendor = parseCidr(customer.vendorCidr);
    if (vendor) {
      const clashing = networks.filter((e) => overlaps(e.cidr, vendor));
      if (clashing.length > 0) {
        const vendorText =
          document.vendorCidr === undefined
            ? `vendorCidr ${customer.vendorCidr} (the platform default: vendorCidr is not set)`
            : `vendorCidr ${document.vendorCidr}`;
        const fix = freeRangeFix(vendor, networks, document.vendorCidr === undefined);
        for (const e of clashing) {
          findings.push(error('CIDR_OVERLAP', e.path, `${e.text} overlaps ${vendorText}; ${fix}`));
        }
      }
    }
    if (vpnOf(document)) {
      for (const e of networks.filter((n) => overlaps(n.cidr, LINK_LOCAL))) {
        findings.push(
          error(
            'CIDR_OVERLAP',
            e.path,
            `${e.text} overlaps ${formatBlock(LINK_LOCAL)}, the link-local range AWS uses for tunnel inside addresses; expected customer networks outside it: remove or narrow this entry`,
          ),
        );
      }
    }
    return findings;
  },
};

function freeRangeFix(vendor: Block, networks: readonly CidrEntry[], isDefault: boolean): string {
  const free = findFreeBlock({
    prefix: vendor.prefix,
    from: Math.ceil((lastAddress(vendor) + 1) / STRIDE) * STRIDE,
    avoid: networks.map((e) => e.cidr),
    pools: VENDOR_POOLS,
  });
  if (!free) {
    return `no /${vendor.prefix} in the private ranges is free of the customer's networks: choose a smaller vendorCidr`;
  }
  const range = formatBlock(free);
  return isDefault ? `a free range is ${range}: set vendorCidr: ${range}` : `a free range is ${range}`;
}
