/**
 * Terraform's share of linkforge's plan figures, from the timings `plan` records per stack.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { TerraformBreakdown } from './types';

/**
 * Where linkforge's plan time goes: the mean time per stack of each terraform step, from the
 * timings `plan` records per stack in `cdktf.out/plan-results.json` (`timings: { init, plan, show }`,
 * in ms). Undefined when there are none (not a plan figure) or the file is unreadable: it explains
 * the figures, it is not one.
 */
export function terraformBreakdown(repoDir: string): TerraformBreakdown | undefined {
  const timings = readPlanTimings(path.join(repoDir, 'cdktf.out', 'plan-results.json'));
  if (!timings) return undefined;
  const totals = new Map<string, { ms: number; n: number }>();
  for (const steps of timings.values()) {
    for (const [cmd, ms] of Object.entries(steps)) {
      const t = totals.get(cmd) ?? { ms: 0, n: 0 };
      totals.set(cmd, { ms: t.ms + ms, n: t.n + 1 });
    }
  }
  if (timings.size === 0 || totals.size === 0) return undefined;
  const commands: Record<string, number> = {};
  for (const [cmd, t] of [...totals].sort(([a], [b]) => (a < b ? -1 : 1)))
    commands[cmd] = Math.round(t.ms / t.n);
  return { stacks: timings.size, commands };
}

/**
 * Per stack id, the wall time (ms) of each terraform step `plan` recorded in a plan-results.json;
 * undefined when the file is missing or not one.
 */
export function readPlanTimings(resultsFile: string): Map<string, Record<string, number>> | undefined {
  let parsed: { stacks?: { id?: unknown; timings?: unknown }[] };
  try {
    parsed = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as typeof parsed;
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed?.stacks)) return undefined;
  const out = new Map<string, Record<string, number>>();
  for (const row of parsed.stacks) {
    if (typeof row?.id !== 'string' || !row.timings || typeof row.timings !== 'object') continue;
    const steps = Object.entries(row.timings as Record<string, unknown>).filter(
      (e): e is [string, number] => typeof e[1] === 'number',
    );
    out.set(row.id, Object.fromEntries(steps));
  }
  return out;
}
