/**
 * Each platform settings rule on one compliant and one non-compliant setting (cdk-nag style); the
 * loader test (settings-load.test.ts) covers positions and the way findings are reported.
 */
import { SETTINGS_RULES } from '../../src/config/settings-rules';
import { availabilityZones } from '../../src/config/settings-rules/availability-zones';
import { defaultAmazonSideAsn } from '../../src/config/settings-rules/default-amazon-side-asn';
import { defaultVendorCidr } from '../../src/config/settings-rules/default-vendor-cidr';
import { logKmsKeys } from '../../src/config/settings-rules/log-kms-keys';
import { quotaRegions } from '../../src/config/settings-rules/quota-regions';
import { accountQuotas } from '../../src/config/settings-rules/account-quotas';
import { s3BackendKms } from '../../src/config/settings-rules/s3-backend-kms';
import type { SettingsDocument } from '../../src/config/settings-schema';

const KMS = (region: string) => `arn:aws:kms:${region}:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const S3 = { type: 's3', bucket: 'state-bucket', region: 'eu-west-1' } as const;

const messages = (
  rule: { check(s: SettingsDocument): { path: readonly unknown[]; message: string }[] },
  s: SettingsDocument,
) => rule.check(s).map((f) => `${f.path.join('.')}: ${f.message}`);

describe('settings rules', () => {
  it('find nothing in empty settings', () => {
    expect(SETTINGS_RULES.flatMap((r) => r.check({}))).toEqual([]);
  });

  it('s3BackendKms: an S3 backend needs a KMS key', () => {
    expect(messages(s3BackendKms, { backend: { ...S3, kmsKeyId: 'alias/state' } })).toEqual([]);
    expect(messages(s3BackendKms, { backend: { type: 'local' } })).toEqual([]);
    expect(messages(s3BackendKms, { backend: S3 })).toEqual([
      expect.stringMatching(/^backend: .*needs kmsKeyId/),
    ]);
  });

  it('defaultVendorCidr: a network address, /16 to /26, private', () => {
    expect(messages(defaultVendorCidr, { defaultVendorCidr: '100.64.0.0/24' })).toEqual([]);
    expect(messages(defaultVendorCidr, { defaultVendorCidr: '10.200.0.1/25' })).toEqual([
      'defaultVendorCidr: "10.200.0.1/25" is not a network address: write 10.200.0.0/25',
    ]);
    expect(messages(defaultVendorCidr, { defaultVendorCidr: '10.0.0.0/27' })).toEqual([
      'defaultVendorCidr: "10.0.0.0/27" has prefix /27; expected /16 to /26',
    ]);
    // Every customer without its own vendorCidr would get public address space.
    expect(messages(defaultVendorCidr, { defaultVendorCidr: '8.8.0.0/24' })).toEqual([
      'defaultVendorCidr: "8.8.0.0/24" is not private address space; expected a range inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10',
    ]);
  });

  it('defaultAmazonSideAsn: the private ranges a virtual private gateway accepts', () => {
    for (const asn of [64512, 65534, 4200000000, 4294967294])
      expect(messages(defaultAmazonSideAsn, { defaultAmazonSideAsn: asn })).toEqual([]);
    expect(messages(defaultAmazonSideAsn, { defaultAmazonSideAsn: 65535 })).toEqual([
      'defaultAmazonSideAsn: 65535 is out of range; expected 64512-65534 or 4200000000-4294967294',
    ]);
  });

  it('availabilityZones: a region key, two distinct zones of it', () => {
    expect(
      messages(availabilityZones, { availabilityZones: { 'eu-west-1': ['eu-west-1a', 'eu-west-1c'] } }),
    ).toEqual([]);
    expect(
      messages(availabilityZones, {
        availabilityZones: {
          europe: ['a', 'b'],
          'eu-west-1': ['eu-west-1a', 'eu-west-1a'],
          'us-east-1': ['us-east-1a', 'eu-west-1b'],
        },
      }),
    ).toEqual([
      'availabilityZones.europe: key "europe" is not an AWS region code',
      'availabilityZones.eu-west-1.1: the two availability zones must differ',
      'availabilityZones.us-east-1.1: "eu-west-1b" is not an availability zone of us-east-1',
    ]);
  });

  it('logKmsKeys: a key per region, of that region', () => {
    expect(messages(logKmsKeys, { logs: { kmsKeyArns: { 'eu-west-1': KMS('eu-west-1') } } })).toEqual([]);
    expect(
      messages(logKmsKeys, { logs: { kmsKeyArns: { 'eu-west-1': KMS('us-east-1'), eu: KMS('eu-west-1') } } }),
    ).toEqual([
      expect.stringMatching(
        /^logs\.kmsKeyArns\.eu-west-1: .* is a key in us-east-1; .*give a key of eu-west-1$/,
      ),
      'logs.kmsKeyArns.eu: key "eu" is not an AWS region code',
    ]);
  });

  it('quotaRegions: region codes or "*"', () => {
    expect(messages(quotaRegions, { quotas: { '*': { vpcsPerRegion: 10 }, 'eu-west-1': {} } })).toEqual([]);
    expect(messages(quotaRegions, { quotas: { global: {} } })).toEqual([
      'quotas.global: key "global" is not an AWS region code or "*"',
    ]);
  });

  it('accountQuotas: IAM roles only under "*"', () => {
    expect(
      messages(accountQuotas, {
        quotas: { '*': { iamRolesPerAccount: 2000 }, 'eu-west-1': { vpcsPerRegion: 9 } },
      }),
    ).toEqual([]);
    expect(messages(accountQuotas, { quotas: { 'eu-west-1': { iamRolesPerAccount: 2000 } } })).toEqual([
      expect.stringMatching(
        /^quotas\.eu-west-1\.iamRolesPerAccount: iamRolesPerAccount is account-wide .*quotas\["\*"\]\.iamRolesPerAccount$/,
      ),
    ]);
  });
});
