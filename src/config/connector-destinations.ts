/**
 * Where a VPN stack's connectors may go: the connector security group allows egress to these
 * destinations only. With static routing, or BGP with `cidrs`, they are the customer's `cidrs`. With
 * BGP and no `cidrs` the routes are learned at runtime, so the group allows the private ranges a
 * customer network normally uses (spec v1.1), and VPN_EGRESS_DEFAULT says so.
 *
 * Shared by the stack (which builds the group) and the rules (which count its egress rules), so
 * both always agree.
 */
import type { SiteToSiteVpnConnectivity } from './types';

/** RFC 1918 and the shared address space (RFC 6598): the default VPN egress destinations. */
export const PRIVATE_RANGES: readonly string[] = [
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '100.64.0.0/10',
];

/** The destinations the connector security group of a VPN stack allows. */
export function vpnConnectorDestinations(c: SiteToSiteVpnConnectivity): readonly string[] {
  return c.cidrs.length > 0 ? c.cidrs : PRIVATE_RANGES;
}
