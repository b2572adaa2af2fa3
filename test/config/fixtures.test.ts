/**
 * The fixture corpus. Every file in test/fixtures/invalid has exactly one problem and says which
 * on its first line (`# expect: CODE LINE:COL`); every file in test/fixtures/valid is a valid edge
 * case. Each file is checked alone, so cross-file rules cannot blur the result.
 */
import * as fs from 'fs';
import * as path from 'path';
import { checkSources } from '../../src/config/load';
import { formatText } from '../../src/config/diagnostics';
import { DEFAULT_SETTINGS } from '../../src/config/settings';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const EXPECT = /^# expect: ([A-Z0-9_]+) (\d+):(\d+)\s*$/;

function fixtures(kind: 'valid' | 'invalid'): string[] {
  return fs
    .readdirSync(path.join(FIXTURES, kind))
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
}

function check(kind: 'valid' | 'invalid', name: string) {
  const file = `test/fixtures/${kind}/${name}`;
  const text = fs.readFileSync(path.join(FIXTURES, kind, name), 'utf8');
  return { text, result: checkSources([{ path: file, text }], DEFAULT_SETTINGS) };
}

describe('invalid fixtures', () => {
  const names = fixtures('invalid');

  it('has at least 60 files, each declaring its expected diagnostic', () => {
    expect(names.length).toBeGreaterThanOrEqual(60);
    for (const name of names) {
      const firstLine = fs.readFileSync(path.join(FIXTURES, 'invalid', name), 'latin1').split('\n')[0];
      expect({ name, firstLine, ok: EXPECT.test(firstLine) }).toEqual({ name, firstLine, ok: true });
    }
  });

  it.each(names)('%s gives exactly the declared error', (name) => {
    const { text, result } = check('invalid', name);
    const [, code, line, column] = EXPECT.exec(text.split('\n')[0]) ?? [];
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map(formatText)).toHaveLength(1);
    expect({ code: errors[0].code, line: errors[0].line, column: errors[0].column }).toEqual({
      code,
      line: Number(line),
      column: Number(column),
    });
    expect(errors[0].file).toBe(`test/fixtures/invalid/${name}`);
    expect(errors[0].message.length).toBeGreaterThan(10);
    expect(result.customers).toEqual([]);
  });
});

describe('valid fixtures', () => {
  const names = fixtures('valid');

  it('has edge cases to check', () => {
    expect(names.length).toBeGreaterThanOrEqual(15);
  });

  it.each(names)('%s validates without errors', (name) => {
    const { result } = check('valid', name);
    expect(result.diagnostics.filter((d) => d.severity === 'error').map(formatText)).toEqual([]);
    expect(result.customers).toHaveLength(1);
    expect(result.customers[0].customer.id).toBe(name.replace(/\.ya?ml$/, ''));
  });
});
