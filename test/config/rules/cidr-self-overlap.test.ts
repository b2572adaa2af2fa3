import { cidrSelfOverlap } from '../../../src/config/rules/cidr-self-overlap';
import { only, peering, run, vpn } from './helpers';

describe('CIDR_DUPLICATE / CIDR_SELF_OVERLAP', () => {
  it('accepts disjoint peer CIDRs and overlapping (but distinct) routes', () => {
    const doc = peering({
      peer: { cidrs: ['172.31.0.0/16', '10.1.0.0/16'] },
      routes: ['172.31.0.0/16', '172.31.16.0/20'],
    });
    expect(run(cidrSelfOverlap, doc)).toEqual([]);
    expect(run(cidrSelfOverlap, vpn({ cidrs: ['192.168.0.0/24', '192.168.1.0/24'] }))).toEqual([]);
  });

  it('reports a repeated peer CIDR at the later entry, naming the earlier one', () => {
    const f = only(
      run(cidrSelfOverlap, peering({ peer: { cidrs: ['172.31.0.0/16', '10.1.0.0/16', '172.31.0.0/16'] } })),
    );
    expect(f).toMatchObject({
      code: 'CIDR_DUPLICATE',
      severity: 'error',
      path: ['connectivity', 'peer', 'cidrs', 2],
    });
    expect(f.message).toBe(
      '172.31.0.0/16 repeats connectivity.peer.cidrs[0] 172.31.0.0/16; expected each network once: remove this entry',
    );
  });

  it('reports a nested peer CIDR, saying which one to remove', () => {
    const inner = only(
      run(cidrSelfOverlap, peering({ peer: { cidrs: ['172.31.0.0/16', '172.31.4.0/24'] } })),
    );
    expect(inner).toMatchObject({ code: 'CIDR_SELF_OVERLAP', path: ['connectivity', 'peer', 'cidrs', 1] });
    expect(inner.message).toMatch(
      /^172\.31\.4\.0\/24 lies inside connectivity\.peer\.cidrs\[0\] 172\.31\.0\.0\/16;/,
    );
    expect(inner.message).toContain('remove 172.31.4.0/24');

    const outer = only(
      run(cidrSelfOverlap, peering({ peer: { cidrs: ['172.31.4.0/24', '172.31.0.0/16'] } })),
    );
    expect(outer.message).toMatch(
      /^172\.31\.0\.0\/16 contains connectivity\.peer\.cidrs\[0\] 172\.31\.4\.0\/24;/,
    );
  });

  it('reports repeated routes', () => {
    const f = only(run(cidrSelfOverlap, peering({ routes: ['172.31.16.0/20', '172.31.16.0/20'] })));
    expect(f).toMatchObject({ code: 'CIDR_DUPLICATE', path: ['connectivity', 'routes', 1] });
  });

  it('reports overlapping VPN networks', () => {
    const f = only(run(cidrSelfOverlap, vpn({ cidrs: ['192.168.0.0/16', '192.168.10.0/24'] })));
    expect(f).toMatchObject({ code: 'CIDR_SELF_OVERLAP', path: ['connectivity', 'cidrs', 1] });
    expect(f.message).toContain('connectivity.cidrs[0] 192.168.0.0/16');
  });
});
