/**
 * Handoff outputs from a remote state: the customer's state object in S3 (s3rver on loopback),
 * written by Terraform itself through the same backend block the stacks use, then read back by
 * `readStackOutputs` exactly as `linkforge handoff` does against a real bucket.
 */
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_SETTINGS, type PlatformSettings } from '../../src/config/settings';
import { readStackOutputs } from '../../src/handoff/outputs';
import { s3StateKey } from '../../src/stacks/backend';
import { backendOnlyConfig } from '../../src/stacks/terraform-block';
import { execTerraform } from '../../src/terraform/exec';
import { describeWithTerraform, removeTempDirs, tempDir } from '../terraform/helpers';
import { S3RVER_CREDENTIALS, startS3rver, type RunningS3rver } from '../terraform/s3rver';

const BUCKET = 'linkforge-state';

describeWithTerraform('handoff reads outputs from an S3 backend (s3rver on loopback)', () => {
  jest.setTimeout(120_000);
  const work = tempDir('handoff-s3');
  let s3: RunningS3rver;
  let settings: PlatformSettings;
  // Placeholder credentials: s3rver checks the shape of a signature, never a secret.
  const env = { ...process.env, ...S3RVER_CREDENTIALS, CHECKPOINT_DISABLE: '1' };

  beforeAll(async () => {
    s3 = await startS3rver(path.join(work, 's3'), BUCKET);
    settings = {
      ...DEFAULT_SETTINGS,
      backend: {
        type: 's3',
        bucket: BUCKET,
        region: 'eu-west-1',
        keyPrefix: 'linkforge',
        encrypt: true,
        useLockfile: false,
        endpoints: { s3: s3.endpoint },
      },
    };
  });
  afterAll(async () => {
    await s3?.close();
    removeTempDirs();
  });

  test('outputs written by a deploy are read back from the customer key', async () => {
    // The "deploy": the customer's own backend block plus outputs, applied by Terraform.
    const mk = path.join(work, 'mk');
    fs.mkdirSync(mk, { recursive: true });
    const config = backendOnlyConfig('globex', settings, mk, work) as Record<string, unknown>;
    config.output = {
      vpn_connection_id: { value: 'vpn-0c1d2e3f4a5b6c7d8' },
      tunnel1_outside_address: { value: '3.214.10.21' },
    };
    fs.writeFileSync(path.join(mk, 'main.tf.json'), JSON.stringify(config));
    for (const args of [
      ['init', '-input=false', '-no-color'],
      ['apply', '-auto-approve', '-input=false', '-no-color'],
    ]) {
      const r = await execTerraform(args, { cwd: mk, env });
      expect({ args, code: r.code, err: r.code === 0 ? '' : r.stderr + r.stdout }).toEqual({
        args,
        code: 0,
        err: '',
      });
    }
    expect(
      fs.existsSync(path.join(work, 's3', BUCKET, `${s3StateKey('linkforge', 'globex')}._S3rver_object`)),
    ).toBe(true);

    const reading = await readStackOutputs('globex', settings, { projectDir: work, env });
    expect(reading).toEqual({
      kind: 'outputs',
      where: 's3://linkforge-state/linkforge/globex/terraform.tfstate',
      outputs: { vpn_connection_id: 'vpn-0c1d2e3f4a5b6c7d8', tunnel1_outside_address: '3.214.10.21' },
    });
    // Another customer's key holds nothing: not deployed, never someone else's outputs.
    expect(await readStackOutputs('initech', settings, { projectDir: work, env })).toEqual({
      kind: 'not-deployed',
      where: 's3://linkforge-state/linkforge/initech/terraform.tfstate',
    });
  });
});
