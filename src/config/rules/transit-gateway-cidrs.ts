/**
 * TGW_CIDR_SIZE, TGW_CIDR_RESERVED: the transit-gateway `cidrs` become routes in the vendor VPC
 * and egress rules of the connector security group. A prefix shorter than /8 is not a customer
 * network but a slice of the internet (a /0 would send every packet of the vendor VPC, internet
 * egress included, to the customer). Addresses no customer network can hold are refused: "this
 * network" 0.0.0.0/8, loopback 127.0.0.0/8, link-local 169.254.0.0/16 (AWS's metadata and DNS
 * addresses inside every VPC) and 224.0.0.0/3 (multicast and the reserved class E).
 */
import type { Finding, Rule } from './rule';
import { cidr, contains, formatBlock, overlaps } from '../../net/ipv4';
import { TGW_MIN_PREFIX, cidrEntries, error, transitGatewayOf } from './support';

/** Ranges a transit-gateway `cidrs` entry may not touch, with what they are. */
export const TGW_RESERVED = [
  { block: cidr('0.0.0.0/8'), name: '"this network" (RFC 791)' },
  { block: cidr('127.0.0.0/8'), name: 'loopback' },
  { block: cidr('169.254.0.0/16'), name: 'link-local, where AWS serves instance metadata and DNS' },
  { block: cidr('224.0.0.0/3'), name: 'multicast and reserved' },
] as const;

export const transitGatewayCidrs: Rule = {
  codes: ['TGW_CIDR_SIZE', 'TGW_CIDR_RESERVED'],
  description: 'Transit-gateway cidrs are /8 to /32 and outside reserved address ranges.',
  check({ document }) {
    const tgw = transitGatewayOf(document);
    if (!tgw) return [];
    const findings: Finding[] = [];
    for (const e of cidrEntries(tgw.cidrs, ['connectivity', 'cidrs'])) {
      if (e.cidr.prefix < TGW_MIN_PREFIX) {
        findings.push(
          error(
            'TGW_CIDR_SIZE',
            e.path,
            `${e.text} is a /${e.cidr.prefix}; expected /${TGW_MIN_PREFIX} to /32, the customer's own networks (a wider prefix routes a share of the internet to the customer): list the networks behind the transit gateway`,
          ),
        );
        continue;
      }
      const reserved = TGW_RESERVED.find((r) => overlaps(r.block, e.cidr));
      if (reserved) {
        findings.push(
          error(
            'TGW_CIDR_RESERVED',
            e.path,
            `${e.text} ${contains(reserved.block, e.cidr) ? 'lies in' : 'overlaps'} ${formatBlock(reserved.block)} (${reserved.name}); expected customer networks outside 0.0.0.0/8, 127.0.0.0/8, 169.254.0.0/16 and 224.0.0.0/3: remove or correct this entry`,
          ),
        );
      }
    }
    return findings;
  },
};
