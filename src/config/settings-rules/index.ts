/**
 * The ordered list of platform settings rules (run after the settings schema passes). Order is
 * the order of their diagnostics in cdktf.json.
 */
import { accountQuotas } from './account-quotas';
import { availabilityZones } from './availability-zones';
import { defaultAmazonSideAsn } from './default-amazon-side-asn';
import { defaultVendorCidr } from './default-vendor-cidr';
import { logKmsKeys } from './log-kms-keys';
import { quotaRegions } from './quota-regions';
import type { SettingsRule } from './rule';
import { s3BackendKms } from './s3-backend-kms';

export const SETTINGS_RULES: readonly SettingsRule[] = [
  s3BackendKms,
  defaultVendorCidr,
  defaultAmazonSideAsn,
  availabilityZones,
  logKmsKeys,
  quotaRegions,
  accountQuotas,
];
