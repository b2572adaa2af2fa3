/**
 * The benchmark baseline: the same customer files turned into stacks the way a new cdktf user
 * would write it from `cdktf init --template=typescript`: one `main.ts`, run by `npx ts-node`, that
 * parses every YAML file and builds one stack per customer with the package-root provider import.
 * There is no validation beyond the YAML parse, no schema, no diagnostics.
 *
 * It builds the same kinds of resources as linkforge's stacks so that synthesis and plans do
 * comparable work. Run by `npm run bench` (see docs/benchmarks.md); not part of the product.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Construct } from 'constructs';
import { App, TerraformOutput, TerraformStack } from 'cdktf';
import * as aws from '@cdktf/provider-aws';
import { parse } from 'yaml';

// Loose shapes: a hand-written app trusts its input.
interface Phase {
  lifetimeSeconds?: number;
  encryption?: string[];
  integrity?: string[];
  dhGroups?: number[];
}
interface CustomerFile {
  id: string;
  name: string;
  orgId: string;
  region?: string;
  vendorCidr?: string;
  connectivity: {
    type: 'vpc-peering' | 'site-to-site-vpn' | 'transit-gateway';
    transitGateway?: { id: string; accountId: string; resourceShareArn: string };
    peer?: { accountId: string; vpcId: string; region: string; cidrs: string[] };
    routes?: string[];
    allowedTcpPorts?: (number | string)[];
    accepted?: boolean;
    dnsResolution?: boolean;
    customerGateway?: { ip: string; bgpAsn?: number; deviceName?: string };
    routing?: 'bgp' | 'static';
    cidrs?: string[];
    tunnels?: number;
    ikeVersion?: string;
    natGateway?: boolean;
    amazonSideAsn?: number;
    tunnelOptions?: {
      insideCidrs?: string[];
      phase1?: Phase;
      phase2?: Phase;
      rekeyMarginSeconds?: number;
      dpdTimeoutSeconds?: number;
      dpdTimeoutAction?: string;
      startupAction?: string;
    };
  };
}

/** Splits a /n network into four /(n+2) subnets (private a, private b, public, spare). */
function quarters(cidr: string): string[] {
  const [ip, bits] = cidr.split('/');
  const base = ip.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
  const prefix = Number(bits) + 2;
  const size = 2 ** (32 - prefix);
  return [0, 1, 2, 3].map((i) => {
    const n = base + i * size;
    return `${[24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.')}/${prefix}`;
  });
}

class CustomerStack extends TerraformStack {
  constructor(scope: Construct, c: CustomerFile) {
    super(scope, c.id);
    const conn = c.connectivity;
    const region = c.region ?? conn.peer?.region ?? 'us-east-1';
    const offline = process.env.OFFLINE === '1';
    new aws.provider.AwsProvider(this, 'aws', {
      region,
      defaultTags: [{ tags: { customer: c.id, orgId: c.orgId, 'managed-by': 'plain-cdktf' } }],
      // The benchmark plans offline (no AWS account): placeholder credentials come from the
      // environment and these flags stop the provider from calling STS/IMDS to check them.
      ...(offline
        ? {
            skipCredentialsValidation: true,
            skipRequestingAccountId: true,
            skipMetadataApiCheck: 'true',
            skipRegionValidation: true,
          }
        : {}),
    });

    const subnets = quarters(c.vendorCidr ?? '10.200.0.0/25');
    const vpc = new aws.vpc.Vpc(this, 'vpc', {
      cidrBlock: c.vendorCidr ?? '10.200.0.0/25',
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: c.name },
    });
    const rt = new aws.routeTable.RouteTable(this, 'private', { vpcId: vpc.id });
    const subnetIds: string[] = [];
    ['a', 'b'].forEach((az, i) => {
      const subnet = new aws.subnet.Subnet(this, `private-${az}`, {
        vpcId: vpc.id,
        cidrBlock: subnets[i],
        availabilityZone: `${region}${az}`,
      });
      subnetIds.push(subnet.id);
      new aws.routeTableAssociation.RouteTableAssociation(this, `private-${az}-rt`, {
        subnetId: subnet.id,
        routeTableId: rt.id,
      });
    });

    if (conn.type === 'vpc-peering' && conn.peer) {
      const peering = new aws.vpcPeeringConnection.VpcPeeringConnection(this, 'peering', {
        vpcId: vpc.id,
        peerOwnerId: conn.peer.accountId,
        peerVpcId: conn.peer.vpcId,
        peerRegion: conn.peer.region,
        autoAccept: false,
      });
      const routes = conn.routes ?? conn.peer.cidrs;
      routes.forEach((cidr, i) => {
        new aws.route.Route(this, `peer-route-${i}`, {
          routeTableId: rt.id,
          destinationCidrBlock: cidr,
          vpcPeeringConnectionId: peering.id,
        });
      });
      const sg = new aws.securityGroup.SecurityGroup(this, 'connectors', {
        vpcId: vpc.id,
        description: 'connectors',
      });
      const ports = (conn.allowedTcpPorts ?? ['1-65535']).map((p) => String(p).split('-').map(Number));
      routes.forEach((cidr, i) => {
        ports.forEach(([from, to], j) => {
          new aws.vpcSecurityGroupEgressRule.VpcSecurityGroupEgressRule(this, `egress-${i}-${j}`, {
            securityGroupId: sg.id,
            cidrIpv4: cidr,
            ipProtocol: 'tcp',
            fromPort: from,
            toPort: to ?? from,
          });
        });
      });
      if (conn.accepted && conn.dnsResolution) {
        new aws.vpcPeeringConnectionOptions.VpcPeeringConnectionOptions(this, 'peering-options', {
          vpcPeeringConnectionId: peering.id,
          requester: { allowRemoteVpcDnsResolution: true },
        });
      }
      new TerraformOutput(this, 'peering_connection_id', { value: peering.id });
    } else if (conn.type === 'transit-gateway' && conn.transitGateway) {
      const accepter = new aws.ramResourceShareAccepter.RamResourceShareAccepter(this, 'share', {
        shareArn: conn.transitGateway.resourceShareArn,
      });
      const attachment = new aws.ec2TransitGatewayVpcAttachment.Ec2TransitGatewayVpcAttachment(this, 'tgw', {
        transitGatewayId: conn.transitGateway.id,
        vpcId: vpc.id,
        subnetIds,
        dependsOn: [accepter],
      });
      const cidrs = conn.cidrs ?? [];
      if (conn.accepted) {
        cidrs.forEach((cidr, i) => {
          new aws.route.Route(this, `tgw-route-${i}`, {
            routeTableId: rt.id,
            destinationCidrBlock: cidr,
            transitGatewayId: attachment.transitGatewayId,
          });
        });
      }
      const sg = new aws.securityGroup.SecurityGroup(this, 'connectors', {
        vpcId: vpc.id,
        description: 'connectors',
      });
      const ports = (conn.allowedTcpPorts ?? ['1-65535']).map((p) => String(p).split('-').map(Number));
      cidrs.forEach((cidr, i) => {
        ports.forEach(([from, to], j) => {
          new aws.vpcSecurityGroupEgressRule.VpcSecurityGroupEgressRule(this, `egress-${i}-${j}`, {
            securityGroupId: sg.id,
            cidrIpv4: cidr,
            ipProtocol: 'tcp',
            fromPort: from,
            toPort: to ?? from,
          });
        });
      });
      new TerraformOutput(this, 'transit_gateway_attachment_id', { value: attachment.id });
    } else if (conn.customerGateway) {
      const vgw = new aws.vpnGateway.VpnGateway(this, 'vgw', {
        amazonSideAsn: String(conn.amazonSideAsn ?? 64512),
      });
      new aws.vpnGatewayAttachment.VpnGatewayAttachment(this, 'vgw-attachment', {
        vpcId: vpc.id,
        vpnGatewayId: vgw.id,
      });
      const asn = conn.customerGateway.bgpAsn ?? 65000;
      const cgw = new aws.customerGateway.CustomerGateway(this, 'cgw', {
        ipAddress: conn.customerGateway.ip,
        type: 'ipsec.1',
        deviceName: conn.customerGateway.deviceName ?? `${c.id}-cgw`,
        ...(asn > 2147483647 ? { bgpAsnExtended: String(asn) } : { bgpAsn: String(asn) }),
      });
      const staticRouting = conn.routing === 'static';
      const t = conn.tunnelOptions ?? {};
      const tunnel = (n: 1 | 2): Record<string, unknown> => ({
        [`tunnel${n}IkeVersions`]: [conn.ikeVersion ?? 'ikev2'],
        [`tunnel${n}InsideCidr`]: t.insideCidrs?.[n - 1],
        [`tunnel${n}Phase1LifetimeSeconds`]: t.phase1?.lifetimeSeconds,
        [`tunnel${n}Phase1EncryptionAlgorithms`]: t.phase1?.encryption,
        [`tunnel${n}Phase1IntegrityAlgorithms`]: t.phase1?.integrity,
        [`tunnel${n}Phase1DhGroupNumbers`]: t.phase1?.dhGroups,
        [`tunnel${n}Phase2LifetimeSeconds`]: t.phase2?.lifetimeSeconds,
        [`tunnel${n}Phase2EncryptionAlgorithms`]: t.phase2?.encryption,
        [`tunnel${n}Phase2IntegrityAlgorithms`]: t.phase2?.integrity,
        [`tunnel${n}Phase2DhGroupNumbers`]: t.phase2?.dhGroups,
        [`tunnel${n}RekeyMarginTimeSeconds`]: t.rekeyMarginSeconds,
        [`tunnel${n}DpdTimeoutSeconds`]: t.dpdTimeoutSeconds,
        [`tunnel${n}DpdTimeoutAction`]: t.dpdTimeoutAction,
        [`tunnel${n}StartupAction`]: t.startupAction,
      });
      const vpn = new aws.vpnConnection.VpnConnection(this, 'vpn', {
        vpnGatewayId: vgw.id,
        customerGatewayId: cgw.id,
        type: 'ipsec.1',
        staticRoutesOnly: staticRouting,
        ...tunnel(1),
        ...tunnel(2),
      });
      (conn.cidrs ?? []).forEach((cidr, i) => {
        if (staticRouting) {
          new aws.vpnConnectionRoute.VpnConnectionRoute(this, `vpn-route-${i}`, {
            vpnConnectionId: vpn.id,
            destinationCidrBlock: cidr,
          });
        }
      });
      new aws.vpnGatewayRoutePropagation.VpnGatewayRoutePropagation(this, 'propagation', {
        vpnGatewayId: vgw.id,
        routeTableId: rt.id,
      });
      // AWS generates the pre-shared keys; keep them in Secrets Manager, never in the YAML.
      ([1, 2] as const).forEach((n) => {
        const secret = new aws.secretsmanagerSecret.SecretsmanagerSecret(this, `psk-${n}`, {
          name: `${c.id}/vpn/tunnel${n}-psk`,
        });
        new aws.secretsmanagerSecretVersion.SecretsmanagerSecretVersion(this, `psk-${n}-value`, {
          secretId: secret.id,
          secretString: n === 1 ? vpn.tunnel1PresharedKey : vpn.tunnel2PresharedKey,
        });
      });
      const tunnelAddresses = [vpn.tunnel1Address, vpn.tunnel2Address].slice(0, conn.tunnels ?? 2);
      tunnelAddresses.forEach((address, i) => {
        new aws.cloudwatchMetricAlarm.CloudwatchMetricAlarm(this, `tunnel-${i + 1}-down`, {
          alarmName: `${c.id}-tunnel-${i + 1}-down`,
          namespace: 'AWS/VPN',
          metricName: 'TunnelState',
          dimensions: { VpnId: vpn.id, TunnelIpAddress: address },
          statistic: 'Maximum',
          period: 300,
          evaluationPeriods: 1,
          threshold: 1,
          comparisonOperator: 'LessThanThreshold',
        });
      });
      if (conn.natGateway) {
        const igw = new aws.internetGateway.InternetGateway(this, 'igw', { vpcId: vpc.id });
        const publicSubnet = new aws.subnet.Subnet(this, 'public', {
          vpcId: vpc.id,
          cidrBlock: subnets[2],
          availabilityZone: `${region}a`,
        });
        const publicRt = new aws.routeTable.RouteTable(this, 'public-rt', { vpcId: vpc.id });
        new aws.route.Route(this, 'public-default', {
          routeTableId: publicRt.id,
          destinationCidrBlock: '0.0.0.0/0',
          gatewayId: igw.id,
        });
        new aws.routeTableAssociation.RouteTableAssociation(this, 'public-rt-assoc', {
          subnetId: publicSubnet.id,
          routeTableId: publicRt.id,
        });
        const eip = new aws.eip.Eip(this, 'nat-eip', { domain: 'vpc' });
        const nat = new aws.natGateway.NatGateway(this, 'nat', {
          allocationId: eip.id,
          subnetId: publicSubnet.id,
        });
        new aws.route.Route(this, 'private-default', {
          routeTableId: rt.id,
          destinationCidrBlock: '0.0.0.0/0',
          natGatewayId: nat.id,
        });
      }
      new TerraformOutput(this, 'vpn_connection_id', { value: vpn.id });
      new TerraformOutput(this, 'tunnel_addresses', { value: tunnelAddresses });
    }
    new TerraformOutput(this, 'vendor_cidr', { value: vpc.cidrBlock });
  }
}

const dir = process.env.CUSTOMERS_DIR ?? 'customers';
const app = new App();
for (const file of fs.readdirSync(dir).sort()) {
  if (!/\.ya?ml$/.test(file)) continue;
  const customer = parse(fs.readFileSync(path.join(dir, file), 'utf8')) as CustomerFile;
  new CustomerStack(app, customer);
}
app.synth();
