/**
 * "Did you mean": the closest known word to a near miss, for unknown keys and enum values.
 */

/** Levenshtein distance (insert, delete, substitute), two-row dynamic programming. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  let cur = new Array<number>(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

// Case, `-` and `_` are the usual slips (`vpcID`, `vpc_id`, `IKEv2`): compare without them first.
function fold(s: string): string {
  return s.toLowerCase().replace(/[-_\s]/g, '');
}

/**
 * The candidate closest to `input`, or undefined when none is close enough to be a plausible typo
 * (at most a third of the word's length in edits, minimum 1, after folding case and separators).
 * Ties go to the earlier candidate, so the answer is deterministic.
 */
export function suggest(input: string, candidates: readonly string[]): string | undefined {
  // Very long inputs are not typos of short keys; skip the quadratic work.
  if (input.length > 64) return undefined;
  const folded = fold(input);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === input) continue;
    const d = editDistance(folded, fold(candidate));
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const limit = Math.max(1, Math.floor(folded.length / 3));
  return best !== undefined && bestDistance <= limit ? best : undefined;
}
