import { cidrCanonical } from '../../../src/config/rules/cidr-canonical';
import { peering, run, vpn } from './helpers';

describe('CIDR_NOT_CANONICAL', () => {
  it('accepts network addresses everywhere', () => {
    const doc = peering(
      { peer: { cidrs: ['172.31.0.0/16', '10.1.0.0/24'] }, routes: ['172.31.16.0/20'] },
      { vendorCidr: '10.200.0.0/25' },
    );
    expect(run(cidrCanonical, doc)).toEqual([]);
    expect(
      run(
        cidrCanonical,
        vpn({
          cidrs: ['192.168.0.0/16'],
          tunnelOptions: { insideCidrs: ['169.254.10.0/30', '169.254.10.4/30'] },
        }),
      ),
    ).toEqual([]);
  });

  it('reports each CIDR with host bits set at its own path, with the canonical form', () => {
    const doc = peering(
      { peer: { cidrs: ['172.31.0.0/16', '10.1.0.7/24'] }, routes: ['172.31.16.1/20'] },
      { vendorCidr: '10.200.0.1/25' },
    );
    const findings = run(cidrCanonical, doc);
    expect(findings.map((f) => f.path)).toEqual([
      ['vendorCidr'],
      ['connectivity', 'peer', 'cidrs', 1],
      ['connectivity', 'routes', 0],
    ]);
    for (const f of findings) expect(f).toMatchObject({ code: 'CIDR_NOT_CANONICAL', severity: 'error' });
    expect(findings[0].message).toBe(
      '10.200.0.1/25 has host bits set; expected the network address: write 10.200.0.0/25',
    );
    expect(findings[1].message).toContain('write 10.1.0.0/24');
    expect(findings[2].message).toContain('write 172.31.16.0/20');
  });

  it('covers VPN networks and tunnel inside CIDRs', () => {
    const doc = vpn({
      cidrs: ['192.168.1.1/16'],
      tunnelOptions: { insideCidrs: ['169.254.10.0/30', '169.254.10.5/30'] },
    });
    const findings = run(cidrCanonical, doc);
    expect(findings.map((f) => f.path)).toEqual([
      ['connectivity', 'cidrs', 0],
      ['connectivity', 'tunnelOptions', 'insideCidrs', 1],
    ]);
    expect(findings[0].message).toContain('write 192.168.0.0/16');
    expect(findings[1].message).toContain('write 169.254.10.4/30');
  });
});
