import { vpnTier } from '../../../src/config/rules/vpn-tier';
import { only, peering, run, vpn } from './helpers';

describe('VPN_PLAN_NOT_ELIGIBLE', () => {
  it('accepts enterprise, team with the add-on, and peering on team', () => {
    expect(run(vpnTier, vpn())).toEqual([]);
    expect(
      run(vpnTier, vpn({}, { region: 'eu-west-1', plan: 'team', addOns: ['onprem-connectivity'] })),
    ).toEqual([]);
    expect(run(vpnTier, peering({}, { plan: 'team' }))).toEqual([]);
  });

  it('reports a VPN on team without the add-on at plan', () => {
    for (const top of [{ plan: 'team' as const }, { plan: 'team' as const, addOns: [] }]) {
      const f = only(run(vpnTier, vpn({}, { region: 'eu-west-1', ...top })));
      expect(f).toMatchObject({ code: 'VPN_PLAN_NOT_ELIGIBLE', severity: 'error', path: ['plan'] });
      expect(f.message).toMatch(/^team does not include site-to-site VPN; expected plan: enterprise/);
      expect(f.message).toContain('addOns: [onprem-connectivity]');
    }
  });
});
