/**
 * main.ts, the app `npx cdktf synth|diff|deploy` runs: the same skipped-file notices as
 * `linkforge validate`, nothing built on an error, and (as a real process) the same behaviour.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run as validate } from '../../src/cli/validate';
import { buildCdktfApp } from '../../src/stacks/cdktf-app';

const ROOT = path.resolve(__dirname, '..', '..');

describe('the cdktf app (main.ts)', () => {
  let dir: string;
  const cwd = process.cwd();
  const inProject = <T>(f: () => T): T => {
    process.chdir(dir);
    try {
      return f();
    } finally {
      process.chdir(cwd);
    }
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkforge-cdktf-app-'));
    fs.mkdirSync(path.join(dir, 'customers'));
    fs.copyFileSync(path.join(ROOT, 'cdktf.json'), path.join(dir, 'cdktf.json'));
    fs.copyFileSync(
      path.join(ROOT, 'customers', 'acme-corp.yaml'),
      path.join(dir, 'customers', 'acme-corp.yaml'),
    );
    // What a customer folder collects: a backup, a note, an archive folder, a hidden file.
    fs.copyFileSync(
      path.join(ROOT, 'customers', 'globex.yaml'),
      path.join(dir, 'customers', 'globex.yaml.bak'),
    );
    fs.writeFileSync(path.join(dir, 'customers', 'README.txt'), 'notes\n');
    fs.mkdirSync(path.join(dir, 'customers', 'archive'));
    fs.writeFileSync(path.join(dir, 'customers', '.gitkeep'), '');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const notices = (text: string) => text.split('\n').filter((l) => l.startsWith('notice: '));

  it('prints the same skipped-file notices as linkforge validate, then builds one stack per customer', async () => {
    let appErr = '';
    const app = inProject(() =>
      buildCdktfApp({ env: {}, stderr: (s) => (appErr += s), outdir: path.join(dir, 'cdktf.out') }),
    );
    let validateErr = '';
    const code = await inProject(() =>
      validate([], { stdout: () => {}, stderr: (s: string) => (validateErr += s) }),
    );
    expect(code).toBe(0);
    expect(notices(appErr)).toEqual([
      expect.stringMatching(/^notice: customers\/README\.txt is not read: /),
      expect.stringMatching(/^notice: customers\/archive\/ is not read: sub-folders are not searched/),
      expect.stringMatching(/^notice: customers\/globex\.yaml\.bak is not read: /),
    ]);
    expect(notices(appErr)).toEqual(notices(validateErr));
    expect(app?.node.children.map((c) => c.node.id)).toEqual(['acme-corp']);
  });

  it('builds nothing when a customer file has an error, after the diagnostics and the notices', () => {
    fs.writeFileSync(path.join(dir, 'customers', 'broken.yaml'), 'id: broken\n');
    let err = '';
    const app = inProject(() => buildCdktfApp({ env: {}, stderr: (s) => (err += s) }));
    expect(app).toBeUndefined();
    expect(err).toMatch(/^customers\/broken\.yaml:\d+:\d+: error /m);
    expect(notices(err)).toHaveLength(3);
    expect(err).toContain('linkforge: invalid customer files; nothing synthesized');
  });

  it('as the process cdktf starts (dist/main.js): notices on stderr, the stack written', () => {
    // npm test builds before jest: dist/ is fresh here.
    const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'main.js')], {
      cwd: dir,
      env: { ...process.env, CDKTF_OUTDIR: path.join(dir, 'cdktf.out') },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.status).toBe(0);
    expect(notices(r.stderr)).toHaveLength(3);
    expect(fs.existsSync(path.join(dir, 'cdktf.out', 'stacks', 'acme-corp', 'cdk.tf.json'))).toBe(true);
  });
});
