/**
 * The output names handoff reads are the ones the stacks write: every example customer is
 * synthesized and its stack's `output` block must hold every name of the contract for its type
 * (COMMON output-name contract; tunnel 2 only with two tunnels).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadProject } from '../../src/config/load';
import { synthesize } from '../../src/stacks/synthesize';

const ROOT = path.resolve(__dirname, '../..');
const COMMON = ['vendor_cidr', 'vendor_vpc_id', 'vendor_region'];
const tunnel = (n: number) => [
  `tunnel${n}_outside_address`,
  `tunnel${n}_inside_cidr`,
  `tunnel${n}_customer_inside_address`,
  `tunnel${n}_aws_inside_address`,
];

test('every output the handoff reads is written by the stack of its type', () => {
  const loaded = loadProject({
    customersDir: path.join(ROOT, 'customers'),
    cdktfJson: path.join(ROOT, 'cdktf.json'),
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkforge-contract-'));
  try {
    const stacks = synthesize(loaded.customers, loaded.settings, {
      outdir: 'cdktf.out',
      offline: true,
      projectDir: dir,
    });
    expect(stacks.length).toBe(loaded.customers.length);
    for (const { customer } of loaded.customers) {
      const json = JSON.parse(
        fs.readFileSync(path.join(dir, 'cdktf.out', 'stacks', customer.id, 'cdk.tf.json'), 'utf8'),
      ) as { output?: Record<string, unknown> };
      const names = Object.keys(json.output ?? {});
      const c = customer.connectivity;
      const expected =
        c.type === 'vpc-peering'
          ? [...COMMON, 'vpc_peering_connection_id', 'peer_account_id', 'peer_vpc_id', 'peer_region']
          : c.type === 'site-to-site-vpn'
            ? [
                ...COMMON,
                'vpn_connection_id',
                'customer_gateway_id',
                'amazon_side_asn',
                'vpn_log_group_name',
                'preshared_key_secret_arn',
                ...(c.routing === 'bgp' ? ['customer_bgp_asn'] : []),
                ...tunnel(1),
                ...(c.tunnels === 2 ? tunnel(2) : []),
              ]
            : [...COMMON, 'transit_gateway_id', 'transit_gateway_attachment_id', 'resource_share_arn'];
      expect({ id: customer.id, missing: expected.filter((n) => !names.includes(n)) }).toEqual({
        id: customer.id,
        missing: [],
      });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
