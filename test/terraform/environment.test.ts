/**
 * Environment checks before anything is written: the Terraform version (fake binaries: a current
 * one, v1.5.7, a missing one, one that is not Terraform), the provider check for each source of
 * providers (a mirror, the public registry, a user's CLI configuration), and the README stating
 * the same supported version as the code. The real terraform runs once, against an empty mirror.
 */
import * as fs from 'fs';
import * as path from 'path';
import { prepareTerraformCli } from '../../src/terraform/cli-config';
import {
  checkProvider,
  checkTerraform,
  compareVersions,
  parseVersion,
} from '../../src/terraform/environment';
import { MIN_TERRAFORM_VERSION, minTerraformVersionText } from '../../src/terraform/supported-version';
import { writeFakeTerraform } from './fake-terraform';
import { PROJECT_DIR, describeWithTerraform, removeTempDirs, tempDir } from './helpers';

afterAll(removeTempDirs);

/** A shell script standing in for terraform: prints `stdout` for every command, exits `code`. */
function script(dir: string, name: string, stdout: string, code = 0): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `#!/bin/sh\ncat <<'EOF'\n${stdout}\nEOF\nexit ${code}\n`, { mode: 0o755 });
  return file;
}

describe('versions', () => {
  it('compares numerically, not as text', () => {
    expect(compareVersions('1.9.8', '1.10.0')).toBe(-1);
    expect(compareVersions('1.10.0', '1.10')).toBe(0);
    expect(compareVersions('1.11.4', '1.10.0')).toBe(1);
    expect(compareVersions('1.10.0-rc1', '1.10.0')).toBe(0);
  });

  it("reads `version -json` and old releases' text", () => {
    expect(parseVersion('{"terraform_version":"1.11.4","platform":"linux_amd64"}')).toBe('1.11.4');
    expect(parseVersion('Terraform v0.12.31\n')).toBe('0.12.31');
    expect(parseVersion('OpenSSL 3.0.2')).toBeUndefined();
  });
});

describe('checkTerraform', () => {
  const dir = tempDir('env-tf');

  it(`accepts ${MIN_TERRAFORM_VERSION} and later`, async () => {
    const binary = script(dir, 'tf-min', JSON.stringify({ terraform_version: MIN_TERRAFORM_VERSION }));
    expect(await checkTerraform({ binary })).toEqual({ ok: true, value: MIN_TERRAFORM_VERSION });
  });

  it('refuses v1.5.7, naming the binary, the version found and the supported one', async () => {
    const binary = script(dir, 'tf-157', JSON.stringify({ terraform_version: '1.5.7' }));
    expect(await checkTerraform({ binary })).toEqual({
      ok: false,
      message:
        `Terraform 1.5.7 ('${binary}') is older than the supported ${minTerraformVersionText()}; ` +
        `install Terraform >= ${minTerraformVersionText()} (https://developer.hashicorp.com/terraform/install) or point LINKFORGE_TERRAFORM at one`,
    });
  });

  it('reports a missing binary as missing', async () => {
    const r = await checkTerraform({ binary: path.join(dir, 'absent') });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(
      /^Terraform is missing: '.*absent' is not on PATH; install Terraform >= /,
    );
  });

  it('reports a binary that fails or is not Terraform', async () => {
    const failing = await checkTerraform({ binary: script(dir, 'tf-broken', 'Error: broken install', 3) });
    expect(!failing.ok && failing.message).toContain("version -json' failed (Error: broken install)");
    const other = await checkTerraform({ binary: script(dir, 'tf-other', 'OpenTofu? no: something else') });
    expect(!other.ok && other.message).toContain('printed no Terraform version (is it Terraform?)');
  });
});

describe('checkProvider', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  });

  it('with a mirror: no process started, the mirror named', async () => {
    const project = tempDir('env-mirror');
    const root = path.join(project, 'mirror');
    fs.mkdirSync(path.join(root, 'registry.terraform.io/hashicorp/aws/5.100.0/linux_amd64'), {
      recursive: true,
    });
    const cli = prepareTerraformCli({
      projectDir: project,
      env: {},
      awsProviderVersion: '5.100.0',
      mirrorCandidates: [root],
      platform: 'linux_amd64',
    });
    const r = await checkProvider(cli, {
      projectDir: project,
      awsProviderVersion: '5.100.0',
      binary: path.join(project, 'never-run'),
    });
    expect(r).toEqual({
      ok: true,
      value: { source: `hashicorp/aws 5.100.0 from the mirror ${root}`, warnings: [] },
    });
  });

  it('no mirror: warns that the public registry is used, naming every place looked in, and probes once', async () => {
    const project = tempDir('env-registry');
    const empty = path.join(project, 'opt-tf-plugins');
    fs.mkdirSync(empty);
    const cli = prepareTerraformCli({
      projectDir: project,
      env: {},
      mirrorCandidates: [empty, '/nonexistent/x'],
    });
    const control = path.join(project, 'control');
    fs.mkdirSync(control);
    process.env.FAKE_TF_CONTROL = control;
    const binary = writeFakeTerraform(project);
    const r = await checkProvider(cli, {
      projectDir: project,
      awsProviderVersion: '5.100.0',
      binary,
      mirrorCandidates: [empty, '/nonexistent/x'],
    });
    expect(r.ok).toBe(true);
    const warnings = r.ok ? r.value.warnings : [];
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(
      `no filesystem mirror of hashicorp/aws 5.100.0 for linux_amd64 found (looked in ${empty} (no hashicorp/aws), /nonexistent/x (missing))`,
    );
    expect(warnings[0]).toContain('downloaded from registry.terraform.io');
    expect(warnings[0]).toContain('set LINKFORGE_PROVIDER_MIRROR');
    const probe = JSON.parse(
      fs.readFileSync(path.join(project, '.linkforge', 'provider-check', 'main.tf.json'), 'utf8'),
    );
    expect(probe.terraform.required_providers.aws).toEqual({ source: 'hashicorp/aws', version: '5.100.0' });

    // The registry unreachable: one error that names linkforge's configuration and both fixes.
    process.env.FAKE_TF_FAIL = 'provider-check:init';
    const failed = await checkProvider(cli, { projectDir: project, awsProviderVersion: '5.100.0', binary });
    expect(failed).toEqual({
      ok: false,
      message:
        `hashicorp/aws 5.100.0 cannot be installed with linkforge's CLI configuration ${cli.configFile} ` +
        '(public registry, no mirror): Error: simulated init failure on cdk.tf.json line 3: the details; ' +
        'set LINKFORGE_PROVIDER_MIRROR to a filesystem mirror holding registry.terraform.io/hashicorp/aws/5.100.0/linux_amd64/, ' +
        'or allow access to registry.terraform.io',
    });
  });
});

describe('README', () => {
  it('states the supported Terraform version the code checks, and no other', () => {
    const readme = fs.readFileSync(path.join(PROJECT_DIR, 'README.md'), 'utf8');
    const stated = [...readme.matchAll(/Terraform (?:≥|>=) ?(\d+\.\d+(?:\.\d+)?)/g)].map((m) => m[1]);
    expect(stated.length).toBeGreaterThan(0);
    expect([...new Set(stated)]).toEqual([minTerraformVersionText()]);
  });
});

describeWithTerraform('checkProvider with the real terraform', () => {
  it("a user's CLI configuration whose only mirror is empty: one error naming the file", async () => {
    const project = tempDir('env-real');
    const mirror = path.join(project, 'empty-mirror');
    fs.mkdirSync(mirror);
    const rc = path.join(project, 'user.tfrc');
    // No `direct` fallback: Terraform looks only in the empty mirror and touches no network.
    fs.writeFileSync(
      rc,
      `provider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(mirror)}\n  }\n}\n`,
    );
    const cli = prepareTerraformCli({ projectDir: project, env: { TF_CLI_CONFIG_FILE: rc } });
    const r = await checkProvider(cli, { projectDir: project, awsProviderVersion: '5.100.0' });
    expect(r.ok).toBe(false);
    const message = !r.ok ? r.message : '';
    expect(message).toContain(
      `hashicorp/aws 5.100.0 cannot be installed with the CLI configuration ${rc} (TF_CLI_CONFIG_FILE)`,
    );
    expect(message).toMatch(
      /Failed to query available provider packages|Failed to resolve provider packages/,
    );
    expect(message).toContain('unset TF_CLI_CONFIG_FILE');
  }, 120_000);
});
