/**
 * `linkforge handoff ID [--format md|json] [--device TYPE] [--live] [--customers DIR] [--outdir DIR]`:
 * the customer's handoff document, written atomically to `<outdir>/handoff/<id>.md` (or `.json`).
 *
 * Values come from the stack's outputs, read through Terraform from the customer's own state
 * backend (src/handoff/outputs.ts); before deploy the document says what is pending. `--live` asks
 * AWS (read-only) for the peering request's status and expiry; `--device TYPE` adds AWS's sample
 * configuration for the customer's VPN device, pre-shared keys removed. Both need credentials for
 * the vendor account; nothing else does.
 *
 * This file parses the arguments and prints; the run itself is src/handoff/run.ts.
 *
 * Exit status: 0 written, 1 bad input (unknown id, invalid files, state unreadable, AWS refused).
 */
import * as path from 'path';
import { formatText } from '../config/diagnostics';
import { runHandoff, type HandoffRunOptions } from '../handoff/run';
import { plain } from '../handoff/text';
import { choice, defineCommand } from './kit';
import { PROCESS_OUTPUT, type Output } from './output';

const USAGE = `usage: linkforge handoff ID [--format md|json] [--device TYPE] [--live] [--customers DIR] [--outdir DIR]

  ID               the customer
  --format md|json Markdown for the customer (default) or JSON for tools
  --device TYPE    add AWS's sample configuration for the customer's VPN device (a device type id,
                   or words of "vendor platform software", e.g. "Cisco ASA"); needs AWS credentials
  --live           ask AWS for the peering request's status and exact expiry; needs AWS credentials
  --customers DIR  customer files (default: customers)
  --outdir DIR     output root (default: cdktf.out); the document goes to DIR/handoff/<id>.<md|json>
`;

export type HandoffCommandOptions = HandoffRunOptions;

export const { run } = defineCommand({
  name: 'handoff',
  usage: USAGE,
  options: {
    format: { type: 'string' },
    device: { type: 'string' },
    live: { type: 'boolean' },
    customers: { type: 'string' },
    outdir: { type: 'string' },
  },
  positionals: true,
  args: (values, positionals): HandoffCommandOptions => {
    if (positionals.length !== 1) throw new Error('give exactly one customer id');
    return {
      id: positionals[0],
      format: choice('--format', values.format, ['md', 'json'], 'md'),
      device: values.device,
      live: values.live ?? false,
      customersDir: values.customers,
      outdir: values.outdir,
    };
  },
  execute: handoffCommand,
});

export async function handoffCommand(
  opts: HandoffCommandOptions,
  out: Output = PROCESS_OUTPUT,
): Promise<number> {
  const r = await runHandoff(opts);
  for (const d of r.diagnostics) out.stderr(formatText(d) + '\n');
  for (const note of r.notes) out.stderr(`${note}\n`);
  if (r.error !== undefined) {
    out.stderr(`linkforge handoff: ${r.error}\n`);
    return 1;
  }
  for (const w of r.handoff.warnings) out.stderr(`warning: ${plain(w)}\n`);
  for (const s of r.handoff.platformSteps) out.stderr(`platform team: ${plain(s)}\n`);
  out.stdout(`${path.relative(process.cwd(), r.file).split(path.sep).join('/')}\n`);
  return 0;
}
