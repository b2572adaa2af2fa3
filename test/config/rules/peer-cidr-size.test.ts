import { peerCidrSize } from '../../../src/config/rules/peer-cidr-size';
import { only, peering, run, vpn } from './helpers';

describe('PEER_CIDR_SIZE', () => {
  it('accepts /16 to /28', () => {
    expect(run(peerCidrSize, peering({ peer: { cidrs: ['172.31.0.0/16', '10.0.0.0/28'] } }))).toEqual([]);
    expect(run(peerCidrSize, vpn({ cidrs: ['10.0.0.0/8'] }))).toEqual([]);
  });

  it.each([
    ['172.16.0.0/12', 12],
    ['10.0.0.0/29', 29],
  ])('rejects %s at its index', (c, prefix) => {
    const f = only(run(peerCidrSize, peering({ peer: { cidrs: ['172.31.0.0/16', c] } })));
    expect(f).toMatchObject({
      code: 'PEER_CIDR_SIZE',
      severity: 'error',
      path: ['connectivity', 'peer', 'cidrs', 1],
    });
    expect(f.message).toMatch(new RegExp(`^${c.replace(/\./g, '\\.')} is a /${prefix}; expected /16 to /28`));
  });
});
