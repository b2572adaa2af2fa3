/**
 * THE schema of the platform settings (`context.linkforge` in cdktf.json), built like the customer
 * schema: one TypeBox value is what ajv compiles and, through `Static`, the type of the settings
 * as written (`SettingsDocument`). Regions and CIDRs use the customer file's field builders, so
 * their messages carry the same guidance. Checks that need arithmetic or another field are rules
 * in ./settings-rules.
 */
import type { Static, TSchema } from '@sinclair/typebox';
import { Type, asNode, integerEnum, tag, taggedUnion, typeUnion, type DocumentOf } from './schema/builder';
import { cidrBlock, regionCode } from './schema/fields';

/** Values CloudWatch Logs accepts for a log group's retention, in days. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const KMS_KEY_ARN_PATTERN = '^arn:aws[a-z-]*:kms:[a-z]{2}(-[a-z]+)+-\\d:\\d{12}:key/[A-Za-z0-9-]+$';
const SNS_TOPIC_ARN_PATTERN = '^arn:aws[a-z-]*:sns:[a-z]{2}(-[a-z]+)+-\\d:\\d{12}:[A-Za-z0-9_-]{1,256}$';
/** An S3 bucket ARN, optionally with a key prefix (flow logs accept both). */
const FLOW_LOG_DESTINATION_PATTERN =
  '^(cloud-watch-logs|arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/[^\\s]*[^/\\s])?)$';

const region = regionCode({ description: 'An AWS region code.' });
const text = (description: string) => Type.String({ minLength: 1, description });
/** A mapping from any key to `value` (keys that must be region codes are checked by rules). */
const map = <T extends TSchema>(value: T, description: string) =>
  Type.Unsafe<Record<string, Static<T>>>({ type: 'object', description, additionalProperties: value });

const quota = (description: string) => Type.Optional(Type.Integer({ minimum: 1, description }));
const quotasSchema = Type.Object(
  {
    vpcsPerRegion: quota('VPCs per Region.'),
    internetGatewaysPerRegion: quota('Internet gateways per Region.'),
    virtualPrivateGatewaysPerRegion: quota('Virtual private gateways per Region.'),
    customerGatewaysPerRegion: quota('Customer gateways per Region.'),
    vpnConnectionsPerRegion: quota('Site-to-Site VPN connections per Region.'),
    elasticIpsPerRegion: quota('EC2-VPC Elastic IPs per Region.'),
    natGatewaysPerAvailabilityZone: quota('NAT gateways per Availability Zone.'),
    transitGatewayAttachmentsPerTransitGateway: quota('Attachments per transit gateway.'),
    outstandingPeeringRequestsPerRegion: quota('Outstanding VPC peering connection requests.'),
    iamRolesPerAccount: quota('IAM roles per account (account-wide: set it under "*").'),
  },
  {
    additionalProperties: false,
    description: 'Raised quotas of the vendor account in one region (or "*" for every region).',
  },
);

export const localBackendSchema = Type.Object(
  {
    type: tag('local', 'Local state.'),
    directory: Type.Optional(
      text('Directory (relative to the project) holding `<id>/terraform.tfstate`. Default state.'),
    ),
  },
  { additionalProperties: false, description: 'Local state files.' },
);

export const s3BackendSchema = Type.Object(
  {
    type: tag('s3', 'S3 state.'),
    bucket: Type.String({ pattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$', description: 'S3 bucket name.' }),
    region,
    keyPrefix: Type.Optional(
      Type.String({
        minLength: 1,
        pattern: '^[^/].*[^/]$|^[^/]$',
        description:
          "Key prefix: a customer's state key is `<keyPrefix>/<id>/terraform.tfstate`. Default linkforge.",
      }),
    ),
    encrypt: Type.Optional(
      Type.Unsafe<true>({
        const: true,
        description:
          'Server-side encryption of the state object: always true (state holds resource attributes).',
      }),
    ),
    kmsKeyId: Type.Optional(text('KMS key (ARN or alias) for the state object.')),
    dynamodbTable: Type.Optional(text('DynamoDB table for state locking. Default: none.')),
    useLockfile: Type.Optional(
      Type.Boolean({ description: 'S3 lock file (`use_lockfile`, Terraform >= 1.10) for state locking.' }),
    ),
    endpoints: Type.Optional(
      Type.Object(
        {
          s3: Type.Optional(text('S3 endpoint URL.')),
          dynamodb: Type.Optional(text('DynamoDB endpoint URL.')),
        },
        {
          additionalProperties: false,
          description:
            "Custom endpoints (S3-compatible stores, local test servers): path-style addressing, no AWS account checks. Default: AWS's.",
        },
      ),
    ),
  },
  { additionalProperties: false, description: 'State in S3.' },
);

const logsSchema = Type.Object(
  {
    retentionDays: Type.Optional(
      integerEnum(LOG_RETENTION_DAYS, {
        description: 'Days CloudWatch Logs keeps the logs (one of the values CloudWatch Logs accepts).',
      }),
    ),
    kmsKeyArns: Type.Optional(
      map(
        Type.String({
          pattern: KMS_KEY_ARN_PATTERN,
          description: 'arn:aws:kms:<region>:<account>:key/<key id>',
        }),
        'A customer-managed KMS key ARN per region, for the log groups of that region.',
      ),
    ),
    flowLogDestination: Type.Optional(
      Type.String({
        pattern: FLOW_LOG_DESTINATION_PATTERN,
        description: '"cloud-watch-logs" (a log group per customer) or the ARN of a central S3 bucket.',
      }),
    ),
  },
  { additionalProperties: false, description: 'VPN tunnel logs and VPC flow logs.' },
);

const LINKFORGE_SETTINGS_SCHEMA = Type.Object(
  {
    // One node for both forms keeps ajv's errors specific: `pattern` only applies to the string,
    // `items` to the list.
    allowedRegions: Type.Optional(
      typeUnion<'all-commercial' | string[]>(['string', 'array'], {
        pattern: '^all-commercial$',
        minItems: 1,
        uniqueItems: true,
        items: region,
        description: '"all-commercial" or a list of region codes.',
      }),
    ),
    defaultVendorCidr: Type.Optional(cidrBlock({ description: 'Default vendor VPC CIDR.' })),
    defaultAmazonSideAsn: Type.Optional(Type.Integer({ description: 'Default vendor-side ASN.' })),
    availabilityZones: Type.Optional(
      map(
        Type.Array(Type.String({ minLength: 1, description: 'An availability zone name.' }), {
          minItems: 2,
          maxItems: 2,
          description: 'Two availability zones.',
        }),
        'Two availability zones per region.',
      ),
    ),
    lockTimeoutSeconds: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 3600,
        description: 'Seconds a plan waits for a state lock held by another run.',
      }),
    ),
    tags: Type.Optional(
      map(Type.String({ maxLength: 256, description: 'A tag value.' }), 'Tags applied to every resource.'),
    ),
    logs: Type.Optional(logsSchema),
    alarmTopicArns: Type.Optional(
      Type.Array(Type.String({ pattern: SNS_TOPIC_ARN_PATTERN, description: 'An SNS topic ARN.' }), {
        uniqueItems: true,
        description: 'SNS topics notified by the tunnel alarms (each stack uses the topics of its region).',
      }),
    ),
    quotas: Type.Optional(map(quotasSchema, 'Raised quotas of the vendor account, per region code or "*".')),
    backend: Type.Optional(
      taggedUnion([localBackendSchema, s3BackendSchema], {
        description: 'State backend.',
        tagDescription: 'local or s3.',
      }),
    ),
  },
  { additionalProperties: false, description: 'linkforge platform settings.' },
);

/** The settings as written in cdktf.json: every key optional, nothing defaulted. */
export type SettingsDocument = DocumentOf<typeof LINKFORGE_SETTINGS_SCHEMA>;
export type QuotaDocument = DocumentOf<typeof quotasSchema>;

// cdktf.json holds cdktf's own keys too: only context.linkforge is ours to check.
export const CDKTF_JSON_SCHEMA = asNode(
  Type.Object(
    {
      context: Type.Optional(
        Type.Object(
          { linkforge: Type.Optional(LINKFORGE_SETTINGS_SCHEMA) },
          { description: 'cdktf context' },
        ),
      ),
    },
    { description: 'cdktf.json' },
  ),
);
