/**
 * Test customers built directly as typed `Customer` objects (defaults applied), independent of the
 * YAML loader: construct and stack tests exercise synthesis only.
 */
import type {
  Customer,
  LoadedCustomer,
  SiteToSiteVpnConnectivity,
  TransitGatewayConnectivity,
  VpcPeeringConnectivity,
} from '../../src/config/types';
import { DEFAULT_SETTINGS, type PlatformSettings, type S3BackendSettings } from '../../src/config/settings';

type Overrides<T> = { -readonly [K in keyof T]?: T[K] };

export function peeringCustomer(
  over: Overrides<Customer> = {},
  conn: Overrides<VpcPeeringConnectivity> = {},
): Customer {
  const connectivity: VpcPeeringConnectivity = {
    type: 'vpc-peering',
    peer: {
      accountId: '111122223333',
      vpcId: 'vpc-0a1b2c3d4e5f67890',
      region: 'eu-west-1',
      cidrs: ['172.31.0.0/16'],
    },
    routes: ['172.31.16.0/20'],
    allowedTcpPorts: [
      { from: 443, to: 443 },
      { from: 5432, to: 5433 },
    ],
    accepted: false,
    dnsResolution: true,
    ...conn,
  };
  return {
    id: 'acme-corp',
    name: 'Acme Corp',
    orgId: '6f1c2e4a-8d3b-4f7a-9c21-5e0b7d9a1f34',
    tier: 'enterprise',
    addOns: [],
    region: 'eu-west-1',
    vendorCidr: '10.200.0.0/25',
    decommission: false,
    connectivity,
    ...over,
  };
}

export function vpnCustomer(
  over: Overrides<Customer> = {},
  conn: Overrides<SiteToSiteVpnConnectivity> = {},
): Customer {
  const connectivity: SiteToSiteVpnConnectivity = {
    type: 'site-to-site-vpn',
    customerGateway: { ip: '198.51.100.7', bgpAsn: 65010, deviceName: 'linkforge-globex' },
    routing: 'bgp',
    cidrs: [],
    tunnels: 2,
    ikeVersion: 'ikev2',
    natGateway: true,
    amazonSideAsn: 64512,
    ...conn,
  };
  return {
    id: 'globex',
    name: 'Globex Inc',
    orgId: '0c9d8e7f-1a2b-4c3d-8e4f-5a6b7c8d9e0f',
    tier: 'team',
    addOns: ['onprem-connectivity'],
    region: 'us-east-1',
    vendorCidr: '10.200.0.0/25',
    decommission: false,
    connectivity,
    ...over,
  };
}

export function transitGatewayCustomer(
  over: Overrides<Customer> = {},
  conn: Overrides<TransitGatewayConnectivity> = {},
): Customer {
  const connectivity: TransitGatewayConnectivity = {
    type: 'transit-gateway',
    transitGateway: {
      id: 'tgw-0a1b2c3d4e5f67890',
      accountId: '444455556666',
      resourceShareArn:
        'arn:aws:ram:us-west-2:444455556666:resource-share/5f0c3a2e-9b1d-4e8f-a7c6-1d2e3f4a5b6c',
    },
    cidrs: ['10.0.0.0/12', '172.20.0.0/16'],
    allowedTcpPorts: [{ from: 443, to: 443 }],
    accepted: false,
    ...conn,
  };
  return {
    id: 'hooli',
    name: 'Hooli',
    orgId: '3b0f7c52-6a1e-4d9b-8f2c-7e5d4a3b2c1d',
    tier: 'team',
    addOns: [],
    region: 'us-west-2',
    vendorCidr: '10.200.0.0/25',
    decommission: false,
    connectivity,
    ...over,
  };
}

export function loaded(...customers: Customer[]): LoadedCustomer[] {
  return customers.map((customer) => ({ file: `customers/${customer.id}.yaml`, customer }));
}

export function settingsWith(over: Overrides<PlatformSettings> = {}): PlatformSettings {
  return { ...DEFAULT_SETTINGS, tags: { 'managed-by': 'linkforge', team: 'platform' }, ...over };
}

/** A varied fleet of `n` valid customers (every option appears), deterministic in `n`. */
export function fleet(n: number): Customer[] {
  return Array.from({ length: n }, (_, i) => {
    const id = `customer-${String(i).padStart(4, '0')}`;
    const orgId = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const vendorCidr = `10.${100 + (i % 100)}.${Math.floor(i / 100) * 4}.0/24`;
    switch (i % 4) {
      case 0:
        return peeringCustomer({ id, orgId, vendorCidr }, { accepted: i % 8 === 0 });
      case 1:
        return peeringCustomer(
          { id, orgId, vendorCidr, region: 'us-west-1' },
          { allowedTcpPorts: undefined, routes: ['172.31.0.0/16'], accepted: true, dnsResolution: false },
        );
      case 2:
        return vpnCustomer(
          { id, orgId, vendorCidr },
          { customerGateway: { ip: '198.51.100.7', bgpAsn: 65010 + i, deviceName: id } },
        );
      default:
        return vpnCustomer(
          { id, orgId, vendorCidr },
          {
            routing: 'static',
            cidrs: ['192.168.0.0/16', '10.50.0.0/16'],
            tunnels: 1,
            natGateway: false,
            customerGateway: { ip: '203.0.113.9', deviceName: id },
          },
        );
    }
  });
}

/** S3 backend settings (bucket `linkforge-state` in eu-west-1, key prefix `linkforge`) with overrides. */
export function s3Backend(over: Partial<S3BackendSettings> = {}): S3BackendSettings {
  return {
    type: 's3',
    bucket: 'linkforge-state',
    region: 'eu-west-1',
    keyPrefix: 'linkforge',
    encrypt: true,
    useLockfile: false,
    ...over,
  };
}
