/**
 * The handoff document of one customer as data: what the customer must do, in order, with their
 * exact values. Pure: built from the validated customer, the stack's outputs (or their absence
 * before deploy) and, when asked for, what AWS said about the peering request; renderers turn it
 * into Markdown (markdown.ts) or JSON (json.ts).
 *
 * Values come from the stack's outputs first (what is deployed), then from the customer file for
 * the values the customer gave us (account, VPC, gateway address), which are right before deploy
 * too. A value that only the deploy creates is "pending" until the outputs have it.
 */
import { cidr, blockSize, formatBlock } from '../net/ipv4';
import type {
  Customer,
  PortRange,
  SiteToSiteVpnConnectivity,
  TransitGatewayConnectivity,
  VpcPeeringConnectivity,
} from '../config/types';
import type { StackOutputs } from './outputs';
import { type Sentence, shell, v } from './text';
import { tunnelParameters, type Parameter } from './tunnel-parameters';

/** The connectivity types a handoff document exists for. */
export const HANDOFF_TYPES: readonly string[] = ['vpc-peering', 'site-to-site-vpn', 'transit-gateway'];

/** AWS deletes a peering request that is not accepted within this many days. */
export const PEERING_ACCEPT_DAYS = 7;

/** A row of the values table: a value, or why it is not known yet. */
export interface ValueRow {
  readonly label: string;
  readonly value?: string;
  /** Why the value is missing (set exactly when `value` is undefined). */
  readonly pending?: string;
}

/** One numbered step for the customer. */
export interface Step {
  readonly title: string;
  readonly paragraphs: readonly Sentence[];
  /** Shell commands (values already shell-quoted), shown as one code block. */
  readonly commands?: readonly string[];
  /** Done already (for example a peering the file records as accepted): shown, not numbered as open. */
  readonly done?: boolean;
}

/** Per-tunnel sheet of a VPN: one column per tunnel the customer configures. */
export interface TunnelSheet {
  readonly tunnels: readonly {
    readonly number: 1 | 2;
    readonly rows: readonly ValueRow[];
  }[];
  /** Parameters shared by every tunnel. */
  readonly parameters: readonly Parameter[];
}

/** The picture: the vendor VPC and its subnets, the link, the customer's networks. */
export interface Topology {
  readonly vendor: {
    readonly region: string;
    readonly cidr: string;
    readonly vpcId?: string;
    readonly subnets: readonly { readonly cidr: string; readonly zone: string }[];
  };
  readonly link: { readonly kind: string; readonly id?: string; readonly detail?: string };
  readonly customer: { readonly label: string; readonly networks: readonly string[] };
}

export interface Handoff {
  readonly id: string;
  readonly name: string;
  readonly type: Customer['connectivity']['type'];
  /** Whether the stack's state has outputs (it has been deployed). */
  readonly deployed: boolean;
  readonly values: readonly ValueRow[];
  readonly tunnels?: TunnelSheet;
  /** Before deploy, or when outputs are missing: what is pending and what the customer must do first. */
  readonly pending: readonly Sentence[];
  readonly steps: readonly Step[];
  /** Things the platform team must know before sending (file and state disagree, …). */
  readonly warnings: readonly Sentence[];
  /** What the platform team does to complete the handoff (never part of the customer's steps). */
  readonly platformSteps: readonly Sentence[];
  readonly topology: Topology;
  /** AWS's sample configuration for the customer's device, pre-shared keys removed. */
  readonly deviceConfiguration?: { readonly device: string; readonly text: string };
}

/** What AWS said about the peering request (`handoff --live`). */
export interface PeeringLiveInfo {
  readonly status?: string;
  /** ISO 8601; AWS's `ExpirationTime` of a pending request. */
  readonly expiresAt?: string;
}

export interface HandoffInput {
  readonly customer: Customer;
  /** The customer file, for messages (`customers/acme-corp.yaml`). */
  readonly file: string;
  /** The stack's outputs; undefined when the state has none (not deployed yet, or destroyed). */
  readonly outputs?: StackOutputs;
  /** The two availability zones of the vendor subnets (platform settings). */
  readonly availabilityZones: readonly [string, string];
  readonly peering?: PeeringLiveInfo;
  readonly deviceConfiguration?: { readonly device: string; readonly text: string };
}

/** Typed access to outputs: a value of the wrong type counts as missing. */
class Outputs {
  constructor(private readonly o: StackOutputs | undefined) {}
  str(name: string): string | undefined {
    const x = this.o?.[name];
    if (typeof x === 'string' && x !== '') return x;
    if (typeof x === 'number') return String(x);
    return undefined;
  }
  list(name: string): string[] | undefined {
    const x = this.o?.[name];
    return Array.isArray(x) && x.every((e) => typeof e === 'string') ? (x as string[]) : undefined;
  }
}

/** The four equal quarters of the vendor CIDR (the stack's layout: private A, private B, public, spare). */
export function vendorQuarters(vendorCidr: string): string[] {
  const block = cidr(vendorCidr);
  const size = blockSize(block.prefix + 2);
  return [0, 1, 2, 3].map((i) =>
    formatBlock({ network: block.network + i * size, prefix: block.prefix + 2 }),
  );
}

/** `443`, `5432-5433`, or every TCP port. */
export function portsText(ports: readonly PortRange[] | undefined): string {
  if (!ports) return 'all TCP ports';
  return ports.map((p) => (p.from === p.to ? `${p.from}` : `${p.from}-${p.to}`)).join(', ');
}

export function buildHandoff(input: HandoffInput): Handoff {
  const c = input.customer;
  const out = new Outputs(input.outputs);
  const deployed = input.outputs !== undefined;
  const ctx: Ctx = {
    input,
    out,
    deployed,
    vendorCidr: out.str('vendor_cidr') ?? c.vendorCidr,
    region: out.str('vendor_region') ?? c.region,
    warnings: [],
  };
  if (out.str('vendor_cidr') && out.str('vendor_cidr') !== c.vendorCidr) {
    ctx.warnings.push([
      `The deployed vendor CIDR `,
      v(out.str('vendor_cidr')!),
      ` differs from the file's `,
      v(c.vendorCidr),
      `: deploy the change before sending this document.`,
    ]);
  }
  const conn = c.connectivity;
  let body: Body;
  switch (conn.type) {
    case 'vpc-peering':
      body = peering(ctx, conn);
      break;
    case 'site-to-site-vpn':
      body = vpn(ctx, conn);
      break;
    case 'transit-gateway':
      body = transitGateway(ctx, conn);
      break;
    default:
      throw new Error(`no handoff for connectivity type '${(conn as { type: string }).type}'`);
  }
  const quarters = vendorQuarters(ctx.vendorCidr);
  return {
    id: c.id,
    name: c.name,
    type: conn.type,
    deployed,
    values: [
      { label: 'Vendor VPC region', value: ctx.region },
      { label: 'Vendor CIDR (allow and route this)', value: ctx.vendorCidr },
      valueOrPending(ctx, 'Vendor VPC id', 'vendor_vpc_id'),
      ...body.values,
    ],
    tunnels: body.tunnels,
    pending: body.pending,
    steps: body.steps,
    warnings: ctx.warnings,
    platformSteps: body.platformSteps,
    topology: {
      vendor: {
        region: ctx.region,
        cidr: ctx.vendorCidr,
        vpcId: out.str('vendor_vpc_id'),
        subnets: [
          { cidr: quarters[0], zone: input.availabilityZones[0] },
          { cidr: quarters[1], zone: input.availabilityZones[1] },
        ],
      },
      link: body.link,
      customer: body.customer,
    },
    deviceConfiguration: input.deviceConfiguration,
  };
}

interface Ctx {
  readonly input: HandoffInput;
  readonly out: Outputs;
  readonly deployed: boolean;
  readonly vendorCidr: string;
  readonly region: string;
  readonly warnings: Sentence[];
}

interface Body {
  readonly values: ValueRow[];
  readonly tunnels?: TunnelSheet;
  readonly pending: Sentence[];
  readonly steps: Step[];
  readonly platformSteps: Sentence[];
  readonly link: Topology['link'];
  readonly customer: Topology['customer'];
}

const CREATED_BY_DEPLOY = 'created by the deploy';

/** Why an output is missing: not deployed yet, or deployed by a linkforge that did not publish it. */
function missingReason(ctx: Ctx): string {
  return ctx.deployed
    ? `not in the stack's outputs: run \`cdktf deploy ${ctx.input.customer.id}\` with this version of linkforge to publish it`
    : CREATED_BY_DEPLOY;
}

function valueOrPending(ctx: Ctx, label: string, output: string, fallback?: string | number): ValueRow {
  const value = ctx.out.str(output) ?? (fallback === undefined ? undefined : String(fallback));
  return value === undefined ? { label, pending: missingReason(ctx) } : { label, value };
}

/** The step that opens the customer's side to the connectors: vendor CIDR × TCP ports. */
function allowInStep(
  ctx: Ctx,
  ports: readonly PortRange[] | undefined,
  where: string,
  commands?: string[],
): Step {
  return {
    title: "Allow the vendor's connectors in",
    paragraphs: [['Allow inbound TCP from ', v(ctx.vendorCidr), ' on ', v(portsText(ports)), ` ${where}`]],
    commands,
  };
}

/** The platform team's step before a deploy. */
function deployFirst(ctx: Ctx): Sentence {
  return [
    'Deploy first: ',
    v(`npx cdktf deploy ${ctx.input.customer.id}`),
    ', then regenerate this document.',
  ];
}

/** The platform team's step once the customer accepted: record it in the file and deploy. */
function recordAcceptance(ctx: Ctx, awsState: string, effect: string): Sentence {
  return [
    'When ',
    v(`npm run status -- ${ctx.input.customer.id}`),
    ` reports ${awsState}, set `,
    v('accepted: true'),
    ' in ',
    v(ctx.input.file),
    ` and deploy it${effect}.`,
  ];
}

/** Placeholder for the pcx id in commands before deploy. */
const PCX_PLACEHOLDER = 'PEERING_CONNECTION_ID';

function peering(ctx: Ctx, p: VpcPeeringConnectivity): Body {
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

function portRanges(ports: readonly PortRange[] | undefined): readonly PortRange[] {
  return ports ?? [{ from: 0, to: 65535 }];
}

function vpn(ctx: Ctx, c: SiteToSiteVpnConnectivity): Body {
  const { customer } = ctx.input;
  const out = ctx.out;
  const bgp = c.routing === 'bgp';
  const vpnId = out.str('vpn_connection_id');
  const amazonAsn = out.str('amazon_side_asn') ?? String(c.amazonSideAsn);
  const customerAsn =
    out.str('customer_bgp_asn') ??
    (c.customerGateway.bgpAsn === undefined ? undefined : String(c.customerGateway.bgpAsn));
  const legacyAddresses = out.list('tunnel_outside_addresses');

  const numbers: (1 | 2)[] = c.tunnels === 2 ? [1, 2] : [1];
  const tunnels = numbers.map((n) => {
    const fileInside = c.tunnelOptions?.insideCidrs?.[n - 1];
    const rows: ValueRow[] = [
      valueOrPending(
        ctx,
        'Outside address (AWS endpoint)',
        `tunnel${n}_outside_address`,
        legacyAddresses?.[n - 1],
      ),
      { label: 'Your outside address (customer gateway)', value: c.customerGateway.ip },
      valueOrPending(ctx, 'Inside CIDR', `tunnel${n}_inside_cidr`, fileInside),
      valueOrPending(ctx, 'Your inside address', `tunnel${n}_customer_inside_address`),
      valueOrPending(ctx, 'AWS inside address', `tunnel${n}_aws_inside_address`),
    ];
    if (bgp) {
      rows.push({ label: 'Your BGP ASN', value: customerAsn }, { label: 'AWS BGP ASN', value: amazonAsn });
    }
    return {
      number: n,
      rows: rows.map((r) =>
        r.value === undefined && !r.pending ? { ...r, pending: missingReason(ctx) } : r,
      ),
    };
  });

  const values: ValueRow[] = [
    vpnId
      ? { label: 'VPN connection id', value: vpnId }
      : { label: 'VPN connection id', pending: missingReason(ctx) },
    valueOrPending(ctx, 'Customer gateway id', 'customer_gateway_id'),
    { label: 'Your VPN device public address', value: c.customerGateway.ip },
    { label: 'Routing', value: bgp ? 'BGP (dynamic)' : 'static' },
    { label: 'Tunnels to configure', value: String(c.tunnels) },
  ];
  if (!bgp) values.push({ label: 'Your networks (static routes on our side)', value: c.cidrs.join(', ') });

  const pending: Sentence[] = [];
  if (!ctx.deployed) {
    pending.push([
      'The vendor has not deployed this connection yet. The deploy creates the tunnels: their outside and inside addresses and the pre-shared keys exist only after it. Please confirm first: the public address of your VPN device ',
      v(c.customerGateway.ip),
      ...(bgp ? [', your BGP ASN ', v(customerAsn ?? '')] : [', your networks ', v(c.cidrs.join(', '))]),
      ', and that your device can reach the AWS endpoints on UDP 500 and 4500 (IKE, NAT traversal) and IP protocol 50 (ESP).',
    ]);
  } else if (tunnels.some((t) => t.rows.some((r) => r.pending))) {
    pending.push(['Some tunnel values are not in the stack outputs yet: ', v(missingReason(ctx))]);
  }

  const steps: Step[] = [
    {
      title: `Configure ${c.tunnels === 2 ? 'both IPsec tunnels' : 'the IPsec tunnel'} on your VPN device`,
      paragraphs: [
        [
          'Use the tunnel values and the IPsec parameters above',
          c.tunnels === 2
            ? ': configure both tunnels, so AWS maintenance or the loss of one endpoint is not an outage.'
            : '.',
        ],
        c.tunnelOptions?.startupAction === 'start'
          ? ['AWS starts the IKE negotiation (startup action `start`); your device must accept it.']
          : [
              'Your device starts the IKE negotiation: AWS waits for it (startup action `add`). Keep dead peer detection or traffic running so the tunnels stay up.',
            ],
      ],
    },
    {
      title: 'Pre-shared keys',
      paragraphs: [
        [
          'Each tunnel has its own pre-shared key, generated by AWS. We send them to you over a secure channel, never by plain email; they are deliberately not in this document.',
        ],
      ],
    },
    bgp
      ? {
          title: 'Exchange routes over BGP',
          paragraphs: [
            [
              'Run one BGP session per tunnel over the inside addresses: your ASN ',
              v(customerAsn ?? ''),
              ', AWS ASN ',
              v(amazonAsn),
              '. Announce the networks the vendor should reach',
              ...(c.cidrs.length > 0 ? [' (', v(c.cidrs.join(', ')), ')'] : []),
              '; you receive ',
              v(ctx.vendorCidr),
              '.',
            ],
          ],
        }
      : {
          title: 'Route the vendor CIDR through the tunnels',
          paragraphs: [
            [
              'Add a static route for ',
              v(ctx.vendorCidr),
              ' through the tunnels. We route your networks ',
              v(c.cidrs.join(', ')),
              ' to you; tell us before you add another.',
            ],
          ],
        },
    allowInStep(
      ctx,
      // Format v1.1 lets a VPN narrow the ports too; read the field whenever the model has it.
      (c as { allowedTcpPorts?: readonly PortRange[] }).allowedTcpPorts,
      'in the firewalls in front of the services the connectors reach.',
    ),
    {
      title: 'Tell us',
      paragraphs: [
        ['Reply once the tunnels are up; we see their state on our side and confirm the connection.'],
      ],
    },
  ];

  const platformSteps: Sentence[] = [];
  if (!ctx.deployed) platformSteps.push(deployFirst(ctx));
  const secret = out.str('preshared_key_secret_arn');
  platformSteps.push(
    secret
      ? [
          'Read the pre-shared keys from the Secrets Manager secret ',
          v(secret),
          ' (',
          v(`aws secretsmanager get-secret-value --secret-id ${secret} --region ${ctx.region}`),
          ') and send them over a secure channel, never by plain email or in a ticket.',
        ]
      : [
          'The pre-shared keys are in the Secrets Manager secret that the deploy outputs as `preshared_key_secret_arn`; send them over a secure channel.',
        ],
  );
  const logGroup = out.str('vpn_log_group_name');
  if (logGroup)
    platformSteps.push([
      'Tunnel logs, for troubleshooting with the customer: CloudWatch log group ',
      v(logGroup),
      '.',
    ]);
  platformSteps.push(['Check the tunnels with ', v(`npm run status -- ${customer.id}`), '.']);

  return {
    values,
    tunnels: { tunnels, parameters: tunnelParameters(c) },
    pending,
    steps,
    platformSteps,
    link: {
      kind: 'Site-to-site VPN',
      id: vpnId,
      detail: `${c.tunnels} tunnel${c.tunnels === 2 ? 's' : ''}, ${bgp ? 'BGP' : 'static'}`,
    },
    customer: {
      label: `Your VPN device ${c.customerGateway.ip}`,
      networks: c.cidrs.length > 0 ? c.cidrs : ['networks announced over BGP'],
    },
  };
}

/** Placeholder for the attachment id in commands before deploy. */
const ATTACHMENT_PLACEHOLDER = 'TRANSIT_GATEWAY_ATTACHMENT_ID';

function transitGateway(ctx: Ctx, t: TransitGatewayConnectivity): Body {
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
