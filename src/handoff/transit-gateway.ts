/** The handoff of a transit gateway customer: share, accept, associate and route, allow in. */
import type { TransitGatewayConnectivity } from '../config/types';
import { type Body, type Ctx, allowInStep, missingReason, portsText, recordAcceptance } from './context';
import type { Step, ValueRow } from './document';
import { type Sentence, shell, v } from './text';

/** Placeholder for the attachment id in commands before deploy. */
const ATTACHMENT_PLACEHOLDER = 'TRANSIT_GATEWAY_ATTACHMENT_ID';

export function transitGateway(ctx: Ctx, t: TransitGatewayConnectivity): Body {
  const { customer } = ctx.input;
  const tgwId = ctx.out.str('transit_gateway_id') ?? t.transitGateway.id;
  const attachment = ctx.out.str('transit_gateway_attachment_id');
  const shareArn = ctx.out.str('resource_share_arn') ?? t.transitGateway.resourceShareArn;
  const owner = t.transitGateway.accountId;
  if (ctx.out.str('transit_gateway_id') && ctx.out.str('transit_gateway_id') !== t.transitGateway.id) {
    ctx.warnings.push([
      'The deployed attachment is to ',
      v(ctx.out.str('transit_gateway_id')!),
      ' but the file says ',
      v(t.transitGateway.id),
      ': deploy the change first (it replaces the attachment).',
    ]);
  }
  const attachmentWord = attachment ? v(attachment) : ATTACHMENT_PLACEHOLDER;
  const values: ValueRow[] = [
    attachment
      ? { label: 'Transit gateway attachment id', value: attachment }
      : { label: 'Transit gateway attachment id', pending: missingReason(ctx) },
    { label: 'Your transit gateway', value: tgwId },
    { label: 'Your account (owner of the transit gateway)', value: owner },
    { label: 'Your AWS RAM share', value: shareArn },
    { label: 'Your networks the vendor routes to', value: t.cidrs.join(', ') },
    { label: 'TCP ports the vendor connects to', value: portsText(t.allowedTcpPorts) },
  ];
  const pending: Sentence[] = [];
  if (!ctx.deployed) {
    pending.push([
      'The vendor has not deployed this connection yet. Before the deploy, your AWS RAM share ',
      v(shareArn),
      ' must share the transit gateway ',
      v(tgwId),
      " with the vendor's AWS account (we give you its id), or the deploy cannot accept the share and attach. If the share does not exist yet, create it in account ",
      v(owner),
      ' and send us its ARN (step 1).',
    ]);
  } else if (!attachment) {
    pending.push(['The attachment id is not in the stack outputs yet (', v(missingReason(ctx)), ').']);
  }
  const tgwArn = `arn:aws:ec2:${ctx.region}:${owner}:transit-gateway/${tgwId}`;
  const steps: Step[] = [];
  if (!ctx.deployed) {
    steps.push({
      title: 'Share the transit gateway with the vendor',
      paragraphs: [
        [
          'In account ',
          v(owner),
          ', region ',
          v(ctx.region),
          ': AWS RAM console → Resource shares → Create resource share → resource type Transit gateways → ',
          v(tgwId),
          " → principal: the vendor's AWS account. Or:",
        ],
      ],
      commands: [
        shell(
          'aws ram create-resource-share --name ',
          v(`linkforge-${customer.id}`),
          ' --resource-arns ',
          v(tgwArn),
          ' --principals VENDOR_ACCOUNT_ID --region ',
          v(ctx.region),
        ),
      ],
    });
  }
  steps.push(
    {
      title: 'Accept the attachment',
      done: t.accepted,
      paragraphs: t.accepted
        ? [['Accepted: nothing to do.']]
        : [
            [
              'The vendor VPC requests an attachment to your transit gateway ',
              v(tgwId),
              ': ',
              ...(attachment ? [v(attachment)] : ['its id comes with the deploy']),
              '. Unless your transit gateway accepts shared attachments automatically, accept it in account ',
              v(owner),
              ': VPC console → Transit gateway attachments → select it → Actions → Accept. Or:',
            ],
          ],
      commands: t.accepted
        ? undefined
        : [
            shell(
              'aws ec2 accept-transit-gateway-vpc-attachment --transit-gateway-attachment-id ',
              attachmentWord,
              ' --region ',
              v(ctx.region),
            ),
          ],
    },
    {
      title: 'Associate and propagate in your transit gateway route table',
      paragraphs: [
        [
          'Unless your transit gateway associates and propagates new attachments by default: associate the attachment with the transit gateway route table your networks use, and propagate it (or add a static route to ',
          v(ctx.vendorCidr),
          ' through it). Replace TGW_ROUTE_TABLE_ID:',
        ],
      ],
      commands: [
        shell(
          'aws ec2 associate-transit-gateway-route-table --transit-gateway-route-table-id TGW_ROUTE_TABLE_ID --transit-gateway-attachment-id ',
          attachmentWord,
          ' --region ',
          v(ctx.region),
        ),
        shell(
          'aws ec2 enable-transit-gateway-route-table-propagation --transit-gateway-route-table-id TGW_ROUTE_TABLE_ID --transit-gateway-attachment-id ',
          attachmentWord,
          ' --region ',
          v(ctx.region),
        ),
      ],
    },
    {
      title: 'Route the vendor CIDR to the transit gateway',
      paragraphs: [
        [
          'In the route tables of your networks the vendor reaches (',
          v(t.cidrs.join(', ')),
          '), route ',
          v(ctx.vendorCidr),
          ' to the transit gateway. Replace ROUTE_TABLE_ID (repeat per route table):',
        ],
      ],
      commands: [
        shell(
          'aws ec2 create-route --route-table-id ROUTE_TABLE_ID --destination-cidr-block ',
          v(ctx.vendorCidr),
          ' --transit-gateway-id ',
          v(tgwId),
          ' --region ',
          v(ctx.region),
        ),
      ],
    },
    allowInStep(
      ctx,
      t.allowedTcpPorts,
      'in the security groups and firewalls in front of the services the connectors reach.',
    ),
    {
      title: 'Tell us',
      paragraphs: [
        [
          'Reply once the attachment is accepted and routed; we then add our routes to your networks and confirm.',
        ],
      ],
    },
  );
  const platformSteps: Sentence[] = [];
  if (!ctx.deployed) {
    platformSteps.push([
      "Send the customer the vendor account's id for the share, deploy (",
      v(`npx cdktf deploy ${customer.id}`),
      ') once the share exists, then regenerate this document.',
    ]);
  }
  if (!t.accepted) {
    platformSteps.push(
      recordAcceptance(
        ctx,
        'the attachment available',
        ' (that creates the routes to the customer networks)',
      ),
    );
  }
  return {
    values,
    pending,
    steps,
    platformSteps,
    link: { kind: 'Transit gateway', id: attachment, detail: tgwId },
    customer: { label: `Your transit gateway ${tgwId} (account ${owner})`, networks: t.cidrs },
  };
}
