/**
 * The string syntaxes of the customer file (and of the settings that reuse them), each a field
 * builder that carries its pattern and its guidance together: what a valid value looks like and a
 * fix computed from what was written. The error mapper reads the guidance from the failing node
 * (`x-guide`), so a new syntax is one builder here, not an entry in a table elsewhere.
 */
import type { TString, TUnsafe } from '@sinclair/typebox';
import { GUIDE, Type, typeUnion, type FieldGuide, type NodeOptions } from './builder';
import { COMMERCIAL_REGIONS } from '../settings';
import { suggest } from '../suggest';

export const ID_PATTERN = '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$';
const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const ACCOUNT_ID_PATTERN = '^[0-9]{12}$';
const VPC_ID_PATTERN = '^vpc-([0-9a-f]{8}|[0-9a-f]{17})$';
// AWS region codes: partition prefix (`us`, `eu`, `cn`, `us-gov`, `us-isob`, ...), a direction, a number.
export const REGION_PATTERN =
  '^[a-z]{2}(-gov|-iso[a-z]?)?-(central|north|south|east|west|northeast|northwest|southeast|southwest)-[1-9][0-9]?$';
// Dotted quad without leading zeros (`010` would be read as octal by some tools).
const OCTET = '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
const IPV4_PATTERN = `^${OCTET}(\\.${OCTET}){3}$`;
const CIDR_PATTERN = `^${OCTET}(\\.${OCTET}){3}/(3[0-2]|[12]?[0-9])$`;
const PORT_RANGE_PATTERN = '^[0-9]+-[0-9]+$';
const TRANSIT_GATEWAY_ID_PATTERN = '^tgw-[0-9a-f]{17}$';
// A RAM resource share ARN in the commercial partition: `arn:aws:ram:<region>:<account>:resource-share/<uuid>`.
// The region part reuses REGION_PATTERN's body; rules compare it with `region` and the account.
const RESOURCE_SHARE_ARN_PATTERN = `^arn:aws:ram:${REGION_PATTERN.slice(1, -1)}:[0-9]{12}:resource-share/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`;
// AWS's customer gateway device name: letters, digits, space and . _ - ( ), first a letter or digit.
const DEVICE_NAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9 ._()-]*$';

const matches = (pattern: string) => {
  const re = new RegExp(pattern);
  return (v: string | undefined): boolean => v !== undefined && v !== '' && re.test(v);
};
const isId = matches(ID_PATTERN);
const isUuid = matches(UUID_PATTERN);
const isVpcId = matches(VPC_ID_PATTERN);
const isTgwId = matches(TRANSIT_GATEWAY_ID_PATTERN);
const isShareArn = matches(RESOURCE_SHARE_ARN_PATTERN);
const isRegion = matches(REGION_PATTERN);
const isIpv4 = matches(IPV4_PATTERN);
const isCidr = matches(CIDR_PATTERN);
const isDeviceName = matches(DEVICE_NAME_PATTERN);
const withoutLeadingZeros = (v: string) => v.replace(/(^|\.)0+([0-9])/g, '$1$2');

/** A string field with a pattern and the guidance for a value that does not match it. */
function patterned(
  pattern: string,
  guide: FieldGuide,
  options: NodeOptions & { readonly minLength?: number; readonly maxLength?: number },
): TString {
  return Type.String({ pattern, ...options, [GUIDE]: guide });
}

const ID_GUIDE: FieldGuide = {
  code: 'INVALID_ID',
  expected:
    'an id of lowercase letters, digits and hyphens, 1-63 characters, starting and ending with a letter or digit',
  fix: (v) => {
    const slug = v
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 63)
      .replace(/-+$/, '');
    return isId(slug) ? slug : undefined;
  },
};
export const customerId = (o: NodeOptions): TString => patterned(ID_PATTERN, ID_GUIDE, o);

export const uuid = (o: NodeOptions): TString =>
  patterned(
    UUID_PATTERN,
    {
      code: 'INVALID_ORG_ID',
      // No sample UUID: the schema's example is a real example customer's orgId, and orgIds must be
      // unique across files (ORG_ID_DUPLICATE): a fix must never hand out another customer's value.
      expected: "a UUID (8-4-4-4-12 hex digits): the customer's organisation id in the vendor platform",
      fix: (v) => {
        const inner = v
          .trim()
          .replace(/^[{(]|[})]$/g, '')
          .replace(/^urn:uuid:/i, '');
        return isUuid(inner) ? inner : undefined;
      },
    },
    o,
  );

const ACCOUNT_ID_GUIDE: FieldGuide = {
  code: 'INVALID_ACCOUNT_ID',
  expected: 'a quoted string of exactly 12 digits',
  fix: (v) => {
    const digits = v.replace(/[\s-]/g, '');
    return /^[0-9]{12}$/.test(digits) ? digits : undefined;
  },
  // Unquoted, YAML reads an account id as a number and drops its leading zeros.
  quoted: (written) => {
    const digits = written.replace(/^[+]/, '');
    const short = /^[0-9]+$/.test(digits) && digits.length < 12;
    return {
      value: `"${short ? digits.padStart(12, '0') : digits}"`,
      note:
        digits.length < 12
          ? ` (${digits.length} digits: leading zeros may have been dropped; check the account id)`
          : ' (an unquoted number loses leading zeros)',
    };
  },
};
/** An AWS account id; `owner` starts the description ("The customer's AWS account id"). */
export const accountId = (owner: string): TString =>
  patterned(ACCOUNT_ID_PATTERN, ACCOUNT_ID_GUIDE, {
    description: `${owner}: a quoted string of exactly 12 digits (unquoted, YAML reads a number and drops leading zeros).`,
    examples: ['111122223333'],
  });

export const vpcId = (o: NodeOptions): TString =>
  patterned(
    VPC_ID_PATTERN,
    {
      code: 'INVALID_VPC_ID',
      expected: '`vpc-` then 8 or 17 lowercase hex digits, such as vpc-0a1b2c3d4e5f67890',
      fix: (v) => (isVpcId(v.trim().toLowerCase()) ? v.trim().toLowerCase() : undefined),
    },
    o,
  );

export const transitGatewayId = (o: NodeOptions): TString =>
  patterned(
    TRANSIT_GATEWAY_ID_PATTERN,
    {
      code: 'INVALID_TGW_ID',
      expected: '`tgw-` then 17 lowercase hex digits, such as tgw-0a1b2c3d4e5f67890',
      fix: (v) => {
        const lower = v.trim().toLowerCase();
        return isTgwId(lower) ? lower : undefined;
      },
    },
    o,
  );

export const resourceShareArn = (o: NodeOptions): TString =>
  patterned(
    RESOURCE_SHARE_ARN_PATTERN,
    {
      code: 'INVALID_RESOURCE_SHARE_ARN',
      expected:
        'a RAM resource share ARN, arn:aws:ram:<region>:<12-digit account>:resource-share/<lowercase uuid>, as the RAM console shows it',
      fix: (v) => {
        // A UUID in capitals, or stray spaces, is still recognisably the same ARN.
        const m = /^(arn:aws:ram:[^:]+:[0-9]{12}:resource-share\/)(.*)$/.exec(v.trim());
        const fixed = m ? `${m[1]}${m[2].toLowerCase()}` : undefined;
        return fixed !== undefined && isShareArn(fixed) ? fixed : undefined;
      },
    },
    o,
  );

const REGION_GUIDE: FieldGuide = {
  code: 'INVALID_REGION',
  expected: 'an AWS region code such as eu-west-1',
  fix: (v) => {
    const lower = v.trim().toLowerCase().replace(/_/g, '-');
    if (isRegion(lower)) return lower;
    // `eu-west-1a` is an availability zone of eu-west-1.
    const zone = lower.replace(/[a-z]$/, '');
    if (isRegion(zone)) return zone;
    return suggest(lower, COMMERCIAL_REGIONS);
  },
};
export const regionCode = (o: NodeOptions): TString => patterned(REGION_PATTERN, REGION_GUIDE, o);

export const ipv4Address = (o: NodeOptions): TString =>
  patterned(
    IPV4_PATTERN,
    {
      code: 'INVALID_IP',
      expected: 'an IPv4 address (four numbers 0-255 without leading zeros, no prefix length)',
      fix: (v) => {
        const bare = withoutLeadingZeros(v.trim().replace(/\/32$/, ''));
        return isIpv4(bare) ? bare : undefined;
      },
    },
    o,
  );

const CIDR_GUIDE: FieldGuide = {
  code: 'INVALID_CIDR',
  expected: 'an IPv4 CIDR, address/prefix with a prefix length 0-32, such as 10.0.0.0/16',
  fix: (v) => {
    const trimmed = withoutLeadingZeros(v.trim().replace(/\s+/g, ''));
    if (isCidr(trimmed)) return trimmed;
    if (isIpv4(trimmed)) return `${trimmed}/32`;
    return undefined;
  },
};
export const cidrBlock = (o: NodeOptions): TString => patterned(CIDR_PATTERN, CIDR_GUIDE, o);

export const deviceName = (o: NodeOptions & { minLength: number; maxLength: number }): TString =>
  patterned(
    DEVICE_NAME_PATTERN,
    {
      code: 'INVALID_DEVICE_NAME',
      expected:
        'letters, digits, space, `.`, `_`, `-`, `(` and `)`, starting with a letter or digit (what AWS accepts for a customer gateway device name)',
      fix: (v) => {
        const cleaned = v
          .replace(/[^A-Za-z0-9 ._()-]+/g, '-')
          .replace(/^[^A-Za-z0-9]+/, '')
          .slice(0, 255);
        return isDeviceName(cleaned) ? cleaned : undefined;
      },
    },
    o,
  );

/** A TCP port (a number) or a quoted `"from-to"` range (a string), in one node. */
export const tcpPort = (description: string): TUnsafe<number | string> =>
  typeUnion<number | string>(['integer', 'string'], {
    minimum: 1,
    maximum: 65535,
    pattern: PORT_RANGE_PATTERN,
    description,
    [GUIDE]: {
      code: 'INVALID_PORT',
      expected: 'a port number 1-65535, or a quoted "from-to" range such as "5432-5433"',
      fix: (v) => {
        const t = v.trim();
        if (/^[0-9]+$/.test(t)) return String(Number(t));
        const m = /^([0-9]+)\s*(?:-|:|\.\.|–)\s*([0-9]+)$/.exec(t);
        return m ? `"${m[1]}-${m[2]}"` : undefined;
      },
      // A single port is a number: `"443"` is written 443, without quotes.
      offer: (fixed) =>
        /^[0-9]+$/.test(fixed)
          ? `: a single port is a number, write ${fixed} without quotes`
          : `: write ${fixed}`,
    } satisfies FieldGuide,
  });
