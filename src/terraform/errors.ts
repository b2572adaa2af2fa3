/**
 * Terraform's failures in one paragraph each, for the summary and the console: the `Error:` blocks
 * of its output, a lock error as who holds the lock and how to release it, a state error with
 * where that state is.
 */
import * as path from 'path';
import type { ExecResult } from './exec';
import { isLockError, lockErrorMessage, parseLockInfo, stateLocation } from './state-lock';

/**
 * The error of a failed command, for the summary: a lock error becomes who holds the lock and how
 * to release it; an error about state says where that state is (the S3 object or the file).
 */
export function explainError(
  r: ExecResult,
  stack: { readonly id: string; readonly dir: string },
  lockTimeoutSeconds: number | undefined,
): string {
  const text = `${r.stderr}\n${r.stdout}`;
  const state = stateLocation(stack.dir);
  if (!r.failure && isLockError(text)) {
    return lockErrorMessage(parseLockInfo(text), {
      id: stack.id,
      stackDir: path.relative(process.cwd(), stack.dir) || '.',
      waitedSeconds: lockTimeoutSeconds ?? 0,
      state,
    });
  }
  const summary = summarizeError(r);
  if (state && /\bstate\b/i.test(summary) && !summary.includes(state.replace(/^s3:\/\//, ''))) {
    return `${summary} (state: ${state})`;
  }
  return summary;
}

/**
 * One paragraph from terraform's output: the `Error:` blocks (summary and detail), whitespace
 * collapsed, bounded in length; the last lines of output when there is no `Error:` block.
 */
export function summarizeError(
  r: Pick<ExecResult, 'stdout' | 'stderr' | 'failure' | 'code' | 'signal'>,
): string {
  if (r.failure) return r.failure;
  // Killed (by linkforge's interrupt, the OOM killer, a CI runner): the signal is the news, and
  // "exit code null" would hide it.
  if (r.signal) {
    const rest = summarizeError({ ...r, signal: undefined, code: 0 });
    return `killed by ${r.signal}${rest && rest !== 'exit code 0' ? ` (${rest})` : ''}`;
  }
  const text = `${r.stderr}\n${r.stdout}`.replace(/\r/g, '');
  const lines = text.split('\n').map((l) => l.replace(/^[│╷╵ ]+/, '').trimEnd());
  const blocks: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith('Error: ')) continue;
    const block = [lines[i]];
    for (
      let j = i + 1;
      j < lines.length && !lines[j].startsWith('Error: ') && !lines[j].startsWith('Warning: ');
      j++
    ) {
      if (lines[j]) block.push(lines[j].trim());
    }
    blocks.push(block.join(' '));
  }
  const chosen =
    blocks.length > 0
      ? [...new Set(blocks)].join(' | ')
      : lines
          .filter((l) => l.trim())
          .slice(-3)
          .join(' ');
  const msg = chosen.replace(/\s+/g, ' ').trim() || `exit code ${r.code}`;
  return msg.length > 600 ? `${msg.slice(0, 597)}...` : msg;
}
