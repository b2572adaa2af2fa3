/**
 * Remote state against real S3 and DynamoDB API servers on loopback: s3rver (which checks AWS
 * SigV4 signatures) and dynalite, both started and stopped here, on 127.0.0.1 only.
 *
 * The stacks use the real S3 backend block from the backend factory (src/stacks/backend.ts) with
 * the platform settings' `endpoints`. Their resources are chosen so that apply and plan work with no
 * AWS account: a `terraform_data` resource (state with content) and an `aws_caller_identity` data
 * source whose STS endpoint is a local server the test controls. Holding that server's response
 * keeps a plan inside its state lock for exactly as long as the test wants, so "two concurrent
 * plans of the same customer" is deterministic, not a race. s3rver ignores conditional writes, so
 * the lock under test is the DynamoDB one.
 */
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import { App, DataResource, TerraformOutput, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import type { S3BackendSettings } from '../../src/config/settings';
import { s3StateKey } from '../../src/stacks/backend';
import { addBackend } from '../../src/stacks/backend-block';
import { prepareTerraformCli } from '../../src/terraform/cli-config';
import { execTerraform, signalTerraformGroups, type ExecResult } from '../../src/terraform/exec';
import { trapInterrupts } from '../../src/terraform/interrupt';
import type { SynthesizedStack } from '../../src/plan/types';
import { childEnvironment } from '../../src/terraform/child-env';
import { summarizeError } from '../../src/terraform/errors';
import { planStacks } from '../../src/terraform/runner';
import { PROJECT_DIR, describeWithTerraform, tempDir } from '../terraform/helpers';
import { S3RVER_CREDENTIALS, startS3rver, type RunningS3rver } from '../terraform/s3rver';

type DynaliteFactory = (opts: Record<string, unknown>) => http.Server;
// No type definitions ship with dynalite.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynalite = require('dynalite') as DynaliteFactory;

const BUCKET = 'linkforge-state';
const LOCK_TABLE = 'linkforge-locks';
const PREFIX = 'customers';

/** A DynamoDB API call to dynalite: it wants the shape of a SigV4 header, not a valid signature. */
async function dynamo(endpoint: string, op: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.0',
      'X-Amz-Target': `DynamoDB_20120810.${op}`,
      'X-Amz-Date': '20250101T000000Z',
      Authorization:
        'AWS4-HMAC-SHA256 Credential=S3RVER/20250101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=0',
    },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`dynalite ${op}: ${JSON.stringify(json)}`);
  return json;
}

/**
 * A minimal STS endpoint answering GetCallerIdentity. While `hold()` is in effect it keeps
 * requests waiting until `release()`.
 */
async function startSts() {
  let held = false;
  let waiting: (() => void)[] = [];
  let requests = 0;
  const onRequest: (() => void)[] = [];
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      requests++;
      onRequest.splice(0).forEach((f) => f());
      const answer = () => {
        res.writeHead(200, { 'Content-Type': 'text/xml' });
        res.end(
          '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
            '<Arn>arn:aws:iam::123456789012:user/linkforge-test</Arn><UserId>AIDATEST</UserId>' +
            '<Account>123456789012</Account></GetCallerIdentityResult>' +
            '<ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata>' +
            '</GetCallerIdentityResponse>',
        );
      };
      if (held) waiting.push(answer);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => requests,
    /** Requests held right now (each is one terraform command inside its lock). */
    waiting: () => waiting.length,
    hold: () => {
      held = true;
    },
    release: () => {
      held = false;
      waiting.splice(0).forEach((f) => f());
    },
    /** Resolves at the next request (a terraform command is inside its refresh, holding its lock). */
    nextRequest: () => new Promise<void>((resolve) => onRequest.push(resolve)),
    close: () => {
      waiting.forEach((f) => f());
      waiting = [];
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

class StateTestStack extends TerraformStack {
  constructor(app: App, id: string, backend: S3BackendSettings, stsUrl: string, outdir: string) {
    super(app, id);
    new AwsProvider(this, 'aws', {
      region: 'eu-west-1',
      skipCredentialsValidation: true,
      skipRequestingAccountId: true,
      skipMetadataApiCheck: 'true',
      skipRegionValidation: true,
      endpoints: [{ sts: stsUrl }],
    });
    addBackend(this, id, backend, { stackDir: path.join(outdir, 'stacks', id), projectDir: path.dirname(outdir) });
    const me = new DataAwsCallerIdentity(this, 'caller');
    const marker = new DataResource(this, 'marker', { input: { customer: id } });
    new TerraformOutput(this, 'customer', { value: marker.output });
    new TerraformOutput(this, 'account', { value: me.accountId });
  }
}

describeWithTerraform('remote state on S3 with DynamoDB locking (s3rver + dynalite on loopback)', () => {
  const work = tempDir('state');
  const s3dir = path.join(work, 's3');
  const outdir = path.join(work, 'cdktf.out');
  let s3: RunningS3rver;
  let dyn: http.Server;
  let sts: Awaited<ReturnType<typeof startSts>>;
  let dynamoUrl = '';
  let env: NodeJS.ProcessEnv = {};
  let stacks: SynthesizedStack[] = [];
  let cli: ReturnType<typeof prepareTerraformCli>;

  const tf = (args: string[], id: string): Promise<ExecResult> =>
    execTerraform(args, { cwd: path.join(outdir, 'stacks', id), env });
  /** Object keys in the bucket, from s3rver's store on disk. */
  const bucketKeys = (): string[] => {
    const root = path.join(s3dir, BUCKET);
    const keys: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('._S3rver_object')) keys.push(path.relative(root, p).replace(/\._S3rver_object$/, ''));
      }
    };
    walk(root);
    return keys.sort();
  };
  const stateOf = (id: string) =>
    fs.readFileSync(path.join(s3dir, BUCKET, `${s3StateKey(PREFIX, id)}._S3rver_object`), 'utf8');
  const lockItems = async (): Promise<string[]> => {
    const r = await dynamo(dynamoUrl, 'Scan', { TableName: LOCK_TABLE });
    return (r.Items as { LockID: { S: string }; Info?: { S: string } }[])
      .filter((i) => i.Info !== undefined) // digest items (`…-md5`) are not locks
      .map((i) => i.LockID.S);
  };

  beforeAll(async () => {
    s3 = await startS3rver(s3dir, BUCKET);
    dyn = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    await new Promise<void>((resolve) => dyn.listen(0, '127.0.0.1', resolve));
    dynamoUrl = `http://127.0.0.1:${(dyn.address() as AddressInfo).port}`;
    await dynamo(dynamoUrl, 'CreateTable', {
      TableName: LOCK_TABLE,
      AttributeDefinitions: [{ AttributeName: 'LockID', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'LockID', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    });
    sts = await startSts();

    const backend: S3BackendSettings = {
      type: 's3',
      bucket: BUCKET,
      region: 'us-east-1',
      keyPrefix: PREFIX,
      encrypt: true,
      dynamodbTable: LOCK_TABLE,
      useLockfile: false,
      endpoints: { s3: s3.endpoint, dynamodb: dynamoUrl },
    };
    const app = new App({ outdir, stackTraces: false });
    for (const id of ['alpha', 'bravo']) new StateTestStack(app, id, backend, sts.url, outdir);
    app.synth();
    stacks = ['alpha', 'bravo'].map((id) => ({ id, dir: path.join(outdir, 'stacks', id), decommission: false }));

    cli = prepareTerraformCli({ projectDir: PROJECT_DIR, awsProviderVersion: '5.100.0' });
    env = childEnvironment(
      {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        ...S3RVER_CREDENTIALS,
        AWS_CONFIG_FILE: path.join(work, 'no-aws-config'),
        AWS_SHARED_CREDENTIALS_FILE: path.join(work, 'no-aws-credentials'),
      },
      cli,
      false,
    );
    for (const s of stacks) {
      const init = await tf(['init', '-input=false', '-no-color'], s.id);
      if (init.code !== 0) throw new Error(`init ${s.id}: ${init.stderr}`);
    }
  }, 5 * 60_000);

  afterAll(async () => {
    sts?.release();
    await sts?.close();
    await s3?.close();
    await new Promise<void>((resolve) => (dyn ? dyn.close(() => resolve()) : resolve()));
    fs.rmSync(work, { recursive: true, force: true });
  });

  it("two customers applied in parallel: each state lands under <prefix>/<id>/terraform.tfstate, nowhere else", async () => {
    const [a, b] = await Promise.all(stacks.map((s) => tf(['apply', '-auto-approve', '-input=false', '-no-color'], s.id)));
    expect(a.stderr).toBe('');
    expect(b.stderr).toBe('');
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(bucketKeys()).toEqual(['customers/alpha/terraform.tfstate', 'customers/bravo/terraform.tfstate']);
    for (const id of ['alpha', 'bravo']) {
      const state = JSON.parse(stateOf(id)) as { outputs: Record<string, { value: unknown }> };
      expect(state.outputs.customer.value).toEqual({ customer: id });
    }
    expect(await lockItems()).toEqual([]); // both locks released
  }, 5 * 60_000);

  it('two different customers plan in parallel through the runner, and both succeed', async () => {
    const results = await planStacks(stacks, {
      cli,
      plansDir: path.join(work, 'plans'),
      jobs: 2,
      baseEnv: env,
    });
    expect(results.map((r) => [r.id, r.status, r.error])).toEqual([
      ['alpha', 'planned', undefined],
      ['bravo', 'planned', undefined],
    ]);
    expect(results.map((r) => r.counts)).toEqual([
      { add: 0, change: 0, destroy: 0 },
      { add: 0, change: 0, destroy: 0 },
    ]);
  }, 5 * 60_000);

  it('two concurrent plans of the same customer: the second fails with a lock error, the state is untouched', async () => {
    const before = stateOf('alpha');
    sts.hold();
    const inRefresh = sts.nextRequest();
    const first = tf(['plan', '-input=false', '-no-color', '-lock-timeout=0s'], 'alpha');
    await inRefresh; // the first plan holds the lock and waits on its data source
    expect(await lockItems()).toEqual([`${BUCKET}/${s3StateKey(PREFIX, 'alpha')}`]);

    const second = await tf(['plan', '-input=false', '-no-color', '-lock-timeout=0s'], 'alpha');
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('Error acquiring the state lock');
    expect(second.stderr).toContain('ConditionalCheckFailed');
    expect(second.stderr).toMatch(/Operation: +OperationTypePlan/);

    // Meanwhile another customer is unaffected by alpha's lock.
    sts.release();
    const [firstDone, bravo] = await Promise.all([
      first,
      tf(['plan', '-input=false', '-no-color', '-lock-timeout=0s'], 'bravo'),
    ]);
    expect(firstDone.code).toBe(0);
    expect(firstDone.stdout).toContain('No changes.');
    expect(bravo.code).toBe(0);

    // Not corrupted: byte-identical state, no lock left behind, and a new plan still sees no changes.
    expect(stateOf('alpha')).toBe(before);
    expect(await lockItems()).toEqual([]);
    const again = await tf(['plan', '-input=false', '-no-color', '-detailed-exitcode'], 'alpha');
    expect(again.code).toBe(0);
  }, 5 * 60_000);
  /** Processes whose working directory is inside `dir` (terraform and its providers run in a stack directory). */
  const processesIn = (dir: string): string[] => {
    const found: string[] = [];
    for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
      try {
        const cwd = fs.readlinkSync(`/proc/${pid}/cwd`);
        if (cwd === dir || cwd.startsWith(`${dir}/`)) {
          found.push(`${pid} ${fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ')}`);
        }
      } catch {
        // gone meanwhile, or not ours to read
      }
    }
    return found;
  };

  it('a plan killed with SIGKILL leaves a stale lock: the next plan says who holds it since when and how to release it', async () => {
    const stackDir = path.join(outdir, 'stacks', 'alpha');
    sts.hold();
    const inRefresh = sts.nextRequest();
    const doomed = tf(['plan', '-input=false', '-no-color'], 'alpha');
    await inRefresh; // inside its lock
    expect(await lockItems()).toEqual([`${BUCKET}/${s3StateKey(PREFIX, 'alpha')}`]);
    // Kill terraform outright (its whole process group, as the OOM killer or `kill -9` would).
    expect(signalTerraformGroups('SIGKILL')).toBe(1);
    const killed = await doomed;
    sts.release();
    expect(summarizeError(killed)).toMatch(/^killed by SIGKILL/);
    expect(await lockItems()).toEqual([`${BUCKET}/${s3StateKey(PREFIX, 'alpha')}`]); // stale

    const [result] = await planStacks([stacks[0]], {
      cli,
      plansDir: path.join(work, 'plans-stale'),
      baseEnv: env,
      lockTimeoutSeconds: 1,
    });
    expect(result.status).toBe('failed');
    const lockId = /force-unlock -force (\S+)$/.exec(result.error ?? '')?.[1] ?? '';
    expect(lockId).toMatch(/^[0-9a-f-]{36}$/);
    const rel = path.relative(process.cwd(), stackDir);
    expect(result.error).toMatch(
      new RegExp(
        '^terraform plan failed: the state of customer alpha \\(' +
          `${BUCKET}/${s3StateKey(PREFIX, 'alpha')}`.replace(/[.]/g, '\\.') +
          '\\) is locked by \\S+@\\S+ since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\+0000 UTC ' +
          '\\(terraform plan, Terraform \\d+\\.\\d+\\.\\d+, lock ID [0-9a-f-]{36}\\); waited 1s',
      ),
    );
    expect(result.error).toContain('Only if no run of alpha is alive (check CI jobs and colleagues first');
    expect(result.error).toContain(`release the lock with: terraform -chdir=${rel} force-unlock -force ${lockId}`);

    // The command, run as printed, releases it; the next plan succeeds.
    const [bin, ...args] = `terraform -chdir=${rel} force-unlock -force ${lockId}`.split(' ');
    expect(bin).toBe('terraform');
    const unlock = await execTerraform(args, { cwd: process.cwd(), env });
    expect(unlock.code).toBe(0);
    expect(await lockItems()).toEqual([]);
    const [again] = await planStacks([stacks[0]], { cli, plansDir: path.join(work, 'plans-stale'), baseEnv: env });
    expect(again.status).toBe('planned');
  }, 5 * 60_000);

  it('interrupted while two plans hold their locks: both stop, release their locks, leave no process, and are marked', async () => {
    sts.hold();
    const trap = trapInterrupts({ out: { stderr: () => undefined }, command: 'test', listen: false });
    try {
      const bothInRefresh = new Promise<void>((resolve) => {
        const check = setInterval(() => {
          if (processesIn(outdir).filter((p) => / plan /.test(p)).length >= 2 && sts.waiting() >= 2) {
            clearInterval(check);
            resolve();
          }
        }, 100);
      });
      const running = planStacks(stacks, {
        cli,
        plansDir: path.join(work, 'plans-interrupted'),
        jobs: 2,
        baseEnv: env,
        interrupted: trap.signal,
      });
      await bothInRefresh;
      expect((await lockItems()).length).toBe(2);
      // Terraform and its provider per stack, each group signalled as one.
      expect(processesIn(outdir).some((p) => /terraform-provider-aws/.test(p))).toBe(true);
      trap.trigger('SIGINT');
      const results = await running;
      expect(results.map((r) => [r.id, r.status])).toEqual([
        ['alpha', 'interrupted'],
        ['bravo', 'interrupted'],
      ]);
      for (const r of results) expect(r.error).toMatch(/^terraform plan stopped by SIGINT: /);
      expect(trap.killed()).toBe(0); // stopped within the grace period, not killed
      expect(await lockItems()).toEqual([]);
      expect(processesIn(outdir)).toEqual([]);
    } finally {
      trap.release();
      sts.release();
    }
  }, 5 * 60_000);
});
