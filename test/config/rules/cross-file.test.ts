/**
 * Cross-file rules, end to end through the loader: each folder in test/fixtures/invalid-sets is
 * checked as one customers folder, and `expect.txt` lists every diagnostic the set must produce
 * (`file CODE LINE:COL`), no more and no less. Each file involved reports the problem at its own line.
 */
import * as fs from 'fs';
import * as path from 'path';
import { checkSources } from '../../../src/config/load';
import { DEFAULT_SETTINGS } from '../../../src/config/settings';

const SETS = path.join(__dirname, '..', '..', 'fixtures', 'invalid-sets');
const cases = fs.readdirSync(SETS).sort();

function expected(dir: string): string[] {
  return fs
    .readFileSync(path.join(dir, 'expect.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .sort();
}

describe('cross-file fixture sets', () => {
  it('has sets to check', () => {
    expect(cases.length).toBeGreaterThanOrEqual(3);
  });

  it.each(cases)('%s reports exactly what expect.txt lists', (name) => {
    const dir = path.join(SETS, name);
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'));
    expect(files.length).toBeGreaterThanOrEqual(2);
    const sources = files.map((f) => ({
      path: `${name}/${f}`,
      text: fs.readFileSync(path.join(dir, f), 'utf8'),
    }));
    const { diagnostics } = checkSources(sources, DEFAULT_SETTINGS);
    const got = diagnostics.map((d) => `${path.basename(d.file)} ${d.code} ${d.line}:${d.column}`).sort();
    expect(got).toEqual(expected(dir));
    // Every message names the other file(s) involved; a fleet capacity warning counts the files
    // instead (naming hundreds of them would help no one).
    for (const d of diagnostics.filter((x) => x.code !== 'QUOTA_FLEET')) {
      const others = files.filter((f) => `${name}/${f}` !== d.file);
      const named = others.filter((f) => d.message.includes(`${name}/${f}`));
      expect({ file: d.file, named: named.length > 0 }).toEqual({ file: d.file, named: true });
    }
  });

  it('does not depend on the order the files come in', () => {
    const dir = path.join(SETS, 'org-id-duplicate');
    const sources = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => ({ path: f, text: fs.readFileSync(path.join(dir, f), 'utf8') }));
    const forward = checkSources(sources, DEFAULT_SETTINGS).diagnostics;
    const backward = checkSources([...sources].reverse(), DEFAULT_SETTINGS).diagnostics;
    expect(backward).toEqual(forward);
  });
});
