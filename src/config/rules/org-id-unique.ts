/**
 * ORG_ID_DUPLICATE: one vendor organisation is one customer; two files with the same orgId would
 * build two stacks for it, tagged alike. Each file's own check reports it, so the diagnostic
 * appears in every file involved, each at its own line. UUIDs compare case-blind.
 */
import type { FleetKey } from '../fleet-index';
import type { Rule } from './rule';
import { error } from './support';

// Customer.orgId is already folded to lowercase by the loader (normalize).
const ORG_ID: FleetKey = (c) => c.customer.orgId;

export const orgIdUnique: Rule = {
  codes: ['ORG_ID_DUPLICATE'],
  description: 'orgId is unique across all customer files.',
  check({ document, customer, file, fleet }) {
    // One index for the whole run: a lookup per file, not a scan of every other file.
    const files = fleet
      .sharing('orgId', ORG_ID, { file, customer })
      .map((o) => o.file)
      .sort();
    if (files.length === 0) return [];
    return [
      error(
        'ORG_ID_DUPLICATE',
        ['orgId'],
        `${document.orgId} is also the orgId of ${files.join(', ')}; expected one customer file per organisation: merge them, or correct the orgId`,
      ),
    ];
  },
};
