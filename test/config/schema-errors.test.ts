import { checkSources } from '../../src/config/load';
import { formatText } from '../../src/config/diagnostics';
import { decodePointer } from '../../src/config/schema-errors';
import { CUSTOMER_SCHEMA } from '../../src/config/schema';
import type { SchemaNode } from '../../src/config/schema';
import { DEFAULT_SETTINGS } from '../../src/config/settings';
import { peeringYaml } from './yaml-docs';

const VPN = `id: t
name: T
orgId: 6f1c2e4a-8d3b-4f7a-9c21-5e0b7d9a1f34
plan: enterprise
region: us-east-1
connectivity:
  type: site-to-site-vpn
  customerGateway:
    ip: 62.210.17.44
    bgpAsn: 65010
`;

const PEERING = peeringYaml('t');

function errors(text: string) {
  const r = checkSources([{ path: 't.yaml', text }], DEFAULT_SETTINGS);
  return r.diagnostics.filter((d) => d.severity === 'error');
}

describe('schema error mapping', () => {
  it('accepts the base documents', () => {
    expect(errors(VPN).map(formatText)).toEqual([]);
    expect(errors(PEERING).map(formatText)).toEqual([]);
  });

  it('says how to write a number given as a string', () => {
    const [d] = errors(`${VPN}  tunnels: "2"\n`);
    expect(formatText(d)).toBe(
      't.yaml:11:12: error WRONG_TYPE: connectivity.tunnels "2" is a string; expected the number 2 or 1: write tunnels: 2',
    );
  });

  it('tells to quote an unquoted account id and warns about dropped leading zeros', () => {
    const [d] = errors(PEERING.replace("'111122223333'", '11122223333'));
    expect(d).toMatchObject({ code: 'WRONG_TYPE', path: 'connectivity.peer.accountId', line: 8, column: 16 });
    expect(d.message).toContain('accountId: "011122223333"');
    expect(d.message).toMatch(/leading zeros/);
  });

  it('keeps the digits as written when quoting an account id', () => {
    const [d] = errors(PEERING.replace("'111122223333'", '011122223333'));
    expect(d.message).toContain('accountId: "011122223333"');
  });

  it('maps yes/no strings to the boolean to write', () => {
    expect(errors(`${VPN}  natGateway: "yes"\n`)[0].message).toMatch(/write natGateway: true$/);
    expect(errors(`${VPN}  natGateway: off\n`)[0].message).toMatch(/write natGateway: false$/);
  });

  it('treats enums as case-sensitive and suggests the near miss', () => {
    const [d] = errors(`${VPN}  ikeVersion: IKEv2\n`);
    expect(d).toMatchObject({ code: 'INVALID_VALUE', line: 11, column: 15 });
    expect(d.message).toMatch(/did you mean ikev2\?$/);
  });

  it('points an unknown key at the key, with a did-you-mean', () => {
    const [d] = errors(PEERING.replace('    vpcId:', '    vpcId: vpc-0a1b2c3d\n    vpcid:'));
    expect(d).toMatchObject({ code: 'UNKNOWN_KEY', path: 'connectivity.peer.vpcid', line: 10, column: 5 });
    expect(d.message).toMatch(/did you mean vpcId\?/);
  });

  it('points a missing key at its parent key', () => {
    const [d] = errors(PEERING.replace('    region: eu-west-1\n', ''));
    expect(d).toMatchObject({ code: 'MISSING_KEY', path: 'connectivity.peer.region', line: 7, column: 3 });
  });

  it('reports only the chosen connectivity branch', () => {
    // A VPN missing its gateway says so, and nothing about the peering branch's `peer`.
    const text = VPN.replace(/ {2}customerGateway:\n.*\n.*\n/, '');
    expect(errors(text).map((d) => `${d.code} ${d.path}`)).toEqual([
      'MISSING_KEY connectivity.customerGateway',
    ]);
  });

  it('says when a key belongs to the other connectivity type', () => {
    const [d] = errors(`${VPN}  accepted: true\n`);
    expect(d.message).toMatch(/vpc-peering setting/);
  });

  it('reports every problem of a file, not only the first', () => {
    const text = `${VPN}  tunnels: 3\n  ikeVersion: v2\n  natGateway: 1\n`.replace(
      'plan: enterprise',
      'plan: gold',
    );
    expect(errors(text).map((d) => d.path)).toEqual([
      'plan',
      'connectivity.tunnels',
      'connectivity.ikeVersion',
      'connectivity.natGateway',
    ]);
  });

  it('reports one error for a value of the wrong type, not also its enum or pattern', () => {
    expect(errors(`${VPN}  tunnels: "3"\n`)).toHaveLength(1);
    expect(errors(PEERING.replace('vpcId: vpc-0a1b2c3d', 'vpcId: 12345678'))).toHaveLength(1);
  });

  it('turns a failed pattern into guidance with a computed fix', () => {
    const [d] = errors(PEERING.replace('vpcId: vpc-0a1b2c3d', 'vpcId: VPC-0A1B2C3D'));
    expect(d.code).toBe('INVALID_VPC_ID');
    expect(d.message).not.toMatch(/\^|\$|\[0-9/); // no raw regex
    expect(d.message).toMatch(/did you mean vpc-0a1b2c3d\?$/);
  });

  it('points a list that is too long at its first extra entry', () => {
    const cidrs = Array.from({ length: 51 }, (_, i) => `10.${i}.0.0/16`).join(', ');
    const [d] = errors(PEERING.replace('cidrs: [172.31.0.0/16]', `cidrs: [${cidrs}]`));
    expect(d).toMatchObject({ code: 'WRONG_LENGTH', path: 'connectivity.peer.cidrs', line: 11 });
    const col = d.column;
    expect(
      PEERING.replace('cidrs: [172.31.0.0/16]', `cidrs: [${cidrs}]`)
        .split('\n')[10]
        .slice(col - 1),
    ).toMatch(/^10\.50\.0\.0\/16/);
  });

  it('does not coerce: nothing that failed the schema becomes a customer', () => {
    const r = checkSources([{ path: 't.yaml', text: `${VPN}  tunnels: "2"\n` }], DEFAULT_SETTINGS);
    expect(r.customers).toEqual([]);
  });

  it('gives presharedKey its own error and no unknown-key error', () => {
    const found = errors(`${VPN}  tunnelOptions:\n    presharedKey: abc\n`);
    expect(found.map((d) => d.code)).toEqual(['PRESHARED_KEY_FORBIDDEN']);
    expect(found[0].message).toMatch(/Secrets Manager/);
  });
});

describe('decodePointer', () => {
  it('unescapes ~1 before ~0 (RFC 6901)', () => {
    expect(decodePointer('/a~1b/c~0d/~01', {})).toEqual(['a/b', 'c~d', '~1']);
  });

  it('turns list indexes into numbers, keys that look like numbers stay strings', () => {
    expect(decodePointer('/a/0/1', { a: [{ 1: 'x' }] })).toEqual(['a', 0, '1']);
    expect(decodePointer('', {})).toEqual([]);
  });
});

describe('the schema', () => {
  it('describes every property (the field reference is generated from it)', () => {
    const missing: string[] = [];
    const visit = (node: SchemaNode, at: string) => {
      for (const [key, child] of Object.entries(node.properties ?? {})) {
        if (!child.description) missing.push(`${at}${key}`);
        visit(child, `${at}${key}.`);
        if (child.items) visit(child.items, `${at}${key}[].`);
      }
      for (const branch of node.oneOf ?? []) visit(branch, at);
    };
    visit(CUSTOMER_SCHEMA, '');
    expect(missing).toEqual([]);
  });

  it('forbids unknown keys in every mapping', () => {
    const open: string[] = [];
    const visit = (node: SchemaNode, at: string) => {
      if (node.properties && !node.oneOf && node.additionalProperties !== false) open.push(at || '(root)');
      for (const [key, child] of Object.entries(node.properties ?? {})) visit(child, `${at}${key}.`);
      for (const branch of node.oneOf ?? []) visit(branch, at);
    };
    visit(CUSTOMER_SCHEMA, '');
    expect(open).toEqual([]);
  });
});
