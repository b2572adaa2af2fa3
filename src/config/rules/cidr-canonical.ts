/**
 * CIDR_NOT_CANONICAL: a CIDR with host bits set (`10.0.0.1/24`) is ambiguous to a reader and AWS
 * either rejects it (VPC, routes) or silently rewrites it, which then shows as a diff on every plan.
 */
import type { Finding, Rule } from './rule';
import { formatBlock, isCanonical, parseCidr } from '../../net/ipv4';
import { cidrEntries, error, writtenCidrLists } from './support';

export const cidrCanonical: Rule = {
  codes: ['CIDR_NOT_CANONICAL'],
  description: 'Every CIDR is written with its network address (no host bits set).',
  check({ document }) {
    const findings: Finding[] = [];
    if (document.vendorCidr !== undefined) {
      const vendor = parseCidr(document.vendorCidr);
      if (vendor && !isCanonical(vendor)) findings.push(notCanonical(['vendorCidr'], document.vendorCidr));
    }
    for (const { path, list } of writtenCidrLists(document)) {
      for (const entry of cidrEntries(list, path)) {
        if (!isCanonical(entry.cidr)) findings.push(notCanonical(entry.path, entry.text));
      }
    }
    return findings;
  },
};

function notCanonical(path: Finding['path'], text: string): Finding {
  const canonical = formatBlock(parseCidr(text)!);
  return error(
    'CIDR_NOT_CANONICAL',
    path,
    `${text} has host bits set; expected the network address: write ${canonical}`,
  );
}
