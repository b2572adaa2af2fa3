import { transitGatewayShared } from '../../../src/config/rules/transit-gateway-shared';
import { loaded, only, run, transitGateway, vpn } from './helpers';

const OTHER_SHARE = 'arn:aws:ram:us-west-2:444455556666:resource-share/0d9c8b7a-6f5e-4d3c-8b2a-1f0e9d8c7b6a';

/** Another customer, on the same transit gateway unless told otherwise, with its own share. */
const other = (
  changes: Parameters<typeof transitGateway>[0] = {},
  top: Parameters<typeof transitGateway>[1] = {},
) =>
  loaded(
    transitGateway(
      { ...changes, transitGateway: { resourceShareArn: OTHER_SHARE, ...changes.transitGateway } },
      { region: 'us-west-2', id: 'other', orgId: '1b2c3d4e-5f60-4a1b-8c2d-3e4f5a6b7c8d', ...top },
    ),
    'customers/other.yaml',
  );

describe('TGW_SHARE_DUPLICATE, TGW_ACCOUNT_CONFLICT, TGW_VENDOR_CIDR_OVERLAP', () => {
  it('rejects a share another file names, on any transit gateway, at the ARN', () => {
    const doc = transitGateway({ transitGateway: { resourceShareArn: OTHER_SHARE } });
    const f = only(
      run(transitGatewayShared, doc, {
        others: [other({ transitGateway: { id: 'tgw-0b1c2d3e4f5a67890' } })],
      }),
    );
    expect(f).toMatchObject({
      code: 'TGW_SHARE_DUPLICATE',
      severity: 'error',
      path: ['connectivity', 'transitGateway', 'resourceShareArn'],
    });
    expect(f.message).toMatch(
      /^is also the share of customers\/other\.yaml; expected one resource share per customer file/,
    );
  });

  it('accepts files on other transit gateways, and on the same one with disjoint vendor CIDRs', () => {
    const doc = transitGateway();
    expect(
      run(transitGatewayShared, doc, {
        others: [other({ transitGateway: { id: 'tgw-0b1c2d3e4f5a67890' } })],
      }),
    ).toEqual([]);
    expect(
      run(transitGatewayShared, doc, { others: [other({}, { vendorCidr: '10.200.0.128/25' })] }),
    ).toEqual([]);
    expect(run(transitGatewayShared, doc, { others: [loaded(vpn(), 'customers/v.yaml')] })).toEqual([]);
  });

  it('rejects another owner for the same transit gateway, naming the other file', () => {
    const f = only(
      run(transitGatewayShared, transitGateway({}, { region: 'us-west-2', vendorCidr: '10.201.0.0/25' }), {
        others: [other({ transitGateway: { accountId: '777788889999' } })],
      }),
    );
    expect(f).toMatchObject({
      code: 'TGW_ACCOUNT_CONFLICT',
      severity: 'error',
      path: ['connectivity', 'transitGateway', 'accountId'],
    });
    expect(f.message).toContain('customers/other.yaml says 777788889999');
  });

  it('rejects overlapping vendor CIDRs with the first free range as the fix (default: at transitGateway.id)', () => {
    const f = only(run(transitGatewayShared, transitGateway(), { others: [other({})] }));
    expect(f).toMatchObject({
      code: 'TGW_VENDOR_CIDR_OVERLAP',
      path: ['connectivity', 'transitGateway', 'id'],
    });
    expect(f.message).toContain('platform default 10.200.0.0/25');
    expect(f.message).toContain('customers/other.yaml (vendorCidr 10.200.0.0/25)');
    expect(f.message).toMatch(
      /a free range on this transit gateway is 10\.200\.0\.128\/25: set vendorCidr: 10\.200\.0\.128\/25/,
    );
  });

  it('points at vendorCidr when written, and the fix avoids every vendor VPC and network on the gateway', () => {
    const doc = transitGateway(
      { cidrs: ['10.200.0.128/25'] },
      { region: 'us-west-2', vendorCidr: '10.200.0.0/26' },
    );
    const f = only(
      run(transitGatewayShared, doc, {
        others: [other({ cidrs: ['172.20.0.0/16'] }, { vendorCidr: '10.200.0.0/25' })],
      }),
    );
    expect(f.path).toEqual(['vendorCidr']);
    // 10.200.0.0/25 is the other vendor VPC, 10.200.0.128/25 this customer's network.
    expect(f.message).toMatch(/free range on this transit gateway is 10\.200\.1\.0\/26/);
  });
});
