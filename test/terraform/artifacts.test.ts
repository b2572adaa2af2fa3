/**
 * Artifacts under a failing disk: every plan.json, terraform.log, summary.md and
 * plan-results.json is written through a temporary file and a rename, so an injected ENOSPC
 * (the write of the temporary file fails, as on a full disk) leaves no truncated artifact; the
 * stack whose artifact failed is a failure naming the path and the cause, the others are planned,
 * and the summary is still written.
 */
import * as fs from 'fs';
import * as path from 'path';
import { planCommand } from '../../src/cli/plan';
import type { Output } from '../../src/cli/output';
import type { TerraformCliSetup } from '../../src/terraform/cli-config';
import type { SynthesizedStack } from '../../src/plan/types';
import { planStacks } from '../../src/terraform/runner';
import { writeFakeTerraform } from './fake-terraform';
import { PROJECT_DIR, removeTempDirs, tempDir } from './helpers';

afterAll(removeTempDirs);

/**
 * The file opens to fail with ENOSPC, as on a full disk: every module of this test file gets this
 * `fs` (runner, atomic writes), so the production code path is the real one.
 */
let mockFullDisk: (file: string) => boolean = () => false;
let mockFailedOpens = 0;
jest.mock('fs', () => {
  const actual = jest.requireActual<typeof import('fs')>('fs');
  return {
    ...actual,
    openSync: (file: import('fs').PathLike, ...rest: unknown[]) => {
      if (mockFullDisk(String(file))) {
        mockFailedOpens++;
        throw Object.assign(new Error(`ENOSPC: no space left on device, open '${String(file)}'`), {
          code: 'ENOSPC',
          errno: -28,
          syscall: 'open',
          path: String(file),
        });
      }
      return (actual.openSync as (...a: unknown[]) => number)(file, ...rest);
    },
  };
});

/** Temporary files of artifact `name` (`.plan.json.<pid>.<time>.tmp`), optionally in folder `dir`. */
const tempOf = (name: string, dir?: string) => (file: string) =>
  path.basename(file).startsWith(`.${name}.`) && (dir === undefined || path.dirname(file) === dir);

afterEach(() => {
  mockFullDisk = () => false;
  mockFailedOpens = 0;
});

describe('a full disk while planning', () => {
  it('plan.json cannot be written: that stack fails with the path and ENOSPC, the others are planned', async () => {
    const root = tempDir('artifacts');
    const control = path.join(root, 'control');
    fs.mkdirSync(control);
    const binary = writeFakeTerraform(root);
    const stacks: SynthesizedStack[] = ['a', 'b'].map((id) => {
      const dir = path.join(root, 'stacks', id);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'cdk.tf.json'), '{}');
      return { id, dir, decommission: false, connectivityType: 'vpc-peering' };
    });
    const cli: TerraformCliSetup = { configFile: path.join(root, 'rc'), origin: 'generated', env: {} };
    const plansDir = path.join(root, 'plans');
    // An earlier plan.json of b must not survive next to this run's failure either.
    fs.mkdirSync(path.join(plansDir, 'b'), { recursive: true });
    fs.writeFileSync(path.join(plansDir, 'b', 'plan.json'), '{"earlier": true}');

    mockFullDisk = tempOf('plan.json', path.join(plansDir, 'b'));

    const results = await planStacks(stacks, {
      cli,
      plansDir,
      binary,
      baseEnv: { PATH: process.env.PATH, FAKE_TF_CONTROL: control },
    });
    expect(mockFailedOpens).toBe(1);
    expect(results.map((r) => r.status)).toEqual(['planned', 'failed']);
    const planJson = path.join(plansDir, 'b', 'plan.json');
    expect(results[1].error).toMatch(
      new RegExp(`^cannot write ${planJson.replace(/[.]/g, '\\.')}: ENOSPC: `),
    );
    // No plan.json at all (neither truncated nor the earlier one), no temporary file left behind.
    expect(fs.readdirSync(path.join(plansDir, 'b')).filter((f) => f.includes('plan.json'))).toEqual([]);
    expect(JSON.parse(fs.readFileSync(path.join(plansDir, 'a', 'plan.json'), 'utf8')).format_version).toBe(
      '1.2',
    );
  });
});

describe('a full disk at the end of linkforge plan', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  });

  it('summary.md cannot be written: the error names it, plan-results.json is still written, exit 1', async () => {
    const project = tempDir('artifacts-cmd');
    fs.cpSync(path.join(PROJECT_DIR, 'customers'), path.join(project, 'customers'), { recursive: true });
    fs.copyFileSync(path.join(PROJECT_DIR, 'cdktf.json'), path.join(project, 'cdktf.json'));
    const control = path.join(project, 'control');
    fs.mkdirSync(control);
    process.env.LINKFORGE_TERRAFORM = writeFakeTerraform(project);
    process.env.FAKE_TF_CONTROL = control;
    const summary = path.join(project, 'cdktf.out', 'summary.md');
    mockFullDisk = tempOf('summary.md');
    const err: string[] = [];
    const std: string[] = [];
    const io: Output = { stdout: (s) => std.push(s), stderr: (s) => err.push(s) };
    expect(await planCommand({ projectDir: project, offline: true, ids: ['acme-corp'], jobs: 1 }, io)).toBe(
      1,
    );
    expect(mockFailedOpens).toBe(1);
    expect(err.join('')).toContain(`linkforge plan: cannot write ${summary}: ENOSPC: `);
    expect(std.join('')).toContain('summary: NOT written (see above)');
    expect(fs.existsSync(summary)).toBe(false);
    const results = JSON.parse(fs.readFileSync(path.join(project, 'cdktf.out', 'plan-results.json'), 'utf8'));
    expect(results.stacks.map((s: { id: string; status: string }) => [s.id, s.status])).toEqual([
      ['acme-corp', 'planned'],
    ]);
    expect(fs.readdirSync(path.join(project, 'cdktf.out')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
