import { startupAction } from '../../../src/config/rules/startup-action';
import { only, run, vpn } from './helpers';

describe('STARTUP_ACTION_IKEV1', () => {
  it('accepts start with IKEv2 (written or default) and add with IKEv1', () => {
    expect(run(startupAction, vpn({ tunnelOptions: { startupAction: 'start' } }))).toEqual([]);
    expect(
      run(startupAction, vpn({ ikeVersion: 'ikev2', tunnelOptions: { startupAction: 'start' } })),
    ).toEqual([]);
    expect(run(startupAction, vpn({ ikeVersion: 'ikev1', tunnelOptions: { startupAction: 'add' } }))).toEqual(
      [],
    );
  });

  it('rejects start with IKEv1', () => {
    const f = only(
      run(startupAction, vpn({ ikeVersion: 'ikev1', tunnelOptions: { startupAction: 'start' } })),
    );
    expect(f).toMatchObject({
      code: 'STARTUP_ACTION_IKEV1',
      severity: 'error',
      path: ['connectivity', 'tunnelOptions', 'startupAction'],
    });
    expect(f.message).toMatch(/^start needs IKEv2 but ikeVersion is ikev1/);
    expect(f.message).toContain('startupAction: add, or ikeVersion: ikev2');
  });
});
