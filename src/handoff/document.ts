/**
 * The handoff document of one customer as data (built by model.ts, rendered by render.ts): the
 * values, the numbered steps, what is pending, and the picture.
 */
import type { Customer } from '../config/types';
import type { StackOutputs } from './outputs';
import type { Sentence } from './text';
import type { Parameter } from './tunnel-parameters';

/** A row of the values table: a value, or why it is not known yet. */
export interface ValueRow {
  readonly label: string;
  readonly value?: string;
  /** Why the value is missing (set exactly when `value` is undefined). */
  readonly pending?: string;
}

/** One numbered step for the customer. */
export interface Step {
  readonly title: string;
  readonly paragraphs: readonly Sentence[];
  /** Shell commands (values already shell-quoted), shown as one code block. */
  readonly commands?: readonly string[];
  /** Done already (for example a peering the file records as accepted): shown, not numbered as open. */
  readonly done?: boolean;
}

/** Per-tunnel sheet of a VPN: one column per tunnel the customer configures. */
export interface TunnelSheet {
  readonly tunnels: readonly {
    readonly number: 1 | 2;
    readonly rows: readonly ValueRow[];
  }[];
  /** Parameters shared by every tunnel. */
  readonly parameters: readonly Parameter[];
}

/** The picture: the vendor VPC and its subnets, the link, the customer's networks. */
export interface Topology {
  readonly vendor: {
    readonly region: string;
    readonly cidr: string;
    readonly vpcId?: string;
    readonly subnets: readonly { readonly cidr: string; readonly zone: string }[];
  };
  readonly link: { readonly kind: string; readonly id?: string; readonly detail?: string };
  readonly customer: { readonly label: string; readonly networks: readonly string[] };
}

export interface Handoff {
  readonly id: string;
  readonly name: string;
  readonly type: Customer['connectivity']['type'];
  /** Whether the stack's state has outputs (it has been deployed). */
  readonly deployed: boolean;
  readonly values: readonly ValueRow[];
  readonly tunnels?: TunnelSheet;
  /** Before deploy, or when outputs are missing: what is pending and what the customer must do first. */
  readonly pending: readonly Sentence[];
  readonly steps: readonly Step[];
  /** Things the platform team must know before sending (file and state disagree, …). */
  readonly warnings: readonly Sentence[];
  /** What the platform team does to complete the handoff (never part of the customer's steps). */
  readonly platformSteps: readonly Sentence[];
  readonly topology: Topology;
  /** AWS's sample configuration for the customer's device, pre-shared keys removed. */
  readonly deviceConfiguration?: { readonly device: string; readonly text: string };
}

/** What AWS said about the peering request (`handoff --live`). */
export interface PeeringLiveInfo {
  readonly status?: string;
  /** ISO 8601; AWS's `ExpirationTime` of a pending request. */
  readonly expiresAt?: string;
}

export interface HandoffInput {
  readonly customer: Customer;
  /** The customer file, for messages (`customers/acme-corp.yaml`). */
  readonly file: string;
  /** The stack's outputs; undefined when the state has none (not deployed yet, or destroyed). */
  readonly outputs?: StackOutputs;
  /** The two availability zones of the vendor subnets (platform settings). */
  readonly availabilityZones: readonly [string, string];
  readonly peering?: PeeringLiveInfo;
  readonly deviceConfiguration?: { readonly device: string; readonly text: string };
}
