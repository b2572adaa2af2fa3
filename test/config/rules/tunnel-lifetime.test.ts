import { tunnelLifetime } from '../../../src/config/rules/tunnel-lifetime';
import { only, run, vpn } from './helpers';

const lifetimes = (p1?: number, p2?: number) =>
  vpn({
    tunnelOptions: {
      ...(p1 !== undefined ? { phase1: { lifetimeSeconds: p1 } } : {}),
      ...(p2 !== undefined ? { phase2: { lifetimeSeconds: p2 } } : {}),
    },
  });

describe('TUNNEL_LIFETIME', () => {
  it('accepts phase 2 shorter than phase 1, counting AWS defaults', () => {
    expect(run(tunnelLifetime, lifetimes(28800, 3600))).toEqual([]);
    expect(run(tunnelLifetime, lifetimes(3601))).toEqual([]);
    expect(run(tunnelLifetime, lifetimes(900 + 1, 900))).toEqual([]);
    expect(run(tunnelLifetime, lifetimes(undefined, 3600))).toEqual([]);
    expect(run(tunnelLifetime, vpn())).toEqual([]);
  });

  it('rejects phase1.lifetimeSeconds: 3600 alone (phase 2 stays at 3600)', () => {
    const f = only(run(tunnelLifetime, lifetimes(3600)));
    expect(f).toMatchObject({
      code: 'TUNNEL_LIFETIME',
      severity: 'error',
      path: ['connectivity', 'tunnelOptions', 'phase1', 'lifetimeSeconds'],
    });
    expect(f.message).toMatch(/^3600 is not longer than the phase 2 lifetime 3600 \(AWS default/);
    expect(f.message).toContain('raise it above 3600');
  });

  it('reports at phase 2 when both are written', () => {
    const f = only(run(tunnelLifetime, lifetimes(1800, 1800)));
    expect(f.path).toEqual(['connectivity', 'tunnelOptions', 'phase2', 'lifetimeSeconds']);
    expect(f.message).toMatch(/^1800 is not shorter than the phase 1 lifetime 1800;/);
    expect(f.message).toContain('lower phase2.lifetimeSeconds below 1800');
  });

  it('only suggests raising phase 1 when phase 2 cannot go lower', () => {
    const f = only(run(tunnelLifetime, lifetimes(900, 900)));
    expect(f.message).toContain('raise phase1.lifetimeSeconds above 900');
    expect(f.message).not.toContain('lower');
  });
});
