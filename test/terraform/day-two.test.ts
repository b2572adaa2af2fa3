/**
 * Day-2 changes to DEPLOYED customers, planned by real Terraform and the real AWS provider
 * (hashicorp/aws 5.100.0 from the local mirror, no AWS call), through the steps `linkforge plan`
 * takes (load → synthesize → planStacks → removed-file check → finish), so what is asserted is the
 * summary, the console line and the exit status a reviewer would get.
 *
 * 1. Every customer is planned as new; simulated-apply.ts (a test tool) turns each plan into the
 *    state its apply would have left, with references resolved, in `state/<id>/` (the local
 *    backend's directory in cdktf.json, where the removed-file check reads it too).
 * 2. The customer files change: a port (acme-corp), static → BGP (umbrella-labs), the customer
 *    gateway address (globex), a decommission (hooli), a peering accepted (initech), nothing
 *    (stark-ind); and gone-co, deployed, has no file any more.
 * 3. The stacks are planned against that state with `-refresh=false` (nothing to refresh from).
 *
 * The one difference from a run with credentials: the provider block has the offline skip flags and
 * placeholder credentials (no STS call). The backend is the real one (local, `state/`), the runner
 * is not told "offline", so the summary is the online one.
 */
import * as fs from 'fs';
import * as path from 'path';
import { finish } from '../../src/cli/plan-report';
import { loadProject, type LoadResult } from '../../src/config/load';
import { checkRemoved } from '../../src/pr/removed';
import { synthesize } from '../../src/stacks/synthesize';
import { prepareTerraformCli } from '../../src/terraform/cli-config';
import type { StackRunResult } from '../../src/plan/types';
import { planStacks } from '../../src/terraform/runner';
import { PROJECT_LOCK_FILE } from '../../src/terraform/stack-plan';
import { PROJECT_DIR, describeWithTerraform, removeTempDirs, tempDir } from './helpers';
import {
  providerSchemas,
  showPlan,
  stateFromPlan,
  stateResourceCount,
  writeState,
  type ProviderSchemas,
} from './simulated-apply';

/** A customer nobody touches in this pull request (the no-op case). */
const STARK = `id: stark-ind
name: Stark Industries
orgId: 7d2e4f6a-1b3c-4d5e-8f9a-0b1c2d3e4f5a
plan: team
region: eu-central-1
vendorCidr: 10.220.0.0/24
connectivity:
  type: vpc-peering
  peer:
    accountId: '210987654321'
    vpcId: vpc-0fedcba9876543210
    region: eu-central-1
    cidrs: [10.30.0.0/16]
  accepted: true
`;

const EXAMPLES = ['acme-corp', 'globex', 'hooli', 'initech', 'umbrella-labs'];
const IDS = [...EXAMPLES, 'stark-ind'].sort();

describeWithTerraform('day-2 changes to deployed customers (real provider, -refresh=false)', () => {
  const work = tempDir('day-two');
  const customers = path.join(work, 'customers');
  const stateDir = path.join(work, 'state');
  const plansDir = path.join(work, 'cdktf.out', 'plans');
  const cli = prepareTerraformCli({ projectDir: PROJECT_DIR, awsProviderVersion: '5.100.0' });
  // Placeholders only: with the offline provider flags nothing checks them, and -refresh=false
  // reads nothing from AWS. Never a real credential, never the developer's profile.
  const baseEnv: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_ACCESS_KEY_ID: 'day-two-placeholder',
    AWS_SECRET_ACCESS_KEY: 'day-two-placeholder',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PROFILE: '',
    AWS_CONFIG_FILE: path.join(work, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(work, 'no-aws-credentials'),
    TF_CLI_ARGS_plan: '-refresh=false',
  };
  delete baseEnv.AWS_PROFILE;
  const tfEnv = { ...baseEnv, ...cli.env };

  const edit = (id: string, f: (yaml: string) => string) => {
    const file = path.join(customers, `${id}.yaml`);
    const before = fs.readFileSync(file, 'utf8');
    const after = f(before);
    if (after === before) throw new Error(`the edit of ${id}.yaml changed nothing (example drifted?)`);
    fs.writeFileSync(file, after);
  };
  const load = (): LoadResult => {
    const cwd = process.cwd();
    process.chdir(work);
    try {
      const loaded = loadProject();
      const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
      if (errors.length > 0)
        throw new Error(errors.map((d) => `${d.file}:${d.line}: ${d.message}`).join('\n'));
      return loaded;
    } finally {
      process.chdir(cwd);
    }
  };
  /** Synthesize every customer (offline provider flags, local state in `state`) and plan them all. */
  const planAll = async (loaded: LoadResult, state: string): Promise<StackRunResult[]> => {
    const stacks = synthesize(loaded.customers, loaded.settings, {
      outdir: 'cdktf.out',
      offline: true,
      offlineStateDir: state,
      projectDir: work,
    }).map((s) => ({ ...s, dir: path.join(work, s.dir) }));
    fs.rmSync(plansDir, { recursive: true, force: true });
    return planStacks(stacks, { cli, plansDir, projectDir: work, jobs: 1, lock: false, baseEnv });
  };

  let results: StackRunResult[] = [];
  let removed: StackRunResult[] = [];
  const deployed: Record<string, number> = {};
  const out = { stdout: '', stderr: '' };
  let exit = -1;
  let summary = '';
  let schemas: ProviderSchemas;

  beforeAll(async () => {
    fs.mkdirSync(customers);
    for (const id of EXAMPLES)
      fs.copyFileSync(path.join(PROJECT_DIR, 'customers', `${id}.yaml`), path.join(customers, `${id}.yaml`));
    fs.writeFileSync(path.join(customers, 'stark-ind.yaml'), STARK);
    fs.copyFileSync(path.join(PROJECT_DIR, 'cdktf.json'), path.join(work, 'cdktf.json'));
    fs.copyFileSync(path.join(PROJECT_DIR, PROJECT_LOCK_FILE), path.join(work, PROJECT_LOCK_FILE));
    // initech was deployed before the customer accepted (the change below accepts it).
    edit('initech', (y) =>
      y.replace('accepted: true', 'accepted: false').replace(/^ *dnsResolution: true.*\n/m, ''),
    );

    // 1. Every customer as new (empty state), each plan "applied" into state/<id>/.
    const asNew = await planAll(load(), 'empty-state');
    expect(asNew.map((r) => [r.id, r.status, r.error ?? null])).toEqual(
      IDS.map((id) => [id, 'planned', null]),
    );
    const stackDir = (id: string) => path.join(work, 'cdktf.out', 'stacks', id);
    schemas = providerSchemas(stackDir(IDS[0]), tfEnv);
    for (const id of IDS) {
      const state = stateFromPlan(
        showPlan(stackDir(id), path.join(plansDir, id, 'plan.tfplan'), tfEnv),
        schemas,
      );
      deployed[id] = stateResourceCount(state);
      writeState(stateDir, id, state);
    }
    // gone-co: deployed like acme-corp; its file is deleted in this pull request.
    fs.mkdirSync(path.join(stateDir, 'gone-co'));
    fs.copyFileSync(
      path.join(stateDir, 'acme-corp', 'terraform.tfstate'),
      path.join(stateDir, 'gone-co', 'terraform.tfstate'),
    );
    deployed['gone-co'] = deployed['acme-corp'];

    // 2. The pull request.
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
    edit('initech', (y) => y.replace('accepted: false', 'accepted: true'));

    // 3. Planned against the deployed state, reported as `linkforge plan` reports.
    const loaded = load();
    results = await planAll(loaded, 'state');
    removed = (await checkRemoved(['gone-co'], loaded.settings, { projectDir: work })).map((r) => ({
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
  }, 60 * 60_000);

  afterAll(removeTempDirs);

  const result = (id: string) => {
    const r = results.find((x) => x.id === id);
    if (!r) throw new Error(`no result for ${id}`);
    return r;
  };
  /** Address → actions (joined with ","), for every resource that is not a no-op. */
  const actions = (id: string): Record<string, string> =>
    Object.fromEntries(
      (result(id).plan?.resource_changes ?? [])
        .filter((rc) => !rc.change.actions.includes('no-op'))
        .map((rc) => [rc.address, rc.change.actions.join(',')]),
    );
  const typeOf = (address: string) => address.split('.')[0];
  /** The summary's table row of a customer. */
  const row = (id: string) => summary.split('\n').find((l) => l.startsWith(`| \`${id}\` |`));

  it('every stack planned against its deployed state, none as offline', () => {
    expect(results.map((r) => [r.id, r.status, r.error ?? null])).toEqual(
      IDS.map((id) => [id, 'planned', null]),
    );
    expect(results.some((r) => r.offline)).toBe(false);
    expect(summary).not.toContain('OFFLINE PLAN');
    expect(summary).toMatch(
      /^\*\*6 customers planned\*\* \(3 changed, 1 decommissioned, 2 without changes\): \d+ to add, \d+ to change, \d+ to destroy\. \*\*\d+ destructive changes to connectivity\.\*\* \*\*1 refused\.\*\*$/m,
    );
    expect(out.stderr).toBe('');
  });

  it('no-op: an unchanged deployed stack reports no changes', () => {
    expect(actions('stark-ind')).toEqual({});
    expect(result('stark-ind').counts).toEqual({ add: 0, change: 0, destroy: 0 });
    expect(row('stark-ind')).toBeUndefined();
    expect(summary).toMatch(
      /<details><summary>2 customers with no changes<\/summary>\n\n`initech`, `stark-ind`\n/,
    );
  });

  it('port change on a peering customer: only egress rules change, nothing destructive, "changed"', () => {
    const a = actions('acme-corp');
    expect(Object.keys(a).length).toBeGreaterThan(0);
    // Each (destination, ports) pair is its own rule named after its value: 5432-5433 goes, 8443 comes.
    expect([...new Set(Object.keys(a).map(typeOf))]).toEqual(['aws_vpc_security_group_egress_rule']);
    for (const [address, act] of Object.entries(a)) {
      if (/5432-5433/.test(address)) expect(act).toBe('delete');
      else {
        expect(address).toMatch(/8443/);
        expect(act).toBe('create');
      }
    }
    const counts = result('acme-corp').counts!;
    expect(counts.add).toBe(counts.destroy);
    expect(row('acme-corp')).toBe(
      `| \`acme-corp\` | \`vpc-peering\` | changed | ${counts.add} | 0 | ${counts.destroy} |`,
    );
    expect(summary).not.toMatch(/`acme-corp`: `[^`]+` will be \*\*/);
  });

  it('static → BGP on a VPN customer: the connection is replaced, with the replace warning and its cause', () => {
    const a = actions('umbrella-labs');
    const replaced = Object.entries(a).filter(([, act]) => act.includes('delete') && act.includes('create'));
    expect(replaced.map(([address]) => typeOf(address))).toEqual(
      expect.arrayContaining(['aws_vpn_connection', 'aws_customer_gateway']),
    );
    const vpn = replaced.find(([address]) => typeOf(address) === 'aws_vpn_connection')!;
    expect(summary).toMatch(
      new RegExp(
        `> \`umbrella-labs\`: \`${vpn[0].replace(/\./g, '\\.')}\` will be \\*\\*REPLACED\\*\\*, forced by [^\\n]*\`static_routes_only\``,
      ),
    );
    expect(row('umbrella-labs')).toMatch(
      /^\| `umbrella-labs` \| `site-to-site-vpn` \| ⛔ changed, destructive \|/,
    );
    expect(summary).toMatch(/\*\*\d+ destructive changes? to connectivity\.\*\*/);
  });

  it('customer gateway IP change: a new gateway first (create_before_destroy), the connection modified in place', () => {
    const a = actions('globex');
    const cgw = Object.entries(a).filter(([address]) => typeOf(address) === 'aws_customer_gateway');
    expect(cgw).toHaveLength(1);
    expect(cgw[0][1]).toBe('create,delete');
    const vpn = Object.entries(a).filter(([address]) => typeOf(address) === 'aws_vpn_connection');
    expect(vpn.map(([, act]) => act)).toEqual(['update']);
    const gateway = result('globex').plan!.resource_changes!.find((rc) => rc.address === cgw[0][0])!;
    expect(gateway.change.replace_paths).toEqual([['ip_address']]);
    expect(summary).toContain('`"62.210.17.44" → "62.210.17.45"`');
    expect(summary).toMatch(
      /`globex`: `aws_customer_gateway\.[^`]+` will be \*\*REPLACED\*\*, forced by `ip_address`/,
    );
  });

  it('decommission: everything deployed is destroyed, and the summary says so on its first line', () => {
    expect(result('hooli').counts).toEqual({ add: 0, change: 0, destroy: deployed.hooli });
    expect(new Set(Object.values(actions('hooli')))).toEqual(new Set(['delete']));
    expect(summary.split('\n')[0]).toBe(
      `⚠ \`hooli\` will be DESTROYED (decommission: true): ${deployed.hooli} resources to destroy.`,
    );
    expect(row('hooli')).toMatch(
      /^\| `hooli` \| `transit-gateway` \| ⚠ decommissioned \(destroy\) \| 0 \| 0 \| \d+ \|$/,
    );
  });

  it('peering accepted: nothing to apply (only the customer acts), and no new peering request', () => {
    // `accepted` tells linkforge that the customer accepted in their account: the vendor side of a
    // peering is the same before and after, so the deployed stack is left exactly as it is.
    expect(actions('initech')).toEqual({});
    expect(result('initech').counts).toEqual({ add: 0, change: 0, destroy: 0 });
    expect(summary).not.toMatch(/`initech`: [^\n]*(REPLACED|DESTROYED|NEW PEERING REQUEST)/);
    expect(row('initech')).toBeUndefined();
  });

  it('a deleted file of a deployed customer is refused: exit 1, in the summary and on the console', () => {
    expect(removed).toHaveLength(1);
    expect(removed[0]).toMatchObject({ id: 'gone-co', status: 'refused' });
    expect(removed[0].error).toContain(
      `still has ${deployed['gone-co']} resources in its state (state/gone-co/terraform.tfstate)`,
    );
    expect(exit).toBe(1);
    expect(summary).toContain('### ⛔ Refused');
    expect(summary).toMatch(
      /^- `gone-co`: customers\/gone-co\.yaml was deleted, but stack 'gone-co' still has/m,
    );
    expect(out.stdout).toMatch(
      /^planned 6\/6 stack\(s\): .*; deleted customer files: 1 refused \(gone-co\); summary: /,
    );
  });

  it('exit status without the deleted file: 0, and 2 with --detailed-exitcode (there are changes)', () => {
    const quiet = { stdout: () => {}, stderr: () => {} };
    const ctx = {
      summaryFile: path.join(work, 'other.md'),
      absOutdir: path.join(work, 'other'),
      projectDir: work,
      out: quiet,
    };
    expect(finish(results, ctx)).toBe(0);
    expect(finish(results, { ...ctx, detailedExitcode: true })).toBe(2);
    // The unchanged stack alone has nothing to apply.
    expect(finish([result('stark-ind')], { ...ctx, detailedExitcode: true })).toBe(0);
  });

  it('every planned stack has its readable plan next to plan.json (what the summary points to)', () => {
    for (const id of IDS) {
      expect(fs.readFileSync(path.join(plansDir, id, 'plan.txt'), 'utf8')).toMatch(
        id === 'stark-ind' || id === 'initech'
          ? /No changes\./
          : /Plan: \d+ to add, \d+ to change, \d+ to destroy\./,
      );
    }
    expect(summary).toContain('Readable plan: `cdktf.out/plans/acme-corp/plan.txt`');
  });
});
