/**
 * Printing the end of a plan run (src/plan/report.ts), shared by `linkforge plan` and `linkforge
 * summarize`: problems, the totals line (or the results JSON), then notes.
 */
import { reportRun, type PlanReport, type ReportContext } from '../plan/report';
import type { StackRunResult } from '../plan/types';
import type { Output } from './output';
import { paint } from './style';

/** Print `report`; returns its exit status. */
export function printReport(report: PlanReport, out: Output, format: 'text' | 'json' = 'text'): number {
  for (const p of report.problems) out.stderr(p);
  const colour = report.bad ? 'red' : 'green';
  if (format === 'json') {
    // stdout is exactly the JSON (pipe it to jq); the human line goes to stderr.
    out.stdout(report.resultsJson);
    out.stderr(`${paint(colour, report.totals, out.stderrColour)}\n`);
  } else {
    out.stdout(`${paint(colour, report.totals, out.stdoutColour)}\n`);
  }
  for (const n of report.notes) out.stderr(n);
  return report.exitCode;
}

/** Report `results` (src/plan/report.ts: summary.md, plan-results.json) and print it: the end of a run. */
export function finish(
  results: readonly StackRunResult[],
  ctx: ReportContext & { readonly out: Output; readonly format?: 'text' | 'json' },
): number {
  return printReport(reportRun(results, ctx), ctx.out, ctx.format);
}
