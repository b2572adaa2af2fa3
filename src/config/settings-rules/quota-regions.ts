/** Quotas are per region (or `*` for every region): any other key would silently never apply. */
import { error } from '../rules/support';
import { SETTINGS_INVALID, type SettingsRule } from './rule';
import { isRegionCode } from './support';

export const quotaRegions: SettingsRule = {
  description: 'Each quotas entry is keyed by a region code or "*".',
  check({ quotas }) {
    return Object.keys(quotas ?? {})
      .filter((key) => key !== '*' && !isRegionCode(key))
      .map((key) =>
        error(
          SETTINGS_INVALID,
          ['quotas', key],
          `key ${JSON.stringify(key)} is not an AWS region code or "*"`,
        ),
      );
  },
};
