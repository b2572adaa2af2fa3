import * as fs from 'fs';
import * as path from 'path';
import { applyMask, REDACTED, redactPlan } from '../../src/plan/redact';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'plans');
const load = (name: string): unknown => JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8'));

describe('redactPlan on real `terraform show -json` output', () => {
  // These plans were made against prior states whose VPN connection holds a pre-shared key.
  it.each(['cgw-bgp-asn-replace.json', 'vpn-static-to-bgp.json'])(
    '%s: the key is in the raw JSON, and nowhere in the redacted one',
    (name) => {
      const raw = JSON.stringify(load(name));
      expect(raw).toContain('placeholder-key-1');
      const redacted = JSON.stringify(redactPlan(load(name)));
      expect(redacted).not.toContain('placeholder-key-1');
      expect(redacted).not.toContain('placeholder-key-2');
      expect(redacted).toContain(REDACTED);
    },
  );

  it('keeps what the review reads: actions, replace paths and non-sensitive values', () => {
    const plan = load('cgw-bgp-asn-replace.json') as {
      resource_changes: {
        address: string;
        change: { actions: string[]; replace_paths?: unknown; after?: unknown };
      }[];
    };
    const redacted = redactPlan(plan);
    expect(
      redacted.resource_changes.map((r) => [r.address, r.change.actions, r.change.replace_paths]),
    ).toEqual(plan.resource_changes.map((r) => [r.address, r.change.actions, r.change.replace_paths]));
    const cgw = redacted.resource_changes.find((r) => r.address.startsWith('aws_customer_gateway'));
    expect(JSON.stringify(cgw?.change.after)).toContain('bgp_asn');
  });

  it('does not modify its input', () => {
    const plan = load('vpn-static-to-bgp.json');
    const before = JSON.stringify(plan);
    redactPlan(plan);
    expect(JSON.stringify(plan)).toBe(before);
  });
});

describe('applyMask', () => {
  it('redacts exactly the marked leaves, in nested objects and lists', () => {
    const value = { a: 'x', b: { c: 'secret', d: 'y' }, l: ['p', 'q'], n: null };
    const mask = { b: { c: true }, l: [false, true], n: true };
    expect(applyMask(value, mask)).toEqual({
      a: 'x',
      b: { c: REDACTED, d: 'y' },
      l: ['p', REDACTED],
      n: null,
    });
  });

  it('redacts a whole subtree marked true', () => {
    expect(applyMask({ s: { k: 1, j: [2] } }, { s: true })).toEqual({ s: REDACTED });
  });
});
