import { fleetModel, type ScaleResults, type ShardRun } from '../../src/bench/scale';
import { renderScale } from '../../src/bench/scale-report';

const shard: ShardRun = {
  fleet: 1000,
  shards: 20,
  stacks: 50,
  jobs: '2',
  wallMs: 120_000,
  fixedMs: 20_000,
};

describe('fleetModel', () => {
  it('fixed cost + ceil(fleet / N) stacks at the measured per-stack rate + one merge', () => {
    // 100 s for 50 stacks: 2 s per stack.
    const model = fleetModel(shard, 500, [1, 5, 10, 20, 3]);
    expect(model).toEqual([
      { runners: 1, stacksPerRunner: 1000, wallMs: 20_000 + 2000 * 1000 + 500 },
      { runners: 5, stacksPerRunner: 200, wallMs: 20_000 + 2000 * 200 + 500 },
      { runners: 10, stacksPerRunner: 100, wallMs: 20_000 + 2000 * 100 + 500 },
      { runners: 20, stacksPerRunner: 50, wallMs: 120_000 + 500 },
      { runners: 3, stacksPerRunner: 334, wallMs: 20_000 + 2000 * 334 + 500 },
    ]);
  });

  it('more runners never take longer', () => {
    const model = fleetModel(shard, 800, [1, 2, 5, 10, 20, 50]);
    for (let i = 1; i < model.length; i++) expect(model[i].wallMs).toBeLessThanOrEqual(model[i - 1].wallMs);
  });
});

describe('renderScale', () => {
  const results: ScaleResults = {
    overhead: {
      changed: {
        id: 'a',
        linkforgeMs: 9000,
        bareMs: 6000,
        bareShowMs: 2500,
        linkforgeTerraform: { init: 700, plan: 4000, show: 2400 },
        runs: 3,
      },
      unchanged: {
        id: 'b',
        linkforgeMs: 4400,
        bareMs: 4000,
        bareShowMs: 2000,
        linkforgeTerraform: { init: 700, plan: 3000 },
        runs: 3,
      },
    },
    shard,
    summarize: { results: 1000, cliMs: 700, inProcessMs: 300 },
    model: fleetModel(shard, 700, [1, 5, 10, 20]),
  };

  it('labels the model as a model and checks the targets', () => {
    const text = renderScale(results).join('\n');
    expect(text).toContain('**MODEL, not a measurement:**');
    expect(text).toContain('✅ unchanged stack ≤ 1.15× bare init + plan: 1.10×.');
    expect(text).toContain('✅ < 1.00 s');
    expect(text).toMatch(/✅ modelled 1000 customers on 20 runners < 10 min: 121 s\./);
    expect(text).toContain('| 20 | 50 | 121 s |');
  });

  it('a missed target is marked as missed', () => {
    const slow: ScaleResults = {
      ...results,
      overhead: { ...results.overhead!, unchanged: { ...results.overhead!.unchanged, linkforgeMs: 6000 } },
    };
    expect(renderScale(slow).join('\n')).toContain('❌ unchanged stack ≤ 1.15× bare init + plan: 1.50×.');
  });
});
