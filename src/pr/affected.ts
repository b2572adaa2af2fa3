/**
 * Which customers a change affects, from git.
 *
 * The change is everything between the merge base of REF and HEAD and the working tree: for a pull
 * request (`--base origin/main`) that is exactly what the pull request brings, however far main has
 * moved since the branch was cut (the `main...HEAD` semantics GitHub's own diff uses); locally it
 * also includes uncommitted edits and new files not yet added, so a developer sees the effect of
 * what they are about to commit. In CI the working tree is clean and both readings agree.
 *
 * A customer is its file `<customers>/<id>.yaml|yml`: the file added, modified or deleted makes the
 * customer added, changed or removed. A rename changes the id (the id must equal the stem), so it
 * is a removal plus an addition: a new stack, and the old one goes through the removed-customer
 * check like any deletion. Renaming `a.yaml` to `a.yml` keeps the id: a change.
 *
 * Shared code (SHARED_PATHS) changes what every stack synthesizes, so it affects every customer.
 * Docs, tests, workflows and the schema copy for editors do not.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ID_PATTERN } from '../config/schema';

export interface AffectedResult {
  /** Customer files added since the base (sorted ids). */
  added: string[];
  /**
   * Customer files changed since the base (sorted ids). When `all` is true: every current customer
   * that is not added, so `added` + `changed` is always the list of customers to plan.
   */
  changed: string[];
  /** Customer files deleted since the base (sorted ids): to check for remaining state, never to plan. */
  removed: string[];
  /** Shared code changed: every customer is affected. */
  all: boolean;
  /** Why `all` is true: the shared files that changed. */
  reason?: string;
  /** Customer files renamed (a rename changes the id: the old stack is removed, a new one added). */
  renamed?: { from: string; to: string }[];
}

/**
 * Paths (relative to the project directory) whose change affects every stack: the code that
 * synthesizes them, the platform settings in cdktf.json, and the dependency pins. A directory
 * entry ends with a slash.
 */
const SHARED_PATHS: readonly string[] = [
  'src/',
  'main.ts',
  'cdktf.json',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
];

export class AffectedError extends Error {}

export interface AffectedOptions {
  /** Git ref to compare with: a branch, tag or commit (`origin/main`). */
  readonly base: string;
  /** Customer files directory, relative to `cwd`. @default 'customers' */
  readonly customersDir?: string;
  /** Project directory (inside a git work tree). @default process.cwd() */
  readonly cwd?: string;
}

const CUSTOMER_FILE = /^([^/]+)\.ya?ml$/;
const CUSTOMER_ID = new RegExp(ID_PATTERN);

export function affectedSince(opts: AffectedOptions): AffectedResult {
  const cwd = path.resolve(opts.cwd ?? process.cwd());
  const customersDir = path.resolve(cwd, opts.customersDir ?? 'customers');
  if (!opts.base || opts.base.startsWith('-')) {
    throw new AffectedError(`--base must name a git ref (a branch, tag or commit), got '${opts.base}'`);
  }
  const top = git(
    ['rev-parse', '--show-toplevel'],
    cwd,
    () => `${cwd} is not inside a git repository`,
  ).trim();
  const base = git(
    ['rev-parse', '--verify', '--quiet', `${opts.base}^{commit}`],
    cwd,
    () =>
      `unknown git ref '${opts.base}': fetch it first (in GitHub Actions: actions/checkout with fetch-depth: 0, ` +
      `then use origin/<branch>)`,
  ).trim();
  const mergeBase = git(
    ['merge-base', base, 'HEAD'],
    cwd,
    () =>
      `'${opts.base}' and HEAD have no common ancestor (is the clone shallow? fetch with fetch-depth: 0, or git fetch --unshallow)`,
  ).trim();

  // Paths in git's output are relative to the top of the work tree; ours to the project directory.
  const projectPrefix = toPosix(path.relative(real(top), real(cwd)));
  const customersPrefix = toPosix(path.relative(real(top), real(customersDir)));

  const changes = [
    ...parseNameStatus(
      // No `HEAD`: compare the merge base with the working tree (committed + staged + unstaged).
      git(
        ['diff', '--name-status', '-z', '-M', '--no-ext-diff', '--no-relative', mergeBase, '--'],
        top,
        () => 'git diff failed',
      ),
    ),
    // Untracked, not ignored: a new customer file that was never `git add`ed is still added.
    ...git(
      ['ls-files', '--others', '--exclude-standard', '-z', '--full-name'],
      top,
      () => 'git ls-files failed',
    )
      .split('\0')
      .filter(Boolean)
      .map((p): FileChange => ({ status: 'A', path: p })),
  ];

  const added = new Set<string>();
  const changed = new Set<string>();
  const removed = new Set<string>();
  const renamed: { from: string; to: string }[] = [];
  const shared = new Set<string>();
  const customerId = (p: string): string | undefined => {
    const rel = within(customersPrefix, p);
    return rel === undefined ? undefined : CUSTOMER_FILE.exec(rel)?.[1];
  };
  // A removed file's stem becomes a path (state/<id>/) and a state key: only a real customer id can
  // name a stack (`customers/...yaml` would give `..`). Added and changed files with a bad name are
  // reported by validation; a removed one names no stack, so there is nothing to check or plan.
  const isId = (id: string | undefined): id is string => id !== undefined && CUSTOMER_ID.test(id);
  for (const c of changes) {
    const paths = c.from !== undefined ? [c.from, c.path] : [c.path];
    for (const p of paths) {
      const rel = within(projectPrefix, p);
      if (rel !== undefined && isShared(rel)) shared.add(rel);
    }
    const id = customerId(c.path);
    const fromId = c.from !== undefined ? customerId(c.from) : undefined;
    if (c.status === 'R') {
      if (fromId !== undefined && id !== undefined && fromId !== id) renamed.push({ from: fromId, to: id });
      if (fromId !== undefined && fromId === id) changed.add(id);
      else {
        if (isId(fromId)) removed.add(fromId);
        if (id !== undefined) added.add(id);
      }
    } else if (id !== undefined) {
      if (c.status === 'A' || c.status === 'C') added.add(id);
      else if (c.status === 'D') {
        if (isId(id)) removed.add(id);
      } else changed.add(id);
    }
  }
  // `a.yaml` deleted and `a.yml` added (without rename detection) is the same customer, changed.
  for (const id of [...added]) {
    if (removed.has(id)) {
      added.delete(id);
      removed.delete(id);
      changed.add(id);
    }
  }

  const all = shared.size > 0;
  if (all) {
    for (const id of currentCustomers(customersDir)) if (!added.has(id)) changed.add(id);
  }
  const sortedShared = [...shared].sort();
  const result: AffectedResult = {
    added: sorted(added),
    changed: sorted(changed),
    removed: sorted(removed),
    all,
  };
  if (all) {
    const shown =
      sortedShared.slice(0, 5).join(', ') +
      (sortedShared.length > 5 ? `, and ${sortedShared.length - 5} more` : '');
    result.reason = `shared code changed: ${shown}`;
  }
  if (renamed.length > 0) result.renamed = renamed.sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to));
  return result;
}

/** The customers to plan: added and changed (removed ones have no file to plan). */
export function idsToPlan(r: AffectedResult): string[] {
  return [...new Set([...r.added, ...r.changed])].sort();
}

interface FileChange {
  /** First letter of git's status: A, C, D, M, R, T, U, X. */
  readonly status: string;
  /** Path after the change (the new path of a rename or copy). */
  readonly path: string;
  /** Path before a rename or copy. */
  readonly from?: string;
}

/** `git diff --name-status -z`: `M\0path\0`, `R100\0old\0new\0`. */
export function parseNameStatus(out: string): FileChange[] {
  const fields = out.split('\0');
  const changes: FileChange[] = [];
  for (let i = 0; i < fields.length && fields[i] !== '';) {
    const status = fields[i][0];
    if (status === 'R' || status === 'C') {
      changes.push({ status, from: fields[i + 1], path: fields[i + 2] });
      i += 3;
    } else {
      changes.push({ status, path: fields[i + 1] });
      i += 2;
    }
  }
  return changes;
}

function isShared(rel: string): boolean {
  return SHARED_PATHS.some((s) => (s.endsWith('/') ? rel.startsWith(s) : rel === s));
}

/** `p` relative to `prefix` (both relative to the repository top), or undefined when outside it. */
function within(prefix: string, p: string): string | undefined {
  if (prefix === '') return p;
  return p.startsWith(`${prefix}/`) ? p.slice(prefix.length + 1) : undefined;
}

function currentCustomers(dir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names.map((n) => CUSTOMER_FILE.exec(n)?.[1]).filter((id): id is string => id !== undefined);
}

function git(args: string[], cwd: string, message: () => string): string {
  try {
    return execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === 'ENOENT') throw new AffectedError('git is not installed or not on PATH');
    const detail = (err.stderr ?? '').trim().split('\n')[0];
    throw new AffectedError(message() + (detail ? ` (git: ${detail})` : ''));
  }
}

/** Real path (symlinks resolved, e.g. macOS /tmp), also for a path whose tail does not exist. */
function real(p: string): string {
  const abs = path.resolve(p);
  try {
    return fs.realpathSync(abs);
  } catch {
    const parent = path.dirname(abs);
    return parent === abs ? abs : path.join(real(parent), path.basename(abs));
  }
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

function sorted(s: Set<string>): string[] {
  return [...s].sort(cmp);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
