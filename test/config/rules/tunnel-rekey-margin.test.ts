import { tunnelRekeyMargin } from '../../../src/config/rules/tunnel-rekey-margin';
import { only, run, vpn } from './helpers';

const margin = (m: number, p2?: number) =>
  vpn({
    tunnelOptions: {
      rekeyMarginSeconds: m,
      ...(p2 !== undefined ? { phase2: { lifetimeSeconds: p2 } } : {}),
    },
  });

describe('TUNNEL_REKEY_MARGIN', () => {
  it('accepts up to half of phase 2', () => {
    expect(run(tunnelRekeyMargin, margin(1800))).toEqual([]);
    expect(run(tunnelRekeyMargin, margin(450, 900))).toEqual([]);
    expect(run(tunnelRekeyMargin, vpn())).toEqual([]);
  });

  it('rejects more than half of the default phase 2 lifetime', () => {
    const f = only(run(tunnelRekeyMargin, margin(1801)));
    expect(f).toMatchObject({
      code: 'TUNNEL_REKEY_MARGIN',
      severity: 'error',
      path: ['connectivity', 'tunnelOptions', 'rekeyMarginSeconds'],
    });
    expect(f.message).toBe(
      '1801 is more than half of the phase 2 lifetime 3600 (AWS default); expected 60 to 1800 (AWS default 270)',
    );
  });

  it('uses the written phase 2 lifetime', () => {
    expect(only(run(tunnelRekeyMargin, margin(500, 900))).message).toContain('expected 60 to 450');
  });
});
