/**
 * State backend factory: the backend block of one customer's stack (local or S3), at the location
 * backend.ts derives from the customer id. terraform-block.ts writes the same block as plain JSON
 * for the readers that must not wait for cdktf (a test keeps the two equal).
 */
import { LocalBackend, S3Backend, type TerraformStack, type TerraformBackend } from 'cdktf';
import type { BackendSettings, S3BackendSettings } from '../config/settings';
import { localStatePath, s3StateKey, type BackendOptions } from './backend';

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
