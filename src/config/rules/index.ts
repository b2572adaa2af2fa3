/**
 * The ordered list of semantic rules. Order decides the order of findings for one location only
 * (diagnostics are sorted by file, line and column before printing), so it is kept stable.
 */
import type { Rule } from './rule';

export const RULES: readonly Rule[] = [];
