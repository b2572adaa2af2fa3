/**
 * The handoff document of one customer as data: what the customer must do, in order, with their
 * exact values. Pure: built from the validated customer, the stack's outputs (or their absence
 * before deploy) and, when asked for, what AWS said about the peering request; renderers turn it
 * into Markdown or JSON (render.ts). The document's shape is in document.ts; each connectivity type's
 * part in peering.ts, vpn.ts and transit-gateway.ts.
 *
 * Values come from the stack's outputs first (what is deployed), then from the customer file for
 * the values the customer gave us (account, VPC, gateway address), which are right before deploy
 * too. A value that only the deploy creates is "pending" until the outputs have it.
 */
import { cidr, formatBlock, splitBlock } from '../net/ipv4';
import { type Body, type Ctx, Outputs, valueOrPending } from './context';
import type { Handoff, HandoffInput } from './document';
import { peering } from './peering';
import { v } from './text';
import { transitGateway } from './transit-gateway';
import { vpn } from './vpn';

/** The four equal quarters of the vendor CIDR (the stack's layout: private A, private B, public, spare). */
export function vendorQuarters(vendorCidr: string): string[] {
  return splitBlock(cidr(vendorCidr), 4).map(formatBlock);
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
