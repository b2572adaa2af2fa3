/**
 * `linkforge status [ID…] [--format text|json|md] [--customers DIR]`: the live state of every
 * link in AWS, compared with the customer files, with what to do. Read-only EC2 calls, batched
 * per region (src/status/observe.ts); credentials for the vendor account come from the usual AWS
 * SDK chain (environment, profile, OIDC role). The minimal IAM policy is in docs/status.md.
 *
 * Exit status: 0 every link healthy; 1 something needs action, waits on someone, or could not be
 * checked (a region failed: the others are still reported); 2 internal error.
 */
import { formatText } from '../config/diagnostics';
import { DEFAULT_CUSTOMERS_DIR } from '../config/load';
import { renderStatusJson, renderStatusMarkdown, renderStatusText } from '../status/render';
import { projectStatus, type ProjectStatusOptions } from '../status/status';
import { choice, defineCommand } from './kit';
import { PROCESS_OUTPUT, type Output } from './output';

const USAGE = `usage: linkforge status [ID...] [--format text|json|md] [--customers DIR]

  ID...            only these customers (default: every customer)
  --format FORMAT  text (default), json, or md (a Markdown table, e.g. for a job summary)
  --customers DIR  customer files (default: customers)

exit status: 0 every link healthy, 1 something needs action or could not be checked
`;

export type StatusFormat = 'text' | 'json' | 'md';

export interface StatusCommandOptions extends ProjectStatusOptions {
  /** @default 'text' */
  readonly format?: StatusFormat;
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
  const status = await projectStatus(opts);
  // Errors only: warnings are the business of `validate` and the pull request, and a fleet's worth
  // of them would bury the status table in a scheduled job's log.
  for (const d of status.diagnostics) if (d.severity === 'error') out.stderr(formatText(d) + '\n');
  if (status.kind === 'invalid') {
    out.stderr('linkforge status: the customer files have errors (above); nothing was checked\n');
    return 1;
  }
  if (status.kind === 'unknown-ids') {
    out.stderr(
      `linkforge status: unknown customer id(s): ${status.ids.join(', ')} (no such file in ${opts.customersDir ?? DEFAULT_CUSTOMERS_DIR}/)\n`,
    );
    return 1;
  }
  const { report } = status;
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
