/**
 * A customer stack's outputs, read through Terraform from the stack's own backend (local or S3),
 * so a handoff document describes what is deployed, not what a file says should be.
 *
 * Terraform runs in a throw-away directory holding only the customer's backend block (built by
 * the same factory as the stacks): `terraform init` needs no provider for that, and
 * `terraform output -json` reads the outputs recorded in the state whatever the configuration
 * declares. The stack's own `cdktf.out/stacks/<id>` (and a plan in it) is never touched.
 */
import * as path from 'path';
import type { PlatformSettings } from '../config/settings';
import { stateWhere } from '../stacks/backend';
import { runAgainstState } from '../stacks/state-command';

/** Output name → value. Sensitive outputs are never in here (see {@link parseOutputsJson}). */
export type StackOutputs = Readonly<Record<string, unknown>>;

/** What reading a stack's outputs found. */
export type OutputsReading =
  | { readonly kind: 'outputs'; readonly outputs: StackOutputs; readonly where: string }
  /** No state, or a state without outputs: the stack has not been deployed (or was destroyed). */
  | { readonly kind: 'not-deployed'; readonly where: string }
  | { readonly kind: 'error'; readonly where: string; readonly why: string };

/**
 * Parses `terraform output -json`. Outputs marked sensitive are dropped: nothing this module
 * returns may carry a secret into a document.
 */
export function parseOutputsJson(text: string): StackOutputs {
  if (text.trim() === '') return {};
  const parsed = JSON.parse(text) as unknown;
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error('terraform output -json did not print an object');
  }
  const outputs: Record<string, unknown> = {};
  for (const [name, entry] of Object.entries(parsed as Record<string, unknown>)) {
    if (!entry || typeof entry !== 'object') continue;
    const { sensitive, value } = entry as { sensitive?: unknown; value?: unknown };
    if (sensitive === true || value === null || value === undefined) continue;
    outputs[name] = value;
  }
  return outputs;
}

export interface ReadOutputsOptions {
  /** Project root (local state directories are relative to it). @default process.cwd() */
  readonly projectDir?: string;
  /** Environment for terraform (credentials for an S3 backend). @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Terraform binary. @default LINKFORGE_TERRAFORM or 'terraform' */
  readonly binary?: string;
  /** Kill a terraform command after this long. @default 300000 */
  readonly timeoutMs?: number;
}

/**
 * Most bytes `terraform output -json` may print. A stack's outputs are a few KB; a state crafted
 * (or corrupted) to hold more is an error, not a reason to hold it all in memory.
 */
export const MAX_OUTPUTS_BYTES = 1024 * 1024;

/** Reads customer `id`'s stack outputs through Terraform. Failures are values, never exceptions. */
export async function readStackOutputs(
  id: string,
  settings: PlatformSettings,
  opts: ReadOutputsOptions = {},
): Promise<OutputsReading> {
  const projectDir = path.resolve(opts.projectDir ?? process.cwd());
  const where = stateWhere(id, settings.backend, projectDir);
  const out = await runAgainstState(id, settings, ['output', '-json', '-no-color'], {
    ...opts,
    projectDir,
    maxOutputBytes: MAX_OUTPUTS_BYTES,
  });
  if (!out.ok) return { kind: 'error', where, why: out.why };
  let outputs: StackOutputs;
  try {
    outputs = parseOutputsJson(out.stdout);
  } catch (e) {
    return { kind: 'error', where, why: (e as Error).message };
  }
  return Object.keys(outputs).length === 0
    ? { kind: 'not-deployed', where }
    : { kind: 'outputs', outputs, where };
}
