/** Small helpers the settings rules share. */
import { REGION_PATTERN } from '../schema/fields';

const REGION = new RegExp(REGION_PATTERN);

/** A key of a per-region mapping is a region code (the schema cannot constrain mapping keys). */
export function isRegionCode(key: string): boolean {
  return REGION.test(key);
}

/** The region of an ARN (its fourth field). */
export function arnRegion(arn: string): string {
  return arn.split(':')[3] ?? '';
}
