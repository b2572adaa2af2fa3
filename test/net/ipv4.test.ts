import fc from 'fast-check';
import { LINK_LOCAL, VENDOR_POOLS } from '../../src/config/cidr';
import {
  blockSize,
  canonicalCidr,
  cidr,
  contains,
  containsAddress,
  findFreeBlock,
  formatBlock,
  formatIpv4,
  isCanonical,
  lastAddress,
  overlaps,
  parseCidr,
  parseIpv4,
  splitBlock,
  type Block,
} from '../../src/net/ipv4';

const address = fc.integer({ min: 0, max: 2 ** 32 - 1 });
const prefix = fc.integer({ min: 0, max: 32 });
const block = fc
  .tuple(address, prefix)
  .map(([a, p]): Block => ({ network: Math.floor(a / blockSize(p)) * blockSize(p), prefix: p }));

describe('parsing and formatting', () => {
  it('parses dotted quads, including addresses above 2^31', () => {
    expect(parseIpv4('0.0.0.0')).toBe(0);
    expect(parseIpv4('10.0.0.1')).toBe(167772161);
    expect(parseIpv4('255.255.255.255')).toBe(2 ** 32 - 1);
    expect(formatIpv4(parseIpv4('203.0.113.200')!)).toBe('203.0.113.200');
  });

  it('rejects what is not a strict dotted quad or CIDR', () => {
    for (const bad of ['10.0.0', '10.0.0.256', '010.0.0.1', '0x0a.0.0.1', ' 10.0.0.1', '10.0.0.1 ', '']) {
      expect(parseIpv4(bad)).toBeUndefined();
    }
    for (const bad of [
      '10.0.0.0',
      '10.0.0.0/33',
      '10.0.0.0/024',
      '10.0.0.0/',
      '10.0.0.0/-1',
      'a/8',
      '10.0.0.0/8/8',
    ]) {
      expect(parseCidr(bad)).toBeUndefined();
    }
  });

  it('separates the written address from the network', () => {
    const c = parseCidr('10.0.0.1/24')!;
    expect(isCanonical(c)).toBe(false);
    expect(formatBlock(c)).toBe('10.0.0.0/24');
    expect(canonicalCidr('172.31.200.7/12')).toBe('172.16.0.0/12');
    expect(canonicalCidr('0.0.0.0/0')).toBe('0.0.0.0/0');
    expect(canonicalCidr('255.255.255.255/32')).toBe('255.255.255.255/32');
    expect(isCanonical(parseCidr('10.0.0.0/8')!)).toBe(true);
  });

  it('round-trips every canonical block', () => {
    fc.assert(
      fc.property(block, (b) => expect(parseCidr(formatBlock(b))).toEqual({ ...b, address: b.network })),
    );
  });
});

describe('containment and overlap', () => {
  it('knows the edges of a block', () => {
    const c = cidr('10.200.0.0/25');
    expect(lastAddress(c)).toBe(parseIpv4('10.200.0.127'));
    expect(containsAddress(c, parseIpv4('10.200.0.127')!)).toBe(true);
    expect(containsAddress(c, parseIpv4('10.200.0.128')!)).toBe(false);
    expect(overlaps(c, cidr('10.200.0.0/24'))).toBe(true);
    expect(overlaps(c, cidr('10.200.0.128/25'))).toBe(false);
    expect(contains(cidr('10.0.0.0/8'), c)).toBe(true);
    expect(contains(c, cidr('10.0.0.0/8'))).toBe(false);
    expect(overlaps(cidr('0.0.0.0/0'), cidr('255.255.255.255/32'))).toBe(true);
  });

  it('canonical(x) contains the address as written', () => {
    fc.assert(
      fc.property(address, prefix, (a, p) => {
        const c = parseCidr(`${formatIpv4(a)}/${p}`)!;
        expect(containsAddress(c, a)).toBe(true);
        expect(isCanonical(c)).toBe(c.network === a);
      }),
    );
  });

  it('overlap is symmetric, and for aligned blocks means containment one way or the other', () => {
    fc.assert(
      fc.property(block, block, (a, b) => {
        expect(overlaps(a, b)).toBe(overlaps(b, a));
        expect(overlaps(a, b)).toBe(contains(a, b) || contains(b, a));
      }),
    );
  });

  it('a block overlaps another exactly when they share an address', () => {
    // Checked on small blocks (/24-/32) in one /22 so shared addresses can be enumerated.
    const small = fc
      .tuple(fc.integer({ min: 0, max: 1023 }), fc.integer({ min: 24, max: 32 }))
      .map(([a, p]): Block => ({ network: Math.floor(a / blockSize(p)) * blockSize(p), prefix: p }));
    fc.assert(
      fc.property(small, small, (a, b) => {
        let shared = false;
        for (let x = a.network; x <= lastAddress(a); x++) if (containsAddress(b, x)) shared = true;
        expect(overlaps(a, b)).toBe(shared);
      }),
    );
  });
});

describe('findFreeBlock', () => {
  it('reproduces the spec example: the next /16 after a clash', () => {
    const vendor = cidr('10.200.0.0/25');
    const free = findFreeBlock({
      prefix: 25,
      from: lastAddress(vendor) + 1 + (blockSize(16) - ((lastAddress(vendor) + 1) % blockSize(16))),
      avoid: [cidr('10.200.0.0/24')],
      pools: VENDOR_POOLS,
    });
    expect(formatBlock(free!)).toBe('10.201.0.0/25');
  });

  it('jumps past every avoided range and stays aligned', () => {
    const free = findFreeBlock({
      prefix: 24,
      from: parseIpv4('10.0.0.0')!,
      avoid: [cidr('10.0.0.0/16'), cidr('10.1.0.0/24'), cidr('10.1.1.0/25')],
      pools: VENDOR_POOLS,
    });
    expect(formatBlock(free!)).toBe('10.1.2.0/24');
  });

  it('moves to the next pool when the first is full, and wraps around its own', () => {
    const all10 = findFreeBlock({
      prefix: 16,
      from: parseIpv4('10.0.0.0')!,
      avoid: [cidr('10.0.0.0/8')],
      pools: VENDOR_POOLS,
    });
    expect(formatBlock(all10!)).toBe('172.16.0.0/16');
    // Starting just past the end of 192.168.0.0/16 wraps to its start before trying other pools.
    const wrapped = findFreeBlock({
      prefix: 24,
      from: parseIpv4('192.169.0.0')!,
      avoid: [],
      pools: VENDOR_POOLS,
    });
    expect(formatBlock(wrapped!)).toBe('192.168.0.0/24');
    const none = findFreeBlock({
      prefix: 30,
      from: LINK_LOCAL.network,
      avoid: [LINK_LOCAL],
      pools: [LINK_LOCAL],
    });
    expect(none).toBeUndefined();
    expect(findFreeBlock({ prefix: 7, from: 0, avoid: [], pools: VENDOR_POOLS })).toBeUndefined();
  });

  // Blocks inside the vendor pools, so the search really has to step around them.
  const inPool = fc
    .tuple(
      fc.constantFrom(...VENDOR_POOLS),
      fc.integer({ min: 0, max: 2 ** 24 - 1 }),
      fc.integer({ min: 0, max: 20 }),
    )
    .map(([pool, offset, extra]): Block => {
      const p = Math.min(32, pool.prefix + 1 + extra);
      const size = blockSize(p);
      const n = pool.network + ((offset * size) % blockSize(pool.prefix));
      return { network: n, prefix: p };
    });

  function checkFree(free: Block | undefined, p: number, taken: readonly Block[]): void {
    expect(free).toBeDefined();
    expect(free!.prefix).toBe(p);
    expect(free!.network % blockSize(p)).toBe(0);
    expect(VENDOR_POOLS.some((pool) => contains(pool, free!))).toBe(true);
    for (const t of taken) expect(overlaps(free!, t)).toBe(false);
  }

  it('always returns a free, aligned block of the size asked, inside a pool', () => {
    const vendorPrefix = fc.integer({ min: 16, max: 26 });
    const from = fc.oneof(address, fc.constantFrom(...VENDOR_POOLS.map((p) => p.network)));
    // Each avoided block is at most half a pool, and there are fewer blocks than it takes to fill
    // all four pools (five), so a free block always exists.
    fc.assert(
      fc.property(
        vendorPrefix,
        from,
        fc.array(inPool, { maxLength: 4 }),
        fc.array(block, { maxLength: 4 }),
        (p, start, a, b) => {
          const taken = [...a, ...b.filter((x) => x.prefix >= 9)];
          checkFree(findFreeBlock({ prefix: p, from: start, avoid: taken, pools: VENDOR_POOLS }), p, taken);
        },
      ),
    );
  });

  /**
   * Independent oracle: the first free aligned /p in `region`, by splitting the region in halves
   * wherever an avoided block touches it (no jumping, no alignment arithmetic).
   */
  function firstFree(region: Block, p: number, taken: readonly Block[]): Block | undefined {
    const touching = taken.filter((t) => overlaps(t, region));
    if (touching.length === 0) return { network: region.network, prefix: p };
    if (region.prefix >= p || touching.some((t) => contains(t, region))) return undefined;
    const half = blockSize(region.prefix + 1);
    return (
      firstFree({ network: region.network, prefix: region.prefix + 1 }, p, touching) ??
      firstFree({ network: region.network + half, prefix: region.prefix + 1 }, p, touching)
    );
  }

  it('agrees with a brute-force oracle, even when the pools fill up', () => {
    fc.assert(
      fc.property(fc.integer({ min: 16, max: 26 }), fc.array(inPool, { maxLength: 60 }), (p, taken) => {
        const free = findFreeBlock({
          prefix: p,
          from: VENDOR_POOLS[0].network,
          avoid: taken,
          pools: VENDOR_POOLS,
        });
        const expected = VENDOR_POOLS.map((pool) => firstFree(pool, p, taken)).find((b) => b !== undefined);
        expect(free).toEqual(expected);
        if (free) checkFree(free, p, taken);
      }),
    );
    const full = [
      cidr('10.0.0.0/9'),
      cidr('10.128.0.0/9'),
      cidr('172.16.0.0/12'),
      cidr('192.168.0.0/16'),
      cidr('100.64.0.0/10'),
    ];
    expect(findFreeBlock({ prefix: 26, from: 0, avoid: full, pools: VENDOR_POOLS })).toBeUndefined();
  });

  it('finds the first free block at or after `from` inside the starting pool', () => {
    const pool = cidr('10.0.0.0/8');
    const avoid = fc.array(
      block.filter((b) => b.prefix >= 12 && contains(pool, b)),
      { maxLength: 10 },
    );
    fc.assert(
      fc.property(avoid, (taken) => {
        const free = findFreeBlock({ prefix: 20, from: pool.network, avoid: taken, pools: [pool] });
        if (!free) return;
        // No earlier aligned /20 in the pool is free: the answer is really the first one.
        for (let n = pool.network; n < free.network; n += blockSize(20)) {
          expect(taken.some((t) => overlaps(t, { network: n, prefix: 20 }))).toBe(true);
        }
      }),
      { numRuns: 50 },
    );
  });
});

describe('splitBlock', () => {
  it('cuts a block into equal consecutive pieces in address order', () => {
    expect(splitBlock(cidr('10.0.0.0/16'), 4).map(formatBlock)).toEqual([
      '10.0.0.0/18',
      '10.0.64.0/18',
      '10.0.128.0/18',
      '10.0.192.0/18',
    ]);
    expect(splitBlock(cidr('255.255.255.254/31'), 2).map(formatBlock)).toEqual([
      '255.255.255.254/32',
      '255.255.255.255/32',
    ]);
  });

  it('refuses a part count that is not a power of two, or pieces longer than /32', () => {
    expect(() => splitBlock(cidr('10.0.0.0/24'), 3)).toThrow(/power of two/);
    expect(() => splitBlock(cidr('10.0.0.0/24'), 1)).toThrow(/power of two/);
    expect(() => splitBlock(cidr('10.0.0.0/31'), 4)).toThrow(/cannot be split/);
  });

  it('pieces tile the block exactly (property)', () => {
    fc.assert(
      fc.property(block, fc.integer({ min: 1, max: 4 }), (b, bits) => {
        fc.pre(b.prefix + bits <= 32);
        const pieces = splitBlock(b, 2 ** bits);
        expect(pieces[0].network).toBe(b.network);
        expect(lastAddress(pieces[pieces.length - 1])).toBe(lastAddress(b));
        pieces.forEach((p, i) => {
          expect(contains(b, p)).toBe(true);
          if (i > 0) expect(p.network).toBe(lastAddress(pieces[i - 1]) + 1);
        });
      }),
      { numRuns: 200 },
    );
  });
});
