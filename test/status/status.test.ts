/**
 * `linkforge status` against every AWS state, through a mocked EC2 client (aws-sdk-client-mock):
 * peering pending/active/expired/…, accepter DNS, tunnels up/down with BGP routes, transit-gateway
 * attachments, decommissioned customers, throttling and partial failures (one region unreachable:
 * the others still report, the exit status says so). No test calls AWS.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  DescribeTransitGatewayVpcAttachmentsCommand,
  DescribeVpcPeeringConnectionsCommand,
  DescribeVpnConnectionsCommand,
  EC2Client,
  type VpcPeeringConnection,
  type VpnConnection,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import type { Customer } from '../../src/config/types';
import { assessFleet, regionQueries } from '../../src/status/assess';
import { formatDuration, type StatusCustomer } from '../../src/status/link-status';
import { ec2Client } from '../../src/status/client';
import { observeFleet } from '../../src/status/observe';
import { renderStatusJson, renderStatusMarkdown, renderStatusText } from '../../src/status/render';
import { collectStatus } from '../../src/status/status';
import { run as runStatus, statusCommand } from '../../src/cli/status';
import { capture } from '../cli/capture';
import { peeringCustomer, transitGatewayCustomer, vpnCustomer } from '../stacks/customers';

const NOW = new Date('2026-11-30T12:00:00.000Z');
const ec2 = mockClient(EC2Client);
beforeEach(() => ec2.reset());

const tags = (id: string) => [
  { Key: 'managed-by', Value: 'linkforge' },
  { Key: 'customer-id', Value: id },
];

function pcx(id: string, code: string, extra: Partial<VpcPeeringConnection> = {}): VpcPeeringConnection {
  return { VpcPeeringConnectionId: `pcx-${id}`, Status: { Code: code as never }, Tags: tags(id), ...extra };
}

function vpn(id: string, tunnels: [string, number, string?][], state = 'available'): VpnConnection {
  return {
    VpnConnectionId: `vpn-${id}`,
    State: state as never,
    Tags: tags(id),
    Options: { TunnelOptions: tunnels.map((_t, i) => ({ OutsideIpAddress: `3.0.0.${i + 1}` })) },
    // AWS's telemetry order is not the tunnel order: reversed here on purpose.
    VgwTelemetry: tunnels
      .map(([status, routes, since], i) => ({
        OutsideIpAddress: `3.0.0.${i + 1}`,
        Status: status as never,
        AcceptedRouteCount: routes,
        LastStatusChange: new Date(since ?? '2026-11-01T00:00:00.000Z'),
      }))
      .reverse(),
  };
}

function tgwCustomer(over: Partial<Customer> = {}, accepted = false): Customer {
  return transitGatewayCustomer(over, { accepted, cidrs: ['10.0.0.0/12'] });
}

const sc = (...cs: Customer[]): StatusCustomer[] =>
  cs.map((customer) => ({ customer, file: `customers/${customer.id}.yaml` }));

async function status(customers: StatusCustomer[], subset = false) {
  const report = await collectStatus(customers, { clientFor: (r) => ec2Client(r), subset, now: NOW });
  return { report, byId: Object.fromEntries(report.links.map((l) => [l.id, l])) };
}

describe('peering', () => {
  const pending = peeringCustomer({ id: 'p-pending' });
  const acceptedInAws = peeringCustomer({ id: 'p-accepted-in-aws' });
  const healthy = peeringCustomer({ id: 'p-healthy' }, { accepted: true, dnsResolution: false });
  const noDns = peeringCustomer({ id: 'p-no-dns' }, { accepted: true, dnsResolution: true });
  const dnsOn = peeringCustomer({ id: 'p-dns-on' }, { accepted: true, dnsResolution: true });
  const expired = peeringCustomer({ id: 'p-expired' }, { accepted: true });
  const rejected = peeringCustomer({ id: 'p-rejected' });
  const missing = peeringCustomer({ id: 'p-missing' });
  const replaced = peeringCustomer({ id: 'p-replaced' }, { accepted: true, dnsResolution: false });

  beforeEach(() => {
    ec2.on(DescribeVpcPeeringConnectionsCommand).resolves({
      VpcPeeringConnections: [
        pcx('p-pending', 'pending-acceptance', { ExpirationTime: new Date('2026-12-03T16:30:00.000Z') }),
        pcx('p-accepted-in-aws', 'active'),
        pcx('p-healthy', 'active'),
        pcx('p-no-dns', 'active', {
          AccepterVpcInfo: { PeeringOptions: { AllowDnsResolutionFromRemoteVpc: false } },
        }),
        pcx('p-dns-on', 'active', {
          AccepterVpcInfo: { PeeringOptions: { AllowDnsResolutionFromRemoteVpc: true } },
        }),
        pcx('p-expired', 'expired'),
        pcx('p-rejected', 'rejected'),
        // an old deleted request beside its live replacement: the live one counts
        { ...pcx('p-replaced', 'deleted'), VpcPeeringConnectionId: 'pcx-old' },
        pcx('p-replaced', 'active'),
        // not linkforge's customer (no customer-id tag): ignored
        { VpcPeeringConnectionId: 'pcx-other', Status: { Code: 'active' } },
      ],
    });
  });

  test('every state, with what to do', async () => {
    const { byId } = await status(
      sc(pending, acceptedInAws, healthy, noDns, dnsOn, expired, rejected, missing, replaced),
    );
    expect(byId['p-pending']).toMatchObject({
      health: 'waiting',
      state: 'pending acceptance, 3d 4h left (expires 2026-12-03T16:30:00.000Z)',
    });
    expect(byId['p-pending'].actions[0]).toMatch(
      /waiting for the customer to accept pcx-p-pending in account 111122223333/,
    );
    expect(byId['p-accepted-in-aws']).toMatchObject({
      health: 'action',
      actions: ['accepted in AWS: set `accepted: true` in customers/p-accepted-in-aws.yaml and deploy'],
    });
    expect(byId['p-healthy']).toMatchObject({ health: 'healthy', state: 'active', actions: [] });
    expect(byId['p-no-dns']).toMatchObject({
      health: 'action',
      state: 'active, accepter DNS resolution off',
    });
    expect(byId['p-dns-on']).toMatchObject({
      health: 'healthy',
      state: 'active, accepter DNS resolution on',
    });
    expect(byId['p-expired'].health).toBe('action');
    expect(byId['p-expired'].actions[0]).toMatch(
      /^expired \(not accepted within 7 days\); the next deploy .* requests a new peering/,
    );
    expect(byId['p-rejected'].actions[0]).toMatch(/^rejected by the customer/);
    expect(byId['p-missing']).toMatchObject({ health: 'action', state: 'not found' });
    expect(byId['p-missing'].actions[0]).toMatch(/npx cdktf deploy p-missing/);
    expect(byId['p-replaced']).toMatchObject({ health: 'healthy', awsId: 'pcx-p-replaced' });
  });

  test('one batched, tag-filtered call for the whole region; customer ids only for a subset', async () => {
    await status(sc(pending, healthy, expired));
    expect(ec2.commandCalls(DescribeVpcPeeringConnectionsCommand)).toHaveLength(1);
    expect(ec2.commandCalls(DescribeVpcPeeringConnectionsCommand)[0].args[0].input.Filters).toEqual([
      { Name: 'tag:managed-by', Values: ['linkforge'] },
    ]);
    ec2.resetHistory();
    await status(sc(pending, healthy), true);
    expect(ec2.commandCalls(DescribeVpcPeeringConnectionsCommand)[0].args[0].input.Filters).toContainEqual({
      Name: 'tag:customer-id',
      Values: ['p-pending', 'p-healthy'],
    });
    // no VPN customer: no VPN call
    expect(ec2.commandCalls(DescribeVpnConnectionsCommand)).toHaveLength(0);
  });

  test('decommissioned: gone is healthy, still there needs a deploy', async () => {
    const { byId } = await status(
      sc(
        peeringCustomer({ id: 'p-expired', decommission: true }),
        peeringCustomer({ id: 'p-healthy', decommission: true }),
        peeringCustomer({ id: 'p-missing', decommission: true }),
      ),
    );
    expect(byId['p-expired'].health).toBe('healthy');
    expect(byId['p-missing']).toMatchObject({ health: 'healthy', state: 'decommissioned, gone' });
    expect(byId['p-healthy'].health).toBe('action');
    expect(byId['p-healthy'].actions[0]).toMatch(/decommissioned but the link still exists/);
  });

  test('pagination: every page is read', async () => {
    ec2.reset();
    ec2
      .on(DescribeVpcPeeringConnectionsCommand)
      .resolvesOnce({ VpcPeeringConnections: [pcx('p-pending', 'pending-acceptance')], NextToken: 't1' })
      .resolvesOnce({ VpcPeeringConnections: [pcx('p-healthy', 'active')] });
    const { byId, report } = await status(sc(pending, healthy));
    expect(byId['p-healthy'].health).toBe('healthy');
    expect(report.fleet.calls).toBe(2);
    expect(ec2.commandCalls(DescribeVpcPeeringConnectionsCommand)[1].args[0].input.NextToken).toBe('t1');
  });
});

describe('VPN', () => {
  const c = (id: string, over: Parameters<typeof vpnCustomer>[1] = {}) => vpnCustomer({ id }, over);
  beforeEach(() => {
    ec2.on(DescribeVpnConnectionsCommand).resolves({
      VpnConnections: [
        vpn('v-up', [
          ['UP', 3],
          ['UP', 3],
        ]),
        vpn('v-t2-down', [
          ['UP', 2],
          ['DOWN', 0, '2026-11-27T10:00:00.000Z'],
        ]),
        vpn('v-all-down', [
          ['DOWN', 0],
          ['DOWN', 0],
        ]),
        vpn('v-no-routes', [
          ['UP', 0],
          ['UP', 0],
        ]),
        vpn('v-one', [
          ['UP', 1],
          ['DOWN', 0],
        ]),
        vpn('v-deleted', [], 'deleted'),
        vpn('v-pending', [], 'pending'),
      ],
    });
  });

  test('tunnels up/down since when, BGP routes, deleted, pending', async () => {
    const { byId } = await status(
      sc(
        c('v-up'),
        c('v-t2-down'),
        c('v-all-down'),
        c('v-no-routes'),
        c('v-one', { tunnels: 1 }),
        c('v-deleted'),
        c('v-pending'),
      ),
    );
    expect(byId['v-up']).toMatchObject({
      health: 'healthy',
      state: 'available: tunnel 1 UP (3 BGP routes), tunnel 2 UP (3 BGP routes)',
    });
    expect(byId['v-t2-down'].health).toBe('action');
    expect(byId['v-t2-down'].state).toBe('available: tunnel 1 UP (2 BGP routes), tunnel 2 DOWN for 3d 2h');
    expect(byId['v-t2-down'].actions[0]).toMatch(
      /^tunnel 2 \(3\.0\.0\.2\) down for 3d 2h \(since 2026-11-27T10:00:00\.000Z\)/,
    );
    expect(byId['v-all-down'].actions[0]).toBe('no tunnel is up: the connection is down');
    expect(byId['v-no-routes'].actions).toContain(
      'tunnel 1 is up but receives no BGP routes: the customer announces no networks to AWS ASN 64512',
    );
    // tunnels: 1 → tunnel 2 is not configured by the customer and not alarmed
    expect(byId['v-one']).toMatchObject({ health: 'healthy' });
    expect(byId['v-one'].state).toContain('(not configured)');
    expect(byId['v-deleted'].actions[0]).toMatch(/creates a new one with new tunnel addresses and keys/);
    expect(byId['v-pending'].health).toBe('waiting');
  });

  test('static routing: no BGP route judgement', async () => {
    const { byId } = await status(sc(c('v-no-routes', { routing: 'static', cidrs: ['10.0.0.0/16'] })));
    expect(byId['v-no-routes']).toMatchObject({
      health: 'healthy',
      state: 'available: tunnel 1 UP, tunnel 2 UP',
    });
  });
});

describe('transit gateway', () => {
  test('pending acceptance, available vs file, rejected, deleted', async () => {
    ec2.on(DescribeTransitGatewayVpcAttachmentsCommand).resolves({
      TransitGatewayVpcAttachments: [
        { TransitGatewayAttachmentId: 'tgw-attach-1', State: 'pendingAcceptance', Tags: tags('t-pending') },
        { TransitGatewayAttachmentId: 'tgw-attach-2', State: 'available', Tags: tags('t-available') },
        { TransitGatewayAttachmentId: 'tgw-attach-3', State: 'available', Tags: tags('t-healthy') },
        { TransitGatewayAttachmentId: 'tgw-attach-4', State: 'rejected', Tags: tags('t-rejected') },
        { TransitGatewayAttachmentId: 'tgw-attach-5', State: 'deleted', Tags: tags('t-deleted') },
      ],
    });
    const { byId } = await status(
      sc(
        tgwCustomer({ id: 't-pending' }),
        tgwCustomer({ id: 't-available' }),
        tgwCustomer({ id: 't-healthy' }, true),
        tgwCustomer({ id: 't-rejected' }),
        tgwCustomer({ id: 't-deleted' }, true),
      ),
    );
    expect(byId['t-pending']).toMatchObject({ health: 'waiting', state: 'pending acceptance' });
    expect(byId['t-available'].actions[0]).toMatch(/^accepted in AWS: set `accepted: true`/);
    expect(byId['t-healthy'].health).toBe('healthy');
    expect(byId['t-rejected'].actions[0]).toMatch(/customer rejected tgw-attach-4/);
    expect(byId['t-deleted'].actions[0]).toMatch(/requests a new one/);
    expect(ec2.commandCalls(DescribeTransitGatewayVpcAttachmentsCommand)).toHaveLength(1);
  });
});

describe('throttling and partial failures', () => {
  test('throttling is retried by the SDK: the region still reports', async () => {
    // aws-sdk-client-mock replaces send(), below the retry middleware: the real SDK retry is
    // exercised with a request handler that answers RequestLimitExceeded twice, then succeeds.
    let requests = 0;
    const client = ec2Client('eu-west-1', {
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      retryMode: 'standard',
      requestHandler: {
        handle: async () => {
          requests++;
          const throttled = requests <= 2;
          const body = throttled
            ? '<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>r</RequestID></Response>'
            : '<DescribeVpcPeeringConnectionsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><vpcPeeringConnectionSet><item><vpcPeeringConnectionId>pcx-1</vpcPeeringConnectionId><status><code>active</code></status><tagSet><item><key>customer-id</key><value>p-healthy</value></item></tagSet></item></vpcPeeringConnectionSet></DescribeVpcPeeringConnectionsResponse>';
          const { Readable } = await import('stream');
          return {
            response: {
              statusCode: throttled ? 503 : 200,
              headers: { 'content-type': 'text/xml' },
              body: Readable.from([Buffer.from(body)]),
            },
          };
        },
      } as never,
    });
    ec2.restore();
    try {
      const healthy = peeringCustomer({ id: 'p-healthy' }, { accepted: true, dnsResolution: false });
      const report = await collectStatus(sc(healthy), { clientFor: () => client, now: NOW });
      expect(requests).toBe(3);
      expect(report.links[0]).toMatchObject({ id: 'p-healthy', health: 'healthy' });
    } finally {
      mockClient(EC2Client);
    }
  }, 30_000);

  test('one region unreachable: the others report, its customers are unknown', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'RequestLimitExceeded' });
    ec2.on(DescribeVpcPeeringConnectionsCommand).callsFake(async (_input, getClient) => {
      // the SDK's retries are above send(): this is what is left when they are exhausted
      if ((await getClient().config.region()) === 'us-west-1') throw throttled;
      return { VpcPeeringConnections: [pcx('p-healthy', 'active')] };
    });
    const ok = peeringCustomer({ id: 'p-healthy' }, { accepted: true, dnsResolution: false });
    const lost = peeringCustomer({ id: 'p-west', region: 'us-west-1' }, { accepted: true });
    const { report, byId } = await status(sc(ok, lost));
    expect(byId['p-healthy'].health).toBe('healthy');
    expect(byId['p-west']).toMatchObject({ health: 'unknown', state: 'not checked' });
    expect(byId['p-west'].actions[0]).toBe(
      'region us-west-1 could not be asked: RequestLimitExceeded: Rate exceeded',
    );
    expect(renderStatusText(report)).toContain(
      'region us-west-1 failed: RequestLimitExceeded: Rate exceeded',
    );
    const json = JSON.parse(renderStatusJson(report));
    expect(json).toMatchObject({ healthy: false, counts: { healthy: 1, unknown: 1 } });
    expect(json.regions).toContainEqual({
      region: 'us-west-1',
      ok: false,
      error: 'RequestLimitExceeded: Rate exceeded',
    });
  });

  test('a failing call in a region with several kinds of link fails the region, not the run', async () => {
    ec2
      .on(DescribeVpcPeeringConnectionsCommand)
      .resolves({ VpcPeeringConnections: [pcx('p-healthy', 'active')] });
    ec2
      .on(DescribeVpnConnectionsCommand)
      .rejects(Object.assign(new Error('not authorized'), { name: 'UnauthorizedOperation' }));
    const { byId } = await status(
      sc(
        peeringCustomer({ id: 'p-healthy' }, { accepted: true, dnsResolution: false }),
        vpnCustomer({ id: 'v', region: 'eu-west-1' }),
      ),
    );
    expect(byId['p-healthy'].health).toBe('unknown');
    expect(byId['v'].actions[0]).toMatch(/UnauthorizedOperation: not authorized/);
  });
});

describe('pure parts', () => {
  test('regionQueries: one query per region with the kinds present', () => {
    const qs = regionQueries(
      sc(
        peeringCustomer({ id: 'a' }),
        vpnCustomer({ id: 'b', region: 'eu-west-1' }),
        vpnCustomer({ id: 'c' }),
      ),
      false,
    );
    expect(qs.map((q) => [q.region, [...q.kinds].sort()])).toEqual([
      ['eu-west-1', ['peering', 'vpn']],
      ['us-east-1', ['vpn']],
    ]);
  });

  test('formatDuration', () => {
    expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000 + 5 * 60_000)).toBe('3d 4h');
    expect(formatDuration(2 * 3_600_000 + 7 * 60_000)).toBe('2h 7m');
    expect(formatDuration(59_000)).toBe('0m');
    expect(formatDuration(-5)).toBe('0m');
  });

  test('an unqueried region is unknown, never healthy', () => {
    const links = assessFleet(sc(peeringCustomer()), { regions: [], calls: 0 }, NOW);
    expect(links[0].health).toBe('unknown');
  });

  test('Markdown: values escaped, a table per link', async () => {
    ec2.on(DescribeVpcPeeringConnectionsCommand).resolves({ VpcPeeringConnections: [] });
    const report = await (await status(sc(peeringCustomer({ id: 'p-x' })))).report;
    const md = renderStatusMarkdown(report);
    expect(md).toContain('## linkforge status: 1 link(s) need attention');
    expect(md).toContain('| ACTION | `p-x` | vpc-peering | `eu-west-1` | not found |');
  });

  test('observeFleet counts calls across regions', async () => {
    ec2.on(DescribeVpcPeeringConnectionsCommand).resolves({});
    ec2.on(DescribeVpnConnectionsCommand).resolves({});
    const fleet = await observeFleet(
      regionQueries(sc(peeringCustomer({ id: 'a' }), vpnCustomer({ id: 'b' })), false),
      (r) => ec2Client(r),
    );
    expect(fleet.calls).toBe(2);
  });
});

describe('linkforge status (command)', () => {
  const ROOT = path.resolve(__dirname, '../..');

  test('exit 0 when every asked link is healthy, 1 when one needs action', async () => {
    ec2.on(DescribeVpcPeeringConnectionsCommand).resolves({
      VpcPeeringConnections: [
        pcx('initech', 'active', {
          AccepterVpcInfo: { PeeringOptions: { AllowDnsResolutionFromRemoteVpc: true } },
        }),
        pcx('acme-corp', 'pending-acceptance', { ExpirationTime: new Date('2026-12-01T12:00:00.000Z') }),
      ],
    });
    const o = capture();
    expect(
      await statusCommand(
        { ids: ['initech'], projectDir: ROOT, clientFor: (r) => ec2Client(r), now: NOW },
        o,
      ),
    ).toBe(0);
    expect(o.out).toMatch(/^ok +initech +vpc-peering +eu-central-1 +active, accepter DNS resolution on$/m);
    const all = capture();
    expect(
      await statusCommand(
        {
          ids: ['initech', 'acme-corp'],
          projectDir: ROOT,
          clientFor: (r) => ec2Client(r),
          now: NOW,
          format: 'json',
        },
        all,
      ),
    ).toBe(1);
    expect(JSON.parse(all.out).links.find((l: { id: string }) => l.id === 'acme-corp').state).toBe(
      'pending acceptance, 1d 0h left (expires 2026-12-01T12:00:00.000Z)',
    );
  });

  test('unknown id and bad format are input errors', async () => {
    const o = capture();
    expect(await statusCommand({ ids: ['nope'], projectDir: ROOT, clientFor: (r) => ec2Client(r) }, o)).toBe(
      1,
    );
    expect(o.err).toContain('unknown customer id(s): nope');
    const p = capture();
    expect(await runStatus(['--format', 'xml'], p)).toBe(1);
    expect(p.err).toContain('--format must be text, json or md');
  });
});

describe('IAM policy', () => {
  test('the status role allows exactly the read-only calls status makes, and docs/status.md shows the same', async () => {
    ec2.on(DescribeVpcPeeringConnectionsCommand).resolves({});
    ec2.on(DescribeVpnConnectionsCommand).resolves({});
    ec2.on(DescribeTransitGatewayVpcAttachmentsCommand).resolves({});
    await status(sc(peeringCustomer({ id: 'a' }), vpnCustomer({ id: 'b' }), tgwCustomer({ id: 'c' })));
    const made = [
      ...new Set(ec2.calls().map((c) => `ec2:${c.args[0].constructor.name.replace(/Command$/, '')}`)),
    ].sort();
    const root = path.resolve(__dirname, '../..');
    const policy = JSON.parse(
      fs.readFileSync(path.join(root, 'docs/iam/status-role.permissions.json'), 'utf8'),
    );
    expect(policy.Statement).toHaveLength(1);
    expect([...policy.Statement[0].Action].sort()).toEqual(made);
    expect(made.every((a) => /^ec2:Describe/.test(a))).toBe(true);
    const doc = fs.readFileSync(path.join(root, 'docs/status.md'), 'utf8');
    const json = JSON.parse(/```json\n([\s\S]*?)\n```/.exec(doc)![1]);
    expect(json.Statement[0].Action).toEqual(policy.Statement[0].Action);
  });
});
