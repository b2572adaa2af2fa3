/**
 * Every rule on arbitrary schema-valid documents: never throws, is deterministic, points at a
 * field that exists (or, for a missing key, whose parent exists), and uses the severity that
 * docs/diagnostics.md documents for the code.
 */
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { blockSize, formatBlock } from '../../../src/net/ipv4';
import { RULES } from '../../../src/config/rules';
import type { CustomerDocument, Finding } from '../../../src/config/rules/rule';
import { DEFAULT_SETTINGS } from '../../../src/config/settings';
import { context, loaded } from './helpers';

const DOC = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'docs', 'diagnostics.md'), 'utf8');
const SEVERITY = new Map(
  [...DOC.matchAll(/^#### `([A-Z0-9_]+)` — (error|warning)$/gm)].map((m) => [m[1], m[2]]),
);
const MISSING_KEY_CODES = new Set([
  'REGION_REQUIRED',
  'BGP_ASN_REQUIRED',
  'STATIC_CIDRS_REQUIRED',
  'VPN_EGRESS_DEFAULT',
]);

// Addresses biased towards the interesting places: private ranges, link-local, the default vendor CIDR.
const address = fc.oneof(
  fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  fc
    .constantFrom(0x0ac80000, 0x0a000000, 0xac100000, 0xc0a80000, 0xa9fe0000, 0x64400000)
    .chain((base) => fc.integer({ min: base, max: base + 2 ** 16 - 1 })),
);
// As written: sometimes with host bits set.
const cidrText = fc
  .tuple(address, fc.integer({ min: 0, max: 32 }), fc.boolean())
  .map(([a, p, exact]) =>
    exact
      ? formatBlock({ network: Math.floor(a / blockSize(p)) * blockSize(p), prefix: p })
      : `${formatBlock({ network: a, prefix: 32 }).split('/')[0]}/${p}`,
  );
const ip = address.map((a) => formatBlock({ network: a, prefix: 32 }).split('/')[0]);
const region = fc.constantFrom('eu-west-1', 'us-east-1', 'eu-west-9', 'us-gov-west-1', 'ap-southeast-7');
const asn = fc.oneof(
  fc.integer({ min: 1, max: 4294967294 }),
  fc.constantFrom(7224, 64512, 65000, 65010, 4200000000),
);
const port = fc.oneof(
  fc.integer({ min: 1, max: 65535 }),
  fc
    .tuple(fc.integer({ min: 0, max: 70000 }), fc.integer({ min: 0, max: 70000 }))
    .map(([a, b]) => `${a}-${b}`),
);
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const top = fc.record({
  id: fc.constantFrom('acme-corp', 'other'),
  name: fc.constant('Acme'),
  orgId: fc.constant('6f1c2e4a-8d3b-4f7a-9c21-5e0b7d9a1f34'),
  plan: fc.constantFrom('enterprise' as const, 'team' as const),
  addOns: opt(fc.constantFrom([], ['onprem-connectivity'])),
  region: opt(region),
  vendorCidr: opt(cidrText),
});

const peeringConn = fc.record({
  type: fc.constant('vpc-peering' as const),
  peer: fc.record({
    accountId: fc.constant('111122223333'),
    vpcId: fc.constant('vpc-0a1b2c3d'),
    region,
    cidrs: fc.array(cidrText, { minLength: 1, maxLength: 5 }),
  }),
  routes: opt(fc.array(cidrText, { minLength: 1, maxLength: 4 })),
  allowedTcpPorts: opt(fc.array(port, { minLength: 1, maxLength: 5 })),
  accepted: opt(fc.boolean()),
  dnsResolution: opt(fc.boolean()),
});

const phase = fc.record({ lifetimeSeconds: opt(fc.integer({ min: 900, max: 28800 })) }, { requiredKeys: [] });
const vpnConn = fc.record({
  type: fc.constant('site-to-site-vpn' as const),
  customerGateway: fc.record({
    ip,
    bgpAsn: opt(asn),
    deviceName: opt(fc.constantFrom('edge-1', 'edge (2)')),
  }),
  routing: opt(fc.constantFrom('bgp' as const, 'static' as const)),
  cidrs: opt(fc.array(cidrText, { maxLength: 5 })),
  allowedTcpPorts: opt(fc.array(port, { minLength: 1, maxLength: 5 })),
  tunnels: opt(fc.constantFrom(1 as const, 2 as const)),
  ikeVersion: opt(fc.constantFrom('ikev1' as const, 'ikev2' as const)),
  amazonSideAsn: opt(asn),
  tunnelOptions: opt(
    fc.record(
      {
        insideCidrs: fc.tuple(cidrText, cidrText),
        phase1: phase,
        phase2: phase.map((p) => ({
          lifetimeSeconds: p.lifetimeSeconds && Math.min(p.lifetimeSeconds, 3600),
        })),
        rekeyMarginSeconds: fc.integer({ min: 60, max: 4000 }),
        startupAction: fc.constantFrom('add' as const, 'start' as const),
      },
      { requiredKeys: [] },
    ),
  ),
});

const tgwAccount = fc.constantFrom('444455556666', '111122223333');
const tgwConn = fc
  .record({
    id: fc.constantFrom('tgw-0a1b2c3d4e5f67890', 'tgw-0b1c2d3e4f5a67890'),
    accountId: tgwAccount,
    arnRegion: region,
    arnAccount: tgwAccount,
    cidrs: fc.array(cidrText, { minLength: 1, maxLength: 5 }),
    allowedTcpPorts: opt(fc.array(port, { minLength: 1, maxLength: 5 })),
    accepted: opt(fc.boolean()),
  })
  .map(({ id, accountId, arnRegion, arnAccount, ...rest }) => ({
    type: 'transit-gateway' as const,
    transitGateway: {
      id,
      accountId,
      resourceShareArn: `arn:aws:ram:${arnRegion}:${arnAccount}:resource-share/5f0c3a2e-9b1d-4e8f-a7c6-1d2e3f4a5b6c`,
    },
    ...rest,
  }));

// Drop keys whose value is undefined: "left out", as YAML would have it.
function clean<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

const document: fc.Arbitrary<CustomerDocument> = fc
  .tuple(top, fc.oneof(peeringConn, vpnConn, tgwConn))
  .map(([t, connectivity]) => clean({ ...t, connectivity }) as CustomerDocument);

function exists(doc: unknown, p: readonly (string | number)[]): boolean {
  let node: unknown = doc;
  for (const segment of p) {
    if (node === null || typeof node !== 'object' || !(segment in (node as object))) return false;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return true;
}

function runAll(doc: CustomerDocument, others = [loaded(doc, 'customers/copy.yaml')]): Finding[] {
  const ctx = context(doc, {
    others,
    settings: { ...DEFAULT_SETTINGS, allowedRegions: ['eu-west-1', 'us-east-1'] },
  });
  return RULES.flatMap((r) => r.check(ctx));
}

describe('all rules on arbitrary schema-valid documents', () => {
  it('never throw, are deterministic, and point at real fields with documented severities', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(document, (doc) => {
        const findings = runAll(doc);
        for (const f of findings) seen.add(f.code);
        expect(runAll(doc)).toEqual(findings);
        for (const f of findings) {
          const target = MISSING_KEY_CODES.has(f.code) && !exists(doc, f.path) ? f.path.slice(0, -1) : f.path;
          expect({ code: f.code, path: f.path, exists: exists(doc, target) }).toEqual({
            code: f.code,
            path: f.path,
            exists: true,
          });
          expect({ code: f.code, severity: f.severity }).toEqual({
            code: f.code,
            severity: SEVERITY.get(f.code),
          });
          expect(f.message.length).toBeGreaterThan(20);
          expect(f.message).not.toMatch(/undefined|NaN|\[object/);
        }
      }),
      { numRuns: 300 },
    );
    // The generator reaches most rules (not only the first few that fire on anything random).
    expect(seen.size).toBeGreaterThanOrEqual(25);
  });
});
