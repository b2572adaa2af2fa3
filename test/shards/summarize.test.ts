/**
 * `plan --shard K/N` + `linkforge summarize`: the merge of the shards' outputs is the output of one
 * run over every stack (same summary.md bytes, same plan-results.json apart from wall times, same
 * plans/ tree), and a missing or incomplete shard is reported, never dropped. Terraform is the fake
 * (test/terraform/fake-terraform.ts): changes, no changes, a failure, a decommission and a removed
 * customer are all in the fleet.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { Output } from '../../src/cli/output';
import { planCommand } from '../../src/cli/plan';
import { run as summarizeRun, summarizeCommand } from '../../src/cli/summarize';
import { generateFleet } from '../../src/fleet/generate';
import { MAX_PLAN_JSON_BYTES } from '../../src/shards/summarize';
import { writeFakeTerraform } from '../terraform/fake-terraform';
import { PROJECT_DIR, removeTempDirs, tempDir } from '../terraform/helpers';

const quiet = { start: () => {}, stackDone: () => {}, stop: () => {} };
function capture(): Output & { err: string[]; out: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (s) => out.push(s), stderr: (s) => err.push(s) };
}

const saved = { ...process.env };
let project = '';
let ids: string[] = [];
const SHARDS = 3;

beforeAll(() => {
  project = tempDir('summarize');
  const customers = path.join(project, 'customers');
  fs.mkdirSync(customers);
  const fleet = generateFleet(14, 5);
  for (const c of fleet) fs.writeFileSync(path.join(customers, `${c.id}.yaml`), c.yaml);
  // One decommissioned customer: a destroy plan.
  const gone = fleet[3];
  fs.appendFileSync(path.join(customers, `${gone.id}.yaml`), 'decommission: true\n');
  fs.copyFileSync(path.join(PROJECT_DIR, 'cdktf.json'), path.join(project, 'cdktf.json'));
  ids = fleet.map((c) => c.id).sort();
  // The affected set, computed once: every customer, and one removed customer file (no state left).
  fs.writeFileSync(
    path.join(project, 'affected.json'),
    JSON.stringify({
      added: [],
      changed: ids,
      removed: ['zz-removed'],
      all: true,
      reason: 'shared code changed: src/',
    }),
  );
  const control = path.join(project, 'fake-control');
  fs.mkdirSync(control);
  Object.assign(process.env, {
    LINKFORGE_TERRAFORM: writeFakeTerraform(project),
    FAKE_TF_CONTROL: control,
    FAKE_TF_PLAN_MS: '0',
    FAKE_TF_NO_CHANGES: [ids[0], ids[5], ids[9], gone.id].join(','),
    FAKE_TF_FAIL: `${ids[7]}:plan`,
  });
});

afterAll(() => {
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
  Object.assign(process.env, saved);
  removeTempDirs();
});

const read = (rel: string) => fs.readFileSync(path.join(project, rel), 'utf8');
const plan = (outdir: string, shard?: { index: number; count: number }, io = capture()) =>
  planCommand(
    {
      projectDir: project,
      offline: true,
      jobs: 2,
      affectedFrom: 'affected.json',
      outdir,
      shard,
      progress: quiet,
    },
    io,
  );
/** plan-results.json without what differs between two runs of the same plan: wall times. */
function withoutTimes(text: string) {
  const r = JSON.parse(text) as { stacks: { durationMs: number; timings: Record<string, number> }[] };
  return r.stacks.map((s) => ({ ...s, durationMs: 0, timings: Object.keys(s.timings).sort() }));
}
function tree(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .map((p) => p.split(path.sep).join('/'))
    .sort();
}

describe('plan --shard K/N, then summarize', () => {
  let single: { code: number; summary: string; results: string; plans: string[]; stdout: string };

  beforeAll(async () => {
    const io = capture();
    const code = await plan('cdktf.out', undefined, io);
    single = {
      code,
      stdout: io.out.join(''),
      summary: read('cdktf.out/summary.md'),
      results: read('cdktf.out/plan-results.json'),
      plans: tree(path.join(project, 'cdktf.out', 'plans')),
    };
    fs.rmSync(path.join(project, 'cdktf.out'), { recursive: true });
    for (let k = 1; k <= SHARDS; k++) await plan(`shards/${k}`, { index: k, count: SHARDS });
  }, 120_000);

  it('the fleet exercises every kind of row', () => {
    expect(single.code).toBe(1); // the failed stack
    expect(single.summary).toContain('### ❌ Failed');
    expect(single.summary).toContain('zz-removed'); // offline: the removal cannot be checked, refused
    expect(single.summary).toContain('decommission: true');
    expect(single.summary).toMatch(/\d+ without changes/);
  });

  it('every customer is planned by exactly one shard; each records the whole split', () => {
    const perShard = [1, 2, 3].map(
      (k) =>
        JSON.parse(read(`shards/${k}/plan-results.json`)) as {
          shard: { index: number; count: number; assignment: string[][] };
          stacks: { id: string }[];
        },
    );
    const planned = perShard.flatMap((r) => r.stacks.map((s) => s.id)).sort();
    expect(planned).toEqual([...ids, 'zz-removed'].sort());
    for (const [i, r] of perShard.entries()) {
      expect(r.shard).toMatchObject({ index: i + 1, count: SHARDS });
      expect(r.shard.assignment).toEqual(perShard[0].shard.assignment);
      expect(r.stacks.map((s) => s.id)).toEqual(r.shard.assignment[i]);
    }
    // Balanced: 15 entries over 3 shards.
    for (const r of perShard) expect(r.stacks.length).toBeGreaterThanOrEqual(4);
  });

  it('summarize of the shards writes what the single run wrote', async () => {
    const io = capture();
    const code = await summarizeCommand(
      {
        dirs: ['shards/1', 'shards/2', 'shards/3'],
        outdir: 'cdktf.out',
        projectDir: project,
        expectShards: 3,
      },
      io,
    );
    expect(io.err).toEqual([]);
    expect(code).toBe(single.code);
    expect(read('cdktf.out/summary.md')).toBe(single.summary);
    expect(withoutTimes(read('cdktf.out/plan-results.json'))).toEqual(withoutTimes(single.results));
    expect(read('cdktf.out/plan-results.json')).not.toContain('"shard"');
    expect(tree(path.join(project, 'cdktf.out', 'plans'))).toEqual(single.plans);
    expect(io.out.join('')).toBe(single.stdout);
    expect(single.stdout).toMatch(/^planned 13\/14 stack\(s\), 1 failed/);
  });

  it('a missing shard is reported and its customers are failed rows, never dropped', async () => {
    const io = capture();
    fs.mkdirSync(path.join(project, 'shards', 'empty'), { recursive: true });
    const code = await summarizeCommand(
      { dirs: ['shards/1', 'shards/3', 'shards/empty'], outdir: 'partial', projectDir: project },
      io,
    );
    expect(code).toBe(1);
    const missing = (JSON.parse(read('shards/1/plan-results.json')) as { shard: { assignment: string[][] } })
      .shard.assignment[1];
    const summary = read('partial/summary.md');
    expect(summary.split('\n')[0]).toBe('> [!WARNING]');
    expect(summary).toContain(`shard 2/3: no results (${missing.length} customer(s) not planned)`);
    expect(summary).toContain('shards/empty: no plan-results.json');
    const rows = JSON.parse(read('partial/plan-results.json')) as {
      stacks: { id: string; status: string; error: string }[];
    };
    expect(rows.stacks.map((s) => s.id)).toEqual([...ids, 'zz-removed'].sort());
    for (const id of missing) {
      const row = rows.stacks.find((s) => s.id === id)!;
      expect(row.status).toBe('failed');
      expect(row.error).toMatch(/shard 2\/3 produced no results/);
    }
    expect(io.err.join('')).toContain('shard 2/3: no results');
  });

  it('no shard at all: with --expect-shards the summary still says what is missing', async () => {
    const io = capture();
    expect(
      await summarizeCommand(
        { dirs: ['shards/empty'], outdir: 'none', projectDir: project, expectShards: 4 },
        io,
      ),
    ).toBe(1);
    const summary = read('none/summary.md');
    for (let k = 1; k <= 4; k++) expect(summary).toContain(`shard ${k}/4: no results`);
  });

  it('a shard whose plan.json is missing: that customer fails, the others merge', async () => {
    const copy = path.join(project, 'shards-broken');
    fs.cpSync(path.join(project, 'shards'), copy, { recursive: true });
    const r1 = JSON.parse(read('shards-broken/1/plan-results.json')) as {
      stacks: { id: string; status: string; planJsonFile: string | null }[];
    };
    const victim = r1.stacks.find((s) => s.status === 'planned' && s.planJsonFile)!.id;
    fs.rmSync(path.join(copy, '1', 'plans', victim, 'plan.json'));
    const io = capture();
    expect(
      await summarizeCommand(
        {
          dirs: ['shards-broken/1', 'shards-broken/2', 'shards-broken/3'],
          outdir: 'broken',
          projectDir: project,
        },
        io,
      ),
    ).toBe(1);
    const row = (
      JSON.parse(read('broken/plan-results.json')) as {
        stacks: { id: string; status: string; error: string }[];
      }
    ).stacks.find((s) => s.id === victim)!;
    expect(row.status).toBe('failed');
    expect(row.error).toContain(`shards-broken/1/plans/${victim}/plan.json is missing`);
  });

  it('refuses an output directory that overlaps a shard, and bad arguments', async () => {
    const io = capture();
    expect(await summarizeCommand({ dirs: ['shards/1'], outdir: 'shards', projectDir: project }, io)).toBe(1);
    expect(io.err.join('')).toMatch(/overlaps the shard directory shards\/1/);
    expect(fs.existsSync(path.join(project, 'shards', '1', 'plans'))).toBe(true);
    const io2 = capture();
    expect(await summarizeRun([], io2)).toBe(1);
    expect(io2.err.join('')).toMatch(/at least one shard output directory/);
  });

  it('a results file or plan.json that is a FIFO, a symbolic link or oversized is a problem, never a hang', async () => {
    const copy = path.join(project, 'shards-hostile');
    fs.cpSync(path.join(project, 'shards'), copy, { recursive: true });
    // Shard 1: plan-results.json is a FIFO (a plain read would block forever).
    fs.rmSync(path.join(copy, '1', 'plan-results.json'));
    execFileSync('mkfifo', [path.join(copy, '1', 'plan-results.json')]);
    // Shard 2: plan-results.json links to a real results file elsewhere.
    fs.renameSync(path.join(copy, '2', 'plan-results.json'), path.join(copy, 'results-2.json'));
    fs.symlinkSync(path.join(copy, 'results-2.json'), path.join(copy, '2', 'plan-results.json'));
    // Shard 3: one plan.json past the cap (sparse: no bytes written).
    const r3 = JSON.parse(read('shards-hostile/3/plan-results.json')) as {
      stacks: { id: string; status: string; planJsonFile: string | null }[];
    };
    const victim = r3.stacks.find((s) => s.status === 'planned' && s.planJsonFile)!.id;
    fs.truncateSync(path.join(copy, '3', 'plans', victim, 'plan.json'), MAX_PLAN_JSON_BYTES + 1);
    // And a symbolic link among its plan files: neither followed nor recreated in the merged plans/.
    fs.symlinkSync('/etc/passwd', path.join(copy, '3', 'plans', victim, 'plan.txt.link'));
    const io = capture();
    const dirs = [1, 2, 3].map((k) => `shards-hostile/${k}`);
    expect(await summarizeCommand({ dirs, outdir: 'hostile', projectDir: project }, io)).toBe(1);
    const err = io.err.join('');
    expect(err).toContain('shards-hostile/1/plan-results.json: ');
    expect(err).toMatch(
      /plan-results\.json is a FIFO \(named pipe\), not a regular file: refusing to read it/,
    );
    expect(err).toMatch(/plan-results\.json is a symbolic link, not a regular file: refusing to read it/);
    expect(err).toMatch(/shard 1\/3: no results \(\d+ customer\(s\) not planned\)/);
    expect(err).toContain(
      `shards-hostile/3/plans/${victim}/plan.txt.link: not a regular file or folder; left out of the merged plans/`,
    );
    expect(fs.existsSync(path.join(project, 'hostile', 'plans', victim, 'plan.txt.link'))).toBe(false);
    const row = (
      JSON.parse(read('hostile/plan-results.json')) as {
        stacks: { id: string; status: string; error: string }[];
      }
    ).stacks.find((s) => s.id === victim)!;
    expect(row.status).toBe('failed');
    expect(row.error).toContain(`shards-hostile/3/plans/${victim}/plan.json is unreadable`);
    expect(row.error).toContain('larger than 64 MiB');
  });

  it('refuses a results file whose ids could escape the plans directory', async () => {
    const evil = path.join(project, 'evil');
    fs.mkdirSync(evil);
    fs.writeFileSync(
      path.join(evil, 'plan-results.json'),
      JSON.stringify({ stacks: [{ id: '../../etc', decommission: false, status: 'planned' }] }),
    );
    const io = capture();
    expect(await summarizeCommand({ dirs: ['evil'], outdir: 'evil-out', projectDir: project }, io)).toBe(1);
    expect(io.err.join('')).toMatch(
      /evil\/plan-results.json: stacks\[0\]: id "..\/..\/etc" is not a customer id/,
    );
  });
});
