import { dnsResolution } from '../../../src/config/rules/dns-resolution';
import { only, peering, run, vpn } from './helpers';

describe('DNS_RESOLUTION_PENDING', () => {
  it('is quiet once accepted, or without dnsResolution', () => {
    expect(run(dnsResolution, peering({ accepted: true, dnsResolution: true }))).toEqual([]);
    expect(run(dnsResolution, peering({ dnsResolution: false }))).toEqual([]);
    expect(run(dnsResolution, vpn())).toEqual([]);
  });

  it('warns that it waits for the acceptance', () => {
    for (const doc of [peering({ dnsResolution: true }), peering({ accepted: false, dnsResolution: true })]) {
      const f = only(run(dnsResolution, doc));
      expect(f).toMatchObject({
        code: 'DNS_RESOLUTION_PENDING',
        severity: 'warning',
        path: ['connectivity', 'dnsResolution'],
      });
      expect(f.message).toMatch(/^true waits for the customer to accept the peering/);
      expect(f.message).toContain('accepted: true');
    }
  });
});
