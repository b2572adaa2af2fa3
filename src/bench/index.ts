/**
 * `npm run bench [-- --sizes 10,100,1000] [--runs N] [--skip-plain] [--plan-sizes …]`
 *
 * Measures linkforge and the plain cdktf baseline (bench/plain-cdktf) on generated fleets and writes
 * docs/benchmarks.json (raw results), docs/benchmarks.svg (plot) and the generated section of
 * docs/benchmarks.md. `--render` re-renders the report and plot from the JSON without measuring.
 * Method and caveats: docs/benchmarks.md.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { ALIAS_FIGURE } from './aliases';
import { FIGURES } from './figures';
import { SCALE_FIGURES, type ScaleFigureId } from './scale';
import { renderSection, spliceSection } from './report';
import { benchEnv, makeWorkDir } from './env';
import { runBench } from './run';
import { parseSizes } from './stats';
import { renderSvg } from './svg';
import type { BenchOptions, BenchResults, FigureId } from './types';

const USAGE = `usage: npm run bench -- [options]

  --sizes LIST            fleet sizes (default 1,10,100,200,1000)
  --runs N                measured runs per figure; the median is reported (default 3)
  --plan-sizes LIST       sizes at which every customer is planned (default: the sizes <= 200;
                          Terraform's init + plan per stack dominates and grows linearly)
  --plan-runs N           runs of the plan-everything figures (default 1)
  --plain-plan-sizes LIST sizes at which plain cdktf's cdktf diff loop over every stack is run
                          (default: the sizes <= 10; elsewhere it is extrapolated, and labelled so)
  --skip-plain            measure linkforge only
  --figures LIST          only these figures (${[...FIGURES.map((f) => f.id), ...SCALE_FIGURES, ALIAS_FIGURE].join(', ')})
  --seed N                fleet generator seed (default 1)
  --out-dir DIR           where benchmarks.{md,svg,json} go (default docs/)
  --keep                  keep the temporary fleets and the log
  --render                re-render the report and plot from DIR/benchmarks.json, measure nothing
`;

const DEFAULT_SIZES = '1,10,100,200,1000';
const DEFAULT_PLAN_MAX = 200;
const DEFAULT_PLAIN_PLAN_MAX = 10;

/** Parses the command line into options; exported for tests. */
export function parseOptions(argv: string[]): {
  options: BenchOptions;
  figures: (FigureId | ScaleFigureId | typeof ALIAS_FIGURE)[];
  outDir: string;
  keep: boolean;
  render: boolean;
  help: boolean;
} {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string', default: DEFAULT_SIZES },
      runs: { type: 'string', default: '3' },
      'plan-sizes': { type: 'string' },
      'plan-runs': { type: 'string', default: '1' },
      'plain-plan-sizes': { type: 'string' },
      'skip-plain': { type: 'boolean', default: false },
      figures: { type: 'string' },
      seed: { type: 'string', default: '1' },
      'out-dir': { type: 'string', default: 'docs' },
      keep: { type: 'boolean', default: false },
      render: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const sizes = parseSizes(values.sizes);
  if (sizes.length === 0) throw new Error('--sizes: give at least one fleet size');
  const planSizes =
    values['plan-sizes'] !== undefined
      ? parseSizes(values['plan-sizes'])
      : sizes.filter((n) => n <= DEFAULT_PLAN_MAX);
  const plainPlanSizes =
    values['plain-plan-sizes'] !== undefined
      ? parseSizes(values['plain-plan-sizes'])
      : planSizes.filter((n) => n <= DEFAULT_PLAIN_PLAN_MAX);
  for (const [flag, list] of [
    ['--plan-sizes', planSizes],
    ['--plain-plan-sizes', plainPlanSizes],
  ] as const) {
    const stray = list.filter((n) => !sizes.includes(n));
    if (stray.length > 0) throw new Error(`${flag}: ${stray.join(', ')} not in --sizes ${sizes.join(',')}`);
  }
  const known = [...FIGURES.map((f) => f.id), ...SCALE_FIGURES, ALIAS_FIGURE] as string[];
  const figures = (values.figures ?? known.join(',')).split(',').map((s) => s.trim());
  for (const f of figures) {
    if (!known.includes(f)) throw new Error(`--figures: unknown figure '${f}' (known: ${known.join(', ')})`);
  }
  return {
    options: {
      sizes,
      planSizes,
      plainPlanSizes,
      runs: positive('--runs', values.runs),
      planRuns: positive('--plan-runs', values['plan-runs']),
      seed: Number(values.seed),
      skipPlain: values['skip-plain'],
    },
    figures: figures as (FigureId | ScaleFigureId | typeof ALIAS_FIGURE)[],
    outDir: values['out-dir'],
    keep: values.keep,
    render: values.render,
    help: values.help,
  };
}

function positive(flag: string, text: string): number {
  if (!/^[0-9]+$/.test(text) || Number(text) < 1)
    throw new Error(`${flag}: expected a positive integer, got '${text}'`);
  return Number(text);
}

/**
 * Writes the JSON, the SVG and the generated section of the Markdown report. The JSON and the
 * Markdown go through the project's Prettier configuration: they are committed, and `npm run lint`
 * checks them like any other file.
 */
async function writeReport(results: BenchResults, outDir: string, writeJson: boolean): Promise<void> {
  fs.mkdirSync(outDir, { recursive: true });
  // Loaded here, not at the top: Prettier loads its plugins with dynamic import(), which Jest's VM
  // refuses, and the tests import this module for parseOptions.
  const prettier = await import('prettier');
  const write = async (file: string, text: string): Promise<void> => {
    const config = (await prettier.resolveConfig(file)) ?? {};
    fs.writeFileSync(file, await prettier.format(text, { ...config, filepath: file }));
  };
  if (writeJson) await write(path.join(outDir, 'benchmarks.json'), JSON.stringify(results, null, 2));
  fs.writeFileSync(path.join(outDir, 'benchmarks.svg'), renderSvg(results));
  const mdFile = path.join(outDir, 'benchmarks.md');
  const doc = fs.existsSync(mdFile) ? fs.readFileSync(mdFile, 'utf8') : '# Benchmarks\n';
  await write(mdFile, spliceSection(doc, renderSection(results)));
}

async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (err) {
    process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 1;
  }
  if (parsed.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const projectDir = path.resolve(__dirname, '..', '..', '..');
  const outDir = path.resolve(projectDir, parsed.outDir);
  if (parsed.render) {
    const results = JSON.parse(fs.readFileSync(path.join(outDir, 'benchmarks.json'), 'utf8')) as BenchResults;
    await writeReport(results, outDir, false);
    process.stderr.write(`bench: re-rendered ${path.join(outDir, 'benchmarks.md')} and benchmarks.svg\n`);
    return 0;
  }
  const workDir = makeWorkDir();
  const logFile = path.join(workDir, 'bench.log');
  process.stderr.write(`bench: work directory ${workDir}, child output in ${logFile}\n`);
  try {
    const results = await runBench(parsed.options, {
      projectDir,
      workDir,
      logFile,
      env: benchEnv(projectDir),
      figures: new Set(parsed.figures),
      progress: (line) => process.stderr.write(`bench: ${line}\n`),
    });
    await writeReport(results, outDir, true);
    process.stderr.write(
      `bench: wrote ${path.relative(process.cwd(), outDir) || '.'}/benchmarks.{md,svg,json}\n`,
    );
    const failed = results.measurements.filter((m) => m.failed);
    for (const m of failed)
      process.stderr.write(`bench: ${m.tool} ${m.figure} at ${m.size} failed: ${m.failed}\n`);
    return failed.length > 0 ? 1 : 0;
  } finally {
    // The log outlives the work directory: it is what explains a failed or surprising figure.
    const kept = path.join(projectDir, '.linkforge', 'bench.log');
    fs.mkdirSync(path.dirname(kept), { recursive: true });
    if (fs.existsSync(logFile)) fs.copyFileSync(logFile, kept);
    process.stderr.write(`bench: child output kept in ${path.relative(process.cwd(), kept)}\n`);
    if (parsed.keep) process.stderr.write(`bench: kept ${workDir}\n`);
    else fs.rmSync(workDir, { recursive: true, force: true });
  }
}

// Run directly, or through scripts/run.mjs (`npm run bench`), which loads this file with require and
// sets process.argv[1] to it: require.main is then run.mjs, not this module.
if (require.main === module || (process.argv[1] && path.resolve(process.argv[1]) === __filename)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(
        `bench: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      );
      process.exitCode = 2;
    },
  );
}
