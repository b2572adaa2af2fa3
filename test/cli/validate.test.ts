/**
 * `linkforge validate`, run in-process through `run()` with captured output, plus the CLI process
 * itself for exit statuses.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { run } from '../../src/cli/validate';
import { peeringYaml } from '../config/yaml-docs';
import { useTempProject } from './temp-project';

const REPO = path.join(__dirname, '..', '..');

async function validate(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

const GOOD = peeringYaml('good');

describe('validate', () => {
  const project = useTempProject('lf-validate-');
  const { write } = project;

  it('exits 0 with only a summary for valid files', async () => {
    write('good.yaml', GOOD);
    const r = await validate([]);
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(r.stderr).toMatch(/^1 file, 0 errors, 0 warnings/);
  });

  it('prints one text line per problem with paths relative to the working directory, exits 1', async () => {
    write('good.yaml', GOOD);
    write('bad.yaml', GOOD.replace('id: good', 'id: bad').replace('plan: enterprise', 'plan: gold'));
    const r = await validate(['--customers', 'customers']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      'customers/bad.yaml:4:7: error INVALID_VALUE: plan "gold" is not allowed; expected enterprise or team\n',
    );
    expect(r.stderr).toMatch(/^2 files, 1 error, 0 warnings/);
  });

  it('prints GitHub annotations with --format github', async () => {
    write(
      'bad.yaml',
      GOOD.replace('id: good', 'id: bad').replace('  tunnels', '').replace('vpc-0a1b2c3d', 'vpc-1'),
    );
    const r = await validate(['--format', 'github']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^::error file=customers\/bad\.yaml,line=9,col=12,title=INVALID_VPC_ID::connectivity\.peer\.vpcId "vpc-1" is not valid/,
    );
  });

  it('prints the diagnostics as JSON with --format json', async () => {
    write('bad.yaml', `${GOOD.replace('id: good', 'id: bad')}  natGateway: true\n`);
    const r = await validate(['--format', 'json']);
    expect(r.code).toBe(1);
    const { diagnostics } = JSON.parse(r.stdout);
    expect(diagnostics).toEqual([
      {
        file: 'customers/bad.yaml',
        line: 12,
        column: 3,
        severity: 'error',
        code: 'UNKNOWN_KEY',
        path: 'connectivity.natGateway',
        message: expect.stringContaining('site-to-site-vpn setting'),
      },
    ]);
  });

  it('prints no diagnostics and the capacity table as JSON for valid files', async () => {
    write('good.yaml', GOOD);
    const r = await validate(['--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      diagnostics: [],
      capacity: [
        {
          quota: 'vpcsPerRegion',
          name: 'VPCs per Region',
          region: 'eu-west-1',
          count: 1,
          limit: 5,
          limitFrom: 'default',
          over: false,
        },
        {
          // GOOD is a peering the customer has not accepted yet: an outstanding request.
          quota: 'outstandingPeeringRequestsPerRegion',
          name: 'Outstanding VPC peering connection requests',
          region: 'eu-west-1',
          count: 1,
          limit: 25,
          limitFrom: 'default',
          over: false,
        },
        {
          // The stack's flow-log role: IAM quotas are account-wide, so the row's region is "*".
          quota: 'iamRolesPerAccount',
          name: 'Roles per account',
          region: '*',
          count: 1,
          limit: 1000,
          limitFrom: 'default',
          over: false,
        },
      ],
    });
  });

  it('--format json: the capacity table counts the fleet against the quotas the settings raise', async () => {
    // Six peering customers in eu-west-1: one VPC each, one more than AWS's default of 5.
    for (let i = 1; i <= 6; i++) write(`c${i}.yaml`, peeringYaml(`c${i}`, `${1000 + i}`));
    let r = await validate(['--format', 'json']);
    expect(r.code).toBe(0);
    let out = JSON.parse(r.stdout);
    expect(out.capacity).toEqual([
      expect.objectContaining({ quota: 'vpcsPerRegion', count: 6, limit: 5, over: true }),
      expect.objectContaining({
        quota: 'outstandingPeeringRequestsPerRegion',
        count: 6,
        limit: 25,
        over: false,
      }),
      expect.objectContaining({ quota: 'iamRolesPerAccount', region: '*', count: 6, limit: 1000 }),
    ]);
    expect(out.diagnostics.map((d: { file: string; code: string }) => [d.file, d.code])).toEqual([
      ['customers/c6.yaml', 'QUOTA_FLEET'],
    ]);

    const settings = JSON.parse(fs.readFileSync(path.join(project.dir(), 'cdktf.json'), 'utf8'));
    settings.context.linkforge.quotas = { 'eu-west-1': { vpcsPerRegion: 20 } };
    fs.writeFileSync(path.join(project.dir(), 'cdktf.json'), JSON.stringify(settings));
    r = await validate(['--format', 'json']);
    out = JSON.parse(r.stdout);
    expect(out.diagnostics).toEqual([]);
    expect(out.capacity).toEqual([
      expect.objectContaining({
        quota: 'vpcsPerRegion',
        count: 6,
        limit: 20,
        limitFrom: 'quotas.eu-west-1',
        over: false,
      }),
      expect.objectContaining({ quota: 'outstandingPeeringRequestsPerRegion', limitFrom: 'default' }),
      expect.objectContaining({ quota: 'iamRolesPerAccount', limitFrom: 'default' }),
    ]);
  });

  it('exits 1 with a diagnostic, not a stack trace, for a missing folder', async () => {
    const r = await validate(['--customers', 'nowhere']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^nowhere:1:1: error CUSTOMERS_DIR_UNREADABLE: customers folder does not exist/);
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /);
  });

  it('rejects unknown options and formats with usage, exit 1', async () => {
    expect((await validate(['--format', 'xml'])).code).toBe(1);
    const r = await validate(['--colour']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/usage: linkforge validate/);
  });

  it('is deterministic', async () => {
    write('a.yaml', 'id: a\n');
    write('b.yml', '');
    write('b.yaml', GOOD.replace('id: good', 'id: b'));
    const one = await validate([]);
    const two = await validate([]);
    expect(one.stdout).toBe(two.stdout);
    expect(
      one.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split(':')[0]),
    ).toEqual([
      'customers/a.yaml',
      'customers/a.yaml',
      'customers/a.yaml',
      'customers/a.yaml',
      'customers/b.yaml',
      'customers/b.yml',
      'customers/b.yml',
    ]);
  });
});

// The real entry point (argument dispatch, exit status), run from source so no build is needed.
function cli(args: string[]) {
  return spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/cli/index.ts', ...args], {
    cwd: REPO,
    encoding: 'utf8',
  });
}

describe('the CLI process', () => {
  it('validates the example customers with exit status 0', () => {
    const r = cli(['validate']);
    expect(r.stderr).toMatch(/^\d+ files, 0 errors, 0 warnings/);
    expect(r.stdout).toBe('');
    expect(r.status).toBe(0);
  });

  it('exits 1 on the invalid fixtures', () => {
    const r = cli(['validate', '--customers', 'test/fixtures/invalid']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('test/fixtures/invalid/alias-bomb.yaml:');
  });
});
