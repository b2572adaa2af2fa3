/**
 * Reading a stack's outputs through real Terraform from a local state file. The state is made by
 * Terraform itself (a configuration of outputs only, applied into the customer's local backend
 * path): no AWS, no provider. Then `linkforge handoff` renders from it end to end.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { handoffCommand } from '../../src/cli/handoff';
import { DEFAULT_SETTINGS } from '../../src/config/settings';
import { MAX_OUTPUTS_BYTES, parseOutputsJson, readStackOutputs } from '../../src/handoff/outputs';
import { capture } from '../cli/capture';
import { describeWithTerraform, removeTempDirs, tempDir } from '../terraform/helpers';

const ROOT = path.resolve(__dirname, '../..');

/** Applies a configuration holding only `outputs` into `<projectDir>/state/<id>/terraform.tfstate`. */
function makeState(
  projectDir: string,
  id: string,
  outputs: Record<string, { value: unknown; sensitive?: boolean }>,
) {
  const dir = path.join(projectDir, `mk-${id}`);
  fs.mkdirSync(dir, { recursive: true });
  const statePath = path.join(projectDir, 'state', id, 'terraform.tfstate');
  fs.writeFileSync(
    path.join(dir, 'main.tf.json'),
    JSON.stringify({ terraform: { backend: { local: { path: statePath } } }, output: outputs }),
  );
  const env = { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
  for (const args of [
    ['init', '-input=false', '-no-color'],
    ['apply', '-auto-approve', '-input=false', '-no-color'],
  ]) {
    const r = spawnSync(process.env.LINKFORGE_TERRAFORM || 'terraform', args, {
      cwd: dir,
      env,
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`terraform ${args[0]} failed: ${r.stderr}${r.stdout}`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

function project(): string {
  const dir = tempDir('handoff');
  fs.copyFileSync(path.join(ROOT, 'cdktf.json'), path.join(dir, 'cdktf.json'));
  fs.mkdirSync(path.join(dir, 'customers'));
  for (const f of ['acme-corp.yaml', 'globex.yaml']) {
    fs.copyFileSync(path.join(ROOT, 'customers', f), path.join(dir, 'customers', f));
  }
  return dir;
}

afterAll(removeTempDirs);

test('parseOutputsJson drops sensitive and null outputs', () => {
  const text = JSON.stringify({
    a: { sensitive: false, type: 'string', value: 'x' },
    b: { sensitive: true, type: 'string', value: 'secret' },
    c: { sensitive: false, type: 'string', value: null },
  });
  expect(parseOutputsJson(text)).toEqual({ a: 'x' });
  expect(parseOutputsJson('')).toEqual({});
  expect(() => parseOutputsJson('[1]')).toThrow('did not print an object');
});

describeWithTerraform('handoff reads outputs through Terraform', () => {
  jest.setTimeout(120_000);

  test('outputs from a local state; sensitive ones never come back', async () => {
    const dir = project();
    makeState(dir, 'acme-corp', {
      vpc_peering_connection_id: { value: 'pcx-0a9b8c7d6e5f40312' },
      vendor_cidr: { value: '10.200.0.0/25' },
      tunnel_outside_addresses: { value: ['1.2.3.4', '5.6.7.8'] },
      leaked: { value: 'do-not-show', sensitive: true },
    });
    const reading = await readStackOutputs('acme-corp', DEFAULT_SETTINGS, { projectDir: dir });
    expect(reading).toEqual({
      kind: 'outputs',
      where: 'state/acme-corp/terraform.tfstate',
      outputs: {
        vpc_peering_connection_id: 'pcx-0a9b8c7d6e5f40312',
        vendor_cidr: '10.200.0.0/25',
        tunnel_outside_addresses: ['1.2.3.4', '5.6.7.8'],
      },
    });
  });

  test('no state: not deployed', async () => {
    const dir = project();
    expect(await readStackOutputs('globex', DEFAULT_SETTINGS, { projectDir: dir })).toEqual({
      kind: 'not-deployed',
      where: 'state/globex/terraform.tfstate',
    });
  });

  test('a corrupt state is an error value, not an exception', async () => {
    const dir = project();
    fs.mkdirSync(path.join(dir, 'state', 'globex'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'state', 'globex', 'terraform.tfstate'), '{not json');
    const reading = await readStackOutputs('globex', DEFAULT_SETTINGS, { projectDir: dir });
    expect(reading.kind).toBe('error');
  });

  test('linkforge handoff end to end: deployed peering, then a VPN not deployed yet', async () => {
    const dir = project();
    makeState(dir, 'acme-corp', {
      vpc_peering_connection_id: { value: 'pcx-0a9b8c7d6e5f40312' },
      vendor_cidr: { value: '10.200.0.0/25' },
      vendor_vpc_id: { value: 'vpc-0e1f2a3b4c5d6e7f8' },
    });
    const o = capture();
    expect(await handoffCommand({ id: 'acme-corp', projectDir: dir }, o)).toBe(0);
    const doc = fs.readFileSync(path.join(dir, 'cdktf.out/handoff/acme-corp.md'), 'utf8');
    expect(doc).toContain('--vpc-peering-connection-id pcx-0a9b8c7d6e5f40312 --region eu-west-1');
    expect(doc).toContain('`vpc-0e1f2a3b4c5d6e7f8`');
    expect(o.err).toContain('read 3 output(s)');
    expect(o.err).toContain('platform team: When npm run status -- acme-corp reports the peering active');

    const j = capture();
    expect(await handoffCommand({ id: 'globex', projectDir: dir, format: 'json' }, j)).toBe(0);
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'cdktf.out/handoff/globex.json'), 'utf8'));
    expect(json).toMatchObject({ id: 'globex', deployed: false });
    expect(json.tunnels.tunnels[0].rows[0]).toEqual({
      label: 'Outside address (AWS endpoint)',
      pending: 'created by the deploy',
    });
    // no temporary file left beside the document
    expect(fs.readdirSync(path.join(dir, 'cdktf.out/handoff')).sort()).toEqual([
      'acme-corp.md',
      'globex.json',
    ]);
  });

  test('unknown id and --device on a peering customer are errors', async () => {
    const dir = project();
    const o = capture();
    expect(await handoffCommand({ id: 'nope', projectDir: dir }, o)).toBe(1);
    expect(o.err).toContain("unknown customer id 'nope'");
    const d = capture();
    expect(await handoffCommand({ id: 'acme-corp', projectDir: dir, device: 'Cisco' }, d)).toBe(1);
    expect(d.err).toContain('--device applies to site-to-site VPN customers');
  });
});

describe('readStackOutputs: the output is capped', () => {
  /** A terraform stand-in: `init` succeeds, `output` prints `bytes` bytes of a JSON object. */
  function fakeTerraform(dir: string, bytes: number): string {
    const bin = path.join(dir, 'fake-terraform.sh');
    fs.writeFileSync(
      bin,
      '#!/bin/sh\n' +
        'case "$1" in\n' +
        '  init) exit 0 ;;\n' +
        `  output) printf '{"a":{"sensitive":false,"type":"string","value":"'; head -c ${bytes} /dev/zero | tr '\\0' x; printf '"}}' ;;\n` +
        'esac\n',
      { mode: 0o755 },
    );
    return bin;
  }

  it('reads outputs up to the cap, and refuses more without holding it all', async () => {
    const dir = project();
    const small = await readStackOutputs('acme-corp', DEFAULT_SETTINGS, {
      projectDir: dir,
      binary: fakeTerraform(dir, 1000),
    });
    expect(small.kind).toBe('outputs');
    const big = await readStackOutputs('acme-corp', DEFAULT_SETTINGS, {
      projectDir: dir,
      binary: fakeTerraform(dir, MAX_OUTPUTS_BYTES + 1),
    });
    expect(big).toMatchObject({
      kind: 'error',
      why: `terraform output -json failed: terraform output printed more than ${MAX_OUTPUTS_BYTES} bytes; stopped`,
    });
  });
});
