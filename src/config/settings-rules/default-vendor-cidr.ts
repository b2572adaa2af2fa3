/**
 * The default vendor VPC CIDR is used for every customer file that gives none, and those files'
 * rules trust it: it must be a network address, of a size the stack can split, in private address
 * space (the limits and pools the customer rule VENDOR_CIDR_SIZE / VENDOR_CIDR_NOT_PRIVATE uses).
 */
import { VENDOR_CIDR_PREFIX } from '../aws-limits';
import { VENDOR_POOLS } from '../cidr';
import { error } from '../rules/support';
import { contains, formatBlock, isCanonical, parseCidr } from '../../net/ipv4';
import { orList } from '../../text/or-list';
import { SETTINGS_INVALID, type SettingsRule } from './rule';

export const defaultVendorCidr: SettingsRule = {
  description: 'defaultVendorCidr is a canonical private CIDR of /16 to /26.',
  check({ defaultVendorCidr: written }) {
    const block = written === undefined ? undefined : parseCidr(written);
    if (!block) return [];
    const at = (message: string) => [error(SETTINGS_INVALID, ['defaultVendorCidr'], message)];
    const shown = JSON.stringify(written);
    if (!isCanonical(block)) {
      return at(`${shown} is not a network address: write ${formatBlock(block)}`);
    }
    const { min, max } = VENDOR_CIDR_PREFIX;
    if (block.prefix < min || block.prefix > max)
      return at(`${shown} has prefix /${block.prefix}; expected /${min} to /${max}`);
    if (!VENDOR_POOLS.some((pool) => contains(pool, block)))
      return at(
        `${shown} is not private address space; expected a range inside ${orList(VENDOR_POOLS.map(formatBlock))}`,
      );
    return [];
  },
};
