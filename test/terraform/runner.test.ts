/**
 * Runner behaviour that does not depend on Terraform itself (pool width, failure isolation,
 * progress output, child environment, lock seeding), driven by a fake terraform executable that
 * records every call. The real terraform runs in examples.test.ts, day-two.test.ts and the other
 * describeWithTerraform suites (test/terraform/helpers.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import { PassThrough } from 'stream';
import type { TerraformCliSetup } from '../../src/terraform/cli-config';
import { LineProgress, formatProgressLine } from '../../src/terraform/progress';
import type { SynthesizedStack } from '../../src/plan/types';
import { childEnvironment } from '../../src/terraform/child-env';
import { summarizeError } from '../../src/terraform/errors';
import { planStacks, runPool } from '../../src/terraform/runner';
import { writeFakeTerraform } from './fake-terraform';
import { tempDir, removeTempDirs } from './helpers';

afterAll(removeTempDirs);

interface Call {
  cmd: string;
  args: string[];
  stack: string;
  t: number;
  phase: 'start' | 'end';
  lockExisted?: boolean;
  env?: Record<string, string | undefined>;
}

function setup(ids: string[], opts: { fail?: Record<string, string> } = {}) {
  const root = tempDir('runner');
  const control = path.join(root, 'control');
  fs.mkdirSync(control);
  const binary = writeFakeTerraform(root);
  const stacks: SynthesizedStack[] = ids.map((id) => {
    const dir = path.join(root, 'stacks', id);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'cdk.tf.json'),
      JSON.stringify({ terraform: { required_providers: { aws: { source: 'aws', version: '5.100.0' } } } }),
    );
    if (opts.fail?.[id]) fs.writeFileSync(path.join(dir, `FAIL_${opts.fail[id]}`), '');
    return { id, dir, decommission: id.startsWith('gone'), connectivityType: 'vpc-peering' };
  });
  const cli: TerraformCliSetup = {
    configFile: path.join(root, '.linkforge', 'terraformrc'),
    origin: 'generated',
    env: {
      TF_IN_AUTOMATION: '1',
      TF_INPUT: '0',
      CHECKPOINT_DISABLE: '1',
      TF_CLI_CONFIG_FILE: '/cfg/terraformrc',
    },
  };
  const calls = (): Call[] =>
    fs
      .readFileSync(path.join(control, 'calls.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Call);
  const concurrency = (): number[] =>
    fs.readFileSync(path.join(control, 'concurrency.log'), 'utf8').trim().split('\n').map(Number);
  const baseEnv = { PATH: process.env.PATH, FAKE_TF_CONTROL: control, AWS_PROFILE: 'prod-admin' };
  return { root, stacks, binary, cli, calls, concurrency, baseEnv, plansDir: path.join(root, 'plans') };
}

describe('runPool', () => {
  it('never runs more than `jobs` workers and keeps the order of the input', async () => {
    let active = 0;
    let peak = 0;
    const out = await runPool([50, 10, 30, 5, 20, 15, 0], 3, async (ms, i) => {
      peak = Math.max(peak, ++active);
      await new Promise((r) => setTimeout(r, ms));
      active--;
      return i * 10;
    });
    expect(out).toEqual([0, 10, 20, 30, 40, 50, 60]);
    expect(peak).toBe(3);
  });

  it('handles no items and more jobs than items', async () => {
    expect(await runPool([], 4, async () => 1)).toEqual([]);
    expect(await runPool([1, 2], 8, async (x) => x * 2)).toEqual([2, 4]);
  });
});

describe('planStacks with a fake terraform', () => {
  it('--jobs 2 plans two stacks at a time, never more', async () => {
    const t = setup(['a', 'b', 'c', 'd', 'e', 'f']);
    const results = await planStacks(t.stacks, {
      cli: t.cli,
      plansDir: t.plansDir,
      jobs: 2,
      binary: t.binary,
      baseEnv: t.baseEnv,
    });
    expect(results.map((r) => r.status)).toEqual(Array(6).fill('planned'));
    expect(Math.max(...t.concurrency())).toBe(2);
  });

  it('--jobs 1 plans one after another', async () => {
    const t = setup(['a', 'b', 'c']);
    await planStacks(t.stacks, {
      cli: t.cli,
      plansDir: t.plansDir,
      jobs: 1,
      binary: t.binary,
      baseEnv: t.baseEnv,
    });
    expect(t.concurrency()).toEqual([1, 1, 1]);
  });

  it('passes -lock-timeout from the setting, and names the state in an error about state', async () => {
    const t = setup(['a'], { fail: { a: 'plan' } });
    fs.writeFileSync(
      path.join(t.stacks[0].dir, 'cdk.tf.json'),
      JSON.stringify({
        terraform: {
          required_providers: { aws: { source: 'aws', version: '5.100.0' } },
          backend: { s3: { bucket: 'vendor-state', key: 'linkforge/a/terraform.tfstate' } },
        },
      }),
    );
    const [r] = await planStacks(t.stacks, {
      cli: t.cli,
      plansDir: t.plansDir,
      binary: t.binary,
      baseEnv: { ...t.baseEnv, FAKE_TF_ERROR: 'Failed to load state: unsupported state format version 9' },
      lockTimeoutSeconds: 45,
    });
    expect(t.calls().find((c) => c.cmd === 'plan')?.args).toContain('-lock-timeout=45s');
    expect(r.error).toBe(
      'terraform plan failed: Error: Failed to load state: unsupported state format version 9 on cdk.tf.json line 3: ' +
        'the details (state: s3://vendor-state/linkforge/a/terraform.tfstate)',
    );
  });

  it('a failed stack does not stop the others; its error and log are kept, and no plan', async () => {
    const t = setup(['a', 'b', 'c', 'd'], { fail: { b: 'plan', d: 'init' } });
    const results = await planStacks(t.stacks, {
      cli: t.cli,
      plansDir: t.plansDir,
      jobs: 2,
      binary: t.binary,
      baseEnv: t.baseEnv,
    });
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ['a', 'planned'],
      ['b', 'failed'],
      ['c', 'planned'],
      ['d', 'failed'],
    ]);
    expect(results[1].error).toBe(
      'terraform plan failed: Error: simulated plan failure on cdk.tf.json line 3: the details',
    );
    expect(results[3].error).toMatch(/^terraform init failed: Error: simulated init failure/);
    expect(fs.existsSync(path.join(t.plansDir, 'b', 'plan.json'))).toBe(false);
    expect(fs.readFileSync(path.join(t.plansDir, 'b', 'terraform.log'), 'utf8')).toContain(
      'Error: simulated plan failure',
    );
    expect(results[1].planFile).toBeUndefined();
    // d never got past init (the fake records no 'end' for a failing command).
    expect(
      t
        .calls()
        .filter((c) => c.stack === 'd')
        .map((c) => `${c.cmd}:${c.phase}`),
    ).toEqual(['init:start']);
  });

  it('keeps plan file, plan JSON and log per stack; counts like terraform; keeps only the review subset in memory', async () => {
    const t = setup(['acme', 'gone-corp']);
    const results = await planStacks(t.stacks, {
      cli: t.cli,
      plansDir: t.plansDir,
      projectDir: t.root,
      binary: t.binary,
      baseEnv: t.baseEnv,
    });
    const [acme, gone] = results;
    expect(acme.planFile).toBe('plans/acme/plan.tfplan');
    expect(acme.planJsonFile).toBe('plans/acme/plan.json');
    expect(fs.readFileSync(path.join(t.root, acme.planFile!), 'utf8')).toBe('fake plan of acme');
    // plan.json keeps only what the summary needs: never planned_values (nor variables, configuration).
    expect(
      Object.keys(JSON.parse(fs.readFileSync(path.join(t.root, acme.planJsonFile!), 'utf8'))).sort(),
    ).toEqual(expect.arrayContaining(['resource_changes']));
    expect(JSON.parse(fs.readFileSync(path.join(t.root, acme.planJsonFile!), 'utf8'))).not.toHaveProperty(
      'planned_values',
    );
    // The deploy gate's digest of the unredacted changes sits next to it.
    expect(fs.readFileSync(path.join(t.plansDir, 'acme', 'plan.sha256'), 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
    expect(acme.plan).not.toHaveProperty('planned_values');
    expect(acme.plan?.resource_changes?.[3]).toEqual({
      address: 'aws_customer_gateway.d',
      type: 'aws_customer_gateway',
      name: 'd',
      action_reason: 'replace_because_cannot_update',
      change: { actions: ['delete', 'create'], before: {}, after: {}, replace_paths: [['ip_address']] },
    });
    // Terraform's own arithmetic: the replacement counts as one add and one destroy.
    expect(acme.counts).toEqual({ add: 2, change: 1, destroy: 2 });
    // Each step is timed, and the steps fit in the stack's wall time: the fake's plan sleeps
    // 200 ms (FAKE_TF_PLAN_MS), so a plan timing of 0 or a missing step would fail here.
    expect(acme.timings.plan).toBeGreaterThanOrEqual(200);
    expect(Object.keys(acme.timings).sort()).toEqual(['init', 'plan', 'show']);
    const { init = NaN, plan = NaN, show = NaN } = acme.timings;
    expect(init + plan + show).toBeLessThanOrEqual(acme.durationMs);
    const plans = t.calls().filter((c) => c.cmd === 'plan' && c.phase === 'start');
    expect(plans.find((c) => c.stack === 'acme')?.args).not.toContain('-destroy');
    expect(plans.find((c) => c.stack === 'gone-corp')?.args).toContain('-destroy');
    expect(gone.decommission).toBe(true);
  });

  it("puts the project's committed .terraform.lock.hcl into every stack before init", async () => {
    const t = setup(['acme', 'globex']);
    const pinned = fs.readFileSync(path.join(__dirname, '..', '..', '.terraform.lock.hcl'), 'utf8');
    expect(pinned).toContain('version     = "5.100.0"');
    fs.writeFileSync(path.join(t.root, '.terraform.lock.hcl'), pinned);
    await planStacks(t.stacks, {
      cli: t.cli,
      plansDir: t.plansDir,
      projectDir: t.root,
      binary: t.binary,
      baseEnv: t.baseEnv,
    });
    for (const s of t.stacks)
      expect(fs.readFileSync(path.join(s.dir, '.terraform.lock.hcl'), 'utf8')).toBe(pinned);
  });

  it('takes the state lock unless told not to (pull-request and drift plans: -lock=false)', async () => {
    const t = setup(['acme']);
    const opts = {
      cli: t.cli,
      plansDir: t.plansDir,
      projectDir: t.root,
      binary: t.binary,
      baseEnv: t.baseEnv,
    };
    await planStacks(t.stacks, opts);
    await planStacks(t.stacks, { ...opts, lock: false });
    const plans = t.calls().filter((c) => c.cmd === 'plan' && c.phase === 'start');
    expect(plans.map((c) => c.args.includes('-lock=false'))).toEqual([false, true]);
  });

  it('an empty plan (detailed exit code 0) skips show -json and still yields a correct, zero result', async () => {
    const t = setup(['acme', 'gone-corp', 'quiet']);
    const results = await planStacks(t.stacks, {
      cli: t.cli,
      plansDir: t.plansDir,
      projectDir: t.root,
      binary: t.binary,
      baseEnv: { ...t.baseEnv, FAKE_TF_NO_CHANGES: 'gone-corp,quiet' },
    });
    const starts = t.calls().filter((c) => c.phase === 'start');
    for (const c of starts.filter((c) => c.cmd === 'plan')) expect(c.args).toContain('-detailed-exitcode');
    // show runs only for the stack with changes.
    expect(starts.filter((c) => c.cmd === 'show').map((c) => c.stack)).toEqual(['acme']);
    const [acme, gone, quiet] = results;
    expect(acme.counts).toEqual({ add: 2, change: 1, destroy: 2 });
    for (const r of [gone, quiet]) {
      expect(r.status).toBe('planned');
      expect(r.counts).toEqual({ add: 0, change: 0, destroy: 0 });
      expect(r.plan?.resource_changes).toEqual([]);
      expect(r.timings.show).toBeUndefined();
      // plan.json exists for every planned stack: the deploy gate and summarize read it.
      const json = JSON.parse(fs.readFileSync(path.join(t.root, r.planJsonFile!), 'utf8'));
      expect(json.resource_changes).toEqual([]);
      expect(json.linkforge_no_changes).toMatch(/detailed-exitcode/);
      expect(fs.existsSync(path.join(t.root, r.planFile!))).toBe(true);
    }
    // A decommissioned stack whose state is already empty: a destroy plan with nothing to destroy.
    expect(gone.decommission).toBe(true);
  });

  it('removes a stale plan of an earlier run before planning again', async () => {
    const t = setup(['a'], { fail: { a: 'plan' } });
    fs.mkdirSync(path.join(t.plansDir, 'a'), { recursive: true });
    fs.writeFileSync(path.join(t.plansDir, 'a', 'plan.tfplan'), 'old');
    await planStacks(t.stacks, { cli: t.cli, plansDir: t.plansDir, binary: t.binary, baseEnv: t.baseEnv });
    expect(fs.existsSync(path.join(t.plansDir, 'a', 'plan.tfplan'))).toBe(false);
  });

  it('initialises the first stack alone, then seeds its lock file into the others before they init', async () => {
    const t = setup(['a', 'b', 'c']);
    await planStacks(t.stacks, {
      cli: t.cli,
      plansDir: t.plansDir,
      // A project without a committed lock file: the first init writes the one the others get.
      projectDir: t.root,
      jobs: 3,
      binary: t.binary,
      baseEnv: { ...t.baseEnv, FAKE_TF_INIT_MS: '150' },
    });
    const calls = t.calls();
    const firstEnd = calls.find((c) => c.cmd === 'init' && c.stack === 'a' && c.phase === 'end')!;
    const otherInits = calls.filter((c) => c.cmd === 'init' && c.stack !== 'a' && c.phase === 'start');
    expect(otherInits).toHaveLength(2);
    for (const c of otherInits) {
      expect(c.t).toBeGreaterThanOrEqual(firstEnd.t);
      expect(c.lockExisted).toBe(true);
    }
    expect(fs.readFileSync(path.join(t.stacks[2].dir, '.terraform.lock.hcl'), 'utf8')).toBe(
      '# lock from a\n',
    );
    // The first stack is initialised once, not twice.
    expect(calls.filter((c) => c.cmd === 'init' && c.stack === 'a' && c.phase === 'start')).toHaveLength(1);
  });

  it('offline: placeholder credentials only in the child, real profiles removed; online: environment passed through', async () => {
    const t = setup(['a']);
    await planStacks(t.stacks, {
      cli: t.cli,
      plansDir: t.plansDir,
      offline: true,
      binary: t.binary,
      baseEnv: t.baseEnv,
    });
    const offlineEnv = t.calls()[0].env!;
    expect(offlineEnv).toEqual({
      AWS_ACCESS_KEY_ID: 'offline-placeholder',
      AWS_EC2_METADATA_DISABLED: 'true',
      TF_CLI_CONFIG_FILE: '/cfg/terraformrc',
      TF_IN_AUTOMATION: '1',
      // Offline init data stays out of the stack directory that cdktf deploy|diff|output also use.
      TF_DATA_DIR: path.join(process.cwd(), '.linkforge', 'offline-tfdata', 'a'),
    });
    expect(process.env.AWS_ACCESS_KEY_ID).not.toBe('offline-placeholder');

    const u = setup(['a']);
    await planStacks(u.stacks, { cli: u.cli, plansDir: u.plansDir, binary: u.binary, baseEnv: u.baseEnv });
    expect(u.calls()[0].env).toEqual({
      AWS_PROFILE: 'prod-admin',
      TF_CLI_CONFIG_FILE: '/cfg/terraformrc',
      TF_IN_AUTOMATION: '1',
    });
  });

  it('reports a missing terraform binary as a failed stack with a clear message', async () => {
    const t = setup(['a']);
    const [r] = await planStacks(t.stacks, {
      cli: t.cli,
      plansDir: t.plansDir,
      binary: path.join(t.root, 'no-such-terraform'),
      baseEnv: t.baseEnv,
    });
    expect(r.status).toBe('failed');
    expect(r.error).toMatch(
      /^terraform init failed: terraform not found: '.*no-such-terraform' is not on PATH/,
    );
  });
});

describe('progress', () => {
  it('prints one line per finished stack when not on a terminal', async () => {
    const t = setup(['alpha', 'beta', 'gone-gamma'], { fail: { beta: 'plan' } });
    const out = new PassThrough();
    let text = '';
    out.on('data', (b: Buffer) => (text += b.toString()));
    await planStacks(t.stacks, {
      cli: t.cli,
      plansDir: t.plansDir,
      jobs: 1,
      binary: t.binary,
      baseEnv: t.baseEnv,
      progress: new LineProgress(out),
    });
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^\[1\/3\] alpha planned: \+2 ~1 -2 \(\d+\.\ds\)$/);
    expect(lines[1]).toMatch(
      /^\[2\/3\] beta failed: terraform plan failed: Error: simulated plan failure .* \(\d+\.\ds\)$/,
    );
    expect(lines[2]).toMatch(/^\[3\/3\] gone-gamma planned \(destroy\): \+2 ~1 -2 \(\d+\.\ds\)$/);
  });

  it('formats the line of the contract', () => {
    expect(
      formatProgressLine(3, 20, {
        id: 'acme-corp',
        status: 'planned',
        decommission: false,
        counts: { add: 18, change: 0, destroy: 0 },
        durationMs: 4210,
      }),
    ).toBe('[3/20] acme-corp planned: +18 ~0 -0 (4.2s)');
  });
});

describe('childEnvironment', () => {
  const cli: TerraformCliSetup = {
    configFile: '/p/.linkforge/terraformrc',
    origin: 'generated',
    env: { TF_INPUT: '0' },
  };
  it('offline: no shared AWS config or credentials file can name a real profile', () => {
    const env = childEnvironment({ AWS_SESSION_TOKEN: 'real', AWS_WEB_IDENTITY_TOKEN_FILE: '/t' }, cli, true);
    expect(env.AWS_SESSION_TOKEN).toBeUndefined();
    expect(env.AWS_WEB_IDENTITY_TOKEN_FILE).toBeUndefined();
    expect(env.AWS_CONFIG_FILE).toBe('/p/.linkforge/offline-aws-config-none');
    expect(fs.existsSync(env.AWS_CONFIG_FILE!)).toBe(false);
    expect(env.TF_INPUT).toBe('0');
  });
});

describe('summarizeError', () => {
  it('joins distinct Error blocks and strips the box drawing of a colored terminal', () => {
    const stderr =
      '╷\n│ Error: first\n│ \n│   detail one\n╵\n╷\n│ Error: second\n│ detail two\n╵\n╷\n│ Warning: noise\n╵\n';
    expect(summarizeError({ stdout: '', stderr, code: 1 })).toBe(
      'Error: first detail one | Error: second detail two',
    );
  });
  it('falls back to the last lines, then to the exit code', () => {
    expect(summarizeError({ stdout: 'a\nb\nc\nd\n', stderr: '', code: 3 })).toBe('b c d');
    expect(summarizeError({ stdout: '', stderr: '', code: 3 })).toBe('exit code 3');
  });
});
