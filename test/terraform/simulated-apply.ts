/**
 * TEST TOOL ONLY, never used by linkforge itself (it replaced test/terraform/deployed-state.ts, whose
 * invented reference values made re-plans disagree with a real apply).
 *
 * "Apply" a plan without AWS, for tests of changes to an already deployed stack: the state an apply
 * of `plan` would have left, built from its planned values. Nothing can be applied offline, so the
 * values AWS would have computed (ids, ARNs, owner ids, ...) are filled in:
 * - an unknown attribute whose configuration refers to another resource's attribute takes that
 *   value (`vpc_id = aws_vpc.x.id` gets the id given to `aws_vpc.x`), so a re-plan sees the same
 *   references it would after a real apply;
 * - every other unknown attribute gets a placeholder of its schema type (ids shaped like AWS's).
 *
 * Then `terraform plan -refresh=false` against the state shows what a change to the customer file
 * does to the deployed stack, as regenerate.sh does for test/fixtures/plans. A real refresh would
 * also read AWS; what a refresh would change (the provider's read of each resource) is out of reach
 * offline, which docs/stacks.md says where it matters (the transit gateway's owner-only arguments).
 */
import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

/** The parts of `terraform providers schema -json` used here. */
export interface ProviderSchemas {
  readonly provider_schemas: Record<
    string,
    { readonly resource_schemas: Record<string, { version: number; block: SchemaBlock }> }
  >;
}
interface SchemaBlock {
  readonly attributes?: Record<string, { type?: Json; computed?: boolean }>;
  readonly block_types?: Record<string, { nesting_mode: string; block: SchemaBlock }>;
}

const AWS = 'registry.terraform.io/hashicorp/aws';

/** AWS's id prefixes for the resource types of the stacks (others get `id-`). */
const ID_PREFIX: Record<string, string> = {
  aws_vpc: 'vpc',
  aws_subnet: 'subnet',
  aws_route_table: 'rtb',
  aws_route_table_association: 'rtbassoc',
  aws_default_security_group: 'sg',
  aws_security_group: 'sg',
  aws_vpc_security_group_egress_rule: 'sgr',
  aws_ec2_transit_gateway_vpc_attachment: 'tgw-attach',
  aws_route: 'r-rtb',
  aws_vpc_peering_connection: 'pcx',
  aws_vpn_gateway: 'vgw',
  aws_customer_gateway: 'cgw',
  aws_vpn_connection: 'vpn',
  aws_internet_gateway: 'igw',
  aws_nat_gateway: 'nat',
  aws_eip: 'eipalloc',
};

function hex(seed: string, n: number): string {
  return createHash('sha256').update(seed).digest('hex').slice(0, n);
}

function placeholder(type: Json, seed: string, name: string, resourceType: string): Json {
  if (type === 'string') {
    if (name === 'id') return `${ID_PREFIX[resourceType] ?? 'id'}-${hex(seed, 17)}`;
    if (name === 'arn' || name.endsWith('_arn')) return `arn:aws:simulated:::${seed}`;
    if (name.endsWith('_id')) return `${name.replace(/_id$/, '').replace(/_/g, '-')}-${hex(seed, 17)}`;
    return `simulated-${hex(seed, 8)}`;
  }
  if (type === 'bool') return false;
  if (type === 'number') return 0;
  if (Array.isArray(type) && (type[0] === 'list' || type[0] === 'set')) return [];
  if (Array.isArray(type) && type[0] === 'map') return {};
  return null;
}

/** Whether an `after_unknown` mirror marks anything as unknown. */
function containsUnknown(v: Json): boolean {
  if (v === true) return true;
  if (v && typeof v === 'object') return Object.values(v).some(containsUnknown);
  return false;
}

/** The cty type Terraform records for an output value in state (JSON type syntax). */
function ctyType(v: Json): Json {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return ['tuple', v.map(ctyType)];
  if (v && typeof v === 'object')
    return ['object', Object.fromEntries(Object.entries(v).map(([k, x]) => [k, ctyType(x)]))];
  return 'dynamic';
}

interface Instance {
  type: string;
  name: string;
  address: string;
  values: Record<string, Json>;
  unknown: Record<string, Json>;
  refs: Record<string, string[]>;
  /** The configured value of each attribute with references (cdktf writes `${...}` templates). */
  templates: Record<string, Json>;
  dependsOn: string[];
}

/**
 * The v4 state an apply of `plan` (a create-only plan from `terraform show -json`) would leave, as
 * a JSON string for `terraform.tfstate`.
 */
export function stateFromPlan(plan: Json, schemas: ProviderSchemas): string {
  const resourceSchemas = schemas.provider_schemas[AWS].resource_schemas;
  const config = new Map<string, Json>(
    (plan.configuration?.root_module?.resources ?? []).map((r: Json) => [r.address, r]),
  );
  const instances: Instance[] = [];
  for (const rc of plan.resource_changes ?? []) {
    if (rc.mode !== 'managed' || !rc.change.actions.includes('create')) continue;
    const expressions = config.get(rc.address)?.expressions ?? {};
    const refs: Record<string, string[]> = {};
    const templates: Record<string, Json> = {};
    for (const [attr, expr] of Object.entries<Json>(expressions)) {
      // `aws_vpc.x.id` (type, name, attribute); the bare `aws_vpc.x` is listed too and skipped.
      const attrRefs = (expr?.references ?? []).filter((ref: string) => ref.split('.').length === 3);
      if (attrRefs.length > 0) {
        refs[attr] = attrRefs;
        templates[attr] = expr.constant_value;
      }
    }
    instances.push({
      type: rc.type,
      name: rc.name,
      address: rc.address,
      values: { ...rc.change.after },
      unknown: { ...(rc.change.after_unknown ?? {}) },
      refs,
      templates,
      dependsOn: config.get(rc.address)?.depends_on ?? [],
    });
  }
  const byAddress = new Map(instances.map((i) => [i.address, i]));
  const resolved = (ref: string): Json => {
    const [type, name, attr] = ref.split('.');
    const target = byAddress.get(`${type}.${name}`);
    return target && !target.unknown[attr] ? target.values[attr] : undefined;
  };
  /** A configured value with every `${type.name.attr}` replaced, or undefined while one is unknown. */
  const render = (template: Json): Json => {
    if (typeof template === 'string') {
      const whole = /^\$\{([^}]+)\}$/.exec(template);
      if (whole) return resolved(whole[1]);
      let missing = false;
      const text = template.replace(/\$\{([^}]+)\}/g, (_, ref: string) => {
        const v = resolved(ref);
        if (v === undefined) missing = true;
        return String(v);
      });
      return missing ? undefined : text;
    }
    if (Array.isArray(template)) {
      const items = template.map(render);
      return items.some((v) => v === undefined) ? undefined : items;
    }
    if (template && typeof template === 'object') {
      const entries = Object.entries(template).map(([k, v]) => [k, render(v)]);
      return entries.some(([, v]) => v === undefined) ? undefined : Object.fromEntries(entries);
    }
    return template;
  };
  // First what AWS computes on its own (ids, ARNs, ...): placeholders of the schema's type. Then the
  // attributes that copy another resource's, until nothing moves (a dependency order without
  // computing one).
  for (const inst of instances) {
    const block = resourceSchemas[inst.type].block;
    for (const [attr, isUnknown] of Object.entries(inst.unknown)) {
      if (isUnknown !== true || inst.refs[attr]) continue;
      const type = block.attributes?.[attr]?.type;
      inst.values[attr] =
        type === undefined ? [] : placeholder(type, `${inst.address}.${attr}`, attr, inst.type);
      delete inst.unknown[attr];
    }
  }
  for (let pass = 0; pass <= instances.length; pass++) {
    let moved = false;
    for (const inst of instances) {
      for (const [attr, isUnknown] of Object.entries(inst.unknown)) {
        if (isUnknown !== true) continue;
        const value = render(inst.templates[attr]);
        if (value === undefined) continue;
        inst.values[attr] = value;
        delete inst.unknown[attr];
        moved = true;
      }
    }
    if (!moved) break;
  }
  const left = instances.flatMap((i) =>
    Object.entries(i.unknown)
      .filter(([, u]) => u === true)
      .map(([a]) => `${i.address}.${a}`),
  );
  if (left.length > 0) throw new Error(`simulated apply: unresolved attributes ${left.join(', ')}`);
  // Outputs are part of what an apply leaves in state: without them every re-plan would show
  // "Changes to Outputs" for an unchanged stack.
  const outputs: Record<string, Json> = {};
  const outputConfig = plan.configuration?.root_module?.outputs ?? {};
  for (const [name, oc] of Object.entries<Json>(plan.output_changes ?? {})) {
    if (!oc.actions.includes('create') && !oc.actions.includes('update')) continue;
    // Partly known values (a list of tunnel addresses) are rendered whole from the configuration.
    const value = containsUnknown(oc.after_unknown)
      ? render(outputConfig[name]?.expression?.constant_value)
      : oc.after;
    if (value === undefined) throw new Error(`simulated apply: output ${name} cannot be resolved`);
    outputs[name] = {
      value,
      type: ctyType(value),
      ...(outputConfig[name]?.sensitive ? { sensitive: true } : {}),
    };
  }
  const state = {
    version: 4,
    terraform_version: '1.11.4',
    serial: 1,
    lineage: `5d1c6c1e-0000-4000-8000-${hex(JSON.stringify(plan.planned_values ?? {}), 12)}`,
    outputs,
    resources: instances.map((i) => ({
      mode: 'managed',
      type: i.type,
      name: i.name,
      provider: `provider["${AWS}"]`,
      instances: [
        {
          schema_version: resourceSchemas[i.type].version,
          attributes: i.values,
          sensitive_attributes: [],
          dependencies: [...new Set([...Object.values(i.refs).flat(), ...i.dependsOn])]
            .map((r) => r.split('.').slice(0, 2).join('.'))
            .filter((r, k, all) => all.indexOf(r) === k)
            .sort(),
        },
      ],
    })),
    check_results: null,
  };
  return JSON.stringify(state, null, 2) + '\n';
}

/**
 * `terraform <args>` in `dir` (an initialised stack directory), returning stdout; throws with
 * terraform's output when it fails.
 */
function terraformJson(dir: string, env: NodeJS.ProcessEnv, args: string[]): Json {
  try {
    const out = execFileSync(process.env.LINKFORGE_TERRAFORM || 'terraform', args, {
      cwd: dir,
      env,
      maxBuffer: 512 * 1024 * 1024,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return JSON.parse(out);
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`terraform ${args.join(' ')} in ${dir} failed: ${err.stderr || err.message}`);
  }
}

/**
 * The schemas of the providers an initialised stack directory uses (`terraform providers schema
 * -json`): the schema version of each resource type (state written with another version would be
 * "upgraded" by the provider) and the attribute types placeholders are made of.
 */
export function providerSchemas(stackDir: string, env: NodeJS.ProcessEnv): ProviderSchemas {
  return terraformJson(stackDir, env, ['providers', 'schema', '-json']) as ProviderSchemas;
}

/**
 * The whole `terraform show -json` of a saved plan, configuration included (stateFromPlan follows
 * its references). linkforge's own plan.json keeps only the resource changes (redact.ts), so it is
 * not enough.
 */
export function showPlan(stackDir: string, planFile: string, env: NodeJS.ProcessEnv): Json {
  return terraformJson(stackDir, env, ['show', '-json', '-no-color', planFile]);
}

/** Write `state` where the local backend of customer `id` keeps it: `<stateDir>/<id>/terraform.tfstate`. */
export function writeState(stateDir: string, id: string, state: string): string {
  const file = path.join(stateDir, id, 'terraform.tfstate');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, state);
  return file;
}

/** Managed resource instances in a state (what a destroy plan deletes). */
export function stateResourceCount(state: string): number {
  return (JSON.parse(state) as { resources: { mode: string; instances: unknown[] }[] }).resources
    .filter((r) => r.mode === 'managed')
    .reduce((n, r) => n + r.instances.length, 0);
}
/* eslint-enable @typescript-eslint/no-explicit-any */
