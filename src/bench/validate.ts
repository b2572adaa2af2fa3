/**
 * In-process validation benchmark: how long `loadProject` takes on a folder of customer files
 * (read, parse, schema, normalize, rules, cross-file checks). The CLI process benchmark adds Node
 * start-up on top; this isolates the validator itself.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadProject } from '../config/load';
import { generateFleet } from '../fleet/generate';

export interface ValidateBenchResult {
  readonly files: number;
  readonly errors: number;
  readonly warnings: number;
  /** Wall time of each run, in milliseconds, in run order. */
  readonly runsMs: readonly number[];
  /** The median of runsMs. */
  readonly medianMs: number;
  /** Mean CPU time (user + system) per run, in milliseconds: less sensitive to a busy machine than wall time. */
  readonly cpuMsPerRun: number;
}

/**
 * Validate every customer file in `dir` `runs` times (after one warm-up run that also pays for
 * compiling the schema) and report the wall times. `cdktfJson` defaults to the working directory's.
 */
export function benchValidate(
  dir: string,
  opts: { runs?: number; cdktfJson?: string } = {},
): ValidateBenchResult {
  const runs = opts.runs ?? 5;
  const load = () => loadProject({ customersDir: dir, cdktfJson: opts.cdktfJson });
  const first = load();
  const runsMs: number[] = [];
  const cpu = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    load();
    runsMs.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  const used = process.cpuUsage(cpu);
  const errors = first.diagnostics.filter((d) => d.severity === 'error').length;
  const sorted = [...runsMs].sort((a, b) => a - b);
  return {
    files: first.files.length,
    errors,
    warnings: first.diagnostics.length - errors,
    runsMs,
    medianMs: sorted[Math.floor(sorted.length / 2)] ?? 0,
    cpuMsPerRun: runs > 0 ? (used.user + used.system) / 1000 / runs : 0,
  };
}

/** Write `n` generated customer files to a new temporary folder and return its path. */
function writeFleet(n: number, seed = 1): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `linkforge-fleet-${n}-`));
  for (const c of generateFleet(n, seed)) fs.writeFileSync(path.join(dir, `${c.id}.yaml`), c.yaml);
  return dir;
}

// `node dist/src/bench/validate.js [N]`: measure N generated files (default 1000) and print JSON.
if (require.main === module) {
  const n = Number(process.argv[2] ?? 1000);
  const dir = writeFleet(n);
  try {
    process.stdout.write(`${JSON.stringify(benchValidate(dir), null, 2)}\n`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
