import { customerGatewayIdentity } from '../../../src/config/rules/customer-gateway-identity';
import { sharedGatewayIp } from '../../../src/config/rules/shared-gateway-ip';
import { loaded, only, peering, run, vpn } from './helpers';

const STATIC = { routing: 'static' as const, cidrs: ['192.168.0.0/16'] };

describe('CGW_IDENTITY_DUPLICATE', () => {
  it('is quiet when the device name, the IP or the ASN differs (AWS creates distinct gateways)', () => {
    // The default device names derive from the ids, so two files with one device IP differ.
    const other = loaded(vpn({}, { id: 'globex', region: 'eu-west-1' }));
    expect(run(customerGatewayIdentity, vpn(), { others: [other] })).toEqual([]);
    const sameName = { customerGateway: { deviceName: 'edge-1' } };
    for (const change of [
      { customerGateway: { deviceName: 'edge-1', ip: '8.8.8.8' } },
      { customerGateway: { deviceName: 'edge-1', bgpAsn: 65020 } },
    ]) {
      const o = loaded(vpn(change, { id: 'globex', region: 'eu-west-1' }));
      expect(run(customerGatewayIdentity, vpn(sameName), { others: [o] })).toEqual([]);
    }
    expect(run(customerGatewayIdentity, peering(), { others: [other] })).toEqual([]);
  });

  it('is an error when IP, BGP ASN and device name are all the same', () => {
    const same = { customerGateway: { deviceName: 'edge-1' } };
    const other = loaded(vpn(same, { id: 'globex', region: 'eu-west-1' }));
    const f = only(run(customerGatewayIdentity, vpn(same), { others: [other] }));
    expect(f).toMatchObject({
      code: 'CGW_IDENTITY_DUPLICATE',
      severity: 'error',
      path: ['connectivity', 'customerGateway'],
    });
    expect(f.message).toMatch(
      /^ip 8\.8\.4\.4, BGP ASN 65010 and device name "edge-1" are also the customer gateway of customers\/globex\.yaml/,
    );
    expect(f.message).toMatch(/deviceName/);
    // The same pair is no longer the weaker CGW_IP_SHARED warning.
    expect(run(sharedGatewayIp, vpn(same), { others: [other] })).toEqual([]);
  });

  it('static VPNs all use ASN 65000, so IP and device name decide', () => {
    const same = { ...STATIC, customerGateway: { deviceName: 'edge-1', bgpAsn: undefined } };
    const other = loaded(vpn({ ...same, cidrs: ['10.0.0.0/16'] }, { id: 'globex', region: 'eu-west-1' }));
    const f = only(run(customerGatewayIdentity, vpn(same), { others: [other] }));
    expect(f.message).toMatch(/ASN 65000 \(static routing\)/);
  });

  it('same IP, different device name stays the CGW_IP_SHARED warning', () => {
    const other = loaded(
      vpn({ customerGateway: { deviceName: 'edge-2' } }, { id: 'globex', region: 'eu-west-1' }),
    );
    const doc = vpn({ customerGateway: { deviceName: 'edge-1' } });
    expect(run(customerGatewayIdentity, doc, { others: [other] })).toEqual([]);
    expect(only(run(sharedGatewayIp, doc, { others: [other] })).code).toBe('CGW_IP_SHARED');
  });
});
