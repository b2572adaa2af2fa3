/**
 * The `validate-aliases` figure (issue 10): `linkforge validate` of one customer file of about
 * 1 MiB built from YAML aliases, the shapes that made validation slow or hang, plus the largest
 * alias case that is still validated in full. Each case is its own folder holding that one file;
 * the command runs as a child process (Node start-up included, as a user meets it), and the
 * validator alone runs in this process too. Every case is an invalid file: exit 1 is the expected
 * outcome, and the first diagnostic's code is reported beside the time.
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadProject } from '../config/load';
import { MAX_FILE_BYTES } from '../config/yaml-guards';
import { generateFleet } from '../fleet/generate';
import { runMeasured } from './measure';
import { formatMemory, formatSeconds, median } from './stats';
import { benchValidate } from './validate';

export const ALIAS_FIGURE = 'validate-aliases';
/** The target: validating any one such file takes under a second. */
export const MAX_ALIAS_VALIDATE_MS = 1000;

export interface AliasCase {
  readonly id: string;
  readonly title: string;
  readonly text: string;
}

export interface AliasMeasurement {
  readonly id: string;
  readonly title: string;
  readonly bytes: number;
  /** Code of the first diagnostic, and how many there are. */
  readonly firstCode: string;
  readonly diagnostics: number;
  /** The child process (`node dist/src/cli/index.js validate`): median wall and CPU time, peak RSS. */
  readonly medianMs: number;
  readonly cpuMs: number;
  readonly peakRssKib: number;
  /** The validator alone, in-process after a warm-up: median wall and mean CPU per run. */
  readonly inProcessMs: number;
  readonly inProcessCpuMs: number;
  /** Set when the command did not exit 1 (a crash, or the file was accepted). */
  readonly failed?: string;
}

export interface AliasResults {
  readonly runs: number;
  readonly cases: readonly AliasMeasurement[];
}

/**
 * A valid peering customer from the fleet generator; each case adds to its `connectivity` mapping
 * (the text ends inside it) and to the top level.
 */
const BASE = generateFleet(1, 1)[0];
const HEAD = BASE.yaml;

/** `head + item,item,… + tail` with as many items as fit in `bytes`, and their number. */
function fill(head: string, item: string, tail: string, bytes: number): { text: string; n: number } {
  const n = Math.floor((bytes - head.length - tail.length + 1) / (item.length + 1));
  return { text: `${head}${Array(n).fill(item).join(',')}${tail}`, n };
}

/** The cases, deterministic: the same text on every run. */
export function aliasCases(): AliasCase[] {
  const size = MAX_FILE_BYTES - 1024;
  const list = fill(`${HEAD}  allowedTcpPorts: &p [`, '1', ']\nports-again: *p\n', size);
  const aliases = fill(`${HEAD}  allowedTcpPorts: [443]\nv: &v 443\nmany: [`, '*v', ']\n', size);
  return [
    {
      id: 'one-alias-long-list',
      title: `one alias to a list of ${list.n.toLocaleString('en-US')} items`,
      text: list.text,
    },
    {
      id: 'alias-per-value',
      title: `a list of ${aliases.n.toLocaleString('en-US')} aliases to one value`,
      text: aliases.text,
    },
    {
      id: 'alias-bomb',
      title: 'nested aliases, 10 per level, 9 levels (a billion laughs)',
      text:
        `${HEAD}  allowedTcpPorts: [443]\nl0: &l0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n` +
        Array.from(
          { length: 8 },
          (_, i) => `l${i + 1}: &l${i + 1} [${Array(10).fill(`*l${i}`).join(', ')}]\n`,
        ).join(''),
    },
    {
      id: 'largest-validated',
      title: 'the largest alias case validated in full: 9,900 bad ports behind one alias',
      text: `${HEAD}  allowedTcpPorts: &p [${Array(9900).fill('"x"').join(',')}]\nports-again: *p\n`,
    },
  ];
}

export interface AliasContext {
  readonly projectDir: string;
  readonly workDir: string;
  readonly logFile: string;
  readonly env: NodeJS.ProcessEnv;
  readonly runs: number;
  readonly progress: (line: string) => void;
}

export async function runAliases(ctx: AliasContext): Promise<AliasResults> {
  const cli = path.join(ctx.projectDir, 'dist', 'src', 'cli', 'index.js');
  const cdktfJson = path.join(ctx.projectDir, 'cdktf.json');
  const cases: AliasMeasurement[] = [];
  for (const c of aliasCases()) {
    const dir = path.join(ctx.workDir, 'aliases', c.id, 'customers');
    fs.mkdirSync(dir, { recursive: true });
    fs.copyFileSync(cdktfJson, path.join(dir, '..', 'cdktf.json'));
    fs.writeFileSync(path.join(dir, `${BASE.id}.yaml`), c.text);
    const runs = [];
    let failed: string | undefined;
    for (let i = 0; i < ctx.runs; i++) {
      const r = await runMeasured(process.execPath, [cli, 'validate', '--customers', 'customers'], {
        cwd: path.dirname(dir),
        env: ctx.env,
        logFile: ctx.logFile,
      });
      if (r.exitCode !== 1) failed = `exit ${r.exitCode}, expected 1 (an invalid file)`;
      runs.push(r);
    }
    const { diagnostics } = loadProject({ customersDir: dir, cdktfJson });
    const alone = benchValidate(dir, { runs: ctx.runs, cdktfJson });
    const m: AliasMeasurement = {
      id: c.id,
      title: c.title,
      bytes: Buffer.byteLength(c.text),
      firstCode: diagnostics[0]?.code ?? 'none',
      diagnostics: diagnostics.length,
      medianMs: median(runs.map((r) => r.wallMs)),
      cpuMs: median(runs.map((r) => r.cpuMs)),
      peakRssKib: Math.max(...runs.map((r) => r.peakRssKib)),
      inProcessMs: alone.medianMs,
      inProcessCpuMs: alone.cpuMsPerRun,
      ...(failed ? { failed } : {}),
    };
    cases.push(m);
    ctx.progress(
      `${ALIAS_FIGURE} ${c.id}: ${failed ? `FAILED (${failed})` : `${formatSeconds(m.medianMs)}`}, ` +
        `CPU ${formatSeconds(m.cpuMs)}, ${m.firstCode}`,
    );
  }
  return { runs: ctx.runs, cases };
}

/** The case that took longest (the target is on it). */
export function slowestAlias(r: AliasResults): AliasMeasurement | undefined {
  return [...r.cases].sort((a, b) => b.medianMs - a.medianMs)[0];
}

export function renderAliases(r: AliasResults): string[] {
  const kib = (n: number) => `${Math.round(n / 1024)} KiB`;
  const lines = [
    '### Validation of a 1 MiB customer file built from YAML aliases',
    '',
    '`linkforge validate --customers DIR` on a folder holding one such file (a child process, Node ' +
      'start-up included), and the validator alone in-process after a warm-up. Every case is invalid ' +
      'by design: what matters is how fast it is refused, and with what. CPU time is the process’s ' +
      'own user + system time, which a busy machine inflates far less than the wall time.',
    '',
    '| case | size | first diagnostic | time | CPU | peak RSS | validator alone (CPU) |',
    '|---|---:|---|---:|---:|---:|---:|',
  ];
  for (const c of r.cases) {
    const time = c.failed ? `failed (${c.failed})` : formatSeconds(c.medianMs);
    lines.push(
      `| ${c.title} | ${kib(c.bytes)} | \`${c.firstCode}\` (${c.diagnostics}) | ${time} (n=${r.runs}) | ` +
        `${formatSeconds(c.cpuMs)} | ${formatMemory(c.peakRssKib)} | ` +
        `${formatSeconds(c.inProcessMs)} (${formatSeconds(c.inProcessCpuMs)}) |`,
    );
  }
  lines.push('');
  return lines;
}
