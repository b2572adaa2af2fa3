/**
 * The contract every semantic rule follows (one rule per file in this folder, cdk-nag style).
 *
 * A rule is a pure function: typed config in, findings out. It never reads files, never throws on
 * valid-schema input, and never looks at YAML: the loader maps each finding's `path` back to a line
 * and column in the file.
 */
import type { FleetIndex } from '../fleet-index';
import type { Customer, LoadedCustomer } from '../types';
import type { PlatformSettings } from '../settings';
import type { Severity } from '../diagnostics';
import type { CustomerDocument } from '../schema';

/** A path into the customer document: keys and array indexes, e.g. ['connectivity', 'peer', 'cidrs', 0]. */
export type FieldPath = readonly (string | number)[];

export interface Finding {
  readonly severity: Severity;
  /** The rule's stable code (a rule may own more than one, e.g. an error and a warning). */
  readonly code: string;
  /** Where the problem is. For a missing key: the path of the key itself; the loader points at its parent. */
  readonly path: FieldPath;
  /** Received value, expectation and fix (the field path is printed before it by the formatter). */
  readonly message: string;
  /** Point at the key instead of its value (unknown keys, keys that must not be there). @default 'value' */
  readonly target?: 'key' | 'value';
}

export interface RuleContext {
  /** The customer being checked, defaults applied. */
  readonly customer: Customer;
  /**
   * The document as written (schema-valid, no defaults applied): lets a rule tell a default from
   * an explicit value, e.g. to point at `peer.region` when `region` is left out.
   */
  readonly document: CustomerDocument;
  /** File name without directory and extension (`acme-corp` for `customers/acme-corp.yaml`). */
  readonly fileStem: string;
  /** Path of this customer's file, as shown in diagnostics. */
  readonly file: string;
  /**
   * Every other customer that passed the schema. Building this list costs O(n) per file, and a rule
   * that scans it from every file costs O(n²) per run: cross-file checks use `fleet` instead.
   */
  readonly others: readonly LoadedCustomer[];
  /** Every customer that passed the schema (this one included), indexed once per run. */
  readonly fleet: FleetIndex;
  readonly settings: PlatformSettings;
}

export interface Rule {
  /** Codes this rule can emit (documented in docs/diagnostics.md). */
  readonly codes: readonly string[];
  /** One line: what the rule protects against. */
  readonly description: string;
  check(ctx: RuleContext): Finding[];
}

// The document as written, derived from the schema (../schema.ts); re-exported for the rules.
export type {
  CustomerDocument,
  PhaseDocument,
  SiteToSiteVpnDocument,
  TransitGatewayDocument,
  VpcPeeringDocument,
} from '../schema';
