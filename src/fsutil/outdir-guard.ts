/**
 * The output folder is replaced as a whole on every full synthesis (and plans are cleared in it),
 * so before anything is written there linkforge makes sure it is a folder it may replace:
 * `synth --outdir .` once deleted the project (customers, cdktf.json, everything).
 *
 * Refused: a folder that is, or contains, the working directory, the project or the customers
 * folder; a symbolic link; and an existing, non-empty folder that linkforge did not write: one
 * without the marker file (`.linkforge-output`, written into every output folder) holding anything
 * but what linkforge writes there (output folders of earlier versions have no marker).
 */
import * as fs from 'fs';
import * as path from 'path';

export const OUTDIR_MARKER = '.linkforge-output';

/** What linkforge itself writes into an output folder (before the marker existed). */
const OWN_ENTRIES = new Set([
  OUTDIR_MARKER,
  'manifest.json',
  'stacks',
  'plans',
  'summary.md',
  'plan-results.json',
  'reviewed-plan.json',
  'status-bench.json',
]);

export class UnsafeOutdirError extends Error {
  constructor(
    readonly outdir: string,
    reason: string,
  ) {
    super(
      `refusing to use ${outdir} as the output folder: ${reason}; pass --outdir with a folder of its own (default cdktf.out)`,
    );
  }
}

/** `p` with every existing part resolved through symbolic links (the rest appended as given). */
function real(p: string): string {
  const abs = path.resolve(p);
  let existing = abs;
  const rest: string[] = [];
  while (!fs.existsSync(existing)) {
    const parent = path.dirname(existing);
    if (parent === existing) break;
    rest.unshift(path.basename(existing));
    existing = parent;
  }
  return path.join(fs.realpathSync(existing), ...rest);
}

function contains(dir: string, inner: string): boolean {
  const rel = path.relative(dir, inner);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Throw UnsafeOutdirError unless `outdir` may be replaced by linkforge. `protect` lists folders
 * the output folder must never be or contain (the working directory is always among them).
 */
export function checkOutdir(outdir: string, protect: readonly string[] = []): void {
  const abs = path.resolve(outdir);
  const target = real(abs);
  for (const p of [process.cwd(), ...protect]) {
    const guarded = real(p);
    if (contains(target, guarded))
      throw new UnsafeOutdirError(
        outdir,
        target === guarded
          ? `it is ${p === process.cwd() ? 'the working directory' : p}`
          : `it contains ${p === process.cwd() ? 'the working directory' : p}`,
      );
  }
  let st: fs.Stats;
  try {
    st = fs.lstatSync(abs);
  } catch {
    return; // does not exist yet: ours to create
  }
  if (st.isSymbolicLink()) throw new UnsafeOutdirError(outdir, 'it is a symbolic link');
  if (!st.isDirectory()) throw new UnsafeOutdirError(outdir, 'it is not a folder');
  const entries = fs.readdirSync(abs);
  if (entries.includes(OUTDIR_MARKER)) return;
  const foreign = entries.filter((e) => !OWN_ENTRIES.has(e)).sort();
  if (foreign.length > 0)
    throw new UnsafeOutdirError(
      outdir,
      `it holds files linkforge did not write (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', …' : ''}) and no ${OUTDIR_MARKER} marker`,
    );
}

/** Mark `dir` as a linkforge output folder. */
export function markOutdir(dir: string): void {
  fs.writeFileSync(
    path.join(dir, OUTDIR_MARKER),
    'linkforge output folder: replaced as a whole by `linkforge synth` and `linkforge plan`\n',
  );
}
