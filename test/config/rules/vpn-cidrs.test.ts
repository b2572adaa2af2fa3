import { cidrOverlap } from '../../../src/config/rules/cidr-overlap';
import { cidrSelfOverlap } from '../../../src/config/rules/cidr-self-overlap';
import { vpnCidrs } from '../../../src/config/rules/vpn-cidrs';
import { only, run, vpn } from './helpers';

const STATIC = { routing: 'static' as const, customerGateway: { bgpAsn: undefined } };

describe('STATIC_CIDRS_REQUIRED / VPN_CIDR_SIZE', () => {
  it('accepts static with networks, and bgp without', () => {
    expect(run(vpnCidrs, vpn({ ...STATIC, cidrs: ['192.168.0.0/16', '10.9.0.0/32'] }))).toEqual([]);
    expect(run(vpnCidrs, vpn())).toEqual([]);
    expect(run(vpnCidrs, vpn({ cidrs: [] }))).toEqual([]);
  });

  it('requires networks with static routing: missing key, or an empty list', () => {
    const missing = only(run(vpnCidrs, vpn(STATIC)));
    expect(missing).toMatchObject({
      code: 'STATIC_CIDRS_REQUIRED',
      severity: 'error',
      path: ['connectivity', 'cidrs'],
    });
    expect(missing.message).toMatch(/^is missing but routing is static;/);
    const empty = only(run(vpnCidrs, vpn({ ...STATIC, cidrs: [] })));
    expect(empty.message).toMatch(/^\[\] is empty but routing is static;/);
  });

  it('rejects a default route', () => {
    const f = only(run(vpnCidrs, vpn({ cidrs: ['192.168.0.0/16', '0.0.0.0/0'] })));
    expect(f).toMatchObject({ code: 'VPN_CIDR_SIZE', severity: 'error', path: ['connectivity', 'cidrs', 1] });
    expect(f.message).toMatch(/^0\.0\.0\.0\/0 is a default route/);
  });
});

describe('a VPN /0 is one problem', () => {
  it('is not also reported as an overlap', () => {
    const doc = vpn({ cidrs: ['192.168.0.0/16', '0.0.0.0/0', '192.168.0.0/16'] });
    expect(run(cidrOverlap, doc)).toEqual([]);
    // The duplicate after the /0 keeps its own index.
    expect(run(cidrSelfOverlap, doc).map((f) => [f.code, f.path])).toEqual([
      ['CIDR_DUPLICATE', ['connectivity', 'cidrs', 2]],
    ]);
  });
});
