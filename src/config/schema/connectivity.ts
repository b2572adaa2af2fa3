/**
 * `connectivity`: one branch per connectivity type, selected by `type`. VPC peering and transit
 * gateway are here; site-to-site VPN, with its tunnel options, in ./vpn.ts. A new offering is one
 * more branch in CONNECTIVITY_BRANCHES.
 */
import { Type, tag, taggedUnion } from './builder';
import { accountId, resourceShareArn, transitGatewayId, vpcId } from './fields';
import { allowedTcpPorts, cidr, cidrList, region } from './shared';
import { siteToSiteVpnSchema } from './vpn';

export const vpcPeeringSchema = Type.Object(
  {
    type: tag('vpc-peering', 'Selects VPC peering.'),
    peer: Type.Object(
      {
        accountId: accountId("The customer's AWS account id"),
        vpcId: vpcId({
          description: "The customer's VPC id: `vpc-` then 8 or 17 lowercase hex digits.",
          examples: ['vpc-0a1b2c3d4e5f67890'],
        }),
        region: region("AWS region of the customer's VPC."),
        cidrs: cidrList(
          { minItems: 1, maxItems: 50 },
          'A CIDR of the customer VPC.',
          '172.31.0.0/16',
          'Every IPv4 CIDR associated with the customer VPC (primary and secondary), 1-50, canonical, /16-/28, no overlaps with each other or with vendorCidr.',
        ),
      },
      { description: "The customer's side of the peering.", additionalProperties: false },
    ),
    routes: Type.Optional(
      cidrList(
        { minItems: 1 },
        'A destination inside one of peer.cidrs.',
        '172.31.16.0/20',
        'Destinations the vendor routes through the peering, each inside one of peer.cidrs. Default: all of peer.cidrs.',
      ),
    ),
    allowedTcpPorts: Type.Optional(allowedTcpPorts),
    accepted: Type.Optional(
      Type.Boolean({
        default: false,
        description: 'Set to true once the customer has accepted the peering request.',
      }),
    ),
    dnsResolution: Type.Optional(
      Type.Boolean({
        default: false,
        description:
          "Ask that the customer VPC's public DNS hostnames resolve to their private addresses from the vendor VPC. Only the customer (the accepter) can switch this on, in their account, once the peering is accepted: the stack sets no peering option, and the handoff lists it as the customer's step.",
      }),
    ),
  },
  {
    description: 'VPC peering between the vendor VPC and the customer VPC.',
    additionalProperties: false,
  },
);

export const transitGatewaySchema = Type.Object(
  {
    type: tag('transit-gateway', 'Selects transit gateway.'),
    transitGateway: Type.Object(
      {
        id: transitGatewayId({
          description: 'The transit gateway id: `tgw-` then 17 lowercase hex digits.',
          examples: ['tgw-0a1b2c3d4e5f67890'],
        }),
        accountId: accountId('The AWS account that owns the transit gateway'),
        resourceShareArn: resourceShareArn({
          description:
            'ARN of the AWS RAM resource share that shares the transit gateway with the vendor account: arn:aws:ram:<region>:<account>:resource-share/<uuid>, in `region` and owned by accountId.',
          examples: [
            'arn:aws:ram:us-west-2:444455556666:resource-share/5f0c3a2e-9b1d-4e8f-a7c6-1d2e3f4a5b6c',
          ],
        }),
      },
      {
        description:
          "The customer's transit gateway and the RAM share that gives the vendor account access to it.",
        additionalProperties: false,
      },
    ),
    cidrs: Type.Array(cidr('A customer network reached through the transit gateway.', '10.0.0.0/12'), {
      minItems: 1,
      maxItems: 50,
      description:
        'Customer networks the connectors reach through the transit gateway, 1-50, canonical, /8-/32, no overlaps with each other or with vendorCidr, outside 0.0.0.0/8, 127.0.0.0/8, 169.254.0.0/16 and 224.0.0.0/3.',
      examples: [['10.0.0.0/12', '172.20.0.0/16']],
    }),
    allowedTcpPorts: Type.Optional(allowedTcpPorts),
    accepted: Type.Optional(
      Type.Boolean({
        default: false,
        description:
          'Set to true once the customer has accepted the attachment. Routes to the transit gateway are created only then (AWS refuses them before).',
      }),
    ),
  },
  {
    description:
      "An attachment of the vendor VPC to the customer's AWS Transit Gateway, shared with the vendor through AWS RAM.",
    additionalProperties: false,
  },
);

/** The branches, in the order the schema, the docs and the messages list them. */
const CONNECTIVITY_BRANCHES = [vpcPeeringSchema, siteToSiteVpnSchema, transitGatewaySchema] as const;

export const connectivitySchema = taggedUnion(CONNECTIVITY_BRANCHES, {
  description: 'How the customer connects; type selects vpc-peering, site-to-site-vpn or transit-gateway.',
  tagDescription:
    "vpc-peering (the customer is on AWS), site-to-site-vpn (IPsec to any VPN device) or transit-gateway (the customer's AWS Transit Gateway, shared through AWS RAM).",
});
