/**
 * Lays out one benchmark fleet on disk: a git repository holding `cdktf.json` and `customers/`
 * (what a linkforge user's repository holds), with one customer changed in the last commit for the
 * pull-request figure, and beside it a copy of the plain cdktf baseline app.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseDocument } from 'yaml';
import { generateFleet } from '../fleet/generate';

export interface FleetLayout {
  readonly size: number;
  /** The git repository: cdktf.json, customers/, two commits. */
  readonly repoDir: string;
  readonly customersDir: string;
  /** Every customer id, sorted. */
  readonly ids: readonly string[];
  /** The customer changed by the last commit. */
  readonly changedId: string;
  /** The plain cdktf app (main.ts, cdktf.json, tsconfig.json, node_modules symlink). */
  readonly plainDir: string;
}

/** Files of the baseline app copied next to each fleet. */
const PLAIN_APP_FILES = ['main.ts', 'cdktf.json', 'tsconfig.json'];

/** Entries of the repository a measured run may not touch; everything else is output, removed between runs. */
export const REPO_KEEP = new Set(['.git', 'customers', 'cdktf.json']);
export const PLAIN_KEEP = new Set([...PLAIN_APP_FILES, 'node_modules']);

export function layoutFleet(opts: {
  readonly projectDir: string;
  readonly workDir: string;
  readonly size: number;
  readonly seed: number;
}): FleetLayout {
  const base = path.join(opts.workDir, `fleet-${opts.size}`);
  const repoDir = path.join(base, 'repo');
  const customersDir = path.join(repoDir, 'customers');
  fs.mkdirSync(customersDir, { recursive: true });
  // The project's platform settings, so both commands see the same context as in the real repo.
  fs.copyFileSync(path.join(opts.projectDir, 'cdktf.json'), path.join(repoDir, 'cdktf.json'));
  const fleet = generateFleet(opts.size, opts.seed);
  for (const c of fleet) fs.writeFileSync(path.join(customersDir, `${c.id}.yaml`), c.yaml);

  git(repoDir, ['init', '-q', '-b', 'main']);
  git(repoDir, ['add', '.']);
  git(repoDir, ['commit', '-q', '-m', `fleet of ${opts.size}`]);

  // The pull request: rename one customer that is not being decommissioned (a destroy plan of a
  // stack without state is trivial and would flatter the figure), from the middle of the fleet.
  const ids = fleet.map((c) => c.id).sort();
  const candidates = fleet.filter((c) => !/^decommission:\s*true/m.test(c.yaml));
  const changed = candidates[Math.floor(candidates.length / 2)] ?? fleet[0];
  const file = path.join(customersDir, `${changed.id}.yaml`);
  fs.writeFileSync(file, renameCustomer(fs.readFileSync(file, 'utf8')));
  git(repoDir, ['commit', '-q', '-am', `rename ${changed.id}`]);

  const plainDir = path.join(base, 'plain');
  fs.mkdirSync(plainDir, { recursive: true });
  for (const f of PLAIN_APP_FILES) {
    fs.copyFileSync(path.join(opts.projectDir, 'bench', 'plain-cdktf', f), path.join(plainDir, f));
  }
  // The app resolves cdktf, the provider, yaml and ts-node from the project's node_modules.
  fs.symlinkSync(path.join(opts.projectDir, 'node_modules'), path.join(plainDir, 'node_modules'), 'dir');

  return { size: opts.size, repoDir, customersDir, ids, changedId: changed.id, plainDir };
}

/** The customer file with `name` changed, comments and layout kept: a typical small PR. */
export function renameCustomer(text: string): string {
  const doc = parseDocument(text);
  doc.set('name', `${String(doc.get('name'))} (renamed)`);
  return doc.toString();
}

/** Removes everything in `dir` but the `keep` entries: output of a previous run. */
export function cleanOutputs(dir: string, keep: ReadonlySet<string>): void {
  for (const entry of fs.readdirSync(dir)) {
    if (!keep.has(entry)) fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
  }
}

function git(cwd: string, args: string[]): void {
  execFileSync(
    'git',
    [
      '-c',
      'user.name=linkforge bench',
      '-c',
      'user.email=bench@linkforge.invalid',
      '-c',
      'commit.gpgsign=false',
      ...args,
    ],
    { cwd, stdio: ['ignore', 'ignore', 'pipe'] },
  );
}
