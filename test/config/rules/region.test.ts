import { region } from '../../../src/config/rules/region';
import { DEFAULT_SETTINGS } from '../../../src/config/settings';
import { only, peering, run, vpn } from './helpers';

const EU_ONLY = { ...DEFAULT_SETTINGS, allowedRegions: ['eu-west-1', 'eu-central-1'] };

describe('REGION_REQUIRED / REGION_UNKNOWN / REGION_NOT_ALLOWED', () => {
  it('accepts known, allowed regions', () => {
    expect(run(region, peering())).toEqual([]);
    expect(
      run(region, peering({ peer: { region: 'us-east-1' } }, { region: 'eu-west-1' }), { settings: EU_ONLY }),
    ).toEqual([]);
    expect(run(region, vpn())).toEqual([]);
  });

  it('requires region for a VPN, as a missing key', () => {
    const doc = vpn({}, {});
    expect(doc.region).toBeUndefined();
    const f = only(run(region, doc));
    expect(f).toMatchObject({ code: 'REGION_REQUIRED', severity: 'error', path: ['region'] });
    expect(f.message).toMatch(/^is missing; expected the AWS region of the vendor VPC/);
    expect(f.message).toContain('region: eu-west-1');
  });

  it('reports an unknown peer region with a suggestion', () => {
    const f = only(run(region, peering({ peer: { region: 'eu-west-01' } })));
    expect(f).toMatchObject({
      code: 'REGION_UNKNOWN',
      severity: 'error',
      path: ['connectivity', 'peer', 'region'],
    });
    expect(f.message).toBe(
      'eu-west-01 is not an AWS region; expected an AWS region code: did you mean eu-west-1?',
    );
  });

  it('reports an unknown vendor region at region', () => {
    const f = only(run(region, vpn({}, { region: 'us-gov-west-1' })));
    expect(f).toMatchObject({ code: 'REGION_UNKNOWN', path: ['region'] });
  });

  it('reports a vendor region outside the allow-list at region', () => {
    const f = only(run(region, vpn({}, { region: 'us-east-1' }), { settings: EU_ONLY }));
    expect(f).toMatchObject({ code: 'REGION_NOT_ALLOWED', severity: 'error', path: ['region'] });
    expect(f.message).toBe(
      'us-east-1 is not an allowed region of the platform; expected one of eu-west-1, eu-central-1 in allowedRegions (cdktf.json)',
    );
  });

  it('reports at peer.region when region is left out, and says how to go cross-region', () => {
    const doc = peering({ peer: { region: 'us-east-1' } });
    expect(Object.keys(doc)).not.toContain('region');
    const f = only(run(region, doc, { settings: EU_ONLY }));
    expect(f).toMatchObject({ code: 'REGION_NOT_ALLOWED', path: ['connectivity', 'peer', 'region'] });
    expect(f.message).toMatch(/^us-east-1 is the vendor region \(region is not set\)/);
    expect(f.message).toContain('set region to one of them');
  });

  it('treats platform-allowed regions outside the commercial list as known', () => {
    const gov = { ...DEFAULT_SETTINGS, allowedRegions: ['us-gov-west-1'] };
    expect(run(region, vpn({}, { region: 'us-gov-west-1' }), { settings: gov })).toEqual([]);
  });
});
