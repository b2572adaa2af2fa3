import { bgpAsn } from '../../../src/config/rules/bgp-asn';
import { DEFAULT_SETTINGS } from '../../../src/config/settings';
import { only, run, vpn } from './helpers';

const PATH = ['connectivity', 'customerGateway', 'bgpAsn'];

describe('BGP_ASN_REQUIRED / BGP_ASN_WITH_STATIC / ASN_RESERVED / ASN_CONFLICT', () => {
  it('accepts a private ASN with bgp, and none with static', () => {
    expect(run(bgpAsn, vpn())).toEqual([]);
    expect(run(bgpAsn, vpn({ customerGateway: { bgpAsn: 4200000000 }, routing: 'bgp' }))).toEqual([]);
    expect(
      run(
        bgpAsn,
        vpn({ routing: 'static', cidrs: ['192.168.0.0/16'], customerGateway: { bgpAsn: undefined } }),
      ),
    ).toEqual([]);
  });

  it('requires bgpAsn with bgp routing, the default', () => {
    const f = only(run(bgpAsn, vpn({ customerGateway: { bgpAsn: undefined } })));
    expect(f).toMatchObject({ code: 'BGP_ASN_REQUIRED', severity: 'error', path: PATH });
    expect(f.message).toMatch(/^is missing and routing is bgp \(the default\);/);
    expect(f.message).toContain('bgpAsn: 65000');
  });

  it('rejects bgpAsn with static routing, at the key', () => {
    const f = only(run(bgpAsn, vpn({ routing: 'static', cidrs: ['192.168.0.0/16'] })));
    expect(f).toMatchObject({ code: 'BGP_ASN_WITH_STATIC', severity: 'error', path: PATH, target: 'key' });
    expect(f.message).toMatch(/^65010 is set but routing is static/);
  });

  it.each([7224, 9059, 10124, 17493, 17943])("rejects Amazon's ASN %d", (asn) => {
    const f = only(run(bgpAsn, vpn({ customerGateway: { bgpAsn: asn } })));
    expect(f).toMatchObject({ code: 'ASN_RESERVED', severity: 'error', path: PATH });
    expect(f.message).toBe(
      `${asn} is reserved by Amazon; expected a private ASN such as 65000 that differs from amazonSideAsn 64512 (the platform default)`,
    );
  });

  it('rejects the vendor-side ASN, written or defaulted', () => {
    const dflt = only(run(bgpAsn, vpn({ customerGateway: { bgpAsn: 64512 } })));
    expect(dflt).toMatchObject({ code: 'ASN_CONFLICT', severity: 'error', path: PATH });
    expect(dflt.message).toMatch(
      /^64512 equals the vendor-side amazonSideAsn 64512 \(the platform default\);/,
    );

    const written = only(run(bgpAsn, vpn({ customerGateway: { bgpAsn: 65000 }, amazonSideAsn: 65000 })));
    expect(written.message).toContain('such as 65001');

    const settings = { ...DEFAULT_SETTINGS, defaultAmazonSideAsn: 65010 };
    expect(only(run(bgpAsn, vpn(), { settings })).code).toBe('ASN_CONFLICT');
  });
});
