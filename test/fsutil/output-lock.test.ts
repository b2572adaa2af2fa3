import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { OutputLockedError, lockOutput } from '../../src/fsutil/output-lock';

const ROOT = path.resolve(__dirname, '..', '..');
let dir = '';
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkforge-outlock-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('lockOutput', () => {
  it('refuses a second run on the same folder, naming the first; free again once released', () => {
    const out = path.join(dir, 'cdktf.out');
    const first = lockOutput(out, 'plan');
    let refused: unknown;
    try {
      lockOutput(out, 'synth');
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(OutputLockedError);
    expect((refused as Error).message).toMatch(
      new RegExp(
        `^${out.replace(/[.]/g, '\\.')} is in use by linkforge plan \\(pid ${process.pid} on .+, started \\d{4}-.+\\); ` +
          `wait for it to finish or use another --outdir\\. If no such run is alive, delete ${out.replace(/[.]/g, '\\.')}\\.lock$`,
      ),
    );
    first.release();
    expect(fs.existsSync(`${out}.lock`)).toBe(false);
    lockOutput(out, 'synth').release();
  });

  it("takes over the lock of a run that died (pid gone), removing its swap's leftovers", () => {
    const out = path.join(dir, 'cdktf.out');
    // A pid that cannot be alive: above the kernel's pid_max.
    fs.writeFileSync(
      `${out}.lock`,
      JSON.stringify({
        pid: 2 ** 22 + 1,
        host: os.hostname(),
        started: '2026-01-01T00:00:00Z',
        command: 'plan',
      }),
    );
    fs.mkdirSync(`${out}.old-123-456`);
    fs.mkdirSync(`${out}.tmp-abc`);
    fs.mkdirSync(path.join(dir, 'cdktf.out-other'));
    const lock = lockOutput(out, 'synth');
    expect(fs.readdirSync(dir).sort()).toEqual(['cdktf.out-other', 'cdktf.out.lock']);
    lock.release();
  });

  it("never takes over another host's lock", () => {
    const out = path.join(dir, 'cdktf.out');
    fs.writeFileSync(
      `${out}.lock`,
      JSON.stringify({ pid: 2 ** 22 + 1, host: 'some-other-runner', started: 'x', command: 'plan' }),
    );
    expect(() => lockOutput(out, 'synth')).toThrow(/in use by linkforge plan \(pid \d+ on some-other-runner/);
  });
});

describe('two synths racing on one output folder (real processes)', () => {
  it('each either succeeds or is refused with the message; the folder is whole, no .old-* or .tmp-* left', async () => {
    const cli = path.join(ROOT, 'dist', 'src', 'cli', 'index.js');
    expect(fs.existsSync(cli)).toBe(true); // npm test builds first
    const customers = path.join(ROOT, 'customers');
    const out = path.join(dir, 'cdktf.out');
    const synth = () =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [cli, 'synth', '--customers', customers, '--outdir', out], {
          cwd: ROOT,
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let stderr = '';
        child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
        child.on('close', (code) => resolve({ code, stderr }));
      });
    const runs = await Promise.all([synth(), synth(), synth()]);
    for (const r of runs) {
      if (r.code !== 0) {
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(/linkforge synth: .*cdktf\.out is in use by linkforge synth \(pid \d+/);
      }
    }
    expect(runs.some((r) => r.code === 0)).toBe(true);
    expect(fs.readdirSync(dir)).toEqual(['cdktf.out']);
    expect(fs.existsSync(path.join(out, 'manifest.json'))).toBe(true);
  }, 120_000);
});
