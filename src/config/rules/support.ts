/**
 * Small helpers the rules share: building findings, printing field paths and CIDR lists. Not a
 * rule itself (rules/index.ts lists the rules).
 */
import type { FieldPath, Finding } from './rule';
import type {
  CustomerDocument,
  SiteToSiteVpnDocument,
  TransitGatewayDocument,
  VpcPeeringDocument,
} from './rule';
import type { Severity } from '../diagnostics';
import { parseCidr, type Cidr } from '../../net/ipv4';

export function finding(
  severity: Severity,
  code: string,
  path: FieldPath,
  message: string,
  target?: 'key' | 'value',
): Finding {
  return target ? { severity, code, path, message, target } : { severity, code, path, message };
}

export function error(code: string, path: FieldPath, message: string, target?: 'key' | 'value'): Finding {
  return finding('error', code, path, message, target);
}

export function warning(code: string, path: FieldPath, message: string, target?: 'key' | 'value'): Finding {
  return finding('warning', code, path, message, target);
}

export function peeringOf(doc: CustomerDocument): VpcPeeringDocument | undefined {
  return doc.connectivity.type === 'vpc-peering' ? doc.connectivity : undefined;
}

export function vpnOf(doc: CustomerDocument): SiteToSiteVpnDocument | undefined {
  return doc.connectivity.type === 'site-to-site-vpn' ? doc.connectivity : undefined;
}

export function transitGatewayOf(doc: CustomerDocument): TransitGatewayDocument | undefined {
  return doc.connectivity.type === 'transit-gateway' ? doc.connectivity : undefined;
}

/** Smallest prefix length of a transit-gateway `cidrs` entry (a /7 or wider is TGW_CIDR_SIZE's). */
export const TGW_MIN_PREFIX = 8;

/** A CIDR list entry as written, with where it is; entries that do not parse are left out. */
export interface CidrEntry {
  readonly text: string;
  readonly cidr: Cidr;
  readonly path: FieldPath;
}

/** Parse each entry of a written CIDR list (the schema has checked the syntax already). */
export function cidrEntries(list: readonly string[] | undefined, base: FieldPath): CidrEntry[] {
  const entries: CidrEntry[] = [];
  (list ?? []).forEach((text, i) => {
    const parsed = parseCidr(text);
    if (parsed) entries.push({ text, cidr: parsed, path: [...base, i] });
  });
  return entries;
}

/** Every CIDR list a customer file can hold, with its path (the lists the overlap rules examine). */
export function writtenCidrLists(doc: CustomerDocument): { path: FieldPath; list: readonly string[] }[] {
  const peering = peeringOf(doc);
  const vpn = vpnOf(doc);
  const lists: { path: FieldPath; list: readonly string[] }[] = [];
  if (peering) {
    lists.push({ path: ['connectivity', 'peer', 'cidrs'], list: peering.peer.cidrs });
    if (peering.routes) lists.push({ path: ['connectivity', 'routes'], list: peering.routes });
  }
  if (vpn?.cidrs) lists.push({ path: ['connectivity', 'cidrs'], list: vpn.cidrs });
  const tgw = transitGatewayOf(doc);
  if (tgw) lists.push({ path: ['connectivity', 'cidrs'], list: tgw.cidrs });
  if (vpn?.tunnelOptions?.insideCidrs) {
    lists.push({
      path: ['connectivity', 'tunnelOptions', 'insideCidrs'],
      list: vpn.tunnelOptions.insideCidrs,
    });
  }
  return lists;
}

/**
 * The customer's own networks as written: peer.cidrs for peering, cidrs for VPN and transit
 * gateway. A VPN /0 is left out: it overlaps everything, and VPN_CIDR_SIZE already reports it (one
 * problem, one diagnostic); so are transit-gateway entries wider than /8 (TGW_CIDR_SIZE's).
 */
export function customerNetworks(doc: CustomerDocument): CidrEntry[] {
  const peering = peeringOf(doc);
  if (peering) return cidrEntries(peering.peer.cidrs, ['connectivity', 'peer', 'cidrs']);
  const tgw = transitGatewayOf(doc);
  if (tgw) {
    return cidrEntries(tgw.cidrs, ['connectivity', 'cidrs']).filter((e) => e.cidr.prefix >= TGW_MIN_PREFIX);
  }
  return cidrEntries(vpnOf(doc)?.cidrs, ['connectivity', 'cidrs']).filter((e) => e.cidr.prefix > 0);
}
