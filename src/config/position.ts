/**
 * The one way linkforge turns an offset in a file's text into the line and column of a
 * diagnostic, on the yaml package's LineCounter (the parser fills it as it reads; for text that
 * was never parsed, `TextPositions` fills one itself).
 */
import { LineCounter } from 'yaml';

export interface Position {
  readonly line: number;
  readonly column: number;
}

/** Where whole-file problems point. */
export const FILE_START: Position = { line: 1, column: 1 };

export class TextPositions {
  private readonly lineCounter: LineCounter;

  /** `lineCounter`: the one the parser filled while reading `text`; built from the text when absent. */
  constructor(
    readonly text: string,
    lineCounter?: LineCounter,
  ) {
    this.lineCounter = lineCounter ?? countLines(text);
  }

  /** Line and column (1-based) of the character at `offset`, clamped to the text. */
  at(offset: number): Position {
    const { line, col } = this.lineCounter.linePos(Math.max(0, Math.min(offset, this.text.length)));
    return this.withoutBom(line, col);
  }

  /**
   * As `at`, except that the very end of a text ending in a line break is shown just after the
   * last character rather than on a line past the end of the file (an unclosed bracket).
   */
  atOrBeforeEnd(offset: number): Position {
    let at = Math.max(0, Math.min(offset, this.text.length));
    if (at === this.text.length && this.text.endsWith('\n')) at -= this.text.endsWith('\r\n') ? 2 : 1;
    return this.at(at);
  }

  /** Editors do not show a byte order mark: columns on line 1 are counted after it. */
  private withoutBom(line: number, column: number): Position {
    return line === 1 && column > 1 && this.text.charCodeAt(0) === 0xfeff
      ? { line, column: column - 1 }
      : { line, column };
  }
}

function countLines(text: string): LineCounter {
  const counter = new LineCounter();
  counter.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) counter.addNewLine(i + 1);
  return counter;
}
