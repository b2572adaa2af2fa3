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

interface Module {
  resources?: { values?: Json; sensitive_values?: Json }[];
  child_modules?: Module[];
}

function redactModule(mod: Module | undefined): void {
  if (!mod) return;
  for (const r of mod.resources ?? []) {
    if (r.sensitive_values !== undefined) r.values = applyMask(r.values, r.sensitive_values);
  }
  for (const child of mod.child_modules ?? []) redactModule(child);
}

interface Values {
  root_module?: Module;
  outputs?: Record<string, { sensitive?: boolean; value?: Json }>;
}

function redactValues(values: Values | undefined): void {
  if (!values) return;
  redactModule(values.root_module);
  for (const o of Object.values(values.outputs ?? {})) {
    if (o.sensitive && o.value !== undefined) o.value = REDACTED;
  }
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

/** A redacted deep copy of a parsed `terraform show -json` plan. */
export function redactPlan<T>(plan: T): T {
  const copy = structuredClone(plan) as T & {
    resource_changes?: { change?: Change }[];
    resource_drift?: { change?: Change }[];
    output_changes?: Record<string, Change>;
    planned_values?: Values;
    prior_state?: { values?: Values };
  };
  for (const rc of copy.resource_changes ?? []) redactChange(rc.change);
  for (const rc of copy.resource_drift ?? []) redactChange(rc.change);
  for (const oc of Object.values(copy.output_changes ?? {})) redactChange(oc);
  redactValues(copy.planned_values);
  redactValues(copy.prior_state?.values);
  return copy;
}
