/**
 * Checks on a customer file's text before it is parsed: size, characters YAML text cannot hold,
 * and nesting. Each is cheap and linear, and each keeps the parser away from input that would
 * make it slow or overflow the stack.
 */
import { Lexer } from 'yaml';
import { FILE_START, TextPositions, type Position } from './position';

/** Files above this size are refused before parsing: a customer file is a few hundred bytes. */
export const MAX_FILE_BYTES = 1024 * 1024;

/**
 * Nesting limit, checked on the text before parsing. `yaml` only notices deep nesting when the
 * JavaScript stack overflows, at a place that depends on the stack size; checking first makes the
 * diagnostic deterministic and keeps every later recursive walk shallow.
 */
const MAX_NESTING = 64;
/**
 * Most lexical tokens (values, indicators, commas, spaces, line breaks, comments) a file may hold,
 * counted before parsing. A customer file has a few hundred to two thousand; the parser's time
 * grows with the tokens, not the bytes (1 MiB of blank lines took 1.6 s, 1 MiB of commas, each a
 * syntax error, far longer; docs/security.md), so this, not the size, keeps every file under a
 * second. It also leaves room for the alias cases validated in full (8,000 ports behind one
 * alias: 16,000 tokens; a 10,000-item anchored list: 20,000).
 */
export const MAX_TOKENS = 32_768;
/** Indentation (leading spaces and block indicators such as `- `) beyond which a line is refused. */
const MAX_INDENT = 256;

/** Why a text is refused before parsing. */
export interface TextProblem {
  readonly position: Position;
  readonly code: 'FILE_TOO_LARGE' | 'FILE_BINARY' | 'YAML_TOO_DEEP' | 'YAML_TOO_COMPLEX';
  readonly message: string;
}

/** The first reason to refuse `text` before parsing it, or undefined when it may be parsed. */
export function checkText(text: string): TextProblem | undefined {
  // Cheap first: a string of n UTF-16 units holds at least n bytes of UTF-8.
  if (text.length > MAX_FILE_BYTES || Buffer.byteLength(text, 'utf8') > MAX_FILE_BYTES) {
    return {
      position: FILE_START,
      code: 'FILE_TOO_LARGE',
      message: `file has more than ${MAX_FILE_BYTES} bytes; a customer file may be at most 1 MiB`,
    };
  }
  const bad = firstBinaryChar(text);
  if (bad >= 0) {
    const code = text.charCodeAt(bad);
    const what = code === 0xfffd ? 'bytes that are not valid UTF-8' : `the control character U+${hex4(code)}`;
    return {
      position: new TextPositions(text).at(bad),
      code: 'FILE_BINARY',
      message: `file contains ${what}; a customer file is UTF-8 YAML text`,
    };
  }
  const deep = tooDeepAt(text);
  if (deep >= 0) {
    return {
      position: new TextPositions(text).at(deep),
      code: 'YAML_TOO_DEEP',
      message: `YAML is nested more than ${MAX_NESTING} levels deep here; a customer file needs a handful`,
    };
  }
  const busy = tooManyTokensAt(text);
  if (busy >= 0) {
    return {
      position: new TextPositions(text).at(busy),
      code: 'YAML_TOO_COMPLEX',
      message: `file has more than ${MAX_TOKENS} YAML tokens (values, commas, line breaks, comments) by here; a customer file has a few hundred: check that the right file was committed`,
    };
  }
  return undefined;
}

/**
 * Offset of the token past MAX_TOKENS, or -1. yaml's own lexer, stopped there: a hostile file costs
 * MAX_TOKENS tokens of lexing, never the whole parse.
 */
function tooManyTokensAt(text: string): number {
  let tokens = 0;
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    // Control markers the lexer inserts (document start, scalar start, flow error end) are not text.
    if (token.length === 1 && (token === '\x02' || token === '\x1f' || token === '\x18')) continue;
    if (++tokens > MAX_TOKENS) return offset;
    offset += token.length;
  }
  return -1;
}

/** Index of the first character that cannot appear in a YAML text file, or -1. */
function firstBinaryChar(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // YAML 1.2 printable set: tab, LF, CR, x20-x7E, x85, xA0 and up (U+FFFD marks a decoding failure).
    if (
      (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) ||
      (c >= 0x7f && c <= 0x9f && c !== 0x85) ||
      c === 0xfffd
    ) {
      return i;
    }
  }
  return -1;
}

/**
 * Offset where flow brackets nest deeper than MAX_NESTING or a line is indented past MAX_INDENT,
 * or -1. A light lexer: quoted scalars and comments are skipped so their brackets do not count.
 */
function tooDeepAt(text: string): number {
  let depth = 0;
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (lineStart) {
      lineStart = false;
      // Leading spaces, tabs and block indicators (`- `, `? `, `: `) each add a level of nesting.
      let j = i;
      while (j < text.length && j - i <= MAX_INDENT) {
        const d = text.charCodeAt(j);
        if (d === 0x20 || d === 0x09) j++;
        else if ((d === 0x2d || d === 0x3f || d === 0x3a) && /[ \t]/.test(text[j + 1] ?? '')) j += 2;
        else break;
      }
      if (j - i > MAX_INDENT) return i + MAX_INDENT;
    }
    switch (c) {
      case 0x0a: // \n
        lineStart = true;
        break;
      case 0x23: // # starts a comment after whitespace
        if (i === 0 || isSpace(text.charCodeAt(i - 1))) {
          while (i + 1 < text.length && text.charCodeAt(i + 1) !== 0x0a) i++;
        }
        break;
      case 0x22: // "
      case 0x27: // '
        if (i === 0 || isTokenStart(text.charCodeAt(i - 1))) i = closingQuote(text, i);
        break;
      case 0x5b: // [
      case 0x7b: // {
        if (++depth > MAX_NESTING) return i;
        break;
      case 0x5d: // ]
      case 0x7d: // }
        if (depth > 0) depth--;
        break;
    }
  }
  return -1;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** A quote opens a quoted scalar only where a token starts: `it's` is plain text. */
function isTokenStart(c: number): boolean {
  return isSpace(c) || c === 0x5b || c === 0x7b || c === 0x2c;
}

/** Index of the quote closing the one at `open` ('' escapes ' in single quotes; \ escapes in double). */
function closingQuote(text: string, open: number): number {
  const quote = text.charCodeAt(open);
  for (let i = open + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote === 0x22 && c === 0x5c) i++;
    else if (c === quote) {
      if (quote === 0x27 && text.charCodeAt(i + 1) === 0x27) i++;
      else return i;
    }
  }
  return text.length;
}

function hex4(n: number): string {
  return n.toString(16).toUpperCase().padStart(4, '0');
}
