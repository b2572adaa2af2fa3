import { defaultJobs, describeDefaultJobs, PLAN_MEMORY_BYTES } from '../../src/terraform/jobs';

const GiB = 1024 ** 3;

describe('defaultJobs', () => {
  it('one plan per CPU when memory is plentiful', () => {
    expect(defaultJobs({ cpus: 2, freeBytes: 20 * GiB })).toBe(2);
    expect(defaultJobs({ cpus: 16, freeBytes: 64 * GiB })).toBe(16);
  });

  it('fewer plans than CPUs when free memory cannot hold one plan per CPU', () => {
    expect(defaultJobs({ cpus: 8, freeBytes: 3.5 * GiB })).toBe(3);
    expect(defaultJobs({ cpus: 4, freeBytes: 2 * PLAN_MEMORY_BYTES })).toBe(2);
  });

  it('never less than one, whatever the machine reports', () => {
    expect(defaultJobs({ cpus: 0, freeBytes: 0 })).toBe(1);
    expect(defaultJobs({ cpus: 2, freeBytes: 0.2 * GiB })).toBe(1);
  });

  it('says why', () => {
    expect(describeDefaultJobs({ cpus: 8, freeBytes: 3.5 * GiB })).toBe(
      '3 (8 CPU(s), 3.5 GiB free, 1 GiB per plan)',
    );
  });
});
