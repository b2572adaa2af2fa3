/**
 * The Terraform acceptance suite of the stacks issue: every example customer in customers/ and a
 * generated sample of twenty customers covering every option are synthesized offline, then
 * `terraform init` (provider from the local mirror), `terraform validate` and an offline
 * `terraform plan` run through the runner with --jobs 2. Each plan must succeed with exactly the
 * resources the customer's options call for, and the whole run must open no network connection
 * (HTTPS_PROXY/HTTP_PROXY point at a trap that counts connections).
 *
 * Slow by nature (Terraform starts the 700 MB AWS provider three times per stack): minutes.
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadProject } from '../../src/config/load';
import type { Customer, LoadedCustomer } from '../../src/config/types';
import { generateFleet } from '../../src/fleet/generate';
import { synthesize } from '../../src/stacks/synthesize';
import { prepareTerraformCli } from '../../src/terraform/cli-config';
import { resourceTypeCounts } from '../../src/terraform/plan-counts';
import { planStacks, type StackRunResult } from '../../src/terraform/runner';
import { PROJECT_DIR, describeWithTerraform, startTrapProxy, tempDir } from './helpers';

/**
 * The resources a customer's stack must create, by Terraform type, derived from the issue's
 * description of each offering (not from the construct code).
 */
export function expectedResources(c: Customer): Record<string, number> {
  if (c.decommission) return {}; // a destroy plan of a stack that was never applied: nothing
  const n: Record<string, number> = {};
  const add = (type: string, k = 1) => {
    if (k > 0) n[type] = (n[type] ?? 0) + k;
  };
  // Vendor VPC: the VPC, its emptied default security group, one private route table, two
  // private subnets (two availability zones) and their route table associations.
  add('aws_vpc');
  add('aws_default_security_group');
  add('aws_route_table');
  add('aws_subnet', 2);
  add('aws_route_table_association', 2);
  // A flow log on every vendor VPC; with the default destination (the repository's cdktf.json sets
  // none) a log group of its own and the role the flow-logs service writes with.
  add('aws_flow_log');
  add('aws_cloudwatch_log_group');
  add('aws_iam_role');
  add('aws_iam_role_policy');
  const conn = c.connectivity;
  if (conn.type === 'vpc-peering') {
    const routes = new Set(conn.routes).size;
    const ports = conn.allowedTcpPorts
      ? new Set(conn.allowedTcpPorts.map((p) => `${p.from}-${p.to}`)).size
      : 1;
    add('aws_vpc_peering_connection');
    add('aws_route', routes); // one per route through the peering
    add('aws_security_group'); // the connectors' group
    add('aws_vpc_security_group_egress_rule', routes * ports); // each route × each port range
    // No peering options ever: DNS resolution is the customer's (accepter's) step.
  } else if (conn.type === 'transit-gateway') {
    const cidrs = new Set(conn.cidrs).size;
    const ports = conn.allowedTcpPorts
      ? new Set(conn.allowedTcpPorts.map((p) => `${p.from}-${p.to}`)).size
      : 1;
    add('aws_ram_resource_share_accepter'); // the customer's share, accepted by the vendor account
    add('aws_ec2_transit_gateway_vpc_attachment'); // in the two private subnets
    if (conn.accepted) add('aws_route', cidrs); // only once the customer accepted the attachment
    add('aws_security_group'); // the connectors' group
    add('aws_vpc_security_group_egress_rule', cidrs * ports); // each customer network × each port range
  } else {
    add('aws_vpn_gateway');
    add('aws_vpn_gateway_attachment');
    add('aws_customer_gateway');
    add('aws_vpn_connection');
    add('aws_vpn_gateway_route_propagation');
    if (conn.routing === 'static') add('aws_vpn_connection_route', new Set(conn.cidrs).size);
    add('aws_cloudwatch_metric_alarm', conn.tunnels); // one per configured tunnel
    add('aws_cloudwatch_log_group'); // the tunnel logs of both tunnels
    // The connectors' group (format v1.1): egress to the customer's cidrs, or to the four private
    // ranges with BGP and no cidrs, each × each port range.
    const destinations = conn.cidrs.length > 0 ? new Set(conn.cidrs).size : 4;
    const vpnPorts = conn.allowedTcpPorts
      ? new Set(conn.allowedTcpPorts.map((p) => `${p.from}-${p.to}`)).size
      : 1;
    add('aws_security_group');
    add('aws_vpc_security_group_egress_rule', destinations * vpnPorts);
    if (conn.natGateway) {
      // Public subnet with its own route table and default route to the internet gateway, an
      // Elastic IP for the NAT gateway, and the private default route through it.
      add('aws_internet_gateway');
      add('aws_subnet');
      add('aws_route_table');
      add('aws_route_table_association');
      add('aws_eip');
      add('aws_nat_gateway');
      add('aws_route', 2);
    }
  }
  return Object.fromEntries(Object.entries(n).sort(([a], [b]) => (a < b ? -1 : 1)));
}

const SAMPLE_SIZE = 20;
const SAMPLE_SEED = 20240601;

function loadDir(dir: string): LoadedCustomer[] {
  const { customers, diagnostics } = loadProject({
    customersDir: dir,
    cdktfJson: path.join(PROJECT_DIR, 'cdktf.json'),
  });
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0)
    throw new Error(`invalid customers in ${dir}:\n${errors.map((d) => d.message).join('\n')}`);
  return customers;
}

describeWithTerraform('offline terraform plan of the examples and a generated sample', () => {
  const work = tempDir('examples');
  const sampleDir = path.join(work, 'customers');
  fs.mkdirSync(sampleDir);
  for (const g of generateFleet(SAMPLE_SIZE, SAMPLE_SEED))
    fs.writeFileSync(path.join(sampleDir, `${g.id}.yaml`), g.yaml);

  const examples = loadDir(path.join(PROJECT_DIR, 'customers'));
  const sample = loadDir(sampleDir);
  const all = [...examples, ...sample];
  const byId = new Map(all.map((c) => [c.customer.id, c.customer]));
  let results: StackRunResult[] = [];
  let connections = -1;
  let wallMs = 0;

  beforeAll(async () => {
    expect(examples.length).toBeGreaterThanOrEqual(4);
    expect(sample).toHaveLength(SAMPLE_SIZE);
    expect(byId.size).toBe(all.length); // example and generated ids never collide
    const { settings } = loadProject({
      customersDir: sampleDir,
      cdktfJson: path.join(PROJECT_DIR, 'cdktf.json'),
    });
    const stacks = synthesize(all, settings, { outdir: 'cdktf.out', offline: true, projectDir: work }).map(
      (s) => ({
        ...s,
        dir: path.join(work, s.dir),
      }),
    );
    // The shared plugin cache of the project, as `npm run plan` uses it.
    const cli = prepareTerraformCli({ projectDir: PROJECT_DIR, awsProviderVersion: '5.100.0' });
    const trap = await startTrapProxy();
    const baseEnv: NodeJS.ProcessEnv = { ...process.env, HTTPS_PROXY: trap.url, HTTP_PROXY: trap.url };
    for (const k of ['NO_PROXY', 'no_proxy', 'https_proxy', 'http_proxy']) delete baseEnv[k];
    const started = Date.now();
    try {
      results = await planStacks(stacks, {
        cli,
        plansDir: path.join(work, 'cdktf.out', 'plans'),
        projectDir: work,
        jobs: 2,
        offline: true,
        validate: true,
        baseEnv,
      });
    } finally {
      connections = trap.connections();
      await trap.close();
    }
    wallMs = Date.now() - started;
    const perStack = results.map((r) => r.durationMs).sort((a, b) => a - b);
    console.log(
      `terraform suite: ${results.length} stacks, --jobs 2, ${(wallMs / 1000).toFixed(1)}s wall; ` +
        `per stack median ${(perStack[Math.floor(perStack.length / 2)] / 1000).toFixed(1)}s, ` +
        `max ${(perStack[perStack.length - 1] / 1000).toFixed(1)}s`,
    );
  }, 30 * 60_000);

  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it('makes no network connection at all (no AWS API, no registry)', () => {
    expect(connections).toBe(0);
  });

  it('every stack is initialised, validated and planned', () => {
    const failed = results.filter((r) => r.status !== 'planned').map((r) => `${r.id}: ${r.error}`);
    expect(failed).toEqual([]);
    expect(results).toHaveLength(all.length);
    for (const r of results) {
      expect(r.timings.validate).toBeGreaterThan(0);
      expect(fs.existsSync(path.join(work, r.planFile!))).toBe(true);
    }
  });

  it.each(all.map((c) => [c.customer.id]))('%s: creates exactly the resources its options call for', (id) => {
    const r = results.find((x) => x.id === id);
    expect(r?.status).toBe('planned');
    const customer = byId.get(id)!;
    expect(resourceTypeCounts(r!.plan, 'create')).toEqual(expectedResources(customer));
    // A new customer's plan only creates: nothing to change or destroy.
    expect(resourceTypeCounts(r!.plan, 'update')).toEqual({});
    expect(resourceTypeCounts(r!.plan, 'delete')).toEqual({});
  });

  it('decommissioned customers get destroy plans', () => {
    const gone = results.filter((r) => r.decommission);
    expect(gone.length).toBeGreaterThanOrEqual(2); // the sample has one peering and one VPN
    for (const r of gone) {
      const log = fs.readFileSync(path.join(work, 'cdktf.out', 'plans', r.id, 'terraform.log'), 'utf8');
      expect(log).toMatch(/\$ terraform plan .*-destroy/);
      // Never applied, so nothing to destroy: terraform's detailed exit code 0, and no show -json.
      expect(log).toMatch(/\$ terraform plan .*-detailed-exitcode.*# exit 0,/);
      expect(log).not.toMatch(/\$ terraform show/);
      expect(r.counts).toEqual({ add: 0, change: 0, destroy: 0 });
    }
    // A stack with changes: exit 2, then show -json for the review.
    const live = results.find((r) => !r.decommission)!;
    const log = fs.readFileSync(path.join(work, 'cdktf.out', 'plans', live.id, 'terraform.log'), 'utf8');
    expect(log).toMatch(/\$ terraform plan .*# exit 2,/);
    expect(log).toMatch(/\$ terraform show -json/);
  });
});
