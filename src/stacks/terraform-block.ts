/**
 * A customer stack's `terraform` block (state backend and required providers) as plain JSON,
 * without cdktf: what `terraform init` needs, and all it needs, to initialise the stack's working
 * directory. Two readers use it before (or instead of) synthesizing the stack:
 *
 * - the plan pipeline starts the first stack's `terraform init` in a stand-in directory holding
 *   only this block while Node is still loading cdktf and synthesizing (src/terraform/early-init.ts);
 *   the init is used only when the synthesized stack's block is identical, so a difference costs
 *   time, never correctness;
 * - state-command.ts reads a customer's state through a directory holding only the backend block.
 *
 * The stacks themselves write the block through cdktf's backend constructs (backend-block.ts);
 * test/stacks/terraform-block.test.ts checks that both give the same JSON for every backend the
 * settings allow (local, S3 with a DynamoDB table or a lock file, S3 with custom endpoints, offline).
 */
import type { BackendSettings, PlatformSettings, S3BackendSettings } from '../config/settings';
import { localStatePath, s3StateKey, type BackendOptions } from './backend';

/** Where offline plans keep their throw-away local state (relative to the project). */
export const DEFAULT_OFFLINE_STATE_DIR = '.linkforge/offline-state';

/** JSON as Terraform reads it: no undefined values. */
type Json = string | number | boolean | readonly Json[] | { readonly [key: string]: Json };

/**
 * The backend a stack uses: the platform's, or, offline, a local one under `offlineStateDir`
 * whatever the settings say (an offline plan never reads or locks real state).
 */
export function stackBackendSettings(
  backend: BackendSettings,
  offline: { readonly offline?: boolean; readonly offlineStateDir?: string },
): BackendSettings {
  return offline.offline
    ? { type: 'local', directory: offline.offlineStateDir ?? DEFAULT_OFFLINE_STATE_DIR }
    : backend;
}

/** `terraform.backend` of customer `id`'s stack: `{ local: {...} }` or `{ s3: {...} }`. */
export function backendBlock(id: string, settings: BackendSettings, opts: BackendOptions): Json {
  if (settings.type === 'local') return { local: { path: localStatePath(settings.directory, id, opts) } };
  return { s3: s3Block(id, settings) };
}

/** The stack's whole `terraform` block: the backend and the exactly pinned hashicorp/aws. */
export function stackTerraformBlock(
  id: string,
  settings: BackendSettings,
  opts: BackendOptions & { readonly awsProviderVersion: string },
): Json {
  return {
    backend: backendBlock(id, settings, opts),
    required_providers: { aws: { source: 'hashicorp/aws', version: opts.awsProviderVersion } },
  };
}

/**
 * A Terraform configuration holding nothing but customer `id`'s backend block, for a throw-away
 * working directory `dir` that reads that customer's state (`terraform state pull`, `terraform
 * output -json`) with exactly the backend the real stack uses, without synthesizing the stack or
 * installing a provider.
 */
export function backendOnlyConfig(
  id: string,
  settings: PlatformSettings,
  dir: string,
  projectDir: string,
): Json {
  return { terraform: { backend: backendBlock(id, settings.backend, { stackDir: dir, projectDir }) } };
}

function s3Block(id: string, s: S3BackendSettings): Json {
  const custom = s.endpoints !== undefined;
  return withoutUndefined({
    bucket: s.bucket,
    // Encrypted at rest, always: state holds every attribute of every resource.
    encrypt: true,
    key: s3StateKey(s.keyPrefix, id),
    region: s.region,
    dynamodb_table: s.dynamodbTable,
    kms_key_id: s.kmsKeyId,
    ...(custom
      ? {
          endpoints: withoutUndefined({ dynamodb: s.endpoints?.dynamodb, s3: s.endpoints?.s3 }),
          // The same switches as backend-block.ts, for the same reason (S3-compatible stores and
          // local test servers have no STS, IMDS, region list or flexible checksums).
          skip_credentials_validation: true,
          skip_metadata_api_check: true,
          skip_region_validation: true,
          skip_requesting_account_id: true,
          skip_s3_checksum: true,
          use_path_style: true,
        }
      : {}),
    ...(s.useLockfile ? { use_lockfile: true } : {}),
  });
}

function withoutUndefined(o: Record<string, Json | undefined>): { [key: string]: Json } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [key: string]: Json };
}
