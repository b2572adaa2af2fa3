import { parseTimeOutput, treeRss } from '../../src/bench/measure';

describe('parseTimeOutput', () => {
  it("reads GNU time's '%e %M' line", () => {
    expect(parseTimeOutput('1.23 45678\n')).toEqual({ elapsedS: 1.23, maxRssKib: 45678 });
  });
  it('reads the figures after the non-zero status notice', () => {
    expect(parseTimeOutput('Command exited with non-zero status 1\n0.05 4096\n')).toEqual({
      elapsedS: 0.05,
      maxRssKib: 4096,
    });
  });
  it("reads the CPU seconds of '%e %M %U %S' (user + system)", () => {
    expect(parseTimeOutput('0.80 51200 0.50 0.25\n')).toEqual({
      elapsedS: 0.8,
      maxRssKib: 51200,
      cpuS: 0.75,
    });
  });
  it('refuses anything else', () => {
    expect(() => parseTimeOutput('garbage')).toThrow('unexpected /usr/bin/time output');
  });
});

describe('treeRss', () => {
  it('counts at least this process, and nothing for a pid that does not exist', () => {
    expect(treeRss(process.pid)).toBeGreaterThan(1024);
    expect(treeRss(2 ** 22 + 1)).toBe(0);
  });
});
