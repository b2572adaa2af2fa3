/**
 * `linkforge status [ID…] [--format text|json|md] [--customers DIR]`: the live state of every
 * link in AWS, compared with the customer files, with what to do. Read-only EC2 calls, batched
 * per region (src/status/observe.ts); credentials for the vendor account come from the usual AWS
 * SDK chain (environment, profile, OIDC role). The minimal IAM policy is in docs/status.md.
 *
 * Exit status: 0 every link healthy; 1 something needs action, waits on someone, or could not be
 * checked (a region failed: the others are still reported); 2 internal error.
 */
import * as path from 'path';
import { formatText, hasErrors } from '../config/diagnostics';
import { DEFAULT_CUSTOMERS_DIR, loadProject } from '../config/load';
import { ec2Client, type Ec2Like } from '../status/client';
import { collectStatus } from '../status/status';
import { renderStatusJson, renderStatusMarkdown, renderStatusText } from '../status/render';
import { choice, defineCommand } from './kit';
import { PROCESS_OUTPUT, type Output } from './output';

const USAGE = `usage: linkforge status [ID...] [--format text|json|md] [--customers DIR]

  ID...            only these customers (default: every customer)
  --format FORMAT  text (default), json, or md (a Markdown table, e.g. for a job summary)
  --customers DIR  customer files (default: customers)

exit status: 0 every link healthy, 1 something needs action or could not be checked
`;

export type StatusFormat = 'text' | 'json' | 'md';

export interface StatusCommandOptions {
  readonly ids?: readonly string[];
  /** @default 'text' */
  readonly format?: StatusFormat;
  readonly customersDir?: string;
  /** @default process.cwd() */
  readonly projectDir?: string;
  /** @default a real EC2 client per region, adaptive retries */
  readonly clientFor?: (region: string) => Ec2Like;
  /** @default new Date() */
  readonly now?: Date;
}

export const { run } = defineCommand({
  name: 'status',
  usage: USAGE,
  options: { format: { type: 'string' }, customers: { type: 'string' } },
  positionals: true,
  args: (values, ids): StatusCommandOptions => ({
    ids: ids.length > 0 ? ids : undefined,
    format: choice('--format', values.format, ['text', 'json', 'md'], 'text'),
    customersDir: values.customers,
  }),
  execute: statusCommand,
});

export async function statusCommand(
  opts: StatusCommandOptions,
  out: Output = PROCESS_OUTPUT,
): Promise<number> {
  const projectDir = path.resolve(opts.projectDir ?? process.cwd());
  const customersDir = opts.customersDir ?? DEFAULT_CUSTOMERS_DIR;
  const fromCwd = (p: string) => path.relative(process.cwd(), path.resolve(projectDir, p)) || '.';
  const loaded = loadProject({ customersDir: fromCwd(customersDir), cdktfJson: fromCwd('cdktf.json') });
  // Errors only: warnings are the business of `validate` and the pull request, and a fleet's worth
  // of them would bury the status table in a scheduled job's log.
  for (const d of loaded.diagnostics) if (d.severity === 'error') out.stderr(formatText(d) + '\n');
  if (hasErrors(loaded.diagnostics)) {
    out.stderr('linkforge status: the customer files have errors (above); nothing was checked\n');
    return 1;
  }
  let selected = loaded.customers;
  if (opts.ids) {
    const known = new Set(loaded.customers.map((c) => c.customer.id));
    const unknown = opts.ids.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      out.stderr(
        `linkforge status: unknown customer id(s): ${unknown.join(', ')} (no such file in ${customersDir}/)\n`,
      );
      return 1;
    }
    const wanted = new Set(opts.ids);
    selected = loaded.customers.filter((c) => wanted.has(c.customer.id));
  }
  const clients = new Map<string, Ec2Like>();
  const clientFor =
    opts.clientFor ??
    ((region: string) => {
      let c = clients.get(region);
      if (!c) clients.set(region, (c = ec2Client(region)));
      return c;
    });
  const report = await collectStatus(selected, { clientFor, subset: opts.ids !== undefined, now: opts.now });
  const format = opts.format ?? 'text';
  out.stdout(
    format === 'json'
      ? renderStatusJson(report)
      : format === 'md'
        ? renderStatusMarkdown(report)
        : renderStatusText(report),
  );
  return report.links.every((l) => l.health === 'healthy') ? 0 : 1;
}
