/**
 * The ordered list of semantic rules. Order decides the order of findings for one location only
 * (diagnostics are sorted by file, line and column before printing), so it is kept stable.
 * Each code a rule emits is documented in docs/diagnostics.md.
 */
import type { Rule } from './rule';
import { amazonSideAsn } from './amazon-side-asn';
import { awsQuotas } from './aws-quotas';
import { bgpAsn } from './bgp-asn';
import { cidrCanonical } from './cidr-canonical';
import { cidrOverlap } from './cidr-overlap';
import { cidrSelfOverlap } from './cidr-self-overlap';
import { customerGatewayIdentity } from './customer-gateway-identity';
import { customerGatewayIp } from './customer-gateway-ip';
import { dnsResolution } from './dns-resolution';
import { fleetCapacityRule } from './fleet-capacity';
import { idMatchesFile } from './id-matches-file';
import { orgIdUnique } from './org-id-unique';
import { peerCidrSize } from './peer-cidr-size';
import { publicRoutes } from './public-routes';
import { region } from './region';
import { routeOutsidePeer } from './route-outside-peer';
import { sharedGatewayIp } from './shared-gateway-ip';
import { singleTunnel } from './single-tunnel';
import { startupAction } from './startup-action';
import { tcpPorts } from './tcp-ports';
import { transitGatewayCidrs } from './transit-gateway-cidrs';
import { transitGatewayShare } from './transit-gateway-share';
import { transitGatewayShared } from './transit-gateway-shared';
import { tunnelInsideCidrs } from './tunnel-inside-cidrs';
import { tunnelLifetime } from './tunnel-lifetime';
import { tunnelRekeyMargin } from './tunnel-rekey-margin';
import { vendorCidr } from './vendor-cidr';
import { vpnCidrs } from './vpn-cidrs';
import { vpnEgressDefault } from './vpn-egress-default';
import { vpnTier } from './vpn-tier';

export const RULES: readonly Rule[] = [
  // Identity and placement.
  idMatchesFile,
  region,
  vpnTier,
  // Addressing.
  cidrCanonical,
  vendorCidr,
  peerCidrSize,
  vpnCidrs,
  transitGatewayCidrs,
  cidrSelfOverlap,
  cidrOverlap,
  routeOutsidePeer,
  publicRoutes,
  tcpPorts,
  dnsResolution,
  awsQuotas,
  // VPN.
  customerGatewayIp,
  bgpAsn,
  amazonSideAsn,
  singleTunnel,
  vpnEgressDefault,
  tunnelInsideCidrs,
  tunnelLifetime,
  tunnelRekeyMargin,
  startupAction,
  // Transit gateway.
  transitGatewayShare,
  // Across files.
  orgIdUnique,
  sharedGatewayIp,
  transitGatewayShared,
  customerGatewayIdentity,
  fleetCapacityRule,
];
