/**
 * Construct ids derived from values. Construct ids become Terraform addresses, so an id that
 * depends on a value (a CIDR) rather than on a position means adding or removing one entry never
 * renames, and so never destroys and recreates, the others.
 */

/** `172.31.16.0/20` → `172-31-16-0-20`. */
export function cidrId(cidr: string): string {
  return cidr.replace(/[./]/g, '-');
}

/** The distinct values of a list, first occurrence first. */
export function distinct<T>(values: readonly T[], key: (v: T) => string = String): T[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const k = key(v);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
