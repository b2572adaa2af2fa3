/**
 * Reading the platform settings from `context.linkforge` in cdktf.json (cdktf's own place for app
 * configuration), validated like a customer file: a schema, then the few checks that need
 * arithmetic, each reported at its line and column in cdktf.json with the code SETTINGS_INVALID.
 *
 * No cdktf.json at the default path means default settings (a customers folder can be validated
 * on its own); a path given explicitly must exist. Any error means the defaults are used for the
 * rest of the run, so every customer file is still checked, and the exit status is 1.
 */
import * as path from 'path';
import { newAjv } from './ajv';
import { LineCounter, parseDocument } from 'yaml';
import type { Diagnostic } from './diagnostics';
import { REGION_PATTERN, cidrBlock, regionCode } from './schema/fields';
import { asNode, type SchemaNode } from './schema/builder';
import { mapSchemaErrors } from './schema-errors';
import { COMMERCIAL_REGIONS, DEFAULT_SETTINGS, LOG_RETENTION_DAYS } from './settings';
import type { BackendSettings, LogSettings, PlatformSettings, QuotaSettings } from './settings';
import { YamlSource, formatPath } from './yaml-source';
import { readRegularFile } from '../fsutil/read-regular';

/** cdktf.json is a few hundred bytes; anything past this is not a settings file. */
const MAX_SETTINGS_BYTES = 1024 * 1024;

export const DEFAULT_CDKTF_JSON = 'cdktf.json';
const CODE = 'SETTINGS_INVALID';

const KMS_KEY_ARN_PATTERN = '^arn:aws[a-z-]*:kms:[a-z]{2}(-[a-z]+)+-\\d:\\d{12}:key/[A-Za-z0-9-]+$';
const SNS_TOPIC_ARN_PATTERN = '^arn:aws[a-z-]*:sns:[a-z]{2}(-[a-z]+)+-\\d:\\d{12}:[A-Za-z0-9_-]{1,256}$';
/** An S3 bucket ARN, optionally with a key prefix (flow logs accept both). */
const FLOW_LOG_DESTINATION_PATTERN =
  '^(cloud-watch-logs|arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/[^\\s]*[^/\\s])?)$';

/** The region of an ARN (its fourth field). */
export function arnRegion(arn: string): string {
  return arn.split(':')[3] ?? '';
}

const region: SchemaNode = asNode(regionCode({ description: 'An AWS region code.' }));

const quotaValue = (description: string): SchemaNode => ({ type: 'integer', minimum: 1, description });
const QUOTAS: SchemaNode = {
  type: 'object',
  additionalProperties: false,
  description: 'Raised quotas of the vendor account in one region (or "*" for every region).',
  properties: {
    vpcsPerRegion: quotaValue('VPCs per Region.'),
    internetGatewaysPerRegion: quotaValue('Internet gateways per Region.'),
    virtualPrivateGatewaysPerRegion: quotaValue('Virtual private gateways per Region.'),
    customerGatewaysPerRegion: quotaValue('Customer gateways per Region.'),
    vpnConnectionsPerRegion: quotaValue('Site-to-Site VPN connections per Region.'),
    elasticIpsPerRegion: quotaValue('EC2-VPC Elastic IPs per Region.'),
    natGatewaysPerAvailabilityZone: quotaValue('NAT gateways per Availability Zone.'),
    transitGatewayAttachmentsPerTransitGateway: quotaValue('Attachments per transit gateway.'),
  },
};

const LINKFORGE_SETTINGS: SchemaNode = {
  type: 'object',
  additionalProperties: false,
  description: 'linkforge platform settings.',
  properties: {
    // A union keeps ajv's errors specific: `pattern` only applies to the string, `items` to the list.
    allowedRegions: {
      type: ['string', 'array'],
      pattern: '^all-commercial$',
      minItems: 1,
      uniqueItems: true,
      items: region,
      description: '"all-commercial" or a list of region codes.',
    },
    defaultVendorCidr: asNode(cidrBlock({ description: 'Default vendor VPC CIDR.' })),
    defaultAmazonSideAsn: { type: 'integer', description: 'Default vendor-side ASN.' },
    availabilityZones: {
      type: 'object',
      description: 'Two availability zones per region.',
      additionalProperties: {
        type: 'array',
        minItems: 2,
        maxItems: 2,
        items: { type: 'string', minLength: 1, description: 'An availability zone name.' },
        description: 'Two availability zones.',
      },
    },
    lockTimeoutSeconds: {
      type: 'integer',
      minimum: 0,
      maximum: 3600,
      description: 'Seconds a plan waits for a state lock held by another run.',
    },
    tags: {
      type: 'object',
      description: 'Tags applied to every resource.',
      additionalProperties: { type: 'string', maxLength: 256, description: 'A tag value.' },
    },
    logs: {
      type: 'object',
      additionalProperties: false,
      description: 'VPN tunnel logs and VPC flow logs.',
      properties: {
        retentionDays: {
          type: 'integer',
          enum: [...LOG_RETENTION_DAYS],
          description: 'Days CloudWatch Logs keeps the logs (one of the values CloudWatch Logs accepts).',
        },
        kmsKeyArns: {
          type: 'object',
          description: 'A customer-managed KMS key ARN per region, for the log groups of that region.',
          additionalProperties: {
            type: 'string',
            pattern: KMS_KEY_ARN_PATTERN,
            description: 'arn:aws:kms:<region>:<account>:key/<key id>',
          },
        },
        flowLogDestination: {
          type: 'string',
          pattern: FLOW_LOG_DESTINATION_PATTERN,
          description: '"cloud-watch-logs" (a log group per customer) or the ARN of a central S3 bucket.',
        },
      },
    },
    alarmTopicArns: {
      type: 'array',
      uniqueItems: true,
      items: { type: 'string', pattern: SNS_TOPIC_ARN_PATTERN, description: 'An SNS topic ARN.' },
      description: 'SNS topics notified by the tunnel alarms (each stack uses the topics of its region).',
    },
    quotas: {
      type: 'object',
      description: 'Raised quotas of the vendor account, per region code or "*".',
      additionalProperties: QUOTAS,
    },
    backend: {
      type: 'object',
      description: 'State backend.',
      discriminator: { propertyName: 'type' },
      required: ['type'],
      properties: { type: { type: 'string', enum: ['local', 's3'], description: 'local or s3.' } },
      oneOf: [
        {
          type: 'object',
          additionalProperties: false,
          description: 'Local state files.',
          properties: {
            type: { const: 'local', description: 'Local state.' },
            directory: { type: 'string', minLength: 1, description: 'State directory.' },
          },
        },
        {
          type: 'object',
          additionalProperties: false,
          required: ['type', 'bucket', 'region'],
          description: 'State in S3.',
          properties: {
            type: { const: 's3', description: 'S3 state.' },
            bucket: {
              type: 'string',
              pattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$',
              description: 'S3 bucket name.',
            },
            region,
            keyPrefix: {
              type: 'string',
              minLength: 1,
              pattern: '^[^/].*[^/]$|^[^/]$',
              description: 'Key prefix.',
            },
            encrypt: { const: true, description: 'Always true.' },
            kmsKeyId: { type: 'string', minLength: 1, description: 'KMS key ARN or alias.' },
            dynamodbTable: { type: 'string', minLength: 1, description: 'DynamoDB lock table.' },
            useLockfile: { type: 'boolean', description: 'S3 lock file.' },
            endpoints: {
              type: 'object',
              additionalProperties: false,
              description: 'Custom endpoints.',
              properties: {
                s3: { type: 'string', minLength: 1, description: 'S3 endpoint URL.' },
                dynamodb: { type: 'string', minLength: 1, description: 'DynamoDB endpoint URL.' },
              },
            },
          },
        },
      ],
    },
  },
};

// cdktf.json holds cdktf's own keys too: only context.linkforge is ours to check.
export const CDKTF_JSON_SCHEMA: SchemaNode = {
  type: 'object',
  description: 'cdktf.json',
  properties: {
    context: {
      type: 'object',
      description: 'cdktf context',
      properties: { linkforge: LINKFORGE_SETTINGS },
    },
  },
};

const ajv = newAjv();
const validateCdktfJson = ajv.compile(CDKTF_JSON_SCHEMA);

export function loadSettings(cdktfJsonPath?: string): {
  settings: PlatformSettings;
  diagnostics: Diagnostic[];
} {
  const file = cdktfJsonPath ?? DEFAULT_CDKTF_JSON;
  const shown = displayPath(file);
  let text: string;
  try {
    // Capped like a customer file, and never through a link or from a pipe.
    text = readRegularFile(file, MAX_SETTINGS_BYTES);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (cdktfJsonPath === undefined && code === 'ENOENT')
      return { settings: DEFAULT_SETTINGS, diagnostics: [] };
    return fail(shown, 1, 1, '', `cannot read the platform settings file (${code ?? String(e)})`);
  }
  return parseSettings(shown, text);
}

/** Parse and check the text of a cdktf.json. Pure; `file` is only used in diagnostics. */
export function parseSettings(
  file: string,
  text: string,
): { settings: PlatformSettings; diagnostics: Diagnostic[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const offset = Number(/position (\d+)/.exec(message)?.[1] ?? 0);
    const { line, column } = positionOf(text, offset);
    return fail(file, line, column, '', `is not valid JSON: ${message}`);
  }
  // JSON is YAML 1.2 flow syntax, so the YAML parser gives us the node positions for free.
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, logLevel: 'silent' });
  const source = new YamlSource(file, text, doc, lineCounter);

  const diagnostics: Diagnostic[] = [];
  if (!validateCdktfJson(json)) {
    diagnostics.push(
      ...mapSchemaErrors(source, json, validateCdktfJson.errors ?? [], {
        root: CDKTF_JSON_SCHEMA,
        code: CODE,
      }),
    );
  }
  const raw = (json as { context?: { linkforge?: Record<string, unknown> } })?.context?.linkforge;
  if (diagnostics.length === 0 && raw) diagnostics.push(...semanticChecks(source, raw));
  if (diagnostics.length > 0) return { settings: DEFAULT_SETTINGS, diagnostics };
  return { settings: toSettings(raw ?? {}), diagnostics: [] };
}

function semanticChecks(source: YamlSource, raw: Record<string, unknown>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (key: (string | number)[], message: string) => {
    const p = ['context', 'linkforge', ...key];
    out.push({
      file: source.file,
      ...source.locate(p),
      severity: 'error',
      code: CODE,
      path: formatPath(p),
      message,
    });
  };
  // State holds the VPN pre-shared keys. With SSE-S3 (the bucket's own key) anyone allowed
  // s3:GetObject reads them; a KMS key adds kms:Decrypt on that key as a second, audited gate.
  const backend = raw.backend as { type?: unknown; kmsKeyId?: unknown } | undefined;
  if (backend?.type === 's3' && backend.kmsKeyId === undefined) {
    at(
      ['backend'],
      'the S3 backend needs kmsKeyId: state holds the VPN pre-shared keys, and without a KMS key (SSE-S3) ' +
        'anyone who may read the bucket reads them; add "kmsKeyId": "arn:aws:kms:<region>:<account>:key/<id>" ' +
        '(or "alias/<name>"), a customer-managed key whose policy lets only the plan and deploy roles decrypt ' +
        '(docs/security.md)',
    );
  }
  const cidr = raw.defaultVendorCidr;
  if (typeof cidr === 'string') {
    const [addr, prefixText] = cidr.split('/');
    const prefix = Number(prefixText);
    const ip = addr.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
    const hostBits = 2 ** (32 - prefix);
    if (ip % hostBits !== 0) {
      const network = Math.floor(ip / hostBits) * hostBits;
      at(
        ['defaultVendorCidr'],
        `${JSON.stringify(cidr)} is not a network address: write ${toDotted(network)}/${prefix}`,
      );
    } else if (prefix < 16 || prefix > 26) {
      at(['defaultVendorCidr'], `${JSON.stringify(cidr)} has prefix /${prefix}; expected /16 to /26`);
    }
  }
  const asn = raw.defaultAmazonSideAsn;
  if (
    typeof asn === 'number' &&
    !((asn >= 64512 && asn <= 65534) || (asn >= 4200000000 && asn <= 4294967294))
  ) {
    at(['defaultAmazonSideAsn'], `${asn} is out of range; expected 64512-65534 or 4200000000-4294967294`);
  }
  const zones = raw.availabilityZones;
  if (zones && typeof zones === 'object') {
    for (const [region, pair] of Object.entries(zones as Record<string, string[]>)) {
      if (!new RegExp(REGION_PATTERN).test(region)) {
        at(['availabilityZones', region], `key ${JSON.stringify(region)} is not an AWS region code`);
      } else {
        pair.forEach((zone, i) => {
          if (!zone.startsWith(region)) {
            at(
              ['availabilityZones', region, i],
              `${JSON.stringify(zone)} is not an availability zone of ${region}`,
            );
          }
        });
        if (pair[0] === pair[1])
          at(['availabilityZones', region, 1], 'the two availability zones must differ');
      }
    }
  }
  const logs = raw.logs as { kmsKeyArns?: Record<string, string> } | undefined;
  for (const [keyRegion, arn] of Object.entries(logs?.kmsKeyArns ?? {})) {
    if (!new RegExp(REGION_PATTERN).test(keyRegion)) {
      at(['logs', 'kmsKeyArns', keyRegion], `key ${JSON.stringify(keyRegion)} is not an AWS region code`);
    } else if (arnRegion(arn) !== keyRegion) {
      at(
        ['logs', 'kmsKeyArns', keyRegion],
        `${JSON.stringify(arn)} is a key in ${arnRegion(arn)}; CloudWatch Logs needs a key in the log group's region: give a key of ${keyRegion}`,
      );
    }
  }
  for (const quotaRegion of Object.keys((raw.quotas as Record<string, unknown> | undefined) ?? {})) {
    if (quotaRegion !== '*' && !new RegExp(REGION_PATTERN).test(quotaRegion)) {
      at(['quotas', quotaRegion], `key ${JSON.stringify(quotaRegion)} is not an AWS region code or "*"`);
    }
  }
  return out;
}

function toSettings(raw: Record<string, unknown>): PlatformSettings {
  const allowed = raw.allowedRegions;
  return {
    allowedRegions: Array.isArray(allowed) ? [...(allowed as string[])].sort() : COMMERCIAL_REGIONS,
    defaultVendorCidr: (raw.defaultVendorCidr as string | undefined) ?? DEFAULT_SETTINGS.defaultVendorCidr,
    defaultAmazonSideAsn:
      (raw.defaultAmazonSideAsn as number | undefined) ?? DEFAULT_SETTINGS.defaultAmazonSideAsn,
    availabilityZones: (raw.availabilityZones as PlatformSettings['availabilityZones'] | undefined) ?? {},
    tags: (raw.tags as Record<string, string> | undefined) ?? {},
    backend: toBackend(raw.backend as Record<string, unknown> | undefined),
    lockTimeoutSeconds: (raw.lockTimeoutSeconds as number | undefined) ?? DEFAULT_SETTINGS.lockTimeoutSeconds,
    logs: toLogs(raw.logs as Record<string, unknown> | undefined),
    alarmTopicArns: [...((raw.alarmTopicArns as string[] | undefined) ?? [])].sort(),
    quotas: (raw.quotas as Record<string, Partial<QuotaSettings>> | undefined) ?? {},
  };
}

function toLogs(raw: Record<string, unknown> | undefined): LogSettings {
  const defaults = DEFAULT_SETTINGS.logs;
  const destination = raw?.flowLogDestination as string | undefined;
  return {
    retentionDays: (raw?.retentionDays as number | undefined) ?? defaults.retentionDays,
    kmsKeyArns: (raw?.kmsKeyArns as Record<string, string> | undefined) ?? defaults.kmsKeyArns,
    flowLogDestination:
      destination === undefined || destination === 'cloud-watch-logs'
        ? defaults.flowLogDestination
        : { type: 's3', arn: destination },
  };
}

function toBackend(raw: Record<string, unknown> | undefined): BackendSettings {
  if (!raw || raw.type === 'local') {
    return { type: 'local', directory: (raw?.directory as string | undefined) ?? 'state' };
  }
  const endpoints = raw.endpoints as { s3?: string; dynamodb?: string } | undefined;
  return {
    type: 's3',
    bucket: raw.bucket as string,
    region: raw.region as string,
    keyPrefix: (raw.keyPrefix as string | undefined) ?? 'linkforge',
    encrypt: true,
    ...(raw.kmsKeyId !== undefined ? { kmsKeyId: raw.kmsKeyId as string } : {}),
    ...(raw.dynamodbTable !== undefined ? { dynamodbTable: raw.dynamodbTable as string } : {}),
    useLockfile: (raw.useLockfile as boolean | undefined) ?? false,
    ...(endpoints ? { endpoints } : {}),
  };
}

function fail(file: string, line: number, column: number, p: string, message: string) {
  return {
    settings: DEFAULT_SETTINGS,
    diagnostics: [{ file, line, column, severity: 'error' as const, code: CODE, path: p, message }],
  };
}

function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.min(offset, text.length)).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

function toDotted(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

/** Relative to the working directory when the file is below it (how diagnostics show paths). */
export function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), path.resolve(file));
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : file;
}
