import { editDistance, suggest } from '../../src/config/suggest';

describe('suggest', () => {
  it('computes Levenshtein distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });

  it('finds case, separator and one-letter slips', () => {
    expect(suggest('IKEv2', ['ikev2', 'ikev1'])).toBe('ikev2');
    expect(suggest('vpc_id', ['accountId', 'vpcId', 'region'])).toBe('vpcId');
    expect(suggest('regoin', ['region', 'routes'])).toBe('region');
    expect(suggest('tunels', ['tunnels', 'routing'])).toBe('tunnels');
  });

  it('stays quiet when nothing is close', () => {
    expect(suggest('ownerId', ['accountId', 'vpcId', 'region', 'cidrs'])).toBeUndefined();
    expect(suggest('x'.repeat(100), ['x'])).toBeUndefined();
  });
});
