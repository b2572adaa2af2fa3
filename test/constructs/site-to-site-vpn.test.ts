import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { CustomerGateway } from '@cdktf/provider-aws/lib/customer-gateway';
import { VpnConnection } from '@cdktf/provider-aws/lib/vpn-connection';
import { VpnConnectionRoute } from '@cdktf/provider-aws/lib/vpn-connection-route';
import { VpnGateway } from '@cdktf/provider-aws/lib/vpn-gateway';
import { VpnGatewayAttachment } from '@cdktf/provider-aws/lib/vpn-gateway-attachment';
import { VpnGatewayRoutePropagation } from '@cdktf/provider-aws/lib/vpn-gateway-route-propagation';
import {
  MAX_BGP_ASN,
  STATIC_ROUTING_CUSTOMER_GATEWAY_ASN,
  SiteToSiteVpn,
  customerGatewayAsn,
  type SiteToSiteVpnProps,
} from '../../src/constructs/site-to-site-vpn';
import { VendorVpc } from '../../src/constructs/vendor-vpc';
import { ofType, resources, synthScope, valuesOfKey, type Json } from '../stacks/synth-helpers';

function synth(props: Partial<Omit<SiteToSiteVpnProps, 'vpc'>> = {}): Json {
  return synthScope((scope) => {
    const vpc = new VendorVpc(scope, 'vendor-vpc', {
      cidr: '10.200.0.0/25',
      availabilityZones: ['us-east-1a', 'us-east-1b'],
      name: 'globex',
    });
    new SiteToSiteVpn(scope, 'site-to-site-vpn', {
      vpc,
      customerGateway: { ip: '198.51.100.7', bgpAsn: 65010, deviceName: 'globex-device' },
      amazonSideAsn: 64512,
      ...props,
    });
  });
}

const one = (json: Json, type: string): Json => {
  const all = Object.values(ofType(json, type));
  expect(all).toHaveLength(1);
  return all[0];
};

/** The tunnel log group (the VPC's flow log has one too), with its address. */
function tunnelLogGroup(json: Json): [string, Json] {
  const found = Object.entries(ofType(json, CloudwatchLogGroup.tfResourceType)).filter(([, g]) =>
    String(g.name).endsWith('/vpn-tunnels'),
  );
  expect(found).toHaveLength(1);
  return found[0];
}

describe('SiteToSiteVpn', () => {
  it('creates a virtual private gateway with the vendor-side ASN, attached to the VPC', () => {
    const json = synth({ amazonSideAsn: 4200000000 });
    expect(one(json, VpnGateway.tfResourceType)).toMatchObject({ amazon_side_asn: '4200000000' });
    expect(one(json, VpnGateway.tfResourceType).vpc_id).toBeUndefined();
    expect(one(json, VpnGatewayAttachment.tfResourceType)).toMatchObject({
      vpc_id: expect.stringMatching(/^\$\{aws_vpc\./),
      vpn_gateway_id: expect.stringMatching(/^\$\{aws_vpn_gateway\./),
    });
  });

  it('creates the customer gateway from the customer file', () => {
    expect(JSON.stringify(synth())).toHaveResourceWithProperties(CustomerGateway, {
      type: 'ipsec.1',
      ip_address: '198.51.100.7',
      bgp_asn: '65010',
      device_name: 'globex-device',
    });
  });

  it('creates a replacement customer gateway before deleting the old one (AWS refuses to delete one in use)', () => {
    expect(one(synth(), CustomerGateway.tfResourceType).lifecycle).toEqual({ create_before_destroy: true });
    // The connection itself is never replaced for a gateway change: customer_gateway_id updates in place.
    expect(one(synth(), VpnConnection.tfResourceType).lifecycle).toBeUndefined();
  });

  it.each([
    [65010, { bgpAsn: '65010' }],
    [MAX_BGP_ASN, { bgpAsn: '2147483647' }],
    [MAX_BGP_ASN + 1, { bgpAsnExtended: '2147483648' }],
    [4294967294, { bgpAsnExtended: '4294967294' }],
    [undefined, { bgpAsn: String(STATIC_ROUTING_CUSTOMER_GATEWAY_ASN) }],
  ])('ASN %s goes to %j', (asn, expected) => {
    expect(customerGatewayAsn(asn)).toEqual(expected);
  });

  it('uses bgp_asn_extended (and no bgp_asn) above 2147483647', () => {
    const cgw = one(
      synth({ customerGateway: { ip: '198.51.100.7', bgpAsn: 4200000001, deviceName: 'd' } }),
      CustomerGateway.tfResourceType,
    );
    expect(cgw.bgp_asn_extended).toBe('4200000001');
    expect(cgw.bgp_asn).toBeUndefined();
  });

  it('gives a static VPN customer gateway the ASN 65000 AWS requires', () => {
    const cgw = one(
      synth({
        routing: 'static',
        cidrs: ['192.168.0.0/16'],
        customerGateway: { ip: '198.51.100.7', deviceName: 'd' },
      }),
      CustomerGateway.tfResourceType,
    );
    expect(cgw.bgp_asn).toBe('65000');
  });

  it('bgp: dynamic routing, no static routes even when cidrs are listed', () => {
    const json = synth({ routing: 'bgp', cidrs: ['192.168.0.0/16'] });
    expect(one(json, VpnConnection.tfResourceType).static_routes_only).toBe(false);
    expect(ofType(json, VpnConnectionRoute.tfResourceType)).toEqual({});
  });

  it('static: one aws_vpn_connection_route per cidr', () => {
    const json = synth({
      routing: 'static',
      cidrs: ['192.168.0.0/16', '10.50.0.0/16', '192.168.0.0/16'],
      customerGateway: { ip: '198.51.100.7', deviceName: 'd' },
    });
    expect(one(json, VpnConnection.tfResourceType).static_routes_only).toBe(true);
    const routes = Object.values(ofType(json, VpnConnectionRoute.tfResourceType));
    expect(routes.map((r) => r.destination_cidr_block).sort()).toEqual(['10.50.0.0/16', '192.168.0.0/16']);
    for (const r of routes) expect(r.vpn_connection_id).toMatch(/^\$\{aws_vpn_connection\.[^.]+\.id\}$/);
  });

  it.each(['bgp', 'static'] as const)(
    '%s: propagates routes into the private route table once attached',
    (routing) => {
      const json = synth({ routing, cidrs: ['192.168.0.0/16'] });
      const propagation = one(json, VpnGatewayRoutePropagation.tfResourceType);
      const [table] = Object.keys(ofType(json, 'aws_route_table'));
      const [attachment] = Object.keys(ofType(json, VpnGatewayAttachment.tfResourceType));
      expect(propagation.route_table_id).toBe(`\${aws_route_table.${table}.id}`);
      expect(propagation.depends_on).toEqual([`aws_vpn_gateway_attachment.${attachment}`]);
    },
  );

  it('defaults to IKEv2 only on both tunnels and leaves the other tunnel options to AWS', () => {
    const vpn = one(synth(), VpnConnection.tfResourceType);
    expect(vpn.tunnel1_ike_versions).toEqual(['ikev2']);
    expect(vpn.tunnel2_ike_versions).toEqual(['ikev2']);
    const tunnelKeys = Object.keys(vpn).filter((k) => /^tunnel\d_/.test(k));
    expect(tunnelKeys.sort()).toEqual([
      'tunnel1_ike_versions',
      'tunnel1_log_options',
      'tunnel2_ike_versions',
      'tunnel2_log_options',
    ]);
  });

  it('logs both tunnels to a log group of the customer, kept 365 days by default', () => {
    const json = synth();
    const [address, group] = tunnelLogGroup(json);
    expect(group).toMatchObject({ name: '/linkforge/globex/vpn-tunnels', retention_in_days: 365 });
    expect(group.kms_key_id).toBeUndefined();
    const vpn = one(json, VpnConnection.tfResourceType);
    for (const n of [1, 2]) {
      expect(vpn[`tunnel${n}_log_options`]).toEqual({
        cloudwatch_log_options: {
          log_enabled: true,
          log_group_arn: `\${aws_cloudwatch_log_group.${address}.arn}`,
          log_output_format: 'json',
        },
      });
    }
  });

  it('applies the retention and KMS key it is given to the tunnel log group', () => {
    const kms = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const [, group] = tunnelLogGroup(synth({ logRetentionDays: 731, logKmsKeyArn: kms }));
    expect(group).toMatchObject({
      retention_in_days: 731,
      kms_key_id: kms,
    });
  });

  it('sends ALARM and OK of every tunnel alarm to the given topics, and has no actions without', () => {
    const topic = 'arn:aws:sns:us-east-1:123456789012:network-oncall';
    for (const alarm of Object.values(
      ofType(synth({ alarmActions: [topic] }), CloudwatchMetricAlarm.tfResourceType),
    )) {
      expect(alarm.alarm_actions).toEqual([topic]);
      expect(alarm.ok_actions).toEqual([topic]);
    }
    for (const alarm of Object.values(ofType(synth(), CloudwatchMetricAlarm.tfResourceType))) {
      expect(alarm.alarm_actions).toBeUndefined();
      expect(alarm.ok_actions).toBeUndefined();
    }
  });

  it('maps ikeVersion and every tunnel option to both tunnels', () => {
    const vpn = one(
      synth({
        ikeVersion: 'ikev1',
        tunnelOptions: {
          insideCidrs: ['169.254.10.0/30', '169.254.10.4/30'],
          phase1: {
            lifetimeSeconds: 28800,
            encryption: ['AES256', 'AES128'],
            integrity: ['SHA2-256'],
            dhGroups: [20, 14],
          },
          phase2: {
            lifetimeSeconds: 3600,
            encryption: ['AES256-GCM-16'],
            integrity: ['SHA2-512'],
            dhGroups: [5],
          },
          rekeyMarginSeconds: 270,
          dpdTimeoutSeconds: 40,
          dpdTimeoutAction: 'restart',
          startupAction: 'add',
        },
      }),
      VpnConnection.tfResourceType,
    );
    expect(vpn.tunnel1_inside_cidr).toBe('169.254.10.0/30');
    expect(vpn.tunnel2_inside_cidr).toBe('169.254.10.4/30');
    for (const t of ['tunnel1', 'tunnel2']) {
      expect(vpn).toMatchObject({
        [`${t}_ike_versions`]: ['ikev1'],
        [`${t}_phase1_lifetime_seconds`]: 28800,
        [`${t}_phase1_encryption_algorithms`]: ['AES128', 'AES256'],
        [`${t}_phase1_integrity_algorithms`]: ['SHA2-256'],
        [`${t}_phase1_dh_group_numbers`]: [14, 20],
        [`${t}_phase2_lifetime_seconds`]: 3600,
        [`${t}_phase2_encryption_algorithms`]: ['AES256-GCM-16'],
        [`${t}_phase2_integrity_algorithms`]: ['SHA2-512'],
        [`${t}_phase2_dh_group_numbers`]: [5],
        [`${t}_rekey_margin_time_seconds`]: 270,
        [`${t}_dpd_timeout_seconds`]: 40,
        [`${t}_dpd_timeout_action`]: 'restart',
        [`${t}_startup_action`]: 'add',
      });
    }
  });

  it('lets AWS generate the pre-shared keys into Secrets Manager; no key is ever in the JSON', () => {
    const json = synth({
      tunnelOptions: { insideCidrs: ['169.254.10.0/30', '169.254.10.4/30'], startupAction: 'start' },
    });
    expect(one(json, VpnConnection.tfResourceType).preshared_key_storage).toBe('SecretsManager');
    const keyValues = [
      ...valuesOfKey(json, 'tunnel1_preshared_key'),
      ...valuesOfKey(json, 'tunnel2_preshared_key'),
      ...valuesOfKey(json, 'secret_string'),
    ];
    expect(keyValues).toEqual([]);
    expect(Object.keys(resources(json)).filter((t) => t.startsWith('aws_secretsmanager'))).toEqual([]);
  });

  it.each([
    [2, ['tunnel1_address', 'tunnel2_address']],
    [1, ['tunnel1_address']],
  ] as const)('tunnels: %i gives one TunnelState alarm per configured tunnel', (tunnels, attrs) => {
    const alarms = Object.values(ofType(synth({ tunnels }), CloudwatchMetricAlarm.tfResourceType));
    expect(alarms).toHaveLength(tunnels);
    alarms.forEach((alarm, i) => {
      expect(alarm).toMatchObject({
        namespace: 'AWS/VPN',
        metric_name: 'TunnelState',
        comparison_operator: 'LessThanThreshold',
        threshold: 1,
      });
      expect((alarm.dimensions as Json).TunnelIpAddress).toMatch(
        new RegExp(`^\\$\\{aws_vpn_connection\\.[^.]+\\.${attrs[i]}\\}$`),
      );
    });
  });
});
