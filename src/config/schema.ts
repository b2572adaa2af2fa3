/**
 * THE JSON Schema of a customer file (format v1): the single source of truth for types, required
 * keys, unknown keys, enums, string syntax and plain numeric limits. The validator compiles it,
 * `npm run generate` publishes it as schema/customer.schema.json (for editors, through the
 * yaml-language-server modeline) and renders docs/fields.md from the `description`s.
 *
 * Everything that needs arithmetic, platform settings or another field (canonical CIDRs, overlaps,
 * allowed regions, ASN conflicts, lifetimes relative to each other, ...) is a semantic rule in
 * ./rules, not here: a schema cannot say it, and the rules give better messages.
 *
 * Draft-07, because it is what editors support best. `discriminator` is ajv's (OpenAPI's) keyword:
 * with it ajv reports only the errors of the branch `connectivity.type` chose; editors ignore it.
 */

/** A JSON Schema node, as far as this file uses it. */
export interface SchemaNode {
  readonly type?: string | readonly string[];
  readonly description?: string;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | SchemaNode;
  readonly items?: SchemaNode;
  readonly enum?: readonly (string | number)[];
  readonly const?: string | number | boolean;
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
  readonly default?: unknown;
  readonly examples?: readonly unknown[];
  readonly oneOf?: readonly SchemaNode[];
  readonly discriminator?: { readonly propertyName: string };
  readonly [key: string]: unknown;
}

export const SCHEMA_ID = 'urn:linkforge:schema:customer:v1';
export const GENERATED_MARKER = 'generated from src/config/schema.ts by npm run generate; do not edit';

// Patterns are exported so the error mapper can turn a failed pattern into guidance for that field.
export const ID_PATTERN = '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$';
export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
export const ACCOUNT_ID_PATTERN = '^[0-9]{12}$';
export const VPC_ID_PATTERN = '^vpc-([0-9a-f]{8}|[0-9a-f]{17})$';
// AWS region codes: partition prefix (`us`, `eu`, `cn`, `us-gov`, `us-isob`, ...), a direction, a number.
export const REGION_PATTERN =
  '^[a-z]{2}(-gov|-iso[a-z]?)?-(central|north|south|east|west|northeast|northwest|southeast|southwest)-[1-9][0-9]?$';
// Dotted quad without leading zeros (`010` would be read as octal by some tools).
const OCTET = '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
export const IPV4_PATTERN = `^${OCTET}(\\.${OCTET}){3}$`;
export const CIDR_PATTERN = `^${OCTET}(\\.${OCTET}){3}/(3[0-2]|[12]?[0-9])$`;
export const PORT_RANGE_PATTERN = '^[0-9]+-[0-9]+$';
export const TRANSIT_GATEWAY_ID_PATTERN = '^tgw-[0-9a-f]{17}$';
// A RAM resource share ARN in the commercial partition: `arn:aws:ram:<region>:<account>:resource-share/<uuid>`.
// The region part reuses REGION_PATTERN's body; rules compare it with `region` and the account.
export const RESOURCE_SHARE_ARN_PATTERN = `^arn:aws:ram:${REGION_PATTERN.slice(1, -1)}:[0-9]{12}:resource-share/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`;
// AWS's customer gateway device name: letters, digits, space and . _ - ( ), first a letter or digit.
export const DEVICE_NAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9 ._()-]*$';

export const PHASE1_DH_GROUPS = [2, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24] as const;
export const PHASE2_DH_GROUPS = [2, 5, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24] as const;
export const ENCRYPTION_ALGORITHMS = ['AES128', 'AES256', 'AES128-GCM-16', 'AES256-GCM-16'] as const;
export const INTEGRITY_ALGORITHMS = ['SHA1', 'SHA2-256', 'SHA2-384', 'SHA2-512'] as const;

const region = (description: string): SchemaNode => ({
  type: 'string',
  pattern: REGION_PATTERN,
  description,
  examples: ['eu-west-1'],
});

const cidr = (description: string, example: string): SchemaNode => ({
  type: 'string',
  pattern: CIDR_PATTERN,
  description,
  examples: [example],
});

/** A non-empty list of distinct choices from `items` (the IKE algorithm and DH group lists). */
const choiceList = (items: SchemaNode, description: string, example: readonly unknown[]): SchemaNode => ({
  type: 'array',
  minItems: 1,
  uniqueItems: true,
  items,
  description,
  examples: [example],
});

function phase(n: 1 | 2, maxLifetime: number, dhGroups: readonly number[]): SchemaNode {
  return {
    type: 'object',
    description: `IKE phase ${n} settings. Anything left out keeps AWS's default.`,
    additionalProperties: false,
    properties: {
      lifetimeSeconds: {
        type: 'integer',
        minimum: 900,
        maximum: maxLifetime,
        description:
          n === 1
            ? 'Phase 1 lifetime in seconds, 900-28800. AWS default 28800.'
            : 'Phase 2 lifetime in seconds, 900-3600, and shorter than phase 1. AWS default 3600.',
      },
      encryption: choiceList(
        { type: 'string', enum: ENCRYPTION_ALGORITHMS, description: 'An encryption algorithm.' },
        `Phase ${n} encryption algorithms AWS may negotiate. AWS default: all of them.`,
        ['AES256'],
      ),
      integrity: choiceList(
        { type: 'string', enum: INTEGRITY_ALGORITHMS, description: 'An integrity algorithm.' },
        `Phase ${n} integrity algorithms AWS may negotiate. AWS default: all of them.`,
        ['SHA2-256'],
      ),
      dhGroups: choiceList(
        { type: 'integer', enum: dhGroups, description: 'A Diffie-Hellman group number.' },
        `Phase ${n} Diffie-Hellman group numbers: ${dhGroups[0]}, ${dhGroups.slice(1).join(', ')}. AWS default: all of them.`,
        [14, 20],
      ),
    },
  };
}

const accountId = (description: string): SchemaNode => ({
  type: 'string',
  pattern: ACCOUNT_ID_PATTERN,
  description: `${description}: a quoted string of exactly 12 digits (unquoted, YAML reads a number and drops leading zeros).`,
  examples: ['111122223333'],
});

const allowedTcpPorts: SchemaNode = {
  type: 'array',
  minItems: 1,
  items: {
    type: ['integer', 'string'],
    minimum: 1,
    maximum: 65535,
    pattern: PORT_RANGE_PATTERN,
    description: 'A TCP port (1-65535) or a quoted "from-to" range with from <= to.',
  },
  description: 'TCP ports the vendor connectors may reach. Default: every TCP port.',
  examples: [[443, '5432-5433']],
};

const vpcPeering: SchemaNode = {
  type: 'object',
  description: 'VPC peering between the vendor VPC and the customer VPC.',
  additionalProperties: false,
  required: ['type', 'peer'],
  properties: {
    type: { const: 'vpc-peering', description: 'Selects VPC peering.' },
    peer: {
      type: 'object',
      description: "The customer's side of the peering.",
      additionalProperties: false,
      required: ['accountId', 'vpcId', 'region', 'cidrs'],
      properties: {
        accountId: accountId("The customer's AWS account id"),
        vpcId: {
          type: 'string',
          pattern: VPC_ID_PATTERN,
          description: "The customer's VPC id: `vpc-` then 8 or 17 lowercase hex digits.",
          examples: ['vpc-0a1b2c3d4e5f67890'],
        },
        region: region("AWS region of the customer's VPC."),
        cidrs: {
          type: 'array',
          minItems: 1,
          maxItems: 50,
          items: cidr('A CIDR of the customer VPC.', '172.31.0.0/16'),
          description:
            'Every IPv4 CIDR associated with the customer VPC (primary and secondary), 1-50, canonical, /16-/28, no overlaps with each other or with vendorCidr.',
          examples: [['172.31.0.0/16']],
        },
      },
    },
    routes: {
      type: 'array',
      minItems: 1,
      items: cidr('A destination inside one of peer.cidrs.', '172.31.16.0/20'),
      description:
        'Destinations the vendor routes through the peering, each inside one of peer.cidrs. Default: all of peer.cidrs.',
      examples: [['172.31.16.0/20']],
    },
    allowedTcpPorts,
    accepted: {
      type: 'boolean',
      default: false,
      description: 'Set to true once the customer has accepted the peering request.',
    },
    dnsResolution: {
      type: 'boolean',
      default: false,
      description:
        "Ask that the customer VPC's public DNS hostnames resolve to their private addresses from the vendor VPC. Only the customer (the accepter) can switch this on, in their account, once the peering is accepted: the stack sets no peering option, and the handoff lists it as the customer's step.",
    },
  },
};

const siteToSiteVpn: SchemaNode = {
  type: 'object',
  description: "Site-to-site VPN between the vendor VPC and the customer's VPN device.",
  additionalProperties: false,
  required: ['type', 'customerGateway'],
  properties: {
    type: { const: 'site-to-site-vpn', description: 'Selects site-to-site VPN.' },
    customerGateway: {
      type: 'object',
      description: "The customer's VPN device.",
      additionalProperties: false,
      required: ['ip'],
      properties: {
        ip: {
          type: 'string',
          pattern: IPV4_PATTERN,
          description: "Public, routable IPv4 address of the customer's VPN device.",
          examples: ['203.0.113.12'],
        },
        bgpAsn: {
          type: 'integer',
          minimum: 1,
          maximum: 4294967294,
          description:
            "The customer's BGP ASN, 1-4294967294: required with routing bgp, rejected with static; not one of Amazon's own ASNs, not the vendor-side ASN.",
          examples: [65010],
        },
        deviceName: {
          type: 'string',
          minLength: 1,
          maxLength: 255,
          pattern: DEVICE_NAME_PATTERN,
          description:
            'Device name shown in AWS, 1-255 characters from letters, digits, space, `.`, `_`, `-`, `(`, `)`, starting with a letter or digit. Default: derived from id (`linkforge-<id>`), so no two customers share a customer gateway.',
        },
      },
    },
    routing: {
      type: 'string',
      enum: ['bgp', 'static'],
      default: 'bgp',
      description: 'bgp (recommended: routes are exchanged dynamically) or static (routes come from cidrs).',
    },
    cidrs: {
      type: 'array',
      maxItems: 100,
      items: cidr('A customer network.', '192.168.0.0/16'),
      description:
        'Customer networks reached through the VPN, at most 100, canonical, no overlaps; required (at least one) with routing static.',
      examples: [['192.168.0.0/16']],
    },
    tunnels: {
      type: 'integer',
      enum: [2, 1],
      default: 2,
      description: 'Number of tunnels: 2 (high availability) or 1 (a tunnel failure is an outage).',
    },
    ikeVersion: {
      type: 'string',
      enum: ['ikev2', 'ikev1'],
      default: 'ikev2',
      description: 'IKE version of the tunnels.',
    },
    allowedTcpPorts,
    natGateway: {
      type: 'boolean',
      default: false,
      description: 'Add a NAT gateway for public egress of non-VPN traffic from the vendor VPC.',
    },
    amazonSideAsn: {
      type: 'integer',
      minimum: 1,
      maximum: 4294967294,
      description:
        'Vendor-side (virtual private gateway) ASN: 64512-65534 or 4200000000-4294967294. Default: the platform setting defaultAmazonSideAsn (64512).',
      examples: [64512],
    },
    tunnelOptions: {
      type: 'object',
      description:
        "Expert settings applied to both tunnels, within AWS's limits. Anything left out keeps AWS's default.",
      additionalProperties: false,
      properties: {
        insideCidrs: {
          type: 'array',
          minItems: 2,
          maxItems: 2,
          items: cidr('A /30 inside 169.254.0.0/16.', '169.254.10.0/30'),
          description:
            'Exactly two distinct /30s in 169.254.0.0/16 (tunnel 1, tunnel 2; AWS always builds two), not 169.254.0.0/30 ... 169.254.5.0/30 nor 169.254.169.252/30.',
          examples: [['169.254.10.0/30', '169.254.10.4/30']],
        },
        phase1: phase(1, 28800, PHASE1_DH_GROUPS),
        phase2: phase(2, 3600, PHASE2_DH_GROUPS),
        rekeyMarginSeconds: {
          type: 'integer',
          minimum: 60,
          description: 'Rekey margin in seconds, from 60 to half of the phase 2 lifetime. AWS default 270.',
        },
        dpdTimeoutSeconds: {
          type: 'integer',
          minimum: 30,
          description: 'Dead peer detection timeout in seconds, at least 30. AWS default 30.',
        },
        dpdTimeoutAction: {
          type: 'string',
          enum: ['clear', 'none', 'restart'],
          description: 'What AWS does when dead peer detection times out. AWS default clear.',
        },
        startupAction: {
          type: 'string',
          enum: ['add', 'start'],
          description:
            'add: the customer device starts the IKE negotiation; start (IKEv2 only): AWS starts it. AWS default add.',
        },
      },
    },
  },
};

const transitGateway: SchemaNode = {
  type: 'object',
  description:
    "An attachment of the vendor VPC to the customer's AWS Transit Gateway, shared with the vendor through AWS RAM.",
  additionalProperties: false,
  required: ['type', 'transitGateway', 'cidrs'],
  properties: {
    type: { const: 'transit-gateway', description: 'Selects transit gateway.' },
    transitGateway: {
      type: 'object',
      description:
        "The customer's transit gateway and the RAM share that gives the vendor account access to it.",
      additionalProperties: false,
      required: ['id', 'accountId', 'resourceShareArn'],
      properties: {
        id: {
          type: 'string',
          pattern: TRANSIT_GATEWAY_ID_PATTERN,
          description: 'The transit gateway id: `tgw-` then 17 lowercase hex digits.',
          examples: ['tgw-0a1b2c3d4e5f67890'],
        },
        accountId: accountId('The AWS account that owns the transit gateway'),
        resourceShareArn: {
          type: 'string',
          pattern: RESOURCE_SHARE_ARN_PATTERN,
          description:
            'ARN of the AWS RAM resource share that shares the transit gateway with the vendor account: arn:aws:ram:<region>:<account>:resource-share/<uuid>, in `region` and owned by accountId.',
          examples: [
            'arn:aws:ram:us-west-2:444455556666:resource-share/5f0c3a2e-9b1d-4e8f-a7c6-1d2e3f4a5b6c',
          ],
        },
      },
    },
    cidrs: {
      type: 'array',
      minItems: 1,
      maxItems: 50,
      items: cidr('A customer network reached through the transit gateway.', '10.0.0.0/12'),
      description:
        'Customer networks the connectors reach through the transit gateway, 1-50, canonical, /8-/32, no overlaps with each other or with vendorCidr, outside 0.0.0.0/8, 127.0.0.0/8, 169.254.0.0/16 and 224.0.0.0/3.',
      examples: [['10.0.0.0/12', '172.20.0.0/16']],
    },
    allowedTcpPorts,
    accepted: {
      type: 'boolean',
      default: false,
      description:
        'Set to true once the customer has accepted the attachment. Routes to the transit gateway are created only then (AWS refuses them before).',
    },
  },
};

export const CUSTOMER_SCHEMA: SchemaNode = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: SCHEMA_ID,
  $comment: GENERATED_MARKER,
  title: 'linkforge customer file (format v1)',
  description: 'One customer of the private connectivity platform: customers/<id>.yaml.',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'orgId', 'plan', 'connectivity'],
  properties: {
    id: {
      type: 'string',
      pattern: ID_PATTERN,
      description:
        'Customer id: lowercase letters, digits and hyphens, 1-63 characters, starting and ending with a letter or digit. Equals the file name without .yaml. Immutable: it names the stack and its state.',
      examples: ['acme-corp'],
    },
    name: {
      type: 'string',
      minLength: 1,
      maxLength: 128,
      description: 'Display name of the customer, 1-128 characters.',
      examples: ['Acme Corp'],
    },
    orgId: {
      type: 'string',
      pattern: UUID_PATTERN,
      description: "The customer's vendor organisation id, a UUID; unique across all customer files.",
      examples: ['6f1c2e4a-8d3b-4f7a-9c21-5e0b7d9a1f34'],
    },
    plan: {
      type: 'string',
      enum: ['enterprise', 'team'],
      description:
        "The customer's plan. Site-to-site VPN needs enterprise, or team with the onprem-connectivity add-on.",
    },
    addOns: {
      type: 'array',
      uniqueItems: true,
      items: { type: 'string', enum: ['onprem-connectivity'], description: 'An add-on the customer bought.' },
      default: [],
      description: 'Add-ons the customer bought: onprem-connectivity (site-to-site VPN on the team plan).',
    },
    region: region(
      "AWS region of the vendor VPC; must be one of the platform's allowed regions. Required for site-to-site VPN and transit gateway (the transit gateway's region); for VPC peering it defaults to peer.region.",
    ),
    vendorCidr: cidr(
      'IPv4 CIDR of the vendor VPC, /16-/26, canonical, inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10. Split into four equal subnets. Default: the platform setting defaultVendorCidr (10.200.0.0/25).',
      '10.200.0.0/25',
    ),
    decommission: {
      type: 'boolean',
      default: false,
      description: "true plans the destruction of this customer's stack.",
    },
    connectivity: {
      type: 'object',
      description:
        'How the customer connects; type selects vpc-peering, site-to-site-vpn or transit-gateway.',
      discriminator: { propertyName: 'type' },
      required: ['type'],
      properties: {
        type: {
          type: 'string',
          enum: ['vpc-peering', 'site-to-site-vpn', 'transit-gateway'],
          description:
            "vpc-peering (the customer is on AWS), site-to-site-vpn (IPsec to any VPN device) or transit-gateway (the customer's AWS Transit Gateway, shared through AWS RAM).",
        },
      },
      oneOf: [vpcPeering, siteToSiteVpn, transitGateway],
    },
  },
};

/** The schema node at a data path (keys and indexes), following properties, items and the chosen branch. */
export function schemaAt(
  path: readonly (string | number)[],
  data: unknown,
  root: SchemaNode = CUSTOMER_SCHEMA,
): SchemaNode | undefined {
  let node: SchemaNode | undefined = root;
  let value: unknown = data;
  for (const segment of path) {
    if (!node) return undefined;
    node = branchFor(node, value);
    if (typeof segment === 'number') node = node.items;
    else
      node =
        node.properties?.[segment] ??
        (typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined);
    value = isRecord(value) || Array.isArray(value) ? (value as Record<string, unknown>)[segment] : undefined;
  }
  return node && branchFor(node, value);
}

/** For a node with a discriminator, the branch the value's tag selects (else the node itself). */
export function branchFor(node: SchemaNode, value: unknown): SchemaNode {
  if (!node.oneOf || !node.discriminator) return node;
  const tag = isRecord(value) ? value[node.discriminator.propertyName] : undefined;
  return node.oneOf.find((b) => b.properties?.[node.discriminator!.propertyName]?.const === tag) ?? node;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
