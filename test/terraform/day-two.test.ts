/**
 * Day-2 changes to DEPLOYED customers, planned by real Terraform and the real AWS provider (from
 * the local mirror, no AWS call): each example is first planned as new, its planned values become
 * a "deployed" state (test/terraform/deployed-state.ts, a test tool), then the customer file is
 * changed and planned again with `-refresh=false` against that state. The summary, the refusal
 * and the exit status are asserted for: a port change, static → BGP routing, a new customer
 * gateway address, a decommission, a deleted file, and a peering the customer accepted.
 */
import * as fs from 'fs';
import * as path from 'path';
import { finish } from '../../src/cli/plan-report';
import { loadProject } from '../../src/config/load';
import { checkRemoved } from '../../src/pr/removed';
import { synthesize } from '../../src/stacks/synthesize';
import { prepareTerraformCli } from '../../src/terraform/cli-config';
import { offlineDataDir, planStacks, type StackRunResult } from '../../src/terraform/runner';
import { deployedStateFromPlan, providerSchemas, writeDeployedState } from './deployed-state';
import { PROJECT_DIR, describeWithTerraform, removeTempDirs, tempDir } from './helpers';

const IDS = ['acme-corp', 'globex', 'hooli', 'initech', 'umbrella-labs'];

describeWithTerraform('day-2 changes to deployed customers (real provider, -refresh=false)', () => {
  const work = tempDir('day-two');
  const customers = path.join(work, 'customers');
  const edit = (id: string, f: (yaml: string) => string) => {
    const file = path.join(customers, `${id}.yaml`);
    fs.writeFileSync(file, f(fs.readFileSync(file, 'utf8')));
  };
  let results: StackRunResult[] = [];
  let removed: StackRunResult[] = [];
  let deployedCount: Record<string, number> = {};
  const out = { stdout: '', stderr: '' };
  let exit = -1;
  let summary = '';

  const load = () => {
    const cwd = process.cwd();
    process.chdir(work);
    try {
      const loaded = loadProject();
      const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
      if (errors.length > 0) throw new Error(errors.map((d) => `${d.file}: ${d.message}`).join('\n'));
      return loaded;
    } finally {
      process.chdir(cwd);
    }
  };

  beforeAll(async () => {
    fs.mkdirSync(customers);
    for (const id of IDS)
      fs.copyFileSync(path.join(PROJECT_DIR, 'customers', `${id}.yaml`), path.join(customers, `${id}.yaml`));
    fs.copyFileSync(path.join(PROJECT_DIR, 'cdktf.json'), path.join(work, 'cdktf.json'));
    // Deployed before the peering was accepted (the change below accepts it).
    edit('initech', (y) =>
      y.replace('accepted: true', 'accepted: false').replace('dnsResolution: true', 'dnsResolution: false'),
    );
    const cli = prepareTerraformCli({ projectDir: PROJECT_DIR, awsProviderVersion: '5.100.0' });
    const plansDir = path.join(work, 'cdktf.out', 'plans');

    // 1. Each customer as new: its planned values become the "deployed" state in state/<id>/, the
    //    local backend's directory (cdktf.json), where the removed-customer check reads it too.
    const first = load();
    const stacks = (offlineStateDir: string) =>
      synthesize(first.customers, first.settings, {
        outdir: 'cdktf.out',
        offline: true,
        projectDir: work,
        offlineStateDir,
      }).map((s) => ({ ...s, dir: path.join(work, s.dir) }));
    const asNew = await planStacks(stacks('empty-state'), {
      cli,
      plansDir,
      projectDir: work,
      jobs: 2,
      offline: true,
    });
    expect(asNew.filter((r) => r.status !== 'planned').map((r) => r.error)).toEqual([]);
    const schemas = providerSchemas(path.join(work, 'cdktf.out', 'stacks', 'acme-corp'), {
      ...process.env,
      ...cli.env,
      TF_DATA_DIR: offlineDataDir(work, 'acme-corp'),
    });
    for (const id of IDS) {
      const plan = JSON.parse(fs.readFileSync(path.join(plansDir, id, 'plan.json'), 'utf8'));
      const state = deployedStateFromPlan(plan, schemas) as { resources: { instances: unknown[] }[] };
      deployedCount[id] = state.resources.reduce((n, r) => n + r.instances.length, 0);
      writeDeployedState(path.join(work, 'state'), id, state);
    }
    // A customer whose file is deleted below: deployed like acme-corp.
    writeDeployedState(
      path.join(work, 'state'),
      'gone-co',
      JSON.parse(fs.readFileSync(path.join(work, 'state', 'acme-corp', 'terraform.tfstate'), 'utf8')),
    );
    deployedCount = { ...deployedCount, 'gone-co': deployedCount['acme-corp'] };

    // 2. Day-2 changes.
    edit('acme-corp', (y) =>
      y.replace("allowedTcpPorts: [443, '5432-5433']", 'allowedTcpPorts: [443, 8443]'),
    );
    edit('umbrella-labs', (y) =>
      y
        .replace(/routing: static.*$/m, 'routing: bgp')
        .replace(/^( +)ip: 80\.158\.47\.11.*$/m, '$&\n$1bgpAsn: 65020'),
    );
    edit('globex', (y) => y.replace('ip: 62.210.17.44', 'ip: 62.210.17.45'));
    edit('hooli', (y) => `${y.trimEnd()}\ndecommission: true\n`);
    edit('initech', (y) =>
      y.replace('accepted: false', 'accepted: true').replace('dnsResolution: false', 'dnsResolution: true'),
    );

    // 3. Plan against the deployed state, without refreshing it (no AWS to ask).
    const second = load();
    const again = synthesize(second.customers, second.settings, {
      outdir: 'cdktf.out',
      offline: true,
      projectDir: work,
      offlineStateDir: 'state',
    }).map((s) => ({ ...s, dir: path.join(work, s.dir) }));
    results = (
      await planStacks(again, {
        cli,
        plansDir,
        projectDir: work,
        jobs: 2,
        offline: true,
        baseEnv: { ...process.env, TF_CLI_ARGS_plan: '-refresh=false' },
      })
    )
      // The provider ran with placeholder credentials, but the state it planned against is the
      // deployed one: rendered as the review of a run with credentials would be.
      .map((r) => ({ ...r, offline: false }));
    removed = (await checkRemoved(['gone-co'], second.settings, { projectDir: work })).map((r) => ({
      ...r,
      timings: {},
    }));
    exit = finish([...results, ...removed], {
      summaryFile: path.join(work, 'cdktf.out', 'summary.md'),
      absOutdir: path.join(work, 'cdktf.out'),
      projectDir: work,
      out: { stdout: (s) => (out.stdout += s), stderr: (s) => (out.stderr += s) },
    });
    summary = fs.readFileSync(path.join(work, 'cdktf.out', 'summary.md'), 'utf8');
  }, 30 * 60_000);

  afterAll(removeTempDirs);

  const result = (id: string) => results.find((r) => r.id === id)!;
  const actions = (id: string, type: string) =>
    (result(id).plan?.resource_changes ?? [])
      .filter((rc) => rc.type === type && !rc.change.actions.includes('no-op'))
      .map((rc) => rc.change.actions.join('+'));

  it('every changed stack planned against its deployed state', () => {
    expect(results.map((r) => [r.id, r.status, r.error ?? null])).toEqual(
      IDS.map((id) => [id, 'planned', null]),
    );
  });

  it('a deleted file of a deployed customer is refused, and the run exits 1', () => {
    expect(removed[0]).toMatchObject({ id: 'gone-co', status: 'refused' });
    expect(removed[0].error).toContain(`still has ${deployedCount['gone-co']} resources in its state`);
    expect(exit).toBe(1);
    expect(summary).toMatch(/^- `gone-co`: customers\/gone\\-co\\\.yaml was deleted, but stack/m);
    expect(out.stdout).toMatch(/^planned 5\/5 stack\(s\): .*; deleted customer files: 1 refused \(gone-co\)/);
    // Without the deletion, the same plans exit 0 (2 with --detailed-exitcode: they have changes).
    const quiet = { stdout: () => {}, stderr: () => {} };
    const ctx = { summaryFile: path.join(work, 'other.md'), absOutdir: work, projectDir: work, out: quiet };
    expect(finish(results, ctx)).toBe(0);
    expect(finish(results, { ...ctx, detailedExitcode: true })).toBe(2);
  });

  it('a port change: the egress rules change, nothing to connectivity, the customer reads "changed"', () => {
    expect(actions('acme-corp', 'aws_vpc_security_group_egress_rule').sort()).toEqual(
      expect.arrayContaining(['create', 'delete']),
    );
    expect(actions('acme-corp', 'aws_vpc_peering_connection')).toEqual([]);
    expect(summary).toMatch(/^\| `acme-corp` \| `vpc-peering` \| changed \| \d+ \| 0 \| \d+ \|$/m);
    expect(summary).toContain('<details><summary><b>acme-corp</b> (changed)');
    expect(summary).not.toMatch(/`acme-corp`: .* will be \*\*(REPLACED|DESTROYED)\*\*/);
  });

  it('static → BGP: the VPN connection is replaced, loudly, with what forces it', () => {
    expect(actions('umbrella-labs', 'aws_vpn_connection')).toEqual(['delete+create']);
    expect(summary).toMatch(
      /> `umbrella-labs`: `aws_vpn_connection\.[^`]+` will be \*\*REPLACED\*\*, forced by [^\n]*`static_routes_only`/,
    );
    expect(summary).toMatch(/^\| `umbrella-labs` \| `site-to-site-vpn` \| ⛔ changed, destructive \|/m);
  });

  it('a new customer gateway address: the gateway is replaced, forced by ip_address', () => {
    expect(actions('globex', 'aws_customer_gateway')).toEqual(['delete+create']);
    expect(summary).toMatch(
      /> `globex`: `aws_customer_gateway\.[^`]+` will be \*\*REPLACED\*\*, forced by `ip_address` \(`"62\.210\.17\.44" → "62\.210\.17\.45"`\)/,
    );
  });

  it('a decommission destroys everything deployed, said first', () => {
    expect(result('hooli').counts).toEqual({ add: 0, change: 0, destroy: deployedCount.hooli });
    expect(summary.split('\n')[0]).toBe(
      `⚠ \`hooli\` will be DESTROYED (decommission: true): ${deployedCount.hooli} resources to destroy.`,
    );
    expect(summary).not.toMatch(/OFFLINE PLAN/);
  });

  it('an accepted peering: the DNS options are added, the peering itself stays', () => {
    expect(actions('initech', 'aws_vpc_peering_connection_options')).toEqual(['create']);
    expect(actions('initech', 'aws_vpc_peering_connection').filter((a) => a.includes('delete'))).toEqual([]);
    expect(summary).toMatch(/^\| `initech` \| `vpc-peering` \| changed \|/m);
  });
});
