import * as path from 'path';
import { localStatePath, s3StateKey } from '../../src/stacks/backend';
import { peeringCustomer, s3Backend, settingsWith } from './customers';
import { synthCustomer, type Json } from './synth-helpers';

const backendOf = (json: Json): Json => ((json.terraform as Json).backend ?? {}) as Json;

const s3 = s3Backend;

describe('local backend', () => {
  it('points at <project>/<directory>/<id>/terraform.tfstate, relative to the stack directory', () => {
    const p = localStatePath('state', 'acme-corp', {
      stackDir: 'cdktf.out/stacks/acme-corp',
      projectDir: '/repo',
    });
    expect(p).toBe('../../../state/acme-corp/terraform.tfstate');
    expect(path.resolve('/repo/cdktf.out/stacks/acme-corp', p)).toBe(
      '/repo/state/acme-corp/terraform.tfstate',
    );
  });

  it('resolves to the same state file whatever the output directory', () => {
    const p = localStatePath('state', 'acme-corp', {
      stackDir: '/tmp/out/stacks/acme-corp',
      projectDir: '/repo',
    });
    expect(path.resolve('/tmp/out/stacks/acme-corp', p)).toBe('/repo/state/acme-corp/terraform.tfstate');
  });

  it('is what the stack synthesizes by default, keyed by id', () => {
    const { json } = synthCustomer(peeringCustomer({ id: 'initech' }), settingsWith(), {
      projectDir: '/repo',
    });
    expect(backendOf(json)).toEqual({ local: { path: '../../../state/initech/terraform.tfstate' } });
  });
});

describe('S3 backend', () => {
  it('derives the key from the id alone, encrypts, and locks with DynamoDB', () => {
    const settings = settingsWith({ backend: s3({ kmsKeyId: 'alias/state', dynamodbTable: 'locks' }) });
    const { json } = synthCustomer(peeringCustomer({ id: 'initech', name: 'Another Name' }), settings);
    expect(backendOf(json)).toEqual({
      s3: {
        bucket: 'linkforge-state',
        region: 'eu-west-1',
        key: 'linkforge/initech/terraform.tfstate',
        encrypt: true,
        kms_key_id: 'alias/state',
        dynamodb_table: 'locks',
      },
    });
  });

  it('uses the S3 lock file when configured (escape hatch: cdktf 0.21 lacks use_lockfile)', () => {
    const { json } = synthCustomer(peeringCustomer(), settingsWith({ backend: s3({ useLockfile: true }) }));
    expect((backendOf(json).s3 as Json).use_lockfile).toBe(true);
    expect((backendOf(json).s3 as Json).dynamodb_table).toBeUndefined();
  });

  it('with custom endpoints: path style and every AWS-only check skipped', () => {
    const settings = settingsWith({
      backend: s3({
        endpoints: { s3: 'http://127.0.0.1:4568', dynamodb: 'http://127.0.0.1:4567' },
        dynamodbTable: 'locks',
      }),
    });
    expect(backendOf(synthCustomer(peeringCustomer(), settings).json).s3).toMatchObject({
      endpoints: { s3: 'http://127.0.0.1:4568', dynamodb: 'http://127.0.0.1:4567' },
      use_path_style: true,
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: true,
      skip_region_validation: true,
      skip_s3_checksum: true,
    });
  });

  it('without endpoints: no skipped checks', () => {
    const text = JSON.stringify(
      backendOf(synthCustomer(peeringCustomer(), settingsWith({ backend: s3() })).json),
    );
    expect(text).not.toMatch(/skip_|endpoints|use_path_style/);
  });

  it.each([
    ['linkforge', 'linkforge/acme/terraform.tfstate'],
    ['/team/linkforge/', 'team/linkforge/acme/terraform.tfstate'],
    ['', 'acme/terraform.tfstate'],
  ])('key prefix %j gives %s', (prefix, key) => {
    expect(s3StateKey(prefix, 'acme')).toBe(key);
  });

  it('offline plans use local state whatever the settings say', () => {
    const { json } = synthCustomer(peeringCustomer(), settingsWith({ backend: s3() }), {
      offline: true,
      projectDir: '/repo',
    });
    expect(backendOf(json)).toEqual({
      local: { path: '../../../.linkforge/offline-state/acme-corp/terraform.tfstate' },
    });
  });
});
