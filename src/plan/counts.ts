/**
 * Counting a plan's changes the way Terraform's own "Plan: X to add, Y to change, Z to destroy"
 * line does: a replacement counts once as an add and once as a destroy; reads and no-ops count
 * for nothing.
 */
import type { ChangeCounts, TerraformPlanJson } from './types';

export function countChanges(plan: TerraformPlanJson | undefined): ChangeCounts {
  let add = 0;
  let change = 0;
  let destroy = 0;
  for (const rc of plan?.resource_changes ?? []) {
    const actions = rc.change.actions;
    if (actions.includes('create')) add++;
    if (actions.includes('delete')) destroy++;
    if (actions.includes('update')) change++;
  }
  return { add, change, destroy };
}

export function hasChanges(c: ChangeCounts): boolean {
  return c.add + c.change + c.destroy > 0;
}

/** `+18 ~0 -0`: the compact form used in progress lines. */
export function formatCounts(c: ChangeCounts): string {
  return `+${c.add} ~${c.change} -${c.destroy}`;
}

/**
 * How many resources of each type a plan creates (or, with `action: 'delete'`, destroys), sorted
 * by type. Tests compare it with the resources a customer's options call for.
 */
export function resourceTypeCounts(
  plan: TerraformPlanJson | undefined,
  action: 'create' | 'delete' | 'update' = 'create',
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const rc of plan?.resource_changes ?? []) {
    if (rc.change.actions.includes(action)) counts[rc.type] = (counts[rc.type] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
