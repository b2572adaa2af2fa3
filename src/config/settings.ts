/**
 * Platform settings: what belongs to the platform team, not to a customer. They live in the
 * `context.linkforge` object of `cdktf.json` (cdktf's own place for app configuration) and are
 * validated like customer files (./settings-schema.ts, ./settings-rules, ./settings-load.ts).
 */

import type { Defaulted, DocumentOf } from './schema/builder';
import type {
  LOG_RETENTION_DAYS,
  QuotaDocument,
  SettingsDocument,
  localBackendSchema,
  s3BackendSchema,
} from './settings-schema';

type LocalBackendDocument = DocumentOf<typeof localBackendSchema>;
type S3BackendDocument = DocumentOf<typeof s3BackendSchema>;
type LogRetentionDays = (typeof LOG_RETENTION_DAYS)[number];

/** Every commercial AWS region (the default allow-list). */
export const COMMERCIAL_REGIONS: readonly string[] = [
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-7',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
];

/** Local state files; `directory` defaults to `state`. */
export type LocalBackendSettings = Defaulted<LocalBackendDocument, 'directory'>;

/**
 * State in S3; `keyPrefix` defaults to `linkforge`, `useLockfile` to false. `encrypt` is always
 * true: state holds resource attributes.
 */
export type S3BackendSettings = Defaulted<Omit<S3BackendDocument, 'encrypt'>, 'keyPrefix' | 'useLockfile'> & {
  readonly encrypt: true;
};

export type BackendSettings = LocalBackendSettings | S3BackendSettings;

/** Where VPC flow logs go: a per-customer CloudWatch Logs log group, or one central S3 bucket. */
export type FlowLogDestination =
  | { readonly type: 'cloud-watch-logs' }
  | {
      readonly type: 's3';
      /** `arn:aws:s3:::bucket` or `arn:aws:s3:::bucket/prefix`. */
      readonly arn: string;
    };

export interface LogSettings {
  /** Days CloudWatch Logs keeps VPN tunnel logs and VPC flow logs (one of CloudWatch's values). @default 365 */
  readonly retentionDays: LogRetentionDays;
  /**
   * Customer-managed KMS key per region for the log groups. CloudWatch Logs needs the key in the
   * log group's region, hence one per region; a region without one keeps CloudWatch Logs' own
   * encryption. @default {} (CloudWatch Logs' own encryption everywhere)
   */
  readonly kmsKeyArns: Readonly<Record<string, string>>;
  /** Destination of every vendor VPC's flow log. @default a per-customer CloudWatch Logs log group */
  readonly flowLogDestination: FlowLogDestination;
}

/**
 * AWS quotas the fleet capacity check counts against, per vendor account and region. Every value
 * defaults to AWS's default quota; a platform that raised one states the raised value.
 */
export type QuotaSettings = Required<QuotaDocument>;

/**
 * The platform settings with every default applied. What the file holds as written is the
 * schema's (`SettingsDocument`); only what loading changes is spelt out here.
 */
export type PlatformSettings = Defaulted<
  Pick<SettingsDocument, 'defaultVendorCidr' | 'defaultAmazonSideAsn' | 'tags' | 'alarmTopicArns' | 'quotas'>,
  'defaultVendorCidr' | 'defaultAmazonSideAsn' | 'tags' | 'alarmTopicArns' | 'quotas'
> & {
  /** Regions where a vendor VPC may be created, sorted. @default every commercial region */
  readonly allowedRegions: readonly string[];
  /**
   * The two availability zones used per region. Never looked up from AWS: synthesis must work
   * offline, and a lookup that changes its answer must not move subnets.
   * @default `<region>a` and `<region>b` for any region not listed
   */
  readonly availabilityZones: Readonly<Record<string, readonly [string, string]>>;
  /** Where each customer's state lives. @default { type: 'local', directory: 'state' } */
  readonly backend: BackendSettings;
  /** VPN tunnel logs and VPC flow logs. @default 365 days, no KMS key, flow logs to CloudWatch Logs */
  readonly logs: LogSettings;
  /**
   * How long a plan waits for a customer's state lock held by another run (`terraform plan
   * -lock-timeout`), 0-3600 seconds: long enough for a concurrent plan of the same customer to
   * finish, short enough that a stale lock is reported within minutes. @default 120
   */
  readonly lockTimeoutSeconds: number;
};

export const DEFAULT_SETTINGS: PlatformSettings = {
  allowedRegions: COMMERCIAL_REGIONS,
  defaultVendorCidr: '10.200.0.0/25',
  defaultAmazonSideAsn: 64512,
  availabilityZones: {},
  tags: {},
  backend: { type: 'local', directory: 'state' },
  logs: { retentionDays: 365, kmsKeyArns: {}, flowLogDestination: { type: 'cloud-watch-logs' } },
  alarmTopicArns: [],
  quotas: {},
  lockTimeoutSeconds: 120,
};

/** The two availability zones for a region: the configured pair, else `<region>a` and `<region>b`. */
export function availabilityZonesFor(settings: PlatformSettings, region: string): readonly [string, string] {
  return settings.availabilityZones[region] ?? [`${region}a`, `${region}b`];
}
