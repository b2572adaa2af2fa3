/**
 * The first stack's `terraform init`, started before synthesis (src/terraform/early-init.ts): run
 * in a stand-in directory with the stack's terraform block, adopted only when the synthesized
 * block is identical, its working data put where the stack's own init would have written it.
 * First with the fake terraform (what runs where, which init is skipped), then with the real one
 * (an adopted online init is a working init of the stack: backend and provider).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { loadProject } from '../../src/config/load';
import type { SynthesizedStack } from '../../src/plan/types';
import { awsProviderVersion } from '../../src/stacks/provider-version';
import { synthesize } from '../../src/stacks/synthesize';
import { stackBackendSettings, stackTerraformBlock } from '../../src/stacks/terraform-block';
import { offlineDataDir } from '../../src/terraform/child-env';
import { prepareTerraformCli } from '../../src/terraform/cli-config';
import { adoptEarlyInit, startEarlyInit } from '../../src/terraform/early-init';
import { planStacks } from '../../src/terraform/runner';
import { INIT_ARGS } from '../../src/terraform/stack-plan';
import { writeFakeTerraform } from './fake-terraform';
import { PROJECT_DIR, describeWithTerraform, removeTempDirs, tempDir } from './helpers';

afterAll(removeTempDirs);

/** A project with the given example customers and the repository's cdktf.json, synthesized. */
function project(ids: readonly string[], offline: boolean) {
  const dir = tempDir('early-init');
  fs.mkdirSync(path.join(dir, 'customers'));
  for (const id of ids)
    fs.copyFileSync(
      path.join(PROJECT_DIR, 'customers', `${id}.yaml`),
      path.join(dir, 'customers', `${id}.yaml`),
    );
  fs.copyFileSync(path.join(PROJECT_DIR, 'cdktf.json'), path.join(dir, 'cdktf.json'));
  const cwd = process.cwd();
  process.chdir(dir);
  let loaded: ReturnType<typeof loadProject>;
  try {
    loaded = loadProject();
  } finally {
    process.chdir(cwd);
  }
  const block = (id: string, version = awsProviderVersion()) =>
    stackTerraformBlock(id, stackBackendSettings(loaded.settings.backend, { offline }), {
      stackDir: path.join('cdktf.out', 'stacks', id),
      projectDir: dir,
      awsProviderVersion: version,
    });
  const synth = (): SynthesizedStack[] =>
    synthesize(loaded.customers, loaded.settings, { outdir: 'cdktf.out', projectDir: dir, offline }).map(
      (s) => ({ ...s, dir: path.join(dir, s.dir) }),
    );
  return { dir, loaded, block, synth };
}

describe('early init (fake terraform)', () => {
  const saved = { ...process.env };
  let control = '';
  const calls = (): {
    cmd: string;
    args: string[];
    stack: string;
    phase: string;
    env: Record<string, string>;
  }[] => {
    const file = path.join(control, 'calls.jsonl');
    return fs.existsSync(file)
      ? fs
          .readFileSync(file, 'utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l))
          .filter((c) => c.phase === 'start')
      : [];
  };
  const setup = (ids: readonly string[], offline: boolean) => {
    const p = project(ids, offline);
    control = path.join(p.dir, 'fake-control');
    fs.mkdirSync(control);
    process.env.LINKFORGE_TERRAFORM = writeFakeTerraform(p.dir);
    process.env.FAKE_TF_CONTROL = control;
    delete process.env.TF_DATA_DIR;
    const cli = prepareTerraformCli({ projectDir: p.dir, awsProviderVersion: awsProviderVersion() });
    return { ...p, cli };
  };
  afterEach(() => {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  });

  it('runs init in a stand-in directory named after the stack, holding only the terraform block', async () => {
    const p = setup(['acme-corp'], true);
    const early = startEarlyInit('acme-corp', p.block('acme-corp'), {
      cli: p.cli,
      projectDir: p.dir,
      offline: true,
    })!;
    expect(path.basename(early.dir)).toBe('acme-corp');
    expect(path.relative(p.dir, early.dir)).toMatch(/^\.linkforge\/early-init\/run-[^/]+\/acme-corp$/);
    expect(JSON.parse(fs.readFileSync(path.join(early.dir, 'cdk.tf.json'), 'utf8'))).toEqual({
      terraform: p.block('acme-corp'),
    });
    expect((await early.result).code).toBe(0);
    const [init] = calls();
    expect(init.args).toEqual(INIT_ARGS.slice(1));
    // Offline: the stack's own data directory outside the stack, as its plan will use.
    expect(init.env.TF_DATA_DIR).toBe(offlineDataDir(p.dir, 'acme-corp'));
    expect(init.env.AWS_ACCESS_KEY_ID).toBeDefined();
  });

  it('adopted when the synthesized block is identical: the runner skips that stack’s init', async () => {
    const p = setup(['acme-corp', 'globex'], true);
    const early = startEarlyInit('acme-corp', p.block('acme-corp'), {
      cli: p.cli,
      projectDir: p.dir,
      offline: true,
    })!;
    const stacks = p.synth();
    const results = await planStacks(stacks, {
      cli: p.cli,
      plansDir: path.join(p.dir, 'cdktf.out', 'plans'),
      projectDir: p.dir,
      offline: true,
      earlyInit: early,
    });
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ['acme-corp', 'planned'],
      ['globex', 'planned'],
    ]);
    // acme-corp's only init is the early one; globex has its own.
    expect(calls().map((c) => `${c.stack}:${c.cmd}`)).toEqual([
      'acme-corp:init',
      'acme-corp:plan',
      'acme-corp:show',
      'globex:init',
      'globex:plan',
      'globex:show',
    ]);
    expect(calls()[0].args).toEqual(INIT_ARGS.slice(1));
    expect(fs.readdirSync(path.join(p.dir, '.linkforge', 'early-init'))).toEqual([]);
    const log = fs.readFileSync(path.join(p.dir, 'cdktf.out', 'plans', 'acme-corp', 'terraform.log'), 'utf8');
    expect(log).toMatch(/^\$ terraform init -input=false -no-color -reconfigure {2}# exit 0/);
    expect(log).toContain('(run while the stack was synthesized, in .linkforge/early-init/run-');
    expect(results[0].timings.init).toBeGreaterThanOrEqual(0);
  });

  it.each([
    ['the synthesized block differs (another provider version)', 'block'],
    ['the early init failed', 'failed'],
    ['it was started for another customer', 'id'],
  ])('not adopted when %s: the stack runs its own init, the stand-in is removed', async (_why, how) => {
    const p = setup(['acme-corp'], true);
    if (how === 'failed') process.env.FAKE_TF_FAIL = 'acme-corp:init';
    const block = how === 'block' ? p.block('acme-corp', '5.99.0') : p.block('acme-corp');
    const early = startEarlyInit(how === 'id' ? 'globex' : 'acme-corp', block, {
      cli: p.cli,
      projectDir: p.dir,
      offline: true,
    })!;
    const [stack] = p.synth();
    expect(await adoptEarlyInit(early, stack, p.dir)).toBeUndefined();
    expect(fs.readdirSync(path.join(p.dir, '.linkforge', 'early-init'))).toEqual([]);
    delete process.env.FAKE_TF_FAIL;
    const results = await planStacks([stack], {
      cli: p.cli,
      plansDir: path.join(p.dir, 'cdktf.out', 'plans'),
      projectDir: p.dir,
      offline: true,
    });
    expect(results[0].status).toBe('planned');
    const stackInits = calls().filter((c) => c.cmd === 'init');
    expect(stackInits).toHaveLength(2);
  });

  it('online: the working data moves into <stack>/.terraform, where cdktf and the deploy workflow look', async () => {
    const p = setup(['acme-corp'], false);
    const early = startEarlyInit('acme-corp', p.block('acme-corp'), { cli: p.cli, projectDir: p.dir })!;
    expect((await early.result).code).toBe(0);
    expect(calls()[0].env.TF_DATA_DIR).toBe(path.join(early.dir, '.terraform'));
    // What a real init leaves there (the fake writes nothing).
    fs.mkdirSync(early.dataDir, { recursive: true });
    fs.writeFileSync(path.join(early.dataDir, 'terraform.tfstate'), '{"backend":"recorded"}');
    const [stack] = p.synth();
    const adopted = await adoptEarlyInit(early, stack, p.dir);
    expect(adopted?.code).toBe(0);
    expect(fs.readFileSync(path.join(stack.dir, '.terraform', 'terraform.tfstate'), 'utf8')).toBe(
      '{"backend":"recorded"}',
    );
    // The lock file the init wrote (the project has none) is the stack's.
    expect(fs.readFileSync(path.join(stack.dir, '.terraform.lock.hcl'), 'utf8')).toBe(
      '# lock from acme-corp\n',
    );
    expect(fs.existsSync(path.dirname(early.dir))).toBe(false);
  });

  it('online with TF_DATA_DIR set by the caller: no early init (the stack’s init would not write <stack>/.terraform)', () => {
    const p = setup(['acme-corp'], false);
    expect(
      startEarlyInit('acme-corp', p.block('acme-corp'), {
        cli: p.cli,
        projectDir: p.dir,
        baseEnv: { ...process.env, TF_DATA_DIR: '/somewhere' },
      }),
    ).toBeUndefined();
    expect(calls()).toEqual([]);
  });
});

describeWithTerraform('early init (real terraform)', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  });

  it('an adopted online init is a working init of the stack: backend configured, provider installed', async () => {
    delete process.env.LINKFORGE_TERRAFORM;
    delete process.env.TF_DATA_DIR;
    const p = project(['acme-corp'], false);
    fs.copyFileSync(path.join(PROJECT_DIR, '.terraform.lock.hcl'), path.join(p.dir, '.terraform.lock.hcl'));
    const cli = prepareTerraformCli({ projectDir: p.dir, awsProviderVersion: awsProviderVersion() });
    const early = startEarlyInit('acme-corp', p.block('acme-corp'), { cli, projectDir: p.dir })!;
    const [stack] = p.synth();
    fs.copyFileSync(path.join(p.dir, '.terraform.lock.hcl'), path.join(stack.dir, '.terraform.lock.hcl'));
    const adopted = await adoptEarlyInit(early, stack, p.dir);
    expect({ code: adopted?.code, out: adopted?.stdout }).toMatchObject({ code: 0 });
    const tf = (...args: string[]) =>
      spawnSync('terraform', args, {
        cwd: stack.dir,
        env: { ...process.env, ...cli.env, AWS_EC2_METADATA_DISABLED: 'true' },
        encoding: 'utf8',
        timeout: 120_000,
      });
    // `output` reads state through the backend: it fails with "Backend initialization required"
    // unless this directory's data records exactly the stack's backend.
    const output = tf('output', '-no-color');
    expect({ status: output.status, err: output.stderr }).toEqual({ status: 0, err: expect.any(String) });
    expect(output.stderr).not.toContain('Backend initialization required');
    // `validate` loads the installed provider's schema: it fails unless the provider is installed
    // and matches the lock file.
    const validate = tf('validate', '-no-color');
    expect({ status: validate.status, out: validate.stdout + validate.stderr }).toEqual({
      status: 0,
      out: expect.stringContaining('The configuration is valid'),
    });
    // Proof the probes can fail: a stack directory without the adopted data is not initialised.
    fs.renameSync(path.join(stack.dir, '.terraform'), path.join(stack.dir, '.terraform-moved'));
    expect(tf('output', '-no-color').status).toBe(1);
  }, 180_000);
});
