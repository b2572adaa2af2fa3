/**
 * `linkforge list [--customers DIR] [--format text|json]`: every customer at a glance: id,
 * connectivity type, vendor region, commercial tier (`plan`) and state (for peering and transit gateway:
 * accepted or pending; decommissioned for any). Files with errors are reported on stderr (exit 1)
 * and the valid ones are still listed.
 */
import { parseArgs } from 'util';
import { hasErrors } from '../config/diagnostics';
import { DEFAULT_CUSTOMERS_DIR, formatSkipped, loadProject } from '../config/load';
import type { Customer } from '../config/types';
import { PROCESS_OUTPUT, type Output } from './output';
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

export async function run(argv: string[], out: Output = PROCESS_OUTPUT): Promise<number> {
  let values: { customers?: string; format?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        customers: { type: 'string' },
        format: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    out.stderr(`linkforge list: ${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    return 1;
  }
  if (values.help) {
    out.stdout(USAGE);
    return 0;
  }
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') {
    out.stderr(`linkforge list: --format must be text or json, not '${format}'\n${USAGE}`);
    return 1;
  }
  const project = loadProject({ customersDir: values.customers ?? DEFAULT_CUSTOMERS_DIR });
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
