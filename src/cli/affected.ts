/**
 * `linkforge affected --base REF [--customers DIR] [--format text|json|github-matrix]`: the
 * customers a change adds, changes or removes since REF (see src/pr/affected.ts for the semantics).
 */
import { AffectedError, affectedSince, idsToPlan, type AffectedResult } from '../pr/affected';

const USAGE = 'usage: linkforge affected --base REF [--customers DIR] [--format text|json|github-matrix]\n';
const FORMATS = ['text', 'json', 'github-matrix'] as const;
type Format = (typeof FORMATS)[number];

interface Args {
  readonly base: string;
  readonly customersDir?: string;
  readonly format: Format;
}

export async function run(argv: string[]): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`linkforge affected: ${(e as Error).message}\n${USAGE}`);
    return 1;
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

export function parseArgs(argv: readonly string[]): Args {
  let base: string | undefined;
  let customersDir: string | undefined;
  let fmt: Format = 'text';
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] =
      argv[i].startsWith('--') && argv[i].includes('=') ? argv[i].split(/=(.*)/s, 2) : [argv[i]];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--base':
        base = value();
        break;
      case '--customers':
        customersDir = value();
        break;
      case '--format': {
        const v = value();
        if (!(FORMATS as readonly string[]).includes(v)) {
          throw new Error(`--format must be one of ${FORMATS.join(', ')}, got '${v}'`);
        }
        fmt = v as Format;
        break;
      }
      default:
        throw new Error(`unknown argument '${argv[i]}'`);
    }
  }
  if (base === undefined) throw new Error('--base REF is required (e.g. --base origin/main)');
  return { base, customersDir, format: fmt };
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
