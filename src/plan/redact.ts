/**
 * Redact sensitive values from `terraform show -json` output before it is written anywhere.
 *
 * Terraform's JSON plan carries sensitive values IN CLEAR TEXT (only marked, in the parallel
 * `*_sensitive` / `sensitive_values` masks): a VPN connection's prior state holds the tunnels'
 * pre-shared keys. plan.json is uploaded as a CI artifact and read by the review summary, so every
 * value the mask marks is replaced by a fixed marker. The saved binary plan (plan.tfplan) still
 * holds them; it is never uploaded.
 * https://developer.hashicorp.com/terraform/internals/json-format
 */

export const REDACTED = '(sensitive value)';

type Json = unknown;

/** Replace every part of `value` that `mask` marks `true` (the mask mirrors the value's shape). */
export function applyMask(value: Json, mask: Json): Json {
  if (mask === true) return value === null || value === undefined ? value : REDACTED;
  if (mask === null || typeof mask !== 'object' || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const m = Array.isArray(mask) ? mask : [];
    return value.map((v, i) => applyMask(v, m[i]));
  }
  const m = mask as Record<string, Json>;
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(value as Record<string, Json>)) out[k] = applyMask(v, m[k]);
  return out;
}

interface Change {
  before?: Json;
  after?: Json;
  before_sensitive?: Json;
  after_sensitive?: Json;
}

function redactChange(change: Change | undefined): void {
  if (!change) return;
  if (change.before_sensitive !== undefined)
    change.before = applyMask(change.before, change.before_sensitive);
  if (change.after_sensitive !== undefined) change.after = applyMask(change.after, change.after_sensitive);
}

/**
 * What plan.json keeps of `terraform show -json`: the format version, `resource_changes` and
 * `output_changes`, each masked by its `before_sensitive`/`after_sensitive`. Everything else is
 * dropped, not redacted: `variables` (a sensitive variable's value in clear), `configuration` (a
 * sensitive literal, as written), `planned_values` and `prior_state` (whole resources, masked only
 * by `sensitive_values`, which misses values marked sensitive in configuration), `resource_drift`.
 * The summary and the deploy gate need nothing more; the digest the gate compares is computed
 * before this, on the unredacted changes.
 */
export function redactPlan<T>(plan: T): T {
  const source = plan as T & {
    format_version?: string;
    resource_changes?: { change?: Change }[];
    output_changes?: Record<string, Change>;
  };
  const kept: Record<string, unknown> = {};
  if (source.format_version !== undefined) kept.format_version = source.format_version;
  if (source.resource_changes !== undefined) {
    const changes = structuredClone(source.resource_changes);
    for (const rc of changes) redactChange(rc.change);
    kept.resource_changes = changes;
  }
  if (source.output_changes !== undefined) {
    const outputs = structuredClone(source.output_changes);
    for (const oc of Object.values(outputs)) redactChange(oc);
    kept.output_changes = outputs;
  }
  return kept as T;
}
