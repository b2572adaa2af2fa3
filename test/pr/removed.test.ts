import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DEFAULT_SETTINGS, type PlatformSettings } from '../../src/config/settings';
import { checkRemoved, countStateResources, inspectState, MAX_STATE_BYTES } from '../../src/pr/removed';
import { renderSummary } from '../../src/pr/summary';
import { statePuller } from '../../src/stacks/state-command';
import { describeWithTerraform } from '../terraform/helpers';
import { S3RVER_CREDENTIALS, startS3rver, type RunningS3rver } from '../terraform/s3rver';

/** The prior state of a plan fixture: a real-shaped version-4 state with three resources. */
const STATE_WITH_RESOURCES = fs.readFileSync(
  path.join(__dirname, '..', 'fixtures', 'plans', 'cases', 'peering-decommission', 'prior-state.json'),
  'utf8',
);
/** What `terraform destroy` leaves behind: the file stays, its resource list is empty. */
const DESTROYED_STATE = JSON.stringify({ ...JSON.parse(STATE_WITH_RESOURCES), serial: 9, resources: [] });

function tempProject(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'linkforge-removed-'));
}

describe('inspectState', () => {
  it.each(['..', '.', 'a/../../etc', ''])(
    'refuses %j before it becomes a path or a state key',
    async (id) => {
      await expect(inspectState(id, DEFAULT_SETTINGS)).rejects.toThrow(
        /is not a customer id; it names no stack/,
      );
    },
  );
});

describe('checkRemoved with the local backend', () => {
  let dir: string;
  const settings: PlatformSettings = { ...DEFAULT_SETTINGS, backend: { type: 'local', directory: 'state' } };
  const writeState = (id: string, text: string) => {
    fs.mkdirSync(path.join(dir, 'state', id), { recursive: true });
    fs.writeFileSync(path.join(dir, 'state', id, 'terraform.tfstate'), text);
  };
  beforeEach(() => {
    dir = tempProject();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses a removed customer whose state still has resources, saying to decommission first', async () => {
    writeState('acme-corp', STATE_WITH_RESOURCES);
    const [r] = await checkRemoved(['acme-corp'], settings, { projectDir: dir });
    expect(r).toMatchObject({ id: 'acme-corp', status: 'refused', decommission: false });
    expect(r.connectivityType).toBeUndefined();
    expect(r.error).toBe(
      "customers/acme-corp.yaml was deleted, but stack 'acme-corp' still has 3 resources in its state " +
        '(state/acme-corp/terraform.tfstate): deleting the file would orphan them. To remove this customer, ' +
        'restore customers/acme-corp.yaml, set `decommission: true` in it, merge and deploy (that destroys the ' +
        'stack), and only then delete the file.',
    );
  });

  it('allows the removal once the stack is destroyed, or when it never had state', async () => {
    writeState('destroyed', DESTROYED_STATE);
    writeState('empty-file', '');
    const results = await checkRemoved(['never-deployed', 'destroyed', 'empty-file'], settings, {
      projectDir: dir,
    });
    expect(results.map((r) => [r.id, r.status, r.error])).toEqual([
      ['destroyed', 'planned', undefined],
      ['empty-file', 'planned', undefined],
      ['never-deployed', 'planned', undefined],
    ]);
    expect(renderSummary(results)).toContain('| `destroyed` | — | removed (no resources left) | – | – | – |');
  });

  it('offline, a missing or empty local state proves nothing: the removal is refused', async () => {
    writeState('destroyed', DESTROYED_STATE);
    writeState('deployed', STATE_WITH_RESOURCES);
    const results = await checkRemoved(['never-deployed', 'destroyed', 'deployed'], settings, {
      projectDir: dir,
      offline: true,
    });
    expect(results.map((r) => [r.id, r.status, r.offline])).toEqual([
      ['deployed', 'refused', true],
      ['destroyed', 'refused', true],
      ['never-deployed', 'refused', true],
    ]);
    expect(results[0].error).toContain("stack 'deployed' still has 3 resources");
    expect(results[2].error).toContain('an offline plan cannot tell whether the stack still has resources');
    const md = renderSummary(results);
    expect(md).not.toMatch(/no resources left|can now be deleted/);
    expect(md.split('\n')[0]).toMatch(/^⚠ OFFLINE PLAN: /);
  });

  it('refuses when the state cannot be read: unknown is not empty', async () => {
    writeState('corrupt', '{not json');
    const [r] = await checkRemoved(['corrupt'], settings, { projectDir: dir, customersDir: 'fleet/' });
    expect(r.status).toBe('refused');
    expect(r.error).toMatch(
      /^fleet\/corrupt\.yaml was deleted, and whether stack 'corrupt' still has resources could not be checked \(state\/corrupt\/terraform\.tfstate: the state is not valid JSON\)/,
    );
  });

  it('refuses, saying why, when the state is a FIFO, a symbolic link or larger than the cap', async () => {
    const stateDir = (id: string) => {
      fs.mkdirSync(path.join(dir, 'state', id), { recursive: true });
      return path.join(dir, 'state', id, 'terraform.tfstate');
    };
    execFileSync('mkfifo', [stateDir('fifo')]);
    fs.writeFileSync(path.join(dir, 'elsewhere.json'), DESTROYED_STATE);
    fs.symlinkSync(path.join(dir, 'elsewhere.json'), stateDir('linked'));
    // Sparse: MAX_STATE_BYTES + 1 bytes of size without writing them.
    fs.closeSync(fs.openSync(stateDir('huge'), 'w'));
    fs.truncateSync(stateDir('huge'), MAX_STATE_BYTES + 1);
    const results = await checkRemoved(['fifo', 'huge', 'linked'], settings, { projectDir: dir });
    expect(results.map((r) => r.status)).toEqual(['refused', 'refused', 'refused']);
    expect(results[0].error).toContain(
      '(state/fifo/terraform.tfstate: state/fifo/terraform.tfstate is a FIFO (named pipe), not a regular file',
    );
    expect(results[1].error).toContain('state/huge/terraform.tfstate is larger than 64 MiB');
    expect(results[2].error).toContain(
      'state/linked/terraform.tfstate is a symbolic link, not a regular file',
    );
  });

  it('counts managed resource instances only', () => {
    expect(
      countStateResources({
        resources: [
          { mode: 'managed', instances: [{}, {}] },
          { mode: 'data', instances: [{}] },
          { mode: 'managed', instances: [] },
        ],
      }),
    ).toBe(2);
    expect(countStateResources({ version: 4 })).toBeUndefined();
  });
});

describeWithTerraform('checkRemoved with the s3 backend (s3rver on loopback)', () => {
  let server: RunningS3rver;
  let endpoint: string;
  let dir: string;
  let settings: PlatformSettings;
  const env = { ...process.env, ...S3RVER_CREDENTIALS };

  beforeAll(async () => {
    dir = tempProject();
    server = await startS3rver(path.join(dir, 's3'), 'tfstate');
    endpoint = server.endpoint;
    settings = {
      ...DEFAULT_SETTINGS,
      backend: {
        type: 's3',
        bucket: 'tfstate',
        region: 'eu-west-1',
        keyPrefix: 'linkforge',
        encrypt: true,
        useLockfile: false,
        endpoints: { s3: endpoint },
      },
    };
    const put = (key: string, body: string) => fetch(`${endpoint}/tfstate/${key}`, { method: 'PUT', body });
    expect((await put('linkforge/acme-corp/terraform.tfstate', STATE_WITH_RESOURCES)).status).toBe(200);
    expect((await put('linkforge/gone-co/terraform.tfstate', DESTROYED_STATE)).status).toBe(200);
  });
  afterAll(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads each removed customer’s state under its own key through terraform', async () => {
    const results = await checkRemoved(['acme-corp', 'gone-co', 'never-deployed'], settings, {
      projectDir: dir,
      pullState: statePuller(settings, { projectDir: dir, env }),
    });
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ['acme-corp', 'refused'],
      ['gone-co', 'planned'],
      ['never-deployed', 'planned'],
    ]);
    expect(results[0].error).toContain(
      "stack 'acme-corp' still has 3 resources in its state (s3://tfstate/linkforge/acme-corp/terraform.tfstate)",
    );
  });

  it('refuses offline, when remote state cannot be read', async () => {
    const [r] = await checkRemoved(['gone-co'], settings, {
      projectDir: dir,
      pullState: statePuller(settings, { projectDir: dir, env }),
      offline: true,
    });
    expect(r.status).toBe('refused');
    expect(r.error).toContain('remote state cannot be read offline');
  });

  it('refuses when the bucket cannot be reached', async () => {
    const unreachable: PlatformSettings = {
      ...settings,
      backend: {
        ...(settings.backend as Extract<PlatformSettings['backend'], { type: 's3' }>),
        bucket: 'no-such-bucket',
      },
    };
    const [r] = await checkRemoved(['acme-corp'], unreachable, {
      projectDir: dir,
      pullState: statePuller(unreachable, { projectDir: dir, env }),
    });
    expect(r.status).toBe('refused');
    expect(r.error).toMatch(
      /could not be checked \(s3:\/\/no-such-bucket\/linkforge\/acme-corp\/terraform\.tfstate: terraform (init|state pull) failed/,
    );
  });
});
