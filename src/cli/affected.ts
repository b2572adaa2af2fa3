/**
 * `linkforge affected --base REF [--customers DIR] [--format text|json|github-matrix]`: the
 * customers a change adds, changes or removes since REF (see src/pr/affected.ts for the semantics).
 */
import { parseArgs as nodeParseArgs } from 'util';
import { AffectedError, affectedSince, idsToPlan, type AffectedResult } from '../pr/affected';

const USAGE = `usage: linkforge affected --base REF [--customers DIR] [--format text|json|github-matrix]

  --base REF          git ref to compare with (its merge base with the working tree)
  --customers DIR     customer files (default: customers)
  --format FORMAT     text (default), json, or github-matrix ({"id": [...]} for a workflow matrix)
`;
const FORMATS = ['text', 'json', 'github-matrix'] as const;
type Format = (typeof FORMATS)[number];

interface Args {
  readonly base: string;
  readonly customersDir?: string;
  readonly format: Format;
}

export async function run(argv: string[]): Promise<number> {
  let args: Args | 'help';
  try {
    args = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`linkforge affected: ${(e as Error).message}\n${USAGE}`);
    return 1;
  }
  if (args === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  let result: AffectedResult;
  try {
    result = affectedSince({ base: args.base, customersDir: args.customersDir });
  } catch (e) {
    if (e instanceof AffectedError) {
      process.stderr.write(`linkforge affected: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  process.stdout.write(format(result, args.format));
  return 0;
}

/** The arguments, declared once (Node's util.parseArgs); `'help'` for --help. */
export function parseArgs(argv: readonly string[]): Args | 'help' {
  let parsed: { values: { base?: string; customers?: string; format?: string; help?: boolean } };
  try {
    parsed = nodeParseArgs({
      args: [...argv],
      options: {
        base: { type: 'string' },
        customers: { type: 'string' },
        format: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (e) {
    const m = /Unexpected argument '([^']*)'/.exec((e as Error).message);
    // util.parseArgs says "Option '--base <value>' argument missing" for a flag without value.
    if (/argument missing/.test((e as Error).message)) {
      const flag = /'(--[a-z-]+)/.exec((e as Error).message)?.[1] ?? 'option';
      throw new Error(`${flag} needs a value`);
    }
    throw new Error(m ? `unknown argument '${m[1]}'` : (e as Error).message);
  }
  const { values } = parsed;
  if (values.help) return 'help';
  for (const [flag, v] of [
    ['--base', values.base],
    ['--customers', values.customers],
    ['--format', values.format],
  ] as const) {
    if (v === '') throw new Error(`${flag} needs a value`);
  }
  const fmt = values.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(fmt)) {
    throw new Error(`--format must be one of ${FORMATS.join(', ')}, got '${fmt}'`);
  }
  if (values.base === undefined) throw new Error('--base REF is required (e.g. --base origin/main)');
  return { base: values.base, customersDir: values.customers, format: fmt as Format };
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
