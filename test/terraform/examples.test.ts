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
import type { LoadedCustomer } from '../../src/config/types';
import { generateFleet } from '../../src/fleet/generate';
import { synthesize } from '../../src/stacks/synthesize';
import { prepareTerraformCli } from '../../src/terraform/cli-config';
import { resourceTypeCounts } from '../../src/plan/counts';
import type { StackRunResult } from '../../src/plan/types';
import { planStacks } from '../../src/terraform/runner';
import { expectedResources } from './expected-resources';
import { PROJECT_DIR, describeWithTerraform, startTrapProxy, tempDir } from './helpers';

// Twenty customers (a terraform plan each costs seconds of CPU on a shared machine); the seed deals
// profiles peering-2 … vpn-8, so the sample holds seven transit-gateway customers, pending and
// accepted, the two sharing one transit gateway, and one decommission of each type.
const SAMPLE_SIZE = 20;
const SAMPLE_SEED = 20240608;

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
  // The transit-gateway example in its second phase (accepted: the routes are added), with its own
  // id, organisation and share so it can sit beside the generated customers.
  fs.writeFileSync(
    path.join(sampleDir, 'hooli-accepted.yaml'),
    fs
      .readFileSync(path.join(PROJECT_DIR, 'customers', 'hooli.yaml'), 'utf8')
      .replace(/^id: hooli\b/m, 'id: hooli-accepted')
      .replace(/^orgId: \S+/m, 'orgId: 9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d')
      .replace(/resource-share\/[0-9a-f-]+/, 'resource-share/0d9c8b7a-6f5e-4d3c-8b2a-1f0e9d8c7b6a')
      .replace(/^ {2}accepted: false.*$/m, '  accepted: true'),
  );

  const examples = loadDir(path.join(PROJECT_DIR, 'customers'));
  const sample = loadDir(sampleDir);
  const all = [...examples, ...sample];
  const byId = new Map(all.map((c) => [c.customer.id, c.customer]));
  let results: StackRunResult[] = [];
  let connections = -1;
  let wallMs = 0;

  beforeAll(async () => {
    expect(examples.length).toBeGreaterThanOrEqual(5);
    expect(sample).toHaveLength(SAMPLE_SIZE + 1);
    // Both phases of a transit gateway: pending (no route) and accepted (routes).
    const tgw = all.map((c) => c.customer.connectivity).filter((c) => c.type === 'transit-gateway');
    expect(tgw.filter((c) => c.accepted).length).toBeGreaterThanOrEqual(2);
    expect(tgw.filter((c) => !c.accepted).length).toBeGreaterThanOrEqual(2);
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
    expect(gone.length).toBeGreaterThanOrEqual(3); // the sample has one of each type
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
