/**
 * A throw-away git repository holding a small linkforge project: a fleet of generated customer
 * files, some shared code, docs and a workflow, committed on `main`, with a feature branch checked
 * out. Tests then edit, commit and ask what is affected.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateFleet } from '../../src/fleet/generate';

export interface GitFixture {
  readonly dir: string;
  readonly ids: readonly string[];
  git(...args: string[]): string;
  write(rel: string, text: string): void;
  remove(rel: string): void;
  commit(message: string): void;
  cleanup(): void;
}

export function makeGitFixture(opts: { customers?: number; projectSubdir?: string } = {}): GitFixture {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'linkforge-affected-'));
  const dir = opts.projectSubdir ? path.join(root, opts.projectSubdir) : root;
  const fleet = generateFleet(opts.customers ?? 10, 7);
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: root,
      encoding: 'utf8',
      // Never the developer's or the machine's git configuration: hooks, signing, templates.
      env: {
        ...process.env,
        GIT_CONFIG_GLOBAL: '/dev/null',
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_AUTHOR_NAME: 'test',
        GIT_AUTHOR_EMAIL: 'test@example.com',
        GIT_COMMITTER_NAME: 'test',
        GIT_COMMITTER_EMAIL: 'test@example.com',
      },
    });
  const write = (rel: string, text: string) => {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
  };
  git('init', '--quiet', '--initial-branch=main');
  for (const c of fleet) write(`customers/${c.id}.yaml`, c.yaml);
  write('customers/customer.schema.json', '{}\n');
  write('src/stacks/customer-stack.ts', 'export const x = 1;\n');
  write('main.ts', '// composition root\n');
  write('cdktf.json', '{}\n');
  write('package.json', '{}\n');
  write('docs/pull-requests.md', '# docs\n');
  write('test/x.test.ts', '// test\n');
  write('.github/workflows/pull-request.yml', 'on: push\n');
  git('add', '-A');
  git('commit', '--quiet', '-m', 'fleet');
  git('checkout', '--quiet', '-b', 'feature');
  return {
    dir,
    ids: fleet.map((c) => c.id).sort(),
    git,
    write,
    remove: (rel) => fs.rmSync(path.join(dir, rel)),
    commit: (message) => {
      git('add', '-A');
      git('commit', '--quiet', '-m', message);
    },
    cleanup: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}
