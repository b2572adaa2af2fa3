/**
 * TGW_SHARE_DUPLICATE: two files with the same `resourceShareArn`. Accepting a RAM share is per
 * account, not per VPC: the first stack accepts the invitation, the second finds none pending and
 * fails to create, and destroying either stack leaves the share for the vendor account as a whole,
 * cutting the other customer's attachment off. Each customer file needs its own share (a transit
 * gateway can be in several shares).
 *
 * TGW_ACCOUNT_CONFLICT, TGW_VENDOR_CIDR_OVERLAP: two customer files that name the same transit
 * gateway. A transit gateway id belongs to one account, so two files that disagree on its owner
 * have one of them wrong. And the vendor VPCs attached to one transit gateway must not overlap: the
 * transit gateway cannot route to two attachments with the same addresses, and the customer's
 * route tables could not tell them apart. The default vendorCidr is the same for every customer,
 * so the second customer on a shared transit gateway needs its own.
 *
 * Reported in every file involved, each at its own line (the account at `transitGateway.accountId`;
 * the vendor CIDR at `vendorCidr`, or at `transitGateway.id` when vendorCidr is the default and so
 * not written). The fix is the first range of the same size after the clashing one that overlaps
 * no vendor CIDR on that transit gateway and none of the networks routed through it; the same
 * range is offered in both files, for one of them to take.
 */
import type { FleetKey } from '../fleet-index';
import type { FieldPath, Finding, Rule } from './rule';
import type { LoadedCustomer } from '../types';
import { VENDOR_POOLS } from '../cidr';
import { findFreeBlock, formatBlock, overlaps, parseCidr, type Block } from '../../net/ipv4';
import { TGW_MIN_PREFIX, error, transitGatewayOf } from './support';

const SHARE_ARN: FleetKey = ({ customer: { connectivity: c } }) =>
  c.type === 'transit-gateway' ? c.transitGateway.resourceShareArn : undefined;

const TRANSIT_GATEWAY_ID: FleetKey = ({ customer: { connectivity: c } }) =>
  c.type === 'transit-gateway' ? c.transitGateway.id : undefined;

export const transitGatewayShared: Rule = {
  codes: ['TGW_SHARE_DUPLICATE', 'TGW_ACCOUNT_CONFLICT', 'TGW_VENDOR_CIDR_OVERLAP'],
  description:
    'Each file has its own share; files on one transit gateway agree on its owner and vendor CIDRs.',
  check({ document, customer, fleet, file }) {
    const tgw = transitGatewayOf(document);
    if (!tgw) return [];
    const id = tgw.transitGateway.id;
    const findings: Finding[] = [];
    // One index per key for the whole run: a lookup per file, not a scan of every other file.
    const sameShare = fleet.sharing('transitGateway.resourceShareArn', SHARE_ARN, { file, customer });
    if (sameShare.length > 0) {
      const files = sameShare.map((o) => o.file).sort();
      findings.push(
        error(
          'TGW_SHARE_DUPLICATE',
          ['connectivity', 'transitGateway', 'resourceShareArn'],
          `is also the share of ${files.join(', ')}; expected one resource share per customer file (accepting a share is per vendor account: the second stack would find no invitation, and destroying either would leave the share for both): ask the customer for another share of ${id} with the vendor account`,
        ),
      );
    }
    const sharing = [...fleet.sharing('transitGateway.id', TRANSIT_GATEWAY_ID, { file, customer })];
    if (sharing.length === 0) return findings;
    sharing.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));

    const otherAccounts = sharing.filter((o) => accountOf(o) !== tgw.transitGateway.accountId);
    if (otherAccounts.length > 0) {
      const named = otherAccounts.map((o) => `${o.file} says ${accountOf(o)}`).join(', ');
      findings.push(
        error(
          'TGW_ACCOUNT_CONFLICT',
          ['connectivity', 'transitGateway', 'accountId'],
          `${tgw.transitGateway.accountId} owns ${id} here, but ${named}; expected one owner per transit gateway: correct the accountId (or the transit gateway id) in the file that is wrong`,
        ),
      );
    }

    const vendor = parseCidr(customer.vendorCidr);
    if (vendor) {
      const clashing = sharing.filter((o) => {
        const v = parseCidr(o.customer.vendorCidr);
        return v !== undefined && overlaps(v, vendor);
      });
      if (clashing.length > 0) {
        const written = document.vendorCidr !== undefined;
        const path: FieldPath = written ? ['vendorCidr'] : ['connectivity', 'transitGateway', 'id'];
        const subject = written
          ? `${document.vendorCidr}`
          : `${id}: vendorCidr is not set, so the vendor VPC gets the platform default ${customer.vendorCidr}, which`;
        const named = clashing.map((o) => `${o.file} (vendorCidr ${o.customer.vendorCidr})`).join(', ');
        const free = freeRange(vendor, [customer, ...sharing.map((o) => o.customer)]);
        const fix = free
          ? `a free range on this transit gateway is ${formatBlock(free)}: set vendorCidr: ${formatBlock(free)} in one of the files`
          : `no /${vendor.prefix} in the private ranges is free on this transit gateway: choose a smaller vendorCidr`;
        findings.push(
          error(
            'TGW_VENDOR_CIDR_OVERLAP',
            path,
            `${subject} overlaps the vendor VPC of ${named} on the same transit gateway ${id}; expected disjoint vendor CIDRs (a transit gateway does not route between attachments with overlapping CIDRs); ${fix}`,
          ),
        );
      }
    }
    return findings;
  },
};

function accountOf(o: LoadedCustomer): string | undefined {
  const c = o.customer.connectivity;
  return c.type === 'transit-gateway' ? c.transitGateway.accountId : undefined;
}

/** The first block of the vendor's size, from the vendor's own address on, free on this transit gateway. */
function freeRange(vendor: Block, onGateway: readonly LoadedCustomer['customer'][]): Block | undefined {
  const avoid: Block[] = [];
  for (const c of onGateway) {
    const v = parseCidr(c.vendorCidr);
    if (v) avoid.push(v);
    if (c.connectivity.type === 'transit-gateway') {
      for (const text of c.connectivity.cidrs) {
        const n = parseCidr(text);
        if (n && n.prefix >= TGW_MIN_PREFIX) avoid.push(n);
      }
    }
  }
  return findFreeBlock({ prefix: vendor.prefix, from: vendor.network, avoid, pools: VENDOR_POOLS });
}
