import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const REPO = path.join(__dirname, '..', '..');

/**
 * A fresh project per test (an empty customers/ and the repository's cdktf.json), made the working
 * directory for the test, as a user runs the CLI from their project; removed afterwards.
 */
export function useTempProject(prefix: string): {
  /** The project folder of the running test. */
  readonly dir: () => string;
  /** Writes customers/<name>. */
  readonly write: (name: string, text: string) => void;
} {
  let dir = '';
  const cwd = process.cwd();
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    fs.mkdirSync(path.join(dir, 'customers'));
    fs.copyFileSync(path.join(REPO, 'cdktf.json'), path.join(dir, 'cdktf.json'));
    process.chdir(dir);
  });
  afterEach(() => {
    process.chdir(cwd);
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    dir: () => dir,
    write: (name, text) => fs.writeFileSync(path.join(dir, 'customers', name), text),
  };
}
