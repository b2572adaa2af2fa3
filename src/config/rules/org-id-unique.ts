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
    // Customer.orgId is already folded to lowercase by the loader (normalize), so a plain
    // comparison is enough: this loop runs n² times for n files.
    const files: string[] = [];
    for (const o of others) if (o.customer.orgId === orgId) files.push(o.file);
    files.sort();
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
