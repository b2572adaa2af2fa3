import { transitGatewayCidrs } from '../../../src/config/rules/transit-gateway-cidrs';
import { only, run, transitGateway, vpn } from './helpers';

describe('TGW_CIDR_SIZE, TGW_CIDR_RESERVED', () => {
  it('accepts /8 to /32 outside the reserved ranges', () => {
    expect(
      run(
        transitGatewayCidrs,
        transitGateway({ cidrs: ['10.0.0.0/8', '192.168.1.7/32', '198.51.100.0/24'] }),
      ),
    ).toEqual([]);
    // Not a transit-gateway file: nothing to check.
    expect(run(transitGatewayCidrs, vpn({ routing: 'static', cidrs: ['0.0.0.0/1'] }))).toEqual([]);
  });

  it.each(['0.0.0.0/0', '10.0.0.0/7', '128.0.0.0/1'])('rejects %s as too wide', (c) => {
    const f = only(run(transitGatewayCidrs, transitGateway({ cidrs: ['172.20.0.0/16', c] })));
    expect(f).toMatchObject({ code: 'TGW_CIDR_SIZE', severity: 'error', path: ['connectivity', 'cidrs', 1] });
    expect(f.message).toMatch(/ is a \/\d; expected \/8 to \/32/);
  });

  it.each([
    ['0.0.0.0/8', '0.0.0.0/8'],
    ['0.1.0.0/16', '0.0.0.0/8'],
    ['127.0.0.1/32', '127.0.0.0/8'],
    ['169.254.0.0/16', '169.254.0.0/16'],
    ['169.254.169.253/32', '169.254.0.0/16'],
    ['224.0.0.0/8', '224.0.0.0/3'],
    ['240.0.0.0/8', '224.0.0.0/3'],
    ['255.255.255.255/32', '224.0.0.0/3'],
  ])('rejects %s inside the reserved %s', (c, reserved) => {
    const f = only(run(transitGatewayCidrs, transitGateway({ cidrs: [c] })));
    expect(f).toMatchObject({ code: 'TGW_CIDR_RESERVED', path: ['connectivity', 'cidrs', 0] });
    expect(f.message).toContain(`lies in ${reserved}`);
  });

  it('says "overlaps" for an entry wider than the reserved range it touches', () => {
    const f = only(run(transitGatewayCidrs, transitGateway({ cidrs: ['169.0.0.0/8'] })));
    expect(f.message).toMatch(/^169\.0\.0\.0\/8 overlaps 169\.254\.0\.0\/16/);
  });
});
