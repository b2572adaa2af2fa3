/**
 * The pull-request path end to end, as the workflow runs it: a git repository with a fleet of
 * customers on `main`, a branch that changes some of them, then `plan --affected-since main
 * --offline` (real synthesis, real terraform from the local mirror, no AWS). Checks that exactly
 * the affected customers are planned, that deleting a customer file is refused offline (a deployed
 * one because its state has resources, a never-deployed one because an offline plan cannot tell),
 * and that a decommission is a destroy plan announced on the summary's first lines, which say the
 * plan is offline and never conclude that anything is safe to delete.
 */
import * as fs from 'fs';
import * as path from 'path';
import { planCommand } from '../../src/cli/plan';
import { silentProgress } from '../../src/terraform/progress';
import { prepareTerraformCli } from '../../src/terraform/cli-config';
import { PROJECT_DIR, describeWithTerraform } from '../terraform/helpers';
import { makeGitFixture, type GitFixture } from './git-fixture';

const STATE_WITH_RESOURCES = fs.readFileSync(
  path.join(__dirname, '..', 'fixtures', 'plans', 'cases', 'peering-decommission', 'prior-state.json'),
  'utf8',
);

interface ResultsJson {
  stacks: {
    id: string;
    status: string;
    decommission: boolean;
    error: string | null;
    planJsonFile: string | null;
  }[];
}

describeWithTerraform('pull-request flow: affected → plan → summary', () => {
  let repo: GitFixture;
  let savedConfig: string | undefined;
  const captured = { stdout: '', stderr: '' };
  const out = {
    stdout: (s: string) => (captured.stdout += s),
    stderr: (s: string) => (captured.stderr += s),
  };

  beforeAll(() => {
    // One provider plugin cache for every test run: the project's own (the AWS provider is 700 MB).
    const cli = prepareTerraformCli({ projectDir: PROJECT_DIR, awsProviderVersion: '5.100.0' });
    savedConfig = process.env.TF_CLI_CONFIG_FILE;
    process.env.TF_CLI_CONFIG_FILE = cli.configFile;
  });
  afterAll(() => {
    if (savedConfig === undefined) delete process.env.TF_CLI_CONFIG_FILE;
    else process.env.TF_CLI_CONFIG_FILE = savedConfig;
  });
  beforeEach(() => {
    repo = makeGitFixture({ customers: 8 });
    // The real platform settings (local state under state/).
    repo.write('cdktf.json', fs.readFileSync(path.join(PROJECT_DIR, 'cdktf.json'), 'utf8'));
    repo.commit('settings');
    repo.git('branch', '-f', 'main', 'HEAD');
    captured.stdout = '';
    captured.stderr = '';
  });
  afterEach(() => repo.cleanup());

  const plan = () =>
    planCommand(
      { affectedSince: 'main', offline: true, jobs: 2, projectDir: repo.dir, progress: silentProgress },
      out,
    );
  const results = () =>
    (
      JSON.parse(
        fs.readFileSync(path.join(repo.dir, 'cdktf.out', 'plan-results.json'), 'utf8'),
      ) as ResultsJson
    ).stacks;
  const summary = () => fs.readFileSync(path.join(repo.dir, 'cdktf.out', 'summary.md'), 'utf8');
  const edit = (id: string, f: (yaml: string) => string) => {
    const file = path.join(repo.dir, 'customers', `${id}.yaml`);
    fs.writeFileSync(file, f(fs.readFileSync(file, 'utf8')));
  };

  it('changing one customer plans exactly that customer', async () => {
    const id = repo.ids[2];
    edit(id, (y) => y.replace(/^name: .*$/m, 'name: Renamed Customer'));
    repo.commit('rename customer');
    expect(await plan()).toBe(0);
    expect(results().map((r) => [r.id, r.status])).toEqual([[id, 'planned']]);
    expect(fs.readdirSync(path.join(repo.dir, 'cdktf.out', 'plans'))).toEqual([id]);
    expect(summary()).toMatch(
      new RegExp(
        `^\\| \`${id}\` \\| \`[a-z-]+\` \\| new or changed \\(offline\\) \\| \\d+ \\| 0 \\| 0 \\|$`,
        'm',
      ),
    );
    expect(captured.stdout).toMatch(
      /^planned 1\/1 stack\(s\): \d+ to add, 0 to change, 0 to destroy; summary: /,
    );
  });

  it('offline, deleting any customer file is refused; decommission is a destroy plan that concludes nothing', async () => {
    const [deployed, neverDeployed, decommissioned] = [repo.ids[0], repo.ids[1], repo.ids[3]];
    // "Deployed": its (local backend) state holds resources.
    repo.write(`state/${deployed}/terraform.tfstate`, STATE_WITH_RESOURCES);
    repo.remove(`customers/${deployed}.yaml`);
    repo.remove(`customers/${neverDeployed}.yaml`);
    edit(decommissioned, (y) => `${y.trimEnd()}\ndecommission: true\n`);
    repo.commit('remove two, decommission one');

    expect(await plan()).toBe(1); // a refusal fails the run
    const byId = Object.fromEntries(results().map((r) => [r.id, r]));
    expect(Object.keys(byId).sort()).toEqual([deployed, decommissioned, neverDeployed].sort());
    expect(byId[deployed]).toMatchObject({ status: 'refused' });
    expect(byId[deployed].error).toContain(`set \`decommission: true\``);
    // Offline, a missing local state file proves nothing (a CI runner never has state/).
    expect(byId[neverDeployed]).toMatchObject({ status: 'refused' });
    expect(byId[neverDeployed].error).toContain(
      'an offline plan cannot tell whether the stack still has resources',
    );
    expect(byId[decommissioned]).toMatchObject({ status: 'planned', decommission: true });

    // The decommissioned stack was planned with -destroy (never applied offline: nothing to destroy).
    const log = fs.readFileSync(
      path.join(repo.dir, 'cdktf.out', 'plans', decommissioned, 'terraform.log'),
      'utf8',
    );
    expect(log).toMatch(/^\$ terraform plan .*-destroy/m);

    const md = summary();
    const lines = md.split('\n');
    expect(lines[0]).toMatch(/^⚠ OFFLINE PLAN: /);
    expect(lines[1]).toContain(
      `⚠ \`${decommissioned}\` is marked for decommissioning (decommission: true), but this plan is offline`,
    );
    expect(md).not.toMatch(/nothing left|can now be deleted|no resources left/);
    const refusal = lines.find((l) => l.startsWith(`- \`${deployed}\`: `))!;
    expect(refusal).toContain('was deleted, but stack');
    expect(refusal).toContain('still has 3 resources in its state');
    expect(md).toContain(`| \`${neverDeployed}\` | — | ⛔ refused | – | – | – |`);
    // "planned N/M" counts the stacks that were planned; the deleted files are reported apart.
    expect(captured.stdout).toMatch(
      new RegExp(`^planned 1/1 stack\\(s\\): .*; deleted customer files: 2 refused \\(`),
    );
  });

  it('a transit-gateway customer: added, then accepted, then decommissioned, one pull request each', async () => {
    const hooli = fs.readFileSync(path.join(PROJECT_DIR, 'customers', 'hooli.yaml'), 'utf8');
    const row = (adds: number) =>
      `| \`hooli\` | \`transit-gateway\` | new or changed (offline) | ${adds} | 0 | 0 |`;
    const nextPullRequest = () => repo.git('branch', '-f', 'main', 'HEAD');

    // Added (pending): the vendor VPC, the share accepter, the attachment, the connector group and
    // 2 cidrs × 1 port egress rules; no route before the customer accepts.
    repo.write('customers/hooli.yaml', hooli);
    repo.commit('add hooli');
    expect(await plan()).toBe(0);
    expect(results().map((r) => [r.id, r.status])).toEqual([['hooli', 'planned']]);
    expect(summary()).toContain(row(16));

    // Accepted: the two routes to the transit gateway join (offline, so planned from scratch).
    nextPullRequest();
    edit('hooli', (y) => y.replace(/^ {2}accepted: false.*$/m, '  accepted: true'));
    repo.commit('hooli accepted the attachment');
    expect(await plan()).toBe(0);
    expect(results().map((r) => r.id)).toEqual(['hooli']);
    expect(summary()).toContain(row(18));

    // Decommissioned: a destroy plan (nothing deployed offline, so nothing to destroy).
    nextPullRequest();
    edit('hooli', (y) => `${y.trimEnd()}\ndecommission: true\n`);
    repo.commit('decommission hooli');
    expect(await plan()).toBe(0);
    expect(results()).toMatchObject([{ id: 'hooli', status: 'planned', decommission: true }]);
    const log = fs.readFileSync(path.join(repo.dir, 'cdktf.out', 'plans', 'hooli', 'terraform.log'), 'utf8');
    expect(log).toMatch(/^\$ terraform plan .*-destroy/m);
  });
});
