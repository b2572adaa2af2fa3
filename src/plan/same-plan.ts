/**
 * "Is this the plan that was reviewed?": the deploy workflow re-plans a customer with the merged
 * code and the current state, and applies only when the result does the same thing as the plan
 * shown on the pull request.
 *
 * Two plans do the same thing when they change the same resources (by address) with the same
 * actions, to the same planned values (known and unknown), for the same forcing attributes.
 * What is deliberately not compared: `before` (a refresh may reword a prior value without changing
 * what apply does), no-op and read entries, output changes (outputs change no infrastructure),
 * timestamps and Terraform/provider metadata.
 */
import { createHash } from 'crypto';
import type { TerraformPlanJson } from './types';

/** Next to plan.json: the digest of the unredacted planned changes (planDigest). */
export const PLAN_DIGEST_FILE = 'plan.sha256';

interface Comparable {
  readonly actions: readonly string[];
  readonly after: unknown;
  readonly after_unknown: unknown;
  readonly replace_paths: readonly string[];
}

/** Human-readable differences between two plans; empty when they do the same thing. */
export function planDifferences(reviewed: TerraformPlanJson, current: TerraformPlanJson): string[] {
  const a = effectiveChanges(reviewed);
  const b = effectiveChanges(current);
  const addresses = [...new Set([...a.keys(), ...b.keys()])].sort();
  const diffs: string[] = [];
  for (const address of addresses) {
    const x = a.get(address);
    const y = b.get(address);
    if (!x) diffs.push(`${address}: not in the reviewed plan, now ${y!.actions.join('+')}`);
    else if (!y) diffs.push(`${address}: reviewed as ${x.actions.join('+')}, now no change`);
    else if (x.actions.join('+') !== y.actions.join('+'))
      diffs.push(`${address}: reviewed as ${x.actions.join('+')}, now ${y.actions.join('+')}`);
    else if (
      canonical(x.after) !== canonical(y.after) ||
      canonical(x.after_unknown) !== canonical(y.after_unknown)
    )
      diffs.push(`${address}: planned values differ (${differingKeys(x, y).join(', ') || 'nested values'})`);
    else if (x.replace_paths.join(',') !== y.replace_paths.join(','))
      diffs.push(
        `${address}: replacement forced by ${y.replace_paths.join(', ')}, reviewed ${x.replace_paths.join(', ')}`,
      );
  }
  return diffs;
}

/**
 * SHA-256 of what a plan does (the same fields planDifferences compares), computed on the UNREDACTED plan
 * by the trusted job that made it: plan.json is redacted, so comparing two plan.json files cannot
 * see a change to a sensitive value; comparing digests does. The digest is over the whole set of
 * changes, and the only sensitive values in these stacks are AWS-generated keys, so it reveals
 * nothing that could be guessed back (docs/security.md).
 */
export function planDigest(plan: TerraformPlanJson): string {
  const changes = [...effectiveChanges(plan)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256').update(canonical(changes)).digest('hex');
}

function effectiveChanges(plan: TerraformPlanJson): Map<string, Comparable> {
  const out = new Map<string, Comparable>();
  for (const rc of plan.resource_changes ?? []) {
    const actions = rc.change.actions.filter((x) => x !== 'no-op' && x !== 'read');
    if (actions.length === 0) continue;
    const change = rc.change as typeof rc.change & { after_unknown?: unknown };
    out.set(rc.address, {
      actions,
      after: change.after ?? null,
      after_unknown: change.after_unknown ?? null,
      replace_paths: (change.replace_paths ?? []).map((p) => JSON.stringify(p)).sort(),
    });
  }
  return out;
}

function differingKeys(x: Comparable, y: Comparable): string[] {
  const keys = new Set([...Object.keys(asRecord(x.after)), ...Object.keys(asRecord(y.after))]);
  for (const k of Object.keys(asRecord(x.after_unknown))) keys.add(k);
  for (const k of Object.keys(asRecord(y.after_unknown))) keys.add(k);
  const differs = (k: string) =>
    canonical(asRecord(x.after)[k]) !== canonical(asRecord(y.after)[k]) ||
    canonical(asRecord(x.after_unknown)[k]) !== canonical(asRecord(y.after_unknown)[k]);
  return [...keys].filter(differs).sort();
}

function asRecord(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** JSON with object keys sorted: key order in Terraform's output is not part of the meaning. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(
          Object.entries(value as Record<string, unknown>).sort(([p], [q]) => (p < q ? -1 : p > q ? 1 : 0)),
        )
      : value,
  );
}
