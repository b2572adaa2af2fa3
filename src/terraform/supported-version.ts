/**
 * The oldest Terraform linkforge supports: 1.10 brings S3-native state locking (`use_lockfile`),
 * which the S3 backend setting `useLockfile` relies on. This constant is the one source of that
 * number: messages derive from it, and a test keeps the README's statement equal to it.
 */
export const MIN_TERRAFORM_VERSION = '1.10.0';

/** `1.10`, as messages and the README write it. */
export function minTerraformVersionText(): string {
  return MIN_TERRAFORM_VERSION.replace(/\.0$/, '');
}
