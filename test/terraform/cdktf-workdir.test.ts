/**
 * An offline plan must leave cdktf's own working directory (`cdktf.out/stacks/<id>`) usable by the
 * cdktf commands that follow the quick start: `npx cdktf deploy|diff|output <id>` re-synthesize
 * the stack with its real backend and run a plain `terraform init` there. Before the fix, the
 * offline init had recorded the throw-away backend in `<stack>/.terraform/`, and that init stopped
 * at "Backend configuration changed". Real terraform, provider from the local mirror, no AWS.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { planCommand } from '../../src/cli/plan';
import { loadProject } from '../../src/config/load';
import { synthesize } from '../../src/stacks/synthesize';
import { prepareTerraformCli } from '../../src/terraform/cli-config';
import { silentProgress } from '../../src/terraform/progress';
import { PROJECT_DIR, describeWithTerraform, removeTempDirs, tempDir } from './helpers';

describeWithTerraform('offline plans and the cdktf working directory', () => {
  afterAll(removeTempDirs);

  it('after plan --offline, a plain terraform init of the online stack (as cdktf deploy runs it) succeeds', async () => {
    const project = tempDir('cdktf-workdir');
    fs.mkdirSync(path.join(project, 'customers'));
    fs.copyFileSync(
      path.join(PROJECT_DIR, 'customers', 'acme-corp.yaml'),
      path.join(project, 'customers', 'acme-corp.yaml'),
    );
    fs.copyFileSync(path.join(PROJECT_DIR, 'cdktf.json'), path.join(project, 'cdktf.json'));
    const io = { stdout: () => {}, stderr: () => {} };
    expect(
      await planCommand({ projectDir: project, offline: true, progress: silentProgress, env: {} }, io),
    ).toBe(0);
    const stackDir = path.join(project, 'cdktf.out', 'stacks', 'acme-corp');
    expect(fs.existsSync(path.join(stackDir, '.terraform'))).toBe(false);
    expect(fs.existsSync(path.join(project, '.linkforge', 'offline-tfdata', 'acme-corp'))).toBe(true);

    // What `npx cdktf deploy acme-corp` does next: synthesize online (the real backend) into the
    // same directory, then `terraform init` without -reconfigure.
    const cwd = process.cwd();
    process.chdir(project);
    try {
      const loaded = loadProject();
      synthesize(loaded.customers, loaded.settings, { outdir: 'cdktf.out', projectDir: project });
    } finally {
      process.chdir(cwd);
    }
    const cli = prepareTerraformCli({ projectDir: project, awsProviderVersion: '5.100.0' });
    const init = spawnSync(
      process.env.LINKFORGE_TERRAFORM || 'terraform',
      ['init', '-input=false', '-no-color'],
      {
        cwd: stackDir,
        env: { ...process.env, ...cli.env },
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    expect(`${init.stdout}${init.stderr}`).not.toContain('Backend configuration changed');
    expect(init.status).toBe(0);
  }, 180_000);
});
