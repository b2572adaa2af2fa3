/** Where a command writes; injectable so tests can run commands in-process and read what they print. */
export interface Output {
  stdout(s: string): void;
  stderr(s: string): void;
}

export const PROCESS_OUTPUT: Output = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
};
