/**
 * The end of a plan run, shared by `linkforge plan` and `linkforge summarize` (so that a merged run
 * reports exactly as one run): `summary.md` and `plan-results.json` written atomically, the totals
 * line, what else the operator must be told, and the exit status. Printing is the command's
 * (src/cli/plan-report.ts). Kept apart from the pipeline so that summarize loads neither the
 * validator nor cdktf to merge results.
 */
import * as path from 'path';
import { ArtifactWriteError, writeFileAtomic } from '../fsutil/atomic-write';
import { renderSummary } from '../pr/summary';
import type { ShardSpec } from '../shards/shard';
import { exitStatusFor, type InterruptTrap } from '../terraform/interrupt';
import { countChanges, hasChanges } from './counts';
import type { StackRunResult } from './types';

/** What a shard's plan-results.json records, so that `summarize` can tell a missing shard's stacks. */
export interface ShardInfo extends ShardSpec {
  /** The ids of every shard (removed customers in shard 1), as this runner computed the split. */
  readonly assignment: readonly (readonly string[])[];
}

export interface ReportContext {
  readonly summaryFile: string;
  readonly absOutdir: string;
  readonly projectDir: string;
  readonly detailedExitcode?: boolean;
  /** The run's interrupt trap: when it caught a signal, the exit status is 130 / 143. @default none */
  readonly trap?: InterruptTrap;
  /** Set for `plan --shard`: recorded in plan-results.json. */
  readonly shard?: ShardInfo;
  /** Markdown put before the summary (summarize: missing shards). @default none */
  readonly preamble?: string;
}

export interface PlanReport {
  readonly results: readonly StackRunResult[];
  /** summary.md as written (or as it would have been, when it could not be). */
  readonly summary: string;
  /** plan-results.json as written. */
  readonly resultsJson: string;
  /** `planned 3/3 stack(s): 18 to add, …; summary: cdktf.out/summary.md` */
  readonly totals: string;
  /** Something failed, was refused or interrupted: the totals are shown as bad news. */
  readonly bad: boolean;
  /** Lines for stderr before the totals: artifacts that could not be written. */
  readonly problems: readonly string[];
  /** Lines for stderr after the totals: hints, and what an interrupt left undone. */
  readonly notes: readonly string[];
  readonly exitCode: number;
}

/**
 * Terraform's ways of saying that no AWS credentials were found (the provider's, and the S3
 * backend's): the console adds what to do about it.
 */
const NO_CREDENTIALS =
  /No valid credential sources found|failed to refresh cached credentials|NoCredentialProviders|no EC2 IMDS role found/i;

const CREDENTIALS_HINT =
  'hint: terraform found no AWS credentials. Plan without an AWS account with --offline ' +
  '(npm run plan -- --offline), or give credentials for the vendor account: set AWS_PROFILE ' +
  '(after aws sso login) or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY.\n';

/** Write the summary and the machine-readable results; say what to print and how the run ends. */
export function reportRun(results: readonly StackRunResult[], ctx: ReportContext): PlanReport {
  // Each artifact is written on its own (temporary file + rename): one that cannot be written (a
  // full disk) is reported with its path and cause, and never stops the other from being tried.
  const summary = (ctx.preamble ?? '') + renderSummary(results);
  const json = resultsJson(results, ctx.shard);
  const unwritten: string[] = [];
  const problems: string[] = [];
  for (const [file, text] of [
    [ctx.summaryFile, summary],
    [path.join(ctx.absOutdir, 'plan-results.json'), json],
  ] as const) {
    try {
      writeFileAtomic(file, text);
    } catch (e) {
      if (!(e instanceof ArtifactWriteError)) throw e;
      unwritten.push(file);
      problems.push(`linkforge plan: ${e.message}\n`);
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
  const totals =
    `planned ${planned}/${stacks.length} stack(s)` +
    (failed.length > 0 ? `, ${failed.length} failed (${failed.map((r) => r.id).join(', ')})` : '') +
    `: ${total.add} to add, ${total.change} to change, ${total.destroy} to destroy` +
    (removedText.length > 0 ? `; deleted customer files: ${removedText.join(', ')}` : '') +
    `; summary: ${unwritten.includes(ctx.summaryFile) ? 'NOT written (see above)' : rel}`;
  const bad = failed.length + refused.length > 0 || stacks.some((r) => r.status === 'interrupted');

  const notes: string[] = [];
  if (results.some((r) => r.status !== 'planned' && NO_CREDENTIALS.test(r.error ?? ''))) {
    notes.push(CREDENTIALS_HINT);
  }
  let exitCode: number;
  const signal = ctx.trap?.signal();
  if (signal) {
    // One line: what was left undone, and whether locks may remain.
    const stopped = results.filter((r) => r.status === 'interrupted');
    const killed = ctx.trap?.killed() ?? 0;
    notes.push(
      `linkforge plan: interrupted by ${signal}: ${stopped.length} of ${stacks.length} stack(s) not planned` +
        (stopped.length > 0 ? ` (${stopped.map((r) => r.id).join(', ')})` : '') +
        (killed > 0
          ? `; ${killed} terraform process(es) did not stop in time and were killed: their state locks may remain (the next plan names the force-unlock command)`
          : '; every terraform process stopped and released its state lock') +
        '; plan them again with a new run\n',
    );
    exitCode = exitStatusFor(signal);
  } else if (results.some((r) => r.status !== 'planned') || unwritten.length > 0) {
    exitCode = 1;
  } else if (ctx.detailedExitcode && results.some((r) => hasChanges(r.counts ?? countChanges(r.plan)))) {
    exitCode = 2;
  } else {
    exitCode = 0;
  }
  return { results, summary, resultsJson: json, totals, bad, problems, notes, exitCode };
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
      // Only when set: the summary of a merged run must flag the same new peering requests.
      ...(r.peeringAccepted ? { peeringAccepted: true } : {}),
      durationMs: r.durationMs,
      timings: r.timings,
    }));
  return JSON.stringify(shard ? { shard, stacks: rows } : { stacks: rows }, null, 2) + '\n';
}
