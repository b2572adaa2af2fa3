/**
 * JSON with object keys sorted at every level (arrays keep their order): two values are the same
 * configuration exactly when their canonical texts are equal, whichever order their writers put
 * the keys in.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(withSortedKeys(value));
}

/** A copy of a JSON value with object keys sorted at every level (for stable output files too). */
export function withSortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withSortedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, withSortedKeys((value as Record<string, unknown>)[k])]),
  );
}
