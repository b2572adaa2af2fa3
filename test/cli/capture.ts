import type { Output } from '../../src/cli/output';

/** An Output that keeps what a command prints, for in-process command tests. */
export function capture(): Output & { out: string; err: string } {
  const o = {
    out: '',
    err: '',
    stdout: (s: string) => void (o.out += s),
    stderr: (s: string) => void (o.err += s),
  };
  return o;
}
