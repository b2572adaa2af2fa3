/**
 * Progress of a multi-stack plan: a live bar on a terminal, and one line per finished stack
 * everywhere else (CI logs keep every line; a redrawn bar there is only noise).
 */
import type { SingleBar } from 'cli-progress';
import { formatCounts } from '../plan/counts';
import type { ChangeCounts } from '../plan/types';

export interface StackProgressEvent {
  readonly id: string;
  readonly status: 'planned' | 'failed';
  readonly decommission: boolean;
  readonly counts?: ChangeCounts;
  readonly durationMs: number;
  /** First line of the error, for failed stacks. */
  readonly error?: string;
}

export interface ProgressReporter {
  start(total: number): void;
  stackDone(event: StackProgressEvent): void;
  stop(): void;
}

/** `[3/20] acme-corp planned: +18 ~0 -0 (4.2s)` */
export function formatProgressLine(done: number, total: number, e: StackProgressEvent): string {
  const secs = `(${(e.durationMs / 1000).toFixed(1)}s)`;
  const prefix = `[${done}/${total}] ${e.id}`;
  if (e.status === 'failed') return `${prefix} failed: ${e.error ?? 'unknown error'} ${secs}`;
  const what = e.decommission ? 'planned (destroy)' : 'planned';
  return `${prefix} ${what}: ${formatCounts(e.counts ?? { add: 0, change: 0, destroy: 0 })} ${secs}`;
}

export class LineProgress implements ProgressReporter {
  private total = 0;
  private done = 0;
  constructor(private readonly out: NodeJS.WritableStream) {}
  start(total: number): void {
    this.total = total;
    this.done = 0;
  }
  stackDone(e: StackProgressEvent): void {
    this.done++;
    this.out.write(formatProgressLine(this.done, this.total, e) + '\n');
  }
  stop(): void {}
}

class BarProgress implements ProgressReporter {
  private readonly bar: SingleBar;
  private total = 0;
  private done = 0;
  private readonly failures: string[] = [];
  constructor(private readonly out: NodeJS.WriteStream) {
    // Loaded only for a terminal: CI logs (and every test) never draw a bar, and the fixed cost
    // of a plan run counts (issue 13).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { SingleBar, Presets } = require('cli-progress') as typeof import('cli-progress');
    this.bar = new SingleBar(
      {
        stream: out,
        format:
          'planning [{bar}] {value}/{total} stacks | {failed} failed | {eta_formatted} left | last: {last}',
        hideCursor: true,
        clearOnComplete: false,
      },
      Presets.shades_classic,
    );
  }
  start(total: number): void {
    this.total = total;
    this.bar.start(total, 0, { failed: 0, last: '-' });
  }
  stackDone(e: StackProgressEvent): void {
    this.done++;
    if (e.status === 'failed') this.failures.push(formatProgressLine(this.done, this.total, e));
    this.bar.update(this.done, { failed: this.failures.length, last: e.id });
  }
  stop(): void {
    this.bar.stop();
    // Failures are repeated below the bar so they are not lost when it is redrawn.
    for (const line of this.failures) this.out.write(line + '\n');
  }
}

/** A bar when `out` is a terminal, else one line per stack. */
export function progressFor(out: NodeJS.WriteStream): ProgressReporter {
  return out.isTTY ? new BarProgress(out) : new LineProgress(out);
}

export const silentProgress: ProgressReporter = { start() {}, stackDone() {}, stop() {} };
