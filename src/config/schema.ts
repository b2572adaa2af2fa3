/**
 * THE schema of a customer file (format v1): the one source of the customer model. It is a
 * TypeBox value, so the same expression is the JSON Schema ajv compiles, the static type of a
 * document (`CustomerDocument` below, derived, never written by hand), and, through
 * `npm run generate`, schema/customer.schema.json (for editors, through the yaml-language-server
 * modeline) and docs/fields.md (from the `description`s). Each field also carries the guidance
 * its error messages give (`x-guide`, ./schema/fields.ts).
 *
 * Everything that needs arithmetic, platform settings or another field (canonical CIDRs, overlaps,
 * allowed regions, ASN conflicts, lifetimes relative to each other, ...) is a semantic rule in
 * ./rules, not here: a schema cannot say it, and the rules give better messages.
 *
 * Draft-07, because it is what editors support best. `discriminator` is ajv's (OpenAPI's) keyword:
 * with it ajv reports only the errors of the branch `connectivity.type` chose; editors ignore it.
 */
import { Type, asNode, stringEnum, type DocumentOf } from './schema/builder';
import { connectivitySchema, transitGatewaySchema, vpcPeeringSchema } from './schema/connectivity';
import { cidrBlock, customerId, uuid } from './schema/fields';
import { region } from './schema/shared';
import { siteToSiteVpnSchema } from './schema/vpn';

export { ID_PATTERN } from './schema/fields';
export { branchFor, isRecord } from './schema/walk';
export type { SchemaNode } from './schema/builder';

const SCHEMA_ID = 'urn:linkforge:schema:customer:v1';
export const GENERATED_MARKER = 'generated from src/config/schema.ts by npm run generate; do not edit';

/** The customer's commercial tier (the file's `plan` key: the key is the format's contract). */
export const TIERS = ['enterprise', 'team'] as const;
export const ADD_ONS = ['onprem-connectivity'] as const;

export const CUSTOMER_SCHEMA = Type.Object(
  {
    id: customerId({
      description:
        'Customer id: lowercase letters, digits and hyphens, 1-63 characters, starting and ending with a letter or digit. Equals the file name without .yaml. Immutable: it names the stack and its state.',
      examples: ['acme-corp'],
    }),
    name: Type.String({
      minLength: 1,
      maxLength: 128,
      description: 'Display name of the customer, 1-128 characters.',
      examples: ['Acme Corp'],
    }),
    orgId: uuid({
      description: "The customer's vendor organisation id, a UUID; unique across all customer files.",
      examples: ['6f1c2e4a-8d3b-4f7a-9c21-5e0b7d9a1f34'],
    }),
    plan: stringEnum(TIERS, {
      description:
        "The customer's plan. Site-to-site VPN needs enterprise, or team with the onprem-connectivity add-on.",
    }),
    addOns: Type.Optional(
      Type.Array(stringEnum(ADD_ONS, { description: 'An add-on the customer bought.' }), {
        uniqueItems: true,
        default: [],
        description: 'Add-ons the customer bought: onprem-connectivity (site-to-site VPN on the team plan).',
      }),
    ),
    region: Type.Optional(
      region(
        "AWS region of the vendor VPC; must be one of the platform's allowed regions. Required for site-to-site VPN and transit gateway (the transit gateway's region); for VPC peering it defaults to peer.region.",
      ),
    ),
    vendorCidr: Type.Optional(
      cidrBlock({
        description:
          'IPv4 CIDR of the vendor VPC, /16-/26, canonical, inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10. Split into four equal subnets. Default: the platform setting defaultVendorCidr (10.200.0.0/25).',
        examples: ['10.200.0.0/25'],
      }),
    ),
    decommission: Type.Optional(
      Type.Boolean({ default: false, description: "true plans the destruction of this customer's stack." }),
    ),
    connectivity: connectivitySchema,
  },
  {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: SCHEMA_ID,
    $comment: GENERATED_MARKER,
    title: 'linkforge customer file (format v1)',
    description: 'One customer of the private connectivity platform: customers/<id>.yaml.',
    additionalProperties: false,
  },
);

/** The customer schema as a plain node (what the error mapper and the generator walk). */
export const CUSTOMER_SCHEMA_NODE = asNode(CUSTOMER_SCHEMA);

/**
 * The customer document exactly as the schema allows it to be written: every optional field
 * optional, no defaults applied. Produced by the loader after the schema check passes.
 */
export type CustomerDocument = DocumentOf<typeof CUSTOMER_SCHEMA>;
export type VpcPeeringDocument = DocumentOf<typeof vpcPeeringSchema>;
export type SiteToSiteVpnDocument = DocumentOf<typeof siteToSiteVpnSchema>;
export type TransitGatewayDocument = DocumentOf<typeof transitGatewaySchema>;
export type TunnelOptionsDocument = NonNullable<SiteToSiteVpnDocument['tunnelOptions']>;
export type PhaseDocument = NonNullable<TunnelOptionsDocument['phase1']>;
