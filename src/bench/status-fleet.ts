/**
 * The `status` figure's child process: `linkforge status` of a whole fleet against a mocked EC2
 * client that answers every call after a fixed latency (100 ms by default, a slow real AWS
 * round-trip), with every customer's link present and healthy. It runs the real command path
 * (load and check every file, group by region, batched and paginated calls, comparison, report)
 * and writes `{ calls, links, regions, wallMs }` to `--out`, from which the benchmark reports the
 * number of AWS calls next to the time.
 *
 * usage: node dist/src/bench/status-fleet.js [--customers DIR] [--latency-ms N] [--out FILE]
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import {
  DescribeTransitGatewayVpcAttachmentsCommand,
  DescribeVpcPeeringConnectionsCommand,
  DescribeVpnConnectionsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { formatText } from '../config/diagnostics';
import { loadProject } from '../config/load';
import type { Customer } from '../config/types';
import { renderStatusJson } from '../status/render';
import { projectStatus } from '../status/status';
import { STATUS_LATENCY_MS, STATUS_RESULT } from './steps';

/** The answers of a healthy fleet, per region, in the order AWS would page them. */
function healthyAnswers(customers: readonly Customer[]) {
  const byRegion = new Map<string, { peerings: unknown[]; vpns: unknown[]; attachments: unknown[] }>();
  for (const c of customers) {
    const r = byRegion.get(c.region) ?? { peerings: [], vpns: [], attachments: [] };
    byRegion.set(c.region, r);
    const tags = [
      { Key: 'managed-by', Value: 'linkforge' },
      { Key: 'customer-id', Value: c.id },
    ];
    const conn = c.connectivity;
    if (conn.type === 'vpc-peering') {
      r.peerings.push({
        VpcPeeringConnectionId: `pcx-${c.id}`,
        Status: { Code: conn.accepted ? 'active' : 'pending-acceptance' },
        ExpirationTime: new Date(Date.now() + 3 * 86_400_000),
        AccepterVpcInfo: { PeeringOptions: { AllowDnsResolutionFromRemoteVpc: conn.dnsResolution } },
        Tags: tags,
      });
    } else if (conn.type === 'site-to-site-vpn') {
      const tunnel = (i: number) => ({
        OutsideIpAddress: `3.0.${i}.1`,
        Status: 'UP',
        AcceptedRouteCount: 2,
        LastStatusChange: new Date(Date.now() - 86_400_000),
      });
      r.vpns.push({
        VpnConnectionId: `vpn-${c.id}`,
        State: 'available',
        Options: { TunnelOptions: [{ OutsideIpAddress: '3.0.0.1' }, { OutsideIpAddress: '3.0.1.1' }] },
        VgwTelemetry: [tunnel(0), tunnel(1)],
        Tags: tags,
      });
    } else {
      r.attachments.push({
        TransitGatewayAttachmentId: `tgw-attach-${c.id}`,
        State: conn.accepted ? 'available' : 'pendingAcceptance',
        Tags: tags,
      });
    }
  }
  return byRegion;
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      customers: { type: 'string', default: 'customers' },
      'latency-ms': { type: 'string', default: String(STATUS_LATENCY_MS) },
      out: { type: 'string', default: STATUS_RESULT },
    },
    strict: true,
  });
  const latency = Number(values['latency-ms']);
  // aws-sdk-client-mock is a dev dependency: the benchmark is a development tool.
  const { mockClient } = await import('aws-sdk-client-mock');
  const loaded = loadProject({ customersDir: values.customers });
  const answers = healthyAnswers(loaded.customers.map((c) => c.customer));
  const sleep = () => new Promise((r) => setTimeout(r, latency));
  const page = <T>(items: readonly T[], input: { MaxResults?: number; NextToken?: string }) => {
    const start = Number(input.NextToken ?? 0);
    const end = start + (input.MaxResults ?? 1000);
    return { items: items.slice(start, end), next: end < items.length ? String(end) : undefined };
  };
  const ec2 = mockClient(EC2Client);
  let calls = 0;
  const regionOf = async (getClient: () => EC2Client) => answers.get(await getClient().config.region());
  ec2.on(DescribeVpcPeeringConnectionsCommand).callsFake(async (input, getClient) => {
    calls++;
    await sleep();
    const p = page((await regionOf(getClient))?.peerings ?? [], input);
    return { VpcPeeringConnections: p.items, NextToken: p.next };
  });
  ec2.on(DescribeVpnConnectionsCommand).callsFake(async (_input, getClient) => {
    calls++;
    await sleep();
    return { VpnConnections: (await regionOf(getClient))?.vpns ?? [] };
  });
  ec2.on(DescribeTransitGatewayVpcAttachmentsCommand).callsFake(async (input, getClient) => {
    calls++;
    await sleep();
    const p = page((await regionOf(getClient))?.attachments ?? [], input);
    return { TransitGatewayVpcAttachments: p.items, NextToken: p.next };
  });

  const started = Date.now();
  const status = await projectStatus({ customersDir: values.customers });
  if (status.kind !== 'report') {
    for (const d of status.diagnostics) process.stderr.write(`${formatText(d)}\n`);
    throw new Error(`the fleet in ${values.customers} cannot be checked (${status.kind})`);
  }
  // Rendered as `linkforge status --format json` does, so the figure covers the whole command.
  const report = renderStatusJson(status.report);
  const wallMs = Date.now() - started;
  const parsed = JSON.parse(report) as { links: unknown[]; regions: { ok: boolean }[] };
  if (parsed.regions.some((r) => !r.ok)) throw new Error('a region failed against the mocked client');
  const result = {
    calls,
    links: parsed.links.length,
    regions: parsed.regions.length,
    latencyMs: latency,
    wallMs,
    exit: status.report.links.every((l) => l.health === 'healthy') ? 0 : 1,
  };
  fs.mkdirSync(path.dirname(values.out), { recursive: true });
  fs.writeFileSync(values.out, `${JSON.stringify(result)}\n`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`status-fleet: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
