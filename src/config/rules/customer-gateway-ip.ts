/**
 * CGW_IP_NOT_PUBLIC, CGW_IP_DOCUMENTATION: AWS terminates the tunnels on the customer gateway's
 * address across the internet, so it must be publicly routable. Documentation addresses (RFC 5737)
 * are valid syntax and common in copied examples but never a real device: a warning.
 */
import type { Rule } from './rule';
import { DOCUMENTATION, NOT_PUBLIC } from '../cidr';
import { containsAddress, formatBlock, parseIpv4 } from '../../net/ipv4';
import { error, vpnOf, warning } from './support';

const PATH = ['connectivity', 'customerGateway', 'ip'];

export const customerGatewayIp: Rule = {
  codes: ['CGW_IP_NOT_PUBLIC', 'CGW_IP_DOCUMENTATION'],
  description: "The customer gateway's IP is a public, routable IPv4 address.",
  check({ document }) {
    const vpn = vpnOf(document);
    if (!vpn) return [];
    const ip = vpn.customerGateway.ip;
    const address = parseIpv4(ip);
    if (address === undefined) return [];
    const range = NOT_PUBLIC.find((r) => containsAddress(r.block, address));
    if (range) {
      return [
        error(
          'CGW_IP_NOT_PUBLIC',
          PATH,
          `${ip} is in ${formatBlock(range.block)} (${range.name}), which is not reachable over the internet; expected the public IPv4 address of the customer's VPN device (behind NAT: the NAT device's public address)`,
        ),
      ];
    }
    const doc = DOCUMENTATION.find((r) => containsAddress(r, address));
    if (doc) {
      return [
        warning(
          'CGW_IP_DOCUMENTATION',
          PATH,
          `${ip} is in ${formatBlock(doc)}, a documentation range (RFC 5737) that no real device uses; expected the public IPv4 address of the customer's VPN device`,
        ),
      ];
    }
    return [];
  },
};
