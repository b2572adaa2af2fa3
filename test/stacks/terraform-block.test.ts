/**
 * The plain `terraform` block (src/stacks/terraform-block.ts) is the block the synthesized stack
 * holds, for every backend the settings allow: an early `terraform init` run with it (and a state
 * read through backendOnlyConfig) configures exactly the backend and provider the stack uses.
 */
import * as path from 'path';
import type { BackendSettings } from '../../src/config/settings';
import { awsProviderVersion } from '../../src/stacks/provider-version';
import {
  backendOnlyConfig,
  stackBackendSettings,
  stackTerraformBlock,
} from '../../src/stacks/terraform-block';
import { canonicalJson } from '../../src/text/canonical-json';
import { peeringCustomer, s3Backend, settingsWith, vpnCustomer } from './customers';
import { synthCustomer, type Json } from './synth-helpers';

const s3 = s3Backend;

const BACKENDS: [string, BackendSettings][] = [
  ['local, default directory', { type: 'local', directory: 'state' }],
  ['local, nested directory', { type: 'local', directory: 'var/tf/state' }],
  ['s3 with KMS and a DynamoDB lock table', s3({ kmsKeyId: 'alias/state', dynamodbTable: 'locks' })],
  ['s3 with the S3 lock file', s3({ useLockfile: true })],
  ['s3 without a key prefix', s3({ keyPrefix: '' })],
  [
    's3 with custom endpoints',
    s3({ endpoints: { s3: 'http://127.0.0.1:4568', dynamodb: 'http://127.0.0.1:4567' }, dynamodbTable: 'l' }),
  ],
  ['s3 with an S3 endpoint only', s3({ endpoints: { s3: 'http://127.0.0.1:4568' }, useLockfile: true })],
];

describe('stackTerraformBlock equals the synthesized terraform block', () => {
  const cases = BACKENDS.flatMap(([name, backend]) =>
    [false, true].flatMap((offline) =>
      ['cdktf.out', 'build/out'].map((outdir) => ({ name, backend, offline, outdir })),
    ),
  );
  it.each(cases)('$name, offline=$offline, outdir=$outdir', ({ backend, offline, outdir }) => {
    for (const customer of [peeringCustomer({ id: 'initech' }), vpnCustomer({ id: 'hooli' })]) {
      const projectDir = '/repo';
      const { json } = synthCustomer(customer, settingsWith({ backend }), { projectDir, outdir, offline });
      const id = customer.id;
      const block = stackTerraformBlock(id, stackBackendSettings(backend, { offline }), {
        stackDir: path.join(outdir, 'stacks', id),
        projectDir,
        awsProviderVersion: awsProviderVersion(),
      });
      expect(canonicalJson(block)).toBe(canonicalJson(json.terraform));
    }
  });

  it('a different customer, backend or provider version gives a different block', () => {
    const opts = { stackDir: 'cdktf.out/stacks/a', projectDir: '/repo', awsProviderVersion: '5.100.0' };
    const base = canonicalJson(stackTerraformBlock('a', s3(), opts));
    expect(canonicalJson(stackTerraformBlock('b', s3(), opts))).not.toBe(base);
    expect(canonicalJson(stackTerraformBlock('a', s3({ bucket: 'other' }), opts))).not.toBe(base);
    expect(canonicalJson(stackTerraformBlock('a', s3(), { ...opts, awsProviderVersion: '5.99.0' }))).not.toBe(
      base,
    );
  });
});

describe('backendOnlyConfig', () => {
  it('holds the backend block of the stack and nothing else', () => {
    const settings = settingsWith({ backend: s3({ dynamodbTable: 'locks' }) });
    const { json } = synthCustomer(peeringCustomer({ id: 'initech' }), settings);
    const config = backendOnlyConfig('initech', settings, '/tmp/x', '/repo') as Json;
    expect(Object.keys(config)).toEqual(['terraform']);
    expect(canonicalJson(config.terraform)).toBe(
      canonicalJson({ backend: (json.terraform as Json).backend }),
    );
  });
});

describe('canonicalJson', () => {
  it('ignores key order at every level, keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [2, 1] }, b: 1 }),
    );
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });
});
