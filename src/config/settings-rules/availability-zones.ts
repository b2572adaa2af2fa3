/**
 * Availability zones are configured per region: the key must be a region code and each of the two
 * zones one of that region's (`eu-west-1a` belongs to `eu-west-1`), and the two must differ.
 */
import type { Finding } from '../rules/rule';
import { error } from '../rules/support';
import { SETTINGS_INVALID, type SettingsRule } from './rule';
import { isRegionCode } from './support';

export const availabilityZones: SettingsRule = {
  description: 'Each availabilityZones entry is a region with two distinct zones of that region.',
  check({ availabilityZones: zones }) {
    const out: Finding[] = [];
    for (const [region, pair] of Object.entries(zones ?? {})) {
      if (!isRegionCode(region)) {
        out.push(
          error(
            SETTINGS_INVALID,
            ['availabilityZones', region],
            `key ${JSON.stringify(region)} is not an AWS region code`,
          ),
        );
        continue;
      }
      pair.forEach((zone, i) => {
        if (!zone.startsWith(region)) {
          out.push(
            error(
              SETTINGS_INVALID,
              ['availabilityZones', region, i],
              `${JSON.stringify(zone)} is not an availability zone of ${region}`,
            ),
          );
        }
      });
      if (pair[0] === pair[1])
        out.push(
          error(SETTINGS_INVALID, ['availabilityZones', region, 1], 'the two availability zones must differ'),
        );
    }
    return out;
  },
};
