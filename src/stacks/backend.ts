/**
 * State backend factory: where one customer's Terraform state lives. The location is derived from
 * the customer id alone, so no customer's stack can point at another customer's state, and a
 * rename of anything else (file, name, orgId) never moves state.
 */
import * as path from 'path';
import { App, LocalBackend, S3Backend, TerraformStack, type TerraformBackend } from 'cdktf';
import type { BackendSettings, PlatformSettings, S3BackendSettings } from '../config/settings';

/** File name of every customer's state. */
export const STATE_FILE = 'terraform.tfstate';

export interface BackendOptions {
  /**
   * Directory terraform runs in for this stack (cdktf's `<outdir>/stacks/<id>`). A local state path
   * is written relative to it, so it resolves to the same project directory wherever terraform is
   * run from (`cdktf diff`, `npm run plan`).
   */
  readonly stackDir: string;
  /** Project root that a local backend `directory` is relative to. @default process.cwd() */
  readonly projectDir?: string;
}

/** Key of a customer's state in the S3 bucket: `<keyPrefix>/<id>/terraform.tfstate`. */
export function s3StateKey(keyPrefix: string, id: string): string {
  const prefix = keyPrefix.replace(/^\/+|\/+$/g, '');
  return prefix ? `${prefix}/${id}/${STATE_FILE}` : `${id}/${STATE_FILE}`;
}

/**
 * Path of a customer's local state as written into the stack: relative to the stack's working
 * directory, pointing at `<projectDir>/<directory>/<id>/terraform.tfstate`.
 */
export function localStatePath(directory: string, id: string, opts: BackendOptions): string {
  const projectDir = path.resolve(opts.projectDir ?? process.cwd());
  const target = path.resolve(projectDir, directory, id, STATE_FILE);
  // Forward slashes: the JSON must be identical on every OS, and Terraform accepts them everywhere.
  return path.relative(path.resolve(projectDir, opts.stackDir), target).split(path.sep).join('/');
}

/** Add the state backend of customer `id` to its stack. */
export function addBackend(
  stack: TerraformStack,
  id: string,
  settings: BackendSettings,
  opts: BackendOptions,
): TerraformBackend {
  if (settings.type === 'local') {
    return new LocalBackend(stack, { path: localStatePath(settings.directory, id, opts) });
  }
  return s3Backend(stack, id, settings);
}

function s3Backend(stack: TerraformStack, id: string, s: S3BackendSettings): TerraformBackend {
  const custom = s.endpoints !== undefined;
  const backend = new S3Backend(stack, {
    bucket: s.bucket,
    region: s.region,
    key: s3StateKey(s.keyPrefix, id),
    // State holds every attribute of every resource: always encrypted at rest.
    encrypt: true,
    kmsKeyId: s.kmsKeyId,
    dynamodbTable: s.dynamodbTable,
    ...(custom
      ? {
          endpoints: { s3: s.endpoints?.s3, dynamodb: s.endpoints?.dynamodb },
          // S3-compatible stores and local test servers (s3rver) serve buckets by path, have no
          // STS/IMDS to check credentials or account against, know no AWS region list, and do not
          // implement the flexible checksums the AWS SDK sends by default.
          usePathStyle: true,
          skipCredentialsValidation: true,
          skipRequestingAccountId: true,
          skipMetadataApiCheck: true,
          skipRegionValidation: true,
          skipS3Checksum: true,
        }
      : {}),
  });
  if (s.useLockfile) {
    // cdktf 0.21's S3BackendConfig has no `useLockfile` (Terraform >= 1.10's S3-native locking):
    // escape hatch into the backend block.
    backend.addOverride('use_lockfile', true);
  }
  return backend;
}

/**
 * A Terraform configuration (JSON) holding nothing but customer `id`'s backend block, for a
 * throw-away working directory `dir` that reads that customer's state (`terraform state pull`,
 * `terraform output -json`) with exactly the backend the real stack uses, without synthesizing the
 * stack or installing a provider.
 */
export function backendOnlyConfig(
  id: string,
  settings: PlatformSettings,
  dir: string,
  projectDir: string,
): unknown {
  const app = new App({ outdir: dir, skipValidation: true });
  const stack = new TerraformStack(app, id);
  addBackend(stack, id, settings.backend, { stackDir: dir, projectDir });
  return stack.toTerraform();
}
