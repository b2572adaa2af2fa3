/**
 * `linkforge synth [--customers DIR] [--outdir DIR] [--offline] [ID...]`: validate every customer
 * file, then write `<outdir>/stacks/<id>/cdk.tf.json` for all customers (or only the given ids).
 *
 * Any validation error exits 1 before anything is written, so an earlier output stays as it was.
 * With ids, only those stacks are replaced; every other stack directory is kept.
 */
import { UnsafeOutdirError, checkOutdir } from '../fsutil/outdir-guard';
import { hasErrors } from '../config/diagnostics';
import { DEFAULT_CUSTOMERS_DIR, formatSkipped, loadProject } from '../config/load';
import { suggest } from '../config/suggest';
import { fileSystemFailure } from '../fsutil/atomic-write';
import { OutputLockedError, lockOutput, type OutputLock } from '../fsutil/output-lock';
import { synthesize } from '../stacks/synthesize';
import { defineCommand } from './kit';
import type { Output } from './output';
import { formatTextStyled } from './style';

const USAGE = 'usage: linkforge synth [--customers DIR] [--outdir DIR] [--offline] [ID...]\n';

interface SynthArgs {
  readonly customersDir: string;
  readonly outdir: string;
  readonly offline: boolean;
  readonly ids: readonly string[];
}

export const { run } = defineCommand({
  name: 'synth',
  usage: USAGE,
  options: { customers: { type: 'string' }, outdir: { type: 'string' }, offline: { type: 'boolean' } },
  positionals: true,
  args: (values, ids): SynthArgs => ({
    customersDir: values.customers ?? DEFAULT_CUSTOMERS_DIR,
    outdir: values.outdir ?? 'cdktf.out',
    offline: values.offline ?? false,
    ids,
  }),
  execute: synth,
});

async function synth({ customersDir, outdir, offline, ids }: SynthArgs, out: Output): Promise<number> {
  const started = process.hrtime.bigint();
  const project = loadProject({ customersDir });
  for (const d of project.diagnostics) out.stderr(`${formatTextStyled(d, out.stderrColour)}\n`);
  out.stderr(formatSkipped(project.skipped));
  if (hasErrors(project.diagnostics)) {
    const errors = project.diagnostics.filter((d) => d.severity === 'error').length;
    out.stderr(
      `linkforge synth: ${errors} ${errors === 1 ? 'error' : 'errors'}; nothing synthesized (${outdir} is unchanged)\n`,
    );
    return 1;
  }

  const known = project.customers.map((c) => c.customer.id);
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length > 0) {
    for (const id of unknown) {
      const near = suggest(id, known);
      out.stderr(
        `linkforge synth: unknown customer id '${id}': no ${customersDir}/${id}.yaml${near ? `; did you mean '${near}'?` : ''}\n`,
      );
    }
    return 1;
  }

  try {
    checkOutdir(outdir, [customersDir]);
  } catch (e) {
    if (!(e instanceof UnsafeOutdirError)) throw e;
    out.stderr(`linkforge synth: ${e.message}\n`);
    return 1;
  }
  // One run per output folder: two syntheses swapping the same folder would fail half-way.
  let lock: OutputLock;
  try {
    lock = lockOutput(outdir, 'synth');
  } catch (e) {
    if (!(e instanceof OutputLockedError)) throw e;
    out.stderr(`linkforge synth: ${e.message}\n`);
    return 1;
  }
  let stacks: ReturnType<typeof synthesize>;
  try {
    stacks = synthesize(project.customers, project.settings, {
      outdir,
      ids: ids.length > 0 ? ids : undefined,
      offline,
    });
  } catch (e) {
    const why = fileSystemFailure(e);
    if (why === undefined) throw e;
    out.stderr(`linkforge synth: ${why}; ${outdir} is unchanged\n`);
    return 1;
  } finally {
    lock.release();
  }
  for (const s of stacks) {
    const notes = [s.connectivityType, ...(s.decommission ? ['decommission: plans its destruction'] : [])];
    out.stdout(`${s.dir}/cdk.tf.json (${notes.join(', ')})\n`);
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  out.stderr(
    `${stacks.length} ${stacks.length === 1 ? 'stack' : 'stacks'} synthesized in ${ms.toFixed(0)} ms\n`,
  );
  return 0;
}
