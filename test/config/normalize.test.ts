import { defaultDeviceName, normalize, parsePort } from '../../src/config/normalize';
import type { CustomerDocument } from '../../src/config/rules/rule';
import { DEFAULT_SETTINGS } from '../../src/config/settings';
import type { PlatformSettings } from '../../src/config/settings';
import type { SiteToSiteVpnConnectivity, VpcPeeringConnectivity } from '../../src/config/types';

const base = {
  id: 'acme-corp',
  name: 'Acme Corp',
  orgId: '6f1c2e4a-8d3b-4f7a-9c21-5e0b7d9a1f34',
  plan: 'enterprise',
} as const;

const peeringDoc: CustomerDocument = {
  ...base,
  connectivity: {
    type: 'vpc-peering',
    peer: {
      accountId: '111122223333',
      vpcId: 'vpc-1a2b3c4d',
      region: 'eu-west-1',
      cidrs: ['172.31.0.0/16', '10.9.0.0/16'],
    },
  },
};

const vpnDoc: CustomerDocument = {
  ...base,
  region: 'us-east-1',
  connectivity: { type: 'site-to-site-vpn', customerGateway: { ip: '62.210.17.44', bgpAsn: 65010 } },
};

const settings: PlatformSettings = {
  ...DEFAULT_SETTINGS,
  defaultVendorCidr: '10.222.0.0/24',
  defaultAmazonSideAsn: 64600,
};

describe('normalize: top-level defaults', () => {
  const c = normalize(peeringDoc, settings);

  it('defaults addOns to [], decommission to false, vendorCidr from settings', () => {
    expect(c.addOns).toEqual([]);
    expect(c.decommission).toBe(false);
    expect(c.vendorCidr).toBe('10.222.0.0/24');
  });

  it('takes the vendor region from peer.region when region is left out', () => {
    expect(c.region).toBe('eu-west-1');
    expect(normalize({ ...peeringDoc, region: 'us-west-2' }, settings).region).toBe('us-west-2');
  });

  it('keeps explicit values', () => {
    const explicit = normalize(
      { ...peeringDoc, addOns: ['onprem-connectivity'], decommission: true, vendorCidr: '10.1.0.0/16' },
      settings,
    );
    expect(explicit).toMatchObject({
      addOns: ['onprem-connectivity'],
      decommission: true,
      vendorCidr: '10.1.0.0/16',
    });
  });

  it('spells orgId in lower case (UUIDs are case-insensitive)', () => {
    expect(normalize({ ...peeringDoc, orgId: base.orgId.toUpperCase() }, settings).orgId).toBe(base.orgId);
  });
});

describe('normalize: vpc-peering defaults', () => {
  const p = normalize(peeringDoc, settings).connectivity as VpcPeeringConnectivity;

  it('routes to every peer CIDR, all TCP ports, not accepted, no DNS resolution', () => {
    expect(p.routes).toEqual(['172.31.0.0/16', '10.9.0.0/16']);
    expect(p.allowedTcpPorts).toBeUndefined();
    expect('allowedTcpPorts' in p).toBe(false);
    expect(p.accepted).toBe(false);
    expect(p.dnsResolution).toBe(false);
  });

  it('parses ports and ranges', () => {
    const doc: CustomerDocument = {
      ...peeringDoc,
      connectivity: {
        ...(peeringDoc.connectivity as object),
        allowedTcpPorts: [443, '5432-5433', '1-65535'],
      } as never,
    };
    const c = normalize(doc, settings).connectivity as VpcPeeringConnectivity;
    expect(c.allowedTcpPorts).toEqual([
      { from: 443, to: 443 },
      { from: 5432, to: 5433 },
      { from: 1, to: 65535 },
    ]);
    expect(parsePort('80-79')).toEqual({ from: 80, to: 79 }); // ordering is a rule's job, not normalize's
  });

  it('does not share arrays with the document', () => {
    expect(p.routes).not.toBe((peeringDoc.connectivity as { peer: { cidrs: unknown } }).peer.cidrs);
  });
});

describe('normalize: site-to-site-vpn defaults', () => {
  const v = normalize(vpnDoc, settings).connectivity as SiteToSiteVpnConnectivity;

  it('applies every VPN default', () => {
    expect(v).toEqual({
      type: 'site-to-site-vpn',
      customerGateway: { ip: '62.210.17.44', bgpAsn: 65010, deviceName: 'linkforge-acme-corp' },
      routing: 'bgp',
      cidrs: [],
      tunnels: 2,
      ikeVersion: 'ikev2',
      natGateway: false,
      amazonSideAsn: 64600,
    });
  });

  it('derives a distinct device name per customer id', () => {
    expect(defaultDeviceName('a')).not.toBe(defaultDeviceName('b'));
    expect(defaultDeviceName('globex')).toContain('globex');
  });

  it('keeps explicit values and copies only the tunnel options given', () => {
    const doc: CustomerDocument = {
      ...vpnDoc,
      connectivity: {
        type: 'site-to-site-vpn',
        customerGateway: { ip: '62.210.17.44', deviceName: 'edge-01' },
        routing: 'static',
        cidrs: ['10.60.0.0/16'],
        tunnels: 1,
        ikeVersion: 'ikev1',
        natGateway: true,
        amazonSideAsn: 4200000000,
        tunnelOptions: {
          insideCidrs: ['169.254.10.0/30', '169.254.10.4/30'],
          phase2: { lifetimeSeconds: 1800 },
        },
      },
    };
    const c = normalize(doc, settings).connectivity as SiteToSiteVpnConnectivity;
    expect(c).toEqual({
      type: 'site-to-site-vpn',
      customerGateway: { ip: '62.210.17.44', deviceName: 'edge-01' },
      routing: 'static',
      cidrs: ['10.60.0.0/16'],
      tunnels: 1,
      ikeVersion: 'ikev1',
      natGateway: true,
      amazonSideAsn: 4200000000,
      tunnelOptions: {
        insideCidrs: ['169.254.10.0/30', '169.254.10.4/30'],
        phase2: { lifetimeSeconds: 1800 },
      },
    });
    expect('bgpAsn' in c.customerGateway).toBe(false);
  });

  it('leaves region empty for a VPN without one (a rule reports it)', () => {
    expect(normalize({ ...vpnDoc, region: undefined }, settings).region).toBe('');
  });
});
