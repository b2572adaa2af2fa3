import { vpnEgressDefault } from '../../../src/config/rules/vpn-egress-default';
import { only, peering, run, vpn } from './helpers';

describe('VPN_EGRESS_DEFAULT', () => {
  it('is quiet with cidrs, with static routing, and for peering', () => {
    expect(run(vpnEgressDefault, vpn({ cidrs: ['192.168.0.0/16'] }))).toEqual([]);
    expect(
      run(
        vpnEgressDefault,
        vpn({ routing: 'static', cidrs: ['192.168.0.0/16'], customerGateway: { bgpAsn: undefined } }),
      ),
    ).toEqual([]);
    expect(run(vpnEgressDefault, peering())).toEqual([]);
    expect(run(vpnEgressDefault, vpn({}, { region: 'eu-west-1', decommission: true }))).toEqual([]);
  });

  it('warns that a BGP VPN without cidrs reaches every private range', () => {
    for (const doc of [vpn(), vpn({ routing: 'bgp' }), vpn({ cidrs: [] })]) {
      const f = only(run(vpnEgressDefault, doc));
      expect(f).toMatchObject({
        code: 'VPN_EGRESS_DEFAULT',
        severity: 'warning',
        path: ['connectivity', 'cidrs'],
      });
      expect(f.message).toContain('10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10');
      expect(f.message).toMatch(/list the customer's networks in connectivity\.cidrs/);
    }
  });
});
