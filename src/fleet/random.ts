/**
 * The fleet generator's randomness and small value makers: a seeded PRNG and what is drawn from it.
 * Nothing here may change what a seed produces: the fleets of the tests and the benchmark depend on it.
 */
/** A sound, tiny PRNG (mulberry32): reproducible across platforms and Node versions. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rand = () => number;
export const int = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
export const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
/** `k` distinct elements of `xs`, in the order drawn. */
export function pickDistinct<T>(r: Rand, xs: readonly T[], k: number): T[] {
  const pool = [...xs];
  const out: T[] = [];
  while (out.length < k && pool.length > 0) out.push(pool.splice(Math.floor(r() * pool.length), 1)[0]);
  return out;
}

/** A version-4 UUID, unique per index below 2^24 (the index is folded into its last group). */
export function uuid(r: Rand, i: number): string {
  const h = hex(r, 20);
  const v = ((parseInt(h[12], 16) & 0x3) | 0x8).toString(16);
  // An odd multiplier is a bijection modulo 2^24: distinct indexes give distinct groups.
  const mixed = (Math.imul(i, 0x9e3779) + 0x5bd1e9) & 0xffffff;
  const last = mixed.toString(16).padStart(6, '0') + h.slice(14, 20);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${v}${h.slice(17, 20)}-${last}`;
}

export function hex(r: Rand, len: number): string {
  let s = '';
  for (let k = 0; k < len; k++) s += Math.floor(r() * 16).toString(16);
  return s;
}

export function hash(seed: number, i: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (i + 0x85ebca6b), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

export function range(lo: number, hi: number): number[] {
  return Array.from({ length: hi - lo + 1 }, (_, k) => lo + k);
}

export function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}
