/**
 * TUNNEL_LIFETIME: AWS requires the phase 2 (IPsec SA) lifetime to be shorter than the phase 1
 * (IKE SA) lifetime. AWS's defaults (28800 s and 3600 s) count for a value left out, so
 * `phase1.lifetimeSeconds: 3600` alone is an error. Reported at phase 2 when it is written (the
 * spec states the limit on phase 2), else at phase 1.
 */
import type { Rule } from './rule';
import { error, vpnOf } from './support';

const AWS_PHASE1_LIFETIME = 28800;
export const AWS_PHASE2_LIFETIME = 3600;
const MIN_LIFETIME = 900;

export const tunnelLifetime: Rule = {
  codes: ['TUNNEL_LIFETIME'],
  description: 'The phase 2 lifetime is shorter than the phase 1 lifetime, counting AWS defaults.',
  check({ document }) {
    const options = vpnOf(document)?.tunnelOptions;
    if (!options) return [];
    const p1Written = options.phase1?.lifetimeSeconds;
    const p2Written = options.phase2?.lifetimeSeconds;
    const p1 = p1Written ?? AWS_PHASE1_LIFETIME;
    const p2 = p2Written ?? AWS_PHASE2_LIFETIME;
    if (p2 < p1) return [];
    // Raising phase 1 always works (its maximum is 28800 > 3600); lowering phase 2 only above 900.
    const lowerP2 =
      p1 > MIN_LIFETIME ? ` or lower phase2.lifetimeSeconds below ${p1} (at least ${MIN_LIFETIME})` : '';
    if (p2Written !== undefined) {
      const p1Text = p1Written === undefined ? `${p1} (AWS default)` : `${p1}`;
      return [
        error(
          'TUNNEL_LIFETIME',
          ['connectivity', 'tunnelOptions', 'phase2', 'lifetimeSeconds'],
          `${p2} is not shorter than the phase 1 lifetime ${p1Text}; expected phase 2 shorter than phase 1: raise phase1.lifetimeSeconds above ${p2}${lowerP2}`,
        ),
      ];
    }
    return [
      error(
        'TUNNEL_LIFETIME',
        ['connectivity', 'tunnelOptions', 'phase1', 'lifetimeSeconds'],
        `${p1} is not longer than the phase 2 lifetime ${p2} (AWS default, phase2.lifetimeSeconds not set); expected phase 1 longer than phase 2: raise it above ${p2} (AWS default ${AWS_PHASE1_LIFETIME})${lowerP2.replace(' or lower', ' or set')}`,
      ),
    ];
  },
};
