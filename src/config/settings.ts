/**
 * Platform settings: what belongs to the platform team, not to a customer. They live in the
 * `context.linkforge` object of `cdktf.json` (cdktf's own place for app configuration) and are
 * validated like customer files.
 */

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

export interface LocalBackendSettings {
  readonly type: 'local';
  /** Directory (relative to the project) holding `<id>/terraform.tfstate`. @default 'state' */
  readonly directory: string;
}

export interface S3BackendSettings {
  readonly type: 's3';
  readonly bucket: string;
  /** Region of the state bucket. */
  readonly region: string;
  /** Key prefix: a customer's state key is `<keyPrefix>/<id>/terraform.tfstate`. @default 'linkforge' */
  readonly keyPrefix: string;
  /** Server-side encryption of the state object. Always true: state holds resource attributes. */
  readonly encrypt: true;
  /** KMS key (ARN or alias) for the state object. @default - S3-managed keys (SSE-S3) */
  readonly kmsKeyId?: string;
  /** DynamoDB table for state locking. @default - none */
  readonly dynamodbTable?: string;
  /** S3 lock file (`use_lockfile`, Terraform >= 1.10) for state locking. @default false */
  readonly useLockfile: boolean;
  /**
   * Custom endpoints (S3-compatible stores, local test servers). When set, path-style addressing is
   * used and AWS account/credential checks are skipped. @default - AWS's endpoints
   */
  readonly endpoints?: { readonly s3?: string; readonly dynamodb?: string };
}

export type BackendSettings = LocalBackendSettings | S3BackendSettings;

/** Values CloudWatch Logs accepts for a log group's retention, in days. */
export const LOG_RETENTION_DAYS: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

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
  readonly retentionDays: number;
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
export interface QuotaSettings {
  readonly vpcsPerRegion: number;
  readonly internetGatewaysPerRegion: number;
  readonly virtualPrivateGatewaysPerRegion: number;
  readonly customerGatewaysPerRegion: number;
  readonly vpnConnectionsPerRegion: number;
  readonly elasticIpsPerRegion: number;
  readonly natGatewaysPerAvailabilityZone: number;
  readonly transitGatewayAttachmentsPerTransitGateway: number;
}

export interface PlatformSettings {
  /** Regions where a vendor VPC may be created. @default every commercial region */
  readonly allowedRegions: readonly string[];
  /** Vendor VPC CIDR when a customer file gives none. @default '10.200.0.0/25' */
  readonly defaultVendorCidr: string;
  /** Vendor-side (virtual private gateway) ASN when a customer file gives none. @default 64512 */
  readonly defaultAmazonSideAsn: number;
  /**
   * The two availability zones used per region. Never looked up from AWS: synthesis must work
   * offline, and a lookup that changes its answer must not move subnets.
   * @default `<region>a` and `<region>b` for any region not listed
   */
  readonly availabilityZones: Readonly<Record<string, readonly [string, string]>>;
  /** Tags applied to every resource (as provider default tags). @default {} */
  readonly tags: Readonly<Record<string, string>>;
  /** Where each customer's state lives. @default { type: 'local', directory: 'state' } */
  readonly backend: BackendSettings;
  /** VPN tunnel logs and VPC flow logs. @default 365 days, no KMS key, flow logs to CloudWatch Logs */
  readonly logs: LogSettings;
  /**
   * SNS topic ARNs notified when a tunnel alarm goes to ALARM and back to OK. A CloudWatch alarm can
   * only notify a topic in its own region, so each stack uses the topics of its region.
   * @default [] (alarms without actions)
   */
  readonly alarmTopicArns: readonly string[];
  /** Quotas of the vendor account(s), per region. @default AWS's default quotas */
  readonly quotas: Readonly<Record<string, Partial<QuotaSettings>>>;
  /**
   * How long a plan waits for a customer's state lock held by another run (`terraform plan
   * -lock-timeout`), 0-3600 seconds: long enough for a concurrent plan of the same customer to
   * finish, short enough that a stale lock is reported within minutes. @default 120
   */
  readonly lockTimeoutSeconds: number;
}

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
