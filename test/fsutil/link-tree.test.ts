import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { linkTree } from '../../src/fsutil/link-tree';

describe('linkTree', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'linkforge-link-tree-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('recreates the tree with hard links, and leaves out (and names) links and special files', () => {
    const from = path.join(root, 'from');
    fs.mkdirSync(path.join(from, 'acme', 'nested'), { recursive: true });
    fs.writeFileSync(path.join(from, 'acme', 'plan.json'), '{"resource_changes":[]}\n');
    fs.writeFileSync(path.join(from, 'acme', 'nested', 'plan.txt'), 'No changes.\n');
    fs.writeFileSync(path.join(root, 'secret'), 'not part of the tree');
    fs.symlinkSync(path.join(root, 'secret'), path.join(from, 'acme', 'link'));
    execFileSync('mkfifo', [path.join(from, 'acme', 'pipe')]);

    const left = linkTree(from, path.join(root, 'to'));

    expect(left.sort()).toEqual([path.join(from, 'acme', 'link'), path.join(from, 'acme', 'pipe')]);
    const copy = path.join(root, 'to', 'acme', 'plan.json');
    expect(fs.readFileSync(copy, 'utf8')).toBe('{"resource_changes":[]}\n');
    // The same file, not a copy of its bytes.
    expect(fs.statSync(copy).ino).toBe(fs.statSync(path.join(from, 'acme', 'plan.json')).ino);
    expect(fs.readFileSync(path.join(root, 'to', 'acme', 'nested', 'plan.txt'), 'utf8')).toBe(
      'No changes.\n',
    );
    expect(fs.readdirSync(path.join(root, 'to', 'acme')).sort()).toEqual(['nested', 'plan.json']);
  });

  it('refuses to merge into an existing directory', () => {
    fs.mkdirSync(path.join(root, 'from'));
    fs.mkdirSync(path.join(root, 'to'));
    expect(() => linkTree(path.join(root, 'from'), path.join(root, 'to'))).toThrow(/EEXIST/);
  });
});
