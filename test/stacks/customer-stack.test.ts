import fc from 'fast-check';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { Customer, PortRange } from '../../src/config/types';
import { OFFLINE_PROVIDER_FLAGS } from '../../src/stacks/customer-stack';
import { peeringCustomer, settingsWith, transitGatewayCustomer, vpnCustomer } from './customers';
import { addresses, ofType, resources, synthCustomer, valuesOfKey, type Json } from './synth-helpers';

const NAT_TYPES = ['aws_eip', 'aws_internet_gateway', 'aws_nat_gateway'];
const VPN_TYPES = [
  'aws_vpn_gateway',
  'aws_vpn_gateway_attachment',
  'aws_customer_gateway',
  'aws_vpn_connection',
  'aws_vpn_connection_route',
  'aws_vpn_gateway_route_propagation',
  'aws_cloudwatch_metric_alarm',
];
const PEERING_TYPES = [
  'aws_vpc_peering_connection',
  'aws_vpc_peering_connection_options',
  'aws_security_group',
  'aws_vpc_security_group_egress_rule',
];

const CONNECTOR_TYPES = ['aws_security_group', 'aws_vpc_security_group_egress_rule'];

const provider = (json: Json): Json => ((json.provider as Json).aws as Json[])[0];
const types = (json: Json) => Object.keys(resources(json));

/** Security invariants every stack must hold, whatever the customer file says. */
function expectSafe(json: Json): void {
  // No ingress anywhere: no inline rule in any security group, no ingress rule resource.
  expect(valuesOfKey(json, 'ingress').filter((v) => !(Array.isArray(v) && v.length === 0))).toEqual([]);
  expect(types(json)).not.toContain('aws_vpc_security_group_ingress_rule');
  expect(types(json)).not.toContain('aws_security_group_rule');
  // No 0.0.0.0/0 in any security group rule (the only 0.0.0.0/0 are the NAT default routes).
  for (const rule of Object.values(ofType(json, 'aws_vpc_security_group_egress_rule'))) {
    expect(rule.cidr_ipv4).not.toBe('0.0.0.0/0');
  }
  for (const [type, byName] of Object.entries(resources(json))) {
    for (const r of Object.values(byName)) {
      if (JSON.stringify(r).includes('0.0.0.0/0')) expect(type).toBe('aws_route');
    }
  }
  // Never auto-accept a peering.
  for (const p of Object.values(ofType(json, 'aws_vpc_peering_connection')))
    expect(p.auto_accept).toBe(false);
  // No pre-shared key, no credentials, no data source.
  for (const key of ['tunnel1_preshared_key', 'tunnel2_preshared_key', 'access_key', 'secret_key', 'token']) {
    expect(valuesOfKey(json, key)).toEqual([]);
  }
  expect(json.data).toBeUndefined();
  // Never the transit gateway owner's route-table arguments (the customer associates and propagates).
  for (const key of [
    'transit_gateway_default_route_table_association',
    'transit_gateway_default_route_table_propagation',
  ]) {
    expect(valuesOfKey(json, key)).toEqual([]);
  }
}

describe('CustomerStack: provider and tags', () => {
  it('configures the AWS provider for the vendor region with customer and platform default tags', () => {
    const { text } = synthCustomer(peeringCustomer({ region: 'eu-central-1' }));
    expect(text).toHaveProviderWithProperties(AwsProvider, {
      region: 'eu-central-1',
      default_tags: [
        {
          tags: {
            'customer-id': 'acme-corp',
            'org-id': '6f1c2e4a-8d3b-4f7a-9c21-5e0b7d9a1f34',
            'managed-by': 'linkforge',
            team: 'platform',
          },
        },
      ],
    });
  });

  it('keeps the customer tags even when platform tags try to override them', () => {
    const settings = settingsWith({ tags: { 'customer-id': 'spoofed', 'managed-by': 'someone', cost: 'x' } });
    const tags = (provider(synthCustomer(peeringCustomer(), settings).json).default_tags as Json[])[0].tags;
    expect(tags).toEqual({
      'customer-id': 'acme-corp',
      'org-id': '6f1c2e4a-8d3b-4f7a-9c21-5e0b7d9a1f34',
      'managed-by': 'linkforge',
      cost: 'x',
    });
  });

  it('has exactly one AWS provider, without alias, even for an inter-region peering', () => {
    const { json } = synthCustomer(peeringCustomer({ region: 'us-east-1' }));
    const providers = (json.provider as Json).aws as Json[];
    expect(providers).toHaveLength(1);
    expect(providers[0].alias).toBeUndefined();
    expect(Object.values(ofType(json, 'aws_vpc_peering_connection'))[0].peer_region).toBe('eu-west-1');
  });

  it('pins the provider by its full registry address and exact version', () => {
    const { json } = synthCustomer(vpnCustomer());
    const required = ((json.terraform as Json).required_providers as Json).aws;
    expect(required).toEqual({ source: 'hashicorp/aws', version: '5.100.0' });
  });

  it('takes availability zones from settings', () => {
    const settings = settingsWith({
      availabilityZones: { 'ap-northeast-1': ['ap-northeast-1a', 'ap-northeast-1c'] },
    });
    const { json } = synthCustomer(peeringCustomer({ region: 'ap-northeast-1' }), settings);
    const azs = Object.values(ofType(json, 'aws_subnet')).map((s) => s.availability_zone);
    expect(azs).toEqual(['ap-northeast-1a', 'ap-northeast-1c']);
  });

  it('offline: skips every AWS account check and writes no credentials', () => {
    const online = provider(synthCustomer(vpnCustomer()).json);
    expect(JSON.stringify(online)).not.toMatch(/skip_/);
    const offline = synthCustomer(vpnCustomer(), settingsWith(), { offline: true });
    expect(provider(offline.json)).toMatchObject({
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: 'true',
      skip_region_validation: true,
    });
    expect(Object.keys(OFFLINE_PROVIDER_FLAGS)).toHaveLength(4);
    expectSafe(offline.json);
  });
});

describe('CustomerStack: decommission', () => {
  it.each([
    ['vpc-peering', peeringCustomer({ decommission: true })],
    ['site-to-site-vpn', vpnCustomer({ decommission: true })],
  ])('%s: keeps provider and backend, declares nothing, so any plan or deploy destroys', (_t, customer) => {
    const { json } = synthCustomer(customer);
    expect(json.resource).toBeUndefined();
    expect(json.output).toBeUndefined();
    expect(provider(json).region).toBe(customer.region);
    expect(((json.terraform as Json).backend as Json).local).toBeDefined();
  });
});

describe('CustomerStack: VPC peering', () => {
  it('has the vendor VPC, the peering and its security group, and nothing of a VPN or NAT', () => {
    const { json } = synthCustomer(peeringCustomer());
    expect(types(json)).toEqual(
      expect.arrayContaining(['aws_vpc', 'aws_subnet', 'aws_vpc_peering_connection']),
    );
    for (const t of [...VPN_TYPES, ...NAT_TYPES]) expect(types(json)).not.toContain(t);
    expectSafe(json);
  });

  it('outputs exactly the peering output names of the contract (docs/stacks.md)', () => {
    const { json } = synthCustomer(peeringCustomer({ region: 'eu-central-1' }));
    const pcx = 'aws_vpc_peering_connection.vpc-peering_connection';
    const value = (v: unknown) => expect.objectContaining({ value: v });
    expect(json.output).toEqual({
      vendor_cidr: value('${aws_vpc.vendor-vpc_vpc.cidr_block}'),
      vendor_vpc_id: value('${aws_vpc.vendor-vpc_vpc.id}'),
      vendor_region: value('eu-central-1'),
      vpc_peering_connection_id: value(`\${${pcx}.id}`),
      peer_account_id: value(`\${${pcx}.peer_owner_id}`),
      peer_vpc_id: value(`\${${pcx}.peer_vpc_id}`),
      peer_region: value(`\${${pcx}.peer_region}`),
    });
  });

  it('has these Terraform addresses (a contract: see docs/stacks.md)', () => {
    const { json } = synthCustomer(peeringCustomer({}, { accepted: true, dnsResolution: true }));
    expect(addresses(json)).toEqual([
      'aws_cloudwatch_log_group.vendor-vpc_flow-log_log-group',
      'aws_default_security_group.vendor-vpc_default-security-group',
      'aws_flow_log.vendor-vpc_flow-log_flow-log',
      'aws_iam_role.vendor-vpc_flow-log_role',
      'aws_iam_role_policy.vendor-vpc_flow-log_role-policy',
      'aws_route.vpc-peering_route-172-31-16-0-20',
      'aws_route_table.vendor-vpc_private',
      'aws_route_table_association.vendor-vpc_private-a-route-table',
      'aws_route_table_association.vendor-vpc_private-b-route-table',
      'aws_security_group.vpc-peering_connector-security-group_security-group',
      'aws_subnet.vendor-vpc_private-a',
      'aws_subnet.vendor-vpc_private-b',
      'aws_vpc.vendor-vpc_vpc',
      'aws_vpc_peering_connection.vpc-peering_connection',
      'aws_vpc_security_group_egress_rule.vpc-peering_connector-security-group_egress-172-31-16-0-20-tcp-443',
      'aws_vpc_security_group_egress_rule.vpc-peering_connector-security-group_egress-172-31-16-0-20-tcp-5432-5433',
    ]);
  });

  it("never sets peering options, accepted or not: DNS resolution is the customer's step (spec v1.1)", () => {
    for (const accepted of [false, true]) {
      const { json } = synthCustomer(peeringCustomer({}, { accepted, dnsResolution: true }));
      expect(types(json)).not.toContain('aws_vpc_peering_connection_options');
    }
  });
});

describe('CustomerStack: site-to-site VPN', () => {
  it('has the vendor VPC, the VPN and, with natGateway, the NAT resources; nothing of a peering', () => {
    const { json } = synthCustomer(vpnCustomer({}, { natGateway: true }));
    expect(types(json)).toEqual(expect.arrayContaining([...NAT_TYPES, 'aws_vpn_connection']));
    for (const t of PEERING_TYPES.filter((t) => !CONNECTOR_TYPES.includes(t)))
      expect(types(json)).not.toContain(t);
    expectSafe(json);
  });

  it('gives the connectors an egress-only group to the customer cidrs x ports (spec v1.1)', () => {
    const { json } = synthCustomer(
      vpnCustomer({}, { cidrs: ['192.168.0.0/16'], allowedTcpPorts: [{ from: 443, to: 443 }] }),
    );
    expect(Object.values(ofType(json, 'aws_vpc_security_group_egress_rule'))).toEqual([
      expect.objectContaining({
        cidr_ipv4: '192.168.0.0/16',
        ip_protocol: 'tcp',
        from_port: 443,
        to_port: 443,
      }),
    ]);
    expectSafe(json);
  });

  it('with BGP and no cidrs the group allows the private ranges, all TCP', () => {
    const { json } = synthCustomer(vpnCustomer({}, { cidrs: [] }));
    const rules = Object.values(ofType(json, 'aws_vpc_security_group_egress_rule'));
    expect(rules.map((r) => String(r.cidr_ipv4)).sort()).toEqual([
      '10.0.0.0/8',
      '100.64.0.0/10',
      '172.16.0.0/12',
      '192.168.0.0/16',
    ]);
    for (const r of rules) expect(r).toMatchObject({ ip_protocol: 'tcp', from_port: 0, to_port: 65535 });
  });

  it('no NAT resources, public subnet or default route without natGateway', () => {
    const { json } = synthCustomer(vpnCustomer({}, { natGateway: false }));
    for (const t of NAT_TYPES) expect(types(json)).not.toContain(t);
    expect(Object.keys(ofType(json, 'aws_subnet'))).toEqual(['vendor-vpc_private-a', 'vendor-vpc_private-b']);
    expect(types(json)).not.toContain('aws_route');
    expect(JSON.stringify(json)).not.toContain('0.0.0.0/0');
    expect((json.output as Json).nat_public_ip).toBeUndefined();
  });

  it('outputs the connection id, the tunnel addresses and the Secrets Manager reference of the keys', () => {
    const vpn = 'aws_vpn_connection.site-to-site-vpn_vpn-connection';
    const two = synthCustomer(vpnCustomer({}, { tunnels: 2 })).json.output as Json;
    expect(two).toMatchObject({
      vpn_connection_id: { value: `\${${vpn}.id}` },
      tunnel_outside_addresses: { value: [`\${${vpn}.tunnel1_address}`, `\${${vpn}.tunnel2_address}`] },
      preshared_key_secret_arn: { value: `\${${vpn}.preshared_key_arn}` },
      vendor_cidr: { value: '${aws_vpc.vendor-vpc_vpc.cidr_block}' },
      nat_public_ip: { value: '${aws_eip.nat-gateway_eip.public_ip}' },
    });
    const one = synthCustomer(vpnCustomer({}, { tunnels: 1 })).json.output as Json;
    expect((one.tunnel_outside_addresses as Json).value).toEqual([`\${${vpn}.tunnel1_address}`]);
  });

  it('outputs what the customer device and the handoff need, per tunnel (contract: docs/stacks.md)', () => {
    const vpn = 'aws_vpn_connection.site-to-site-vpn_vpn-connection';
    const cgw = 'aws_customer_gateway.site-to-site-vpn_customer-gateway';
    const out = synthCustomer(vpnCustomer({}, { tunnels: 2, natGateway: true })).json.output as Json;
    expect(Object.keys(out).sort()).toEqual(
      [
        'vendor_cidr',
        'vendor_vpc_id',
        'vendor_region',
        'vpn_connection_id',
        'tunnel_outside_addresses',
        'preshared_key_secret_arn',
        'nat_public_ip',
        'customer_gateway_id',
        'amazon_side_asn',
        'customer_bgp_asn',
        'vpn_log_group_name',
        ...[1, 2].flatMap((n) =>
          ['outside_address', 'inside_cidr', 'customer_inside_address', 'aws_inside_address'].map(
            (k) => `tunnel${n}_${k}`,
          ),
        ),
      ].sort(),
    );
    expect(out).toMatchObject({
      customer_gateway_id: { value: `\${${cgw}.id}` },
      amazon_side_asn: { value: '${aws_vpn_gateway.site-to-site-vpn_vpn-gateway.amazon_side_asn}' },
      customer_bgp_asn: { value: `\${${cgw}.bgp_asn}` },
      vpn_log_group_name: { value: '${aws_cloudwatch_log_group.site-to-site-vpn_tunnel-log-group.name}' },
      tunnel2_outside_address: { value: `\${${vpn}.tunnel2_address}` },
      tunnel2_inside_cidr: { value: `\${${vpn}.tunnel2_inside_cidr}` },
      tunnel2_customer_inside_address: { value: `\${${vpn}.tunnel2_cgw_inside_address}` },
      tunnel2_aws_inside_address: { value: `\${${vpn}.tunnel2_vgw_inside_address}` },
    });
  });

  it('leaves tunnel 2 and the BGP ASN out when there is one tunnel and static routing', () => {
    const out = synthCustomer(
      vpnCustomer(
        {},
        {
          tunnels: 1,
          routing: 'static',
          cidrs: ['192.168.0.0/16'],
          customerGateway: { ip: '198.51.100.7', deviceName: 'g' },
        },
      ),
    ).json.output as Json;
    expect(Object.keys(out).filter((k) => k.startsWith('tunnel2_'))).toEqual([]);
    expect(out.tunnel1_customer_inside_address).toBeDefined();
    expect(out.customer_bgp_asn).toBeUndefined();
  });

  it('a 4-byte customer ASN is output from bgp_asn_extended', () => {
    const out = synthCustomer(
      vpnCustomer({}, { customerGateway: { ip: '198.51.100.7', bgpAsn: 4200000001, deviceName: 'g' } }),
    ).json.output as Json;
    expect(out.customer_bgp_asn).toMatchObject({
      value: '${aws_customer_gateway.site-to-site-vpn_customer-gateway.bgp_asn_extended}',
    });
  });

  it('has these Terraform addresses (a contract: see docs/stacks.md)', () => {
    const { json } = synthCustomer(
      vpnCustomer(
        {},
        {
          routing: 'static',
          cidrs: ['192.168.0.0/16'],
          customerGateway: { ip: '198.51.100.7', deviceName: 'globex' },
          natGateway: true,
        },
      ),
    );
    expect(addresses(json)).toEqual([
      'aws_cloudwatch_log_group.site-to-site-vpn_tunnel-log-group',
      'aws_cloudwatch_log_group.vendor-vpc_flow-log_log-group',
      'aws_cloudwatch_metric_alarm.site-to-site-vpn_tunnel-alarms_tunnel-1',
      'aws_cloudwatch_metric_alarm.site-to-site-vpn_tunnel-alarms_tunnel-2',
      'aws_customer_gateway.site-to-site-vpn_customer-gateway',
      'aws_default_security_group.vendor-vpc_default-security-group',
      'aws_eip.nat-gateway_eip',
      'aws_flow_log.vendor-vpc_flow-log_flow-log',
      'aws_iam_role.vendor-vpc_flow-log_role',
      'aws_iam_role_policy.vendor-vpc_flow-log_role-policy',
      'aws_internet_gateway.nat-gateway_internet-gateway',
      'aws_nat_gateway.nat-gateway_nat-gateway',
      'aws_route.nat-gateway_private-default-route',
      'aws_route.nat-gateway_public-default-route',
      'aws_route_table.nat-gateway_public-route-table',
      'aws_route_table.vendor-vpc_private',
      'aws_route_table_association.nat-gateway_public-subnet-route-table',
      'aws_route_table_association.vendor-vpc_private-a-route-table',
      'aws_route_table_association.vendor-vpc_private-b-route-table',
      'aws_security_group.site-to-site-vpn_connector-security-group_security-group',
      'aws_subnet.nat-gateway_public-subnet',
      'aws_subnet.vendor-vpc_private-a',
      'aws_subnet.vendor-vpc_private-b',
      'aws_vpc.vendor-vpc_vpc',
      'aws_vpc_security_group_egress_rule.site-to-site-vpn_connector-security-group_egress-192-168-0-0-16-all-tcp',
      'aws_vpn_connection.site-to-site-vpn_vpn-connection',
      'aws_vpn_connection_route.site-to-site-vpn_route-192-168-0-0-16',
      'aws_vpn_gateway.site-to-site-vpn_vpn-gateway',
      'aws_vpn_gateway_attachment.site-to-site-vpn_vpn-gateway-attachment',
      'aws_vpn_gateway_route_propagation.site-to-site-vpn_route-propagation',
    ]);
  });
});

const TGW_TYPES = ['aws_ram_resource_share_accepter', 'aws_ec2_transit_gateway_vpc_attachment'];

describe('CustomerStack: transit gateway', () => {
  it('has the vendor VPC, the share accepter, the attachment and the connector group; nothing of a peering, VPN or NAT', () => {
    const { json } = synthCustomer(transitGatewayCustomer());
    expect(types(json)).toEqual(
      expect.arrayContaining([
        ...TGW_TYPES,
        'aws_vpc',
        'aws_security_group',
        'aws_vpc_security_group_egress_rule',
      ]),
    );
    for (const t of [...VPN_TYPES, ...NAT_TYPES, 'aws_vpc_peering_connection'])
      expect(types(json)).not.toContain(t);
    // No route until accepted: the private route table holds only the local route.
    expect(types(json)).not.toContain('aws_route');
    expect((provider(json) as { region: string }).region).toBe('us-west-2');
    expectSafe(json);
  });

  it('outputs what the customer needs: transit gateway, attachment, share and vendor CIDR', () => {
    const { json } = synthCustomer(transitGatewayCustomer());
    expect(json.output).toEqual(
      expect.objectContaining({
        vendor_cidr: expect.objectContaining({ value: '${aws_vpc.vendor-vpc_vpc.cidr_block}' }),
        transit_gateway_id: expect.objectContaining({
          value: '${aws_ec2_transit_gateway_vpc_attachment.transit-gateway_attachment.transit_gateway_id}',
        }),
        transit_gateway_attachment_id: expect.objectContaining({
          value: '${aws_ec2_transit_gateway_vpc_attachment.transit-gateway_attachment.id}',
        }),
        resource_share_arn: expect.objectContaining({
          value: '${aws_ram_resource_share_accepter.transit-gateway_resource-share-accepter.share_arn}',
        }),
      }),
    );
  });

  it('has these Terraform addresses (a contract: see docs/stacks.md)', () => {
    const { json } = synthCustomer(transitGatewayCustomer({}, { accepted: true }));
    expect(addresses(json)).toEqual([
      'aws_cloudwatch_log_group.vendor-vpc_flow-log_log-group',
      'aws_default_security_group.vendor-vpc_default-security-group',
      'aws_ec2_transit_gateway_vpc_attachment.transit-gateway_attachment',
      'aws_flow_log.vendor-vpc_flow-log_flow-log',
      'aws_iam_role.vendor-vpc_flow-log_role',
      'aws_iam_role_policy.vendor-vpc_flow-log_role-policy',
      'aws_ram_resource_share_accepter.transit-gateway_resource-share-accepter',
      'aws_route.transit-gateway_route-10-0-0-0-12',
      'aws_route.transit-gateway_route-172-20-0-0-16',
      'aws_route_table.vendor-vpc_private',
      'aws_route_table_association.vendor-vpc_private-a-route-table',
      'aws_route_table_association.vendor-vpc_private-b-route-table',
      'aws_security_group.transit-gateway_connector-security-group_security-group',
      'aws_subnet.vendor-vpc_private-a',
      'aws_subnet.vendor-vpc_private-b',
      'aws_vpc.vendor-vpc_vpc',
      'aws_vpc_security_group_egress_rule.transit-gateway_connector-security-group_egress-10-0-0-0-12-tcp-443',
      'aws_vpc_security_group_egress_rule.transit-gateway_connector-security-group_egress-172-20-0-0-16-tcp-443',
    ]);
  });

  it('accepting adds exactly the routes and changes nothing else in the JSON', () => {
    const pending = resources(synthCustomer(transitGatewayCustomer()).json);
    const accepted = resources(synthCustomer(transitGatewayCustomer({}, { accepted: true })).json);
    const { aws_route: routes, ...rest } = accepted;
    expect(rest).toEqual(pending);
    expect(Object.keys(routes)).toHaveLength(2);
  });
});

describe('CustomerStack: invariants over generated customers (property)', () => {
  const cidr = fc
    .tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 255 }))
    .map(([a, b]) => `172.${16 + a}.${b}.0/24`);
  const ports = fc.option(
    fc.array(
      fc
        .tuple(fc.integer({ min: 1, max: 65535 }), fc.integer({ min: 0, max: 100 }))
        .map(([from, span]): PortRange => ({ from, to: Math.min(65535, from + span) })),
      { minLength: 1, maxLength: 3 },
    ),
    { nil: undefined },
  );
  const peering = fc
    .record({
      routes: fc.array(cidr, { minLength: 1, maxLength: 4 }),
      ports,
      accepted: fc.boolean(),
      dns: fc.boolean(),
    })
    .map(({ routes, ports: allowedTcpPorts, accepted, dns }): Customer =>
      peeringCustomer({}, { routes, allowedTcpPorts, accepted, dnsResolution: dns }),
    );
  const vpn = fc
    .record({
      static: fc.boolean(),
      asn: fc.integer({ min: 1, max: 4294967294 }),
      cidrs: fc.array(cidr, { minLength: 1, maxLength: 3 }),
      tunnels: fc.constantFrom(1 as const, 2 as const),
      nat: fc.boolean(),
      ike: fc.constantFrom('ikev1' as const, 'ikev2' as const),
    })
    .map((v): Customer =>
      vpnCustomer(
        {},
        {
          routing: v.static ? 'static' : 'bgp',
          customerGateway: { ip: '198.51.100.7', bgpAsn: v.static ? undefined : v.asn, deviceName: 'globex' },
          cidrs: v.cidrs,
          tunnels: v.tunnels,
          natGateway: v.nat,
          ikeVersion: v.ike,
        },
      ),
    );

  const tgw = fc
    .record({ cidrs: fc.array(cidr, { minLength: 1, maxLength: 4 }), ports, accepted: fc.boolean() })
    .map(({ cidrs, ports: allowedTcpPorts, accepted }): Customer =>
      transitGatewayCustomer({}, { cidrs, allowedTcpPorts, accepted }),
    );

  it('never ingress, never auto-accept, never a key or credential, never a data source', () => {
    fc.assert(
      fc.property(fc.oneof(peering, vpn, tgw), fc.boolean(), (customer, offline) => {
        expectSafe(synthCustomer(customer, settingsWith(), { offline }).json);
      }),
      { numRuns: 40 },
    );
  });
});

describe('CustomerStack: log and alarm settings', () => {
  const KMS = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
  const EU_TOPIC = 'arn:aws:sns:eu-west-1:123456789012:oncall';
  const US_TOPIC = 'arn:aws:sns:us-east-1:123456789012:oncall';
  const settings = settingsWith({
    logs: {
      retentionDays: 731,
      kmsKeyArns: { 'eu-west-1': KMS },
      flowLogDestination: { type: 'cloud-watch-logs' },
    },
    alarmTopicArns: [EU_TOPIC, US_TOPIC],
  });

  it("applies retention and the region's KMS key to both log groups, and the region's topics to the alarms", () => {
    const { json } = synthCustomer(vpnCustomer({ region: 'eu-west-1' }), settings);
    for (const group of Object.values(ofType(json, 'aws_cloudwatch_log_group')))
      expect(group).toMatchObject({ retention_in_days: 731, kms_key_id: KMS });
    const alarms = Object.values(ofType(json, 'aws_cloudwatch_metric_alarm'));
    expect(alarms).toHaveLength(2);
    for (const alarm of alarms)
      expect(alarm).toMatchObject({ alarm_actions: [EU_TOPIC], ok_actions: [EU_TOPIC] });
  });

  it('a region without a key or topic gets CloudWatch Logs encryption and alarms without actions', () => {
    const { json } = synthCustomer(vpnCustomer({ region: 'ap-southeast-2' }), settings);
    for (const group of Object.values(ofType(json, 'aws_cloudwatch_log_group')))
      expect(group.kms_key_id).toBeUndefined();
    for (const alarm of Object.values(ofType(json, 'aws_cloudwatch_metric_alarm')))
      expect(alarm.alarm_actions).toBeUndefined();
  });

  it('sends every flow log to the central bucket when the settings name one', () => {
    const s3 = settingsWith({
      logs: {
        retentionDays: 365,
        kmsKeyArns: {},
        flowLogDestination: { type: 's3', arn: 'arn:aws:s3:::flow-logs' },
      },
    });
    const { json } = synthCustomer(peeringCustomer(), s3);
    expect(Object.values(ofType(json, 'aws_flow_log'))).toEqual([
      expect.objectContaining({ log_destination_type: 's3', log_destination: 'arn:aws:s3:::flow-logs' }),
    ]);
    expect(types(json)).not.toContain('aws_iam_role');
  });
});
