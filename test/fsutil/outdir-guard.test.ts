/**
 * `--outdir` guard (issue 10): `synth --outdir .` once replaced the whole project with its output.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run as synth } from '../../src/cli/synth';
import { OUTDIR_MARKER, UnsafeOutdirError, checkOutdir } from '../../src/fsutil/outdir-guard';

function capture() {
  const err: string[] = [];
  return { out: { stdout: () => undefined, stderr: (s: string) => void err.push(s) }, err };
}

describe('the output folder guard', () => {
  let project: string;
  const cwd = process.cwd();
  beforeEach(() => {
    project = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'linkforge-outdir-')));
    fs.mkdirSync(path.join(project, 'customers'));
    fs.copyFileSync(
      path.join(cwd, 'customers', 'acme-corp.yaml'),
      path.join(project, 'customers', 'acme-corp.yaml'),
    );
    fs.writeFileSync(path.join(project, 'package.json'), '{}\n');
    process.chdir(project);
  });
  afterEach(() => {
    process.chdir(cwd);
    fs.rmSync(project, { recursive: true, force: true });
  });

  it('regression: `synth --outdir .` is refused and the project is untouched', async () => {
    const io = capture();
    expect(await synth(['--outdir', '.'], io.out as never)).toBe(1);
    expect(io.err.join('')).toMatch(/refusing to use \. as the output folder: it is the working directory/);
    expect(fs.readdirSync(project).sort()).toEqual(['customers', 'package.json']);
  });

  it('refuses the parent of the project, the customers folder, and a folder of someone else', () => {
    expect(() => checkOutdir('..')).toThrow(/it contains the working directory/);
    expect(() => checkOutdir('customers', ['customers'])).toThrow(/it is customers/);
    fs.mkdirSync('docs');
    fs.writeFileSync(path.join('docs', 'notes.md'), 'mine\n');
    expect(() => checkOutdir('docs')).toThrow(UnsafeOutdirError);
    expect(() => checkOutdir('docs')).toThrow(
      /holds files linkforge did not write \(notes\.md\) and no \.linkforge-output marker/,
    );
    fs.symlinkSync('docs', 'linked');
    expect(() => checkOutdir('linked')).toThrow(/symbolic link/);
  });

  it('accepts a new folder, its own marked output, and an older output folder of its own shape', async () => {
    expect(() => checkOutdir('out')).not.toThrow();
    const io = capture();
    expect(await synth(['--outdir', 'out'], io.out as never)).toBe(0);
    expect(fs.existsSync(path.join('out', OUTDIR_MARKER))).toBe(true);
    fs.writeFileSync(path.join('out', 'anything'), 'x');
    expect(() => checkOutdir('out')).not.toThrow();
    fs.mkdirSync(path.join('old', 'stacks'), { recursive: true });
    fs.writeFileSync(path.join('old', 'manifest.json'), '{}');
    expect(() => checkOutdir('old')).not.toThrow();
  });
});
