import fc from 'fast-check';
import { VENDOR_POOLS } from '../../../src/config/cidr';
import { blockSize, contains, formatBlock, overlaps, parseCidr } from '../../../src/net/ipv4';
import { cidrOverlap } from '../../../src/config/rules/cidr-overlap';
import { only, peering, run, vpn } from './helpers';

describe('CIDR_OVERLAP', () => {
  it('accepts customer networks clear of the vendor CIDR', () => {
    expect(run(cidrOverlap, peering())).toEqual([]);
    expect(
      run(
        cidrOverlap,
        vpn({ cidrs: ['192.168.0.0/16'] }, { region: 'eu-west-1', vendorCidr: '10.0.0.0/24' }),
      ),
    ).toEqual([]);
  });

  it('reproduces the spec example: a free /25 in the next /16', () => {
    const doc = peering({ peer: { cidrs: ['10.200.0.0/24'] } }, { vendorCidr: '10.200.0.0/25' });
    const f = only(run(cidrOverlap, doc));
    expect(f).toMatchObject({
      code: 'CIDR_OVERLAP',
      severity: 'error',
      path: ['connectivity', 'peer', 'cidrs', 0],
    });
    expect(f.message).toBe('10.200.0.0/24 overlaps vendorCidr 10.200.0.0/25; a free range is 10.201.0.0/25');
  });

  it('points at the peer CIDR when vendorCidr is the default, and says to set it', () => {
    const f = only(run(cidrOverlap, peering({ peer: { cidrs: ['172.31.0.0/16', '10.200.0.0/16'] } })));
    expect(f.path).toEqual(['connectivity', 'peer', 'cidrs', 1]);
    expect(f.message).toBe(
      '10.200.0.0/16 overlaps vendorCidr 10.200.0.0/25 (the platform default: vendorCidr is not set); a free range is 10.201.0.0/25: set vendorCidr: 10.201.0.0/25',
    );
  });

  it('skips past every customer network, not just the clashing one', () => {
    const doc = peering(
      { peer: { cidrs: ['10.200.0.0/16', '10.201.0.0/16', '10.202.0.0/20'] } },
      { vendorCidr: '10.200.0.0/24' },
    );
    const f = only(run(cidrOverlap, doc));
    expect(f.message).toContain('a free range is 10.202.16.0/24');
  });

  it('reports every clashing entry, with one suggestion', () => {
    const doc = peering({ peer: { cidrs: ['10.0.0.0/9', '10.128.0.0/9'] } }, { vendorCidr: '10.200.0.0/16' });
    const findings = run(cidrOverlap, doc);
    // 10.0.0.0/9 does not overlap 10.200.0.0/16; 10.128.0.0/9 does. The free /16 leaves 10/8.
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('a free range is 172.16.0.0/16');
  });

  it('checks VPN networks against the vendor CIDR and link-local', () => {
    const doc = vpn({ cidrs: ['10.200.0.0/24', '169.254.0.0/16', '192.168.0.0/16'] });
    const findings = run(cidrOverlap, doc);
    expect(findings.map((f) => f.path)).toEqual([
      ['connectivity', 'cidrs', 0],
      ['connectivity', 'cidrs', 1],
    ]);
    expect(findings[0].message).toContain('a free range is 10.201.0.0/25');
    expect(findings[1].message).toMatch(
      /^169\.254\.0\.0\/16 overlaps 169\.254\.0\.0\/16, the link-local range/,
    );
  });

  it('always suggests a canonical, private range of the vendor size that overlaps no customer network', () => {
    const network = fc
      .tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 12, max: 28 }))
      .map(([a, p]) => formatBlock({ network: Math.floor(a / blockSize(p)) * blockSize(p), prefix: p }));
    const vendor = fc
      .tuple(fc.integer({ min: 0, max: 2 ** 24 - 1 }), fc.integer({ min: 16, max: 26 }))
      .map(([a, p]) =>
        formatBlock({ network: 10 * 2 ** 24 + Math.floor(a / blockSize(p)) * blockSize(p), prefix: p }),
      );
    fc.assert(
      fc.property(vendor, fc.array(network, { minLength: 1, maxLength: 8 }), (v, cidrs) => {
        const doc = peering({ peer: { cidrs: [...cidrs, v] } }, { vendorCidr: v });
        const findings = run(cidrOverlap, doc);
        expect(findings.length).toBeGreaterThan(0);
        const suggested = /a free range is (\S+)$/.exec(findings[0].message)![1];
        const block = parseCidr(suggested)!;
        expect(formatBlock(block)).toBe(suggested);
        expect(block.prefix).toBe(parseCidr(v)!.prefix);
        expect(VENDOR_POOLS.some((pool) => contains(pool, block))).toBe(true);
        for (const c of [...cidrs, v]) expect(overlaps(block, parseCidr(c)!)).toBe(false);
      }),
    );
  });
});
