/**
 * Ctrl-C and cancelled CI jobs (SIGINT, SIGTERM) during a run that starts terraform.
 *
 * Terraform releases its state lock when it is interrupted once, and its providers stop with it;
 * killed outright (or orphaned by a parent that exits at once) it leaves the lock behind and its
 * provider processes running. So, while a trap is installed:
 *
 * 1. the first signal is forwarded to the process group of every running terraform child
 *    (terraform and its providers, see exec.ts) and no further terraform command starts;
 * 2. linkforge waits for them to exit, at most `graceMs`; whatever is still running then is
 *    killed (SIGKILL to the group), and a second signal kills at once;
 * 3. the command then writes its summary and results with the stacks marked as interrupted, and
 *    exits 130 (SIGINT) or 143 (SIGTERM), as a shell reports a process killed by that signal.
 */
import { runningTerraformCount, signalTerraformGroups } from './exec';

/** How long terraform children get to stop cleanly (and release their locks) after a signal. */
const INTERRUPT_GRACE_MS = 30_000;

export interface InterruptTrap {
  /** The signal received, if any. */
  signal(): NodeJS.Signals | undefined;
  /** Terraform children that did not stop within the grace period and were killed. */
  killed(): number;
  /** Act as if `signal` had been received (the handlers call this; so do tests). */
  trigger(signal: NodeJS.Signals): void;
  /** Remove the handlers and the timer. */
  release(): void;
}

export interface TrapOptions {
  /** Where the one-line notice goes. */
  readonly out: { stderr(s: string): void };
  /** Name in messages, e.g. `linkforge plan`. */
  readonly command: string;
  /** @default INTERRUPT_GRACE_MS */
  readonly graceMs?: number;
  /** Listen to the process's signals. @default true (tests trigger by hand) */
  readonly listen?: boolean;
}

export function trapInterrupts(opts: TrapOptions): InterruptTrap {
  const graceMs = opts.graceMs ?? INTERRUPT_GRACE_MS;
  let received: NodeJS.Signals | undefined;
  let killed = 0;
  let timer: NodeJS.Timeout | undefined;
  const killAll = () => {
    killed += signalTerraformGroups('SIGKILL');
  };
  const trigger = (signal: NodeJS.Signals) => {
    if (received) {
      // Second signal: the user does not want to wait.
      opts.out.stderr(`${opts.command}: ${signal} again: killing the terraform processes now\n`);
      killAll();
      return;
    }
    received = signal;
    const n = signalTerraformGroups(signal);
    opts.out.stderr(
      `${opts.command}: ${signal} received: ` +
        (n > 0
          ? `stopping ${n} terraform process(es) so they release their state locks (up to ${Math.round(graceMs / 1000)} s; ${signal} again kills them at once)`
          : 'no terraform process running') +
        ', then writing the summary\n',
    );
    if (n > 0) {
      timer = setTimeout(() => {
        if (runningTerraformCount() > 0) killAll();
      }, graceMs);
      timer.unref();
    }
  };
  const onSignal = (signal: NodeJS.Signals) => trigger(signal);
  if (opts.listen ?? true) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  return {
    signal: () => received,
    killed: () => killed,
    trigger,
    release() {
      if (timer) clearTimeout(timer);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/** The exit status of a process stopped by `signal`: 128 + its number (130 for SIGINT, 143 for SIGTERM). */
export function exitStatusFor(signal: NodeJS.Signals): number {
  return signal === 'SIGTERM' ? 143 : signal === 'SIGINT' ? 130 : 1;
}
