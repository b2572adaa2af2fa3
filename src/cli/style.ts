/**
 * Colour on a terminal, through Node's own `util.styleText` (no dependency): only when the stream
 * is a TTY, never when `NO_COLOR` is set to anything non-empty (https://no-color.org) or `TERM` is
 * `dumb`. Pipes, files and CI logs get plain text, byte for byte what the tests compare.
 */
import { styleText } from 'util';
import type { Diagnostic } from '../config/diagnostics';
import { formatText } from '../config/diagnostics';

export type Colour = 'red' | 'yellow' | 'green' | 'bold' | 'dim';

/** Whether text written to `stream` may carry colour codes. */
export function colourEnabled(
  stream: { readonly isTTY?: boolean },
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

/** `text` in `colour` when `enabled`, else unchanged. */
export function paint(colour: Colour, text: string, enabled: boolean | undefined): string {
  return enabled ? styleText(colour, text) : text;
}

/** A diagnostic as `formatText` writes it, the severity word coloured (errors red, warnings yellow). */
export function formatTextStyled(d: Diagnostic, enabled: boolean | undefined): string {
  const plain = formatText(d);
  if (!enabled) return plain;
  const word = ` ${d.severity} ${d.code}:`;
  const at = plain.indexOf(word);
  if (at < 0) return plain;
  const colour: Colour = d.severity === 'error' ? 'red' : 'yellow';
  return (
    plain.slice(0, at + 1) +
    styleText([colour, 'bold'], `${d.severity} ${d.code}`) +
    plain.slice(at + word.length - 1)
  );
}
