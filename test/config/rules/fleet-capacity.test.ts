import { QUOTAS, fleetCapacity } from '../../../src/config/fleet-capacity';
import { FleetIndex } from '../../../src/config/fleet-index';
import { normalize } from '../../../src/config/normalize';
import { fleetCapacityRule } from '../../../src/config/rules/fleet-capacity';
import type { CustomerDocument, Finding, RuleContext } from '../../../src/config/rules/rule';
import { DEFAULT_SETTINGS, type PlatformSettings } from '../../../src/config/settings';
import { peering, transitGateway, vpn } from './helpers';

/** `n` copies of a document, ids c01, c02, … (file order = id order). */
function fleetOf(n: number, make: (i: number) => CustomerDocument): CustomerDocument[] {
  return Array.from({ length: n }, (_, i) => {
    const id = `c${String(i + 1).padStart(2, '0')}`;
    return { ...make(i), id, name: id };
  });
}

/** Every file's findings, checked as one run (one FleetIndex, as the loader does). */
function check(documents: readonly CustomerDocument[], settings: PlatformSettings = DEFAULT_SETTINGS) {
  const loaded = documents.map((document) => ({
    file: `customers/${document.id}.yaml`,
    customer: normalize(document, settings),
    document,
  }));
  const fleet = new FleetIndex(loaded.map(({ file, customer }) => ({ file, customer })));
  const findings = new Map<string, Finding[]>();
  for (const { file, customer, document } of loaded) {
    const ctx: RuleContext = { customer, document, file, fileStem: document.id, others: [], fleet, settings };
    const got = fleetCapacityRule.check(ctx);
    for (const f of got) expect(fleetCapacityRule.codes).toContain(f.code);
    if (got.length) findings.set(document.id, got);
  }
  return { findings, capacity: fleetCapacity(fleet, settings) };
}

const withQuotas = (quotas: PlatformSettings['quotas']): PlatformSettings => ({
  ...DEFAULT_SETTINGS,
  quotas,
});

describe('QUOTA_FLEET', () => {
  it('compliant: five peering customers in a region fit the default of five VPCs', () => {
    const { findings, capacity } = check(fleetOf(5, () => peering()));
    expect(findings.size).toBe(0);
    expect(capacity.rows.filter((r) => r.quota === 'vpcsPerRegion')).toEqual([
      expect.objectContaining({
        quota: 'vpcsPerRegion',
        region: 'eu-west-1',
        count: 5,
        limit: 5,
        over: false,
      }),
    ]);
  });

  it('the sixth VPC in a region warns on the file past the quota only, at peer.region when region is left out', () => {
    const { findings } = check(fleetOf(7, () => peering()));
    expect([...findings.keys()]).toEqual(['c06', 'c07']);
    const [f] = findings.get('c06')!;
    expect(f).toMatchObject({
      severity: 'warning',
      code: 'QUOTA_FLEET',
      path: ['connectivity', 'peer', 'region'],
    });
    expect(f.message).toContain('VPC is number 6 of 7');
    expect(f.message).toContain('"VPCs per Region" is 5');
    expect(f.message).toContain('context.linkforge.quotas.eu-west-1.vpcsPerRegion');
  });

  it('points at region when it is written', () => {
    const { findings } = check(fleetOf(6, () => peering({}, { region: 'eu-west-1' })));
    expect(findings.get('c06')!.map((f) => f.path)).toEqual([['region']]);
  });

  it('counts per region: six customers over two regions fit', () => {
    const { findings, capacity } = check(
      fleetOf(6, (i) => peering({}, { region: i % 2 ? 'eu-west-1' : 'us-east-1' })),
    );
    expect(findings.size).toBe(0);
    expect(capacity.rows.filter((r) => r.quota === 'vpcsPerRegion').map((r) => [r.region, r.count])).toEqual([
      ['eu-west-1', 3],
      ['us-east-1', 3],
    ]);
  });

  it('decommissioned customers do not count', () => {
    const docs = fleetOf(7, (i) => peering({}, i < 2 ? { decommission: true } : {}));
    const { findings, capacity } = check(docs);
    expect(findings.size).toBe(0);
    expect(capacity.rows[0].count).toBe(5);
  });

  it('VPN stacks count their virtual private gateways at connectivity.type, NAT resources at natGateway', () => {
    const docs = fleetOf(6, (i) => vpn({ natGateway: true, customerGateway: { ip: `8.8.4.${i + 1}` } }));
    const { findings } = check(docs);
    const got = findings.get('c06')!.map((f) => [f.message.split(' is number')[0], f.path.join('.')]);
    expect(got).toEqual([
      ["this stack's VPC", 'region'],
      ["this stack's internet gateway", 'connectivity.natGateway'],
      ["this stack's NAT gateway", 'connectivity.natGateway'],
      ["this stack's Elastic IP", 'connectivity.natGateway'],
      ["this stack's virtual private gateway", 'connectivity.type'],
    ]);
    expect(findings.get('c06')![2].message).toContain('creates in eu-west-1a');
  });

  it('customer gateways and VPN connections count against 50, pointing at the customerGateway key', () => {
    // 51 VPN customers in one region; the VPC and VGW quotas raised so only these two cross.
    const docs = fleetOf(51, (i) =>
      vpn({ customerGateway: { ip: `8.8.${Math.floor(i / 200)}.${(i % 200) + 1}` } }),
    );
    const settings = withQuotas({ '*': { vpcsPerRegion: 100, virtualPrivateGatewaysPerRegion: 100 } });
    const { findings } = check(docs, settings);
    expect([...findings.keys()]).toEqual(['c51']);
    expect(findings.get('c51')!.map((f) => [f.path.join('.'), f.target])).toEqual([
      ['connectivity.customerGateway', 'key'],
      ['connectivity.type', undefined],
    ]);
  });

  it('raised quotas: a region key wins over "*", which wins over the default', () => {
    const docs = fleetOf(8, () => peering());
    expect(check(docs, withQuotas({ '*': { vpcsPerRegion: 8 } })).findings.size).toBe(0);
    const regional = check(
      docs,
      withQuotas({ '*': { vpcsPerRegion: 8 }, 'eu-west-1': { vpcsPerRegion: 7 } }),
    );
    expect([...regional.findings.keys()]).toEqual(['c08']);
    expect(regional.capacity.rows[0]).toMatchObject({ limit: 7, limitFrom: 'quotas.eu-west-1', over: true });
    expect(regional.findings.get('c08')![0].message).toContain('(platform setting quotas.eu-west-1)');
    // A raised quota for another region or another resource changes nothing here.
    const other = check(
      docs,
      withQuotas({ 'us-east-1': { vpcsPerRegion: 50 }, '*': { elasticIpsPerRegion: 9 } }),
    );
    expect(other.capacity.rows[0]).toMatchObject({ limit: 5, limitFrom: 'default' });
  });

  it('transit gateway attachments count per transit gateway, at transitGateway.id', () => {
    const docs = fleetOf(3, () => transitGateway());
    const settings = withQuotas({
      '*': { vpcsPerRegion: 100, transitGatewayAttachmentsPerTransitGateway: 2 },
    });
    const { findings, capacity } = check(docs, settings);
    expect(findings.get('c03')!.map((f) => f.path.join('.'))).toEqual(['connectivity.transitGateway.id']);
    expect(findings.get('c03')![0].message).toContain('AWS does not raise this quota');
    expect(capacity.rows.find((r) => r.quota === 'transitGatewayAttachmentsPerTransitGateway')).toMatchObject(
      {
        transitGatewayId: 'tgw-0a1b2c3d4e5f67890',
        count: 3,
        over: true,
      },
    );
  });

  it('peerings not yet accepted count as outstanding peering requests (25 by default), at connectivity.peer', () => {
    const raised = withQuotas({ '*': { vpcsPerRegion: 1000 } });
    const pending = fleetOf(26, () => peering());
    const { findings, capacity } = check(pending, raised);
    expect([...findings.keys()]).toEqual(['c26']);
    expect(findings.get('c26')![0].path.join('.')).toBe('connectivity.peer');
    expect(findings.get('c26')![0].message).toContain('"Outstanding VPC peering connection requests" is 25');
    expect(capacity.rows.find((r) => r.quota === 'outstandingPeeringRequestsPerRegion')).toMatchObject({
      count: 26,
      limit: 25,
      over: true,
    });
    // Accepted peerings are active connections, not requests: the same fleet with one accepted fits.
    const oneAccepted = fleetOf(26, (i) => peering({ accepted: i === 0 }));
    expect(check(oneAccepted, raised).findings.size).toBe(0);
  });

  it('flow-log IAM roles count once for the whole account, across regions, unless flow logs go to S3', () => {
    const docs = fleetOf(4, (i) =>
      peering({ accepted: true }, { region: i % 2 ? 'eu-west-1' : 'us-east-1' }),
    );
    const settings = withQuotas({ '*': { iamRolesPerAccount: 3 } });
    const { findings, capacity } = check(docs, settings);
    expect([...findings.keys()]).toEqual(['c04']);
    expect(findings.get('c04')![0].path).toEqual(['id']);
    expect(findings.get('c04')![0].message).toContain(
      'number 4 of 4 the fleet creates in the vendor account (all regions)',
    );
    expect(findings.get('c04')![0].message).toContain('context.linkforge.quotas["*"].iamRolesPerAccount');
    expect(capacity.rows.find((r) => r.quota === 'iamRolesPerAccount')).toMatchObject({
      region: '*',
      count: 4,
      limit: 3,
      limitFrom: 'quotas.*',
      over: true,
    });
    // A central S3 flow-log destination creates no role per stack: nothing to count.
    const s3: PlatformSettings = {
      ...settings,
      logs: { ...settings.logs, flowLogDestination: { type: 's3', arn: 'arn:aws:s3:::central-flow-logs' } },
    };
    const central = check(docs, s3);
    expect(central.findings.size).toBe(0);
    expect(central.capacity.rows.some((r) => r.quota === 'iamRolesPerAccount')).toBe(false);
  });

  it('every quota of the settings is counted, with a positive AWS default', () => {
    expect(QUOTAS.map((q) => q.key).sort()).toEqual(
      Object.keys(
        // The schema of `quotas` in settings-load.ts lists the same keys as QuotaSettings.
        {
          vpcsPerRegion: 0,
          internetGatewaysPerRegion: 0,
          virtualPrivateGatewaysPerRegion: 0,
          customerGatewaysPerRegion: 0,
          vpnConnectionsPerRegion: 0,
          elasticIpsPerRegion: 0,
          natGatewaysPerAvailabilityZone: 0,
          transitGatewayAttachmentsPerTransitGateway: 0,
          outstandingPeeringRequestsPerRegion: 0,
          iamRolesPerAccount: 0,
        },
      ).sort(),
    );
    for (const q of QUOTAS) expect(q.defaultLimit).toBeGreaterThan(0);
  });

  it('is computed once per run, not once per file', () => {
    const docs = fleetOf(3, () => peering());
    const loaded = docs.map((d) => ({
      file: `customers/${d.id}.yaml`,
      customer: normalize(d, DEFAULT_SETTINGS),
    }));
    const fleet = new FleetIndex(loaded);
    expect(fleetCapacity(fleet, DEFAULT_SETTINGS)).toBe(fleetCapacity(fleet, DEFAULT_SETTINGS));
  });
});
