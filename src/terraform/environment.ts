/**
 * Environment checks that run before linkforge writes anything (before synthesis replaces
 * `cdktf.out`): Terraform is there and recent enough, and the AWS provider the stacks pin can be
 * installed with the CLI configuration in use. A broken environment then fails once, with one
 * message that says what to fix, instead of once per stack with raw `terraform init` errors.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  AWS_PROVIDER_ADDRESS,
  defaultMirrorCandidates,
  mirrorVersions,
  terraformPlatform,
} from './cli-config';
import type { TerraformCliSetup } from './cli-config';
import { execTerraform, terraformBinary } from './exec';
import { MIN_TERRAFORM_VERSION, minTerraformVersionText } from './supported-version';
import { summarizeError } from './errors';

const INSTALL_HINT = 'https://developer.hashicorp.com/terraform/install';

/** Compare dotted versions numerically (`1.9.8` < `1.10.0`); pre-release suffixes are ignored. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.replace(/^v/, '').split(/[-+]/)[0].split('.').map(Number);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

export type CheckResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

export interface TerraformCheckOptions {
  /** Environment of the terraform child. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** @default LINKFORGE_TERRAFORM or 'terraform' on PATH */
  readonly binary?: string;
}

/**
 * `terraform version -json` runs and reports at least {@link MIN_TERRAFORM_VERSION}. Returns the
 * version, or a message naming the binary, what was found and how to fix it.
 */
export async function checkTerraform(opts: TerraformCheckOptions = {}): Promise<CheckResult<string>> {
  const env = opts.env ?? process.env;
  const binary = opts.binary ?? terraformBinary(env);
  const min = minTerraformVersionText();
  const fix = `install Terraform >= ${min} (${INSTALL_HINT}) or point LINKFORGE_TERRAFORM at one`;
  const r = await execTerraform(['version', '-json'], { cwd: process.cwd(), env, binary, timeoutMs: 30_000 });
  if (r.code !== 0) {
    const why = r.failure?.startsWith('terraform not found')
      ? `'${binary}' is not on PATH`
      : `'${binary} version -json' failed (${summarizeError(r)})`;
    return { ok: false, message: `Terraform is missing: ${why}; ${fix}` };
  }
  const version = parseVersion(r.stdout);
  if (!version) {
    return {
      ok: false,
      message: `'${binary} version -json' printed no Terraform version (is it Terraform?); ${fix}`,
    };
  }
  if (compareVersions(version, MIN_TERRAFORM_VERSION) < 0) {
    return {
      ok: false,
      message: `Terraform ${version} ('${binary}') is older than the supported ${min}; ${fix}`,
    };
  }
  return { ok: true, value: version };
}

/** The version from `terraform version -json` (or the plain `Terraform v1.2.3` line of old releases). */
export function parseVersion(stdout: string): string | undefined {
  try {
    const v = (JSON.parse(stdout) as { terraform_version?: unknown }).terraform_version;
    if (typeof v === 'string' && /^\d+\.\d+/.test(v)) return v;
  } catch {
    // Terraform before 0.13 has no -json: it prints the human-readable line instead.
  }
  return /Terraform v(\d+\.\d+\.\d+\S*)/.exec(stdout)?.[1];
}

export interface ProviderCheckOptions extends TerraformCheckOptions {
  /** Project root: the probe works in `.linkforge/provider-check/`. */
  readonly projectDir: string;
  /** The exact hashicorp/aws version the stacks pin. */
  readonly awsProviderVersion: string;
  /** @default 300 s (a registry download of the AWS provider is several hundred MB) */
  readonly timeoutMs?: number;
  /** Mirror directories linkforge looked in, for the warning. @default defaultMirrorCandidates */
  readonly mirrorCandidates?: readonly string[];
  readonly homeDir?: string;
}

export interface ProviderCheck {
  /** Where the provider comes from, for the log. */
  readonly source: string;
  /** Things worth knowing that do not stop the run (e.g. the public registry is used). */
  readonly warnings: readonly string[];
}

/**
 * Can hashicorp/aws `version` be installed with this CLI configuration?
 *
 * - linkforge's own configuration with a mirror: the mirror has already been checked to hold the
 *   version for this platform (cli-config.ts); nothing more to do, no process started.
 * - the public registry (no mirror found) or a user's `TF_CLI_CONFIG_FILE`: linkforge cannot know
 *   in advance, so one `terraform init -backend=false` of a configuration holding only the
 *   provider requirement runs in `.linkforge/provider-check/`. It fails once, with Terraform's
 *   reason and the CLI configuration named, instead of once per stack. The folder is kept between
 *   runs, so a later check only verifies what is already installed.
 */
export async function checkProvider(
  cli: TerraformCliSetup,
  opts: ProviderCheckOptions,
): Promise<CheckResult<ProviderCheck>> {
  const described = describeProviderSource(cli, opts);
  if (cli.origin === 'generated' && cli.mirror) return { ok: true, value: described };
  return probeProvider(cli, opts, described);
}

/**
 * Where hashicorp/aws will come from, and the warnings worth printing about it, without starting a
 * process: the part of checkProvider() a plan prints before it knows whether the provider installs
 * (its first stack's init, started early, answers that: src/terraform/early-init.ts).
 */
export function describeProviderSource(cli: TerraformCliSetup, opts: ProviderCheckOptions): ProviderCheck {
  const version = opts.awsProviderVersion;
  const platform = terraformPlatform();
  if (cli.origin === 'generated' && cli.mirror) {
    return { source: `hashicorp/aws ${version} from the mirror ${cli.mirror.path}`, warnings: [] };
  }
  const warnings: string[] = [];
  if (cli.origin === 'generated') {
    const looked = (opts.mirrorCandidates ?? defaultMirrorCandidates(opts.homeDir ?? os.homedir()))
      .map((dir) => `${dir} (${describeCandidate(dir, platform)})`)
      .join(', ');
    warnings.push(
      `no filesystem mirror of hashicorp/aws ${version} for ${platform} found (looked in ${looked}); ` +
        'the provider is downloaded from registry.terraform.io. On an air-gapped runner set ' +
        `LINKFORGE_PROVIDER_MIRROR to a mirror holding ${path.join(AWS_PROVIDER_ADDRESS, version, platform)}/`,
    );
  }
  return { source: `hashicorp/aws ${version} via ${configText(cli)}`, warnings };
}

function configText(cli: TerraformCliSetup): string {
  return cli.origin === 'user'
    ? `the CLI configuration ${cli.configFile} (TF_CLI_CONFIG_FILE)`
    : `linkforge's CLI configuration ${cli.configFile} (public registry, no mirror)`;
}

/** The probe: one `terraform init -backend=false` of a configuration holding only the provider. */
async function probeProvider(
  cli: TerraformCliSetup,
  opts: ProviderCheckOptions,
  described: ProviderCheck,
): Promise<CheckResult<ProviderCheck>> {
  const version = opts.awsProviderVersion;
  const platform = terraformPlatform();
  const dir = path.join(opts.projectDir, '.linkforge', 'provider-check');
  fs.mkdirSync(dir, { recursive: true });
  const config = JSON.stringify(
    { terraform: { required_providers: { aws: { source: 'hashicorp/aws', version } } } },
    null,
    2,
  );
  const file = path.join(dir, 'main.tf.json');
  if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== config) fs.writeFileSync(file, config);
  const env = { ...(opts.env ?? process.env), ...cli.env };
  const r = await execTerraform(['init', '-backend=false', '-input=false', '-no-color'], {
    cwd: dir,
    env,
    binary: opts.binary ?? terraformBinary(env),
    timeoutMs: opts.timeoutMs ?? 300_000,
  });
  if (r.code !== 0) {
    const fix =
      cli.origin === 'user'
        ? `make its provider_installation offer hashicorp/aws ${version} for ${platform}, or unset TF_CLI_CONFIG_FILE to let linkforge use a mirror it finds`
        : `set LINKFORGE_PROVIDER_MIRROR to a filesystem mirror holding ${path.join(AWS_PROVIDER_ADDRESS, version, platform)}/, or allow access to registry.terraform.io`;
    return {
      ok: false,
      message: `hashicorp/aws ${version} cannot be installed with ${configText(cli)}: ${summarizeError(r)}; ${fix}`,
    };
  }
  return { ok: true, value: described };
}

/** Why a conventional mirror directory was not used. */
function describeCandidate(dir: string, platform: string): string {
  if (!fs.existsSync(dir)) return 'missing';
  const versions = mirrorVersions(dir, platform);
  return versions.length === 0 ? 'no hashicorp/aws' : `only ${versions.join(', ')}`;
}
