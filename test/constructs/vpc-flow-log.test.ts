import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { VendorVpc } from '../../src/constructs/vendor-vpc';
import type { VpcFlowLogDestination } from '../../src/constructs/vpc-flow-log';
import { ofType, synthScope, type Json } from '../stacks/synth-helpers';

function synth(flowLogDestination?: VpcFlowLogDestination): Json {
  return synthScope((scope) => {
    new VendorVpc(scope, 'vendor-vpc', {
      cidr: '10.200.0.0/25',
      availabilityZones: ['eu-west-1a', 'eu-west-1b'],
      name: 'acme',
      flowLogDestination,
    });
  });
}

const only = (json: Json, type: string): Json => {
  const all = Object.values(ofType(json, type));
  expect(all).toHaveLength(1);
  return all[0];
};

describe('VpcFlowLog (on every vendor VPC)', () => {
  it('by default logs all traffic to a log group of the VPC, kept 365 days, through a role of its own', () => {
    const json = synth();
    const group = only(json, CloudwatchLogGroup.tfResourceType);
    expect(group).toMatchObject({ name: '/linkforge/acme/vpc-flow-logs', retention_in_days: 365 });
    expect(group.kms_key_id).toBeUndefined();
    const flowLog = only(json, FlowLog.tfResourceType);
    expect(flowLog).toMatchObject({
      traffic_type: 'ALL',
      log_destination_type: 'cloud-watch-logs',
      vpc_id: expect.stringMatching(/^\$\{aws_vpc\..*\.id\}$/),
      log_destination: expect.stringMatching(/^\$\{aws_cloudwatch_log_group\..*\.arn\}$/),
      iam_role_arn: expect.stringMatching(/^\$\{aws_iam_role\..*\.arn\}$/),
    });
    const trust = JSON.parse(String(only(json, IamRole.tfResourceType).assume_role_policy));
    expect(trust.Statement).toEqual([
      { Effect: 'Allow', Principal: { Service: 'vpc-flow-logs.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
    const policy = only(json, IamRolePolicy.tfResourceType).policy as string;
    // Writes only to its own log group (the ARN is a token in the JSON string).
    expect(policy).toMatch(/logs:PutLogEvents/);
    expect(policy).toMatch(/aws_cloudwatch_log_group\.[^.]+\.arn\}:\*/);
    expect(policy).not.toMatch(/"logs:\*"/);
  });

  it('applies the retention and KMS key it is given', () => {
    const kms = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const group = only(
      synth({ type: 'cloud-watch-logs', retentionDays: 90, kmsKeyArn: kms }),
      CloudwatchLogGroup.tfResourceType,
    );
    expect(group).toMatchObject({ retention_in_days: 90, kms_key_id: kms });
  });

  it('to a central S3 bucket: the flow log only, no log group and no role', () => {
    const json = synth({ type: 's3', arn: 'arn:aws:s3:::central-flow-logs/linkforge' });
    expect(only(json, FlowLog.tfResourceType)).toMatchObject({
      traffic_type: 'ALL',
      log_destination_type: 's3',
      log_destination: 'arn:aws:s3:::central-flow-logs/linkforge',
    });
    expect(only(json, FlowLog.tfResourceType).iam_role_arn).toBeUndefined();
    for (const t of [CloudwatchLogGroup.tfResourceType, IamRole.tfResourceType, IamRolePolicy.tfResourceType])
      expect(ofType(json, t)).toEqual({});
  });
});
