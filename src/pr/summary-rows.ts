/**
 * The rows of the review summary: what each customer is in this run, its change counts, its
 * destructive changes and its resource changes in reading order (src/pr/summary.ts renders them).
 */
import { countChanges } from '../plan/counts';
import type { ChangeCounts, StackPlanResult, TerraformResourceChange } from '../plan/types';
import { destructiveChanges, type DestructiveChange } from './destructive';

/**
 * What a customer is in this run. `new`: every planned change creates (nothing deployed yet);
 * `changed`: something deployed is updated, replaced or destroyed; offline plans cannot tell the
 * two apart (their state is empty), so they are `planned-offline`.
 */
export type Kind =
  | 'new'
  | 'changed'
  | 'planned-offline'
  | 'decommissioned'
  | 'no-changes'
  | 'removed'
  | 'failed'
  | 'refused'
  | 'interrupted';

export interface Row {
  readonly result: StackPlanResult;
  readonly kind: Kind;
  readonly counts?: ChangeCounts;
  readonly destructive: readonly DestructiveChange[];
  /** Resource changes other than no-ops and reads, warnings first. */
  readonly changes: readonly TerraformResourceChange[];
}

export function classify(result: StackPlanResult): Row {
  const none = { destructive: [], changes: [] };
  if (result.status === 'failed') return { result, kind: 'failed', ...none };
  if (result.status === 'refused') return { result, kind: 'refused', ...none };
  if (result.status === 'interrupted') return { result, kind: 'interrupted', ...none };
  // A planned result without a connectivity type is a removed customer file whose stack holds no
  // resources any more (see removed.ts): nothing to plan, and worth a row of its own.
  if (result.connectivityType === undefined && !result.plan) return { result, kind: 'removed', ...none };
  const counts = countChanges(result.plan);
  // Offline, every stack is planned against empty state, so every accepted customer's peering is
  // "created": flagging it would cry wolf on every one of them (the offline notice already says
  // that nothing deployed can be seen).
  const destructive = destructiveChanges(result.plan, {
    peeringAccepted: result.peeringAccepted === true && result.offline !== true,
  });
  const changes = orderChanges(
    (result.plan?.resource_changes ?? []).filter((rc) => rc.change.actions.some(isChange)),
    destructive,
  );
  let kind: Kind;
  if (result.decommission) kind = 'decommissioned';
  else if (changes.length === 0) kind = 'no-changes';
  else if (result.offline) kind = 'planned-offline';
  else {
    const deployed = (result.plan?.resource_changes ?? []).some(
      (rc) => !rc.change.actions.includes('create'),
    );
    kind = deployed || changes.some((rc) => rc.change.actions.includes('delete')) ? 'changed' : 'new';
  }
  return { result, kind, counts, destructive, changes };
}

function isChange(action: string): boolean {
  return action === 'create' || action === 'update' || action === 'delete';
}

/** Warnings first (destructive to connectivity), then other replacements and deletions, updates, creations. */
function orderChanges(
  changes: readonly TerraformResourceChange[],
  destructive: readonly DestructiveChange[],
): TerraformResourceChange[] {
  const loud = new Set(destructive.map((d) => d.address));
  const rank = (rc: TerraformResourceChange) => {
    if (loud.has(rc.address)) return 0;
    const a = rc.change.actions;
    if (a.includes('delete')) return 1;
    if (a.includes('update')) return 2;
    return 3;
  };
  return [...changes].sort(
    (a, b) => rank(a) - rank(b) || (a.address < b.address ? -1 : a.address > b.address ? 1 : 0),
  );
}

export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
