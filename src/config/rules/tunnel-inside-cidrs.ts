/**
 * TUNNEL_INSIDE_CIDR: AWS requires each tunnel's inside CIDR to be a /30 in 169.254.0.0/16 and
 * reserves seven of them (the six /30s 169.254.0.0 ... 169.254.5.0, and 169.254.169.252/30):
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpnTunnelOptionsSpecification.html
 * The two tunnels need different ones, or both BGP sessions would use the same addresses.
 */
import type { Finding, Rule } from './rule';
import { LINK_LOCAL } from '../cidr';
import { cidr, contains, findFreeBlock, formatBlock, overlaps, sameBlock, type Block } from '../../net/ipv4';
import { cidrEntries, error, vpnOf } from './support';
import { formatPath } from '../../text/field-path';

/** The inside /30s AWS reserves. */
const RESERVED_INSIDE_CIDRS: readonly Block[] = [
  '169.254.0.0/30',
  '169.254.1.0/30',
  '169.254.2.0/30',
  '169.254.3.0/30',
  '169.254.4.0/30',
  '169.254.5.0/30',
  '169.254.169.252/30',
].map(cidr);

const SUGGEST_FROM = cidr('169.254.10.0/30').network;

export const tunnelInsideCidrs: Rule = {
  codes: ['TUNNEL_INSIDE_CIDR'],
  description: 'insideCidrs are two distinct, unreserved /30s in 169.254.0.0/16.',
  check({ document }) {
    const inside = vpnOf(document)?.tunnelOptions?.insideCidrs;
    if (!inside) return [];
    const entries = cidrEntries(inside, ['connectivity', 'tunnelOptions', 'insideCidrs']);
    const findings: Finding[] = [];
    entries.forEach((entry, i) => {
      // The fix: the first usable /30 from 169.254.10.0 (AWS's own examples start there, clear of
      // the reserved block) that the other tunnel does not use.
      const taken = entries.filter((_, j) => j !== i).map((e) => e.cidr);
      const free = findFreeBlock({
        prefix: 30,
        from: SUGGEST_FROM,
        avoid: [...RESERVED_INSIDE_CIDRS, ...taken],
        pools: [LINK_LOCAL],
      });
      const fix = free ? `, e.g. ${formatBlock(free)}` : '';
      let problem: string | undefined;
      if (entry.cidr.prefix !== 30) problem = `is a /${entry.cidr.prefix}`;
      else if (!contains(LINK_LOCAL, entry.cidr)) problem = 'is outside 169.254.0.0/16';
      else if (RESERVED_INSIDE_CIDRS.some((r) => overlaps(r, entry.cidr))) {
        problem = 'is reserved by AWS (169.254.0.0/30 to 169.254.5.0/30 and 169.254.169.252/30)';
      } else {
        const twin = entries.slice(0, i).find((e) => sameBlock(e.cidr, entry.cidr));
        if (twin) problem = `repeats ${formatPath(twin.path)}, but each tunnel needs its own`;
      }
      if (problem) {
        findings.push(
          error(
            'TUNNEL_INSIDE_CIDR',
            entry.path,
            `${entry.text} ${problem}; expected a /30 in 169.254.0.0/16 that AWS does not reserve and the other tunnel does not use${fix}`,
          ),
        );
      }
    });
    return findings;
  },
};
