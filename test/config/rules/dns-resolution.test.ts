import { dnsResolution } from '../../../src/config/rules/dns-resolution';
import { only, peering, run, vpn } from './helpers';

describe('DNS_RESOLUTION_PENDING', () => {
  it('is quiet once accepted, or without dnsResolution', () => {
    expect(run(dnsResolution, peering({ accepted: true, dnsResolution: true }))).toEqual([]);
    expect(run(dnsResolution, peering({ dnsResolution: false }))).toEqual([]);
    expect(run(dnsResolution, vpn())).toEqual([]);
  });

  it('warns that the option cannot be on before the customer accepts', () => {
    for (const doc of [peering({ dnsResolution: true }), peering({ accepted: false, dnsResolution: true })]) {
      const f = only(run(dnsResolution, doc));
      expect(f).toMatchObject({
        code: 'DNS_RESOLUTION_PENDING',
        severity: 'warning',
        path: ['connectivity', 'dnsResolution'],
      });
      expect(f.message).toMatch(/^true cannot take effect yet: the peering is not accepted/);
      expect(f.message).toMatch(/accepter/);
      expect(f.message).toMatch(/in their account/);
    }
  });
});
