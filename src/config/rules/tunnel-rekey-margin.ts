/**
 * TUNNEL_REKEY_MARGIN: AWS accepts a rekey margin from 60 s to half of the phase 2 lifetime (the
 * schema checks the 60; the half needs phase 2, AWS default 3600 when left out).
 */
import type { Rule } from './rule';
import { error, vpnOf } from './support';
import { AWS_PHASE2_LIFETIME } from './tunnel-lifetime';

export const tunnelRekeyMargin: Rule = {
  codes: ['TUNNEL_REKEY_MARGIN'],
  description: 'rekeyMarginSeconds is at most half of the phase 2 lifetime.',
  check({ document }) {
    const options = vpnOf(document)?.tunnelOptions;
    const margin = options?.rekeyMarginSeconds;
    if (margin === undefined) return [];
    const p2Written = options?.phase2?.lifetimeSeconds;
    const p2 = p2Written ?? AWS_PHASE2_LIFETIME;
    const max = Math.floor(p2 / 2);
    if (margin <= max) return [];
    const p2Text = p2Written === undefined ? `${p2} (AWS default)` : `${p2}`;
    return [
      error(
        'TUNNEL_REKEY_MARGIN',
        ['connectivity', 'tunnelOptions', 'rekeyMarginSeconds'],
        `${margin} is more than half of the phase 2 lifetime ${p2Text}; expected 60 to ${max} (AWS default 270)`,
      ),
    ];
  },
};
