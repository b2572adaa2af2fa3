/**
 * The README as a script: every `sh` block, in order, run as one bash script (`set -euo
 * pipefail`) in a temporary copy of the repository (the files git tracks, as they are in the
 * working tree), as a newcomer runs them after a fresh clone. A block that cannot run here is
 * preceded by `<!-- readme-test: skip: <reason> -->`; each one is printed with its reason, so a
 * skip is always visible, never silent. Real npm, real Terraform (provider from the local mirror),
 * no AWS.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describeWithTerraform } from '../terraform/helpers';

const ROOT = path.resolve(__dirname, '..', '..');
const README = path.join(ROOT, 'README.md');

export interface ReadmeBlock {
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly code: string;
  /** Why it is not run, when a `readme-test: skip:` comment precedes it. */
  readonly skip?: string;
}

/** The `sh` blocks of a Markdown text, with their skip reasons. */
export function shellBlocks(markdown: string): ReadmeBlock[] {
  const lines = markdown.split('\n');
  const blocks: ReadmeBlock[] = [];
  let skip: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const marker = /^<!-- readme-test: skip: (.+?) -->$/.exec(lines[i].trim());
    if (marker) {
      skip = marker[1];
      continue;
    }
    const open = /^(\s*)```(\S*)\s*$/.exec(lines[i]);
    if (!open) {
      if (lines[i].trim() !== '') skip = undefined;
      continue;
    }
    const indent = open[1];
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && lines[j].trim() !== '```'; j++) body.push(lines[j].slice(indent.length));
    if (open[2] === 'sh' || open[2] === 'bash')
      blocks.push({ line: i + 1, code: body.join('\n'), ...(skip ? { skip } : {}) });
    skip = undefined;
    i = j;
  }
  return blocks;
}

describe('shellBlocks', () => {
  it('finds sh blocks and the skip reason right before one', () => {
    const md = [
      'text',
      '```sh',
      'echo one',
      '```',
      '<!-- readme-test: skip: needs AWS -->',
      '',
      '```sh',
      'deploy',
      '```',
      '```json',
      '{}',
      '```',
    ].join('\n');
    expect(shellBlocks(md)).toEqual([
      { line: 2, code: 'echo one' },
      { line: 7, code: 'deploy', skip: 'needs AWS' },
    ]);
  });

  it('the README has runnable blocks, and every skipped one says why', () => {
    const blocks = shellBlocks(fs.readFileSync(README, 'utf8'));
    expect(blocks.filter((b) => !b.skip).length).toBeGreaterThanOrEqual(3);
    for (const b of blocks.filter((x) => x.skip)) expect(b.skip!.length).toBeGreaterThan(10);
  });
});

describeWithTerraform('README shell blocks, run as written in a temporary copy', () => {
  let dir = '';
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it(
    'every sh block of the README succeeds',
    () => {
      const blocks = shellBlocks(fs.readFileSync(README, 'utf8'));
      for (const b of blocks.filter((x) => x.skip)) {
        // Explicit, in the test output: what is not run, and why.
        console.warn(`README.md:${b.line}: not run: ${b.skip}\n  ${b.code.split('\n').join('\n  ')}`);
      }

      // A temporary "clone": the tracked files as they are in the working tree (uncommitted edits
      // of the README are what this test is for), with a fresh git history of their own.
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkforge-readme-'));
      const files = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' })
        .split('\0')
        .filter((f) => f && fs.existsSync(path.join(ROOT, f)));
      for (const f of files) {
        fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
        fs.copyFileSync(path.join(ROOT, f), path.join(dir, f));
      }
      const git = (...args: string[]) =>
        execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], {
          cwd: dir,
          stdio: 'pipe',
        });
      git('init', '-q', '-b', 'main');
      git('add', '-A');
      git('commit', '-qm', 'clone');

      const script = [
        'set -euo pipefail',
        ...blocks
          .filter((b) => !b.skip)
          .map(
            (b) =>
              `echo "=== README.md:${b.line}" >&2; SECONDS=0\n${b.code}\necho "=== README.md:${b.line} took \${SECONDS}s" >&2`,
          ),
      ].join('\n');
      const env: NodeJS.ProcessEnv = { ...process.env };
      // The copy must not reuse this checkout's CLI configuration or plugin cache by accident.
      delete env.TF_CLI_CONFIG_FILE;
      delete env.TF_DATA_DIR;
      delete env.AWS_PROFILE;
      const r = spawnSync('bash', ['-c', script], {
        cwd: dir,
        encoding: 'utf8',
        // npm uses its cache (the registry is only asked when something is missing).
        env: {
          ...env,
          npm_config_prefer_offline: 'true',
          npm_config_audit: 'false',
          npm_config_fund: 'false',
        },
        timeout: 15 * 60_000,
        maxBuffer: 64 * 1024 * 1024,
      });
      const timings = r.stderr.split('\n').filter((l) => / took \d+s$/.test(l));
      console.warn(`README blocks:\n${timings.join('\n')}`);
      if (r.status !== 0) {
        throw new Error(
          `the README's shell blocks failed (exit ${r.status}${r.error ? `, ${r.error.message}` : ''}):\n` +
            `${r.stdout.slice(-4000)}\n${r.stderr.slice(-4000)}`,
        );
      }
      // The quick start wrote the summary, offline and saying so.
      expect(fs.readFileSync(path.join(dir, 'cdktf.out', 'summary.md'), 'utf8')).toMatch(/^⚠ OFFLINE PLAN: /);
      // The offline cdktf diff planned (placeholder credentials), and left the stack directory's own
      // Terraform data alone for a later `cdktf deploy`.
      // eslint-disable-next-line no-control-regex
      const plain = r.stdout.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');
      expect(plain).toMatch(/Plan: \d+ to add, 0 to change, 0 to destroy/);
      expect(
        fs.existsSync(path.join(dir, 'cdktf.out', 'stacks', 'acme-corp', '.terraform', 'terraform.tfstate')),
      ).toBe(false);
      expect(r.stderr).not.toMatch(/checkpoint/i);
    },
    16 * 60_000,
  );
});
