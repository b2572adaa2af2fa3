/**
 * Reading back a file that a tool wrote (a shard's plan-results.json and plan.json, the affected
 * set, a local Terraform state): a regular file, never through a symbolic link, never more than a
 * fixed number of bytes. Such a file arrives as a CI artifact or sits in a git-ignored folder, so
 * it is untrusted: an oversized or special file (a FIFO would block a plain read forever, a huge
 * one exhaust memory) is an error that says what the file is and what was expected.
 */
import { NotRegularFile, readRegularFile } from './read-regular';

/** Why a tool output could not be read; `message` names the file and the limit. */
export class UnreadableOutput extends Error {}

/** `n` bytes as the message states a limit: `64 MiB`, `512 KiB`. */
function formatBytes(n: number): string {
  if (n >= 1 << 20 && n % (1 << 20) === 0) return `${n / (1 << 20)} MiB`;
  if (n >= 1 << 10 && n % (1 << 10) === 0) return `${n / (1 << 10)} KiB`;
  return `${n} bytes`;
}

/**
 * The text of `file`, which must be a regular file of at most `maxBytes`. Throws UnreadableOutput
 * (a symbolic link, FIFO, device or folder; larger than the limit) and the file system's own error
 * for anything else (ENOENT: callers that accept a missing file check `code`).
 */
export function readToolOutput(file: string, maxBytes: number): string {
  let text: string;
  try {
    text = readRegularFile(file, maxBytes);
  } catch (e) {
    if (e instanceof NotRegularFile) throw new UnreadableOutput(`${e.message}: refusing to read it`);
    throw e;
  }
  if (Buffer.byteLength(text, 'utf8') > maxBytes)
    throw new UnreadableOutput(
      `${file} is larger than ${formatBytes(maxBytes)}, far more than linkforge writes there: refusing to read it`,
    );
  return text;
}
