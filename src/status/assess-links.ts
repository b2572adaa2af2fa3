/**
 * The assessment of each connectivity type's link: AWS's object for the customer (peering
 * connection, VPN connection with its tunnels, transit gateway attachment) against the file.
 */
import type {
  SiteToSiteVpnConnectivity,
  TransitGatewayConnectivity,
  VpcPeeringConnectivity,
} from '../config/types';
import {
  type Assessment,
  type Ctx,
  PEERING_GONE,
  VPN_GONE,
  absent,
  formatDuration,
  pick,
  stillThere,
} from './link-status';
import type { AttachmentObservation, PeeringObservation, RegionObservation, VpnObservation } from './observe';

export function peering(ctx: Ctx, p: VpcPeeringConnectivity, region: RegionObservation): Assessment {
  const mine = region.peerings.filter((x) => x.customerId === ctx.customer.id);
  const found = pick<PeeringObservation>(mine, (x) => PEERING_GONE.has(x.status));
  if (!found) return absent(ctx, 'VPC peering connection');
  const awsId = found.id;
  if (ctx.customer.decommission && !PEERING_GONE.has(found.status))
    return stillThere(ctx, found.status, awsId);
  const handoff = `\`npm run handoff -- ${ctx.customer.id}\``;
  switch (found.status) {
    case 'pending-acceptance': {
      const left = found.expiresAt ? Date.parse(found.expiresAt) - ctx.now.getTime() : undefined;
      const state =
        left === undefined
          ? 'pending acceptance'
          : `pending acceptance, ${formatDuration(left)} left (expires ${found.expiresAt})`;
      return {
        health: 'waiting',
        state,
        awsId,
        actions: [
          p.accepted
            ? `${ctx.file} says accepted, but AWS still waits for the customer to accept ${awsId}: ask them to accept it (handoff: ${handoff})`
            : `waiting for the customer to accept ${awsId} in account ${p.peer.accountId} (${p.peer.region}); send or chase the handoff (${handoff})`,
        ],
      };
    }
    case 'active': {
      if (!p.accepted) {
        return {
          health: 'action',
          state: 'active',
          awsId,
          actions: [`accepted in AWS: set \`accepted: true\` in ${ctx.file} and deploy`],
        };
      }
      if (p.dnsResolution && found.accepterDnsResolution !== true) {
        return {
          health: 'action',
          state: 'active, accepter DNS resolution off',
          awsId,
          actions: [
            `the customer has not allowed DNS resolution on their side of ${awsId}: send them the DNS step of the handoff (${handoff})`,
          ],
        };
      }
      return {
        health: 'healthy',
        state: p.dnsResolution ? 'active, accepter DNS resolution on' : 'active',
        awsId,
        actions: [],
      };
    }
    case 'provisioning':
    case 'initiating-request':
      return {
        health: 'waiting',
        state: found.status,
        awsId,
        actions: ['AWS is setting the peering up: check again in a few minutes'],
      };
    case 'expired':
    case 'rejected':
    case 'deleted':
    case 'failed':
    case 'deleting': {
      if (ctx.customer.decommission)
        return { health: 'healthy', state: `decommissioned, ${found.status}`, awsId, actions: [] };
      const why = {
        expired: 'expired (not accepted within 7 days)',
        rejected: 'rejected by the customer: check the account, VPC and region with them',
        deleted: 'deleted',
        deleting: 'being deleted',
        failed: `failed${found.message ? ` (${found.message})` : ''}: check the account, VPC and region in the file`,
      }[found.status];
      return {
        health: 'action',
        state: found.status,
        awsId,
        actions: [
          `${why}; the next deploy (\`npx cdktf deploy ${ctx.customer.id}\`) requests a new peering, whose new id the customer must accept: send a new handoff (${handoff})`,
        ],
      };
    }
    default:
      return {
        health: 'action',
        state: found.status,
        awsId,
        actions: [`unexpected peering status '${found.status}': check it in AWS`],
      };
  }
}

export function vpn(ctx: Ctx, c: SiteToSiteVpnConnectivity, region: RegionObservation): Assessment {
  const mine = region.vpns.filter((x) => x.customerId === ctx.customer.id);
  const found = pick<VpnObservation>(mine, (x) => VPN_GONE.has(x.state));
  if (!found) return absent(ctx, 'VPN connection');
  const awsId = found.id;
  if (ctx.customer.decommission) {
    return VPN_GONE.has(found.state)
      ? { health: 'healthy', state: `decommissioned, ${found.state}`, awsId, actions: [] }
      : stillThere(ctx, found.state, awsId);
  }
  if (VPN_GONE.has(found.state)) {
    return {
      health: 'action',
      state: found.state,
      awsId,
      actions: [
        `the VPN connection was deleted outside linkforge: the next deploy (\`npx cdktf deploy ${ctx.customer.id}\`) creates a new one with new tunnel addresses and keys; send a new handoff (\`npm run handoff -- ${ctx.customer.id}\`)`,
      ],
    };
  }
  if (found.state === 'pending') {
    return {
      health: 'waiting',
      state: 'pending',
      awsId,
      actions: ['AWS is creating the VPN connection: check again in a few minutes'],
    };
  }
  const bgp = c.routing === 'bgp';
  const parts: string[] = [];
  const actions: string[] = [];
  const down: number[] = [];
  found.tunnels.forEach((t, i) => {
    const n = i + 1;
    const monitored = n <= c.tunnels;
    const since = t.since ? Date.parse(t.since) : undefined;
    const duration = since === undefined ? '' : ` for ${formatDuration(ctx.now.getTime() - since)}`;
    const routes =
      bgp && t.status === 'UP' && t.acceptedRoutes !== undefined
        ? ` (${t.acceptedRoutes} BGP route${t.acceptedRoutes === 1 ? '' : 's'})`
        : '';
    parts.push(
      `tunnel ${n} ${t.status}${t.status === 'UP' ? routes : duration}${monitored ? '' : ' (not configured)'}`,
    );
    if (!monitored) return;
    if (t.status !== 'UP') {
      down.push(n);
      actions.push(
        `tunnel ${n} (${t.outsideAddress}) down${duration}${t.since ? ` (since ${t.since})` : ''}${t.message ? `: ${t.message}` : ''}; ask the customer to check tunnel ${n} on their device (handoff: \`npm run handoff -- ${ctx.customer.id}\`)`,
      );
    } else if (bgp && t.acceptedRoutes === 0) {
      actions.push(
        `tunnel ${n} is up but receives no BGP routes: the customer announces no networks to AWS ASN ${c.amazonSideAsn}`,
      );
    }
  });
  const monitored = found.tunnels.slice(0, c.tunnels);
  if (monitored.length < c.tunnels)
    actions.push(`AWS reports ${found.tunnels.length} tunnel(s), ${c.tunnels} expected`);
  const allDown = monitored.length > 0 && down.length === monitored.length;
  if (allDown && c.tunnels === 2) actions.unshift('no tunnel is up: the connection is down');
  return {
    health: actions.length > 0 ? 'action' : 'healthy',
    state: `${found.state}: ${parts.join(', ')}`,
    awsId,
    actions,
  };
}

const ATTACHMENT_GONE = new Set(['deleted', 'deleting', 'rejected', 'rejecting', 'failed', 'failing']);

export function transitGateway(
  ctx: Ctx,
  t: TransitGatewayConnectivity,
  region: RegionObservation,
): Assessment {
  const mine = region.attachments.filter((x) => x.customerId === ctx.customer.id);
  const found = pick<AttachmentObservation>(mine, (x) => ATTACHMENT_GONE.has(x.state));
  if (!found) return absent(ctx, 'transit gateway attachment');
  const awsId = found.id;
  if (ctx.customer.decommission) {
    return ATTACHMENT_GONE.has(found.state)
      ? { health: 'healthy', state: `decommissioned, ${found.state}`, awsId, actions: [] }
      : stillThere(ctx, found.state, awsId);
  }
  const handoff = `\`npm run handoff -- ${ctx.customer.id}\``;
  switch (found.state) {
    case 'pendingAcceptance':
      return {
        health: 'waiting',
        state: 'pending acceptance',
        awsId,
        actions: [
          `waiting for the customer to accept ${awsId} on ${t.transitGateway.id} in account ${t.transitGateway.accountId}; send or chase the handoff (${handoff})`,
        ],
      };
    case 'available':
      return t.accepted
        ? { health: 'healthy', state: 'available', awsId, actions: [] }
        : {
            health: 'action',
            state: 'available',
            awsId,
            actions: [
              `accepted in AWS: set \`accepted: true\` in ${ctx.file} and deploy (that adds the routes)`,
            ],
          };
    case 'initiating':
    case 'initiatingRequest':
    case 'pending':
    case 'modifying':
      return {
        health: 'waiting',
        state: found.state,
        awsId,
        actions: ['AWS is setting the attachment up: check again in a few minutes'],
      };
    case 'rejected':
    case 'rejecting':
      return {
        health: 'action',
        state: found.state,
        awsId,
        actions: [
          `the customer rejected ${awsId}: agree the next step with them before requesting it again (${handoff})`,
        ],
      };
    default:
      return {
        health: 'action',
        state: found.state,
        awsId,
        actions: [
          `attachment ${found.state}: the next deploy (\`npx cdktf deploy ${ctx.customer.id}\`) requests a new one, which the customer must accept (${handoff})`,
        ],
      };
  }
}
