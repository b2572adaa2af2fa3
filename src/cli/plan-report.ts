/**
 * The end of a plan run, shared by `linkforge plan` and `linkforge summarize` (so a merged run
 * reports exactly as one run): `summary.md` and `plan-results.json` written atomically, the totals
 * line, the exit status. Kept apart from plan.ts so that summarize does not load the validator and
 * cdktf (a second of start-up) to merge results.
 */
import * as path from 'path';
import { ArtifactWriteError, writeFileAtomic } from '../fsutil/atomic-write';
import { renderSummary } from '../pr/summary';
import type { ShardSpec } from '../shards/shard';
import { countChanges, hasChanges } from '../terraform/plan-counts';
import { exitStatusFor, type InterruptTrap } from '../terraform/interrupt';
import type { StackRunResult } from '../terraform/runner';
import type { Output } from './output';
import { paint } from './style';

/** What a shard's plan-results.json records, so that `summarize` can tell a missing shard's stacks. */
export interface ShardInfo extends ShardSpec {
  /** The ids of every shard (removed customers in shard 1), as this runner computed the split. */
  readonly assignment: readonly (readonly string[])[];
}

export interface FinishContext {
  readonly summaryFile: string;
  readonly absOutdir: string;
  readonly projectDir: string;
  readonly detailedExitcode?: boolean;
  /** What stdout carries: the totals line, or the results JSON. @default 'text' */
  readonly format?: 'text' | 'json';
  readonly out: Output;
  /** The run's interrupt trap: when it caught a signal, the exit status is 130 / 143. @default none */
  readonly trap?: InterruptTrap;
  /** Set for `plan --shard`: recorded in plan-results.json. */
  readonly shard?: ShardInfo;
  /** Lines printed before the summary (summarize: missing shards). @default none */
  readonly preamble?: string;
}

/**
 * Terraform's ways of saying that no AWS credentials were found (the provider's, and the S3
 * backend's): the console adds what to do about it.
 */
const NO_CREDENTIALS =
  /No valid credential sources found|failed to refresh cached credentials|NoCredentialProviders|no EC2 IMDS role found/i;

export const CREDENTIALS_HINT =
  'hint: terraform found no AWS credentials. Plan without an AWS account with --offline ' +
  '(npm run plan -- --offline), or give credentials for the vendor account: set AWS_PROFILE ' +
  '(after aws sso login) or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY.\n';

/**
 * Write the summary and the machine-readable results, print the totals, and decide the exit status.
 * `linkforge summarize` ends with this same function, so a merged run reports exactly as one run.
 */
export function finish(results: readonly StackRunResult[], ctx: FinishContext): number {
  // Each artifact is written on its own (temporary file + rename): one that cannot be written (a
  // full disk) is reported with its path and cause, and never stops the other from being tried.
  const json = resultsJson(results, ctx.shard);
  const unwritten: string[] = [];
  for (const [file, render] of [
    [ctx.summaryFile, () => (ctx.preamble ?? '') + renderSummary(results)],
    [path.join(ctx.absOutdir, 'plan-results.json'), () => json],
  ] as const) {
    try {
      writeFileAtomic(file, render());
    } catch (e) {
      if (!(e instanceof ArtifactWriteError)) throw e;
      unwritten.push(file);
      ctx.out.stderr(`linkforge plan: ${e.message}\n`);
    }
  }

  // Stacks that were synthesized and planned, apart from removed customer files (only checked):
  // "planned N/M" counts the same stacks as "planning M stack(s)" before it.
  // (A removed file's check is never 'failed'; a failed row without a type is a stack that a
  // missing shard should have planned, see summarize.)
  const isRemoved = (r: StackRunResult) => r.connectivityType === undefined && r.status !== 'failed';
  const stacks = results.filter((r) => !isRemoved(r));
  const removed = results.filter(isRemoved);
  const failed = stacks.filter((r) => r.status === 'failed');
  const total = stacks.reduce(
    (acc, r) => {
      const c = r.counts ?? countChanges(r.plan);
      return { add: acc.add + c.add, change: acc.change + c.change, destroy: acc.destroy + c.destroy };
    },
    { add: 0, change: 0, destroy: 0 },
  );
  const rel = path.relative(ctx.projectDir, ctx.summaryFile).split(path.sep).join('/');
  const planned = stacks.filter((r) => r.status === 'planned').length;
  // The summary's words: "failed", "refused", "removed (no resources left)".
  const refused = removed.filter((r) => r.status === 'refused');
  const gone = removed.filter((r) => r.status !== 'refused');
  const removedText = [
    ...(refused.length > 0 ? [`${refused.length} refused (${refused.map((r) => r.id).join(', ')})`] : []),
    ...(gone.length > 0
      ? [`${gone.length} removed, no resources left (${gone.map((r) => r.id).join(', ')})`]
      : []),
  ];
  const line =
    `planned ${planned}/${stacks.length} stack(s)` +
    (failed.length > 0 ? `, ${failed.length} failed (${failed.map((r) => r.id).join(', ')})` : '') +
    `: ${total.add} to add, ${total.change} to change, ${total.destroy} to destroy` +
    (removedText.length > 0 ? `; deleted customer files: ${removedText.join(', ')}` : '') +
    `; summary: ${unwritten.includes(ctx.summaryFile) ? 'NOT written (see above)' : rel}`;
  const bad = failed.length + refused.length > 0 || stacks.some((r) => r.status === 'interrupted');
  if (ctx.format === 'json') {
    // stdout is exactly the JSON (pipe it to jq); the human line goes to stderr.
    ctx.out.stdout(json);
    ctx.out.stderr(`${paint(bad ? 'red' : 'green', line, ctx.out.stderrColour)}\n`);
  } else {
    ctx.out.stdout(`${paint(bad ? 'red' : 'green', line, ctx.out.stdoutColour)}\n`);
  }
  if (results.some((r) => r.status !== 'planned' && NO_CREDENTIALS.test(r.error ?? ''))) {
    ctx.out.stderr(CREDENTIALS_HINT);
  }
  const signal = ctx.trap?.signal();
  if (signal) {
    // One line: what was left undone, and whether locks may remain.
    const stopped = results.filter((r) => r.status === 'interrupted');
    const killed = ctx.trap?.killed() ?? 0;
    ctx.out.stderr(
      `linkforge plan: interrupted by ${signal}: ${stopped.length} of ${stacks.length} stack(s) not planned` +
        (stopped.length > 0 ? ` (${stopped.map((r) => r.id).join(', ')})` : '') +
        (killed > 0
          ? `; ${killed} terraform process(es) did not stop in time and were killed: their state locks may remain (the next plan names the force-unlock command)`
          : '; every terraform process stopped and released its state lock') +
        '; plan them again with a new run\n',
    );
    return exitStatusFor(signal);
  }
  if (results.some((r) => r.status !== 'planned') || unwritten.length > 0) return 1;
  if (ctx.detailedExitcode && results.some((r) => hasChanges(r.counts ?? countChanges(r.plan)))) return 2;
  return 0;
}

/** Per stack: status, counts, files, error, timings (no plan bodies: those are in plan.json). */
export function resultsJson(results: readonly StackRunResult[], shard?: ShardInfo): string {
  const rows = [...results]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((r) => ({
      id: r.id,
      connectivityType: r.connectivityType ?? null,
      decommission: r.decommission,
      status: r.status,
      counts: r.counts ?? null,
      planFile: r.planFile ?? null,
      planJsonFile: r.planJsonFile ?? null,
      error: r.error ?? null,
      offline: r.offline ?? false,
      durationMs: r.durationMs,
      timings: r.timings,
    }));
  return JSON.stringify(shard ? { shard, stacks: rows } : { stacks: rows }, null, 2) + '\n';
}
