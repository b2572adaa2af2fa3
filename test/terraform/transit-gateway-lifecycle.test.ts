/**
 * A transit-gateway customer through its life, planned by the real provider (hashicorp/aws
 * 5.100.0, offline) against the state each deploy would have left: added (pending), deployed and
 * re-planned unchanged, accepted, its share ARN changed, its transit gateway changed, and
 * decommissioned. Each phase's plan goes through the pull-request summary, which must warn exactly
 * when the attachment or the share accepter is replaced or destroyed.
 *
 * "Deployed" states come from simulated-apply.ts (nothing can be applied offline); plans use
 * `-refresh=false`, as test/fixtures/plans/regenerate.sh does.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_SETTINGS } from '../../src/config/settings';
import type { Customer, TransitGatewayConnectivity } from '../../src/config/types';
import { destructiveChanges } from '../../src/pr/destructive';
import { renderSummary } from '../../src/pr/summary';
import type { StackPlanResult } from '../../src/plan/types';
import { synthesize } from '../../src/stacks/synthesize';
import { prepareTerraformCli } from '../../src/terraform/cli-config';
import { resourceTypeCounts } from '../../src/plan/counts';
import { transitGatewayCustomer } from '../stacks/customers';
import { expectedResources } from './expected-resources';
import { PROJECT_DIR, describeWithTerraform, removeTempDirs, tempDir } from './helpers';
import { stateFromPlan, type ProviderSchemas } from './simulated-apply';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Plan = any;

describeWithTerraform('transit gateway: plans of a deployed stack through its life (real provider)', () => {
  const work = tempDir('tgw-lifecycle');
  const cli = prepareTerraformCli({ projectDir: PROJECT_DIR, awsProviderVersion: '5.100.0' });
  const env = {
    ...process.env,
    ...cli.env,
    AWS_ACCESS_KEY_ID: 'AKIAPLACEHOLDER',
    AWS_SECRET_ACCESS_KEY: 'placeholder',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  const tf = (dir: string, ...args: string[]): string => {
    const r = spawnSync('terraform', args, { cwd: dir, env, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`terraform ${args.join(' ')} failed:\n${r.stderr}\n${r.stdout}`);
    return r.stdout;
  };

  let runs = 0;
  /** Synthesize `customer` (offline), plan it against `state` (or none), and return the plan JSON. */
  const plan = (customer: Customer, state?: string, ...args: string[]): Plan => {
    const dir = path.join(work, `run-${++runs}`);
    const [stack] = synthesize([{ file: `customers/${customer.id}.yaml`, customer }], DEFAULT_SETTINGS, {
      outdir: 'cdktf.out',
      offline: true,
      projectDir: dir,
    });
    const stackDir = path.join(dir, stack.dir);
    // Default local state in the stack directory instead of the offline state folder.
    const json = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8'));
    delete json.terraform.backend;
    fs.writeFileSync(path.join(stackDir, 'cdk.tf.json'), JSON.stringify(json));
    if (state) fs.writeFileSync(path.join(stackDir, 'terraform.tfstate'), state);
    tf(stackDir, 'init', '-input=false', '-no-color', '-backend=false');
    tf(
      stackDir,
      'plan',
      '-input=false',
      '-no-color',
      '-refresh=false',
      '-lock=false',
      ...args,
      '-out=plan.tfplan',
    );
    lastDir = stackDir;
    return JSON.parse(tf(stackDir, 'show', '-json', 'plan.tfplan')) as Plan;
  };
  let lastDir = '';
  let schemas: ProviderSchemas;

  const pending = transitGatewayCustomer();
  const accepted = transitGatewayCustomer({}, { accepted: true });
  const conn = (c: Customer) => c.connectivity as TransitGatewayConnectivity;
  const withTgw = (c: Customer, over: Partial<TransitGatewayConnectivity['transitGateway']>): Customer => ({
    ...c,
    connectivity: { ...conn(c), transitGateway: { ...conn(c).transitGateway, ...over } },
  });
  const NEW_SHARE = 'arn:aws:ram:us-west-2:444455556666:resource-share/0d9c8b7a-6f5e-4d3c-8b2a-1f0e9d8c7b6a';

  const actions = (p: Plan) =>
    Object.fromEntries(
      p.resource_changes
        .filter((rc: any) => !rc.change.actions.includes('no-op'))
        .map((rc: any) => [rc.address, rc.change.actions.join(',')]),
    );
  const result = (id: string, p: Plan, decommission = false): StackPlanResult => ({
    id,
    connectivityType: 'transit-gateway',
    decommission,
    status: 'planned',
    plan: p,
    durationMs: 1,
  });

  let created: Plan;
  let pendingState: string;
  let acceptedState: string;

  beforeAll(() => {
    created = plan(pending);
    schemas = JSON.parse(tf(lastDir, 'providers', 'schema', '-json')) as ProviderSchemas;
    pendingState = stateFromPlan(created, schemas);
    acceptedState = stateFromPlan(plan(accepted), schemas);
  }, 10 * 60_000);
  afterAll(() => removeTempDirs());

  it('added: creates exactly the pending resources (no route), nothing destructive', () => {
    expect(resourceTypeCounts(created, 'create')).toEqual(expectedResources(pending));
    expect(resourceTypeCounts(created, 'create').aws_route).toBeUndefined();
    expect(destructiveChanges(created)).toEqual([]);
    // The owner-only arguments are not in the configuration. In hashicorp/aws 5.100.0 they are
    // Optional + Computed (provider PR #32821): unset, the plan leaves them to the provider ("known
    // after apply" on create, the state's value afterwards), so they never show as a change.
    const attachment = created.resource_changes.find(
      (rc: any) => rc.type === 'aws_ec2_transit_gateway_vpc_attachment',
    );
    const config = created.configuration.root_module.resources.find(
      (r: any) => r.type === 'aws_ec2_transit_gateway_vpc_attachment',
    );
    expect(Object.keys(config.expressions).sort()).toEqual([
      'subnet_ids',
      'tags',
      'transit_gateway_id',
      'vpc_id',
    ]);
    expect(config.depends_on).toEqual([
      'aws_ram_resource_share_accepter.transit-gateway_resource-share-accepter',
    ]);
    for (const arg of [
      'transit_gateway_default_route_table_association',
      'transit_gateway_default_route_table_propagation',
    ]) {
      expect(attachment.change.after[arg]).toBeUndefined();
      expect(attachment.change.after_unknown[arg]).toBe(true);
    }
  });

  it('deployed and unchanged: no change at all (nothing perpetual in the attachment)', () => {
    expect(actions(plan(pending, pendingState))).toEqual({});
  });

  it('accepted: adds one route per cidrs entry to the transit gateway, and changes nothing else', () => {
    const p = plan(accepted, pendingState);
    expect(actions(p)).toEqual({
      'aws_route.transit-gateway_route-10-0-0-0-12': 'create',
      'aws_route.transit-gateway_route-172-20-0-0-16': 'create',
    });
    for (const rc of p.resource_changes.filter((r: any) => r.type === 'aws_route')) {
      expect(rc.change.after.transit_gateway_id).toBe('tgw-0a1b2c3d4e5f67890');
    }
    expect(destructiveChanges(p)).toEqual([]);
    expect(renderSummary([result('hooli', p)])).not.toMatch(/must accept|⛔/);
  });

  it('share ARN changed: the share accepter is replaced, and the summary warns the customer must accept again', () => {
    const p = plan(withTgw(accepted, { resourceShareArn: NEW_SHARE }), acceptedState);
    expect(actions(p)).toEqual({
      'aws_ram_resource_share_accepter.transit-gateway_resource-share-accepter': 'delete,create',
    });
    const [d] = destructiveChanges(p);
    expect(d).toMatchObject({ type: 'aws_ram_resource_share_accepter', kind: 'replace' });
    expect(d.forcedBy.map((f) => f.path)).toEqual(['share_arn']);
    expect(d.forcedBy[0].values).toContain(NEW_SHARE);
    const md = renderSummary([result('hooli', p)]);
    expect(md).toContain('transit-gateway_resource-share-accepter');
    expect(md).toMatch(/share the transit gateway with the vendor account again/);
  });

  it('transit gateway changed: a new attachment, which the customer must accept again; routes retargeted in place', () => {
    const p = plan(withTgw(accepted, { id: 'tgw-0b1c2d3e4f5a67890' }), acceptedState);
    expect(actions(p)).toEqual({
      'aws_ec2_transit_gateway_vpc_attachment.transit-gateway_attachment': 'delete,create',
      // aws_route replaces its target in place (ReplaceRoute): no gap in the route table itself.
      'aws_route.transit-gateway_route-10-0-0-0-12': 'update',
      'aws_route.transit-gateway_route-172-20-0-0-16': 'update',
    });
    const changes = destructiveChanges(p);
    expect(changes.map((c) => `${c.type} ${c.kind} ${c.forcedBy.map((f) => f.path).join()}`)).toEqual([
      'aws_ec2_transit_gateway_vpc_attachment replace transit_gateway_id',
    ]);
    expect(renderSummary([result('hooli', p)])).toMatch(/customer accepts the new attachment/);
  });

  it('decommissioned: destroys everything, warning about the attachment and the share', () => {
    const p = plan({ ...accepted, decommission: true }, acceptedState, '-destroy');
    expect(resourceTypeCounts(p, 'delete')).toEqual(expectedResources(accepted));
    expect(resourceTypeCounts(p, 'create')).toEqual({});
    expect(destructiveChanges(p).map((c) => `${c.type} ${c.kind}`)).toEqual([
      'aws_ec2_transit_gateway_vpc_attachment destroy',
      'aws_ram_resource_share_accepter destroy',
    ]);
    const md = renderSummary([result('hooli', p, true)]);
    expect(md.split('\n')[0]).toMatch(
      /hooli.* will be DESTROYED \(decommission: true\): 18 resources to destroy/,
    );
    expect(md).toMatch(/leaves the customer's resource share/);
  });
});
/* eslint-enable @typescript-eslint/no-explicit-any */
