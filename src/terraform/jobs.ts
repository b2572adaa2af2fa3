/**
 * How many stacks to plan at the same time when `--jobs` is not given: as many as there are CPUs,
 * but never more than the free memory holds.
 *
 * Planning is CPU-bound (the AWS provider loads its schema in every `plan` and `show`), so more
 * plans than cores only share the same cores. Memory is the other limit: one `terraform plan`
 * with hashicorp/aws 5.100.0 peaks at about 850 MB of resident memory for terraform and the
 * provider plugin together (measured, docs/terraform.md "Memory per plan"), so a runner with
 * little memory left must plan fewer stacks at once rather than swap or be OOM-killed.
 */
import * as os from 'os';

/**
 * Memory reserved per concurrent plan: the measured peak (≈ 850 MB of terraform + provider, RSS
 * sampled over the process tree) rounded up to 1 GiB for headroom (larger stacks, the parent).
 */
export const PLAN_MEMORY_BYTES = 1024 ** 3;

export interface MachineCapacity {
  /** CPUs this process may use. */
  readonly cpus: number;
  /** Memory available to new processes, bytes (Linux: MemAvailable). */
  readonly freeBytes: number;
}

export function machineCapacity(): MachineCapacity {
  return { cpus: os.availableParallelism(), freeBytes: os.freemem() };
}

/** min(CPUs, free memory / PLAN_MEMORY_BYTES), at least 1. */
export function defaultJobs(machine: MachineCapacity = machineCapacity()): number {
  const byCpu = Math.max(1, Math.floor(machine.cpus));
  const byMemory = Math.max(1, Math.floor(machine.freeBytes / PLAN_MEMORY_BYTES));
  return Math.min(byCpu, byMemory);
}

/** Why the default is what it is, for the run's first lines. */
export function describeDefaultJobs(machine: MachineCapacity = machineCapacity()): string {
  const gib = (machine.freeBytes / 1024 ** 3).toFixed(1);
  return `${defaultJobs(machine)} (${machine.cpus} CPU(s), ${gib} GiB free, 1 GiB per plan)`;
}
