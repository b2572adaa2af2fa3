import { FleetIndex, type FleetKey } from '../../src/config/fleet-index';
import { checkSources } from '../../src/config/load';
import { DEFAULT_SETTINGS } from '../../src/config/settings';
import { loaded, peering, vpn } from './rules/helpers';

const ORG: FleetKey = (c) => c.customer.orgId;

describe('FleetIndex', () => {
  const a = loaded(peering({}, { id: 'a' }));
  const b = loaded(peering({}, { id: 'b' }));
  const c = loaded(peering({}, { id: 'c', orgId: '0c9d8e7f-1a2b-4c3d-8e4f-5a6b7c8d9e0f' }));

  it('finds the other customers sharing a key, never the customer itself', () => {
    const fleet = new FleetIndex([a, b, c]);
    expect(fleet.sharing('orgId', ORG, a).map((o) => o.file)).toEqual(['customers/b.yaml']);
    expect(fleet.sharing('orgId', ORG, c)).toEqual([]);
  });

  it('builds each index once per run, whatever the number of lookups', () => {
    let calls = 0;
    const counted: FleetKey = (x) => {
      calls++;
      return x.customer.orgId;
    };
    const fleet = new FleetIndex([a, b, c]);
    for (const self of [a, b, c]) fleet.sharing('orgId', counted, self);
    // One pass over the 3 customers to build the index, plus one key per lookup.
    expect(calls).toBe(3 + 3);
  });

  it('leaves out customers whose key is undefined', () => {
    const gw: FleetKey = ({ customer: { connectivity: k } }) =>
      k.type === 'site-to-site-vpn' ? k.customerGateway.ip : undefined;
    const v = loaded(vpn({}, { id: 'v', region: 'eu-west-1' }));
    const fleet = new FleetIndex([a, v]);
    expect([...fleet.index('gw', gw).keys()]).toEqual(['8.8.4.4']);
    expect(fleet.sharing('gw', gw, a)).toEqual([]);
  });

  it('refuses one index name used with two key functions', () => {
    const fleet = new FleetIndex([a]);
    fleet.index('orgId', ORG);
    expect(() => fleet.index('orgId', (x) => x.customer.id)).toThrow(/two key functions/);
  });
});

describe('cross-file checks through the loader', () => {
  it('report every file of a large fleet that shares an orgId, each naming the others', () => {
    const org = '6f1c2e4a-8d3b-4f7a-9c21-5e0b7d9a1f34';
    const distinct = (i: number) => `${i.toString(16).padStart(8, '0')}-1a2b-4c3d-8e4f-5a6b7c8d9e0f`;
    const yaml = (id: string, orgId: string) =>
      [
        `id: ${id}`,
        `name: ${id}`,
        `orgId: ${orgId}`,
        'plan: enterprise',
        'connectivity:',
        '  type: vpc-peering',
        '  peer:',
        '    accountId: "111122223333"',
        '    vpcId: vpc-0a1b2c3d4e5f67890',
        '    region: eu-west-1',
        '    cidrs: [172.31.0.0/16]',
        '',
      ].join('\n');
    const sources = Array.from({ length: 300 }, (_, i) => {
      const id = `c${String(i).padStart(3, '0')}`;
      return { path: `customers/${id}.yaml`, text: yaml(id, i === 7 || i === 250 ? org : distinct(i)) };
    });
    const { diagnostics } = checkSources(sources, DEFAULT_SETTINGS);
    const dup = diagnostics.filter((d) => d.code === 'ORG_ID_DUPLICATE');
    expect(dup.map((d) => [d.file, d.line, d.column])).toEqual([
      ['customers/c007.yaml', 3, 8],
      ['customers/c250.yaml', 3, 8],
    ]);
    expect(dup[0].message).toContain('customers/c250.yaml');
    expect(dup[1].message).toContain('customers/c007.yaml');
  });
});
