import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ArtifactWriteError, writeFileAtomic } from '../../src/fsutil/atomic-write';

describe('writeFileAtomic', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atomic-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes the whole content and leaves no temporary file', () => {
    const file = path.join(dir, 'sub', 'plan.json');
    writeFileAtomic(file, '{"a":1}\n');
    expect(fs.readFileSync(file, 'utf8')).toBe('{"a":1}\n');
    expect(fs.readdirSync(path.dirname(file))).toEqual(['plan.json']);
  });

  it('keeps the previous file and names the path when the write fails', () => {
    const file = path.join(dir, 'summary.md');
    fs.writeFileSync(file, 'old');
    fs.mkdirSync(path.join(dir, 'blocker'));
    // Renaming a file over a non-empty directory fails: the target must stay as it was.
    fs.writeFileSync(path.join(dir, 'blocker', 'x'), '');
    expect(() => writeFileAtomic(path.join(dir, 'blocker'), 'new')).toThrow(ArtifactWriteError);
    expect(() => writeFileAtomic(path.join(dir, 'blocker'), 'new')).toThrow(/blocker/);
    expect(fs.readFileSync(file, 'utf8')).toBe('old');
    expect(fs.readdirSync(dir).sort()).toEqual(['blocker', 'summary.md']);
  });
});
