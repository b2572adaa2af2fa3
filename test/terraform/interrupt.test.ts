/**
 * Interrupting `linkforge plan` for real: the CLI runs as its own process with the fake terraform,
 * whose plans each start a "provider" child that ignores SIGINT (as terraform's plugins do). A
 * Ctrl-C (SIGINT to linkforge's process group) or a cancelled CI job (SIGTERM to linkforge alone)
 * must stop every terraform, leave no process behind, still write the summary and the results
 * with the interrupted stacks marked, and exit 130 / 143 with one line saying what was left undone.
 * The same with the real terraform on S3 + DynamoDB, locks included: test/state/remote-state.test.ts.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { exitStatusFor, trapInterrupts } from '../../src/terraform/interrupt';
import { writeFakeTerraform } from './fake-terraform';
import { PROJECT_DIR, removeTempDirs, tempDir } from './helpers';

afterAll(removeTempDirs);

/** Pids of live processes whose command line contains `marker`. */
function processesWith(marker: string): number[] {
  const found: number[] = [];
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const state = /^State:\s+(\S)/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      if (cmdline.includes(marker) && state !== 'Z') found.push(Number(pid));
    } catch {
      // exited meanwhile
    }
  }
  return found;
}

const until = async (what: string, ok: () => boolean, ms = 60_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe.each([
  ['SIGINT', 'Ctrl-C: SIGINT to the process group', true],
  ['SIGTERM', 'a cancelled CI job: SIGTERM to linkforge alone', false],
] as const)('%s (%s)', (signal, _what, toGroup) => {
  it('stops every terraform and provider, writes the summary with the stacks marked, exits 128+n', async () => {
    const project = tempDir('interrupt');
    // Four examples, named: the test is about the run, not about which examples exist.
    fs.mkdirSync(path.join(project, 'customers'));
    for (const id of ['acme-corp', 'globex', 'initech', 'umbrella-labs'])
      fs.copyFileSync(
        path.join(PROJECT_DIR, 'customers', `${id}.yaml`),
        path.join(project, 'customers', `${id}.yaml`),
      );
    fs.copyFileSync(path.join(PROJECT_DIR, 'cdktf.json'), path.join(project, 'cdktf.json'));
    const control = path.join(project, 'control');
    fs.mkdirSync(control);
    const marker = `linkforge-test-provider-${process.pid}-${signal}-${Date.now()}`;
    const cli = path.join(PROJECT_DIR, 'dist', 'src', 'cli', 'index.js');
    const child = spawn(process.execPath, [cli, 'plan', '--offline', '--jobs', '2'], {
      cwd: project,
      env: {
        ...process.env,
        LINKFORGE_TERRAFORM: writeFakeTerraform(project),
        FAKE_TF_CONTROL: control,
        FAKE_TF_PLAN_MS: '120000',
        FAKE_TF_PROVIDER: marker,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group, as a shell gives a foreground job
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    try {
      await until('two plans with their providers', () => processesWith(marker).length >= 2);
      process.kill(toGroup ? -child.pid! : child.pid!, signal);
      const code = await exited;
      expect({ code, stderr }).toMatchObject({ code: exitStatusFor(signal) });
      expect(stderr).toContain(`linkforge plan: ${signal} received: stopping 2 terraform process(es)`);
      const last = stderr.trim().split('\n').pop();
      expect(last).toMatch(
        new RegExp(
          `^linkforge plan: interrupted by ${signal}: 4 of 4 stack\\(s\\) not planned \\(acme-corp, globex, initech, umbrella-labs\\); ` +
            'every terraform process stopped and released its state lock; plan them again with a new run$',
        ),
      );
      expect(stdout).toContain('planned 0/4 stack(s)');
      // No orphan: no provider, no terraform.
      expect(processesWith(marker)).toEqual([]);
      expect(processesWith(path.join(project, 'terraform'))).toEqual([]);
      // The summary and the results are written, the stacks marked as interrupted.
      const summary = fs.readFileSync(path.join(project, 'cdktf.out', 'summary.md'), 'utf8');
      expect(summary).toContain('### ⏹ Interrupted');
      // Read as rendered: without Markdown's escapes and zero-width spaces.
      const plain = summary.replace(/\\|\u200b/g, '');
      expect(plain).toContain(`terraform plan stopped by ${signal}: killed by ${signal}`);
      expect(plain).toContain(`interrupted by ${signal} before it started: not planned`);
      const results = JSON.parse(
        fs.readFileSync(path.join(project, 'cdktf.out', 'plan-results.json'), 'utf8'),
      );
      expect(results.stacks.map((s: { status: string }) => s.status)).toEqual(Array(4).fill('interrupted'));
      // The output folder is free again.
      expect(fs.existsSync(path.join(project, 'cdktf.out.lock'))).toBe(false);
    } finally {
      for (const pid of processesWith(marker)) process.kill(pid, 'SIGKILL');
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
    }
  }, 180_000);
});

describe('a command without a trap (status, handoff --live, the removed-customer check)', () => {
  it('Ctrl-C still stops its terraform and providers, then ends it by the same signal', async () => {
    const dir = tempDir('untrapped');
    const control = path.join(dir, 'control');
    fs.mkdirSync(control);
    const marker = `linkforge-test-untrapped-${process.pid}-${Date.now()}`;
    const exec = path.join(PROJECT_DIR, 'dist', 'src', 'terraform', 'exec.js');
    const script = `require(${JSON.stringify(exec)}).execTerraform(['plan', '-out=${path.join(dir, 'p')}'], { cwd: ${JSON.stringify(dir)}, env: process.env, binary: ${JSON.stringify(writeFakeTerraform(dir))} });`;
    const child = spawn(process.execPath, ['-e', script], {
      env: { ...process.env, FAKE_TF_CONTROL: control, FAKE_TF_PLAN_MS: '120000', FAKE_TF_PROVIDER: marker },
      stdio: 'ignore',
      detached: true,
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('close', (_c, sig) => resolve(sig)),
    );
    try {
      await until('the plan and its provider', () => processesWith(marker).length >= 1);
      process.kill(-child.pid!, 'SIGINT');
      expect(await exited).toBe('SIGINT');
      expect(processesWith(marker)).toEqual([]);
    } finally {
      for (const pid of processesWith(marker)) process.kill(pid, 'SIGKILL');
    }
  }, 60_000);
});

describe('trapInterrupts', () => {
  it('maps signals to exit statuses as a shell does', () => {
    expect(exitStatusFor('SIGINT')).toBe(130);
    expect(exitStatusFor('SIGTERM')).toBe(143);
  });

  it('records the first signal, says so once, and removes its handlers when released', () => {
    const lines: string[] = [];
    const before = process.listenerCount('SIGINT');
    const trap = trapInterrupts({ out: { stderr: (s) => lines.push(s) }, command: 'x' });
    expect(process.listenerCount('SIGINT')).toBe(before + 1);
    expect(trap.signal()).toBeUndefined();
    trap.trigger('SIGTERM');
    expect(trap.signal()).toBe('SIGTERM');
    expect(lines).toEqual(['x: SIGTERM received: no terraform process running, then writing the summary\n']);
    trap.release();
    expect(process.listenerCount('SIGINT')).toBe(before);
  });
});
