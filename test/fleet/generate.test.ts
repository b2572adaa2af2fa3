import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { loadProject } from '../../src/config/load';
import { generateFleet } from '../../src/fleet/generate';

const PROJECT_DIR = path.resolve(__dirname, '..', '..');

/* eslint-disable @typescript-eslint/no-explicit-any */
/** The options a customer file exercises, read from its YAML (not from the generator's labels). */
function features(doc: any): string[] {
  const f: string[] = [`plan:${doc.plan}`];
  if (Array.isArray(doc.addOns)) f.push(doc.addOns.length === 0 ? 'addons-empty' : 'addons-onprem');
  if (doc.vendorCidr)
    f.push(String(doc.vendorCidr).startsWith('100.') ? 'vendor-cidr-cgnat' : 'vendor-cidr-rfc1918');
  const c = doc.connectivity;
  if (doc.decommission === true) f.push(`decommission:${c.type}`);
  if (c.type === 'vpc-peering') {
    f.push('peering');
    if (doc.region === undefined) f.push('peering:region-omitted');
    else f.push(doc.region === c.peer.region ? 'peering:region-same' : 'peering:cross-region');
    f.push(c.routes ? 'peering:routes' : 'peering:routes-default');
    if (c.peer.cidrs.length > 1) f.push('peering:multi-cidr');
    if (c.allowedTcpPorts === undefined) f.push('peering:ports-all');
    for (const p of c.allowedTcpPorts ?? [])
      f.push(typeof p === 'number' ? 'peering:port' : 'peering:port-range');
    if (c.accepted === true) f.push(c.dnsResolution === true ? 'peering:accepted-dns' : 'peering:accepted');
    if (c.accepted === false) f.push('peering:pending-explicit');
    if (c.accepted === undefined) f.push('peering:pending-default');
    if (c.dnsResolution === false) f.push('peering:dns-false');
    if (c.peer.accountId.startsWith('0')) f.push('peering:account-leading-zero');
    f.push(`peering:vpc-id-${c.peer.vpcId.length - 4}`);
  } else if (c.type === 'transit-gateway') {
    f.push('tgw');
    f.push(doc.vendorCidr === undefined ? 'tgw:vendor-cidr-default' : 'tgw:vendor-cidr-set');
    f.push(c.cidrs.length > 1 ? 'tgw:multi-cidr' : 'tgw:one-cidr');
    for (const cidr of c.cidrs) {
      const prefix = Number(String(cidr).split('/')[1]);
      if (prefix <= 9) f.push('tgw:cidr-wide');
      if (prefix === 32) f.push('tgw:cidr-host');
    }
    if (c.allowedTcpPorts === undefined) f.push('tgw:ports-all');
    for (const p of c.allowedTcpPorts ?? []) f.push(typeof p === 'number' ? 'tgw:port' : 'tgw:port-range');
    f.push(`tgw:accepted-${c.accepted ?? 'default'}`);
    if (c.transitGateway.resourceShareArn.split(':')[3] !== doc.region) f.push('tgw:share-region-mismatch');
  } else {
    f.push('vpn');
    f.push(`vpn:routing-${c.routing ?? 'default'}`);
    if (c.customerGateway.bgpAsn > 2147483647) f.push('vpn:asn-extended');
    if ((c.routing ?? 'bgp') === 'bgp' && c.cidrs) f.push('vpn:bgp-with-cidrs');
    if (c.customerGateway.deviceName) f.push('vpn:device-name');
    f.push(`vpn:tunnels-${c.tunnels ?? 'default'}`);
    f.push(`vpn:ike-${c.ikeVersion ?? 'default'}`);
    f.push(`vpn:nat-${c.natGateway ?? 'default'}`);
    if (c.amazonSideAsn !== undefined)
      f.push(c.amazonSideAsn > 65535 ? 'vpn:amazon-asn-4byte' : 'vpn:amazon-asn-2byte');
    const t = c.tunnelOptions;
    if (t) {
      for (const k of Object.keys(t)) f.push(`vpn:tunnel-${k}`);
      for (const phase of ['phase1', 'phase2'])
        for (const k of Object.keys(t[phase] ?? {})) f.push(`vpn:${phase}-${k}`);
      if (t.dpdTimeoutAction) f.push(`vpn:dpd-${t.dpdTimeoutAction}`);
      if (t.startupAction) f.push(`vpn:startup-${t.startupAction}`);
    }
  }
  return f;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** Every option of format v1, as `features` names them. */
const ALL_FEATURES = [
  'plan:enterprise',
  'plan:team',
  'addons-empty',
  'addons-onprem',
  'vendor-cidr-cgnat',
  'vendor-cidr-rfc1918',
  'decommission:vpc-peering',
  'decommission:site-to-site-vpn',
  'decommission:transit-gateway',
  'tgw',
  'tgw:vendor-cidr-default',
  'tgw:vendor-cidr-set',
  'tgw:multi-cidr',
  'tgw:one-cidr',
  'tgw:cidr-wide',
  'tgw:cidr-host',
  'tgw:ports-all',
  'tgw:port',
  'tgw:port-range',
  'tgw:accepted-true',
  'tgw:accepted-false',
  'tgw:accepted-default',
  'peering',
  'peering:region-omitted',
  'peering:region-same',
  'peering:cross-region',
  'peering:routes',
  'peering:routes-default',
  'peering:multi-cidr',
  'peering:ports-all',
  'peering:port',
  'peering:port-range',
  'peering:accepted',
  'peering:accepted-dns',
  'peering:pending-explicit',
  'peering:pending-default',
  'peering:dns-false',
  'peering:account-leading-zero',
  'peering:vpc-id-8',
  'peering:vpc-id-17',
  'vpn',
  'vpn:routing-default',
  'vpn:routing-bgp',
  'vpn:routing-static',
  'vpn:asn-extended',
  'vpn:bgp-with-cidrs',
  'vpn:device-name',
  'vpn:tunnels-1',
  'vpn:tunnels-2',
  'vpn:tunnels-default',
  'vpn:ike-ikev1',
  'vpn:ike-ikev2',
  'vpn:ike-default',
  'vpn:nat-true',
  'vpn:nat-false',
  'vpn:nat-default',
  'vpn:amazon-asn-2byte',
  'vpn:amazon-asn-4byte',
  'vpn:tunnel-insideCidrs',
  'vpn:tunnel-phase1',
  'vpn:tunnel-phase2',
  'vpn:tunnel-rekeyMarginSeconds',
  'vpn:tunnel-dpdTimeoutSeconds',
  'vpn:tunnel-dpdTimeoutAction',
  'vpn:tunnel-startupAction',
  'vpn:phase1-lifetimeSeconds',
  'vpn:phase1-encryption',
  'vpn:phase1-integrity',
  'vpn:phase1-dhGroups',
  'vpn:phase2-lifetimeSeconds',
  'vpn:phase2-encryption',
  'vpn:phase2-integrity',
  'vpn:phase2-dhGroups',
  'vpn:dpd-clear',
  'vpn:dpd-none',
  'vpn:dpd-restart',
  'vpn:startup-add',
  'vpn:startup-start',
].sort();

function covered(yamls: readonly string[]): string[] {
  return [...new Set(yamls.flatMap((y) => features(parse(y))))].sort();
}

describe('generateFleet', () => {
  it('is deterministic: same (n, seed), same bytes; another seed, another fleet', () => {
    expect(generateFleet(30, 5)).toEqual(generateFleet(30, 5));
    expect(generateFleet(30, 6).map((c) => c.yaml)).not.toEqual(generateFleet(30, 5).map((c) => c.yaml));
  });

  it('customer i does not depend on the fleet size', () => {
    expect(generateFleet(100, 9).slice(0, 25)).toEqual(generateFleet(25, 9));
  });

  it.each([0, 1, 7, 42, 20240601, 4294967295])(
    'seed %d: any 30 consecutive customers cover every option',
    (seed) => {
      const fleet = generateFleet(90, seed).map((c) => c.yaml);
      for (const start of [0, 7, 13, 40, 60])
        expect(covered(fleet.slice(start, start + 30))).toEqual(ALL_FEATURES);
    },
  );

  it('a third of a large fleet is transit gateway; tgw-3 and tgw-4 of a cycle share one transit gateway', () => {
    const fleet = generateFleet(300, 4);
    const docs = fleet.map((c) => parse(c.yaml));
    expect(docs.filter((d) => d.connectivity.type === 'transit-gateway')).toHaveLength(100);
    const byProfile = (p: string) => docs.filter((_, i) => fleet[i].profile === p);
    const threes = byProfile('tgw-3');
    const fours = byProfile('tgw-4');
    const gateways = new Set(
      docs.filter((d) => d.connectivity.transitGateway).map((d) => d.connectivity.transitGateway.id),
    );
    // 100 transit-gateway customers on 90 gateways: ten pairs share one, the others have their own.
    expect(gateways.size).toBe(90);
    for (const d of threes) {
      const partner = fours.find(
        (f) => f.connectivity.transitGateway.id === d.connectivity.transitGateway.id,
      );
      if (!partner) continue; // the pair of the fleet's first or last cycle may be cut off
      expect(partner.connectivity.transitGateway.accountId).toBe(d.connectivity.transitGateway.accountId);
      expect(partner.region).toBe(d.region);
      expect(partner.connectivity.transitGateway.resourceShareArn).not.toBe(
        d.connectivity.transitGateway.resourceShareArn,
      );
    }
  });

  it('fewer than twenty customers is allowed (and covers less)', () => {
    const few = generateFleet(5, 3);
    expect(few).toHaveLength(5);
    expect(covered(few.map((c) => c.yaml)).length).toBeLessThan(ALL_FEATURES.length);
    expect(generateFleet(0, 3)).toEqual([]);
  });

  it('ids, orgIds and gateway IPs are unique across a large fleet; ids are valid file stems', () => {
    const fleet = generateFleet(2000, 11);
    const docs = fleet.map((c) => parse(c.yaml));
    expect(new Set(fleet.map((c) => c.id)).size).toBe(2000);
    expect(new Set(docs.map((d) => d.orgId)).size).toBe(2000);
    const ips = docs
      .filter((d) => d.connectivity.type === 'site-to-site-vpn')
      .map((d) => d.connectivity.customerGateway.ip);
    expect(new Set(ips).size).toBe(ips.length);
    for (const [i, c] of fleet.entries()) {
      expect(c.id).toMatch(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/);
      expect(docs[i].id).toBe(c.id);
    }
  });

  it('rejects a bad size or seed with a clear message', () => {
    expect(() => generateFleet(-1)).toThrow('n must be a non-negative integer, got -1');
    expect(() => generateFleet(2, 1.5)).toThrow('seed must be an integer in 0..4294967295, got 1.5');
  });

  it.each([1, 99])(
    'seed %d: 400 generated files validate with zero errors (warnings: a single tunnel, BGP without cidrs, fleet quotas)',
    (seed) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkforge-fleet-'));
      try {
        for (const c of generateFleet(400, seed)) fs.writeFileSync(path.join(dir, `${c.id}.yaml`), c.yaml);
        const { customers, diagnostics } = loadProject({
          customersDir: dir,
          cdktfJson: path.join(PROJECT_DIR, 'cdktf.json'),
        });
        expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        // 400 customers over a handful of regions cross AWS's default quotas (5 VPCs per region):
        // the project's cdktf.json states no raised quotas.
        expect([...new Set(diagnostics.map((d) => d.code))].sort()).toEqual([
          'QUOTA_FLEET',
          'SINGLE_TUNNEL',
          'VPN_EGRESS_DEFAULT',
        ]);
        expect(customers).toHaveLength(400);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
