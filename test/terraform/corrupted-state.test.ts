/**
 * A corrupted state file, with the real terraform: the stack fails, the error names the state
 * file, and the file is left exactly as it was (nothing "repairs" it behind the user's back).
 * The configuration holds only Terraform's built-in `terraform_data`, so no provider is needed.
 */
import * as fs from 'fs';
import * as path from 'path';
import { prepareTerraformCli } from '../../src/terraform/cli-config';
import { planStacks } from '../../src/terraform/runner';
import { PROJECT_DIR, describeWithTerraform, removeTempDirs, tempDir } from './helpers';

afterAll(removeTempDirs);

describeWithTerraform('a corrupted state file', () => {
  it('fails that stack with an error naming the state file, and leaves the file untouched', async () => {
    const root = tempDir('corrupt-state');
    const dir = path.join(root, 'stacks', 'acme');
    fs.mkdirSync(dir, { recursive: true });
    const state = path.join(root, 'state', 'acme', 'terraform.tfstate');
    fs.mkdirSync(path.dirname(state), { recursive: true });
    const garbage = '{"version": 4, "terraform_version": "1.11.4", "resources": [tr'; // truncated
    fs.writeFileSync(state, garbage);
    fs.writeFileSync(
      path.join(dir, 'cdk.tf.json'),
      JSON.stringify({
        terraform: { backend: { local: { path: path.relative(dir, state) } } },
        resource: { terraform_data: { marker: { input: 'acme' } } },
      }),
    );
    const cli = prepareTerraformCli({ projectDir: PROJECT_DIR, awsProviderVersion: '5.100.0' });
    const [r] = await planStacks([{ id: 'acme', dir, decommission: false }], {
      cli,
      plansDir: path.join(root, 'plans'),
    });
    expect(r.status).toBe('failed');
    expect(r.error).toMatch(/state/i);
    expect(r.error).toContain(state);
    expect(fs.readFileSync(state, 'utf8')).toBe(garbage);
  }, 120_000);
});
