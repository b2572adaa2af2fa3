/**
 * Reading the affected set that `linkforge affected --format json` wrote, so that a workflow
 * computes it once and every shard plans from the same set (`plan --affected-from FILE`), even
 * if the base branch moves while the shards run.
 */
import * as fs from 'fs';
import { AffectedError, type AffectedResult } from './affected';

const ID = /^[a-z0-9][a-z0-9-]*$/;

export function readAffectedFile(file: string): AffectedResult {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
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
