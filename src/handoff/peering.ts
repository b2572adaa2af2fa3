/** The handoff of a VPC peering customer: accept the request, route, allow in, DNS. */
import type { VpcPeeringConnectivity } from '../config/types';
import {
  type Body,
  type Ctx,
  allowInStep,
  deployFirst,
  missingReason,
  portRanges,
  portsText,
  recordAcceptance,
} from './context';
import type { Step, ValueRow } from './document';
import { type Sentence, shell, v } from './text';

/** AWS deletes a peering request that is not accepted within this many days. */
const PEERING_ACCEPT_DAYS = 7;

/** Placeholder for the pcx id in commands before deploy. */
const PCX_PLACEHOLDER = 'PEERING_CONNECTION_ID';

export function peering(ctx: Ctx, p: VpcPeeringConnectivity): Body {
  const { customer, peering: live } = ctx.input;
  const pcx = ctx.out.str('vpc_peering_connection_id');
  const peerAccount = ctx.out.str('peer_account_id') ?? p.peer.accountId;
  const peerVpc = ctx.out.str('peer_vpc_id') ?? p.peer.vpcId;
  const peerRegion = ctx.out.str('peer_region') ?? p.peer.region;
  for (const [label, deployed, file] of [
    ['account', ctx.out.str('peer_account_id'), p.peer.accountId],
    ['VPC', ctx.out.str('peer_vpc_id'), p.peer.vpcId],
    ['region', ctx.out.str('peer_region'), p.peer.region],
  ] as const) {
    if (deployed !== undefined && deployed !== file) {
      ctx.warnings.push([
        `The deployed peering targets ${label} `,
        v(deployed),
        ` but the file says `,
        v(file),
        `: deploy the change first (it replaces the peering request).`,
      ]);
    }
  }
  const pcxWord = pcx ? v(pcx) : PCX_PLACEHOLDER;
  const deadline: Sentence = live?.expiresAt
    ? [`AWS deletes the request if it is not accepted by `, v(live.expiresAt), '.']
    : ctx.deployed
      ? [
          `AWS deletes the request if it is not accepted within ${PEERING_ACCEPT_DAYS} days of the deploy that created it (`,
          v(`npm run status -- ${customer.id}`),
          ` shows the exact deadline).`,
        ]
      : [
          `Once the request exists, it must be accepted within ${PEERING_ACCEPT_DAYS} days, or AWS deletes it.`,
        ];
  const values: ValueRow[] = [
    pcx
      ? { label: 'Peering connection id', value: pcx }
      : { label: 'Peering connection id', pending: missingReason(ctx) },
    { label: 'Your account (accepter)', value: peerAccount },
    { label: 'Your VPC', value: peerVpc },
    { label: 'Your region (where the request waits)', value: peerRegion },
    { label: 'Your networks the vendor routes to', value: p.routes.join(', ') },
    { label: 'TCP ports the vendor connects to', value: portsText(p.allowedTcpPorts) },
  ];
  if (live?.expiresAt) values.push({ label: 'Request expires', value: live.expiresAt });

  const pending: Sentence[] = [];
  if (!pcx) {
    pending.push(
      ctx.deployed
        ? ['The peering connection id is not in the stack outputs yet (', v(missingReason(ctx)), ').']
        : [
            'The vendor has not deployed this connection yet. The deploy creates the peering request from the vendor VPC to your VPC ',
            v(peerVpc),
            ' in account ',
            v(peerAccount),
            ' (',
            v(peerRegion),
            '). Nothing to send first: please confirm these values and that every CIDR of that VPC is listed (',
            v(p.peer.cidrs.join(', ')),
            '), and have someone who may accept peering connections in that account ready.',
          ],
    );
  }

  const alreadyAccepted = p.accepted || live?.status === 'active';
  const steps: Step[] = [
    {
      title: 'Accept the peering request',
      done: alreadyAccepted,
      paragraphs: alreadyAccepted
        ? [['Accepted: nothing to do.']]
        : [
            [
              'In account ',
              v(peerAccount),
              ', region ',
              v(peerRegion),
              ', accept the request ',
              ...(pcx ? [v(pcx)] : ['(its id comes with the deploy)']),
              ' for your VPC ',
              v(peerVpc),
              '.',
            ],
            deadline,
            [
              'Console: VPC → Peering connections → select the request → Actions → Accept request. Or with the AWS CLI, as a principal allowed `ec2:AcceptVpcPeeringConnection`:',
            ],
          ],
      commands: alreadyAccepted
        ? undefined
        : [
            shell(
              'aws ec2 accept-vpc-peering-connection --vpc-peering-connection-id ',
              pcxWord,
              ' --region ',
              v(peerRegion),
            ),
          ],
    },
    {
      title: 'Route the vendor CIDR through the peering',
      paragraphs: [
        [
          'In every route table of your VPC whose subnets the vendor reaches (',
          v(p.routes.join(', ')),
          '), add a route to ',
          v(ctx.vendorCidr),
          ' with the peering connection as target. Replace ROUTE_TABLE_ID (repeat per route table):',
        ],
      ],
      commands: [
        shell(
          'aws ec2 create-route --route-table-id ROUTE_TABLE_ID --destination-cidr-block ',
          v(ctx.vendorCidr),
          ' --vpc-peering-connection-id ',
          pcxWord,
          ' --region ',
          v(peerRegion),
        ),
      ],
    },
    allowInStep(
      ctx,
      p.allowedTcpPorts,
      'in the security groups (and network ACLs) of the services the connectors reach. The vendor side sends nothing else. Replace SECURITY_GROUP_ID:',
      portRanges(p.allowedTcpPorts).map((r) =>
        shell(
          'aws ec2 authorize-security-group-ingress --group-id SECURITY_GROUP_ID --ip-permissions ',
          v(
            `IpProtocol=tcp,FromPort=${r.from},ToPort=${r.to},IpRanges=[{CidrIp=${ctx.vendorCidr},Description=linkforge ${customer.id}}]`,
          ),
          ' --region ',
          v(peerRegion),
        ),
      ),
    ),
  ];
  if (p.dnsResolution) {
    steps.push({
      title: 'Turn on DNS resolution for your side of the peering',
      paragraphs: [
        [
          "So the vendor's connectors resolve your VPC's public DNS names to private addresses, allow DNS resolution from the remote VPC on the accepter side (your side: only the owner of each side can set it). After accepting: Console: Peering connections → the connection → Actions → Edit DNS settings → allow the accepter VPC to resolve DNS of hosts in the requester VPC. Or:",
        ],
      ],
      commands: [
        shell(
          'aws ec2 modify-vpc-peering-connection-options --vpc-peering-connection-id ',
          pcxWord,
          ' --accepter-peering-connection-options AllowDnsResolutionFromRemoteVpc=true --region ',
          v(peerRegion),
        ),
      ],
    });
  }
  steps.push({
    title: 'Tell us',
    paragraphs: [
      [
        'Reply once the request is accepted and your routes are in place; we then finish our side and confirm the connection.',
      ],
    ],
  });

  const platformSteps: Sentence[] = [];
  if (!ctx.deployed) platformSteps.push(deployFirst(ctx));
  if (!p.accepted) {
    platformSteps.push(
      recordAcceptance(ctx, 'the peering active', p.dnsResolution ? ' (the DNS check then applies)' : ''),
    );
  }
  return {
    values,
    pending,
    steps,
    platformSteps,
    link: { kind: 'VPC peering', id: pcx },
    customer: { label: `Your VPC ${peerVpc} (account ${peerAccount}, ${peerRegion})`, networks: p.routes },
  };
}
