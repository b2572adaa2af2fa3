/**
 * Running one read-only Terraform command (`state pull`, `output -json`) against a customer's
 * state, wherever the settings keep it: in a throw-away directory holding only that customer's
 * backend block (backendOnlyConfig), after `terraform init`. Terraform reads the state with exactly
 * the credentials, endpoints, encryption and key the real stack uses; no provider is installed and
 * no stack is synthesized. Failures are values, never exceptions.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { PlatformSettings } from '../config/settings';
import { prepareTerraformCli } from '../terraform/cli-config';
import { execTerraform } from '../terraform/exec';
import { summarizeError } from '../terraform/errors';
import { backendOnlyConfig } from './terraform-block';

export interface StateCommandOptions {
  /** Project root (local state directories are relative to it). */
  readonly projectDir: string;
  /** Environment for terraform (credentials for an S3 backend). @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Terraform binary. @default LINKFORGE_TERRAFORM or 'terraform' */
  readonly binary?: string;
  /** Kill a terraform command after this long. @default 300000 */
  readonly timeoutMs?: number;
  /** Stop the command (not `init`) once it prints more than this. @default - no limit */
  readonly maxOutputBytes?: number;
}

export type StateCommandResult =
  { readonly ok: true; readonly stdout: string } | { readonly ok: false; readonly why: string };

/** `terraform init`, then `terraform <args>`, against customer `id`'s state backend. */
export async function runAgainstState(
  id: string,
  settings: PlatformSettings,
  args: readonly string[],
  opts: StateCommandOptions,
): Promise<StateCommandResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `linkforge-state-${id}-`));
  try {
    fs.writeFileSync(
      path.join(dir, 'main.tf.json'),
      JSON.stringify(backendOnlyConfig(id, settings, dir, opts.projectDir)),
    );
    const cli = prepareTerraformCli({ projectDir: opts.projectDir });
    const env = { ...(opts.env ?? process.env), ...cli.env };
    const run = (a: readonly string[], maxOutputBytes?: number) =>
      execTerraform(a, {
        cwd: dir,
        env,
        binary: opts.binary,
        timeoutMs: opts.timeoutMs ?? 300_000,
        maxOutputBytes,
      });
    const init = await run(['init', '-input=false', '-no-color', '-reconfigure']);
    // A `failure` (output cap, timeout) can come with exit code 0 when Terraform finished writing
    // before the signal reached it: the output is then cut short and must not be used.
    if (init.code !== 0 || init.failure)
      return { ok: false, why: `terraform init failed: ${summarizeError(init)}` };
    const r = await run(args, opts.maxOutputBytes);
    if (r.code !== 0 || r.failure)
      return { ok: false, why: `terraform ${args.slice(0, 2).join(' ')} failed: ${summarizeError(r)}` };
    return { ok: true, stdout: r.stdout };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `terraform state pull` of any customer's state under `settings` (src/pr/removed.ts's reader). */
export function statePuller(
  settings: PlatformSettings,
  opts: StateCommandOptions,
): (id: string) => Promise<StateCommandResult> {
  return (id) => runAgainstState(id, settings, ['state', 'pull'], opts);
}
