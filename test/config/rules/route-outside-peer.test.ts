import { routeOutsidePeer } from '../../../src/config/rules/route-outside-peer';
import { only, peering, run } from './helpers';

describe('ROUTE_OUTSIDE_PEER', () => {
  it('accepts routes inside peer CIDRs, and no routes at all', () => {
    expect(run(routeOutsidePeer, peering({ routes: ['172.31.16.0/20', '172.31.0.0/16'] }))).toEqual([]);
    expect(run(routeOutsidePeer, peering())).toEqual([]);
  });

  it('reports a route outside every peer CIDR', () => {
    const f = only(run(routeOutsidePeer, peering({ routes: ['172.31.16.0/20', '10.1.0.0/16'] })));
    expect(f).toMatchObject({
      code: 'ROUTE_OUTSIDE_PEER',
      severity: 'error',
      path: ['connectivity', 'routes', 1],
    });
    expect(f.message).toMatch(
      /^10\.1\.0\.0\/16 is not inside connectivity\.peer\.cidrs \(172\.31\.0\.0\/16\);/,
    );
  });

  it('suggests the peer CIDRs a too-wide route covers', () => {
    const f = only(
      run(
        routeOutsidePeer,
        peering({ peer: { cidrs: ['172.31.0.0/16', '172.30.0.0/16'] }, routes: ['172.16.0.0/12'] }),
      ),
    );
    expect(f.message).toContain('route 172.31.0.0/16 or 172.30.0.0/16 instead');
  });
});
