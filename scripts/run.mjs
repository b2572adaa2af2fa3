#!/usr/bin/env node
// Run a compiled entry point of the project, compiling first only when the sources changed.
//
//   node scripts/run.mjs dist/src/cli/index.js validate --format json   (what `npm run validate` runs)
//   node scripts/run.mjs --build                                        (compile now: `npm run build`)
//
// The project is compiled once at install (`prepare`), then only when a source is newer than the
// last successful build: a stat of every file tsc compiles (a few milliseconds), instead of a
// 2-3 s `tsc` before every command. The entry point runs in this process (no second Node start).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Written after every successful compilation; its mtime is when that compilation started. */
const STAMP = path.join(ROOT, 'dist', '.build-stamp');
/** What tsconfig.json compiles (`include`), and the files that change how it compiles. */
const SOURCE_DIRS = ['src'];
const SOURCE_FILES = ['main.ts', 'tsconfig.json', 'package.json'];

/** The newest modification time among the sources, in ms. */
export function newestSource(root = ROOT) {
  let newest = 0;
  const visit = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) visit(p);
      else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const d of SOURCE_DIRS) visit(path.join(root, d));
  for (const f of SOURCE_FILES) {
    const p = path.join(root, f);
    if (existsSync(p)) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** Whether dist/ is missing or older than a source. */
export function isStale(root = ROOT) {
  const stamp = path.join(root, 'dist', '.build-stamp');
  if (!existsSync(stamp)) return true;
  return newestSource(root) > statSync(stamp).mtimeMs;
}

/** Compile with tsc; on success record when this compilation started. Returns tsc's exit status. */
export function build(root = ROOT) {
  const started = new Date();
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.json')], { stdio: 'inherit' });
  if (r.status !== 0) return r.status ?? 1;
  const stamp = path.join(root, 'dist', '.build-stamp');
  writeFileSync(stamp, 'compiled by scripts/run.mjs\n');
  // An edit saved while tsc ran is newer than this and triggers the next build.
  utimesSync(stamp, started, started);
  return 0;
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const [target, ...args] = process.argv.slice(2);
  if (!target) {
    process.stderr.write('usage: node scripts/run.mjs (--build | dist/<entry>.js [args...])\n');
    process.exit(2);
  }
  if (target === '--build') process.exit(build());
  if (isStale()) {
    process.stderr.write('linkforge: sources changed since the last build; compiling (tsc)\n');
    const status = build();
    if (status !== 0) {
      process.stderr.write('linkforge: compilation failed (above); nothing was run\n');
      process.exit(status);
    }
  }
  // The entry point reads process.argv.slice(2) as its own arguments.
  const entry = path.resolve(ROOT, target);
  process.argv = [process.argv[0], entry, ...args];
  createRequire(import.meta.url)(entry);
}
