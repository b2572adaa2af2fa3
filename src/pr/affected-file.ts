/**
 * Reading the affected set that `linkforge affected --format json` wrote, so that a workflow
 * computes it once and every shard plans from the same set (`plan --affected-from FILE`), even
 * if the base branch moves while the shards run.
 */
import { readToolOutput } from '../fsutil/read-capped';
import { AffectedError, type AffectedResult } from './affected';

/**
 * Largest affected-set file read: 1,000 customer ids take about 30 KB. A file past this is not
 * what `linkforge affected` wrote; reading it could exhaust memory.
 */
export const MAX_AFFECTED_BYTES = 16 * 1024 * 1024;

const ID = /^[a-z0-9][a-z0-9-]*$/;

export function readAffectedFile(file: string): AffectedResult {
  let raw: unknown;
  try {
    raw = JSON.parse(readToolOutput(file, MAX_AFFECTED_BYTES));
  } catch (e) {
    throw new AffectedError(`cannot read ${file}: ${(e as Error).message}`);
  }
  const r = raw as Partial<AffectedResult> | null;
  const idList = (key: 'added' | 'changed' | 'removed'): string[] => {
    const v = r?.[key];
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string' && ID.test(x)))
      throw new AffectedError(
        `${file}: '${key}' must be a list of customer ids (the output of 'linkforge affected --format json')`,
      );
    return [...v].sort();
  };
  const result: AffectedResult = {
    added: idList('added'),
    changed: idList('changed'),
    removed: idList('removed'),
    all: r?.all === true,
  };
  if (typeof r?.reason === 'string') result.reason = r.reason;
  return result;
}
