import { awsQuotas } from '../../../src/config/rules/aws-quotas';
import { only, peering, run, transitGateway, vpn } from './helpers';

/** n distinct /24s inside 172.31.0.0/16. */
const subnets = (n: number) => Array.from({ length: n }, (_, i) => `172.31.${i}.0/24`);

describe('QUOTA_SECURITY_GROUP_RULES / QUOTA_ROUTES', () => {
  it('is quiet within the default quotas (60 egress rules, 50 routes)', () => {
    expect(run(awsQuotas, peering({ routes: subnets(30), allowedTcpPorts: [443, 5432] }))).toEqual([]);
    expect(run(awsQuotas, peering({ routes: subnets(50) }))).toEqual([]);
    expect(run(awsQuotas, vpn())).toEqual([]);
  });

  it('warns at 61 egress rules and points at the port list', () => {
    const f = only(run(awsQuotas, peering({ routes: subnets(31), allowedTcpPorts: [443, '8000-8100'] })));
    expect(f).toMatchObject({
      code: 'QUOTA_SECURITY_GROUP_RULES',
      severity: 'warning',
      path: ['connectivity', 'allowedTcpPorts'],
    });
    expect(f.message).toContain('31 route(s) x 2 port entries = 62 egress rules');
  });

  it('counts defaulted routes (peer.cidrs) and points at peer.cidrs', () => {
    const cidrs = Array.from({ length: 31 }, (_, i) => `10.${i}.0.0/16`);
    const f = only(run(awsQuotas, peering({ peer: { cidrs }, allowedTcpPorts: [443, 80] })));
    expect(f.path).toEqual(['connectivity', 'allowedTcpPorts']);
    const g = run(
      awsQuotas,
      peering({ peer: { cidrs: Array.from({ length: 50 }, (_, i) => `10.${i}.0.0/16`) } }),
    );
    expect(g).toEqual([]);
  });

  it('warns above 50 routes in one route table', () => {
    const findings = run(awsQuotas, peering({ routes: subnets(51) }));
    const routes = findings.find((f) => f.code === 'QUOTA_ROUTES');
    expect(routes).toMatchObject({ severity: 'warning', path: ['connectivity', 'routes'] });
    expect(routes?.message).toContain('51 routes');
  });
});

describe('QUOTA_SECURITY_GROUP_RULES for a transit gateway', () => {
  const cidrs = (n: number) => Array.from({ length: n }, (_, i) => `10.${i}.0.0/16`);

  it('is quiet at 60 egress rules (cidrs x ports)', () => {
    expect(run(awsQuotas, transitGateway({ cidrs: cidrs(30), allowedTcpPorts: [443, 8443] }))).toEqual([]);
  });

  it('warns past 60, at allowedTcpPorts', () => {
    const f = only(run(awsQuotas, transitGateway({ cidrs: cidrs(31), allowedTcpPorts: [443, 8443] })));
    expect(f).toMatchObject({
      code: 'QUOTA_SECURITY_GROUP_RULES',
      severity: 'warning',
      path: ['connectivity', 'allowedTcpPorts'],
    });
    expect(f.message).toMatch(/^gives 31 cidrs x 2 port entries = 62 egress rules/);
  });
});
