import { formatMemory, formatRatio, formatSeconds, median, parseSizes } from '../../src/bench/stats';

describe('median', () => {
  it('takes the middle value of an odd count, whatever the order', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([5])).toBe(5);
  });
  it('averages the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it('does not reorder its input', () => {
    const xs = [3, 1, 2];
    median(xs);
    expect(xs).toEqual([3, 1, 2]);
  });
  it('refuses an empty list', () => {
    expect(() => median([])).toThrow('empty');
  });
});

describe('formatting', () => {
  it('gives seconds a precision that suits the magnitude', () => {
    expect(formatSeconds(42)).toBe('0.042 s');
    expect(formatSeconds(1234)).toBe('1.23 s');
    expect(formatSeconds(12345)).toBe('12.3 s');
    expect(formatSeconds(123456)).toBe('123 s');
  });
  it('gives memory in MiB below a GiB, GiB above', () => {
    expect(formatMemory(87 * 1024)).toBe('87 MiB');
    expect(formatMemory(1.5 * 1024 * 1024)).toBe('1.50 GiB');
  });
  it('gives how many times lower ours is than theirs', () => {
    expect(formatRatio(100, 250)).toBe('2.5×');
    expect(formatRatio(100, 1234)).toBe('12×');
    expect(formatRatio(undefined, 3)).toBe('—');
    expect(formatRatio(0, 3)).toBe('—');
  });
});

describe('parseSizes', () => {
  it('sorts and deduplicates', () => {
    expect(parseSizes('100, 10,1000,10')).toEqual([10, 100, 1000]);
  });
  it('rejects anything but positive integers', () => {
    expect(() => parseSizes('10,abc')).toThrow("invalid fleet size 'abc'");
    expect(() => parseSizes('0')).toThrow('positive');
    expect(() => parseSizes('1.5')).toThrow('positive');
  });
});
