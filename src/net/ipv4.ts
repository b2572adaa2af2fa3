/**
 * IPv4 address and CIDR arithmetic, on top of ipaddr.js: the one place linkforge does it (customer
 * rules, platform settings, vendor subnets, the handoff). Imports nothing of linkforge's own, so
 * every layer may use it.
 *
 * Addresses are unsigned 32-bit integers held in plain numbers (never `|`/`&`/`<<`, which work on
 * signed 32-bit values and would turn 128.0.0.0 and above negative). A block is a network address
 * plus a prefix length; every function here works on the canonical network address, so a CIDR
 * written with host bits set (`10.0.0.1/24`) still takes part in overlap checks as `10.0.0.0/24`.
 */
import ipaddr from 'ipaddr.js';

/** An aligned IPv4 block: `network` has no host bits set. */
export interface Block {
  /** Network address as an unsigned 32-bit integer. */
  readonly network: number;
  /** Prefix length, 0-32. */
  readonly prefix: number;
}

/** A CIDR as written: the address may have host bits set (then `address !== network`). */
export interface Cidr extends Block {
  /** The address part as written, as an unsigned 32-bit integer. */
  readonly address: number;
}

const ADDRESS_SPACE = 2 ** 32;

// ipaddr.js accepts a zero-padded prefix (`/024`); YAML users never mean that on purpose.
const PREFIX = /^(0|[1-9]\d?)$/;

/** Parse a dotted-quad IPv4 address (strict: four decimal parts, no leading zeros). */
export function parseIpv4(text: string): number | undefined {
  if (!ipaddr.IPv4.isValidFourPartDecimal(text)) return undefined;
  return toNumber(ipaddr.IPv4.parse(text).octets);
}

// Several rules parse the same CIDR strings of the same files; validating 1,000 files parses each
// one five times or so. Results are immutable, so a bounded memo is safe.
const parsed = new Map<string, Cidr | undefined>();
const MEMO_LIMIT = 100_000;

/** Parse `a.b.c.d/n` (strict dotted quad, prefix 0-32). Host bits may be set; see `isCanonical`. */
export function parseCidr(text: string): Cidr | undefined {
  if (parsed.has(text)) return parsed.get(text);
  if (parsed.size >= MEMO_LIMIT) parsed.clear();
  const result = parseCidrUncached(text);
  parsed.set(text, result && Object.freeze(result));
  return result;
}

function parseCidrUncached(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0 || !PREFIX.test(text.slice(slash + 1))) return undefined;
  if (!ipaddr.IPv4.isValidCIDRFourPartDecimal(text)) return undefined;
  const [ip, prefix] = ipaddr.IPv4.parseCIDR(text);
  const address = toNumber(ip.octets);
  return { address, prefix, network: networkOf(address, prefix) };
}

/** Parse a CIDR that must be valid (constants in code); throws on a programming error. */
export function cidr(text: string): Cidr {
  const parsed = parseCidr(text);
  if (!parsed) throw new Error(`invalid CIDR constant ${text}`);
  return parsed;
}

export function formatIpv4(address: number): string {
  return [address >>> 24, (address >>> 16) & 255, (address >>> 8) & 255, address & 255].join('.');
}

/** `network/prefix`: the canonical spelling of a block. */
export function formatBlock(block: Block): string {
  return `${formatIpv4(block.network)}/${block.prefix}`;
}

/** The canonical form of a CIDR string (`10.0.0.1/24` → `10.0.0.0/24`), or undefined if unparseable. */
export function canonicalCidr(text: string): string | undefined {
  const parsed = parseCidr(text);
  return parsed && formatBlock(parsed);
}

/** True when the address as written is the network address (no host bits set). */
export function isCanonical(c: Cidr): boolean {
  return c.address === c.network;
}

/** Number of addresses in a block of this prefix length. */
export function blockSize(prefix: number): number {
  return 2 ** (32 - prefix);
}

/** Last address of the block (the broadcast address for prefixes up to /30). */
export function lastAddress(block: Block): number {
  return block.network + blockSize(block.prefix) - 1;
}

/** The network address of `address` under `prefix`. */
export function networkOf(address: number, prefix: number): number {
  const size = blockSize(prefix);
  return Math.floor(address / size) * size;
}

export function containsAddress(block: Block, address: number): boolean {
  return address >= block.network && address <= lastAddress(block);
}

/** True when every address of `inner` is in `outer`. */
export function contains(outer: Block, inner: Block): boolean {
  return inner.prefix >= outer.prefix && containsAddress(outer, inner.network);
}

/** True when the blocks share at least one address (for aligned blocks: one contains the other). */
export function overlaps(a: Block, b: Block): boolean {
  return a.network <= lastAddress(b) && b.network <= lastAddress(a);
}

/** True when both denote the same block (same network and prefix). */
export function sameBlock(a: Block, b: Block): boolean {
  return a.network === b.network && a.prefix === b.prefix;
}

/**
 * `block` cut into `parts` equal, consecutive blocks in address order (`parts` a power of two, at
 * least 2). Throws RangeError when `parts` is not a power of two or the pieces would be longer
 * than /32.
 */
export function splitBlock(block: Block, parts: number): Block[] {
  const bits = Math.log2(parts);
  if (!Number.isInteger(bits) || bits < 1)
    throw new RangeError(`cannot split into ${parts} parts: not a power of two`);
  const prefix = block.prefix + bits;
  if (prefix > 32) throw new RangeError(`${formatBlock(block)} cannot be split into ${parts} blocks`);
  const step = blockSize(prefix);
  return Array.from({ length: parts }, (_, i) => ({ network: block.network + i * step, prefix }));
}

export interface FreeBlockQuery {
  /** Prefix length of the block wanted. */
  readonly prefix: number;
  /** Start searching at this address (rounded up to the block size). */
  readonly from: number;
  /** The block found overlaps none of these. */
  readonly avoid: readonly Block[];
  /**
   * The block found lies entirely inside one of these, tried in this order, except that the pool
   * containing `from` (or ending just before it) is tried first: from `from` to its end, then
   * from its start up to `from`, so a suggestion stays in the family of addresses it started in.
   */
  readonly pools: readonly Block[];
}

/**
 * The first aligned block of `/prefix` at or after `from` that overlaps none of `avoid` and lies
 * inside one of `pools`; undefined when every candidate is taken.
 *
 * Runs in O(pools × avoid²) at worst: each step jumps past an avoided range instead of walking
 * block by block, so a /26 search across 10.0.0.0/8 is as fast as a /16 one.
 */
export function findFreeBlock(query: FreeBlockQuery): Block | undefined {
  const { prefix, from, avoid, pools } = query;
  const size = blockSize(prefix);
  const home = pools.find((p) => containsAddress(p, from)) ?? pools.find((p) => containsAddress(p, from - 1));
  const segments: [number, number][] = [];
  if (home) {
    segments.push([from, lastAddress(home)], [home.network, Math.min(from + size - 1, lastAddress(home))]);
  }
  for (const pool of pools) if (pool !== home) segments.push([pool.network, lastAddress(pool)]);

  for (const [low, high] of segments) {
    let candidate = alignUp(low, size);
    while (candidate + size - 1 <= high && candidate + size <= ADDRESS_SPACE) {
      const block = { network: candidate, prefix };
      const blockers = avoid.filter((a) => overlaps(a, block));
      if (blockers.length === 0) return block;
      // Jump past the furthest-reaching blocker: nothing before its end can be free.
      candidate = alignUp(Math.max(...blockers.map((b) => lastAddress(b) + 1)), size);
    }
  }
  return undefined;
}

function alignUp(address: number, size: number): number {
  return Math.ceil(address / size) * size;
}

function toNumber(octets: readonly number[]): number {
  return ((octets[0] * 256 + octets[1]) * 256 + octets[2]) * 256 + octets[3];
}
