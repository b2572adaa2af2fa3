import { Construct } from 'constructs';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';

export interface TunnelAlarmsProps {
  /** Outside IP address of each monitored tunnel (tunnel 1 first); one alarm each. */
  readonly tunnelAddresses: readonly string[];
  /** Prefix of the alarm names, e.g. the customer id. */
  readonly name: string;
  /**
   * SNS topic ARNs notified when a tunnel goes down (ALARM) and when it is back (OK). They must be
   * in the alarm's region. @default [] (no actions: the alarm only changes state)
   */
  readonly actions?: readonly string[];
}

/**
 * One CloudWatch alarm per monitored VPN tunnel on AWS/VPN `TunnelState` (1 up, 0 down), keyed by
 * the tunnel's outside address. Ids are `tunnel-1`, `tunnel-2`: the tunnel number, not the address,
 * because the address only exists once the VPN connection does.
 *
 * Actions are the platform's choice (the `alarmTopicArns` setting), never a customer's: the same
 * topics get ALARM and OK, so whoever is paged also learns that the tunnel is back.
 */
export class TunnelAlarms extends Construct {
  public readonly alarms: readonly CloudwatchMetricAlarm[];

  constructor(scope: Construct, id: string, props: TunnelAlarmsProps) {
    super(scope, id);
    this.alarms = props.tunnelAddresses.map((address, i) => {
      const n = i + 1;
      return new CloudwatchMetricAlarm(this, `tunnel-${n}`, {
        alarmName: `${props.name}-vpn-tunnel-${n}-down`,
        alarmDescription: `VPN tunnel ${n} of ${props.name} is down`,
        namespace: 'AWS/VPN',
        metricName: 'TunnelState',
        dimensions: { TunnelIpAddress: address },
        statistic: 'Maximum',
        comparisonOperator: 'LessThanThreshold',
        threshold: 1,
        // Two consecutive 5-minute periods: an IKE rekey does not page anyone.
        period: 300,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        // No data means nobody can say the tunnel is up.
        treatMissingData: 'breaching',
        ...(props.actions && props.actions.length > 0
          ? { alarmActions: [...props.actions], okActions: [...props.actions] }
          : {}),
      });
    });
  }
}
