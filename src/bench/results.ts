/**
 * Lookups on benchmark results shared by the report (report.ts) and its targets (targets.ts).
 */
import type { BenchResults, FigureId, Measurement, Tool } from './types';

export function find(
  results: BenchResults,
  figure: FigureId,
  tool: Tool,
  size: number,
): Measurement | undefined {
  return results.measurements.find((m) => m.figure === figure && m.tool === tool && m.size === size);
}

/** A measurement with a time to compare: run, not failed. */
export function usable(m: Measurement | undefined): m is Measurement {
  return m !== undefined && !m.failed && m.medianMs > 0;
}

/** The fleet sizes of the run, ascending. */
export function sizesOf(results: BenchResults): number[] {
  return [...new Set(results.measurements.map((m) => m.size))].sort((a, b) => a - b);
}

/** 1,000 */
export function thousands(n: number): string {
  return n.toLocaleString('en-US');
}
