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
import { type Ctx, peering, transitGateway, vpn } from './profiles';
import { hash, prng, slug } from './random';

export interface GeneratedCustomer {
  /** Customer id, equal to the file stem. */
  readonly id: string;
  /** The profile it was built from (`peering-0` … `vpn-9`, `tgw-0` … `tgw-9`), for tests and reports. */
  readonly profile: string;
  /** The customer file's text. */
  readonly yaml: string;
}

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
