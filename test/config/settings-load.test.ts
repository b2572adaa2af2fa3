import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadSettings, parseSettings } from '../../src/config/settings-load';
import { COMMERCIAL_REGIONS, DEFAULT_SETTINGS } from '../../src/config/settings';

const REPO = path.join(__dirname, '..', '..');

function cdktf(linkforge: unknown): string {
  return `${JSON.stringify({ language: 'typescript', app: 'x', context: { linkforge } }, null, 2)}\n`;
}

describe('loadSettings', () => {
  it("reads the repository's cdktf.json without diagnostics", () => {
    const { settings, diagnostics } = loadSettings(path.join(REPO, 'cdktf.json'));
    expect(diagnostics).toEqual([]);
    expect(settings.allowedRegions).toEqual(COMMERCIAL_REGIONS);
    expect(settings.availabilityZones['us-west-1']).toEqual(['us-west-1a', 'us-west-1c']);
    expect(settings.tags).toEqual({ 'managed-by': 'linkforge' });
  });

  it('uses the defaults when no cdktf.json is at the default path', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lf-settings-'));
    const cwd = process.cwd();
    try {
      process.chdir(dir);
      expect(loadSettings()).toEqual({ settings: DEFAULT_SETTINGS, diagnostics: [] });
    } finally {
      process.chdir(cwd);
    }
  });

  it('reports a cdktf.json given explicitly that does not exist', () => {
    const { diagnostics } = loadSettings('/nonexistent/cdktf.json');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'SETTINGS_INVALID', line: 1, column: 1 });
    expect(diagnostics[0].message).toMatch(/ENOENT/);
  });
});

describe('parseSettings', () => {
  it('applies every default for an empty context.linkforge', () => {
    expect(parseSettings('cdktf.json', cdktf({}))).toEqual({ settings: DEFAULT_SETTINGS, diagnostics: [] });
    expect(parseSettings('cdktf.json', '{"app": "x"}').settings).toEqual(DEFAULT_SETTINGS);
  });

  it('accepts "all-commercial" or a list of regions (kept sorted)', () => {
    expect(parseSettings('c', cdktf({ allowedRegions: 'all-commercial' })).settings.allowedRegions).toEqual(
      COMMERCIAL_REGIONS,
    );
    expect(
      parseSettings('c', cdktf({ allowedRegions: ['us-east-1', 'eu-west-1'] })).settings.allowedRegions,
    ).toEqual(['eu-west-1', 'us-east-1']);
  });

  it('reads an s3 backend with its defaults', () => {
    const { settings, diagnostics } = parseSettings(
      'c',
      cdktf({
        backend: {
          type: 's3',
          bucket: 'lf-state',
          region: 'eu-west-1',
          dynamodbTable: 'locks',
          kmsKeyId: 'alias/linkforge-state',
        },
      }),
    );
    expect(diagnostics).toEqual([]);
    expect(settings.backend).toEqual({
      type: 's3',
      bucket: 'lf-state',
      region: 'eu-west-1',
      keyPrefix: 'linkforge',
      encrypt: true,
      kmsKeyId: 'alias/linkforge-state',
      dynamodbTable: 'locks',
      useLockfile: false,
    });
  });

  it('reports bad values at their line and column in cdktf.json, and falls back to the defaults', () => {
    const text = cdktf({ allowedRegions: 'everything' });
    const { settings, diagnostics } = parseSettings('cdktf.json', text);
    expect(settings).toBe(DEFAULT_SETTINGS);
    expect(diagnostics).toHaveLength(1);
    const line = text.split('\n').findIndex((l) => l.includes('"everything"')) + 1;
    expect(diagnostics[0]).toMatchObject({
      file: 'cdktf.json',
      code: 'SETTINGS_INVALID',
      path: 'context.linkforge.allowedRegions',
      line,
      column: text.split('\n')[line - 1].indexOf('"everything"') + 1,
    });
  });

  it('refuses an S3 backend without a KMS key, at the backend key, saying why', () => {
    const text = cdktf({
      backend: { type: 's3', bucket: 'lf-state', region: 'eu-west-1', useLockfile: true },
    });
    const { diagnostics } = parseSettings('cdktf.json', text);
    expect(diagnostics).toHaveLength(1);
    const line = text.split('\n').findIndex((l) => l.includes('"backend"')) + 1;
    expect(diagnostics[0]).toMatchObject({
      file: 'cdktf.json',
      code: 'SETTINGS_INVALID',
      path: 'context.linkforge.backend',
      line,
      column: text.split('\n')[line - 1].indexOf('{') + 1,
    });
    expect(diagnostics[0].message).toMatch(
      /^the S3 backend needs kmsKeyId: state holds the VPN pre-shared keys/,
    );
  });

  it('reports unknown keys with a suggestion, and missing s3 keys at the backend', () => {
    const { diagnostics } = parseSettings(
      'c',
      cdktf({ defaultVendorCIDR: '10.0.0.0/16', backend: { type: 's3' } }),
    );
    expect(diagnostics.map((d) => `${d.path}: ${d.message}`)).toEqual([
      expect.stringMatching(/^context\.linkforge\.defaultVendorCIDR: .*did you mean defaultVendorCidr\?/),
      expect.stringMatching(/^context\.linkforge\.backend\.bucket: is missing/),
      expect.stringMatching(/^context\.linkforge\.backend\.region: is missing/),
    ]);
  });

  it('checks the vendor CIDR and ASN arithmetic', () => {
    const cidr = parseSettings('c', cdktf({ defaultVendorCidr: '10.200.0.1/25' })).diagnostics;
    expect(cidr[0].message).toMatch(/write 10\.200\.0\.0\/25/);
    expect(parseSettings('c', cdktf({ defaultVendorCidr: '10.0.0.0/8' })).diagnostics[0].message).toMatch(
      /\/16 to \/26/,
    );
    expect(parseSettings('c', cdktf({ defaultAmazonSideAsn: 65535 })).diagnostics[0].path).toBe(
      'context.linkforge.defaultAmazonSideAsn',
    );
    expect(parseSettings('c', cdktf({ defaultAmazonSideAsn: 4200000000 })).diagnostics).toEqual([]);
  });

  it('reads lockTimeoutSeconds (default 120) and refuses values outside 0-3600 at their position', () => {
    expect(parseSettings('c', cdktf({})).settings.lockTimeoutSeconds).toBe(120);
    expect(parseSettings('c', cdktf({ lockTimeoutSeconds: 0 })).settings.lockTimeoutSeconds).toBe(0);
    for (const bad of [-1, 3601, 1.5, '5m']) {
      const text = cdktf({ lockTimeoutSeconds: bad });
      const { settings, diagnostics } = parseSettings('c', text);
      expect(settings).toBe(DEFAULT_SETTINGS);
      expect(diagnostics).toHaveLength(1);
      const line = text.split('\n').findIndex((l) => l.includes('"lockTimeoutSeconds"')) + 1;
      expect(diagnostics[0]).toMatchObject({
        code: 'SETTINGS_INVALID',
        path: 'context.linkforge.lockTimeoutSeconds',
        line,
      });
    }
  });

  it('checks availability zones belong to their region', () => {
    const { diagnostics } = parseSettings(
      'c',
      cdktf({ availabilityZones: { 'eu-west-1': ['eu-west-1a', 'us-east-1b'] } }),
    );
    expect(diagnostics.map((d) => d.path)).toEqual(['context.linkforge.availabilityZones.eu-west-1[1]']);
  });

  it('reports invalid JSON with a position', () => {
    const { diagnostics } = parseSettings('cdktf.json', '{\n  "context": {,\n}\n');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'SETTINGS_INVALID', line: 2 });
  });
});

describe('parseSettings: logs, alarm topics and quotas', () => {
  const KMS = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
  const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:network-oncall';

  it('defaults to 365 days, no KMS key, flow logs to CloudWatch Logs, no alarm topics, AWS quotas', () => {
    const { settings } = parseSettings('c', cdktf({}));
    expect(settings.logs).toEqual({
      retentionDays: 365,
      kmsKeyArns: {},
      flowLogDestination: { type: 'cloud-watch-logs' },
    });
    expect(settings.alarmTopicArns).toEqual([]);
    expect(settings.quotas).toEqual({});
  });

  it('reads every setting', () => {
    const { settings, diagnostics } = parseSettings(
      'c',
      cdktf({
        logs: {
          retentionDays: 731,
          kmsKeyArns: { 'eu-west-1': KMS },
          flowLogDestination: 'arn:aws:s3:::central-logs/vpc',
        },
        alarmTopicArns: [TOPIC],
        quotas: { '*': { vpcsPerRegion: 100 }, 'eu-west-1': { natGatewaysPerAvailabilityZone: 20 } },
      }),
    );
    expect(diagnostics).toEqual([]);
    expect(settings.logs).toEqual({
      retentionDays: 731,
      kmsKeyArns: { 'eu-west-1': KMS },
      flowLogDestination: { type: 's3', arn: 'arn:aws:s3:::central-logs/vpc' },
    });
    expect(settings.alarmTopicArns).toEqual([TOPIC]);
    expect(settings.quotas['eu-west-1']).toEqual({ natGatewaysPerAvailabilityZone: 20 });
  });

  it.each([
    [{ logs: { retentionDays: 42 } }, 'context.linkforge.logs.retentionDays'],
    [{ logs: { flowLogDestination: 's3://bucket' } }, 'context.linkforge.logs.flowLogDestination'],
    [{ logs: { kmsKeyArns: { 'us-east-1': KMS } } }, 'context.linkforge.logs.kmsKeyArns.us-east-1'],
    [{ alarmTopicArns: ['not-an-arn'] }, 'context.linkforge.alarmTopicArns[0]'],
    [{ quotas: { 'eu-west-1': { vpcsPerRegion: 0 } } }, 'context.linkforge.quotas.eu-west-1.vpcsPerRegion'],
    [{ quotas: { 'eu-west-1': { vpcs: 10 } } }, 'context.linkforge.quotas.eu-west-1.vpcs'],
    [{ quotas: { Europe: { vpcsPerRegion: 10 } } }, 'context.linkforge.quotas.Europe'],
  ])('%j is an error at its line and column', (linkforge, where) => {
    const text = cdktf(linkforge);
    const { diagnostics, settings } = parseSettings('cdktf.json', text);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'SETTINGS_INVALID', path: where, severity: 'error' });
    expect(diagnostics[0].line).toBeGreaterThan(1);
    expect(diagnostics[0].column).toBeGreaterThan(1);
    expect(settings).toEqual(DEFAULT_SETTINGS);
  });

  it('says the KMS key must be in the region it is listed for', () => {
    const { diagnostics } = parseSettings('c', cdktf({ logs: { kmsKeyArns: { 'us-east-1': KMS } } }));
    expect(diagnostics[0].message).toMatch(/key in eu-west-1.*give a key of us-east-1/);
  });
});
