/**
 * `linkforge validate [--customers DIR] [--format text|github|json]`: check every customer file
 * and the platform settings, print one line per problem, exit 1 on any error (0 with warnings).
 */
import { formatGithub, hasErrors, jsonRecords } from '../config/diagnostics';
import type { Diagnostic } from '../config/diagnostics';
import type { CapacityRow } from '../config/fleet-capacity';
import { DEFAULT_CUSTOMERS_DIR, formatSkipped, loadProject } from '../config/load';
import { choice, defineCommand } from './kit';
import type { Output } from './output';
import { formatTextStyled, paint } from './style';

export const FORMATS = ['text', 'github', 'json'] as const;
export type Format = (typeof FORMATS)[number];

const USAGE = 'usage: linkforge validate [--customers DIR] [--format text|github|json]\n';

export const { run } = defineCommand({
  name: 'validate',
  usage: USAGE,
  options: { customers: { type: 'string' }, format: { type: 'string' } },
  args: (values) => ({
    customersDir: values.customers ?? DEFAULT_CUSTOMERS_DIR,
    format: choice('--format', values.format, FORMATS, 'text'),
  }),
  execute: validate,
});

async function validate(
  { customersDir, format }: { customersDir: string; format: Format },
  out: Output,
): Promise<number> {
  const result = loadProject({ customersDir });

  out.stdout(render(result.diagnostics, format, out.stdoutColour, result.capacity));
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = result.diagnostics.length - errors;
  // Notices and the summary go to stderr so stdout stays exactly the diagnostics (pipe-able,
  // JSON-parsable).
  out.stderr(formatSkipped(result.skipped));
  const counts = `${result.files.length} ${result.files.length === 1 ? 'file' : 'files'}, ${errors} ${
    errors === 1 ? 'error' : 'errors'
  }, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`;
  out.stderr(`${paint(errors > 0 ? 'red' : warnings > 0 ? 'yellow' : 'green', counts, out.stderrColour)}\n`);
  return hasErrors(result.diagnostics) ? 1 : 0;
}

/**
 * `json`: `{ "diagnostics": [...], "capacity": [...] }`, the capacity table being what the fleet
 * creates against the vendor account's AWS quotas (docs/diagnostics.md, "Fleet capacity").
 */
export function render(
  diagnostics: readonly Diagnostic[],
  format: Format,
  colour = false,
  capacity: readonly CapacityRow[] = [],
): string {
  if (format === 'json') {
    return `${JSON.stringify({ diagnostics: jsonRecords(diagnostics), capacity }, null, 2)}\n`;
  }
  const line = format === 'github' ? formatGithub : (d: Diagnostic) => formatTextStyled(d, colour);
  return diagnostics.map((d) => `${line(d)}\n`).join('');
}
