/**
 * Builders for rule tests: a schema-valid customer document, the Customer the loader would derive
 * from it (through the real normalize step), and the RuleContext a rule receives.
 */
import { FleetIndex } from '../../../src/config/fleet-index';
import { normalize } from '../../../src/config/normalize';
import type {
  CustomerDocument,
  Finding,
  Rule,
  RuleContext,
  SiteToSiteVpnDocument,
  TransitGatewayDocument,
  VpcPeeringDocument,
} from '../../../src/config/rules/rule';
import { DEFAULT_SETTINGS, type PlatformSettings } from '../../../src/config/settings';
import type { LoadedCustomer } from '../../../src/config/types';

const BASE = {
  id: 'acme-corp',
  name: 'Acme Corp',
  orgId: '6f1c2e4a-8d3b-4f7a-9c21-5e0b7d9a1f34',
  plan: 'enterprise',
} as const;

const PEERING: VpcPeeringDocument = {
  type: 'vpc-peering',
  peer: {
    accountId: '111122223333',
    vpcId: 'vpc-0a1b2c3d4e5f67890',
    region: 'eu-west-1',
    cidrs: ['172.31.0.0/16'],
  },
};

const VPN: SiteToSiteVpnDocument = {
  type: 'site-to-site-vpn',
  customerGateway: { ip: '8.8.4.4', bgpAsn: 65010 },
};

const TGW: TransitGatewayDocument = {
  type: 'transit-gateway',
  transitGateway: {
    id: 'tgw-0a1b2c3d4e5f67890',
    accountId: '444455556666',
    resourceShareArn:
      'arn:aws:ram:us-west-2:444455556666:resource-share/5f0c3a2e-9b1d-4e8f-a7c6-1d2e3f4a5b6c',
  },
  cidrs: ['10.0.0.0/12', '172.20.0.0/16'],
};

type Top = Partial<Omit<CustomerDocument, 'connectivity'>>;

/** A valid peering document; `peer` changes merge into the default peer. */
export function peering(
  changes: Partial<Omit<VpcPeeringDocument, 'peer'>> & { peer?: Partial<VpcPeeringDocument['peer']> } = {},
  top: Top = {},
): CustomerDocument {
  const { peer, ...rest } = changes;
  return { ...BASE, ...top, connectivity: { ...PEERING, ...rest, peer: { ...PEERING.peer, ...peer } } };
}

/** A valid VPN document (region eu-west-1, BGP); `customerGateway` changes merge into the default. */
export function vpn(
  changes: Partial<Omit<SiteToSiteVpnDocument, 'customerGateway'>> & {
    customerGateway?: Partial<SiteToSiteVpnDocument['customerGateway']>;
  } = {},
  top: Top = { region: 'eu-west-1' },
): CustomerDocument {
  const { customerGateway, ...rest } = changes;
  return {
    ...BASE,
    ...top,
    connectivity: { ...VPN, ...rest, customerGateway: { ...VPN.customerGateway, ...customerGateway } },
  };
}

/** A valid transit-gateway document (region us-west-2); `transitGateway` changes merge into the default. */
export function transitGateway(
  changes: Partial<Omit<TransitGatewayDocument, 'transitGateway'>> & {
    transitGateway?: Partial<TransitGatewayDocument['transitGateway']>;
  } = {},
  top: Top = { region: 'us-west-2' },
): CustomerDocument {
  const { transitGateway: tg, ...rest } = changes;
  return {
    ...BASE,
    ...top,
    connectivity: { ...TGW, ...rest, transitGateway: { ...TGW.transitGateway, ...tg } },
  };
}

/** Remove a key (to test "left out" against "written"). */
export function without<T extends object, K extends keyof T>(obj: T, key: K): Omit<T, K> {
  const copy = { ...obj };
  delete copy[key];
  return copy;
}

export interface ContextOptions {
  readonly fileStem?: string;
  readonly file?: string;
  readonly others?: readonly LoadedCustomer[];
  readonly settings?: PlatformSettings;
}

export function context(document: CustomerDocument, opts: ContextOptions = {}): RuleContext {
  const settings = opts.settings ?? DEFAULT_SETTINGS;
  const customer = normalize(document, settings);
  const file = opts.file ?? `customers/${document.id}.yaml`;
  const others = opts.others ?? [];
  return {
    customer,
    document,
    fileStem: opts.fileStem ?? document.id,
    file,
    others,
    fleet: new FleetIndex([{ file, customer }, ...others]),
    settings,
  };
}

/** Another customer file, as cross-file rules see it. */
export function loaded(document: CustomerDocument, file = `customers/${document.id}.yaml`): LoadedCustomer {
  return { file, customer: normalize(document, DEFAULT_SETTINGS) };
}

export function run(rule: Rule, document: CustomerDocument, opts: ContextOptions = {}): Finding[] {
  const findings = rule.check(context(document, opts));
  // Every finding must use a code the rule declares (docs/diagnostics.md documents exactly those).
  for (const f of findings) expect(rule.codes).toContain(f.code);
  return findings;
}

/** The one finding a non-compliant case must produce. */
export function only(findings: readonly Finding[]): Finding {
  expect(findings).toHaveLength(1);
  return findings[0];
}
