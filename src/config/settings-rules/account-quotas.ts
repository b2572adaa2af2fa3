/**
 * Account-wide quotas (IAM) have one value for the whole vendor account: set under a region key
 * they would silently never apply, since the capacity check reads them from `quotas["*"]` only.
 */
import { error } from '../rules/support';
import { SETTINGS_INVALID, type SettingsRule } from './rule';

/** Keys of `quotas` that AWS counts per account, not per region. */
const ACCOUNT_WIDE = ['iamRolesPerAccount'] as const;

export const accountQuotas: SettingsRule = {
  description: 'Account-wide quotas are set under "*", not under a region.',
  check({ quotas }) {
    return Object.entries(quotas ?? {})
      .filter(([region]) => region !== '*')
      .flatMap(([region, values]) =>
        ACCOUNT_WIDE.filter((key) => values?.[key] !== undefined).map((key) =>
          error(
            SETTINGS_INVALID,
            ['quotas', region, key],
            `${key} is account-wide (IAM counts roles once for every region); expected it under "*": move it to quotas["*"].${key}`,
          ),
        ),
      );
  },
};
