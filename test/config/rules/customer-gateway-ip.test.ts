import { customerGatewayIp } from '../../../src/config/rules/customer-gateway-ip';
import { only, run, vpn } from './helpers';

const PATH = ['connectivity', 'customerGateway', 'ip'];

describe('CGW_IP_NOT_PUBLIC / CGW_IP_DOCUMENTATION', () => {
  it.each([
    '8.8.4.4',
    '1.1.1.1',
    '192.0.1.255',
    '198.17.255.255',
    '198.20.0.0',
    '223.255.255.255',
    '100.128.0.1',
    '172.32.0.1',
  ])('accepts public %s', (ip) => {
    expect(run(customerGatewayIp, vpn({ customerGateway: { ip } }))).toEqual([]);
  });

  it.each([
    ['0.1.2.3', '0.0.0.0/8'],
    ['10.1.2.3', '10.0.0.0/8'],
    ['100.64.0.1', '100.64.0.0/10'],
    ['127.0.0.1', '127.0.0.0/8'],
    ['169.254.169.254', '169.254.0.0/16'],
    ['172.31.255.255', '172.16.0.0/12'],
    ['192.0.0.9', '192.0.0.0/24'],
    ['192.168.1.1', '192.168.0.0/16'],
    ['198.19.0.1', '198.18.0.0/15'],
    ['239.1.1.1', '224.0.0.0/4'],
    ['255.255.255.255', '240.0.0.0/4'],
  ])('rejects %s in %s', (ip, range) => {
    const f = only(run(customerGatewayIp, vpn({ customerGateway: { ip } })));
    expect(f).toMatchObject({ code: 'CGW_IP_NOT_PUBLIC', severity: 'error', path: PATH });
    expect(f.message).toMatch(
      new RegExp(`^${ip.replace(/\./g, '\\.')} is in ${range.replace(/\./g, '\\.')} \\(`),
    );
    expect(f.message).toContain("expected the public IPv4 address of the customer's VPN device");
  });

  it.each(['192.0.2.10', '198.51.100.7', '203.0.113.255'])('warns about documentation address %s', (ip) => {
    const f = only(run(customerGatewayIp, vpn({ customerGateway: { ip } })));
    expect(f).toMatchObject({ code: 'CGW_IP_DOCUMENTATION', severity: 'warning', path: PATH });
    expect(f.message).toContain('RFC 5737');
  });
});
