/**
 * The plan model: what a Terraform plan JSON holds (the part linkforge reads), a synthesized stack
 * to plan, and the result of planning one. Types only: the runner (src/terraform), the review
 * layer (src/pr), the shard merge (src/shards) and the pipeline (src/plan/pipeline.ts) all speak
 * them, and none of them has to import another to do so.
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

/** A synthesized stack directory to plan (what `synthesize()` returns per customer). */
export interface SynthesizedStack {
  readonly id: string;
  /** The stack's working directory, `<outdir>/stacks/<id>`, holding its `cdk.tf.json`. */
  readonly dir: string;
  /** Plan the destruction of the stack (`terraform plan -destroy`). */
  readonly decommission: boolean;
  /** Always set by synthesize(); the runner itself plans any stack directory without it. */
  readonly connectivityType?: Connectivity['type'];
  /**
   * A peering customer whose file says `accepted: true`: a peering the plan creates is then a new
   * request the customer must accept again (src/pr/destructive.ts). @default false
   */
  readonly peeringAccepted?: boolean;
}

/** Terraform's "Plan: X to add, Y to change, Z to destroy", counted from `resource_changes`. */
export interface ChangeCounts {
  readonly add: number;
  readonly change: number;
  readonly destroy: number;
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
  /** See SynthesizedStack.peeringAccepted. @default false */
  readonly peeringAccepted?: boolean;
}

/** Wall time of each step of one stack, in milliseconds. */
export interface StackTimings {
  readonly init?: number;
  readonly validate?: number;
  readonly plan?: number;
  readonly show?: number;
}

/** A result as the runner returns it and plan-results.json records it. */
export interface StackRunResult extends StackPlanResult {
  readonly counts?: ChangeCounts;
  readonly timings: StackTimings;
}
