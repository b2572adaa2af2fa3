import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../../src/cli/synth';

const PEERING = `id: acme-corp
name: Acme Corp
orgId: 6f1c2e4a-8d3b-4f7a-9c21-5e0b7d9a1f34
plan: enterprise
region: eu-west-1
connectivity:
  type: vpc-peering
  peer:
    accountId: "111122223333"
    vpcId: vpc-0a1b2c3d4e5f67890
    region: eu-west-1
    cidrs: [172.31.0.0/16]
`;

const VPN = `id: globex
name: Globex Inc
orgId: 0c9d8e7f-1a2b-4c3d-8e4f-5a6b7c8d9e0f
plan: enterprise
region: us-east-1
decommission: true
connectivity:
  type: site-to-site-vpn
  customerGateway:
    ip: 80.158.47.11
    bgpAsn: 65010
`;

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (s: string) => (out.stdout += s), stderr: (s: string) => (out.stderr += s) } };
}

describe('linkforge synth', () => {
  let dir: string;
  let customers: string;
  let outdir: string;
  const write = (name: string, text: string) => fs.writeFileSync(path.join(customers, name), text);
  const stackFile = (id: string) => path.join(outdir, 'stacks', id, 'cdk.tf.json');

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkforge-synth-cli-'));
    customers = path.join(dir, 'customers');
    outdir = path.join(dir, 'out');
    fs.mkdirSync(customers);
    write('acme-corp.yaml', PEERING);
    write('globex.yaml', VPN);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('validates, then writes every stack and prints one line per stack', async () => {
    const { out, io } = capture();
    expect(await run(['--customers', customers, '--outdir', outdir], io)).toBe(0);
    expect(out.stdout.split('\n').filter(Boolean)).toEqual([
      `${outdir}/stacks/acme-corp/cdk.tf.json (vpc-peering)`,
      `${outdir}/stacks/globex/cdk.tf.json (site-to-site-vpn, decommission: plans its destruction)`,
    ]);
    expect(out.stderr).toMatch(/^2 stacks synthesized in \d+ ms\n$/);
    expect(fs.existsSync(stackFile('acme-corp'))).toBe(true);
    expect(fs.existsSync(stackFile('globex'))).toBe(true);
  });

  it('with ids: writes only those', async () => {
    const { out, io } = capture();
    expect(await run(['--customers', customers, '--outdir', outdir, 'globex'], io)).toBe(0);
    expect(out.stdout).toContain('stacks/globex/cdk.tf.json');
    expect(fs.existsSync(stackFile('acme-corp'))).toBe(false);
  });

  it('--offline: local offline state and the offline provider flags', async () => {
    const { io } = capture();
    expect(await run(['--customers', customers, '--outdir', outdir, '--offline', 'acme-corp'], io)).toBe(0);
    const json = JSON.parse(fs.readFileSync(stackFile('acme-corp'), 'utf8'));
    expect(json.terraform.backend.local.path).toMatch(
      /\.linkforge\/offline-state\/acme-corp\/terraform\.tfstate$/,
    );
    expect(json.provider.aws[0].skip_credentials_validation).toBe(true);
  });

  it('an unknown id exits 1 with a suggestion and writes nothing', async () => {
    const { out, io } = capture();
    expect(await run(['--customers', customers, '--outdir', outdir, 'globx'], io)).toBe(1);
    expect(out.stderr).toContain(`unknown customer id 'globx'`);
    expect(out.stderr).toContain(`did you mean 'globex'?`);
    expect(fs.existsSync(outdir)).toBe(false);
  });

  it('any validation error exits 1, prints the diagnostics, and leaves the earlier output as it was', async () => {
    expect(await run(['--customers', customers, '--outdir', outdir], capture().io)).toBe(0);
    const before = fs.readFileSync(stackFile('acme-corp'), 'utf8');
    const beforeGlobex = fs.readFileSync(stackFile('globex'), 'utf8');
    write('acme-corp.yaml', PEERING.replace('vpc-0a1b2c3d4e5f67890', 'vpc-XYZ'));
    write('globex.yaml', VPN.replace('65010', '65011'));
    const { out, io } = capture();
    expect(await run(['--customers', customers, '--outdir', outdir], io)).toBe(1);
    expect(out.stderr).toMatch(/acme-corp\.yaml:\d+:\d+: error [A-Z_]+: connectivity\.peer\.vpcId/);
    expect(out.stderr).toContain('nothing synthesized');
    expect(out.stdout).toBe('');
    expect(fs.readFileSync(stackFile('acme-corp'), 'utf8')).toBe(before);
    expect(fs.readFileSync(stackFile('globex'), 'utf8')).toBe(beforeGlobex);
  });

  it('rejects an unknown option with the usage', async () => {
    const { out, io } = capture();
    expect(await run(['--nope'], io)).toBe(1);
    expect(out.stderr).toContain('usage: linkforge synth');
  });
});
