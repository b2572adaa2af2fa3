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

/**
 * The customer document exactly as the schema allows it to be written: every optional field
 * optional, no defaults applied. Produced by the loader after the schema check passes.
 */
export interface CustomerDocument {
  readonly id: string;
  readonly name: string;
  readonly orgId: string;
  readonly plan: 'enterprise' | 'team';
  readonly addOns?: readonly string[];
  readonly region?: string;
  readonly vendorCidr?: string;
  readonly decommission?: boolean;
  readonly connectivity: VpcPeeringDocument | SiteToSiteVpnDocument | TransitGatewayDocument;
}

export interface VpcPeeringDocument {
  readonly type: 'vpc-peering';
  readonly peer: {
    readonly accountId: string;
    readonly vpcId: string;
    readonly region: string;
    readonly cidrs: readonly string[];
  };
  readonly routes?: readonly string[];
  readonly allowedTcpPorts?: readonly (number | string)[];
  readonly accepted?: boolean;
  readonly dnsResolution?: boolean;
}

export interface SiteToSiteVpnDocument {
  readonly type: 'site-to-site-vpn';
  readonly customerGateway: { readonly ip: string; readonly bgpAsn?: number; readonly deviceName?: string };
  readonly routing?: 'bgp' | 'static';
  readonly cidrs?: readonly string[];
  readonly tunnels?: 1 | 2;
  readonly ikeVersion?: 'ikev1' | 'ikev2';
  readonly allowedTcpPorts?: readonly (number | string)[];
  readonly natGateway?: boolean;
  readonly amazonSideAsn?: number;
  readonly tunnelOptions?: {
    readonly insideCidrs?: readonly string[];
    readonly phase1?: PhaseDocument;
    readonly phase2?: PhaseDocument;
    readonly rekeyMarginSeconds?: number;
    readonly dpdTimeoutSeconds?: number;
    readonly dpdTimeoutAction?: 'clear' | 'none' | 'restart';
    readonly startupAction?: 'add' | 'start';
  };
}

export interface TransitGatewayDocument {
  readonly type: 'transit-gateway';
  readonly transitGateway: {
    readonly id: string;
    readonly accountId: string;
    readonly resourceShareArn: string;
  };
  readonly cidrs: readonly string[];
  readonly allowedTcpPorts?: readonly (number | string)[];
  readonly accepted?: boolean;
}

export interface PhaseDocument {
  readonly lifetimeSeconds?: number;
  readonly encryption?: readonly string[];
  readonly integrity?: readonly string[];
  readonly dhGroups?: readonly number[];
}
