import { sharedGatewayIp } from '../../../src/config/rules/shared-gateway-ip';
import { loaded, only, peering, run, vpn } from './helpers';

describe('CGW_IP_SHARED', () => {
  it('is quiet for distinct gateway IPs and for peering customers', () => {
    const other = loaded(vpn({ customerGateway: { ip: '8.8.8.8' } }, { id: 'globex', region: 'eu-west-1' }));
    expect(run(sharedGatewayIp, vpn(), { others: [other] })).toEqual([]);
    expect(run(sharedGatewayIp, peering(), { others: [other] })).toEqual([]);
  });

  it('warns in the file, naming every file involved', () => {
    const other = loaded(vpn({}, { id: 'globex', region: 'eu-west-1' }));
    const f = only(run(sharedGatewayIp, vpn(), { others: [other, loaded(peering({}, { id: 'initech' }))] }));
    expect(f).toMatchObject({
      code: 'CGW_IP_SHARED',
      severity: 'warning',
      path: ['connectivity', 'customerGateway', 'ip'],
    });
    expect(f.message).toMatch(
      /^8\.8\.4\.4 is the customer gateway of 2 customers \(customers\/acme-corp\.yaml, customers\/globex\.yaml\)/,
    );
  });
});
