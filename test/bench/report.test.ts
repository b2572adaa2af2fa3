import { END_MARKER, renderSection, spliceSection, START_MARKER } from '../../src/bench/report';
import { renderTargets } from '../../src/bench/targets';
import { measured, results } from './fixtures';

const GIB = 1024 * 1024;

describe('spliceSection', () => {
  it('replaces only what lies between the markers', () => {
    const doc = `# B\n\nprose before\n\n${START_MARKER}\nold\n${END_MARKER}\n\nprose after\n`;
    expect(spliceSection(doc, 'new\n')).toBe(
      `# B\n\nprose before\n\n${START_MARKER}\nnew\n${END_MARKER}\n\nprose after\n`,
    );
  });
  it('appends a section when the document has none', () => {
    expect(spliceSection('# B\n', 'new')).toBe(`# B\n\n${START_MARKER}\nnew\n${END_MARKER}\n`);
  });
  it('is idempotent', () => {
    const once = spliceSection('# B\n', 'x');
    expect(spliceSection(once, 'x')).toBe(once);
  });
});

describe('renderSection', () => {
  const r = results([
    measured('validate', 'linkforge', 1000, [500, 400, 600], 100 * 1024),
    measured('synth-all', 'linkforge', 1000, [9000], 700 * 1024),
    measured('synth-all', 'plain-cdktf', 1000, [180000], 3 * GIB),
    {
      ...measured('synth-all', 'plain-cdktf', 1000, [180000], 3 * GIB),
      figure: 'validate',
      kind: 'same-as',
      sameAs: 'synth-all',
    },
  ]);
  const md = renderSection(r);

  it('states the date, the machine and the tool versions', () => {
    expect(md).toContain('2025-01-02 03:04 UTC');
    expect(md).toContain('Test CPU, 2 cores, 24 GiB RAM');
    expect(md).toContain('Terraform 1.11.4, cdktf 0.21.0');
  });
  it('gives one row per size with both tools and the ratios', () => {
    expect(md).toContain('| 1,000 | 0.500 s (n=3) | 100 MiB | 180 s (= synth-all) | 3.00 GiB | 360× | 31× |');
    expect(md).toContain('| 1,000 | 9.00 s | 700 MiB | 180 s | 3.00 GiB | 20× | 4.4× |');
  });
  it("notes the validator's in-process time next to the CLI figure", () => {
    const v = { ...measured('validate', 'linkforge', 1000, [500], 1), inProcessMs: 310 };
    expect(renderSection(results([v]))).toContain('in-process after a warm-up');
    expect(renderSection(results([v]))).toContain('0.310 s for 1,000.');
  });
  it('embeds the plot', () => {
    expect(md).toContain('![Wall time against fleet size](benchmarks.svg)');
  });
  it('marks failed and extrapolated figures, never shows them as plain numbers', () => {
    const failed = {
      ...measured('synth-one', 'linkforge', 1000, [1], 1),
      failed: 'exit 2 from synth',
      medianMs: 0,
    };
    const extrapolated = {
      ...measured('plan-all-jobs1', 'plain-cdktf', 1000, [5000000], 1),
      kind: 'extrapolated' as const,
      runs: [],
      peakRssKib: undefined,
    };
    const text = renderSection(results([failed, extrapolated]));
    expect(text).toContain('failed (exit 2 from synth)');
    expect(text).toContain('≈ 5000 s (extrapolated)');
  });
});

describe('renderTargets', () => {
  it('passes the targets that hold and fails the ones that do not', () => {
    const rows = renderTargets(
      results([
        measured('validate', 'linkforge', 1000, [1500], 1),
        measured('synth-all', 'linkforge', 1000, [9000], 700 * 1024),
        measured('synth-all', 'plain-cdktf', 1000, [90000], GIB),
      ]),
    ).join('\n');
    expect(rows).toMatch(/validation of 1,000 files < 1 s \| 1\.50 s \| ❌ FAIL/);
    expect(rows).toMatch(/synthesis of 1,000 stacks < 15 s and < 1 GiB \| 9\.00 s, 700 MiB \| ✅ pass/);
    expect(rows).toMatch(
      /synthesis of every stack: ≥ 5× faster than plain cdktf \| 10× at 1,000 customers \(memory 1\.5×\) \| ✅ pass/,
    );
    expect(rows).toMatch(/pull request changing 1 of 1,000 .* \| not in this run \| — not measured/);
  });

  it('checks that validation scales linearly when 1,000 and 5,000 files were measured', () => {
    const at = (ms5000: number) =>
      renderTargets(
        results([
          measured('validate', 'linkforge', 1000, [800], 1),
          measured('validate', 'linkforge', 5000, [ms5000], 1),
        ]),
      ).join('\n');
    expect(at(4000)).toMatch(
      /validation of 5,000 files ≤ 5\.5× the time of 1,000 \| 5\.0× \(4\.00 s \/ 0\.800 s\) \| ✅ pass/,
    );
    expect(at(4800)).toMatch(/validation of 5,000 files ≤ 5\.5× .* \| 6\.0× .* \| ❌ FAIL/);
    // Not measured at 5,000: no row (the default sizes stop at 1,000).
    const without = renderTargets(results([measured('validate', 'linkforge', 1000, [800], 1)])).join('\n');
    expect(without).not.toContain('5,000 files');
  });

  it('explains a ratio under 5× with the Terraform floor it measured', () => {
    const rows = renderTargets(
      results([
        measured('synth-all', 'linkforge', 10, [1000], 1),
        measured('plan-all-jobs1', 'linkforge', 10, [41000], 1),
        measured('plan-all-jobs1', 'plain-cdktf', 10, [150000], 1),
      ]),
    ).join('\n');
    // (41 s - 1 s) / 10 stacks = 4 s of terraform per stack; 10 stacks = 40 s floor; 150 / 40 = 3.8×.
    expect(rows).toContain(
      'plan of every customer, one at a time: ≥ 5× faster than plain cdktf | 3.7× at 10 customers (memory 1.0×)',
    );
    expect(rows).toContain(
      "takes ≈ 4.00 s here (linkforge's serial plan of 10 customers minus its synthesis",
    );
    expect(rows).toContain('cannot exceed ≈ 3.8×');
  });

  it("prefers the per-command times from linkforge's plan logs", () => {
    const plan = measured('plan-all-jobs1', 'linkforge', 10, [41000], 1);
    const withLogs = {
      ...plan,
      runs: plan.runs.map((r) => ({
        ...r,
        terraform: { stacks: 10, commands: { init: 1000, plan: 2000, show: 1000 } },
      })),
    };
    const rows = renderTargets(
      results([withLogs, measured('plan-all-jobs1', 'plain-cdktf', 10, [100000], 1)]),
    ).join('\n');
    expect(rows).toContain(
      "takes ≈ 3.00 s here (mean per stack in linkforge's plan logs, 10 customers, one job)",
    );
    expect(rows).toContain('`terraform show -json` on each plan (≈ 1.00 s per stack)');
    expect(rows).toContain('cannot exceed ≈ 3.3×');
  });
});

describe('the commands as the README runs them (through npm)', () => {
  const r = results([
    measured('validate', 'linkforge', 1000, [900, 950, 1000], 150_000),
    measured('validate', 'linkforge-npm', 1000, [1200, 1300, 1250], 160_000),
    measured('synth-all', 'linkforge', 1000, [20_000], 600_000),
    measured('synth-all', 'linkforge-npm', 1000, [20_400], 610_000),
  ]);

  it('shows each figure through npm beside the bare process, with the overhead', () => {
    const md = renderSection(r);
    expect(md).toContain('### As the README runs them (through npm)');
    expect(md).toContain(
      '| Validation of every customer file | 1,000 | 0.950 s (n=3) | 1.25 s (n=3) | 0.300 s |',
    );
    expect(md).toMatch(/\| Synthesis of every stack \| 1,000 \| 20\.0 s \| 20\.4 s \| 0\.400 s \|/);
  });

  it('checks `npm run validate` of 1,000 files against 1.5 s', () => {
    const row = (res: ReturnType<typeof results>) =>
      renderTargets(res).find((l) => l.includes('`npm run validate` of 1,000 files'));
    expect(row(r)).toContain('✅ pass');
    const slow = results([measured('validate', 'linkforge-npm', 1000, [1600], 160_000)]);
    expect(row(slow)).toContain('❌ FAIL');
    expect(row(results([]))).toContain('not measured');
  });
});
