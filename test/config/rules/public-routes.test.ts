import { publicRoutes } from '../../../src/config/rules/public-routes';
import { only, peering, run, transitGateway, vpn } from './helpers';

describe('ROUTE_PUBLIC', () => {
  it('is quiet for private and shared address space', () => {
    expect(
      run(
        publicRoutes,
        transitGateway({ cidrs: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'] }),
      ),
    ).toEqual([]);
    expect(run(publicRoutes, peering())).toEqual([]);
    expect(run(publicRoutes, vpn({ routing: 'static', cidrs: ['192.168.0.0/16'] }))).toEqual([]);
  });

  it('warns for a public transit-gateway entry, naming it', () => {
    const f = only(run(publicRoutes, transitGateway({ cidrs: ['10.0.0.0/12', '203.0.113.0/24'] })));
    expect(f).toMatchObject({
      code: 'ROUTE_PUBLIC',
      severity: 'warning',
      path: ['connectivity', 'cidrs', 1],
    });
    expect(f.message).toMatch(/^203\.0\.113\.0\/24 is public address space .* through the transit gateway/);
  });

  it('warns for an entry only partly private (wider than a private range)', () => {
    const f = only(run(publicRoutes, transitGateway({ cidrs: ['172.0.0.0/8'] })));
    expect(f.path).toEqual(['connectivity', 'cidrs', 0]);
  });

  it('leaves entries other rules refuse to them (too wide, reserved)', () => {
    expect(run(publicRoutes, transitGateway({ cidrs: ['0.0.0.0/0', '127.0.0.0/8', '224.0.0.0/4'] }))).toEqual(
      [],
    );
  });

  it('checks what a peering routes: routes when written, else peer.cidrs', () => {
    const viaCidrs = only(run(publicRoutes, peering({ peer: { cidrs: ['172.31.0.0/16', '52.0.0.0/16'] } })));
    expect(viaCidrs.path).toEqual(['connectivity', 'peer', 'cidrs', 1]);
    const viaRoutes = only(
      run(publicRoutes, peering({ peer: { cidrs: ['52.0.0.0/16'] }, routes: ['52.0.16.0/20'] })),
    );
    expect(viaRoutes.path).toEqual(['connectivity', 'routes', 0]);
  });

  it('checks static VPN cidrs, not BGP ones (the device announces those)', () => {
    const f = only(run(publicRoutes, vpn({ routing: 'static', cidrs: ['8.8.8.0/24'] })));
    expect(f.path).toEqual(['connectivity', 'cidrs', 0]);
    expect(run(publicRoutes, vpn({ cidrs: ['8.8.8.0/24'] }))).toEqual([]);
  });
});
