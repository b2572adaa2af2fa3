/**
 * `linkforge affected --base REF [--customers DIR] [--format text|json|github-matrix]`: the
 * customers a change adds, changes or removes since REF (see src/pr/affected.ts for the semantics).
 */
import { AffectedError, affectedSince, idsToPlan, type AffectedResult } from '../pr/affected';
import { choice, defineCommand } from './kit';
import type { Output } from './output';

const USAGE = `usage: linkforge affected --base REF [--customers DIR] [--format text|json|github-matrix]

  --base REF          git ref to compare with (its merge base with the working tree)
  --customers DIR     customer files (default: customers)
  --format FORMAT     text (default), json, or github-matrix ({"id": [...]} for a workflow matrix)
`;
const FORMATS = ['text', 'json', 'github-matrix'] as const;
type Format = (typeof FORMATS)[number];

interface AffectedArgs {
  readonly base: string;
  readonly customersDir?: string;
  readonly format: Format;
}

export const { run, parse } = defineCommand({
  name: 'affected',
  usage: USAGE,
  options: { base: { type: 'string' }, customers: { type: 'string' }, format: { type: 'string' } },
  args: (values): AffectedArgs => {
    const format = choice('--format', values.format, FORMATS, 'text');
    if (values.base === undefined) throw new Error('--base REF is required (e.g. --base origin/main)');
    return { base: values.base, customersDir: values.customers, format };
  },
  execute: affected,
});

async function affected(args: AffectedArgs, out: Output): Promise<number> {
  let result: AffectedResult;
  try {
    result = affectedSince({ base: args.base, customersDir: args.customersDir });
  } catch (e) {
    if (e instanceof AffectedError) {
      out.stderr(`linkforge affected: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  out.stdout(format(result, args.format));
  return 0;
}

/** The three output formats. Pure, so tests compare exact text. */
export function format(r: AffectedResult, fmt: Format): string {
  if (fmt === 'json') return JSON.stringify(r, null, 2) + '\n';
  if (fmt === 'github-matrix') {
    // Exactly a matrix: `strategy.matrix: ${{ fromJSON(needs.x.outputs.matrix) }}` gives `matrix.id`
    // (any other key would become a matrix dimension). GitHub rejects an empty matrix, so callers
    // guard with `fromJSON(...).id[0] != null`. Removed customers have no file to plan.
    return JSON.stringify({ id: idsToPlan(r) }) + '\n';
  }
  const lines: string[] = [];
  if (r.all) lines.push(`all customers affected (${r.reason})`);
  for (const id of r.added) lines.push(`added    ${id}`);
  if (!r.all) for (const id of r.changed) lines.push(`changed  ${id}`);
  else lines.push(`changed  ${r.changed.length} customers`);
  for (const id of r.removed) lines.push(`removed  ${id}`);
  for (const { from, to } of r.renamed ?? []) {
    lines.push(
      `note: ${from} renamed to ${to}: the id names the stack and its state, so this creates a new stack '${to}' ` +
        `and removes '${from}' (refused while '${from}' still has resources: decommission it first)`,
    );
  }
  if (!r.all && r.added.length + r.changed.length + r.removed.length === 0)
    lines.push('no customers affected');
  return lines.join('\n') + '\n';
}
