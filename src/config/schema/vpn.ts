/**
 * The site-to-site VPN branch of `connectivity`: the customer gateway, routing and the expert
 * tunnel options (IKE phases). Lifetimes relative to each other, inside CIDRs AWS reserves and
 * ASN conflicts are rules (../rules), not schema.
 */
import type { TObject } from '@sinclair/typebox';
import { Type, integerEnum, stringEnum, tag } from './builder';
import { allowedTcpPorts, choiceList, cidrList } from './shared';
import { cidrBlock, deviceName, ipv4Address } from './fields';
import { AMAZON_SIDE_ASN_TEXT } from '../aws-limits';

export const ROUTINGS = ['bgp', 'static'] as const;
const TUNNEL_COUNTS = [2, 1] as const;
export const IKE_VERSIONS = ['ikev2', 'ikev1'] as const;
export const DPD_TIMEOUT_ACTIONS = ['clear', 'none', 'restart'] as const;
export const STARTUP_ACTIONS = ['add', 'start'] as const;
const PHASE1_DH_GROUPS = [2, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24] as const;
const PHASE2_DH_GROUPS = [2, 5, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24] as const;
export const ENCRYPTION_ALGORITHMS = ['AES128', 'AES256', 'AES128-GCM-16', 'AES256-GCM-16'] as const;
export const INTEGRITY_ALGORITHMS = ['SHA1', 'SHA2-256', 'SHA2-384', 'SHA2-512'] as const;

const phase = (n: 1 | 2, maxLifetime: number, dhGroups: readonly number[]) =>
  Type.Object(
    {
      lifetimeSeconds: Type.Optional(
        Type.Integer({
          minimum: 900,
          maximum: maxLifetime,
          description:
            n === 1
              ? 'Phase 1 lifetime in seconds, 900-28800. AWS default 28800.'
              : 'Phase 2 lifetime in seconds, 900-3600, and shorter than phase 1. AWS default 3600.',
        }),
      ),
      encryption: Type.Optional(
        choiceList(
          stringEnum(ENCRYPTION_ALGORITHMS, { description: 'An encryption algorithm.' }),
          `Phase ${n} encryption algorithms AWS may negotiate. AWS default: all of them.`,
          ['AES256'],
        ),
      ),
      integrity: Type.Optional(
        choiceList(
          stringEnum(INTEGRITY_ALGORITHMS, { description: 'An integrity algorithm.' }),
          `Phase ${n} integrity algorithms AWS may negotiate. AWS default: all of them.`,
          ['SHA2-256'],
        ),
      ),
      dhGroups: Type.Optional(
        choiceList(
          integerEnum(dhGroups, { description: 'A Diffie-Hellman group number.' }),
          `Phase ${n} Diffie-Hellman group numbers: ${dhGroups[0]}, ${dhGroups.slice(1).join(', ')}. AWS default: all of them.`,
          [14, 20],
        ),
      ),
    },
    {
      description: `IKE phase ${n} settings. Anything left out keeps AWS's default.`,
      additionalProperties: false,
    },
  );

const tunnelOptionsSchema = Type.Object(
  {
    insideCidrs: Type.Optional(
      Type.Array(cidrBlock({ description: 'A /30 inside 169.254.0.0/16.', examples: ['169.254.10.0/30'] }), {
        minItems: 2,
        maxItems: 2,
        description:
          'Exactly two distinct /30s in 169.254.0.0/16 (tunnel 1, tunnel 2; AWS always builds two), not 169.254.0.0/30 ... 169.254.5.0/30 nor 169.254.169.252/30.',
        examples: [['169.254.10.0/30', '169.254.10.4/30']],
      }),
    ),
    phase1: Type.Optional(phase(1, 28800, PHASE1_DH_GROUPS)),
    phase2: Type.Optional(phase(2, 3600, PHASE2_DH_GROUPS)),
    rekeyMarginSeconds: Type.Optional(
      Type.Integer({
        minimum: 60,
        description: 'Rekey margin in seconds, from 60 to half of the phase 2 lifetime. AWS default 270.',
      }),
    ),
    dpdTimeoutSeconds: Type.Optional(
      Type.Integer({
        minimum: 30,
        description: 'Dead peer detection timeout in seconds, at least 30. AWS default 30.',
      }),
    ),
    dpdTimeoutAction: Type.Optional(
      stringEnum(DPD_TIMEOUT_ACTIONS, {
        description: 'What AWS does when dead peer detection times out. AWS default clear.',
      }),
    ),
    startupAction: Type.Optional(
      stringEnum(STARTUP_ACTIONS, {
        description:
          'add: the customer device starts the IKE negotiation; start (IKEv2 only): AWS starts it. AWS default add.',
      }),
    ),
  },
  {
    description:
      "Expert settings applied to both tunnels, within AWS's limits. Anything left out keeps AWS's default.",
    additionalProperties: false,
  },
);

const customerGatewaySchema = Type.Object(
  {
    ip: ipv4Address({
      description: "Public, routable IPv4 address of the customer's VPN device.",
      examples: ['203.0.113.12'],
    }),
    bgpAsn: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 4294967294,
        description:
          "The customer's BGP ASN, 1-4294967294: required with routing bgp, rejected with static; not one of Amazon's own ASNs, not the vendor-side ASN.",
        examples: [65010],
      }),
    ),
    deviceName: Type.Optional(
      deviceName({
        minLength: 1,
        maxLength: 255,
        description:
          'Device name shown in AWS, 1-255 characters from letters, digits, space, `.`, `_`, `-`, `(`, `)`, starting with a letter or digit. Default: derived from id (`linkforge-<id>`), so no two customers share a customer gateway.',
      }),
    ),
  },
  { description: "The customer's VPN device.", additionalProperties: false },
);

export const siteToSiteVpnSchema = Type.Object(
  {
    type: tag('site-to-site-vpn', 'Selects site-to-site VPN.'),
    customerGateway: customerGatewaySchema,
    routing: Type.Optional(
      stringEnum(ROUTINGS, {
        default: 'bgp',
        description:
          'bgp (recommended: routes are exchanged dynamically) or static (routes come from cidrs).',
      }),
    ),
    cidrs: Type.Optional(
      cidrList(
        { maxItems: 100 },
        'A customer network.',
        '192.168.0.0/16',
        'Customer networks reached through the VPN, at most 100, canonical, no overlaps; required (at least one) with routing static.',
      ),
    ),
    tunnels: Type.Optional(
      integerEnum(TUNNEL_COUNTS, {
        default: 2,
        description: 'Number of tunnels: 2 (high availability) or 1 (a tunnel failure is an outage).',
      }),
    ),
    ikeVersion: Type.Optional(
      stringEnum(IKE_VERSIONS, { default: 'ikev2', description: 'IKE version of the tunnels.' }),
    ),
    allowedTcpPorts: Type.Optional(allowedTcpPorts),
    natGateway: Type.Optional(
      Type.Boolean({
        default: false,
        description: 'Add a NAT gateway for public egress of non-VPN traffic from the vendor VPC.',
      }),
    ),
    amazonSideAsn: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 4294967294,
        description: `Vendor-side (virtual private gateway) ASN: ${AMAZON_SIDE_ASN_TEXT}. Default: the platform setting defaultAmazonSideAsn (64512).`,
        examples: [64512],
      }),
    ),
    tunnelOptions: Type.Optional(tunnelOptionsSchema),
  },
  {
    description: "Site-to-site VPN between the vendor VPC and the customer's VPN device.",
    additionalProperties: false,
  },
) satisfies TObject;
