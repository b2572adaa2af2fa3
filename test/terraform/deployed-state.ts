/**
 * TEST TOOL ONLY — never used by linkforge itself. Turns a stack's planned values (what a plan of
 * a new customer says it will create) into a Terraform state that looks as if the stack had been
 * deployed, so a change to a deployed customer can be planned by real Terraform and the real AWS
 * provider with `-refresh=false` (no AWS call: the provider trusts the state as it is).
 *
 * What it cannot know, it invents: every value that is "known after apply" (ids, ARNs, tunnel
 * addresses) becomes a fake but well-formed value derived from the address. References between
 * resources resolve to those fake ids, so a later plan compares configuration with state exactly
 * as it would after a real apply. Nothing here is ever written next to real state.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

interface PlannedResource {
  readonly address: string;
  readonly mode: string;
  readonly type: string;
  readonly name: string;
  readonly index?: number | string;
  readonly provider_name: string;
  readonly schema_version?: number;
  readonly values: Record<string, unknown>;
}

interface PlanJson {
  readonly planned_values?: { readonly root_module?: { readonly resources?: readonly PlannedResource[] } };
  readonly resource_changes?: readonly {
    readonly address: string;
    readonly change: { readonly after_unknown?: unknown };
  }[];
}

/** A fake AWS-style id for an unknown attribute: `vpc-0a1b…` for aws_vpc.id, else a readable token. */
function fakeValue(type: string, address: string, attr: string): string {
  let h = 0;
  for (const c of `${address}.${attr}`) h = (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0;
  const hex = h.toString(16).padStart(8, '0') + '0f1e2d3c4';
  const prefixes: Record<string, string> = {
    aws_vpc: 'vpc',
    aws_subnet: 'subnet',
    aws_route_table: 'rtb',
    aws_security_group: 'sg',
    aws_default_security_group: 'sg',
    aws_vpc_peering_connection: 'pcx',
    aws_vpn_gateway: 'vgw',
    aws_customer_gateway: 'cgw',
    aws_vpn_connection: 'vpn',
    aws_nat_gateway: 'nat',
    aws_eip: 'eipalloc',
    aws_internet_gateway: 'igw',
    aws_ec2_transit_gateway_vpc_attachment: 'tgw-attach',
  };
  if (attr === 'id' && prefixes[type]) return `${prefixes[type]}-${hex.slice(0, 17)}`;
  if (attr === 'arn') return `arn:aws:ec2:eu-west-1:123456789012:${type}/${hex.slice(0, 17)}`;
  if (attr.endsWith('_address') || attr === 'public_ip' || attr === 'private_ip') {
    return `198.51.100.${(h % 250) + 1}`;
  }
  return `fake-${attr}-${hex.slice(0, 8)}`;
}

/** A fake value of the attribute's schema type: strings get a well-formed id, others a zero value. */
function fakeOfType(r: PlannedResource, attr: string, type: unknown): unknown {
  if (type === 'bool') return false;
  if (type === 'number') return 0;
  if (Array.isArray(type)) return type[0] === 'map' || type[0] === 'object' ? {} : [];
  return fakeValue(r.type, r.address, attr);
}

/** Fill every top-level attribute the plan left unknown with a fake value of its schema type. */
function fillUnknown(
  r: PlannedResource,
  afterUnknown: unknown,
  types: Record<string, unknown>,
): Record<string, unknown> {
  const values = { ...r.values };
  const unknown = (afterUnknown ?? {}) as Record<string, unknown>;
  for (const [attr, isUnknown] of Object.entries(unknown)) {
    if (isUnknown === true) values[attr] = fakeOfType(r, attr, types[attr]);
  }
  if (values.id === undefined || values.id === null) values.id = fakeValue(r.type, r.address, 'id');
  return values;
}

/**
 * The provider's current schema version of each resource type, from `terraform providers schema
 * -json` in an initialised stack directory: a state written with the wrong version would make
 * Terraform "upgrade" it through the provider's migration code.
 */
export interface ProviderSchemas {
  /** Current schema version of each resource type. */
  readonly versions: Record<string, number>;
  /** Each resource type's top-level attribute types (`"string"`, `"bool"`, `["list", "string"]`). */
  readonly attributeTypes: Record<string, Record<string, unknown>>;
}

export function providerSchemas(stackDir: string, env: NodeJS.ProcessEnv): ProviderSchemas {
  const out = execFileSync(process.env.LINKFORGE_TERRAFORM || 'terraform', ['providers', 'schema', '-json'], {
    cwd: stackDir,
    env,
    maxBuffer: 512 * 1024 * 1024,
    encoding: 'utf8',
  });
  const schemas = JSON.parse(out) as {
    provider_schemas: Record<
      string,
      {
        resource_schemas?: Record<
          string,
          {
            version?: number;
            block?: {
              attributes?: Record<string, { type?: unknown }>;
              block_types?: Record<string, { nesting_mode?: string }>;
            };
          }
        >;
      }
    >;
  };
  const versions: Record<string, number> = {};
  const attributeTypes: Record<string, Record<string, unknown>> = {};
  for (const p of Object.values(schemas.provider_schemas)) {
    for (const [type, s] of Object.entries(p.resource_schemas ?? {})) {
      versions[type] = s.version ?? 0;
      attributeTypes[type] = Object.fromEntries([
        ...Object.entries(s.block?.attributes ?? {}).map(([name, a]) => [name, a.type]),
        // Nested blocks are lists (or sets) of objects in state; a single block is an object.
        ...Object.entries(s.block?.block_types ?? {}).map(([name, b]) => [
          name,
          b.nesting_mode === 'single' || b.nesting_mode === 'group' ? ['object'] : ['list'],
        ]),
      ]);
    }
  }
  return { versions, attributeTypes };
}

/** A version-4 Terraform state holding the planned resources of `planJson` as if applied. */
export function deployedStateFromPlan(
  planJson: PlanJson,
  { versions, attributeTypes }: ProviderSchemas,
  lineage = '00000000-0000-4000-8000-00000000d2d2',
): unknown {
  const unknownByAddress = new Map(
    (planJson.resource_changes ?? []).map((rc) => [rc.address, rc.change.after_unknown]),
  );
  const resources = new Map<
    string,
    { mode: string; type: string; name: string; provider: string; instances: unknown[] }
  >();
  for (const r of planJson.planned_values?.root_module?.resources ?? []) {
    if (r.mode !== 'managed') continue;
    const key = `${r.type}.${r.name}`;
    const entry = resources.get(key) ?? {
      mode: 'managed',
      type: r.type,
      name: r.name,
      provider: `provider["${r.provider_name}"]`,
      instances: [],
    };
    entry.instances.push({
      ...(r.index !== undefined ? { index_key: r.index } : {}),
      schema_version: versions[r.type] ?? r.schema_version ?? 0,
      attributes: fillUnknown(r, unknownByAddress.get(r.address), attributeTypes[r.type] ?? {}),
      sensitive_attributes: [],
    });
    resources.set(key, entry);
  }
  return {
    version: 4,
    terraform_version: '1.11.4',
    serial: 1,
    lineage,
    outputs: {},
    resources: [...resources.values()],
    check_results: null,
  };
}

/** Write `state` where a local backend (or an offline plan) of customer `id` reads it. */
export function writeDeployedState(stateDir: string, id: string, state: unknown): string {
  const file = path.join(stateDir, id, 'terraform.tfstate');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(state, null, 2));
  return file;
}
