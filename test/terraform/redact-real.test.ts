/**
 * plan.json redaction against a real `terraform show -json`: a sensitive variable and a literal made
 * sensitive in configuration appear in clear in Terraform's JSON (`variables`, `configuration`,
 * `planned_values`), and nowhere in what linkforge keeps. `terraform_data` is built into
 * Terraform: no provider, no registry, no network.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { planDigest } from '../../src/plan/same-plan';
import { redactPlan } from '../../src/plan/redact';
import { describeWithTerraform, removeTempDirs, tempDir } from './helpers';

const VARIABLE_SECRET = 'var-secret-7f3a91';
const LITERAL_SECRET = 'literal-secret-c04e22';

const CONFIG = `
variable "psk" {
  type      = string
  sensitive = true
}
resource "terraform_data" "from_variable" {
  input = var.psk
}
resource "terraform_data" "from_literal" {
  input = sensitive("${LITERAL_SECRET}")
}
resource "terraform_data" "plain" {
  input = "visible-value"
}
output "psk" {
  value     = var.psk
  sensitive = true
}
`;

function showJson(dir: string, psk: string): Record<string, unknown> {
  const tf = process.env.LINKFORGE_TERRAFORM || 'terraform';
  const env = { ...process.env, TF_IN_AUTOMATION: '1', TF_VAR_psk: psk, TF_CLI_CONFIG_FILE: '/dev/null' };
  for (const args of [
    ['init', '-input=false', '-no-color'],
    ['plan', '-input=false', '-no-color', '-out=plan.tfplan'],
  ]) {
    const r = spawnSync(tf, args, { cwd: dir, env, encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0) throw new Error(`terraform ${args[0]}: ${r.stderr}`);
  }
  const show = spawnSync(tf, ['show', '-json', 'plan.tfplan'], { cwd: dir, env, encoding: 'utf8' });
  if (show.status !== 0) throw new Error(`terraform show: ${show.stderr}`);
  return JSON.parse(show.stdout) as Record<string, unknown>;
}

describeWithTerraform('plan.json redaction (real terraform show -json)', () => {
  let raw: Record<string, unknown>;
  let other: Record<string, unknown>;
  beforeAll(() => {
    const dir = tempDir('redact');
    fs.writeFileSync(path.join(dir, 'main.tf'), CONFIG);
    raw = showJson(dir, VARIABLE_SECRET);
    other = showJson(dir, `${VARIABLE_SECRET}-rotated`);
  }, 240_000);
  afterAll(removeTempDirs);

  it('Terraform itself writes both secrets in clear (the regression this guards against)', () => {
    const text = JSON.stringify(raw);
    expect(text).toContain(VARIABLE_SECRET);
    expect(text).toContain(LITERAL_SECRET);
    expect(Object.keys(raw)).toEqual(
      expect.arrayContaining(['variables', 'configuration', 'planned_values']),
    );
  });

  it('plan.json keeps only format_version, resource_changes and output_changes, without either secret', () => {
    const kept = redactPlan(raw);
    expect(Object.keys(kept).sort()).toEqual(['format_version', 'output_changes', 'resource_changes']);
    const text = JSON.stringify(kept);
    expect(text).not.toContain(VARIABLE_SECRET);
    expect(text).not.toContain(LITERAL_SECRET);
    expect(text).toContain('visible-value');
  });

  it('the digest the deploy gate compares sees a change to a sensitive value that plan.json cannot', () => {
    expect(JSON.stringify(redactPlan(other))).toBe(JSON.stringify(redactPlan(raw)));
    expect(planDigest(other as never)).not.toBe(planDigest(raw as never));
  });
});
