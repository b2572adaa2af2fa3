/**
 * ORG_ID_DUPLICATE: one vendor organisation is one customer; two files with the same orgId would
 * build two stacks for it, tagged alike. Each file's own check reports it (against `others`), so
 * the diagnostic appears in every file involved, each at its own line. UUIDs compare case-blind.
 */
import type { Rule } from './rule';
import { error } from './support';

export const orgIdUnique: Rule = {
  codes: ['ORG_ID_DUPLICATE'],
  description: 'orgId is unique across all customer files.',
  check({ document, others }) {
    const orgId = document.orgId.toLowerCase();
    const files = others
      .filter((o) => o.customer.orgId.toLowerCase() === orgId)
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
