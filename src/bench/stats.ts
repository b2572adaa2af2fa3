/**
 * Pure helpers for the benchmark: statistics and number formatting. No I/O, so they are unit-tested.
 */

/** The median of a non-empty list (the mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Seconds with a precision that suits the magnitude: 0.042 s, 1.23 s, 12.3 s, 123 s. */
export function formatSeconds(ms: number): string {
  const s = ms / 1000;
  if (s < 1) return `${s.toFixed(3)} s`;
  if (s < 10) return `${s.toFixed(2)} s`;
  if (s < 100) return `${s.toFixed(1)} s`;
  return `${Math.round(s)} s`;
}

/** Resident memory from kibibytes: 87 MiB, 1.21 GiB. */
export function formatMemory(kib: number): string {
  const mib = kib / 1024;
  if (mib < 1024) return `${Math.round(mib)} MiB`;
  return `${(mib / 1024).toFixed(2)} GiB`;
}

/** How many times better `ours` is than `theirs` (lower is better), e.g. "12.3×"; "—" if unknown. */
export function formatRatio(ours: number | undefined, theirs: number | undefined): string {
  if (ours === undefined || theirs === undefined || ours <= 0) return '—';
  const r = theirs / ours;
  return r >= 10 ? `${Math.round(r)}×` : `${r.toFixed(1)}×`;
}

/** Parses a comma-separated list of positive integers ("10,100,1000"), sorted and deduplicated. */
export function parseSizes(text: string): number[] {
  const sizes = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => {
      if (!/^[0-9]+$/.test(s) || Number(s) < 1)
        throw new Error(`invalid fleet size '${s}': expected a positive integer`);
      return Number(s);
    });
  return [...new Set(sizes)].sort((a, b) => a - b);
}
