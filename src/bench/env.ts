/**
 * Where and with what environment the benchmark's children run.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { prepareTerraformCli } from '../terraform/cli-config';

/** The environment every measured child runs with. */
export function benchEnv(projectDir: string): NodeJS.ProcessEnv {
  // The same Terraform CLI configuration linkforge uses (provider mirror when there is one, one
  // shared plugin cache), for both tools: plain cdktf's `cdktf diff` runs terraform too.
  const tf = prepareTerraformCli({ projectDir });
  return {
    ...process.env,
    ...tf.env,
    // cdktf sets its own plugin cache unless one is given; share linkforge's so neither tool pays
    // for a cold cache the other does not.
    ...(tf.pluginCacheDir ? { TF_PLUGIN_CACHE_DIR: tf.pluginCacheDir } : {}),
    // No spinners or colours: they cost time and fill the log. CI is how both tools run in a PR.
    CI: '1',
    FORCE_COLOR: '0',
    NO_COLOR: '1',
    // The plain app plans offline: placeholder credentials plus the provider's skip_* flags, which
    // its main.ts sets when OFFLINE=1 (linkforge's --offline does the equivalent itself).
    OFFLINE: '1',
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'offline-placeholder-not-a-secret',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

/** A fresh temporary work directory. */
export function makeWorkDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'linkforge-bench-'));
}
