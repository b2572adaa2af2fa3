import * as fs from 'fs';
import * as path from 'path';
import { planDifferences } from '../../src/plan/same-plan';
import type { TerraformPlanJson } from '../../src/plan/types';

/** The deploy gate's question: does `current` do what `reviewed` did? */
const samePlan = (reviewed: TerraformPlanJson, current: TerraformPlanJson) =>
  planDifferences(reviewed, current).length === 0;

const load = (name: string): TerraformPlanJson =>
  JSON.parse(
    fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'plans', `${name}.json`), 'utf8'),
  ) as TerraformPlanJson;

/** A deep copy to mutate. */
const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('samePlan', () => {
  const reviewed = load('cgw-bgp-asn-replace');

  it('a plan is the same as itself, whatever the timestamp, entry order or key order', () => {
    const again = copy(reviewed) as TerraformPlanJson & { timestamp?: string };
    again.timestamp = '2030-01-01T00:00:00Z';
    const changes = [...again.resource_changes!].reverse().map((rc) => ({
      ...rc,
      change: Object.fromEntries(Object.entries(rc.change).reverse()) as typeof rc.change,
    }));
    expect(samePlan(reviewed, { ...again, resource_changes: changes })).toBe(true);
  });

  it('ignores no-op entries and prior values', () => {
    const drifted = copy(reviewed);
    const vpc = drifted.resource_changes!.find((rc) => rc.type === 'aws_vpc')!;
    (vpc.change.before as Record<string, unknown>).instance_tenancy = 'dedicated';
    const noNoops = {
      ...drifted,
      resource_changes: drifted.resource_changes!.filter((rc) => rc.change.actions[0] !== 'no-op'),
    };
    expect(planDifferences(reviewed, noNoops)).toEqual([]);
  });

  it('a different planned value is a difference, naming the attribute', () => {
    const other = copy(reviewed);
    const cgw = other.resource_changes!.find((rc) => rc.type === 'aws_customer_gateway')!;
    (cgw.change.after as Record<string, unknown>).bgp_asn = '65030';
    expect(planDifferences(reviewed, other)).toEqual([
      'aws_customer_gateway.customer_gateway: planned values differ (bgp_asn)',
    ]);
  });

  it('different actions or resources are differences', () => {
    expect(planDifferences(reviewed, load('vpn-create'))).toEqual([
      'aws_customer_gateway.customer_gateway: reviewed as create+delete, now create',
      'aws_vpc.vpc: not in the reviewed plan, now create',
      'aws_vpn_connection.vpn_connection: reviewed as update, now create',
      'aws_vpn_gateway.vpn_gateway: not in the reviewed plan, now create',
    ]);
    expect(planDifferences(load('vpc-tags-update'), load('no-changes'))).toEqual([
      'aws_vpc.vpc: reviewed as update, now no change',
    ]);
    expect(samePlan(load('no-changes'), { resource_changes: [] })).toBe(true);
  });
});
