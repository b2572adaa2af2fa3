/**
 * The Terraform CLI configuration every terraform child process of linkforge runs with.
 *
 * Two goals pull in different directions: on an ordinary machine `npm run plan` must install the
 * AWS provider from the public registry like any Terraform project, and on an air-gapped machine
 * (CI runners with a provider mirror, this project's own test machine) it must never try the
 * registry at all. So:
 *
 * - an explicit `TF_CLI_CONFIG_FILE` that points at an existing file wins: the user knows best;
 * - otherwise linkforge writes `.linkforge/terraformrc` (git-ignored) with one plugin cache shared by
 *   every stack and, when a filesystem mirror of hashicorp/aws is found, a `provider_installation`
 *   block that takes hashicorp/aws from the mirror only (`direct` excludes it, so a mirror that lacks
 *   the pinned version fails loudly instead of silently reaching for the internet);
 * - with no mirror, plain direct installation from the public registry.
 *
 * See docs/terraform.md.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The provider linkforge stacks use, as Terraform addresses it. */
export const AWS_PROVIDER_ADDRESS = 'registry.terraform.io/hashicorp/aws';

/**
 * Directories that conventionally hold a provider filesystem mirror, searched in this order after
 * `LINKFORGE_PROVIDER_MIRROR`. `~/.terraform.d/plugins` and the two `share` directories are
 * Terraform's own implied local mirror directories on Unix
 * (https://developer.hashicorp.com/terraform/cli/config/config-file#implied-local-mirror-directories);
 * `/opt/tf-plugins` is where air-gapped images commonly put one.
 */
export function defaultMirrorCandidates(homeDir: string): string[] {
  return [
    '/opt/tf-plugins',
    path.join(homeDir, '.terraform.d', 'plugins'),
    '/usr/share/terraform/plugins',
    '/usr/local/share/terraform/plugins',
  ];
}

/** Terraform's `<os>_<arch>` name for the platform Node runs on, e.g. `linux_amd64`. */
export function terraformPlatform(platform: string = process.platform, arch: string = process.arch): string {
  const osName = platform === 'win32' ? 'windows' : platform;
  const archName =
    ({ x64: 'amd64', ia32: '386', arm64: 'arm64', arm: 'arm' } as Record<string, string>)[arch] ?? arch;
  return `${osName}_${archName}`;
}

export interface ProviderMirror {
  /** The mirror root (the directory that contains `registry.terraform.io/`). */
  readonly path: string;
  /** hashicorp/aws versions available for this platform, sorted. */
  readonly versions: readonly string[];
}

/**
 * The hashicorp/aws versions a mirror root holds for `platform`, in either of Terraform's layouts:
 * unpacked (`<version>/<os_arch>/`) or packed (`terraform-provider-aws_<version>_<os_arch>.zip`).
 */
export function mirrorVersions(root: string, platform: string = terraformPlatform()): string[] {
  const dir = path.join(root, AWS_PROVIDER_ADDRESS);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const versions = new Set<string>();
  const packed = new RegExp(`^terraform-provider-aws_(.+)_${platform}\\.zip$`);
  for (const e of entries) {
    if (e.isDirectory() && fs.existsSync(path.join(dir, e.name, platform))) versions.add(e.name);
    const m = packed.exec(e.name);
    if (m && e.isFile()) versions.add(m[1]);
  }
  return [...versions].sort();
}

export interface FindMirrorOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly homeDir?: string;
  /** Only a mirror that holds this exact version counts. @default - any version */
  readonly version?: string;
  readonly platform?: string;
  /** @default defaultMirrorCandidates(homeDir) */
  readonly candidates?: readonly string[];
}

/**
 * The first filesystem mirror of hashicorp/aws: `LINKFORGE_PROVIDER_MIRROR` if set (an error if it
 * does not hold the provider: a typo there must not quietly fall back to the internet), else the
 * first well-known directory that holds it.
 */
export function findProviderMirror(opts: FindMirrorOptions = {}): ProviderMirror | undefined {
  const env = opts.env ?? process.env;
  const platform = opts.platform ?? terraformPlatform();
  const usable = (root: string): ProviderMirror | undefined => {
    const versions = mirrorVersions(root, platform);
    if (versions.length === 0) return undefined;
    if (opts.version !== undefined && !versions.includes(opts.version)) return undefined;
    return { path: path.resolve(root), versions };
  };
  const explicit = env.LINKFORGE_PROVIDER_MIRROR;
  if (explicit) {
    const found = usable(explicit);
    if (!found) {
      const want = opts.version ? ` version ${opts.version}` : '';
      throw new Error(
        `LINKFORGE_PROVIDER_MIRROR=${explicit} holds no hashicorp/aws${want} for ${platform} ` +
          `(expected ${path.join(explicit, AWS_PROVIDER_ADDRESS, opts.version ?? '<version>', platform)}/); ` +
          'fix the path or unset the variable to use the public registry',
      );
    }
    return found;
  }
  for (const candidate of opts.candidates ?? defaultMirrorCandidates(opts.homeDir ?? os.homedir())) {
    const found = usable(candidate);
    if (found) return found;
  }
  return undefined;
}

/** The generated CLI configuration (HCL). Deterministic: same inputs, same bytes. */
export function renderCliConfig(opts: {
  readonly pluginCacheDir: string;
  readonly mirrorPath?: string;
}): string {
  const lines = [
    '# Generated by linkforge (src/terraform/cli-config.ts); rewritten on every run. Do not edit:',
    '# point TF_CLI_CONFIG_FILE at your own file instead.',
    `plugin_cache_dir = ${hclString(opts.pluginCacheDir)}`,
  ];
  if (opts.mirrorPath !== undefined) {
    lines.push(
      '',
      '# hashicorp/aws comes from the local mirror only; every other provider from its registry.',
      'provider_installation {',
      '  filesystem_mirror {',
      `    path    = ${hclString(opts.mirrorPath)}`,
      `    include = [${hclString(AWS_PROVIDER_ADDRESS)}]`,
      '  }',
      '  direct {',
      `    exclude = [${hclString(AWS_PROVIDER_ADDRESS)}]`,
      '  }',
      '}',
    );
  }
  return lines.join('\n') + '\n';
}

function hclString(s: string): string {
  // JSON string escaping is valid HCL for the characters a path can hold; `${` and `%{` would start a
  // template, so they are escaped by doubling the sigil.
  return JSON.stringify(s)
    .replace(/\$\{/g, () => '$${')
    .replace(/%\{/g, () => '%%{');
}

export interface TerraformCliSetup {
  /** The file passed to every terraform child as `TF_CLI_CONFIG_FILE`. */
  readonly configFile: string;
  /** `user`: an existing `TF_CLI_CONFIG_FILE` was respected; `generated`: linkforge wrote one. */
  readonly origin: 'user' | 'generated';
  /** The shared plugin cache (generated configuration only). */
  readonly pluginCacheDir?: string;
  /** The provider mirror in use (generated configuration only). */
  readonly mirror?: ProviderMirror;
  /** Variables to add to every terraform child's environment. */
  readonly env: Readonly<Record<string, string>>;
}

export interface PrepareOptions {
  /** Project root: `.linkforge/` is created here. */
  readonly projectDir: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly homeDir?: string;
  /** The hashicorp/aws version the stacks pin: a mirror without it is not used. */
  readonly awsProviderVersion?: string;
  readonly mirrorCandidates?: readonly string[];
  readonly platform?: string;
}

/**
 * Decide which CLI configuration terraform runs with, writing `.linkforge/terraformrc` when needed,
 * and return the environment for terraform children. Safe to call from concurrent processes: the
 * file is replaced atomically and only when its content changes.
 */
export function prepareTerraformCli(opts: PrepareOptions): TerraformCliSetup {
  const env = opts.env ?? process.env;
  const automation = {
    // Terraform's own switches for running under a wrapper: no "run terraform apply" hints, never
    // prompt (a prompt would hang a CI job), no version check against checkpoint.hashicorp.com.
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    CHECKPOINT_DISABLE: '1',
  };
  const userFile = env.TF_CLI_CONFIG_FILE;
  if (userFile && isFile(userFile)) {
    const configFile = path.resolve(userFile);
    return { configFile, origin: 'user', env: { ...automation, TF_CLI_CONFIG_FILE: configFile } };
  }

  const stateDir = path.resolve(opts.projectDir, '.linkforge');
  const pluginCacheDir = path.join(stateDir, 'plugin-cache');
  const mirror = findProviderMirror({
    env,
    homeDir: opts.homeDir,
    version: opts.awsProviderVersion,
    candidates: opts.mirrorCandidates,
    platform: opts.platform,
  });
  fs.mkdirSync(pluginCacheDir, { recursive: true });
  const configFile = path.join(stateDir, 'terraformrc');
  writeIfChanged(configFile, renderCliConfig({ pluginCacheDir, mirrorPath: mirror?.path }));
  return {
    configFile,
    origin: 'generated',
    pluginCacheDir,
    mirror,
    env: { ...automation, TF_CLI_CONFIG_FILE: configFile },
  };
}

/** One line for the user: which configuration and where providers come from. */
export function describeCliSetup(setup: TerraformCliSetup): string {
  if (setup.origin === 'user') return `terraform CLI config: ${setup.configFile} (from TF_CLI_CONFIG_FILE)`;
  const source = setup.mirror
    ? `hashicorp/aws from the mirror ${setup.mirror.path}`
    : 'providers from the public registry';
  return `terraform CLI config: ${setup.configFile} (${source}, plugin cache ${setup.pluginCacheDir})`;
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function writeIfChanged(file: string, content: string): void {
  try {
    if (fs.readFileSync(file, 'utf8') === content) return;
  } catch {
    // missing: write it
  }
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, content);
  fs.renameSync(tmp, file);
}
