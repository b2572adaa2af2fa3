/**
 * The handoff renderer on fixtures: every offering in every state (not deployed, deployed with all
 * outputs, deployed by an older linkforge whose state lacks the new outputs, accepted, live expiry),
 * plus escaping of hostile values in Markdown, Mermaid and shell commands.
 */
import type { HandoffInput } from '../../src/handoff/document';
import { buildHandoff, vendorQuarters } from '../../src/handoff/model';
import { mermaidText, topologyDiagram } from '../../src/handoff/mermaid';
import { renderHandoffJson, renderHandoffMarkdown } from '../../src/handoff/render';
import { shellWord } from '../../src/handoff/text';
import type { StackOutputs } from '../../src/handoff/outputs';
import { peeringCustomer, transitGatewayCustomer, vpnCustomer } from '../stacks/customers';

const AZS = ['eu-west-1a', 'eu-west-1b'] as const;

const PEERING_OUTPUTS: StackOutputs = {
  vendor_cidr: '10.200.0.0/25',
  vendor_vpc_id: 'vpc-0e1f2a3b4c5d6e7f8',
  vendor_region: 'eu-west-1',
  vpc_peering_connection_id: 'pcx-0a9b8c7d6e5f40312',
  peer_account_id: '111122223333',
  peer_vpc_id: 'vpc-0a1b2c3d4e5f67890',
  peer_region: 'eu-west-1',
};

const VPN_OUTPUTS: StackOutputs = {
  vendor_cidr: '10.200.0.0/25',
  vendor_vpc_id: 'vpc-0b7c6d5e4f3a2b1c0',
  vpn_connection_id: 'vpn-0c1d2e3f4a5b6c7d8',
  customer_gateway_id: 'cgw-0d1e2f3a4b5c6d7e8',
  tunnel_outside_addresses: ['3.214.10.21', '52.1.77.140'],
  preshared_key_secret_arn:
    'arn:aws:secretsmanager:us-east-1:999988887777:secret:linkforge/globex/vpn-psk-AbCdEf',
  amazon_side_asn: '64512',
  customer_bgp_asn: '65010',
  tunnel1_outside_address: '3.214.10.21',
  tunnel1_inside_cidr: '169.254.44.8/30',
  tunnel1_customer_inside_address: '169.254.44.10',
  tunnel1_aws_inside_address: '169.254.44.9',
  tunnel2_outside_address: '52.1.77.140',
  tunnel2_inside_cidr: '169.254.91.196/30',
  tunnel2_customer_inside_address: '169.254.91.198',
  tunnel2_aws_inside_address: '169.254.91.197',
};

function render(input: Partial<HandoffInput> & Pick<HandoffInput, 'customer'>) {
  const h = buildHandoff({ file: `customers/${input.customer.id}.yaml`, availabilityZones: AZS, ...input });
  return { h, md: renderHandoffMarkdown(h), json: JSON.parse(renderHandoffJson(h)) };
}

const row = (h: ReturnType<typeof render>['h'], label: string) => h.values.find((r) => r.label === label);

describe('handoff: VPC peering', () => {
  test('not deployed: the connection id is pending, the document says what to confirm first', () => {
    const { h, md } = render({ customer: peeringCustomer() });
    expect(h.deployed).toBe(false);
    expect(row(h, 'Peering connection id')).toEqual({
      label: 'Peering connection id',
      pending: 'created by the deploy',
    });
    expect(row(h, 'Your account (accepter)')?.value).toBe('111122223333');
    expect(md).toContain('**Not deployed yet.**');
    expect(md).toMatch(/## Pending\n\n- The vendor has not deployed this connection yet/);
    expect(md).toContain('--vpc-peering-connection-id PEERING_CONNECTION_ID --region eu-west-1');
    expect(md).toContain('within 7 days');
    expect(h.platformSteps.map((s) => JSON.stringify(s)).join()).toContain('npx cdktf deploy acme-corp');
  });

  test('deployed, pending acceptance: exact id, accepter region, commands, routes, ports, DNS step', () => {
    const { h, md } = render({ customer: peeringCustomer(), outputs: PEERING_OUTPUTS });
    expect(h.deployed).toBe(true);
    expect(h.pending).toEqual([]);
    expect(md).not.toContain('## Pending');
    expect(md).toContain(
      'aws ec2 accept-vpc-peering-connection --vpc-peering-connection-id pcx-0a9b8c7d6e5f40312 --region eu-west-1',
    );
    expect(md).toContain(
      'aws ec2 create-route --route-table-id ROUTE_TABLE_ID --destination-cidr-block 10.200.0.0/25 --vpc-peering-connection-id pcx-0a9b8c7d6e5f40312',
    );
    // one security-group command per port range
    expect(md.match(/authorize-security-group-ingress/g)).toHaveLength(2);
    expect(md).toContain('FromPort=5432,ToPort=5433');
    // dnsResolution: true → the accepter-side DNS step and its command
    expect(md).toContain('AllowDnsResolutionFromRemoteVpc=true');
    const steps = h.steps.map((s) => s.title);
    expect(steps).toEqual([
      'Accept the peering request',
      'Route the vendor CIDR through the peering',
      "Allow the vendor's connectors in",
      'Turn on DNS resolution for your side of the peering',
      'Tell us',
    ]);
    expect(md).toContain('npm run status -- acme-corp');
  });

  test('live expiry from AWS is the deadline', () => {
    const { h, md } = render({
      customer: peeringCustomer(),
      outputs: PEERING_OUTPUTS,
      peering: { status: 'pending-acceptance', expiresAt: '2026-12-07T10:00:00.000Z' },
    });
    expect(row(h, 'Request expires')?.value).toBe('2026-12-07T10:00:00.000Z');
    expect(md).toContain('accepted by `2026-12-07T10:00:00.000Z`');
  });

  test('accepted: the accept step is done, no accept command, no DNS step without dnsResolution', () => {
    const { h, md } = render({
      customer: peeringCustomer({}, { accepted: true, dnsResolution: false }),
      outputs: PEERING_OUTPUTS,
    });
    expect(h.steps[0]).toMatchObject({ title: 'Accept the peering request', done: true });
    expect(md).not.toContain('accept-vpc-peering-connection');
    expect(md).not.toContain('AllowDnsResolutionFromRemoteVpc');
    expect(md).toContain('### Done Accept the peering request');
    expect(md).toContain('### 1. Route the vendor CIDR');
  });

  test('all ports when allowedTcpPorts is left out', () => {
    const { md } = render({
      customer: peeringCustomer({}, { allowedTcpPorts: undefined }),
      outputs: PEERING_OUTPUTS,
    });
    expect(md).toContain('on `all TCP ports`');
    expect(md).toContain('FromPort=0,ToPort=65535');
  });

  test('deployed by an older linkforge: missing outputs say to redeploy, file values still shown', () => {
    const { h, md } = render({
      customer: peeringCustomer(),
      outputs: { vendor_cidr: '10.200.0.0/25', vpc_peering_connection_id: 'pcx-0a9b8c7d6e5f40312' },
    });
    expect(row(h, 'Vendor VPC id')?.pending).toMatch(
      /not in the stack's outputs: run `cdktf deploy acme-corp`/,
    );
    expect(row(h, 'Your VPC')?.value).toBe('vpc-0a1b2c3d4e5f67890');
    expect(md).toContain('pcx-0a9b8c7d6e5f40312');
  });

  test('file and state disagree: a warning for the platform team', () => {
    const { h, md } = render({
      customer: peeringCustomer({ vendorCidr: '10.201.0.0/25' }),
      outputs: { ...PEERING_OUTPUTS, peer_vpc_id: 'vpc-0fffffffffffffff0' },
    });
    expect(h.warnings).toHaveLength(2);
    expect(md).toContain('> [!WARNING]');
    expect(md).toContain('`vpc-0fffffffffffffff0`');
  });
});

describe('handoff: site-to-site VPN', () => {
  test('deployed, BGP, two tunnels: every per-tunnel value and both ASNs', () => {
    const customer = vpnCustomer({}, { cidrs: ['192.168.0.0/16'] });
    const { h, md } = render({ customer, outputs: VPN_OUTPUTS });
    const [t1, t2] = h.tunnels!.tunnels;
    const val = (t: typeof t1, label: string) => t.rows.find((r) => r.label === label)?.value;
    expect(val(t1, 'Outside address (AWS endpoint)')).toBe('3.214.10.21');
    expect(val(t2, 'Outside address (AWS endpoint)')).toBe('52.1.77.140');
    expect(val(t1, 'Inside CIDR')).toBe('169.254.44.8/30');
    expect(val(t2, 'Your inside address')).toBe('169.254.91.198');
    expect(val(t2, 'AWS inside address')).toBe('169.254.91.197');
    expect(val(t1, 'Your BGP ASN')).toBe('65010');
    expect(val(t1, 'AWS BGP ASN')).toBe('64512');
    expect(md).toContain('| Outside address (AWS endpoint) | `3.214.10.21` | `52.1.77.140` |');
    expect(md).toContain('| DPD timeout action | `clear` | AWS default |');
    expect(md).toContain('| IKE version | `ikev2` | configured |');
    expect(md).toContain('### 3. Exchange routes over BGP');
  });

  test('the pre-shared keys and their secret are never in the customer document', () => {
    const { md, json } = render({ customer: vpnCustomer(), outputs: VPN_OUTPUTS });
    expect(md).not.toContain('secretsmanager');
    expect(md).not.toContain('vpn-psk');
    expect(md).toContain('they are deliberately not in this document');
    // the platform team's instructions carry the secret reference, outside the Markdown
    expect(JSON.stringify(json.platformSteps)).toContain('secret:linkforge/globex/vpn-psk-AbCdEf');
  });

  test('configured tunnel options are shown as configured, the rest as AWS defaults', () => {
    const customer = vpnCustomer(
      {},
      {
        routing: 'static',
        cidrs: ['10.60.0.0/16'],
        customerGateway: { ip: '80.158.47.11', deviceName: 'x' },
        tunnelOptions: {
          phase1: { encryption: ['AES256'], dhGroups: [14, 20] },
          dpdTimeoutAction: 'restart',
          startupAction: 'start',
        },
      },
    );
    const { h, md } = render({ customer, outputs: VPN_OUTPUTS });
    const p = Object.fromEntries(h.tunnels!.parameters.map((x) => [x.name, x]));
    expect(p['Phase 1 encryption']).toEqual({
      name: 'Phase 1 encryption',
      value: 'AES256',
      source: 'configured',
    });
    expect(p['Phase 1 DH groups'].value).toBe('14, 20');
    expect(p['Phase 1 lifetime']).toMatchObject({ value: '28800 s', source: 'aws-default' });
    expect(p['Phase 2 DH groups']).toMatchObject({
      value: '2, 5, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24',
    });
    expect(p['DPD timeout action']).toMatchObject({ value: 'restart', source: 'configured' });
    expect(md).toContain('AWS starts the IKE negotiation');
    // static: no ASN rows, a static route step with the customer's networks
    expect(md).not.toContain('BGP ASN');
    expect(md).toContain('### 3. Route the vendor CIDR through the tunnels');
    expect(md).toContain('`10.60.0.0/16`');
  });

  test('one tunnel: one column', () => {
    const { h, md } = render({ customer: vpnCustomer({}, { tunnels: 1 }), outputs: VPN_OUTPUTS });
    expect(h.tunnels!.tunnels.map((t) => t.number)).toEqual([1]);
    expect(md).toContain('| | Tunnel 1 |\n');
    expect(md).toContain('Configure the IPsec tunnel');
  });

  test('not deployed: tunnel values pending, inside CIDRs from the file when it sets them', () => {
    const customer = vpnCustomer(
      {},
      { tunnelOptions: { insideCidrs: ['169.254.10.0/30', '169.254.10.4/30'] } },
    );
    const { h, md } = render({ customer });
    const [t1] = h.tunnels!.tunnels;
    expect(t1.rows.find((r) => r.label === 'Outside address (AWS endpoint)')?.pending).toBe(
      'created by the deploy',
    );
    expect(t1.rows.find((r) => r.label === 'Inside CIDR')?.value).toBe('169.254.10.0/30');
    expect(md).toContain('UDP 500 and 4500');
    expect(md).toContain('_pending: created by the deploy_');
  });

  test('a stack deployed before the per-tunnel outputs: outside addresses from tunnel_outside_addresses', () => {
    const { h } = render({
      customer: vpnCustomer(),
      outputs: { vpn_connection_id: 'vpn-1', tunnel_outside_addresses: ['1.1.1.1', '2.2.2.2'] },
    });
    const [t1, t2] = h.tunnels!.tunnels;
    expect(t1.rows[0].value).toBe('1.1.1.1');
    expect(t2.rows[0].value).toBe('2.2.2.2');
    expect(t1.rows.find((r) => r.label === 'Your inside address')?.pending).toMatch(/cdktf deploy globex/);
    expect(h.pending).toHaveLength(1);
  });

  test('device configuration is rendered in a fence it cannot close', () => {
    const { md } = render({
      customer: vpnCustomer(),
      outputs: VPN_OUTPUTS,
      deviceConfiguration: { device: 'Cisco <b>ASA</b>', text: '```\n# [x](javascript:alert(1))' },
    });
    expect(md).toContain('## Sample configuration for Cisco \\<b\\>ASA\\</b\\>');
    expect(md).toContain('````\n```\n# [x](javascript:alert(1))\n````');
  });
});

describe('handoff: escaping', () => {
  const hostile = peeringCustomer(
    { name: 'Evil @team <img src=x> [link](http://x) | cell' },
    {
      peer: {
        accountId: '111122223333',
        vpcId: 'vpc-0a1b2c3d4e5f67890',
        region: 'eu-west-1"]\n  x[evil',
        cidrs: ['172.31.0.0/16'],
      },
    },
  );

  test('Markdown: names and values cannot become links, mentions, HTML or table breaks', () => {
    const { md } = render({
      customer: hostile,
      outputs: { ...PEERING_OUTPUTS, peer_region: "eu-west-1; rm -rf ~ '" },
    });
    // A zero-width space after `@` and `:`: a backslash alone does not stop GitHub's mention filter.
    expect(md).toContain('Evil \\@\u200bteam \\<img src=x\\> \\[link\\]\\(http\\:\u200b//x\\) \\| cell');
    expect(md).not.toMatch(/[^\\]<img/);
    // shell: a value is one quoted word
    expect(md).toContain(`--region 'eu-west-1; rm -rf ~ '\\''' `.trimEnd());
  });

  test('Mermaid: labels are entity-escaped, statements cannot be injected', () => {
    const { md } = render({ customer: hostile });
    const diagram = md.slice(md.indexOf('```mermaid'));
    expect(diagram).not.toContain('"]\n  x[evil');
    expect(diagram).toContain('#34;#93;');
    expect(mermaidText('a"b<c>#;')).toBe('a#34;b#60;c#62;#35;#59;');
  });

  test('shellWord quotes anything the shell would read', () => {
    expect(shellWord('pcx-0a9b8c7d6e5f40312')).toBe('pcx-0a9b8c7d6e5f40312');
    expect(shellWord('a b')).toBe("'a b'");
    expect(shellWord("it's")).toBe(`'it'\\''s'`);
    expect(shellWord('$(id)')).toBe("'$(id)'");
  });
});

describe('handoff: structure', () => {
  test('vendor subnets are the first two quarters of the vendor CIDR', () => {
    expect(vendorQuarters('10.200.0.0/25')).toEqual([
      '10.200.0.0/27',
      '10.200.0.32/27',
      '10.200.0.64/27',
      '10.200.0.96/27',
    ]);
    const { h } = render({ customer: peeringCustomer() });
    expect(h.topology.vendor.subnets).toEqual([
      { cidr: '10.200.0.0/27', zone: 'eu-west-1a' },
      { cidr: '10.200.0.32/27', zone: 'eu-west-1b' },
    ]);
    const diagram = topologyDiagram(h.topology);
    expect(diagram.split('\n')[0]).toBe('flowchart LR');
    expect(diagram).toContain('network1["172.31.16.0/20"]');
  });

  test('JSON carries the same content with plain sentences', () => {
    const { json } = render({ customer: peeringCustomer(), outputs: PEERING_OUTPUTS });
    expect(json).toMatchObject({ id: 'acme-corp', type: 'vpc-peering', deployed: true });
    expect(json.steps[0].commands[0]).toContain('pcx-0a9b8c7d6e5f40312');
    expect(typeof json.steps[0].text[0]).toBe('string');
  });

  test('deterministic: same input, same bytes', () => {
    const a = render({ customer: vpnCustomer(), outputs: VPN_OUTPUTS }).md;
    const b = render({ customer: vpnCustomer(), outputs: VPN_OUTPUTS }).md;
    expect(a).toBe(b);
  });
});

describe('handoff: transit gateway', () => {
  const tgw = (accepted: boolean) => transitGatewayCustomer({}, { accepted });
  const OUT = {
    transit_gateway_id: 'tgw-0a1b2c3d4e5f67890',
    transit_gateway_attachment_id: 'tgw-attach-07e6d5c4b3a291807',
  };

  test('before deploy: the share to create comes first, the attachment id is pending', () => {
    const { h, md } = render({ customer: tgw(false) });
    expect(h.steps[0].title).toBe('Share the transit gateway with the vendor');
    expect(md).toContain(
      'aws ram create-resource-share --name linkforge-hooli --resource-arns arn:aws:ec2:us-west-2:444455556666:transit-gateway/tgw-0a1b2c3d4e5f67890 --principals VENDOR_ACCOUNT_ID --region us-west-2',
    );
    expect(row(h, 'Transit gateway attachment id')?.pending).toBe('created by the deploy');
    expect(md).toContain('--transit-gateway-attachment-id TRANSIT_GATEWAY_ATTACHMENT_ID');
  });

  test('after deploy: accept, associate and propagate, route the vendor CIDR', () => {
    const { h, md } = render({ customer: tgw(false), outputs: OUT });
    expect(h.steps.map((s) => s.title)).toEqual([
      'Accept the attachment',
      'Associate and propagate in your transit gateway route table',
      'Route the vendor CIDR to the transit gateway',
      "Allow the vendor's connectors in",
      'Tell us',
    ]);
    expect(md).toContain(
      'aws ec2 accept-transit-gateway-vpc-attachment --transit-gateway-attachment-id tgw-attach-07e6d5c4b3a291807 --region us-west-2',
    );
    expect(md).toContain('enable-transit-gateway-route-table-propagation');
    expect(md).toContain('--destination-cidr-block 10.200.0.0/25 --transit-gateway-id tgw-0a1b2c3d4e5f67890');
  });

  test('accepted: the accept step is done; another transit gateway in the state is a warning', () => {
    const { h, md } = render({
      customer: tgw(true),
      outputs: { ...OUT, transit_gateway_id: 'tgw-0fffffffffffffff0' },
    });
    expect(h.steps[0]).toMatchObject({ title: 'Accept the attachment', done: true });
    expect(md).not.toContain('accept-transit-gateway-vpc-attachment');
    expect(h.warnings).toHaveLength(1);
  });
});
