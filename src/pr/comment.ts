/**
 * The sticky pull-request comment: the summary split into parts that fit GitHub's comment size
 * limit, and the pure decision of which existing comments to update, create or delete so that a
 * pull request carries exactly one (multi-part) summary however often it is planned.
 *
 * scripts/upsert-pr-comment.mjs does the HTTP calls; everything that can be wrong lives here.
 */

/**
 * Hidden marker at the start of every part: how a later run finds its own comments. `key` tells
 * apart several sticky comments on one thread (the plan summary, the drift report).
 */
export function commentMarker(key: string = 'plan-summary'): string {
  if (!/^[a-z0-9-]+$/.test(key)) throw new Error(`comment marker key must be [a-z0-9-]+, got '${key}'`);
  return `<!-- linkforge:${key} -->`;
}

export const COMMENT_MARKER = commentMarker();

/**
 * GitHub rejects issue comments over 65,536 characters. Parts are measured in UTF-8 bytes, which is
 * never less than the character count whatever GitHub counts in, so a part that fits here fits there.
 */
export const GITHUB_COMMENT_LIMIT = 65536;

export interface SplitOptions {
  /** @default GITHUB_COMMENT_LIMIT */
  readonly limit?: number;
  /** @default COMMENT_MARKER */
  readonly marker?: string;
}

/**
 * Split `markdown` into comment bodies of at most `limit` UTF-8 bytes, each starting with the
 * marker. Splits fall on line boundaries; a code fence or `<details>` block cut by a split is
 * closed at the end of its part and reopened at the start of the next, so every part renders on
 * its own. A single line longer than a part is cut (only pathological input has one).
 */
export function splitForComments(markdown: string, opts: SplitOptions = {}): string[] {
  const limit = opts.limit ?? GITHUB_COMMENT_LIMIT;
  const marker = opts.marker ?? COMMENT_MARKER;
  // Room for the part header ("_(part 12 of 34)_") and the closing/reopening of open blocks.
  const header = (i: number, n: number) => (n > 1 ? `${marker}\n_(part ${i} of ${n})_\n\n` : `${marker}\n`);
  const reserve = bytes(header(999, 999)) + 256;
  if (limit <= reserve + 64) throw new Error(`comment limit ${limit} is too small to split into`);

  const body = markdown.endsWith('\n') ? markdown : `${markdown}\n`;
  if (bytes(header(1, 1)) + bytes(body) <= limit) return [header(1, 1) + body];

  // Half a part at most per line, leaving room for the blocks reopened in front of it.
  const lines = cutLongLines(body.slice(0, -1).split('\n'), Math.floor((limit - reserve) / 2));
  const parts: string[] = [];
  let current: string[] = [];
  let size = 0;
  let state: BlockState = { fence: undefined, details: 0 };
  let openedWith = '';
  for (const line of lines) {
    const cost = bytes(line) + 1;
    const closing = closeBlocks(state);
    if (current.length > 0 && size + cost + bytes(closing) > limit - reserve) {
      parts.push(openedWith + current.join('\n') + '\n' + closing);
      openedWith = reopenBlocks(state);
      current = [];
      size = bytes(openedWith);
    }
    current.push(line);
    size += cost;
    state = advance(state, line);
  }
  parts.push(openedWith + current.join('\n') + '\n');
  return parts.map((p, i) => header(i + 1, parts.length) + p);
}

interface BlockState {
  /** The opening fence (```` ``` ```` or longer, or `~~~`) of the code block we are in. */
  readonly fence?: string;
  /** Open `<details>` elements (outside code blocks). */
  readonly details: number;
}

function advance(state: BlockState, line: string): BlockState {
  const m = /^ {0,3}(`{3,}|~{3,})/.exec(line);
  if (state.fence) {
    // A closing fence is at least as long as the opening one, of the same character, alone on its line.
    const closes =
      m && m[1][0] === state.fence[0] && m[1].length >= state.fence.length && line.trim() === m[1];
    return closes ? { details: state.details } : state;
  }
  if (m) return { fence: m[1], details: state.details };
  // `\<details` is an escaped untrusted value (mdText), not an element.
  const opened = (line.match(/(?<!\\)<details\b/g) ?? []).length;
  const closed = (line.match(/(?<!\\)<\/details>/g) ?? []).length;
  return { details: Math.max(0, state.details + opened - closed) };
}

function closeBlocks(state: BlockState): string {
  return (state.fence ? `${state.fence}\n` : '') + '</details>\n'.repeat(state.details);
}

function reopenBlocks(state: BlockState): string {
  return (
    '<details open><summary>(continued)</summary>\n\n'.repeat(state.details) +
    (state.fence ? `${state.fence}\n` : '')
  );
}

function cutLongLines(lines: readonly string[], max: number): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if (bytes(line) <= max) {
      out.push(line);
      continue;
    }
    let rest = line;
    while (bytes(rest) > max) {
      // Cut by code points, so a multi-byte character is never split.
      const chars = Array.from(rest);
      let n = 0;
      let used = 0;
      while (n < chars.length && used + Buffer.byteLength(chars[n]) <= max)
        used += Buffer.byteLength(chars[n++]);
      // Prefer a cut after a space, and never right after a backslash: a cut inside an escape
      // (`\@`) would leave its character unescaped at the start of the next line.
      const space = chars.lastIndexOf(' ', n - 1);
      if (space > n / 2) n = space + 1;
      while (n > 1 && chars[n - 1] === '\\') n--;
      out.push(chars.slice(0, n).join(''));
      rest = chars.slice(n).join('');
    }
    out.push(rest);
  }
  return out;
}

function bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** An existing issue comment, as the GitHub REST API lists it (only the fields used here). */
export interface ExistingComment {
  readonly id: number;
  readonly body?: string | null;
  readonly user?: { readonly login?: string; readonly type?: string } | null;
}

export interface CommentPlan {
  /** Our comments whose body changes, in part order. */
  readonly update: readonly { readonly id: number; readonly body: string }[];
  /** New comments for parts beyond the ones that exist, in part order. */
  readonly create: readonly string[];
  /** Our comments no longer needed (the summary got shorter). */
  readonly delete: readonly number[];
}

/**
 * Our own comments among `existing`: they start with the marker and, when `author` is given, were
 * written by it (another bot quoting our marker is not us). Ordered by id, i.e. creation order.
 */
export function findOwnComments(
  existing: readonly ExistingComment[],
  opts: { marker?: string; author?: string } = {},
): ExistingComment[] {
  const marker = opts.marker ?? COMMENT_MARKER;
  return existing
    .filter((c) => (c.body ?? '').startsWith(marker))
    .filter((c) => opts.author === undefined || c.user?.login === opts.author)
    .sort((a, b) => a.id - b.id);
}

/**
 * What to do so that our comments become exactly `parts`: reuse our comments in creation order
 * (the first stays the sticky one, keeping its place in the conversation), update only those whose
 * body differs, create the missing parts and delete the surplus.
 */
export function planCommentUpdates(
  existing: readonly ExistingComment[],
  parts: readonly string[],
  opts: { marker?: string; author?: string } = {},
): CommentPlan {
  const own = findOwnComments(existing, opts);
  const update: { id: number; body: string }[] = [];
  parts.forEach((body, i) => {
    if (i < own.length && own[i].body !== body) update.push({ id: own[i].id, body });
  });
  return {
    update,
    create: parts.slice(own.length),
    delete: own.slice(parts.length).map((c) => c.id),
  };
}
