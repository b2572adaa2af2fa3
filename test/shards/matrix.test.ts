import * as fs from 'fs';
import * as path from 'path';
import { run } from '../../src/cli/shard-matrix';
import { DEFAULT_MAX_SHARDS, DEFAULT_THRESHOLD, shardCountFor, shardMatrix } from '../../src/shards/matrix';
import { removeTempDirs, tempDir } from '../terraform/helpers';

afterAll(removeTempDirs);

const shards = (n: number) => Array.from({ length: n }, (_, i) => ({ shard: `${i + 1}/${n}` }));

describe('shardMatrix (the workflow matrix JSON)', () => {
  it('0 affected customers: one job, which writes "No customers to plan" and checks removals', () => {
    expect(shardMatrix(0)).toEqual({ include: [{ shard: '1/1' }] });
  });

  it('1 affected customer: one job', () => {
    expect(shardMatrix(1)).toEqual({ include: [{ shard: '1/1' }] });
  });

  it('exactly the threshold: still one job; one more: it fans out', () => {
    expect(shardMatrix(DEFAULT_THRESHOLD)).toEqual({ include: [{ shard: '1/1' }] });
    expect(shardMatrix(DEFAULT_THRESHOLD + 1)).toEqual({ include: shards(2) });
  });

  it('1,000 affected customers: the maximum number of shards, none above the threshold when it fits', () => {
    expect(shardMatrix(1000)).toEqual({ include: shards(DEFAULT_MAX_SHARDS) });
    expect(JSON.stringify(shardMatrix(1000, { threshold: 50, maxShards: 20 }))).toBe(
      JSON.stringify({ include: shards(20) }),
    );
    expect(shardCountFor(1000, { threshold: 100, maxShards: 20 })).toBe(10);
  });

  it('never more shards than needed to keep each at most the threshold, never more than the maximum', () => {
    for (const stacks of [41, 80, 81, 399, 400, 401, 5000]) {
      const n = shardCountFor(stacks, { threshold: 40, maxShards: 10 });
      expect(n).toBeLessThanOrEqual(10);
      if (n < 10) expect(Math.ceil(stacks / n)).toBeLessThanOrEqual(40);
      if (n > 1) expect(Math.ceil(stacks / (n - 1))).toBeGreaterThan(40);
    }
  });

  it('refuses nonsense', () => {
    expect(() => shardMatrix(-1)).toThrow(/>= 0/);
    expect(() => shardMatrix(5, { threshold: 0 })).toThrow(/threshold/);
    expect(() => shardMatrix(5, { maxShards: 0 })).toThrow(/max shards/);
  });
});

describe('linkforge shard-matrix', () => {
  function affected(changed: number, removed = 0): string {
    const file = path.join(tempDir('matrix'), 'affected.json');
    const ids = (p: string, n: number) =>
      Array.from({ length: n }, (_, i) => `${p}-${String(i).padStart(4, '0')}`);
    fs.writeFileSync(
      file,
      JSON.stringify({
        added: [],
        changed: ids('c', changed),
        removed: ids('r', removed),
        all: changed > 100,
      }),
    );
    return file;
  }
  const capture = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) };
  };

  it('prints only the matrix by default (any other key would become a matrix dimension)', async () => {
    const io = capture();
    expect(await run(['--affected-from', affected(1000)], io)).toBe(0);
    expect(JSON.parse(io.out.join(''))).toEqual({ include: shards(20) });
  });

  it('--github-output: matrix, count and stacks lines; removed files count as work', async () => {
    const io = capture();
    expect(await run(['--affected-from', affected(40, 1), '--threshold', '40', '--github-output'], io)).toBe(
      0,
    );
    expect(io.out.join('')).toBe(`matrix=${JSON.stringify({ include: shards(2) })}\ncount=2\nstacks=41\n`);
  });

  it('bad arguments: exit 1 with the usage', async () => {
    const io = capture();
    expect(await run(['--affected-from', affected(3), '--threshold', 'x'], io)).toBe(1);
    expect(io.err.join('')).toContain("--threshold must be a positive integer, got 'x'");
    const io2 = capture();
    expect(await run([], io2)).toBe(1);
    expect(io2.err.join('')).toContain('give --affected-from FILE or --count N');
  });

  it('--count N: every customer (the drift run)', async () => {
    const io = capture();
    expect(await run(['--count', '0', '--github-output'], io)).toBe(0);
    expect(io.out.join('')).toBe(`matrix=${JSON.stringify({ include: shards(1) })}\ncount=1\nstacks=0\n`);
  });
});
