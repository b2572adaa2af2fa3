/**
 * `handoff --device` and `--live` through a mocked EC2 client: the device type lookup, the sample
 * configuration with every pre-shared key removed (in each format AWS's samples use), and the
 * request's exact expiry in the document.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  DescribeVpcPeeringConnectionsCommand,
  EC2Client,
  GetVpnConnectionDeviceSampleConfigurationCommand,
  GetVpnConnectionDeviceTypesCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { handoffCommand } from '../../src/cli/handoff';
import {
  chooseDeviceType,
  DeviceTypeError,
  REDACTED_KEY,
  redactPresharedKeys,
} from '../../src/handoff/device-configuration';
import { mdText } from '../../src/pr/markdown';
import { ec2Client } from '../../src/status/client';

const KEY = 'Xy7.kq_3LmN0pQ9rS2tU5vW8zA1bC4dE';

describe('redactPresharedKeys', () => {
  test.each([
    ['Cisco IOS keyring', `  pre-shared-key address 3.214.10.21 key ${KEY}`],
    ['Cisco ASA ikev1', ` ikev1 pre-shared-key ${KEY}`],
    ['Cisco ASA ikev2', ` ikev2 remote-authentication pre-shared-key ${KEY}`],
    ['Juniper', `set security ike policy ike-pol-vpn-1 pre-shared-key ascii-text "${KEY}"`],
    ['strongSwan', `62.210.17.44 3.214.10.21 : PSK "${KEY}"`],
    ['Fortinet', `    set psksecret ${KEY}`],
    ['Palo Alto XML', `<pre-shared-key><key>${KEY}</key></pre-shared-key>`],
    ['Palo Alto CLI', `set network ike gateway gw authentication pre-shared-key key ${KEY}`],
    ['generic text', `  - Pre-Shared Key           : ${KEY}`],
  ])('%s', (_name, line) => {
    const text = `! comment\n${line}\ncrypto isakmp policy 200\n  authentication pre-share\n`;
    const out = redactPresharedKeys(text);
    expect(out).not.toContain(KEY);
    expect(out).toContain(REDACTED_KEY);
    // lines without a key are untouched
    expect(out).toContain('crypto isakmp policy 200\n  authentication pre-share\n');
  });

  test('keeps the structure of the key line', () => {
    expect(redactPresharedKeys(`pre-shared-key address 3.214.10.21 key ${KEY}`)).toBe(
      `pre-shared-key address 3.214.10.21 key ${REDACTED_KEY}`,
    );
    expect(redactPresharedKeys(`a b : PSK "${KEY}"`)).toBe(`a b : PSK "${REDACTED_KEY}"`);
  });
});

describe('chooseDeviceType', () => {
  const types = [
    {
      VpnConnectionDeviceTypeId: '7125681a',
      Vendor: 'Cisco Systems, Inc.',
      Platform: 'ASA 5500 Series',
      Software: 'ASA 9.7+ VTI',
    },
    {
      VpnConnectionDeviceTypeId: '9005b6c1',
      Vendor: 'Cisco Systems, Inc.',
      Platform: 'CSRv AMI',
      Software: 'IOS 12.4+',
    },
    {
      VpnConnectionDeviceTypeId: 'ab2e5d0a',
      Vendor: 'Juniper Networks, Inc.',
      Platform: 'J-Series Routers',
      Software: 'JunOS 9.5+',
    },
  ];
  test('by id, or by unique words', () => {
    expect(chooseDeviceType(types, '9005b6c1').Platform).toBe('CSRv AMI');
    expect(chooseDeviceType(types, 'cisco asa').VpnConnectionDeviceTypeId).toBe('7125681a');
    expect(chooseDeviceType(types, 'Juniper').VpnConnectionDeviceTypeId).toBe('ab2e5d0a');
  });
  test('ambiguous or unknown: an error naming the candidates', () => {
    expect(() => chooseDeviceType(types, 'Cisco')).toThrow(DeviceTypeError);
    expect(() => chooseDeviceType(types, 'Cisco')).toThrow(
      /matches 2 device types, name one by id: 7125681a/,
    );
    expect(() => chooseDeviceType(types, 'Mikrotik')).toThrow(/no VPN device type matches 'Mikrotik'/);
  });
});

describe('handoff --device and --live (mocked EC2)', () => {
  const ec2 = mockClient(EC2Client);
  const ROOT = path.resolve(__dirname, '../..');
  let dir: string;
  beforeEach(() => {
    ec2.reset();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkforge-device-'));
    fs.copyFileSync(path.join(ROOT, 'cdktf.json'), path.join(dir, 'cdktf.json'));
    fs.mkdirSync(path.join(dir, 'customers'));
    for (const f of ['acme-corp.yaml', 'globex.yaml']) {
      fs.copyFileSync(path.join(ROOT, 'customers', f), path.join(dir, 'customers', f));
    }
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const quiet = { stdout: () => undefined, stderr: () => undefined };

  /** A local state with outputs, written as Terraform writes it (format 4). */
  function state(id: string, outputs: Record<string, string>) {
    const file = path.join(dir, 'state', id, 'terraform.tfstate');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const o = Object.fromEntries(Object.entries(outputs).map(([k, value]) => [k, { value, type: 'string' }]));
    fs.writeFileSync(
      file,
      JSON.stringify({
        version: 4,
        terraform_version: '1.11.4',
        serial: 1,
        lineage: 'x',
        outputs: o,
        resources: [],
        check_results: null,
      }),
    );
  }

  test('--device: the redacted sample configuration is in the document, the key is not', async () => {
    state('globex', { vpn_connection_id: 'vpn-0c1d2e3f4a5b6c7d8' });
    ec2.on(GetVpnConnectionDeviceTypesCommand).resolves({
      VpnConnectionDeviceTypes: [
        {
          VpnConnectionDeviceTypeId: '7125681a',
          Vendor: 'Cisco Systems, Inc.',
          Platform: 'ASA 5500 Series',
          Software: 'ASA 9.7+ VTI',
        },
      ],
    });
    ec2.on(GetVpnConnectionDeviceSampleConfigurationCommand).resolves({
      VpnConnectionDeviceSampleConfiguration: `crypto ikev2 policy 200\n tunnel-group 3.214.10.21 ipsec-attributes\n  ikev2 remote-authentication pre-shared-key ${KEY}\n`,
    });
    const code = await handoffCommand(
      { id: 'globex', projectDir: dir, device: 'ASA', clientFor: (r) => ec2Client(r) },
      quiet,
    );
    expect(code).toBe(0);
    const doc = fs.readFileSync(path.join(dir, 'cdktf.out/handoff/globex.md'), 'utf8');
    expect(doc).toContain(
      `## Sample configuration for ${mdText('Cisco Systems, Inc. ASA 5500 Series ASA 9.7+ VTI')}`,
    );
    expect(doc).toContain(`ikev2 remote-authentication pre-shared-key ${REDACTED_KEY}`);
    expect(doc).not.toContain(KEY);
    expect(ec2.commandCalls(GetVpnConnectionDeviceSampleConfigurationCommand)[0].args[0].input).toEqual({
      VpnConnectionId: 'vpn-0c1d2e3f4a5b6c7d8',
      VpnConnectionDeviceTypeId: '7125681a',
      InternetKeyExchangeVersion: 'ikev2',
    });
  }, 60_000);

  test('--device before deploy, or AWS refusing: exit 1 with the reason, no document', async () => {
    const err: string[] = [];
    const o = { stdout: () => undefined, stderr: (s: string) => void err.push(s) };
    expect(
      await handoffCommand(
        { id: 'globex', projectDir: dir, device: 'ASA', clientFor: (r) => ec2Client(r) },
        o,
      ),
    ).toBe(1);
    expect(err.join('')).toContain('--device needs the deployed VPN connection');
    state('globex', { vpn_connection_id: 'vpn-1' });
    ec2
      .on(GetVpnConnectionDeviceTypesCommand)
      .rejects(Object.assign(new Error('denied'), { name: 'UnauthorizedOperation' }));
    expect(
      await handoffCommand(
        { id: 'globex', projectDir: dir, device: 'ASA', clientFor: (r) => ec2Client(r) },
        o,
      ),
    ).toBe(1);
    expect(err.join('')).toContain('AWS refused: UnauthorizedOperation: denied');
    expect(fs.existsSync(path.join(dir, 'cdktf.out/handoff/globex.md'))).toBe(false);
  }, 60_000);

  test('--live: the exact expiry from AWS is the deadline', async () => {
    state('acme-corp', { vpc_peering_connection_id: 'pcx-0a9b8c7d6e5f40312' });
    ec2.on(DescribeVpcPeeringConnectionsCommand).resolves({
      VpcPeeringConnections: [
        {
          VpcPeeringConnectionId: 'pcx-0a9b8c7d6e5f40312',
          Status: { Code: 'pending-acceptance' },
          ExpirationTime: new Date('2026-12-07T10:00:00.000Z'),
        },
      ],
    });
    expect(
      await handoffCommand(
        { id: 'acme-corp', projectDir: dir, live: true, clientFor: (r) => ec2Client(r) },
        quiet,
      ),
    ).toBe(0);
    const doc = fs.readFileSync(path.join(dir, 'cdktf.out/handoff/acme-corp.md'), 'utf8');
    expect(doc).toContain('accepted by `2026-12-07T10:00:00.000Z`');
    expect(ec2.commandCalls(DescribeVpcPeeringConnectionsCommand)[0].args[0].input).toEqual({
      VpcPeeringConnectionIds: ['pcx-0a9b8c7d6e5f40312'],
    });
  }, 60_000);
});
