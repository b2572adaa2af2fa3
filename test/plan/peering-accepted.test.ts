/**
 * Issue 9: a peering the plan creates for a customer whose file says `accepted: true` is a new
 * request the customer must accept again. The flag travels from the customer file (synthesize) through
 * the result and plan-results.json (so a merged shard run says the same) to the summary.
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadProject } from '../../src/config/load';
import { resultsJson } from '../../src/plan/report';
import type { StackRunResult, TerraformPlanJson } from '../../src/plan/types';
import { renderSummary } from '../../src/pr/summary';
import { mergeShardResults } from '../../src/shards/summarize';
import { synthesize } from '../../src/stacks/synthesize';
import { PROJECT_DIR, removeTempDirs, tempDir } from '../terraform/helpers';

afterAll(removeTempDirs);

/** Real `terraform show -json` of a brand-new peering stack (test/fixtures/plans/README.md). */
const CREATE = JSON.parse(
  fs.readFileSync(path.join(PROJECT_DIR, 'test', 'fixtures', 'plans', 'peering-create.json'), 'utf8'),
) as TerraformPlanJson;
const FLAG = /NEW PEERING REQUEST: the customer must accept again/;

function result(id: string, peeringAccepted: boolean): StackRunResult {
  return {
    id,
    connectivityType: 'vpc-peering',
    decommission: false,
    status: 'planned',
    plan: CREATE,
    planJsonFile: `cdktf.out/plans/${id}/plan.json`,
    durationMs: 1,
    timings: {},
    ...(peeringAccepted ? { peeringAccepted: true } : {}),
  };
}

describe('accepted: true and a peering the plan creates', () => {
  it('the real plan of a new peering stack is a plain create without the flag', () => {
    expect(CREATE.resource_changes!.every((rc) => rc.change.actions.join() === 'create')).toBe(true);
    expect(renderSummary([result('fresh', false)])).not.toMatch(FLAG);
  });

  it('is flagged loudly when the customer file says accepted: true, with that as the reason', () => {
    const md = renderSummary([result('accepted-co', true)]);
    expect(md).toMatch(FLAG);
    expect(md).toContain('the customer file says accepted: true, yet the plan creates the peering');
    expect(md).toContain('⛔ new, destructive');
  });

  it('is not flagged in an offline plan, which sees no state and plans every peering as new', () => {
    const md = renderSummary([{ ...result('accepted-co', true), offline: true }]);
    expect(md).not.toMatch(FLAG);
    expect(md.split('\n')[0]).toMatch(/^⚠ OFFLINE PLAN: /);
  });

  it('synthesize carries accepted: true of peering customers only', () => {
    const loaded = loadProject({
      customersDir: path.join(PROJECT_DIR, 'customers'),
      cdktfJson: path.join(PROJECT_DIR, 'cdktf.json'),
    });
    const stacks = synthesize(loaded.customers, loaded.settings, {
      outdir: path.join(tempDir('peering-accepted'), 'out'),
      offline: true,
    });
    const accepted = loaded.customers
      .filter((c) => c.customer.connectivity.type === 'vpc-peering' && c.customer.connectivity.accepted)
      .map((c) => c.customer.id);
    expect(accepted.length).toBeGreaterThan(0);
    expect(stacks.filter((s) => s.peeringAccepted).map((s) => s.id)).toEqual(accepted.sort());
    // Another type's `accepted` (a transit gateway attachment) is not a peering request.
    expect(stacks.some((s) => s.peeringAccepted && s.connectivityType !== 'vpc-peering')).toBe(false);
  });

  it('survives plan-results.json, so a merged shard run flags the same request', () => {
    const dir = tempDir('peering-accepted-shard');
    for (const id of ['accepted-co', 'fresh']) {
      fs.mkdirSync(path.join(dir, 'plans', id), { recursive: true });
      fs.writeFileSync(path.join(dir, 'plans', id, 'plan.json'), JSON.stringify(CREATE));
    }
    const single = [result('accepted-co', true), result('fresh', false)];
    fs.writeFileSync(path.join(dir, 'plan-results.json'), resultsJson(single));
    const merged = mergeShardResults([dir], { outdir: path.join(dir, 'merged'), projectDir: dir });
    expect(merged.problems).toEqual([]);
    expect(merged.results.map((r) => [r.id, r.peeringAccepted ?? false])).toEqual([
      ['accepted-co', true],
      ['fresh', false],
    ]);
    const md = renderSummary(merged.results);
    expect(md.match(new RegExp(FLAG.source, 'g'))).toHaveLength(1);
    expect(md).toContain('`accepted-co`: `aws_vpc_peering_connection');
  });
});
