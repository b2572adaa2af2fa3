/**
 * VPN_PLAN_NOT_ELIGIBLE: site-to-site VPN is part of the enterprise tier; team customers need the
 * onprem-connectivity add-on. Reported at `plan` (the file's key for the tier), the field a
 * reviewer would change. The code keeps its name: codes are a published contract.
 */
import type { Rule } from './rule';
import type { AddOn } from '../types';
import { error, vpnOf } from './support';

const ADD_ON: AddOn = 'onprem-connectivity';

export const vpnTier: Rule = {
  codes: ['VPN_PLAN_NOT_ELIGIBLE'],
  description: 'Site-to-site VPN needs plan enterprise, or team with the onprem-connectivity add-on.',
  check({ document }) {
    if (!vpnOf(document) || document.plan !== 'team' || (document.addOns ?? []).includes(ADD_ON)) return [];
    return [
      error(
        'VPN_PLAN_NOT_ELIGIBLE',
        ['plan'],
        `team does not include site-to-site VPN; expected plan: enterprise, or the ${ADD_ON} add-on: add addOns: [${ADD_ON}]`,
      ),
    ];
  },
};
