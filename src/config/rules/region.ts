/**
 * REGION_REQUIRED, REGION_UNKNOWN, REGION_NOT_ALLOWED: the vendor VPC lives in `region`, or in
 * `peer.region` when `region` is left out (same-region peering). A VPN has no customer VPC to take
 * the region from, so it must say; a transit gateway attachment lives in the transit gateway's
 * region, which the file must say too (the share ARN's region is offered as the fix, never assumed). The platform team decides where vendor VPCs may live
 * (settings.allowedRegions); a region AWS does not have is reported as unknown instead, with a
 * "did you mean".
 */
import type { FieldPath, Finding, Rule } from './rule';
import type { PlatformSettings } from '../settings';
import { COMMERCIAL_REGIONS } from '../settings';
import { suggest } from '../suggest';
import { error, peeringOf, transitGatewayOf, vpnOf } from './support';

export const region: Rule = {
  codes: ['REGION_REQUIRED', 'REGION_UNKNOWN', 'REGION_NOT_ALLOWED'],
  description: "Regions are AWS regions; the vendor region is one of the platform's allowed regions.",
  check({ document, settings }) {
    const findings: Finding[] = [];
    const known = knownRegions(settings);
    const peering = peeringOf(document);
    const peerPath = ['connectivity', 'peer', 'region'];
    if (peering && !known.has(peering.peer.region)) {
      findings.push(unknown(peerPath, peering.peer.region, [...known]));
    }
    if (document.region !== undefined) {
      if (!known.has(document.region)) findings.push(unknown(['region'], document.region, [...known]));
      else if (!settings.allowedRegions.includes(document.region)) {
        findings.push(notAllowed(['region'], `${document.region} is not`, settings, ''));
      }
    } else if (vpnOf(document)) {
      findings.push(
        error(
          'REGION_REQUIRED',
          ['region'],
          `is missing; expected the AWS region of the vendor VPC (a site-to-site VPN has no customer VPC to take it from), e.g. region: ${example(settings)}`,
        ),
      );
    } else if (transitGatewayOf(document)) {
      const arnRegion = transitGatewayOf(document)!.transitGateway.resourceShareArn.split(':')[3];
      findings.push(
        error(
          'REGION_REQUIRED',
          ['region'],
          `is missing; expected the AWS region of the transit gateway, where the vendor VPC is created (attachments are regional), e.g. region: ${arnRegion} as in resourceShareArn`,
        ),
      );
    } else if (
      peering &&
      known.has(peering.peer.region) &&
      !settings.allowedRegions.includes(peering.peer.region)
    ) {
      findings.push(
        notAllowed(
          peerPath,
          `${peering.peer.region} is the vendor region (region is not set) and not`,
          settings,
          ': set region to one of them for a cross-region peering',
        ),
      );
    }
    return findings;
  },
};

// One set per settings object, not one per file checked.
const knownCache = new WeakMap<PlatformSettings, ReadonlySet<string>>();

/** Every commercial region plus whatever the platform allows (e.g. GovCloud on a GovCloud platform). */
function knownRegions(settings: PlatformSettings): ReadonlySet<string> {
  let known = knownCache.get(settings);
  if (!known) {
    known = new Set([...COMMERCIAL_REGIONS, ...settings.allowedRegions]);
    knownCache.set(settings, known);
  }
  return known;
}

function unknown(path: FieldPath, value: string, known: readonly string[]): Finding {
  const near = suggest(value, known);
  const hint = near ? `: did you mean ${near}?` : ', e.g. eu-west-1';
  return error('REGION_UNKNOWN', path, `${value} is not an AWS region; expected an AWS region code${hint}`);
}

/** `subject` is the start of the message (`eu-west-3 is not`); `fix` ends it. */
function notAllowed(path: FieldPath, subject: string, settings: PlatformSettings, fix: string): Finding {
  const allowed = settings.allowedRegions;
  const list = allowed.length <= 12 ? allowed.join(', ') : `the ${allowed.length} regions`;
  return error(
    'REGION_NOT_ALLOWED',
    path,
    `${subject} an allowed region of the platform; expected one of ${list} in allowedRegions (cdktf.json)${fix}`,
  );
}

function example(settings: PlatformSettings): string {
  return settings.allowedRegions.includes('eu-west-1')
    ? 'eu-west-1'
    : (settings.allowedRegions[0] ?? 'eu-west-1');
}
