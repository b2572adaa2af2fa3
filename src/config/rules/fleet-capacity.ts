/**
 * QUOTA_FLEET (warning): the fleet's stacks together create more of something than an AWS quota
 * of the vendor account allows in one region (availability zone, transit gateway). The files past
 * the quota, in file order, get the warning (the first ones fit): each names the quota, the
 * count, the limit and where it comes from, and where to raise it. A warning, not an error: the
 * platform may have raised the quota without saying so in the settings yet, and the first deploys
 * still work. Counting is in ../fleet-capacity.ts.
 */
import { fleetCapacity, type Crossing } from '../fleet-capacity';
import type { CustomerDocument, FieldPath, Rule } from './rule';
import { peeringOf, warning } from './support';

export const fleetCapacityRule: Rule = {
  codes: ['QUOTA_FLEET'],
  description: "The whole fleet fits the vendor account's AWS quotas per region.",
  check({ document, file, fleet, settings }) {
    const crossings = fleetCapacity(fleet, settings).crossings.get(file) ?? [];
    return crossings.map((c) => {
      const { path, target } = where(document, c);
      return warning('QUOTA_FLEET', path, message(c), target);
    });
  },
};

/** The field that makes the stack create the counted resource. */
function where(document: CustomerDocument, c: Crossing): { path: FieldPath; target?: 'key' } {
  switch (c.definition.key) {
    case 'vpcsPerRegion':
      // A peering may leave `region` out: the VPC then goes to peer.region.
      return {
        path:
          document.region === undefined && peeringOf(document)
            ? ['connectivity', 'peer', 'region']
            : ['region'],
      };
    case 'internetGatewaysPerRegion':
    case 'natGatewaysPerAvailabilityZone':
    case 'elasticIpsPerRegion':
      return { path: ['connectivity', 'natGateway'] };
    case 'customerGatewaysPerRegion':
      return { path: ['connectivity', 'customerGateway'], target: 'key' };
    case 'transitGatewayAttachmentsPerTransitGateway':
      return { path: ['connectivity', 'transitGateway', 'id'] };
    case 'iamRolesPerAccount':
      return { path: ['id'] };
    case 'outstandingPeeringRequestsPerRegion':
      return { path: ['connectivity', 'peer'], target: 'key' };
    default:
      return { path: ['connectivity', 'type'] };
  }
}

function message(c: Crossing): string {
  const { row, definition, position } = c;
  const account = definition.per === 'account';
  const place = account
    ? 'the vendor account (all regions)'
    : (row.availabilityZone ?? row.transitGatewayId ?? row.region);
  const limitText =
    row.limitFrom === 'default'
      ? `AWS's default quota "${definition.name}" is ${row.limit}`
      : `the quota "${definition.name}" is ${row.limit} (platform setting ${row.limitFrom})`;
  const setting = account
    ? `context.linkforge.quotas["*"].${definition.key}`
    : `context.linkforge.quotas.${row.region}.${definition.key}`;
  const inRegion = account ? '' : ` in ${row.region}`;
  const fix = definition.adjustable
    ? `request an increase of "${definition.name}" for the vendor account${inRegion} (Service Quotas console, ${definition.service}), then set ${setting} in cdktf.json to the new value`
    : `AWS does not raise this quota: attach the customers past it to another transit gateway, or set ${setting} in cdktf.json if the owner's limit is higher`;
  return (
    `this stack's ${definition.resource} is number ${position} of ${row.count} the fleet creates in ${place}, ` +
    `and ${limitText}; expected at most ${row.limit}: ${fix}`
  );
}
