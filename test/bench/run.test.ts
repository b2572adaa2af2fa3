import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { derivePlain } from '../../src/bench/plain';
import { readPlanTimings, terraformBreakdown } from '../../src/bench/plan-timings';
import { measured } from './fixtures';

describe('derivePlain', () => {
  const derived = derivePlain([
    measured('synth-all', 'plain-cdktf', 10, [9000], 2048),
    measured('pr-path', 'plain-cdktf', 10, [12000], 2048),
    measured('plan-all-jobs1', 'plain-cdktf', 10, [118000], 2048),
    measured('synth-all', 'plain-cdktf', 100, [20000], 4096),
    measured('pr-path', 'plain-cdktf', 100, [25000], 4096),
  ]);
  const get = (figure: string, size: number) => derived.find((m) => m.figure === figure && m.size === size);

  it('repeats synthesis for validation and single-stack synthesis', () => {
    expect(get('validate', 10)).toMatchObject({ kind: 'same-as', sameAs: 'synth-all', medianMs: 9000 });
    expect(get('synth-one', 100)).toMatchObject({ kind: 'same-as', sameAs: 'synth-all', medianMs: 20000 });
  });
  it('does not extrapolate where the loop was measured, and repeats it for two jobs', () => {
    expect(get('plan-all-jobs1', 10)).toBeUndefined();
    expect(get('plan-all-jobs2', 10)).toMatchObject({ kind: 'same-as', medianMs: 118000 });
  });
  it('extrapolates N × one measured cdktf diff elsewhere, labelled, with the check against the real loop', () => {
    const e = get('plan-all-jobs1', 100);
    expect(e).toMatchObject({ kind: 'extrapolated', medianMs: 2500000, runs: [] });
    expect(e?.note).toContain('at 10: measured 118 s, estimate 120 s');
    expect(get('plan-all-jobs2', 100)).toMatchObject({ kind: 'extrapolated', medianMs: 2500000 });
  });
  it('derives nothing for linkforge', () => {
    expect(derivePlain([measured('synth-all', 'linkforge', 10, [1], 1)])).toEqual([]);
  });
});

describe('terraformBreakdown', () => {
  it("averages each terraform step's time per stack from plan-results.json", () => {
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'linkforge-bench-timings-'));
    try {
      fs.mkdirSync(path.join(repo, 'cdktf.out'));
      const stacks = [
        { id: 'a', timings: { init: 1200, plan: 12700, show: 500 } },
        // An empty plan: no `show -json`, so no show time to average in.
        { id: 'b', timings: { init: 800, plan: 3300 } },
        // A stack that failed before any step ran.
        { id: 'c', timings: {} },
      ];
      fs.writeFileSync(path.join(repo, 'cdktf.out', 'plan-results.json'), JSON.stringify({ stacks }));
      expect(readPlanTimings(path.join(repo, 'cdktf.out', 'plan-results.json'))?.get('b')).toEqual({
        init: 800,
        plan: 3300,
      });
      expect(terraformBreakdown(repo)).toEqual({
        stacks: 3,
        commands: { init: 1000, plan: 8000, show: 500 },
      });
      fs.writeFileSync(path.join(repo, 'cdktf.out', 'plan-results.json'), 'not json');
      expect(terraformBreakdown(repo)).toBeUndefined();
    } finally {
      fs.rmSync(repo, { recursive: true, force: true });
    }
  });
});
