/**
 * Shared types between the plan runner (src/terraform, src/cli/plan.ts) and the pull-request
 * layer (src/pr: affected customers, summary rendering, removed-customer checks).
 */
import type { Connectivity } from '../config/types';

/** Subset of `terraform show -json <planfile>` that the summary reads. */
export interface TerraformPlanJson {
  readonly format_version?: string;
  readonly resource_changes?: readonly TerraformResourceChange[];
  readonly output_changes?: Record<string, { readonly actions: readonly string[] }>;
}

export interface TerraformResourceChange {
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly change: {
    readonly actions: readonly ('no-op' | 'create' | 'read' | 'update' | 'delete')[];
    readonly before?: unknown;
    readonly after?: unknown;
    /** Attribute paths that force replacement, e.g. [["customer_gateway_id"]]. */
    readonly replace_paths?: readonly (readonly (string | number)[])[];
    /** Mirrors `after`: `true` where a value is known only after apply. */
    readonly after_unknown?: unknown;
    /** Mirror `before` / `after`: `true` where a value is sensitive. */
    readonly before_sensitive?: unknown;
    readonly after_sensitive?: unknown;
  };
  readonly action_reason?: string;
}

export type StackPlanStatus =
  | 'planned' // terraform plan succeeded (may have no changes)
  | 'failed' // init or plan failed
  | 'refused' // not planned on purpose (e.g. a removed customer that still has state)
  | 'interrupted'; // stopped or never started because the run was interrupted (SIGINT, SIGTERM)

export interface StackPlanResult {
  /** Customer id (= stack name). */
  readonly id: string;
  /** Connectivity type, or undefined for a customer whose file was removed. */
  readonly connectivityType?: Connectivity['type'];
  /** The customer file says `decommission: true` (the plan is a destroy plan). */
  readonly decommission: boolean;
  readonly status: StackPlanStatus;
  /** Parsed `terraform show -json` of the plan file when status is 'planned'. */
  readonly plan?: TerraformPlanJson;
  /** Path of the saved plan file / plan JSON, relative to the project. */
  readonly planFile?: string;
  readonly planJsonFile?: string;
  /** One-paragraph reason when failed or refused (terraform's error, trimmed). */
  readonly error?: string;
  readonly durationMs: number;
  /**
   * Planned offline: against empty throw-away state, without credentials, so what is deployed
   * cannot be seen (every customer looks new; removals, replacements and drift are invisible).
   * @default false
   */
  readonly offline?: boolean;
}
