import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';

/** Where the flow log records go. */
export type VpcFlowLogDestination =
  | {
      readonly type: 'cloud-watch-logs';
      /** Days the log group keeps records. */
      readonly retentionDays: number;
      /** Customer-managed KMS key of the log group. @default - CloudWatch Logs' own encryption */
      readonly kmsKeyArn?: string;
    }
  | {
      readonly type: 's3';
      /** Bucket ARN, optionally with a key prefix (`arn:aws:s3:::bucket/prefix`). */
      readonly arn: string;
    };

export interface VpcFlowLogProps {
  /** The VPC whose traffic is logged. */
  readonly vpcId: string;
  /** Prefix of names and `Name` tags, e.g. the customer id. */
  readonly name: string;
  /** Log group per VPC, or a central S3 bucket. */
  readonly destination: VpcFlowLogDestination;
}

/**
 * A VPC flow log of all traffic (accepted and rejected), as CIS AWS Foundations 3.9 / checkov
 * CKV2_AWS_11 ask for every VPC.
 *
 * To CloudWatch Logs: a log group `/linkforge/<name>/vpc-flow-logs` and the IAM role the flow-logs
 * service assumes to write to it (trust limited to flow logs of this account's region; permissions
 * limited to this log group). To S3: no role; the bucket policy of the central bucket must let the
 * `delivery.logs.amazonaws.com` service write (the platform owns that bucket). Every argument of
 * `aws_flow_log` forces a replacement, which only drops records for the seconds in between.
 * https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-cwl.html
 */
export class VpcFlowLog extends Construct {
  public readonly flowLog: FlowLog;
  /** Present with a CloudWatch Logs destination. */
  public readonly logGroup?: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: VpcFlowLogProps) {
    super(scope, id);
    const d = props.destination;
    if (d.type === 's3') {
      this.flowLog = new FlowLog(this, 'flow-log', {
        vpcId: props.vpcId,
        trafficType: 'ALL',
        logDestinationType: 's3',
        logDestination: d.arn,
        tags: { Name: props.name },
      });
      return;
    }

    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: `/linkforge/${props.name}/vpc-flow-logs`,
      retentionInDays: d.retentionDays,
      ...(d.kmsKeyArn ? { kmsKeyId: d.kmsKeyArn } : {}),
      tags: { Name: `${props.name}-vpc-flow-logs` },
    });
    const role = new IamRole(this, 'role', {
      // No name: IAM names are global to the account and limited to 64 characters, which a long
      // customer id would overflow; AWS generates a unique one and the tags say whose it is.
      description: `linkforge: VPC flow logs of ${props.name} to CloudWatch Logs`,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
            Action: 'sts:AssumeRole',
          },
        ],
      }),
      tags: { Name: `${props.name}-vpc-flow-logs` },
    });
    new IamRolePolicy(this, 'role-policy', {
      role: role.id,
      name: 'write-flow-logs',
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
            Resource: [this.logGroup.arn, `${this.logGroup.arn}:*`],
          },
          // The service checks the group exists before delivering; DescribeLogGroups takes no ARN.
          { Effect: 'Allow', Action: 'logs:DescribeLogGroups', Resource: '*' },
        ],
      }),
    });
    this.flowLog = new FlowLog(this, 'flow-log', {
      vpcId: props.vpcId,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: this.logGroup.arn,
      iamRoleArn: role.arn,
      tags: { Name: props.name },
    });
  }
}
