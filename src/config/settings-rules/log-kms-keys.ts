/** CloudWatch Logs encrypts a log group only with a KMS key of the log group's own region. */
import type { Finding } from '../rules/rule';
import { error } from '../rules/support';
import { SETTINGS_INVALID, type SettingsRule } from './rule';
import { arnRegion, isRegionCode } from './support';

export const logKmsKeys: SettingsRule = {
  description: 'Each logs.kmsKeyArns entry is keyed by a region and names a key of that region.',
  check({ logs }) {
    const out: Finding[] = [];
    for (const [keyRegion, arn] of Object.entries(logs?.kmsKeyArns ?? {})) {
      const path = ['logs', 'kmsKeyArns', keyRegion];
      if (!isRegionCode(keyRegion)) {
        out.push(error(SETTINGS_INVALID, path, `key ${JSON.stringify(keyRegion)} is not an AWS region code`));
      } else if (arnRegion(arn) !== keyRegion) {
        out.push(
          error(
            SETTINGS_INVALID,
            path,
            `${JSON.stringify(arn)} is a key in ${arnRegion(arn)}; CloudWatch Logs needs a key in the log group's region: give a key of ${keyRegion}`,
          ),
        );
      }
    }
    return out;
  },
};
