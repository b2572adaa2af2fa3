/**
 * The removed-customer check: a customer file deleted while its stack still has resources would
 * orphan them (nothing would ever plan, let alone destroy, that stack again), so the deletion is
 * refused until the customer has been decommissioned. Once the state holds no resources, the
 * deletion is allowed and reported as such.
 *
 * Where the state is read:
 * - local backend: the state file `<directory>/<id>/terraform.tfstate`, parsed directly;
 * - s3 backend: through Terraform itself, in a throw-away working directory holding only the
 *   customer's backend block (built by the same factory as the stacks): `terraform init` +
 *   `terraform state pull`. Terraform reads the object with exactly the credentials, endpoints,
 *   encryption and key the real stack would use, with no AWS SDK to add and no second
 *   implementation of the S3 key layout to drift from the first. That reader builds the block with
 *   cdktf, so the caller passes it in (`pullState`, src/stacks/state-command.ts): the review
 *   layer never loads the construct library.
 * Both locations come from their one owner, src/stacks/backend.ts.
 */
import * as path from 'path';
import { ID_PATTERN } from '../config/schema';
import type { PlatformSettings } from '../config/settings';
import { readToolOutput, UnreadableOutput } from '../fsutil/read-capped';
import type { StackPlanResult } from '../plan/types';
import { localStateFile, stateWhere } from '../stacks/backend';

/**
 * Largest local state file read: a customer stack's state is tens of kilobytes; anything near
 * this is not a state linkforge's stacks wrote, and reading it whole could exhaust memory.
 */
export const MAX_STATE_BYTES = 64 * 1024 * 1024;

/** `terraform state pull` of one customer's remote state; failures are values. */
export type StatePuller = (
  id: string,
) => Promise<{ readonly ok: true; readonly stdout: string } | { readonly ok: false; readonly why: string }>;

const CUSTOMER_ID = new RegExp(ID_PATTERN);

export interface RemovedCheckOptions {
  /** Project root (local state directories are relative to it). @default process.cwd() */
  readonly projectDir?: string;
  /** Directory of the customer files, for messages. @default 'customers' */
  readonly customersDir?: string;
  /**
   * No credentials are available (`plan --offline`, pull requests from forks): remote state cannot
   * be read, and local state may not be the deployed one, so a removal is refused until a run with
   * credentials has checked it.
   */
  readonly offline?: boolean;
  /**
   * Reads a customer's remote (S3) state. Without it, a removal under the S3 backend cannot be
   * checked and is refused. @default - none
   */
  readonly pullState?: StatePuller;
}

/** What the state of one stack holds. */
export type StateFinding =
  | { readonly kind: 'resources'; readonly count: number; readonly where: string }
  | { readonly kind: 'empty'; readonly where: string }
  | { readonly kind: 'unknown'; readonly where: string; readonly why: string };

/** One result per removed id (sorted): 'refused' while its state has resources, else 'planned'. */
export async function checkRemoved(
  ids: readonly string[],
  settings: PlatformSettings,
  opts: RemovedCheckOptions = {},
): Promise<StackPlanResult[]> {
  const results: StackPlanResult[] = [];
  for (const id of [...new Set(ids)].sort()) {
    const started = Date.now();
    const finding = await inspectState(id, settings, opts);
    const file = `${(opts.customersDir ?? 'customers').replace(/\/+$/, '')}/${id}.yaml`;
    const base = {
      id,
      decommission: false,
      durationMs: Date.now() - started,
      ...(opts.offline ? { offline: true } : {}),
    };
    if (finding.kind === 'empty') {
      results.push({ ...base, status: 'planned' });
    } else {
      results.push({ ...base, status: 'refused', error: refusal(id, file, finding) });
    }
  }
  return results;
}

function refusal(id: string, file: string, f: Exclude<StateFinding, { kind: 'empty' }>): string {
  const steps =
    `restore ${file}, set \`decommission: true\` in it, merge and deploy (that destroys the stack), ` +
    'and only then delete the file.';
  if (f.kind === 'resources') {
    const n = `${f.count} resource${f.count === 1 ? '' : 's'}`;
    return `${file} was deleted, but stack '${id}' still has ${n} in its state (${f.where}): deleting the file would orphan them. To remove this customer, ${steps}`;
  }
  return `${file} was deleted, and whether stack '${id}' still has resources could not be checked (${f.where}: ${f.why}). A customer file may only be deleted once its stack is destroyed: if it still exists, ${steps}`;
}

/** Whether the state of stack `id` holds resources. */
export async function inspectState(
  id: string,
  settings: PlatformSettings,
  opts: RemovedCheckOptions = {},
): Promise<StateFinding> {
  // The id becomes a path and a state key: never anything but a customer id (no `..`, no `/`).
  if (!CUSTOMER_ID.test(id)) throw new Error(`'${id}' is not a customer id; it names no stack`);
  const projectDir = path.resolve(opts.projectDir ?? process.cwd());
  const backend = settings.backend;
  const where = stateWhere(id, backend, projectDir);
  if (backend.type === 'local') {
    const file = localStateFile(projectDir, backend.directory, id);
    // Offline, a missing local state file proves nothing: on a CI runner (or any other clone) the
    // git-ignored state directory is simply absent, and "no state" would wave a deployed
    // customer's deletion through. Only a state that is there and holds resources is conclusive.
    const read = readLocalState(file, where);
    if (opts.offline) {
      if (read.kind === 'resources') return read;
      return {
        kind: 'unknown',
        where,
        why: 'an offline plan cannot tell whether the stack still has resources (the state it sees may not be the deployed one)',
      };
    }
    return read;
  }
  if (opts.offline) return { kind: 'unknown', where, why: 'remote state cannot be read offline' };
  if (!opts.pullState) return { kind: 'unknown', where, why: 'no reader for remote state was given' };
  const pull = await opts.pullState(id);
  return pull.ok ? fromStateText(pull.stdout, where) : { kind: 'unknown', where, why: pull.why };
}

/** A local state file: missing is empty; a special, linked or oversized file is unknown, with why. */
function readLocalState(file: string, where: string): StateFinding {
  let text: string;
  try {
    text = readToolOutput(file, MAX_STATE_BYTES);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'empty', where };
    if (e instanceof UnreadableOutput)
      return {
        kind: 'unknown',
        where,
        why: e.message.split(file).join(where),
      };
    return { kind: 'unknown', where, why: (e as Error).message };
  }
  return fromStateText(text, where);
}

/** Counts managed resource instances: data sources leave nothing behind to destroy. */
export function countStateResources(state: unknown): number | undefined {
  if (!state || typeof state !== 'object' || !Array.isArray((state as { resources?: unknown }).resources)) {
    return undefined;
  }
  let n = 0;
  for (const r of (state as { resources: { mode?: string; instances?: unknown[] }[] }).resources) {
    if (r && r.mode === 'managed') n += Array.isArray(r.instances) ? r.instances.length : 0;
  }
  return n;
}

function fromStateText(text: string, where: string): StateFinding {
  // `terraform state pull` prints nothing when there is no state; a destroyed stack's state file
  // stays behind with an empty resource list.
  if (text.trim() === '') return { kind: 'empty', where };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { kind: 'unknown', where, why: 'the state is not valid JSON' };
  }
  const count = countStateResources(parsed);
  if (count === undefined) return { kind: 'unknown', where, why: 'the state has no resource list' };
  return count > 0 ? { kind: 'resources', count, where } : { kind: 'empty', where };
}
