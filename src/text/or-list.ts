/**
 * The one way linkforge lists alternatives in a message. Imports nothing of linkforge's own.
 */

export interface OrListOptions {
  /**
   * `'one of'`: three or more items read `one of a, b, c` (for long enumerations, where "or"
   * before the last would be lost). @default - `a, b or c`
   */
  readonly many?: 'one of';
}

/** `a`, `a or b`, `a, b or c` (or `one of a, b, c` with `{ many: 'one of' }`); empty for none. */
export function orList(items: readonly string[], options: OrListOptions = {}): string {
  if (items.length <= 1) return items.join('');
  if (items.length > 2 && options.many === 'one of') return `one of ${items.join(', ')}`;
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
