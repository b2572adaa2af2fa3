/**
 * `linkforge plan`: argument handling, the validation gate, stack selection, output files and
 * exit statuses. Terraform is the fake (fake-terraform.ts) so these run in seconds; the real
 * terraform runs through the same runner in examples.test.ts.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { PassThrough } from 'stream';
import { planCommand, run } from '../../src/cli/plan';
import type { Output } from '../../src/cli/output';
import { LineProgress } from '../../src/terraform/progress';
import { minTerraformVersionText } from '../../src/terraform/supported-version';
import { pinnedAwsVersion } from '../../src/terraform/runner';
import { writeFakeTerraform } from './fake-terraform';
import { PROJECT_DIR, tempDir } from './helpers';

interface Captured extends Output {
  readonly out: string[];
  readonly err: string[];
}
function capture(): Captured {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (s) => out.push(s), stderr: (s) => err.push(s) };
}

const saved = { ...process.env };
let project = '';
let control = '';

function calls(): {
  cmd: string;
  args: string[];
  stack: string;
  phase: string;
  env: Record<string, string>;
}[] {
  const file = path.join(control, 'calls.jsonl');
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
}

function progressSink(): { progress: LineProgress; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (b: Buffer) => (text += b.toString()));
  return { progress: new LineProgress(stream), text: () => text };
}

beforeEach(() => {
  project = tempDir('plan-cmd');
  // The four examples these tests count on (further examples must not change their totals).
  fs.mkdirSync(path.join(project, 'customers'));
  for (const id of IDS)
    fs.copyFileSync(
      path.join(PROJECT_DIR, 'customers', `${id}.yaml`),
      path.join(project, 'customers', `${id}.yaml`),
    );
  fs.copyFileSync(path.join(PROJECT_DIR, 'cdktf.json'), path.join(project, 'cdktf.json'));
  control = path.join(project, 'fake-control');
  fs.mkdirSync(control);
  process.env.LINKFORGE_TERRAFORM = writeFakeTerraform(project);
  process.env.FAKE_TF_CONTROL = control;
  // Online plans with the local backend are refused under CI (tested below with an explicit env).
  delete process.env.CI;
});

afterEach(() => {
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
  Object.assign(process.env, saved);
  fs.rmSync(project, { recursive: true, force: true });
});

const IDS = ['acme-corp', 'globex', 'hooli', 'initech', 'umbrella-labs'];

describe('linkforge plan: arguments', () => {
  it.each([
    [['--jobs', '0'], "--jobs must be a positive integer, got '0'"],
    [['--jobs', 'two'], "--jobs must be a positive integer, got 'two'"],
    [['acme-corp', '--affected-since', 'main'], 'give customer ids or --affected-since, not both'],
    [['--frobnicate'], "Unknown option '--frobnicate'"],
    [['--shard', '3/2'], '--shard 3/2: K must be between 1 and N (2)'],
    [['--shard', 'half'], "--shard must be K/N with 1 <= K <= N (e.g. 2/5), got 'half'"],
    [
      ['--affected-since', 'main', '--affected-from', 'a.json'],
      'give --affected-since or --affected-from, not both',
    ],
  ])('%j → exit 1 with a message and the usage', async (argv, message) => {
    const io = capture();
    expect(await run(argv, io)).toBe(1);
    expect(io.err.join('')).toContain(message);
    expect(io.err.join('')).toContain('usage: linkforge plan');
  });

  it('--help prints the usage and exits 0', async () => {
    const io = capture();
    expect(await run(['--help'], io)).toBe(0);
    expect(io.out.join('')).toContain('--detailed-exitcode');
  });
});

describe('linkforge plan: validation gate and selection', () => {
  it('invalid customer files: diagnostics, exit 1, nothing synthesized, earlier output untouched', async () => {
    fs.writeFileSync(path.join(project, 'customers', 'broken.yaml'), 'id: broken\nname: Broken\n');
    const marker = path.join(project, 'cdktf.out', 'earlier.txt');
    fs.mkdirSync(path.dirname(marker), { recursive: true });
    fs.writeFileSync(marker, 'earlier run');
    const io = capture();
    expect(await planCommand({ projectDir: project }, io)).toBe(1);
    expect(io.err.join('')).toMatch(/broken\.yaml:\d+:\d+: error /);
    expect(io.err.join('')).toContain('nothing was synthesized or planned');
    expect(fs.readdirSync(path.join(project, 'cdktf.out'))).toEqual(['earlier.txt']);
    expect(calls()).toEqual([]);
  });

  it('an unknown customer id: exit 1, names it, suggests the closest one', async () => {
    const io = capture();
    expect(await planCommand({ projectDir: project, ids: ['acme-corp', 'nope', 'acme-crop'] }, io)).toBe(1);
    expect(io.err.join('')).toContain("unknown customer id 'nope': no customers/nope.yaml\n");
    expect(io.err.join('')).toContain(
      "unknown customer id 'acme-crop': no customers/acme-crop.yaml; did you mean 'acme-corp'?",
    );
    expect(calls()).toEqual([]);
  });

  it('under CI, an online plan with the local backend is an error that says how to configure S3', async () => {
    const io = capture();
    expect(await planCommand({ projectDir: project, env: { CI: 'true' } }, io)).toBe(1);
    expect(io.err.join('')).toContain('refusing an online plan under CI with the local state backend');
    expect(io.err.join('')).toContain('Configure the S3 backend in cdktf.json');
    expect(calls()).toEqual([]);
    // Offline, or outside CI, it plans.
    expect(
      await planCommand(
        { projectDir: project, env: { CI: 'true' }, offline: true, ids: ['globex'] },
        capture(),
      ),
    ).toBe(0);
    expect(await planCommand({ projectDir: project, env: {}, ids: ['globex'] }, capture())).toBe(0);
  });

  it('offline: the console says what an offline plan cannot see', async () => {
    const io = capture();
    expect(await planCommand({ projectDir: project, offline: true, ids: ['globex'] }, io)).toBe(0);
    expect(io.err.join('')).toContain('offline: empty throw-away state and placeholder credentials');
    const results = JSON.parse(fs.readFileSync(path.join(project, 'cdktf.out', 'plan-results.json'), 'utf8'));
    expect(results.stacks[0].offline).toBe(true);
    expect(fs.readFileSync(path.join(project, 'cdktf.out', 'summary.md'), 'utf8')).toMatch(
      /^⚠ OFFLINE PLAN: /,
    );
  });

  it('--format json: stdout is the per-stack results as JSON, the totals line goes to stderr', async () => {
    const io = capture();
    expect(
      await planCommand(
        { projectDir: project, offline: true, ids: ['globex', 'initech'], format: 'json' },
        io,
      ),
    ).toBe(0);
    const parsed = JSON.parse(io.out.join('')) as {
      stacks: { id: string; status: string; offline: boolean }[];
    };
    expect(parsed.stacks.map((s) => [s.id, s.status, s.offline])).toEqual([
      ['globex', 'planned', true],
      ['initech', 'planned', true],
    ]);
    expect(io.out.join('')).toBe(
      fs.readFileSync(path.join(project, 'cdktf.out', 'plan-results.json'), 'utf8'),
    );
    expect(io.err.join('')).toContain('planned 2/2 stack(s)');
    const bad = capture();
    expect(await run(['--format', 'yaml'], bad)).toBe(1);
    expect(bad.err.join('')).toContain("--format must be text or json, not 'yaml'");
  });

  it('no credentials: the console says to use --offline or set AWS_PROFILE', async () => {
    process.env.FAKE_TF_FAIL = 'globex:plan';
    process.env.FAKE_TF_ERROR = 'No valid credential sources found';
    const io = capture();
    expect(await planCommand({ projectDir: project, ids: ['globex'] }, io)).toBe(1);
    expect(io.err.join('')).toContain('hint: terraform found no AWS credentials');
    expect(io.err.join('')).toContain('--offline');
    expect(io.err.join('')).toContain('AWS_PROFILE');
  });

  describe('environment checks, before anything is written', () => {
    const earlier = () => {
      const marker = path.join(project, 'cdktf.out', 'earlier.txt');
      fs.mkdirSync(path.dirname(marker), { recursive: true });
      fs.writeFileSync(marker, 'earlier run');
      // An output folder of an earlier run (marked as linkforge's: the --outdir guard accepts it).
      fs.writeFileSync(path.join(project, 'cdktf.out', '.linkforge-output'), '');
      return () =>
        expect(fs.readdirSync(path.join(project, 'cdktf.out')).sort()).toEqual([
          '.linkforge-output',
          'earlier.txt',
        ]);
    };

    it('no terraform: one message with the supported version, cdktf.out untouched', async () => {
      const untouched = earlier();
      process.env.LINKFORGE_TERRAFORM = path.join(project, 'no-terraform-here');
      const io = capture();
      expect(await planCommand({ projectDir: project, offline: true }, io)).toBe(1);
      const err = io.err.join('');
      expect(err).toContain(
        `Terraform is missing: '${path.join(project, 'no-terraform-here')}' is not on PATH`,
      );
      expect(err).toContain(`install Terraform >= ${minTerraformVersionText()}`);
      expect(err).toContain('nothing was synthesized or planned (cdktf.out is unchanged)');
      expect(err.trim().split('\n')).toHaveLength(1);
      untouched();
    });

    it('Terraform 1.5.7: refused as too old before synthesis, no stack initialised', async () => {
      const untouched = earlier();
      process.env.FAKE_TF_VERSION = '1.5.7';
      const io = capture();
      expect(await planCommand({ projectDir: project, offline: true }, io)).toBe(1);
      expect(io.err.join('')).toContain(
        `Terraform 1.5.7 ('${process.env.LINKFORGE_TERRAFORM}') is older than the supported ${minTerraformVersionText()}`,
      );
      expect(calls()).toEqual([]);
      untouched();
    });

    it('an empty provider mirror: one error naming it, not one init error per stack', async () => {
      const untouched = earlier();
      const mirror = path.join(project, 'empty-mirror');
      fs.mkdirSync(mirror);
      process.env.LINKFORGE_PROVIDER_MIRROR = mirror;
      const io = capture();
      expect(await planCommand({ projectDir: project, offline: true }, io)).toBe(1);
      const err = io.err.join('');
      expect(err).toContain(`LINKFORGE_PROVIDER_MIRROR=${mirror} holds no hashicorp/aws version 5.100.0`);
      expect(err.trim().split('\n')).toHaveLength(1);
      expect(calls()).toEqual([]);
      untouched();
    });

    it("a user's CLI configuration that cannot install the provider: one error naming the file", async () => {
      const untouched = earlier();
      const rc = path.join(project, 'my.terraformrc');
      fs.writeFileSync(rc, 'provider_installation {\n  direct {}\n}\n');
      process.env.TF_CLI_CONFIG_FILE = rc;
      // A configuration that cannot install the provider fails every init.
      process.env.FAKE_TF_FAIL = '*:init';
      const io = capture();
      expect(await planCommand({ projectDir: project, offline: true }, io)).toBe(1);
      const err = io.err.join('');
      expect(err).toContain(
        `hashicorp/aws 5.100.0 cannot be installed with the CLI configuration ${rc} (TF_CLI_CONFIG_FILE): Error: simulated init failure`,
      );
      // One error; before it, the line naming Terraform and the configuration (printed before the
      // first init started).
      expect(err.trim().split('\n')).toEqual([
        expect.stringMatching(/^Terraform 1\.11\.4; terraform CLI config: /),
        expect.stringMatching(/^linkforge plan: hashicorp\/aws 5\.100\.0 cannot be installed/),
      ]);
      // The first stack's early init failed, then the one probe said why; the synthesis was
      // discarded, no stack directory was initialised and the stand-in directory is gone.
      expect(calls().map((c) => `${c.stack}:${c.cmd}`)).toEqual(['acme-corp:init', 'provider-check:init']);
      expect(fs.readdirSync(path.join(project, '.linkforge', 'early-init'))).toEqual([]);
      untouched();
    });
  });

  it('--affected-since: plans exactly the customers changed since the ref', async () => {
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], {
        cwd: project,
        stdio: 'pipe',
      });
    git('init', '-q', '-b', 'main');
    git('add', 'customers', 'cdktf.json');
    git('commit', '-qm', 'base');
    const file = path.join(project, 'customers', 'globex.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('natGateway: true', 'natGateway: false'));
    const sink = progressSink();
    const io = capture();
    expect(
      await planCommand(
        { projectDir: project, affectedSince: 'main', offline: true, progress: sink.progress },
        io,
      ),
    ).toBe(0);
    expect(io.err.join('')).toContain('affected since main: 1 customer(s)');
    expect(sink.text()).toMatch(/^\[1\/1\] globex planned: /);
    expect([...new Set(calls().map((c) => c.stack))]).toEqual(['globex']);
  });
});

describe('linkforge plan: running the stacks', () => {
  it('plans every customer: plan files, plan JSON, log, summary and results; offline credentials only in children', async () => {
    const sink = progressSink();
    const io = capture();
    expect(
      await planCommand({ projectDir: project, offline: true, jobs: 2, progress: sink.progress }, io),
    ).toBe(0);
    const out = path.join(project, 'cdktf.out');
    for (const id of IDS) {
      for (const f of ['plan.tfplan', 'plan.json', 'terraform.log']) {
        expect(fs.existsSync(path.join(out, 'plans', id, f))).toBe(true);
      }
    }
    const summary = fs.readFileSync(path.join(out, 'summary.md'), 'utf8');
    for (const id of IDS) expect(summary).toContain(id);
    const results = JSON.parse(fs.readFileSync(path.join(out, 'plan-results.json'), 'utf8'));
    expect(results.stacks.map((s: { id: string; status: string }) => [s.id, s.status])).toEqual(
      IDS.map((id) => [id, 'planned']),
    );
    expect(results.stacks[0].planFile).toBe('cdktf.out/plans/acme-corp/plan.tfplan');
    expect(io.out.join('')).toBe(
      'planned 5/5 stack(s): 10 to add, 5 to change, 10 to destroy; summary: cdktf.out/summary.md\n',
    );
    expect(sink.text().trim().split('\n')).toHaveLength(IDS.length);
    const plan = calls().find((c) => c.cmd === 'plan' && c.stack === 'globex')!;
    expect(plan.args).toContain(`-out=${path.join(out, 'plans', 'globex', 'plan.tfplan')}`);
    expect(plan.env.AWS_ACCESS_KEY_ID).toBe('offline-placeholder');
    expect(process.env.AWS_ACCESS_KEY_ID).not.toBe('offline-placeholder');
    expect(plan.env.TF_CLI_CONFIG_FILE).toBe(path.join(project, '.linkforge', 'terraformrc'));
    // The provider version is pinned exactly in every synthesized stack (the lock file only adds checksums).
    for (const id of IDS) expect(pinnedAwsVersion(path.join(out, 'stacks', id))).toBe('5.100.0');
  });

  it('--detailed-exitcode: 2 with changes, 0 without', async () => {
    const sink = progressSink();
    expect(
      await planCommand({ projectDir: project, detailedExitcode: true, progress: sink.progress }, capture()),
    ).toBe(2);
    process.env.FAKE_TF_NO_CHANGES = IDS.join(',');
    expect(
      await planCommand({ projectDir: project, detailedExitcode: true, progress: sink.progress }, capture()),
    ).toBe(0);
    expect(await planCommand({ projectDir: project, progress: sink.progress }, capture())).toBe(0);
  });

  it('a failed stack: the others are planned, exit 1, the failure is named', async () => {
    process.env.FAKE_TF_FAIL = 'globex:plan';
    const sink = progressSink();
    const io = capture();
    expect(
      await planCommand(
        { projectDir: project, jobs: 2, progress: sink.progress, detailedExitcode: true },
        io,
      ),
    ).toBe(1);
    expect(io.out.join('')).toContain('planned 4/5 stack(s), 1 failed (globex)');
    expect(sink.text()).toMatch(/globex failed: terraform plan failed: Error: simulated plan failure/);
    const results = JSON.parse(fs.readFileSync(path.join(project, 'cdktf.out', 'plan-results.json'), 'utf8'));
    expect(results.stacks.filter((s: { status: string }) => s.status === 'planned')).toHaveLength(
      IDS.length - 1,
    );
  });

  it('selected ids: only they are planned; plans of an earlier run are removed', async () => {
    const sink = progressSink();
    expect(await planCommand({ projectDir: project, progress: sink.progress }, capture())).toBe(0);
    fs.rmSync(path.join(control, 'calls.jsonl'));
    expect(
      await planCommand({ projectDir: project, ids: ['initech'], progress: sink.progress }, capture()),
    ).toBe(0);
    expect([...new Set(calls().map((c) => c.stack))]).toEqual(['initech']);
    expect(fs.readdirSync(path.join(project, 'cdktf.out', 'plans'))).toEqual(['initech']);
    // The other stacks' synthesized JSON is still there (synthesis of selected ids keeps it).
    expect(fs.existsSync(path.join(project, 'cdktf.out', 'stacks', 'globex', 'cdk.tf.json'))).toBe(true);
  });
});
