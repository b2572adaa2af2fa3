/**
 * Destructive changes to connectivity: the resources whose replacement or destruction the customer
 * feels (new tunnel addresses and keys to configure, or a new peering request to accept), found in
 * a plan's `resource_changes`. Pure: the summary renders what this returns.
 */
import type { TerraformPlanJson, TerraformResourceChange } from '../plan/types';
import { formatPath } from '../text/field-path';

/** What replacing or destroying each connectivity resource type means for the customer. */
const CONSEQUENCES: Readonly<Record<string, { readonly replace: string; readonly destroy: string }>> = {
  aws_vpn_connection: {
    replace:
      'AWS creates a new VPN connection with new tunnel outside IP addresses and new pre-shared keys: ' +
      'the tunnels are down until the customer reconfigures their VPN device with the new configuration.',
    destroy: 'The VPN connection is deleted: the tunnels go down and traffic to the customer stops.',
  },
  aws_customer_gateway: {
    // The stacks create the new gateway first (create_before_destroy): a delete-first replacement
    // fails at apply because AWS refuses to delete a gateway a VPN connection uses.
    replace:
      'AWS creates a new customer gateway, then the VPN connection is modified in place to use it ' +
      '(ModifyVpnConnection): both tunnels go down while AWS provisions new tunnel endpoints and come back ' +
      "when they renegotiate with the customer's device, which must by then use the new IP address, BGP ASN " +
      'or device settings. The AWS-side tunnel outside addresses, tunnel options and pre-shared keys stay ' +
      'the same. The old customer gateway is deleted last.',
    destroy: 'The customer gateway is deleted: the VPN connection that uses it cannot stay up.',
  },
  aws_vpn_gateway: {
    replace:
      'A new virtual private gateway means a new VPN connection on it, with new tunnel outside IP addresses ' +
      'and pre-shared keys: the customer must reconfigure their VPN device.',
    destroy: 'The virtual private gateway is deleted: every VPN connection on it goes down.',
  },
  aws_ec2_transit_gateway_vpc_attachment: {
    replace:
      'AWS creates a new transit gateway attachment: traffic through the transit gateway stops until the ' +
      'customer accepts the new attachment in their account, associates it with a route table and ' +
      'propagates it again (the routes to the transit gateway are recreated with it).',
    destroy:
      "The transit gateway attachment is deleted: traffic between the vendor VPC and the customer's " +
      'networks stops, and reconnecting means a new attachment the customer must accept again.',
  },
  aws_ram_resource_share_accepter: {
    replace:
      "The vendor account leaves the customer's resource share and accepts the new one: the customer must " +
      'share the transit gateway with the vendor account again (a pending invitation for the new share) ' +
      'before the deploy can succeed, and any attachment that depended on the old share must be accepted again.',
    destroy:
      "The vendor account leaves the customer's resource share: the transit gateway is no longer shared " +
      'with it, and reconnecting needs a new share and a new attachment the customer must accept again.',
  },
  aws_vpc_peering_connection: {
    replace:
      'AWS sends a new peering request: traffic stops until the customer accepts it again in their account ' +
      '(and `accepted: true` is deployed again).',
    destroy: 'The peering connection is deleted: traffic between the customer VPC and the vendor VPC stops.',
  },
};

/**
 * A peering planned as a new create where one existed: the provider drops a peering from the state
 * when AWS reports it expired (not accepted within 7 days), rejected, failed or deleted, and the
 * plan then sends a brand-new request.
 */
const NEW_PEERING_REQUEST =
  'New peering request: the customer must accept again. The peering this stack had is gone: it expired ' +
  '(not accepted within 7 days), was rejected, or was deleted outside linkforge. Until the customer ' +
  'accepts the new request in their account, traffic does not flow; set `accepted: false` in the file if it says true.';

/** A customer gateway replaced delete-first (a configuration without create_before_destroy). */
const DELETE_FIRST_GATEWAY =
  'This plan deletes the customer gateway before creating the new one, and AWS refuses to delete a ' +
  'customer gateway a VPN connection still uses (IncorrectState): the apply will fail. The stacks ' +
  'linkforge synthesizes create the new gateway first; this configuration does not.';

/**
 * Attributes whose values the summary may quote. An allow-list, because the plan JSON also carries
 * sensitive values (pre-shared keys among them) and the summary ends up in a pull-request comment.
 */
const QUOTABLE_ATTRIBUTES: ReadonlySet<string> = new Set([
  'amazon_side_asn',
  'bgp_asn',
  'bgp_asn_extended',
  'share_arn',
  'customer_gateway_id',
  'device_name',
  'ip_address',
  'peer_owner_id',
  'peer_region',
  'peer_vpc_id',
  'static_routes_only',
  'transit_gateway_id',
  'tunnel1_inside_cidr',
  'tunnel2_inside_cidr',
  'type',
  'vpc_id',
  'vpn_gateway_id',
]);

export interface ForcingAttribute {
  /** Attribute path as Terraform writes it in HCL: `bgp_asn`, `tunnel1_log_options[0].x`. */
  readonly path: string;
  /** `before → after`, only for quotable scalar attributes. */
  readonly values?: string;
}

export interface DestructiveChange {
  readonly address: string;
  readonly type: string;
  /**
   * `new-request`: a peering connection planned as a plain create in a stack that already has
   * resources: the request in the state is gone, and AWS will send the customer a new one.
   */
  readonly kind: 'replace' | 'destroy' | 'new-request';
  /** The attributes that force the replacement (empty for a destroy, or when none can be named). */
  readonly forcedBy: readonly ForcingAttribute[];
  /** Why Terraform replaces or deletes it, when the plan says something more useful than the attributes. */
  readonly reason?: string;
  /** What it means for the customer. */
  readonly consequence: string;
}

/** Every replacement or destruction of a connectivity resource in `plan`, by address. */
export function destructiveChanges(
  plan: TerraformPlanJson | undefined,
  opts: { readonly peeringAccepted?: boolean } = {},
): DestructiveChange[] {
  const found: DestructiveChange[] = [];
  const changes = plan?.resource_changes ?? [];
  // Anything planned other than a plain create is in the state already: the stack exists.
  const stackExists = changes.some(
    (rc) => !(rc.change.actions.length === 1 && rc.change.actions[0] === 'create'),
  );
  for (const rc of changes) {
    const created = rc.change.actions.length === 1 && rc.change.actions[0] === 'create';
    if (rc.type === 'aws_vpc_peering_connection' && created && (stackExists || opts.peeringAccepted)) {
      found.push({
        address: rc.address,
        type: rc.type,
        kind: 'new-request',
        forcedBy: [],
        reason: stackExists
          ? 'the stack exists but its peering connection is gone from the state'
          : 'the customer file says accepted: true, yet the plan creates the peering',
        consequence: NEW_PEERING_REQUEST,
      });
      continue;
    }
    const consequences = CONSEQUENCES[rc.type];
    const actions = rc.change.actions;
    if (!consequences || !actions.includes('delete')) continue;
    const kind = actions.includes('create') ? 'replace' : 'destroy';
    found.push({
      address: rc.address,
      type: rc.type,
      kind,
      forcedBy: kind === 'replace' ? forcingAttributes(rc) : [],
      reason: REASONS[rc.action_reason ?? ''],
      consequence:
        kind === 'replace' && rc.type === 'aws_customer_gateway' && actions[0] === 'delete'
          ? DELETE_FIRST_GATEWAY
          : consequences[kind],
    });
  }
  return found.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
}

/** Terraform's `action_reason` values that say more than an attribute list would. */
const REASONS: Readonly<Record<string, string>> = {
  replace_because_tainted: 'the resource is tainted',
  replace_by_request: 'replacement was requested (-replace)',
  replace_by_triggers: 'a replace_triggered_by reference changed',
  delete_because_no_resource_config: 'it is no longer in the configuration',
  delete_because_no_module: 'its module is no longer in the configuration',
  delete_because_wrong_repetition: 'its count/for_each changed',
  delete_because_count_index: 'its count index is no longer in range',
  delete_because_each_key: 'its for_each key is gone',
};

/**
 * The attributes that force a replacement: Terraform's `replace_paths` when it gives them; else
 * (older plan formats, hand-made JSON) the top-level attributes whose known values differ, which
 * names the culprit in the common case of one changed argument.
 */
export function forcingAttributes(rc: TerraformResourceChange): ForcingAttribute[] {
  const before = asRecord(rc.change.before);
  const after = asRecord(rc.change.after);
  let paths: (readonly (string | number)[])[];
  if (rc.change.replace_paths && rc.change.replace_paths.length > 0) {
    paths = [...rc.change.replace_paths];
  } else {
    // An attribute missing from `after` is unknown until apply (Terraform omits unknown values),
    // and "" → null is the provider normalising an unset argument: neither is the cause.
    paths = Object.keys(after)
      .filter(
        (k) => k in before && !(isEmpty(before[k]) && isEmpty(after[k])) && !sameJson(before[k], after[k]),
      )
      .map((k) => [k]);
  }
  const seen = new Set<string>();
  const out: ForcingAttribute[] = [];
  for (const p of paths) {
    const text = formatPath(p);
    if (seen.has(text)) continue;
    seen.add(text);
    out.push({ path: text, values: quote(p, before, after) });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function quote(
  p: readonly (string | number)[],
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): string | undefined {
  if (p.length !== 1 || typeof p[0] !== 'string' || !QUOTABLE_ATTRIBUTES.has(p[0])) return undefined;
  const show = (v: unknown): string | undefined =>
    v === null ? 'null' : typeof v === 'object' || v === undefined ? undefined : JSON.stringify(v);
  const b = show(before[p[0]]);
  // `terraform show -json` leaves unknown values out of `after`.
  const a = p[0] in after ? show(after[p[0]]) : '(known after apply)';
  return b !== undefined && a !== undefined ? `${b} → ${a}` : undefined;
}

function asRecord(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function isEmpty(v: unknown): boolean {
  return (
    v === null ||
    v === '' ||
    (Array.isArray(v) && v.length === 0) ||
    (typeof v === 'object' && v !== null && Object.keys(v).length === 0)
  );
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
