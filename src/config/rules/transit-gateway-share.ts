/**
 * TGW_SHARE_REGION, TGW_SHARE_ACCOUNT: AWS RAM resource shares are regional and owned by the
 * account that shares: the share that gives the vendor the transit gateway is in the transit
 * gateway's region (`region`, where the vendor VPC and the attachment are created) and belongs to
 * the transit gateway's owner (`transitGateway.accountId`). A mismatch means a pasted ARN from
 * another share, region or account; the accepter would accept the wrong share, or none, and the
 * attachment would not find the transit gateway. Both are reported at the ARN, which is what to fix
 * once the other two fields are right.
 */
import type { Finding, Rule } from './rule';
import { error, transitGatewayOf } from './support';

const ARN_PATH = ['connectivity', 'transitGateway', 'resourceShareArn'];

export const transitGatewayShare: Rule = {
  codes: ['TGW_SHARE_REGION', 'TGW_SHARE_ACCOUNT'],
  description: "The resource share ARN is in the transit gateway's region and owned by its account.",
  check({ document }) {
    const tgw = transitGatewayOf(document);
    if (!tgw) return [];
    // The schema guarantees arn:aws:ram:<region>:<account>:resource-share/<uuid>.
    const [, , , arnRegion, arnAccount] = tgw.transitGateway.resourceShareArn.split(':');
    const findings: Finding[] = [];
    // Without `region`, REGION_REQUIRED says what to write (and offers the ARN's region).
    if (document.region !== undefined && arnRegion !== document.region) {
      findings.push(
        error(
          'TGW_SHARE_REGION',
          ARN_PATH,
          `is in ${arnRegion} but region is ${document.region}; expected a resource share in the transit gateway's region (RAM shares are regional): use the ARN of the share in ${document.region}, or correct region`,
        ),
      );
    }
    if (arnAccount !== tgw.transitGateway.accountId) {
      findings.push(
        error(
          'TGW_SHARE_ACCOUNT',
          ARN_PATH,
          `belongs to account ${arnAccount} but transitGateway.accountId is ${tgw.transitGateway.accountId}; expected a share owned by the transit gateway's account (only the owner shares it): use the ARN of the share that account ${tgw.transitGateway.accountId} created, or correct accountId`,
        ),
      );
    }
    return findings;
  },
};
