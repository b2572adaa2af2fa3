/**
 * Deterministic generator of realistic customer fleets, for tests and the benchmark.
 *
 * Every customer follows one of thirty profiles (ten VPC peering, ten site-to-site VPN, ten transit
 * gateway) that together exercise every option of the format (docs: shared spec, "Fields" and
 * "Format v1.1"). Profiles are dealt in a fixed cycle of thirty from an offset chosen by the seed, so
 * any thirty consecutive customers, in particular every fleet of thirty or more, contain each
 * profile once (a third of any large fleet is transit gateway); the seed also varies the values
 * (regions, CIDRs, ports, ASNs, names). Same `(n, seed)`, same bytes.
 *
 * Two transit-gateway profiles (`tgw-3`, `tgw-4`) of one cycle share one transit gateway, with the
 * same owner and disjoint vendor CIDRs, as two business units of one customer would.
 *
 * Every file is valid: zero errors (a profile with `tunnels: 1` draws the single-tunnel warning on
 * purpose, since it is a legitimate, documented choice).
 */
import type { Tier } from '../config/types';

export interface GeneratedCustomer {
  /** Customer id, equal to the file stem. */
  readonly id: string;
  /** The profile it was built from (`peering-0` … `vpn-9`, `tgw-0` … `tgw-9`), for tests and reports. */
  readonly profile: string;
  /** The customer file's text. */
  readonly yaml: string;
}

/** A sound, tiny PRNG (mulberry32): reproducible across platforms and Node versions. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const int = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
/** `k` distinct elements of `xs`, in the order drawn. */
function pickDistinct<T>(r: Rand, xs: readonly T[], k: number): T[] {
  const pool = [...xs];
  const out: T[] = [];
  while (out.length < k && pool.length > 0) out.push(pool.splice(Math.floor(r() * pool.length), 1)[0]);
  return out;
}

/** Regions commonly used, with the two (us-west-1, ap-northeast-1) that need configured zones. */
const REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'eu-west-1',
  'eu-west-2',
  'eu-central-1',
  'eu-north-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'ap-south-1',
  'ca-central-1',
  'sa-east-1',
];

const COMPANIES = [
  'Acme',
  'Globex',
  'Initech',
  'Umbrella',
  'Stark',
  'Wayne',
  'Hooli',
  'Vandelay',
  'Soylent',
  'Tyrell',
  'Cyberdyne',
  'Wonka',
  'Oscorp',
  'Aperture',
  'Massive Dynamic',
  'Monarch',
  'Nakatomi',
  'Pied Piper',
  'Sterling Cooper',
  'Blue Harbor',
];
const KINDS = ['Corp', 'Inc', 'Labs', 'Systems', 'Logistics', 'Health', 'Bank', 'Retail', 'Energy', 'Media'];

/** Public IPv4 first octets outside every non-public and documentation range of the spec. */
const PUBLIC_FIRST_OCTETS = [3, 13, 18, 34, 35, 44, 52, 54, 63, 81, 85, 91, 94, 109, 145, 176, 185, 212];

/** The thirty profiles, in cycle order: the three types interleaved, as a real fleet mixes them. */
const PROFILES = Array.from({ length: 10 }, (_, k) => [`peering-${k}`, `vpn-${k}`, `tgw-${k}`]).flat();

/**
 * `n` customers. Ids are `<company>-<kind>-<NNNN>` (unique, sorted order = generation order);
 * orgIds, gateway IPs and device names are unique across the fleet.
 */
export function generateFleet(n: number, seed = 1): GeneratedCustomer[] {
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`generateFleet: n must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new Error(`generateFleet: seed must be an integer in 0..4294967295, got ${seed}`);
  }
  const offset = Math.floor(prng(seed ^ 0x5eed)() * PROFILES.length);
  const width = Math.max(4, String(n).length);
  const out: GeneratedCustomer[] = [];
  for (let i = 0; i < n; i++) {
    // One generator per customer, derived from (seed, index): customer i is the same whatever n is.
    const r = prng(hash(seed, i));
    const profile = PROFILES[(offset + i) % PROFILES.length];
    // 7 is coprime with 20: every company appears once per cycle, with a different profile each cycle.
    const company = COMPANIES[(i * 7 + Math.floor(i / PROFILES.length) + seed) % COMPANIES.length];
    const kind = KINDS[(i * 7 + Math.floor(i / COMPANIES.length) + seed) % KINDS.length];
    const id = `${slug(company)}-${slug(kind)}-${String(i + 1).padStart(width, '0')}`;
    const name = `${company} ${kind}${i >= COMPANIES.length * KINDS.length ? ` ${i + 1}` : ''}`;
    // The cycle this customer's profile belongs to: customers of one cycle may share a transit gateway.
    const cycle = Math.floor((offset + i) / PROFILES.length);
    const ctx: Ctx = { r, i, id, name, seed, profile, cycle };
    const p = Number(profile.slice(-1));
    const yaml = profile.startsWith('peering')
      ? peering(ctx, p)
      : profile.startsWith('vpn')
        ? vpn(ctx, p)
        : transitGateway(ctx, p);
    out.push({ id, profile, yaml });
  }
  return out;
}

interface Ctx {
  readonly r: Rand;
  readonly i: number;
  readonly id: string;
  readonly name: string;
  readonly seed: number;
  readonly profile: string;
  readonly cycle: number;
}

function header(c: Ctx, tier: Tier, extra: string[] = []): string[] {
  return [
    '# yaml-language-server: $schema=../schema/customer.schema.json',
    `# Generated by linkforge's fleet generator (seed ${c.seed}, profile ${c.profile}).`,
    `id: ${c.id}`,
    `name: ${JSON.stringify(c.name)}`,
    `orgId: ${uuid(c.r, c.i)}`,
    `plan: ${tier}`,
    ...extra,
  ];
}

function peering(c: Ctx, p: number): string {
  const { r } = c;
  // p8 is cross-region into us-west-1, so its peer is anywhere else.
  const peerRegion = pick(
    r,
    REGIONS.filter((x) => p !== 8 || x !== 'us-west-1'),
  );
  const otherRegion = pick(
    r,
    REGIONS.filter((x) => x !== peerRegion),
  );
  const accountId = p === 3 ? `0${String(int(r, 1e10, 1e11 - 1))}` : String(int(r, 1e11, 1e12 - 1));
  const vpcId = `vpc-${hex(r, p === 4 ? 8 : 17)}`;
  // Customer networks live in 172.16.0.0/12 and 192.168.0.0/16: never inside the vendor's 10.x or
  // 100.64.x ranges below, so no profile can draw an overlap.
  const nCidrs = p === 2 ? 2 : p === 4 ? 3 : 1;
  const second = pickDistinct(r, range(16, 31), nCidrs);
  const cidrs = second.map((b, k) =>
    k === 0 && p === 9 ? `172.${b}.${16 * int(r, 0, 15)}.0/20` : `172.${b}.0.0/16`,
  );
  if (p === 1) cidrs.push(`192.168.${int(r, 0, 255)}.0/24`);

  const lines = header(c, p === 3 || p === 4 ? 'team' : 'enterprise', p === 6 ? ['addOns: []'] : []);
  // Region: omitted (defaults to peer.region), the same region spelled out, or cross-region.
  const crossRegion = p === 2 || p === 4 || p === 8;
  if (crossRegion) lines.push(`region: ${p === 8 ? 'us-west-1' : otherRegion}`);
  else if (p === 1 || p === 3 || p === 5 || p === 9) lines.push(`region: ${peerRegion}`);
  if (p === 3) lines.push(`vendorCidr: 10.${int(r, 201, 250)}.${int(r, 0, 255)}.0/24`);
  if (p === 6) lines.push(`vendorCidr: 100.${int(r, 64, 127)}.${int(r, 0, 255)}.${64 * int(r, 0, 3)}/26`);
  if (p === 5) lines.push('decommission: true   # plan the destruction of the whole stack');
  lines.push('connectivity:', '  type: vpc-peering', '  peer:');
  lines.push(`    accountId: "${accountId}"`, `    vpcId: ${vpcId}`, `    region: ${peerRegion}`);
  lines.push(`    cidrs: [${cidrs.join(', ')}]`);
  if (p === 1) lines.push(`  routes: [172.${second[0]}.${16 * int(r, 0, 15)}.0/20]   # only the app subnets`);
  if (p === 2) lines.push(`  routes: [172.${second[0]}.${32 * int(r, 0, 7)}.0/19, 172.${second[1]}.0.0/16]`);
  if (p === 8) lines.push(`  routes: [${cidrs[0]}]`);
  if (p === 1) lines.push(`  allowedTcpPorts: [443, "5432-5433"]`);
  if (p === 3) lines.push(`  allowedTcpPorts: [${pick(r, [22, 443, 8443])}]`);
  if (p === 4) {
    const lo = 1024 * int(r, 1, 7); // ends at 8191 at most: never overlaps the 8443 beside it
    lines.push(`  allowedTcpPorts: ["${lo}-${lo + 1023}", 8443]`);
  }
  if (p === 7) lines.push(`  allowedTcpPorts: [${pick(r, [5432, 3306, 6379])}]`);
  if (p === 2 || p === 3 || p === 5 || p === 7) lines.push('  accepted: true');
  else if (p === 1 || p === 9)
    lines.push('  accepted: false    # flip once the customer accepted the request');
  if (p === 2 || p === 5 || p === 7) lines.push('  dnsResolution: true');
  if (p === 9) lines.push('  dnsResolution: false');
  return lines.join('\n') + '\n';
}

function vpn(c: Ctx, p: number): string {
  const { r, i } = c;
  const team = p === 1 || p === 4 || p === 9;
  const addOns = team || p === 8 ? ['addOns: [onprem-connectivity]'] : [];
  const lines = header(c, team ? 'team' : 'enterprise', addOns);
  lines.push(`region: ${p === 9 ? 'ap-northeast-1' : pick(r, REGIONS)}`);
  if (p === 5) lines.push(`vendorCidr: 10.${int(r, 201, 250)}.${int(r, 0, 255)}.0/24`);
  if (p === 7) lines.push('decommission: true   # plan the destruction of the whole stack');
  lines.push(
    'connectivity:',
    '  type: site-to-site-vpn',
    '  customerGateway:',
    `    ip: ${gatewayIp(c.seed, i)}`,
  );

  const staticRouting = p === 1 || p === 4 || p === 6 || p === 9;
  if (!staticRouting) {
    // p2: a 4-byte ASN above 2147483647 (AWS's bgp_asn_extended); others 2-byte private ASNs,
    // never the vendor side's 64512 (nor p5's explicit 65000).
    const asn = p === 2 ? int(r, 4200000100, 4294967294) : int(r, 65001, 65534);
    lines.push(`    bgpAsn: ${asn}`);
  }
  if (p === 4) lines.push(`    deviceName: ${c.id}-fw01`);
  if (staticRouting) lines.push('  routing: static');
  else if (p !== 0) lines.push('  routing: bgp');

  const nCidrs = p === 6 ? 5 : p === 1 ? 2 : p === 2 || p === 9 ? 1 : p === 4 ? 3 : 0;
  if (nCidrs > 0) {
    const bs = pickDistinct(r, range(0, 255), nCidrs);
    lines.push(
      `  cidrs: [${bs.map((b, k) => (k === 0 && p === 4 ? `172.${16 + (b % 16)}.0.0/16` : `192.168.${b}.0/24`)).join(', ')}]`,
    );
  }
  if (p === 2 || p === 6) lines.push('  tunnels: 1    # accepted risk: a tunnel failure is an outage');
  if (p === 1 || p === 9) lines.push('  tunnels: 2');
  if (p === 2 || p === 4) lines.push('  ikeVersion: ikev1   # the customer device only speaks IKEv1');
  if (p === 1 || p === 3 || p === 8 || p === 9) lines.push('  ikeVersion: ikev2');
  if (p === 0 || p === 4 || p === 5 || p === 6 || p === 7) lines.push('  natGateway: true');
  if (p === 1 || p === 9) lines.push('  natGateway: false');
  if (p === 3) lines.push(`  amazonSideAsn: ${int(r, 4200000000, 4200009999)}`);
  if (p === 5) lines.push('  amazonSideAsn: 65000');
  lines.push(...tunnelOptions(r, p));
  return lines.join('\n') + '\n';
}

function tunnelOptions(r: Rand, p: number): string[] {
  // Inside /30s from 169.254.10.0 up, well clear of the reserved 169.254.0.0-169.254.5.x and
  // 169.254.169.252/30.
  const insideBase = int(r, 10, 160);
  const inside = `  insideCidrs: [169.254.${insideBase}.0/30, 169.254.${insideBase}.4/30]`;
  switch (p) {
    case 3: {
      const p1 = pick(r, [14400, 28800]);
      const p2 = pick(r, [1800, 3600]);
      return [
        '  tunnelOptions:',
        '  ' + inside,
        `    phase1: { lifetimeSeconds: ${p1}, encryption: [AES256, AES256-GCM-16], integrity: [SHA2-256, SHA2-384], dhGroups: [14, 20, 21] }`,
        `    phase2: { lifetimeSeconds: ${p2}, encryption: [AES256], integrity: [SHA2-256], dhGroups: [14, 20] }`,
        `    rekeyMarginSeconds: ${pick(r, [270, 540])}`,
        `    dpdTimeoutSeconds: ${pick(r, [30, 45])}`,
        '    dpdTimeoutAction: restart',
        '    startupAction: start   # AWS initiates the tunnel (IKEv2 only)',
      ];
    }
    case 4:
      return [
        '  tunnelOptions:',
        '    phase1: { lifetimeSeconds: 28800 }',
        '    phase2: { lifetimeSeconds: 1800 }',
        '    dpdTimeoutAction: clear',
        '    startupAction: add',
      ];
    case 5:
      return ['  tunnelOptions:', '  ' + inside];
    case 6:
      return ['  tunnelOptions:', '    dpdTimeoutSeconds: 60', '    dpdTimeoutAction: none'];
    case 8:
      return [
        '  tunnelOptions:',
        '    phase1: { encryption: [AES128], integrity: [SHA1, SHA2-512], dhGroups: [2, 24] }',
        '    phase2: { encryption: [AES128-GCM-16], integrity: [SHA2-512], dhGroups: [2, 5] }',
      ];
    default:
      return [];
  }
}

function transitGateway(c: Ctx, p: number): string {
  const { r } = c;
  const team = p === 1 || p === 7 || p === 9;
  const lines = header(c, team ? 'team' : 'enterprise', p === 7 ? ['addOns: []'] : []);
  // tgw-3 and tgw-4 of one cycle share the transit gateway (and so its region and owner); each
  // has its own resource share of it (two stacks cannot accept one share: TGW_SHARE_DUPLICATE).
  const shared = p === 3 || p === 4;
  const g = shared ? prng(hash(c.seed ^ 0x7a11, c.cycle)) : r;
  const region = p === 7 ? 'ap-northeast-1' : pick(g, REGIONS);
  const tgwId = `tgw-${hex(g, 17)}`;
  const account = String(int(g, 1e11, 1e12 - 1));
  const share = `arn:aws:ram:${region}:${account}:resource-share/${uuid(r, c.i)}`;
  lines.push(`region: ${region}`);
  // Vendor CIDRs stay in 10.200.0.0-10.250.255.255 and 100.64.0.0/10; customer networks never reach them.
  if (p === 1) lines.push(`vendorCidr: 10.${int(r, 201, 250)}.${int(r, 0, 255)}.0/24`);
  if (p === 4)
    lines.push('vendorCidr: 10.200.0.128/25   # tgw-3 of this cycle has the default 10.200.0.0/25');
  if (p === 6) lines.push(`vendorCidr: 100.${int(r, 64, 127)}.${int(r, 0, 255)}.${64 * int(r, 0, 3)}/26`);
  if (p === 5) lines.push('decommission: true   # plan the destruction of the whole stack');
  lines.push(
    'connectivity:',
    '  type: transit-gateway',
    '  transitGateway:',
    `    id: ${tgwId}`,
    `    accountId: "${account}"`,
    `    resourceShareArn: ${share}`,
  );

  // Customer networks: 10.0.0.0/9, 172.16.0.0/12 and 192.168.0.0/16 only (all private: no
  // public-range warning), never the vendor's ranges above.
  const b = pickDistinct(r, range(0, 127), 3);
  const cidrs =
    p === 1
      ? ['172.16.0.0/12', `192.168.${int(r, 0, 255)}.0/24`]
      : p === 2
        ? [`10.${b[0]}.0.0/16`, `10.${b[1]}.0.0/16`, `192.168.${int(r, 0, 255)}.${int(r, 1, 254)}/32`]
        : p === 3
          ? [`10.${b[0] % 64}.0.0/16`]
          : p === 4
            ? [`10.${64 + (b[0] % 64)}.0.0/16`]
            : p === 6
              ? ['10.0.0.0/9']
              : p === 7
                ? ['192.168.0.0/16']
                : p === 8
                  ? [`10.${b[0]}.0.0/16`, `172.${16 + (b[1] % 16)}.0.0/16`, `192.168.${b[2]}.0/24`]
                  : [`172.${16 + (b[0] % 16)}.0.0/16`];
  lines.push(`  cidrs: [${cidrs.join(', ')}]`);
  if (p === 1) lines.push('  allowedTcpPorts: [443, "8080-8081"]');
  if (p === 2) lines.push('  allowedTcpPorts: [443]');
  if (p === 8) lines.push(`  allowedTcpPorts: [${pick(r, [5432, 3306, 6379])}]`);
  if (p === 9) lines.push('  allowedTcpPorts: ["5432-5433", 443]');
  if (p === 1 || p === 3 || p === 5 || p === 6 || p === 8) lines.push('  accepted: true');
  else if (p === 2 || p === 4 || p === 9)
    lines.push('  accepted: false    # flip once the customer accepted the attachment');
  return lines.join('\n') + '\n';
}

/** A unique public IPv4 per customer index: no two customers share a gateway (a warning otherwise). */
function gatewayIp(seed: number, i: number): string {
  const first = PUBLIC_FIRST_OCTETS[(seed + Math.floor(i / (250 * 250))) % PUBLIC_FIRST_OCTETS.length];
  const rest = i % (250 * 250);
  return `${first}.${1 + Math.floor(rest / 250) + (seed % 3)}.${1 + (rest % 250)}.${10 + (seed % 200)}`;
}

/** A version-4 UUID, unique per index below 2^24 (the index is folded into its last group). */
function uuid(r: Rand, i: number): string {
  const h = hex(r, 20);
  const v = ((parseInt(h[12], 16) & 0x3) | 0x8).toString(16);
  // An odd multiplier is a bijection modulo 2^24: distinct indexes give distinct groups.
  const mixed = (Math.imul(i, 0x9e3779) + 0x5bd1e9) & 0xffffff;
  const last = mixed.toString(16).padStart(6, '0') + h.slice(14, 20);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${v}${h.slice(17, 20)}-${last}`;
}

function hex(r: Rand, len: number): string {
  let s = '';
  for (let k = 0; k < len; k++) s += Math.floor(r() * 16).toString(16);
  return s;
}

function hash(seed: number, i: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (i + 0x85ebca6b), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

function range(lo: number, hi: number): number[] {
  return Array.from({ length: hi - lo + 1 }, (_, k) => lo + k);
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}
