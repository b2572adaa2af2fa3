import { singleTunnel } from '../../../src/config/rules/single-tunnel';
import { only, run, vpn } from './helpers';

describe('SINGLE_TUNNEL', () => {
  it('is quiet with two tunnels, written or default', () => {
    expect(run(singleTunnel, vpn())).toEqual([]);
    expect(run(singleTunnel, vpn({ tunnels: 2 }))).toEqual([]);
  });

  it('warns that a tunnel failure is an outage', () => {
    const f = only(run(singleTunnel, vpn({ tunnels: 1 })));
    expect(f).toMatchObject({
      code: 'SINGLE_TUNNEL',
      severity: 'warning',
      path: ['connectivity', 'tunnels'],
    });
    expect(f.message).toMatch(/^1 leaves no redundancy: a tunnel failure .* is an outage/);
  });
});
