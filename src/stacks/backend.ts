/**
 * Where one customer's Terraform state lives: the one owner of the state location, read by the
 * stacks' backend blocks (backend-block.ts), the removed-customer check (src/pr/removed.ts) and the
 * handoff. The location is derived from the customer id alone, so no customer's stack can point at
 * another customer's state, and a rename of anything else (file, name, orgId) never moves state.
 *
 * No cdktf here: the readers of a state location need not load the construct library.
 */
import * as path from 'path';
import type { BackendSettings } from '../config/settings';

/** File name of every customer's state. */
const STATE_FILE = 'terraform.tfstate';

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

/** Absolute path of a customer's local state: `<projectDir>/<directory>/<id>/terraform.tfstate`. */
export function localStateFile(projectDir: string, directory: string, id: string): string {
  return path.resolve(projectDir, directory, id, STATE_FILE);
}

/**
 * Path of a customer's local state as written into the stack: relative to the stack's working
 * directory, pointing at `<projectDir>/<directory>/<id>/terraform.tfstate`.
 */
export function localStatePath(directory: string, id: string, opts: BackendOptions): string {
  const projectDir = path.resolve(opts.projectDir ?? process.cwd());
  const target = localStateFile(projectDir, directory, id);
  // Forward slashes: the JSON must be identical on every OS, and Terraform accepts them everywhere.
  return path.relative(path.resolve(projectDir, opts.stackDir), target).split(path.sep).join('/');
}

/**
 * Where customer `id`'s state lives, for messages: `s3://<bucket>/<key>`, or the local state file
 * relative to the project (forward slashes).
 */
export function stateWhere(id: string, backend: BackendSettings, projectDir: string): string {
  if (backend.type === 's3') return `s3://${backend.bucket}/${s3StateKey(backend.keyPrefix, id)}`;
  const file = localStateFile(projectDir, backend.directory, id);
  return path.relative(projectDir, file).split(path.sep).join('/');
}
