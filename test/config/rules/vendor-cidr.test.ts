import { vendorCidr } from '../../../src/config/rules/vendor-cidr';
import { only, peering, run, vpn } from './helpers';

describe('VENDOR_CIDR_SIZE / VENDOR_CIDR_NOT_PRIVATE', () => {
  it.each(['10.200.0.0/16', '10.200.0.0/26', '172.16.0.0/16', '192.168.10.0/24', '100.64.0.0/20'])(
    'accepts %s',
    (c) => {
      expect(run(vendorCidr, peering({}, { vendorCidr: c }))).toEqual([]);
    },
  );

  it('does not judge the platform default (settings are validated on their own)', () => {
    expect(run(vendorCidr, peering())).toEqual([]);
  });

  it('rejects a /27: four subnets of a /27 are smaller than AWS allows', () => {
    const f = only(run(vendorCidr, peering({}, { vendorCidr: '10.200.0.0/27' })));
    expect(f).toMatchObject({ code: 'VENDOR_CIDR_SIZE', severity: 'error', path: ['vendorCidr'] });
    expect(f.message).toMatch(/^10\.200\.0\.0\/27 is a \/27; expected \/16 to \/26/);
    expect(f.message).toContain('e.g. 10.200.0.0/26');
  });

  it('rejects a /15 and suggests the /16 at the same start', () => {
    const f = only(run(vendorCidr, peering({}, { vendorCidr: '10.0.0.0/15' })));
    expect(f.code).toBe('VENDOR_CIDR_SIZE');
    expect(f.message).toContain('e.g. 10.0.0.0/16');
  });

  it('rejects public space with a free private suggestion of the same size', () => {
    const f = only(
      run(vendorCidr, vpn({ cidrs: ['10.200.0.0/16'] }, { region: 'eu-west-1', vendorCidr: '8.8.0.0/24' })),
    );
    expect(f).toMatchObject({ code: 'VENDOR_CIDR_NOT_PRIVATE', severity: 'error', path: ['vendorCidr'] });
    expect(f.message).toContain(
      'expected a range inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10',
    );
    // The default 10.200.0.0 is taken by the customer's 10.200.0.0/16: the next free /24 follows it.
    expect(f.message).toContain('e.g. 10.201.0.0/24');
  });

  it('explains link-local', () => {
    const f = only(run(vendorCidr, peering({}, { vendorCidr: '169.254.0.0/24' })));
    expect(f.code).toBe('VENDOR_CIDR_NOT_PRIVATE');
    expect(f.message).toContain('link-local');
  });

  it('rejects a range that straddles a private range (172.0.0.0/16 is not inside 172.16.0.0/12)', () => {
    expect(only(run(vendorCidr, peering({}, { vendorCidr: '172.0.0.0/16' }))).code).toBe(
      'VENDOR_CIDR_NOT_PRIVATE',
    );
  });
});
