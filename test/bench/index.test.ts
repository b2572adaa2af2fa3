import { parseOptions } from '../../src/bench/index';

describe('parseOptions', () => {
  it('defaults: plans every customer only up to 200, plain cdktf loops only up to 10', () => {
    const { options, figures } = parseOptions([]);
    expect(options).toMatchObject({
      sizes: [1, 10, 100, 200, 1000],
      planSizes: [1, 10, 100, 200],
      plainPlanSizes: [1, 10],
      runs: 3,
      planRuns: 1,
      skipPlain: false,
    });
    // The fleet-size figures, the scale-out ones (src/bench/scale.ts), then the alias file (aliases.ts).
    expect(figures).toHaveLength(11);
    expect(figures.slice(-4)).toEqual([
      'stack-overhead',
      'fleet-shard',
      'summarize-1000',
      'validate-aliases',
    ]);
  });
  it('takes sizes, runs and overrides', () => {
    const { options } = parseOptions([
      '--sizes',
      '5,20',
      '--runs',
      '1',
      '--plan-sizes',
      '20',
      '--skip-plain',
    ]);
    expect(options).toMatchObject({
      sizes: [5, 20],
      planSizes: [20],
      plainPlanSizes: [],
      runs: 1,
      skipPlain: true,
    });
  });
  it('refuses plan sizes outside the fleet sizes, unknown figures and bad counts', () => {
    expect(() => parseOptions(['--sizes', '5', '--plan-sizes', '7'])).toThrow(
      '--plan-sizes: 7 not in --sizes 5',
    );
    expect(() => parseOptions(['--figures', 'nope'])).toThrow("unknown figure 'nope'");
    expect(() => parseOptions(['--runs', '0'])).toThrow('--runs');
  });
});
