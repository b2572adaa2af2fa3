/**
 * `linkforge list [--customers DIR] [--format text|json]`: every customer at a glance: id,
 * connectivity type, vendor region, commercial tier (`plan`) and state (for peering and transit gateway:
 * accepted or pending; decommissioned for any). Files with errors are reported on stderr (exit 1)
 * and the valid ones are still listed.
 */
import { hasErrors } from '../config/diagnostics';
import { DEFAULT_CUSTOMERS_DIR, formatSkipped, loadProject } from '../config/load';
import type { Customer } from '../config/types';
import { choice, defineCommand } from './kit';
import type { Output } from './output';
import { formatTextStyled, paint } from './style';

const USAGE = `usage: linkforge list [--customers DIR] [--format text|json]

  --customers DIR     customer files (default: customers)
  --format text|json  a table (default), or a JSON array with one object per customer
`;

export interface CustomerListing {
  readonly id: string;
  readonly name: string;
  readonly type: Customer['connectivity']['type'];
  readonly region: string;
  /** The commercial tier, under the customer file's own key name. */
  readonly plan: Customer['tier'];
  /** Peering and transit gateway: whether the customer accepted; undefined for a VPN. */
  readonly accepted?: boolean;
  readonly decommission: boolean;
  readonly file: string;
}

export function listing(file: string, c: Customer): CustomerListing {
  const conn = c.connectivity as { accepted?: boolean };
  return {
    id: c.id,
    name: c.name,
    type: c.connectivity.type,
    region: c.region,
    plan: c.tier,
    ...(typeof conn.accepted === 'boolean' ? { accepted: conn.accepted } : {}),
    decommission: c.decommission,
    file,
  };
}

function state(l: CustomerListing): string {
  if (l.decommission) return 'decommissioned';
  if (l.accepted === undefined) return 'active';
  return l.accepted ? 'accepted' : 'pending acceptance';
}

export const { run } = defineCommand({
  name: 'list',
  usage: USAGE,
  options: { customers: { type: 'string' }, format: { type: 'string' } },
  args: (values) => ({
    customersDir: values.customers ?? DEFAULT_CUSTOMERS_DIR,
    format: choice('--format', values.format, ['text', 'json'], 'text'),
  }),
  execute: list,
});

async function list(
  { customersDir, format }: { customersDir: string; format: 'text' | 'json' },
  out: Output,
): Promise<number> {
  const project = loadProject({ customersDir });
  for (const d of project.diagnostics) out.stderr(`${formatTextStyled(d, out.stderrColour)}\n`);
  out.stderr(formatSkipped(project.skipped));
  const rows = project.customers
    .map(({ file, customer }) => listing(file, customer))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (format === 'json') {
    out.stdout(`${JSON.stringify(rows, null, 2)}\n`);
  } else {
    out.stdout(table(rows, out.stdoutColour));
  }
  if (hasErrors(project.diagnostics)) {
    out.stderr('linkforge list: some customer files have errors (above) and are not listed\n');
    return 1;
  }
  return 0;
}

function table(rows: readonly CustomerListing[], colour: boolean | undefined): string {
  const header = ['ID', 'TYPE', 'REGION', 'PLAN', 'STATE'];
  const cells = rows.map((l) => [l.id, l.type, l.region, l.plan, state(l)]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: readonly string[]) =>
    c
      .map((v, i) => (i === c.length - 1 ? v : v.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const body = cells.map((c) => {
    const text = line(c);
    const s = c[4];
    return s === 'decommissioned'
      ? paint('yellow', text, colour)
      : s === 'pending acceptance'
        ? paint('dim', text, colour)
        : text;
  });
  return [paint('bold', line(header), colour), ...body].map((l) => `${l}\n`).join('');
}
