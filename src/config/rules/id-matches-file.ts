/**
 * ID_MISMATCH: `id` names the stack and its state key, and reviewers find a customer by file name;
 * the two must agree or a rename of the file would silently point at another stack.
 */
import type { Rule } from './rule';
import { error } from './support';

export const idMatchesFile: Rule = {
  codes: ['ID_MISMATCH'],
  description: 'id equals the file name without its extension.',
  check({ document, fileStem }) {
    if (document.id === fileStem) return [];
    return [
      error(
        'ID_MISMATCH',
        ['id'],
        `${document.id} differs from the file name ${fileStem}; expected id: ${fileStem}, or rename the file to ${document.id}.yaml (id is immutable once deployed: it names the stack and its state)`,
      ),
    ];
  },
};
