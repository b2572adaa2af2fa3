/**
 * Merging the results of `plan --shard K/N` runs into what one run over every stack would have
 * produced (`linkforge summarize DIR…`).
 *
 * Each DIR is one shard's output directory: `plan-results.json` (with the `shard` record) and
 * `plans/<id>/plan.json` (+ `plan.tfplan`, `terraform.log` when the artifact kept them). The merge
 * rebuilds every stack's result from them, the plan through the same reviewSubset() the runner
 * keeps in memory, so that the summary rendered from the merged results is byte-identical to a
 * single run's.
 *
 * Nothing is dropped silently: a shard whose results are absent (job failed, cancelled, artifact
 * missing), unreadable, duplicated or computed from another selection is a problem of the merge, and
 * every stack the missing shard should have planned becomes a failed row naming the shard.
 */
import * as fs from 'fs';
import * as path from 'path';
import { readToolOutput } from '../fsutil/read-capped';
import { reviewSubset } from '../plan/review-subset';
import type { StackPlanStatus, StackRunResult, TerraformPlanJson } from '../plan/types';
import { formatShard } from './shard';

/** Customer ids as the schema allows them; anything else in a results file is refused (paths). */
const ID = /^[a-z0-9][a-z0-9-]*$/;
// 'interrupted': a shard stopped by SIGINT/SIGTERM still writes its results (src/terraform/interrupt.ts).
const STATUSES: readonly StackPlanStatus[] = ['planned', 'failed', 'refused', 'interrupted'];

/**
 * Largest plan-results.json read: a row is a few hundred bytes, so a 1,000-stack shard writes well
 * under a megabyte. A file past this is not one plan wrote; reading it could exhaust memory.
 */
const MAX_RESULTS_BYTES = 64 * 1024 * 1024;
/** Largest plan.json read back: redacted and trimmed to the changes, a stack's is kilobytes. */
export const MAX_PLAN_JSON_BYTES = 64 * 1024 * 1024;

export interface ShardRecord {
  readonly index: number;
  readonly count: number;
  readonly assignment: readonly (readonly string[])[];
}

/**
 * One row of plan-results.json (resultsJson() in src/plan/report.ts): the fields checked here are the
 * ones the merge relies on; every other field is carried over as written (null meaning absent), so
 * that a field the plan command adds later reaches the merged summary without a change here.
 */
export interface ResultRow {
  readonly id: string;
  readonly decommission: boolean;
  readonly status: StackPlanStatus;
  readonly planFile: string | null;
  readonly planJsonFile: string | null;
  readonly [field: string]: unknown;
}

export interface MergeOptions {
  /** The merged output directory (absolute): plans are copied to `<outdir>/plans/<id>/`. */
  readonly outdir: string;
  /** Paths in the merged results are relative to it, as plan's are. */
  readonly projectDir: string;
  /** Shards the caller expects (the workflow knows N): reported when none at all arrived. */
  readonly expectShards?: number;
  /** How a shard directory is named in problems. @default the path as given */
  readonly label?: (dir: string) => string;
}

export interface MergeResult {
  readonly results: StackRunResult[];
  /** Everything that makes the merge incomplete; empty when it equals a single run. */
  readonly problems: string[];
  /** Per-stack plan directories to copy: from a shard's `plans/<id>` to `<outdir>/plans/<id>`. */
  readonly copies: { readonly id: string; readonly from: string }[];
}

interface ShardFile {
  readonly dir: string;
  readonly shard?: ShardRecord;
  readonly stacks: readonly ResultRow[];
}

export function mergeShardResults(dirs: readonly string[], opts: MergeOptions): MergeResult {
  const problems: string[] = [];
  const files: ShardFile[] = [];
  const label = opts.label ?? ((d: string) => d);
  for (const dir of dirs) {
    const file = path.join(dir, 'plan-results.json');
    if (!fs.existsSync(file)) {
      problems.push(
        `${label(dir)}: no plan-results.json (the shard did not finish, or its artifact is missing)`,
      );
      continue;
    }
    try {
      files.push({ dir, ...parseResultsFile(readToolOutput(file, MAX_RESULTS_BYTES)) });
    } catch (e) {
      problems.push(`${label(dir)}/plan-results.json: ${(e as Error).message}`);
    }
  }

  // Which shards arrived, and which should have.
  const sharded = files.filter((f) => f.shard !== undefined);
  const counts = [...new Set(sharded.map((f) => f.shard!.count))];
  if (counts.length > 1) problems.push(`the shards disagree on the shard count (${counts.join(', ')})`);
  const count = counts[0] ?? opts.expectShards;
  if (opts.expectShards !== undefined && count !== undefined && count !== opts.expectShards)
    problems.push(`expected ${opts.expectShards} shard(s), the results are of ${count}`);
  const assignment = sharded[0]?.shard?.assignment;
  if (sharded.some((f) => JSON.stringify(f.shard!.assignment) !== JSON.stringify(assignment)))
    problems.push(
      'the shards split different selections (planned from different commits or affected sets): re-run all of them',
    );
  const present = new Map<number, string>();
  for (const f of sharded) {
    const k = f.shard!.index;
    if (present.has(k)) {
      problems.push(
        `shard ${formatShard(f.shard!)} appears twice (${label(present.get(k)!)} and ${label(f.dir)}); the second is ignored`,
      );
      files.splice(files.indexOf(f), 1);
    } else present.set(k, f.dir);
  }

  const results: StackRunResult[] = [];
  const copies: { id: string; from: string }[] = [];
  const seen = new Map<string, string>();
  for (const f of files) {
    for (const row of f.stacks) {
      if (seen.has(row.id)) {
        problems.push(
          `${row.id} is in the results of both ${label(seen.get(row.id)!)} and ${label(f.dir)}; the second is ignored`,
        );
        continue;
      }
      seen.set(row.id, f.dir);
      const { result, copy } = rebuild(row, f.dir, opts, label);
      results.push(result);
      if (copy) copies.push({ id: row.id, from: copy });
    }
  }

  if (count !== undefined) {
    for (let k = 1; k <= count; k++) {
      if (present.has(k)) continue;
      const spec = { index: k, count };
      const expected = (assignment?.[k - 1] ?? []).filter((id) => !seen.has(id));
      problems.push(
        `shard ${formatShard(spec)}: no results` +
          (assignment
            ? ` (${expected.length} customer(s) not planned)`
            : ' (which customers it held is unknown: no shard arrived)'),
      );
      for (const id of expected) {
        seen.set(id, `shard ${formatShard(spec)}`);
        results.push({
          id,
          decommission: false,
          status: 'failed',
          error:
            `not planned: shard ${formatShard(spec)} produced no results (its job failed or was cancelled, ` +
            'or its artifact is missing). Re-run the failed jobs of the workflow.',
          durationMs: 0,
          timings: {},
        });
      }
    }
  }
  results.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { results, problems, copies };
}

/** One stack's result as the runner returned it, from its row and its shard's plan.json. */
function rebuild(
  row: ResultRow,
  dir: string,
  opts: MergeOptions,
  label: (dir: string) => string,
): { result: StackRunResult; copy?: string } {
  const src = path.join(dir, 'plans', row.id);
  // One directory read instead of a stat per file (a 1,000-stack merge does this 1,000 times).
  const present = filesIn(src);
  const rel = (name: string) =>
    present?.has(name)
      ? path
          .relative(opts.projectDir, path.join(opts.outdir, 'plans', row.id, name))
          .split(path.sep)
          .join('/')
      : undefined;
  // Every field as written (null = absent), except the paths, which now point at the merged copies.
  const carried = Object.fromEntries(
    Object.entries(row).filter(([k, v]) => v !== null && k !== 'planFile' && k !== 'planJsonFile'),
  );
  const base = { timings: {}, durationMs: 0, ...carried } as unknown as StackRunResult;
  const copy = present ? src : undefined;
  const planFile = row.planFile !== null ? rel('plan.tfplan') : undefined;
  const files = { ...(planFile ? { planFile } : {}) };
  if (row.status !== 'planned' || row.planJsonFile === null) return { result: { ...base, ...files }, copy };
  const jsonFile = path.join(src, 'plan.json');
  let plan: TerraformPlanJson;
  try {
    plan = JSON.parse(readToolOutput(jsonFile, MAX_PLAN_JSON_BYTES)) as TerraformPlanJson;
    if (!plan || typeof plan !== 'object' || Array.isArray(plan)) throw new Error('not a JSON object');
  } catch (e) {
    const why =
      (e as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'is missing'
        : `is unreadable (${(e as Error).message})`;
    return {
      result: {
        ...base,
        ...files,
        status: 'failed',
        counts: undefined,
        error: `planned, but ${label(dir)}/plans/${row.id}/plan.json ${why}: the shard's artifact is incomplete. Re-run the failed jobs of the workflow.`,
      },
      copy,
    };
  }
  return { result: { ...base, ...files, planJsonFile: rel('plan.json'), plan: reviewSubset(plan) }, copy };
}

/** The names in directory `dir`, or undefined when it is not there. */
function filesIn(dir: string): Set<string> | undefined {
  try {
    return new Set(fs.readdirSync(dir));
  } catch {
    return undefined;
  }
}

/** plan-results.json, checked field by field: a merge must never trust a file it cannot read. */
function parseResultsFile(text: string): { shard?: ShardRecord; stacks: ResultRow[] } {
  const raw = JSON.parse(text) as { shard?: unknown; stacks?: unknown };
  if (!raw || typeof raw !== 'object' || !Array.isArray(raw.stacks))
    throw new Error("not a linkforge plan-results.json (no 'stacks' list)");
  const stacks = raw.stacks.map((r, i) => parseRow(r, i));
  if (raw.shard === undefined) return { stacks };
  const s = raw.shard as Partial<ShardRecord>;
  const ok =
    Number.isInteger(s.count) &&
    Number.isInteger(s.index) &&
    s.index! >= 1 &&
    s.index! <= s.count! &&
    Array.isArray(s.assignment) &&
    s.assignment.length === s.count &&
    s.assignment.every((a) => Array.isArray(a) && a.every((id) => typeof id === 'string' && ID.test(id)));
  if (!ok) throw new Error("its 'shard' record is malformed");
  return { shard: s as ShardRecord, stacks };
}

function parseRow(r: unknown, i: number): ResultRow {
  const row = r as Record<string, unknown> | null;
  const bad = (what: string) => new Error(`stacks[${i}]: ${what}`);
  if (!row || typeof row !== 'object') throw bad('not an object');
  if (typeof row.id !== 'string' || !ID.test(row.id))
    throw bad(`id ${JSON.stringify(row.id)} is not a customer id`);
  if (!STATUSES.includes(row.status as StackPlanStatus))
    throw bad(`unknown status ${JSON.stringify(row.status)}`);
  if (typeof row.decommission !== 'boolean') throw bad('decommission is not a boolean');
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    ...row,
    id: row.id,
    planFile: text(row.planFile),
    planJsonFile: text(row.planJsonFile),
  } as ResultRow;
}
