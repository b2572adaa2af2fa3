import { transitGatewayShare } from '../../../src/config/rules/transit-gateway-share';
import { only, peering, run, transitGateway } from './helpers';

const arn = (region: string, account: string) =>
  `arn:aws:ram:${region}:${account}:resource-share/5f0c3a2e-9b1d-4e8f-a7c6-1d2e3f4a5b6c`;
const ARN_PATH = ['connectivity', 'transitGateway', 'resourceShareArn'];

describe('TGW_SHARE_REGION, TGW_SHARE_ACCOUNT', () => {
  it("accepts a share in the transit gateway's region, owned by its account", () => {
    expect(run(transitGatewayShare, transitGateway())).toEqual([]);
    expect(run(transitGatewayShare, peering())).toEqual([]);
  });

  it('rejects a share in another region, at the ARN', () => {
    const f = only(
      run(
        transitGatewayShare,
        transitGateway({ transitGateway: { resourceShareArn: arn('us-east-1', '444455556666') } }),
      ),
    );
    expect(f).toMatchObject({ code: 'TGW_SHARE_REGION', severity: 'error', path: ARN_PATH });
    expect(f.message).toMatch(
      /^is in us-east-1 but region is us-west-2; expected .*: use the ARN of the share in us-west-2/,
    );
  });

  it('leaves a missing region to REGION_REQUIRED', () => {
    const doc = transitGateway({}, {});
    expect(run(transitGatewayShare, doc)).toEqual([]);
  });

  it('rejects a share owned by another account, at the ARN', () => {
    const f = only(
      run(
        transitGatewayShare,
        transitGateway({ transitGateway: { resourceShareArn: arn('us-west-2', '111122223333') } }),
      ),
    );
    expect(f).toMatchObject({ code: 'TGW_SHARE_ACCOUNT', severity: 'error', path: ARN_PATH });
    expect(f.message).toMatch(
      /^belongs to account 111122223333 but transitGateway.accountId is 444455556666/,
    );
  });

  it('reports both when both are wrong', () => {
    const findings = run(
      transitGatewayShare,
      transitGateway({ transitGateway: { resourceShareArn: arn('eu-west-1', '111122223333') } }),
    );
    expect(findings.map((f) => f.code)).toEqual(['TGW_SHARE_REGION', 'TGW_SHARE_ACCOUNT']);
  });
});
