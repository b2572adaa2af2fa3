import fc from 'fast-check';
import { loadProject } from '../../src/config/load';
import { estimatedResources, stackCost, STACK_BASE } from '../../src/shards/cost';
import { parseShard, shardIds, splitIntoShards, type ShardItem } from '../../src/shards/shard';
import * as path from 'path';
import { PROJECT_DIR } from '../terraform/helpers';

/** Fleets of unique ids with positive integer costs (as stackCost() gives). */
const fleet = fc.uniqueArray(
  fc.record({ id: fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/), cost: fc.integer({ min: 1, max: 200 }) }),
  { selector: (x) => x.id, maxLength: 120 },
);
const shardCount = fc.integer({ min: 1, max: 25 });
const load = (s: readonly ShardItem[]) => s.reduce((a, x) => a + x.cost, 0);

describe('splitIntoShards', () => {
  it('every stack is in exactly one shard, and there are exactly N shards', () => {
    fc.assert(
      fc.property(fleet, shardCount, (items, n) => {
        const shards = splitIntoShards(items, n);
        expect(shards).toHaveLength(n);
        const ids = shards.flat().map((x) => x.id);
        expect(ids).toHaveLength(items.length);
        expect(new Set(ids)).toEqual(new Set(items.map((x) => x.id)));
      }),
    );
  });

  it('is stable: the same stacks in any order give the same shards (every runner agrees)', () => {
    fc.assert(
      fc.property(
        fleet.chain((items) =>
          fc.tuple(fc.constant(items), fc.shuffledSubarray(items, { minLength: items.length })),
        ),
        shardCount,
        ([items, shuffled], n) => {
          expect(splitIntoShards(shuffled, n)).toEqual(splitIntoShards(items, n));
        },
      ),
    );
  });

  it('is balanced within one stack: the loads of any two shards differ by at most the largest cost', () => {
    fc.assert(
      fc.property(fleet, shardCount, (items, n) => {
        const loads = splitIntoShards(items, n).map(load);
        const maxCost = Math.max(0, ...items.map((x) => x.cost));
        expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(maxCost);
      }),
    );
  });

  it('balances cost, not count: one expensive stack gets a shard of its own', () => {
    const items = [{ id: 'big', cost: 100 }, ...['a', 'b', 'c', 'd'].map((id) => ({ id, cost: 25 }))];
    expect(splitIntoShards(items, 2).map((s) => s.map((x) => x.id))).toEqual([['big'], ['a', 'b', 'c', 'd']]);
  });

  it('shards are sorted by id; more shards than stacks leaves some empty; duplicates are refused', () => {
    const shards = splitIntoShards(
      [
        { id: 'b', cost: 1 },
        { id: 'a', cost: 1 },
      ],
      3,
    );
    expect(shards.map((s) => s.map((x) => x.id))).toEqual([['a'], ['b'], []]);
    expect(() =>
      splitIntoShards(
        [
          { id: 'a', cost: 1 },
          { id: 'a', cost: 2 },
        ],
        2,
      ),
    ).toThrow(/duplicate stack id 'a'/);
  });

  it('shardIds is the K-th of the split', () => {
    const items = ['a', 'b', 'c', 'd', 'e'].map((id, i) => ({ id, cost: i + 1 }));
    const all = [1, 2, 3].map((k) => shardIds(items, { index: k, count: 3 }));
    expect(all.flat().sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});

describe('parseShard', () => {
  it('accepts K/N with 1 <= K <= N', () => {
    expect(parseShard('1/1')).toEqual({ index: 1, count: 1 });
    expect(parseShard('3/20')).toEqual({ index: 3, count: 20 });
  });
  it.each(['0/3', '4/3', '3', '1/0', 'a/b', '-1/2', '1/2/3', '1/257'])('refuses %s', (text) => {
    expect(() => parseShard(text)).toThrow(/--shard/);
  });
});

describe('stackCost', () => {
  const { customers } = loadProject({
    customersDir: path.join(PROJECT_DIR, 'customers'),
    cdktfJson: path.join(PROJECT_DIR, 'cdktf.json'),
  });

  it('a fixed base per stack plus its estimated resources', () => {
    expect(customers.length).toBeGreaterThan(0);
    for (const { customer } of customers) {
      expect(stackCost(customer)).toBe(STACK_BASE + estimatedResources(customer));
      expect(estimatedResources(customer)).toBeGreaterThan(7);
    }
  });

  it('more routes and port ranges cost more; a NAT gateway costs more', () => {
    const peering = customers.find((c) => c.customer.connectivity.type === 'vpc-peering')!.customer;
    const conn = peering.connectivity as Extract<typeof peering.connectivity, { type: 'vpc-peering' }>;
    const wider = {
      ...peering,
      connectivity: { ...conn, routes: [...conn.routes, '10.99.0.0/16'] },
    };
    expect(stackCost(wider)).toBeGreaterThan(stackCost(peering));
    const vpn = customers.find((c) => c.customer.connectivity.type === 'site-to-site-vpn')!.customer;
    const vconn = vpn.connectivity as Extract<typeof vpn.connectivity, { type: 'site-to-site-vpn' }>;
    const withNat = { ...vpn, connectivity: { ...vconn, natGateway: true } };
    const withoutNat = { ...vpn, connectivity: { ...vconn, natGateway: false } };
    expect(stackCost(withNat)).toBeGreaterThan(stackCost(withoutNat));
  });
});
