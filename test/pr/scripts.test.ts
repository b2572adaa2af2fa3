/**
 * The workflow scripts (scripts/*.mjs) run for real: against the compiled PR modules (transpiled
 * here into a temporary `dist/`, so the test does not depend on an earlier build) and, for the
 * comment script, against a fake GitHub REST API on loopback.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { COMMENT_MARKER, commentMarker } from '../../src/pr/comment';

const ROOT = path.resolve(__dirname, '..', '..');
const PLANS = path.join(ROOT, 'test', 'fixtures', 'plans');
let work: string;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'linkforge-scripts-'));
  for (const mod of ['pr/comment', 'plan/same-plan', 'plan/types']) {
    const source = fs.readFileSync(path.join(ROOT, 'src', `${mod}.ts`), 'utf8');
    const js = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    fs.mkdirSync(path.join(work, 'dist', 'src', path.dirname(mod)), { recursive: true });
    fs.writeFileSync(path.join(work, 'dist', 'src', `${mod}.js`), js);
  }
  fs.cpSync(path.join(ROOT, 'scripts'), path.join(work, 'scripts'), { recursive: true });
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function node(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: work, env: { PATH: process.env.PATH, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b) => (stdout += String(b)));
    child.stderr.on('data', (b) => (stderr += String(b)));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('scripts/bind-reviewed-plan.mjs + check-reviewed-plan.mjs (the deploy gate)', () => {
  const HEAD = 'a'.repeat(40);
  const OTHER = 'b'.repeat(40);
  // A plans directory as the runner writes it: plans/<id>/plan.json (redacted) + plan.sha256.
  function plansDir(name: string, plans: Record<string, { json: string; digest: string }>): string {
    const dir = path.join(work, name);
    for (const [id, p] of Object.entries(plans)) {
      fs.mkdirSync(path.join(dir, id), { recursive: true });
      fs.copyFileSync(path.join(PLANS, p.json), path.join(dir, id, 'plan.json'));
      fs.writeFileSync(path.join(dir, id, 'plan.sha256'), `${p.digest}\n`);
    }
    return dir;
  }
  const digest = (c: string) => c.repeat(64);
  let binding: string;
  beforeAll(async () => {
    const reviewed = plansDir('reviewed/plans', {
      acme: { json: 'vpc-tags-update.json', digest: digest('1') },
      globex: { json: 'no-changes.json', digest: digest('2') },
    });
    binding = path.join(work, 'reviewed', 'reviewed-plan.json');
    const r = await node(['scripts/bind-reviewed-plan.mjs', reviewed, binding, '--pr', '12', '--head', HEAD]);
    expect(r).toMatchObject({ code: 0, stdout: `bound 2 plan(s) to #12 at ${HEAD}\n` });
  });
  const check = (current: string, id = 'acme', pr = '12', head = HEAD) =>
    node(['scripts/check-reviewed-plan.mjs', binding, current, '--id', id, '--pr', pr, '--head', head]);

  it('binds the digests to the pull request and head commit', () => {
    expect(JSON.parse(fs.readFileSync(binding, 'utf8'))).toEqual({
      pullRequest: 12,
      headSha: HEAD,
      digests: { acme: digest('1'), globex: digest('2') },
    });
  });

  it('passes the reviewed plan', async () => {
    const current = plansDir('same', { acme: { json: 'vpc-tags-update.json', digest: digest('1') } });
    expect(await check(path.join(current, 'acme'))).toEqual({
      code: 0,
      stdout: 'the plan is the reviewed plan\n',
      stderr: '',
    });
  });

  it('refuses a different plan, listing the differences', async () => {
    const current = plansDir('changed', { acme: { json: 'no-changes.json', digest: digest('3') } });
    const r = await check(path.join(current, 'acme'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^REFUSED: the plan differs from the reviewed plan/);
    expect(r.stderr).toContain('  aws_vpc.vpc: reviewed as update, now no change\n');
  });

  it('refuses a change to a sensitive value: same redacted plan.json, different digest', async () => {
    const current = plansDir('sensitive', { acme: { json: 'vpc-tags-update.json', digest: digest('4') } });
    const r = await check(path.join(current, 'acme'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('  a sensitive value differs (not shown)\n');
  });

  it('refuses a plan reviewed for another pull request or another head commit', async () => {
    const current = plansDir('same2', { acme: { json: 'vpc-tags-update.json', digest: digest('1') } });
    const other = await check(path.join(current, 'acme'), 'acme', '13');
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/^REFUSED: the reviewed plan was made for #12 at a+, not for #13 at a+/);
    const moved = await check(path.join(current, 'acme'), 'acme', '12', OTHER);
    expect(moved.code).toBe(1);
    expect(moved.stderr).toMatch(/^REFUSED: the reviewed plan was made for #12/);
  });

  it('refuses a customer that was not in the review, and a missing binding', async () => {
    const current = plansDir('new', { initech: { json: 'no-changes.json', digest: digest('1') } });
    expect((await check(path.join(current, 'initech'), 'initech')).stderr).toMatch(
      /^REFUSED: the reviewed plan has no plan for initech/,
    );
    const r = await node([
      'scripts/check-reviewed-plan.mjs',
      path.join(work, 'missing.json'),
      path.join(current, 'initech'),
      '--id',
      'initech',
      '--pr',
      '12',
      '--head',
      HEAD,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^REFUSED: no reviewed plan at /);
  });
});

describe('scripts/pr-changes-code.mjs', () => {
  function classify(paths: string[]): Promise<string> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ['scripts/pr-changes-code.mjs'], { cwd: work });
      let out = '';
      child.stdout.on('data', (b) => (out += String(b)));
      child.on('close', () => resolve(out.trim()));
      child.stdin.end(paths.join('\n') + '\n');
    });
  }

  it('customer files only are data', async () => {
    expect(await classify(['customers/acme-corp.yaml', 'customers/globex.yml'])).toBe('false');
  });

  it.each([
    ['package-lock.json'],
    ['src/cli/plan.ts'],
    ['scripts/upsert-pr-comment.mjs'],
    ['.github/workflows/pull-request.yml'],
    ['.terraform.lock.hcl'],
    ['cdktf.json'],
    ['customers/nested/evil.yaml'],
    ['customers/notes.txt'],
  ])('%s is code', async (p) => {
    expect(await classify(['customers/acme-corp.yaml', p])).toBe('true');
  });

  it('an empty list fails closed', async () => {
    expect(await classify([])).toBe('true');
  });
});

describe('scripts/upsert-pr-comment.mjs against a fake GitHub API', () => {
  interface Comment {
    id: number;
    body: string;
    user: { login: string };
  }
  let server: http.Server;
  let url: string;
  let comments: Comment[];
  let calls: string[];
  let nextId: number;

  beforeEach(async () => {
    calls = [];
    nextId = 1000;
    comments = [
      { id: 1, body: 'Looks good', user: { login: 'alice' } },
      { id: 2, body: `${COMMENT_MARKER}\nold summary`, user: { login: 'github-actions[bot]' } },
    ];
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (b) => (body += String(b)));
      req.on('end', () => {
        // An unauthenticated call is recorded as such and fails the `calls` assertions.
        calls.push(
          `${req.method} ${req.url}${req.headers.authorization === 'Bearer test-token' ? '' : ' (no token)'}`,
        );
        const u = new URL(req.url!, 'http://x');
        const list = /^\/repos\/o\/r\/issues\/(\d+)\/comments$/.exec(u.pathname);
        const one = /^\/repos\/o\/r\/issues\/comments\/(\d+)$/.exec(u.pathname);
        if (list && req.method === 'GET') {
          const page = Number(u.searchParams.get('page'));
          const perPage = Number(u.searchParams.get('per_page'));
          return res.end(JSON.stringify(comments.slice((page - 1) * perPage, page * perPage)));
        }
        if (list && req.method === 'POST') {
          const c = {
            id: nextId++,
            body: (JSON.parse(body) as { body: string }).body,
            user: { login: 'github-actions[bot]' },
          };
          comments.push(c);
          res.statusCode = 201;
          return res.end(JSON.stringify(c));
        }
        if (one && req.method === 'PATCH') {
          const c = comments.find((x) => x.id === Number(one[1]))!;
          c.body = (JSON.parse(body) as { body: string }).body;
          return res.end(JSON.stringify(c));
        }
        if (one && req.method === 'DELETE') {
          comments = comments.filter((x) => x.id !== Number(one[1]));
          res.statusCode = 204;
          return res.end();
        }
        res.statusCode = 404;
        return res.end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const env = (extra: NodeJS.ProcessEnv = {}) => ({
    GITHUB_TOKEN: 'test-token',
    GITHUB_REPOSITORY: 'o/r',
    GITHUB_API_URL: url,
    ...extra,
  });
  const summary = (text: string) => {
    const f = path.join(work, `summary-${Date.now()}-${Math.random()}.md`);
    fs.writeFileSync(f, text);
    return f;
  };
  const event = () => {
    const f = path.join(work, 'event.json');
    fs.writeFileSync(f, JSON.stringify({ pull_request: { number: 42 } }));
    return f;
  };

  it('updates our existing comment in place, leaving everyone else’s alone', async () => {
    const r = await node(
      ['scripts/upsert-pr-comment.mjs', summary('## new summary\n')],
      env({ GITHUB_EVENT_PATH: event() }),
    );
    expect(r).toMatchObject({ code: 0, stdout: '#42: 1 part(s); 1 updated, 0 created, 0 deleted\n' });
    expect(calls).toEqual([
      'GET /repos/o/r/issues/42/comments?per_page=100&page=1',
      'PATCH /repos/o/r/issues/comments/2',
    ]);
    expect(comments.map((c) => c.body)).toEqual(['Looks good', `${COMMENT_MARKER}\n## new summary\n`]);
  });

  it('splits a summary over the limit into several comments, and shrinks back to one', async () => {
    const big = Array.from(
      { length: 4000 },
      (_, i) => `| customer-${i} | vpc-peering | changes | 1 | 0 | 0 |`,
    ).join('\n');
    const r = await node(['scripts/upsert-pr-comment.mjs', summary(big), '--issue', '7'], env());
    expect(r.code).toBe(0);
    const ours = comments.filter((c) => c.body.startsWith(COMMENT_MARKER));
    expect(ours.length).toBeGreaterThan(1);
    for (const c of ours) expect(Buffer.byteLength(c.body)).toBeLessThanOrEqual(65536);
    expect(ours[0].id).toBe(2); // the sticky comment keeps its place

    const again = await node(
      ['scripts/upsert-pr-comment.mjs', summary('short now\n'), '--issue', '7'],
      env(),
    );
    expect(again.stdout).toMatch(/1 part\(s\); 1 updated, 0 created, \d+ deleted/);
    expect(comments.filter((c) => c.body.startsWith(COMMENT_MARKER)).map((c) => c.id)).toEqual([2]);
  });

  it('keeps separate sticky comments apart by marker', async () => {
    await node(
      ['scripts/upsert-pr-comment.mjs', summary('drift!\n'), '--issue', '7', '--marker', 'drift'],
      env(),
    );
    expect(comments.map((c) => c.body)).toEqual([
      'Looks good',
      `${COMMENT_MARKER}\nold summary`,
      `${commentMarker('drift')}\ndrift!\n`,
    ]);
  });

  it('fails clearly without a token, or when the API refuses', async () => {
    const r = await node(
      ['scripts/upsert-pr-comment.mjs', summary('x\n'), '--issue', '7'],
      env({ GITHUB_TOKEN: '' }),
    );
    expect(r).toMatchObject({
      code: 1,
      stderr: 'upsert-pr-comment: GITHUB_TOKEN and GITHUB_REPOSITORY must be set\n',
    });
    const bad = await node(
      ['scripts/upsert-pr-comment.mjs', summary('x\n'), '--issue', '7'],
      env({ GITHUB_REPOSITORY: 'o/missing' }),
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(
      /^upsert-pr-comment: GET \/repos\/o\/missing\/issues\/7\/comments\?per_page=100&page=1: HTTP 404/,
    );
  });
});
