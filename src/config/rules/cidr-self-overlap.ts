/**
 * CIDR_DUPLICATE, CIDR_SELF_OVERLAP: within one list, the same network twice would create the same
 * route twice (AWS rejects the second: RouteAlreadyExists); overlapping VPC CIDR blocks cannot
 * exist in AWS, and overlapping customer networks make the VPN's routing ambiguous.
 *
 * Each conflict is reported once, at the later entry, naming the earlier one. Routes may overlap
 * (longest prefix wins) but not repeat. A VPN /0 is left to VPN_CIDR_SIZE (it overlaps everything).
 */
import type { Finding, Rule } from './rule';
import { overlaps, sameBlock, contains } from '../../net/ipv4';
import { formatPath } from '../../text/field-path';
import {
  cidrEntries,
  customerNetworks,
  error,
  peeringOf,
  transitGatewayOf,
  vpnOf,
  type CidrEntry,
} from './support';

export const cidrSelfOverlap: Rule = {
  codes: ['CIDR_DUPLICATE', 'CIDR_SELF_OVERLAP'],
  description:
    'peer.cidrs and VPN and transit-gateway cidrs neither repeat nor overlap; routes do not repeat.',
  check({ document }) {
    const findings: Finding[] = [];
    const peering = peeringOf(document);
    const vpn = vpnOf(document);
    if (peering) {
      findings.push(...checkList(cidrEntries(peering.peer.cidrs, ['connectivity', 'peer', 'cidrs']), true));
      findings.push(...checkList(cidrEntries(peering.routes, ['connectivity', 'routes']), false));
    }
    // A VPN /0 is VPN_CIDR_SIZE's to report; it would overlap every other entry.
    // Transit-gateway entries wider than /8 are TGW_CIDR_SIZE's (customerNetworks leaves them out).
    if (vpn || transitGatewayOf(document)) findings.push(...checkList(customerNetworks(document), true));
    return findings;
  },
};

function checkList(entries: readonly CidrEntry[], disjoint: boolean): Finding[] {
  const findings: Finding[] = [];
  entries.forEach((entry, i) => {
    const earlier = entries.slice(0, i);
    const twin = earlier.find((e) => sameBlock(e.cidr, entry.cidr));
    if (twin) {
      findings.push(
        error(
          'CIDR_DUPLICATE',
          entry.path,
          `${entry.text} repeats ${formatPath(twin.path)} ${twin.text}; expected each network once: remove this entry`,
        ),
      );
      return;
    }
    if (!disjoint) return;
    const other = earlier.find((e) => overlaps(e.cidr, entry.cidr));
    if (other) findings.push(error('CIDR_SELF_OVERLAP', entry.path, overlapMessage(entry, other)));
  });
  return findings;
}

function overlapMessage(entry: CidrEntry, other: CidrEntry): string {
  const where = `${formatPath(other.path)} ${other.text}`;
  // Aligned blocks overlap only by containment, so one of the two is redundant.
  if (contains(other.cidr, entry.cidr)) {
    return `${entry.text} lies inside ${where}; expected CIDRs that do not overlap: remove ${entry.text}`;
  }
  return `${entry.text} contains ${where}; expected CIDRs that do not overlap: keep ${entry.text} and remove ${other.text}`;
}
