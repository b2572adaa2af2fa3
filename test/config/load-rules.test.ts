/**
 * How the loader runs the semantic rules, with a fake rule list: only schema-valid files reach
 * them, each sees the others, and each finding is placed at its key, value or missing key's parent.
 */
import { checkSources } from '../../src/config/load';
import type { Rule } from '../../src/config/rules/rule';
import { DEFAULT_SETTINGS } from '../../src/config/settings';
import { peeringYaml } from './yaml-docs';

const seen: { file: string; others: string[] }[] = [];

const mockRule: Rule = {
  codes: ['FAKE_VALUE', 'FAKE_KEY', 'FAKE_MISSING'],
  description: 'test rule',
  check(ctx) {
    seen.push({ file: ctx.file, others: ctx.others.map((o) => o.file) });
    if (ctx.fileStem !== 'a') return [];
    return [
      { severity: 'error', code: 'FAKE_VALUE', path: ['connectivity', 'peer', 'cidrs', 0], message: 'value' },
      {
        severity: 'warning',
        code: 'FAKE_KEY',
        path: ['connectivity', 'peer'],
        message: 'key',
        target: 'key',
      },
      { severity: 'error', code: 'FAKE_MISSING', path: ['connectivity', 'routes'], message: 'missing' },
      { severity: 'error', code: 'FAKE_MISSING', path: ['region'], message: 'missing top-level' },
    ];
  },
};

// jest hoists this above the imports; the getter defers reading mockRule until the loader runs.
jest.mock('../../src/config/rules', () => ({
  get RULES() {
    return [mockRule];
  },
}));

const doc = (id: string) => peeringYaml(id);

describe('running the rules', () => {
  const r = checkSources(
    [
      { path: 'c/a.yaml', text: doc('a') },
      { path: 'c/b.yaml', text: doc('b') },
      { path: 'c/broken.yaml', text: 'id: broken\n' },
    ],
    DEFAULT_SETTINGS,
  );

  it('runs only on schema-valid files, each seeing the other valid ones', () => {
    expect(seen).toEqual([
      { file: 'c/a.yaml', others: ['c/b.yaml'] },
      { file: 'c/b.yaml', others: ['c/a.yaml'] },
    ]);
  });

  it('places findings at the value, the key, or the parent of a missing key', () => {
    const fake = r.diagnostics.filter((d) => d.code.startsWith('FAKE'));
    expect(fake.map((d) => [d.code, d.path, d.line, d.column, d.severity])).toEqual([
      ['FAKE_MISSING', 'region', 1, 1, 'error'],
      ['FAKE_MISSING', 'connectivity.routes', 5, 1, 'error'],
      ['FAKE_KEY', 'connectivity.peer', 7, 3, 'warning'],
      ['FAKE_VALUE', 'connectivity.peer.cidrs[0]', 11, 13, 'error'],
    ]);
  });

  it('drops files with rule errors from the customers, keeps files with none', () => {
    expect(r.customers.map((c) => c.file)).toEqual(['c/b.yaml']);
  });
});
