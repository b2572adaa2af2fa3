import { amazonSideAsn } from '../../../src/config/rules/amazon-side-asn';
import { only, run, vpn } from './helpers';

describe('AMAZON_ASN_RANGE', () => {
  it.each([64512, 65534, 4200000000, 4294967294])('accepts %d', (asn) => {
    expect(run(amazonSideAsn, vpn({ amazonSideAsn: asn }))).toEqual([]);
  });

  it('does not judge the platform default', () => {
    expect(run(amazonSideAsn, vpn())).toEqual([]);
  });

  it.each([1, 64511, 65535, 4199999999])('rejects %d', (asn) => {
    const f = only(run(amazonSideAsn, vpn({ amazonSideAsn: asn })));
    expect(f).toMatchObject({
      code: 'AMAZON_ASN_RANGE',
      severity: 'error',
      path: ['connectivity', 'amazonSideAsn'],
    });
    expect(f.message).toMatch(new RegExp(`^${asn} is not a private ASN`));
    expect(f.message).toContain('expected 64512-65534 or 4200000000-4294967294');
  });
});
