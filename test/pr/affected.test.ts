import * as os from 'os';
import * as fs from 'fs';
import * as path from 'path';
import { format, parse, run } from '../../src/cli/affected';
import { AffectedError, affectedSince, idsToPlan, parseNameStatus } from '../../src/pr/affected';
import { makeGitFixture, type GitFixture } from './git-fixture';

describe('affectedSince', () => {
  let repo: GitFixture;
  beforeEach(() => {
    repo = makeGitFixture();
  });
  afterEach(() => repo.cleanup());
  const affected = () => affectedSince({ base: 'main', cwd: repo.dir });

  it('reports nothing when nothing changed', () => {
    expect(affected()).toEqual({ added: [], changed: [], removed: [], all: false });
  });

  it('changing one customer file affects exactly that customer', () => {
    const id = repo.ids[3];
    const file = `customers/${id}.yaml`;
    repo.write(
      file,
      fs.readFileSync(path.join(repo.dir, file), 'utf8').replace(/^name: .*$/m, 'name: Renamed Co'),
    );
    repo.commit('change one');
    expect(affected()).toEqual({ added: [], changed: [id], removed: [], all: false });
  });

  it('a change to shared code affects every customer and names the file', () => {
    repo.write('src/stacks/customer-stack.ts', 'export const x = 2;\n');
    repo.commit('shared code');
    const r = affected();
    expect(r.all).toBe(true);
    expect(r.reason).toBe('shared code changed: src/stacks/customer-stack.ts');
    expect(r.changed).toEqual([...repo.ids]);
    expect(idsToPlan(r)).toEqual([...repo.ids]);
  });

  it.each(['main.ts', 'cdktf.json', 'package.json', 'package-lock.json', 'tsconfig.json'])(
    '%s is shared code',
    (file) => {
      repo.write(file, '{"changed": true}\n');
      repo.commit(file);
      expect(affected()).toMatchObject({ all: true, reason: `shared code changed: ${file}` });
    },
  );

  it('docs, tests, workflows and the schema beside the customers affect nobody', () => {
    repo.write('docs/pull-requests.md', '# more docs\n');
    repo.write('test/x.test.ts', '// more\n');
    repo.write('.github/workflows/pull-request.yml', 'on: pull_request\n');
    repo.write('customers/customer.schema.json', '{"x": 1}\n');
    repo.write('customers/README.md', 'not a customer\n');
    repo.write('customers/nested/deep.yaml', 'id: deep\n');
    repo.commit('no customer');
    expect(affected()).toEqual({ added: [], changed: [], removed: [], all: false });
  });

  it('adding and deleting files gives added and removed', () => {
    const gone = repo.ids[0];
    repo.write('customers/new-co.yml', 'id: new-co\n');
    repo.remove(`customers/${gone}.yaml`);
    repo.commit('add and remove');
    expect(affected()).toEqual({ added: ['new-co'], changed: [], removed: [gone], all: false });
  });

  it('regression: a deleted file whose stem is not a customer id (`...yaml` → `..`) names no stack', () => {
    repo.write('customers/...yaml', 'id: x\n');
    repo.write('customers/..yaml', 'id: x\n');
    repo.commit('junk on main');
    repo.git('branch', '-f', 'main', 'HEAD');
    repo.remove('customers/...yaml');
    repo.remove('customers/..yaml');
    repo.commit('delete junk');
    expect(affected()).toEqual({ added: [], changed: [], removed: [], all: false });
  });

  it('a rename changes the id: the old customer is removed, the new one added, and the rename flagged', () => {
    const from = repo.ids[1];
    repo.git('mv', `customers/${from}.yaml`, 'customers/brand-new-id.yaml');
    repo.commit('rename');
    expect(affected()).toEqual({
      added: ['brand-new-id'],
      changed: [],
      removed: [from],
      all: false,
      renamed: [{ from, to: 'brand-new-id' }],
    });
  });

  it('a.yaml → a.yml keeps the id: a change', () => {
    const id = repo.ids[2];
    repo.git('mv', `customers/${id}.yaml`, `customers/${id}.yml`);
    repo.commit('extension');
    expect(affected()).toEqual({ added: [], changed: [id], removed: [], all: false });
  });

  it('includes uncommitted edits and untracked new files', () => {
    const id = repo.ids[4];
    fs.appendFileSync(path.join(repo.dir, `customers/${id}.yaml`), '# a comment\n');
    repo.write('customers/not-yet-added.yaml', 'id: not-yet-added\n');
    expect(affected()).toEqual({ added: ['not-yet-added'], changed: [id], removed: [], all: false });
  });

  it('uses the merge base: what main did after the branch was cut is not the pull request', () => {
    const [onMain, onBranch] = [repo.ids[5], repo.ids[6]];
    repo.git('checkout', '--quiet', 'main');
    fs.appendFileSync(path.join(repo.dir, `customers/${onMain}.yaml`), '# main moved on\n');
    repo.write('src/other.ts', 'export const y = 1;\n');
    repo.commit('main moves on');
    repo.git('checkout', '--quiet', 'feature');
    fs.appendFileSync(path.join(repo.dir, `customers/${onBranch}.yaml`), '# the PR\n');
    repo.commit('the PR');
    expect(affected()).toEqual({ added: [], changed: [onBranch], removed: [], all: false });
  });

  it('works for a project in a subdirectory of the repository, with a custom customers directory', () => {
    const sub = makeGitFixture({ projectSubdir: 'infra' });
    try {
      fs.renameSync(path.join(sub.dir, 'customers'), path.join(sub.dir, 'fleet'));
      sub.commit('move customers');
      const base = sub.git('rev-parse', 'HEAD').trim();
      // A top-level src/ is outside the project: not its shared code.
      sub.write('../src/unrelated.ts', 'x\n');
      fs.appendFileSync(path.join(sub.dir, `fleet/${sub.ids[0]}.yaml`), '# edit\n');
      sub.commit('edit');
      expect(affectedSince({ base, cwd: sub.dir, customersDir: 'fleet' })).toEqual({
        added: [],
        changed: [sub.ids[0]],
        removed: [],
        all: false,
      });
      sub.write('src/stacks/customer-stack.ts', 'export const x = 3;\n');
      expect(affectedSince({ base, cwd: sub.dir, customersDir: 'fleet' })).toMatchObject({
        all: true,
        reason: 'shared code changed: src/stacks/customer-stack.ts',
        changed: [...sub.ids],
      });
    } finally {
      sub.cleanup();
    }
  });

  it('a bad ref is a clear error', () => {
    expect(() => affectedSince({ base: 'origin/nope', cwd: repo.dir })).toThrow(AffectedError);
    expect(() => affectedSince({ base: 'origin/nope', cwd: repo.dir })).toThrow(
      /unknown git ref 'origin\/nope': fetch it first/,
    );
    expect(() => affectedSince({ base: '--output=/tmp/x', cwd: repo.dir })).toThrow(
      /--base must name a git ref/,
    );
  });

  it('outside a git repository is a clear error', () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'linkforge-nogit-'));
    try {
      expect(() => affectedSince({ base: 'main', cwd: outside })).toThrow(/is not inside a git repository/);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('parseNameStatus', () => {
  it('reads renames, copies and plain entries from -z output', () => {
    expect(parseNameStatus('M\0a.yaml\0R087\0b.yaml\0c.yaml\0D\0d.yaml\0C100\0e\0f\0')).toEqual([
      { status: 'M', path: 'a.yaml' },
      { status: 'R', from: 'b.yaml', path: 'c.yaml' },
      { status: 'D', path: 'd.yaml' },
      { status: 'C', from: 'e', path: 'f' },
    ]);
  });
});

describe('affected CLI', () => {
  const result = { added: ['b-co'], changed: ['a-co'], removed: ['z-co'], all: false };

  it('parses its arguments and rejects bad ones', () => {
    expect(parse(['--base', 'origin/main', '--format=json', '--customers', 'c'])).toEqual({
      base: 'origin/main',
      format: 'json',
      customersDir: 'c',
    });
    expect(() => parse([])).toThrow(/--base REF is required/);
    expect(() => parse(['--base'])).toThrow(/--base needs a value/);
    expect(() => parse(['--base', 'x', '--format', 'yaml'])).toThrow(
      /--format must be text, json or github-matrix, not 'yaml'/,
    );
    expect(() => parse(['--base', 'x', 'extra'])).toThrow(/unknown argument 'extra'/);
  });

  it('formats text, json and a GitHub matrix', () => {
    expect(format(result, 'text')).toBe('added    b-co\nchanged  a-co\nremoved  z-co\n');
    expect(JSON.parse(format(result, 'json'))).toEqual(result);
    expect(JSON.parse(format(result, 'github-matrix'))).toEqual({ id: ['a-co', 'b-co'] });
    expect(format({ added: [], changed: [], removed: [], all: false }, 'text')).toBe(
      'no customers affected\n',
    );
    expect(format({ ...result, renamed: [{ from: 'z-co', to: 'b-co' }] }, 'text').split('\n')[3]).toMatch(
      /^note: z-co renamed to b-co: .* new stack 'b-co' and removes 'z-co'/,
    );
  });

  describe('end to end', () => {
    let repo: GitFixture;
    let out: string;
    let err: string;
    const cwd = process.cwd();
    beforeEach(() => {
      repo = makeGitFixture({ customers: 3 });
      process.chdir(repo.dir);
      out = '';
      err = '';
      jest.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
      jest.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
    });
    afterEach(() => {
      jest.restoreAllMocks();
      process.chdir(cwd);
      repo.cleanup();
    });

    it('exits 0 with the affected customers', async () => {
      fs.appendFileSync(path.join(repo.dir, `customers/${repo.ids[0]}.yaml`), '# edit\n');
      expect(await run(['--base', 'main', '--format', 'github-matrix'])).toBe(0);
      expect(out).toBe(`{"id":["${repo.ids[0]}"]}\n`);
    });

    it('exits 1 with one line, no stack trace, for a bad ref', async () => {
      expect(await run(['--base', 'does-not-exist'])).toBe(1);
      expect(out).toBe('');
      expect(err).toMatch(/^linkforge affected: unknown git ref 'does-not-exist'/);
      expect(err).not.toMatch(/\n\s+at /);
    });
  });
});
