/**
 * `linkforge summarize DIR... [--outdir DIR] [--expect-shards N] [--detailed-exitcode]`: merge the
 * output directories of `plan --shard K/N` runs into one `summary.md`, one `plan-results.json` and
 * one `plans/` tree, the same as a single `plan` over every stack would have written
 * (src/shards/summarize.ts). Missing, failed or inconsistent shards are reported in the summary and
 * on stderr and fail the command; their customers are listed as failed, never left out.
 *
 * Exit status as `plan`: 0 all planned (with --detailed-exitcode: 2 when any stack has changes),
 * 1 any stack failed or was refused, or a shard is missing.
 */
import * as fs from 'fs';
import * as path from 'path';
import { linkTree } from '../fsutil/link-tree';
import { OutputLockedError, lockOutput, type OutputLock } from '../fsutil/output-lock';
import { mdCodeBlock } from '../pr/markdown';
import { mergeShardResults } from '../shards/summarize';
import { MAX_SHARDS } from '../shards/shard';
import { finish } from './plan-report';
import { defineCommand } from './kit';
import { PROCESS_OUTPUT, type Output } from './output';

const USAGE = `usage: linkforge summarize DIR... [--outdir DIR] [--expect-shards N] [--detailed-exitcode]

  DIR...              output directories of 'linkforge plan --shard K/N' (each with plan-results.json)
  --outdir DIR        where the merged summary.md, plan-results.json and plans/ go (default: cdktf.out)
  --expect-shards N   the number of shards the run was split into (reported if none arrived)
  --detailed-exitcode exit 2 when any stack has changes (0: none, 1: error), as plan
`;

export interface SummarizeOptions {
  readonly dirs: readonly string[];
  /** @default 'cdktf.out' */
  readonly outdir?: string;
  readonly expectShards?: number;
  readonly detailedExitcode?: boolean;
  /** @default process.cwd() */
  readonly projectDir?: string;
}

export const { run } = defineCommand({
  name: 'summarize',
  usage: USAGE,
  positionals: true,
  options: {
    outdir: { type: 'string' },
    'expect-shards': { type: 'string' },
    'detailed-exitcode': { type: 'boolean' },
  },
  args: (values, positionals): SummarizeOptions => {
    if (positionals.length === 0) throw new Error('give at least one shard output directory');
    const expect = values['expect-shards'];
    if (expect !== undefined && (!/^[1-9]\d*$/.test(expect) || Number(expect) > MAX_SHARDS))
      throw new Error(`--expect-shards must be an integer from 1 to ${MAX_SHARDS}, got '${expect}'`);
    return {
      dirs: positionals,
      outdir: values.outdir,
      expectShards: expect !== undefined ? Number(expect) : undefined,
      detailedExitcode: values['detailed-exitcode'] ?? false,
    };
  },
  execute: summarizeCommand,
});

export async function summarizeCommand(
  opts: SummarizeOptions,
  out: Output = PROCESS_OUTPUT,
): Promise<number> {
  const projectDir = path.resolve(opts.projectDir ?? process.cwd());
  const absOutdir = path.resolve(projectDir, opts.outdir ?? 'cdktf.out');
  const dirs = opts.dirs.map((d) => path.resolve(projectDir, d));
  // The merged plans/ replaces <outdir>/plans: it must not be (inside) a shard being read.
  const inside = (child: string, parent: string) => {
    const rel = path.relative(parent, child);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  };
  const clash = dirs.find((d) => inside(absOutdir, d) || inside(d, absOutdir));
  if (clash !== undefined) {
    out.stderr(
      `linkforge summarize: --outdir ${opts.outdir ?? 'cdktf.out'} overlaps the shard directory ${path.relative(projectDir, clash) || '.'}: ` +
        'merge into a directory of its own\n',
    );
    return 1;
  }

  // Only one run writes this output folder at a time (as plan: a second is refused, naming the first).
  let lock: OutputLock;
  try {
    lock = lockOutput(absOutdir, 'summarize');
  } catch (e) {
    if (!(e instanceof OutputLockedError)) throw e;
    out.stderr(`linkforge summarize: ${e.message}\n`);
    return 1;
  }
  try {
    return mergeInto(dirs, absOutdir, projectDir, opts, out);
  } finally {
    lock.release();
  }
}

function mergeInto(
  dirs: readonly string[],
  absOutdir: string,
  projectDir: string,
  opts: SummarizeOptions,
  out: Output,
): number {
  const shown = (d: string) => path.relative(projectDir, d) || '.';
  const merged = mergeShardResults(dirs, {
    outdir: absOutdir,
    projectDir,
    expectShards: opts.expectShards,
    label: shown,
  });

  // The merged plans/ is built aside and moved into place whole: never half old, half new.
  fs.mkdirSync(absOutdir, { recursive: true });
  const plansDir = path.join(absOutdir, 'plans');
  const staging = path.join(absOutdir, `.plans.${process.pid}.tmp`);
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging);
  // Hard links, not copies (src/fsutil/link-tree.ts): the plan files are finished artifacts.
  const problems = [...merged.problems];
  for (const c of merged.copies) {
    for (const odd of linkTree(c.from, path.join(staging, c.id)))
      problems.push(`${shown(odd)}: not a regular file or folder; left out of the merged plans/`);
  }
  fs.rmSync(plansDir, { recursive: true, force: true });
  fs.renameSync(staging, plansDir);

  for (const p of problems) out.stderr(`linkforge summarize: ${p}\n`);
  // Shard directory names come from the command line: shown verbatim, inside a code block.
  const preamble =
    problems.length > 0
      ? [
          '> [!WARNING]',
          '> **Incomplete plan: merging the shards found problems.** The customers of a missing shard are listed as failed below.',
          '',
          mdCodeBlock(problems.join('\n'), 'text'),
          '',
          '',
        ].join('\n')
      : undefined;
  const code = finish(merged.results, {
    summaryFile: path.join(absOutdir, 'summary.md'),
    absOutdir,
    projectDir,
    detailedExitcode: opts.detailedExitcode,
    out,
    preamble,
  });
  return problems.length > 0 ? 1 : code;
}
