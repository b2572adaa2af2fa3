/**
 * State locks from the user's side: Terraform's "Error acquiring the state lock" block read into
 * who holds the lock since when, and one message saying which customer, who, since when, and the
 * exact command that releases it, with the warning to check first that no run is alive.
 *
 * Terraform prints the holder as a `Lock Info:` block (statemgr.LockInfo):
 *
 *     Lock Info:
 *       ID:        5b3c…
 *       Path:      bucket/prefix/acme/terraform.tfstate
 *       Operation: OperationTypePlan
 *       Who:       runner@ci-42
 *       Version:   1.11.4
 *       Created:   2026-11-30 15:00:00.123456 +0000 UTC
 */
import * as fs from 'fs';
import * as path from 'path';

export interface StateLockInfo {
  readonly id: string;
  readonly path?: string;
  readonly operation?: string;
  readonly who?: string;
  readonly version?: string;
  readonly created?: string;
}

/** Terraform's output says a lock could not be acquired. */
export function isLockError(text: string): boolean {
  return /Error acquiring the state lock/.test(text);
}

/** The `Lock Info:` block of Terraform's output, or undefined when there is none. */
export function parseLockInfo(text: string): StateLockInfo | undefined {
  const block = /Lock Info:\s*\n([\s\S]*?)(?:\n\s*\n|$)/.exec(text.replace(/\r/g, ''))?.[1];
  if (!block) return undefined;
  const fields: Record<string, string> = {};
  for (const raw of block.split('\n')) {
    const m = /^[\s│]*([A-Za-z]+):\s*(.*?)\s*$/.exec(raw);
    if (m && m[2]) fields[m[1].toLowerCase()] = m[2];
  }
  if (!fields.id) return undefined;
  return {
    id: fields.id,
    path: fields.path,
    operation: fields.operation?.replace(/^OperationType/, '').toLowerCase(),
    who: fields.who,
    version: fields.version,
    created: fields.created?.replace(/(\d{2}:\d{2}:\d{2})\.\d+/, '$1'),
  };
}

export interface LockMessageOptions {
  /** The customer (stack) id. */
  readonly id: string;
  /** The stack's directory, as the user should type it (relative to where they run linkforge). */
  readonly stackDir: string;
  /** How long terraform waited for the lock, seconds. */
  readonly waitedSeconds: number;
  /** Where the state is (s3://bucket/key or a file), when Terraform did not say. */
  readonly state?: string;
}

/** One paragraph: which customer, who holds the lock since when, and how to release it safely. */
export function lockErrorMessage(info: StateLockInfo | undefined, opts: LockMessageOptions): string {
  const where = info?.path ?? opts.state;
  const holder = info
    ? `by ${info.who ?? 'an unknown holder'}${info.created ? ` since ${info.created}` : ''}` +
      ` (${[
        info.operation && `terraform ${info.operation}`,
        info.version && `Terraform ${info.version}`,
        `lock ID ${info.id}`,
      ]
        .filter(Boolean)
        .join(', ')})`
    : '(Terraform did not say by whom)';
  const unlock = info
    ? `terraform -chdir=${opts.stackDir} force-unlock -force ${info.id}`
    : `terraform -chdir=${opts.stackDir} force-unlock -force <lock ID from terraform.log>`;
  return (
    `the state of customer ${opts.id}${where ? ` (${where})` : ''} is locked ${holder}; ` +
    `waited ${opts.waitedSeconds}s (platform setting lockTimeoutSeconds). ` +
    `If that run is still going, wait for it and plan again. Only if no run of ${opts.id} is alive ` +
    `(check CI jobs and colleagues first: unlocking under a live run can corrupt its state), release the lock with: ${unlock}`
  );
}

/**
 * Where a synthesized stack keeps its state, from its backend block: `s3://bucket/key` or the local
 * state file. Undefined when the stack cannot be read.
 */
export function stateLocation(stackDir: string): string | undefined {
  try {
    const json = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')) as {
      terraform?: { backend?: Record<string, Record<string, unknown>> };
    };
    const backend = json.terraform?.backend ?? {};
    const s3 = backend.s3;
    if (s3 && typeof s3.bucket === 'string' && typeof s3.key === 'string')
      return `s3://${s3.bucket}/${s3.key}`;
    const local = backend.local;
    if (local && typeof local.path === 'string') return path.resolve(stackDir, local.path);
    return undefined;
  } catch {
    return undefined;
  }
}
