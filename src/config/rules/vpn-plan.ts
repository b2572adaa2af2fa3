/**
 * VPN_PLAN_NOT_ELIGIBLE: site-to-site VPN is part of the enterprise plan; team customers need the
 * onprem-connectivity add-on. Reported at `plan`, the field a reviewer would change.
 */
import type { Rule } from './rule';
import { error, vpnOf } from './support';

const ADD_ON = 'onprem-connectivity';

export const vpnPlan: Rule = {
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
