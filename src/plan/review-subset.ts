/**
 * What of a plan stays in memory for the review: a fleet-wide run holds one plan per customer, and
 * a full `terraform show -json` is several times what the summary reads. The runner keeps this
 * subset of each plan it makes, and `summarize` rebuilds the same subset from a shard's plan.json,
 * so that a merged summary is byte-identical to a single run's.
 */
import type { TerraformPlanJson, TerraformResourceChange } from './types';

/**
 * `plan.json` of a stack whose plan is empty (terraform plan -detailed-exitcode exited 0): written by
 * linkforge instead of `terraform show -json`, which would list only no-op entries. Every reader of
 * plan.json (summary, summarize, the deploy gate in same-plan.ts) ignores no-op entries, so it
 * means the same; `linkforge_no_changes` says where it came from.
 */
export const NO_CHANGES_PLAN: TerraformPlanJson & { readonly linkforge_no_changes: string } = {
  format_version: '1.2',
  linkforge_no_changes: 'terraform plan -detailed-exitcode exited 0: no changes, show -json skipped',
  resource_changes: [],
};

/**
 * Keep only what the review summary reads (TerraformPlanJson): a full plan JSON also carries the
 * configuration, prior state and planned values, several times the size, and a fleet-wide run
 * holds one per customer in memory. The complete JSON stays in plan.json.
 */
export function reviewSubset(plan: TerraformPlanJson): TerraformPlanJson {
  const resource_changes = (plan.resource_changes ?? []).map((rc): TerraformResourceChange => ({
    address: rc.address,
    type: rc.type,
    name: rc.name,
    change: {
      actions: rc.change.actions,
      before: rc.change.before,
      after: rc.change.after,
      ...(rc.change.replace_paths ? { replace_paths: rc.change.replace_paths } : {}),
      // What the summary needs to list changed attributes: unknown values, and the sensitivity
      // masks (the values themselves are already redacted).
      ...(rc.change.after_unknown !== undefined ? { after_unknown: rc.change.after_unknown } : {}),
      ...(rc.change.before_sensitive !== undefined ? { before_sensitive: rc.change.before_sensitive } : {}),
      ...(rc.change.after_sensitive !== undefined ? { after_sensitive: rc.change.after_sensitive } : {}),
    },
    ...(rc.action_reason ? { action_reason: rc.action_reason } : {}),
  }));
  return {
    format_version: plan.format_version,
    resource_changes,
    ...(plan.output_changes ? { output_changes: plan.output_changes } : {}),
  };
}
