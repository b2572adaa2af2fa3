import { colourEnabled } from './style';

/** Where a command writes; injectable so tests can run commands in-process and read what they print. */
export interface Output {
  stdout(s: string): void;
  stderr(s: string): void;
  /** stdout / stderr may carry colour (a terminal without NO_COLOR). @default false */
  readonly stdoutColour?: boolean;
  readonly stderrColour?: boolean;
}

export const PROCESS_OUTPUT: Output = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  get stdoutColour() {
    return colourEnabled(process.stdout);
  },
  get stderrColour() {
    return colourEnabled(process.stderr);
  },
};
