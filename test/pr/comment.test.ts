import fc from 'fast-check';
import {
  COMMENT_MARKER,
  GITHUB_COMMENT_LIMIT,
  findOwnComments,
  planCommentUpdates,
  splitForComments,
} from '../../src/pr/comment';
import { renderSummary } from '../../src/pr/summary';
import type { StackPlanResult } from '../../src/plan/types';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** The lines a part adds around the original text: its header and the blocks it closes or reopens. */
function originalLines(part: string): string[] {
  return part
    .split('\n')
    .slice(1) // marker
    .filter((l, i) => !(i === 0 && /^_\(part \d+ of \d+\)_$/.test(l)));
}

function fencesBalanced(part: string): boolean {
  let open: string | undefined;
  for (const line of part.split('\n')) {
    const m = /^(`{3,}|~{3,})/.exec(line);
    if (!m) continue;
    if (open === undefined) open = m[1];
    else if (m[1][0] === open[0] && m[1].length >= open.length && line.trim() === m[1]) open = undefined;
  }
  return open === undefined;
}

describe('splitForComments', () => {
  it('keeps a summary that fits in one comment, marker first', () => {
    expect(splitForComments('## plan\n\nNo changes.\n')).toEqual([
      `${COMMENT_MARKER}\n## plan\n\nNo changes.\n`,
    ]);
  });

  it('splits a 2,000-customer summary into parts under GitHub’s limit, each rendering on its own', () => {
    const results: StackPlanResult[] = Array.from({ length: 2000 }, (_, i) => ({
      id: `customer-${String(i).padStart(4, '0')}`,
      connectivityType: 'vpc-peering',
      decommission: false,
      status: 'failed',
      error: `terraform plan failed: Error: something went wrong for customer ${i}\n${'detail line\n'.repeat(5)}`,
      durationMs: 0,
    }));
    const md = renderSummary(results);
    expect(bytes(md)).toBeGreaterThan(2 * GITHUB_COMMENT_LIMIT);
    const parts = splitForComments(md);
    expect(parts.length).toBeGreaterThan(2);
    parts.forEach((p, i) => {
      expect(bytes(p)).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
      expect(p.startsWith(`${COMMENT_MARKER}\n_(part ${i + 1} of ${parts.length})_\n`)).toBe(true);
      expect(fencesBalanced(p)).toBe(true);
      expect((p.match(/<details\b/g) ?? []).length).toBe((p.match(/<\/details>/g) ?? []).length);
    });
    // Nothing is lost: every line of the summary is in some part, in order.
    const all = parts.flatMap(originalLines);
    let at = 0;
    for (const line of md.trimEnd().split('\n')) {
      at = all.indexOf(line, at);
      expect(at).toBeGreaterThanOrEqual(0);
      at++;
    }
  });

  it('property: any text splits into parts within the limit that keep every line in order', () => {
    const line = fc.oneof(
      fc.string({ maxLength: 80 }).map((s) => s.replace(/\n/g, ' ')),
      fc.constantFrom(
        '```',
        '````text',
        '~~~',
        '<details><summary>x</summary>',
        '</details>',
        '',
        '| a | b |',
      ),
      fc.string({ unit: 'grapheme', maxLength: 600 }).map((s) => s.replace(/\n/g, ' ')),
    );
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 300 }),
        fc.integer({ min: 1024, max: 4096 }),
        (lines, limit) => {
          const md = lines.join('\n');
          const parts = splitForComments(md, { limit });
          for (const p of parts) {
            if (bytes(p) > limit) return false;
            if (!p.startsWith(COMMENT_MARKER)) return false;
          }
          const joined = parts.flatMap(originalLines).join('\n');
          // Order preserved: the original text is a subsequence of the joined lines (cut lines aside).
          let at = 0;
          for (const l of md.split('\n')) {
            if (bytes(l) > (limit - 300) / 2) continue;
            const found = joined.indexOf(l, at);
            if (found < 0) return false;
            at = found + l.length;
          }
          return true;
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('sticky comment updates', () => {
  const mine = (id: number, body: string) => ({ id, body, user: { login: 'github-actions[bot]' } });
  const opts = { author: 'github-actions[bot]' };

  it('finds only our own marker comments, oldest first', () => {
    const existing = [
      mine(30, `${COMMENT_MARKER}\npart 2`),
      { id: 5, body: 'LGTM', user: { login: 'alice' } },
      mine(10, `${COMMENT_MARKER}\npart 1`),
      { id: 40, body: `${COMMENT_MARKER}\nquoted by someone`, user: { login: 'mallory' } },
      { id: 50, body: null, user: null },
    ];
    expect(findOwnComments(existing, opts).map((c) => c.id)).toEqual([10, 30]);
    expect(findOwnComments(existing).map((c) => c.id)).toEqual([10, 30, 40]);
  });

  it('creates the comment the first time', () => {
    expect(planCommentUpdates([], ['a'], opts)).toEqual({ update: [], create: ['a'], delete: [] });
  });

  it('updates in place, and only what changed', () => {
    const existing = [mine(1, `${COMMENT_MARKER}\nold`), mine(2, `${COMMENT_MARKER}\nsame`)];
    expect(planCommentUpdates(existing, [`${COMMENT_MARKER}\nnew`, `${COMMENT_MARKER}\nsame`], opts)).toEqual(
      {
        update: [{ id: 1, body: `${COMMENT_MARKER}\nnew` }],
        create: [],
        delete: [],
      },
    );
  });

  it('adds parts when the summary grows and deletes them when it shrinks', () => {
    const one = [mine(7, `${COMMENT_MARKER}\nx`)];
    expect(planCommentUpdates(one, [`${COMMENT_MARKER}\n1`, `${COMMENT_MARKER}\n2`], opts)).toEqual({
      update: [{ id: 7, body: `${COMMENT_MARKER}\n1` }],
      create: [`${COMMENT_MARKER}\n2`],
      delete: [],
    });
    const three = [mine(7, 'a'), mine(8, 'b'), mine(9, 'c')].map((c) => ({
      ...c,
      body: `${COMMENT_MARKER}\n${c.body}`,
    }));
    expect(planCommentUpdates(three, [`${COMMENT_MARKER}\na`], opts)).toEqual({
      update: [],
      create: [],
      delete: [8, 9],
    });
  });
});
