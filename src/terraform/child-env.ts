/**
 * The environment of every terraform child: the CLI configuration's variables on top of the
 * inherited environment, and for an offline plan no credential of any kind.
 */
import * as path from 'path';
import type { TerraformCliSetup } from './cli-config';

/**
 * Credentials-related variables a child must not inherit in offline mode: a pull request from a
 * fork is planned offline precisely so that no real credential is ever within its reach.
 */
const AWS_CREDENTIAL_VARIABLES = [
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_ROLE_ARN',
  'AWS_ROLE_SESSION_NAME',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
];

/** The environment of every terraform child. */
export function childEnvironment(
  base: NodeJS.ProcessEnv,
  cli: TerraformCliSetup,
  offline: boolean,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, ...cli.env };
  if (offline) {
    for (const name of AWS_CREDENTIAL_VARIABLES) delete env[name];
    Object.assign(env, {
      // Placeholders, never written to any file: the provider insists on some credentials even when
      // told to skip every check, and these can authenticate nothing.
      AWS_ACCESS_KEY_ID: 'offline-placeholder',
      AWS_SECRET_ACCESS_KEY: 'offline-placeholder',
      // No instance-metadata lookups (a 1-2 s timeout each outside EC2, a real identity inside it),
      // and no shared config/credentials files that could name a real profile.
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONFIG_FILE: path.join(path.dirname(cli.configFile), 'offline-aws-config-none'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(path.dirname(cli.configFile), 'offline-aws-credentials-none'),
    });
  }
  return env;
}

/**
 * Terraform's working data (`.terraform/`: the initialised backend and provider links) of an
 * offline plan, outside the stack directory. The stack directory is also cdktf's own working
 * directory: an offline init there would record the throw-away local backend, and the next
 * `cdktf deploy|diff|output` (which runs a plain `terraform init`) would stop at "Backend
 * configuration changed".
 */
export function offlineDataDir(projectDir: string, id: string): string {
  return path.join(projectDir, '.linkforge', 'offline-tfdata', id);
}
