/**
 * scripts/run.mjs: every `npm run <command>` runs the compiled code without recompiling unless a
 * source is newer than the last successful build (no 2-3 s of tsc before a 1 s validation).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const RUN = path.join(ROOT, 'scripts', 'run.mjs');

function isStale(root: string): boolean {
  const r = spawnSync(
    process.execPath,
    [
      '-e',
      `import(${JSON.stringify(RUN)}).then((m) => process.stdout.write(String(m.isStale(${JSON.stringify(root)}))))`,
    ],
    { encoding: 'utf8' },
  );
  expect(r.stderr).toBe('');
  return r.stdout === 'true';
}

describe('scripts/run.mjs: rebuild only when sources change', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'linkforge-run-'));
    fs.mkdirSync(path.join(root, 'src', 'deep'), { recursive: true });
    fs.writeFileSync(path.join(root, 'src', 'deep', 'a.ts'), 'export const a = 1;\n');
    fs.writeFileSync(path.join(root, 'main.ts'), '\n');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const at = (file: string, secondsAgo: number) => {
    const t = new Date(Date.now() - secondsAgo * 1000);
    fs.utimesSync(path.join(root, file), t, t);
  };

  it('stale without a build, fresh after one, stale again when any source (however deep) is newer', () => {
    expect(isStale(root)).toBe(true);
    fs.mkdirSync(path.join(root, 'dist'));
    fs.writeFileSync(path.join(root, 'dist', '.build-stamp'), '');
    at('src/deep/a.ts', 60);
    at('main.ts', 60);
    at('dist/.build-stamp', 30);
    expect(isStale(root)).toBe(false);
    at('src/deep/a.ts', 10);
    expect(isStale(root)).toBe(true);
    at('src/deep/a.ts', 60);
    fs.writeFileSync(path.join(root, 'tsconfig.json'), '{}');
    expect(isStale(root)).toBe(true);
    at('tsconfig.json', 60);
    expect(isStale(root)).toBe(false);
    // Files that tsc does not compile do not count.
    fs.writeFileSync(path.join(root, 'src', 'notes.md'), 'x');
    expect(isStale(root)).toBe(false);
  });

  it('the npm scripts run the compiled commands through it, never tsc first; prepare builds at install', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    for (const name of ['validate', 'synth', 'plan', 'affected', 'generate', 'handoff', 'status', 'bench']) {
      expect(pkg.scripts[name]).toMatch(/^node scripts\/run\.mjs dist\//);
      expect(pkg.scripts[name]).not.toMatch(/tsc|npm run/);
    }
    expect(pkg.scripts.prepare).toBe('node scripts/run.mjs --build');
    const cdktf = JSON.parse(fs.readFileSync(path.join(ROOT, 'cdktf.json'), 'utf8')) as { app: string };
    expect(cdktf.app).toBe('node scripts/run.mjs dist/main.js');
  });

  it('with a fresh build it runs the command in-process without compiling', () => {
    // npm test builds before jest: dist/ is fresh here.
    const r = spawnSync(process.execPath, [RUN, 'dist/src/cli/index.js', 'validate', '--help'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('usage: linkforge validate');
    expect(r.stderr).not.toContain('compiling');
  });
});
