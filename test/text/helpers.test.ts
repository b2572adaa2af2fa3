import { formatPath } from '../../src/text/field-path';
import { orList } from '../../src/text/or-list';

describe('formatPath', () => {
  it('joins keys with dots and puts indexes in brackets', () => {
    expect(formatPath(['connectivity', 'peer', 'cidrs', 0])).toBe('connectivity.peer.cidrs[0]');
    expect(formatPath([0, 'name'])).toBe('[0].name');
    expect(formatPath([])).toBe('');
  });

  it('quotes keys that are not plain words, so a dot in a key is not read as nesting', () => {
    expect(formatPath(['tags', 'a.b'])).toBe('tags["a.b"]');
    expect(formatPath(['tags', ''])).toBe('tags[""]');
    expect(formatPath(['with space'])).toBe('["with space"]');
  });
});

describe('orList', () => {
  it('reads a, a or b, a, b or c', () => {
    expect(orList([])).toBe('');
    expect(orList(['a'])).toBe('a');
    expect(orList(['a', 'b'])).toBe('a or b');
    expect(orList(['a', 'b', 'c'])).toBe('a, b or c');
  });

  it('with many: "one of", lists three or more as one of a, b, c', () => {
    expect(orList(['a', 'b'], { many: 'one of' })).toBe('a or b');
    expect(orList(['a', 'b', 'c'], { many: 'one of' })).toBe('one of a, b, c');
  });
});
