/**
 * Diagnostics: one per problem, compiler style. The formatters are pure; the CLI prints.
 */

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  /** File path as shown to the user (relative to the working directory when possible). */
  readonly file: string;
  /** 1-based line of the offending key or value (the parent key for a missing key). */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
  readonly severity: Severity;
  /** Stable code, e.g. `CIDR_OVERLAP`. Codes are a contract: tools and people grep for them. */
  readonly code: string;
  /** Field path in the customer file, e.g. `connectivity.peer.cidrs[0]` (empty for whole-file problems). */
  readonly path: string;
  /** What was received, what is expected, and the fix where one can be computed. */
  readonly message: string;
}

/** Sort by file, then line, column, and code, so output is deterministic. */
export function sortDiagnostics(diags: readonly Diagnostic[]): Diagnostic[] {
  return [...diags].sort(
    (a, b) =>
      cmp(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      cmp(a.code, b.code) ||
      cmp(a.path, b.path) ||
      cmp(a.message, b.message),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function hasErrors(diags: readonly Diagnostic[]): boolean {
  return diags.some((d) => d.severity === 'error');
}

/**
 * `file:line:col: error CODE: path message` — the contract's text format. Always one line, with
 * control characters shown as escapes: a file name or a quoted value must not add lines to a CI
 * log, where a line starting with `::` is a GitHub workflow command.
 */
export function formatText(d: Diagnostic): string {
  const subject = d.path ? `${d.path} ` : '';
  const line = printable(`${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${subject}${d.message}`);
  return line.startsWith('::') ? `./${line}` : line;
}

/** GitHub Actions workflow command, shown as an annotation on the pull request's diff. */
export function formatGithub(d: Diagnostic): string {
  const props = `file=${escapeProperty(d.file)},line=${d.line},col=${d.column},title=${escapeProperty(d.code)}`;
  const subject = d.path ? `${d.path} ` : '';
  return `::${d.severity} ${props}::${escapeData(subject + d.message)}`;
}

/** The diagnostics as plain records with a stable key order (for JSON output). */
export function jsonRecords(diags: readonly Diagnostic[]): Diagnostic[] {
  return diags.map((d) => ({
    file: d.file,
    line: d.line,
    column: d.column,
    severity: d.severity,
    code: d.code,
    path: d.path,
    message: d.message,
  }));
}

/**
 * Control characters (newlines included) and Unicode bidi overrides as visible `\n`, `\uXXXX`
 * text: a diagnostic quotes file names and values from untrusted files.
 */
const UNPRINTABLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
export function printable(s: string): string {
  return s.replace(UNPRINTABLE, (c) =>
    c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

// The workflow command escapes (https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts):
// data escapes %, CR and LF; properties also `:` and `,`. Other control characters are made visible
// first (escapeData never produces one).
const OTHER_CONTROLS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
export function escapeData(s: string): string {
  return s
    .replace(/%/g, '%25')
    .replace(/\r/g, '%0D')
    .replace(/\n/g, '%0A')
    .replace(OTHER_CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * At most this many diagnostics per file, then one `MORE_DIAGNOSTICS` line: a file with thousands
 * of bad values (8,000 ports behind one alias) must not turn into thousands of lines, annotations
 * or seconds of work, and the first problems are the ones to fix first.
 */
export const MAX_DIAGNOSTICS_PER_FILE = 100;
export const MORE_DIAGNOSTICS = 'MORE_DIAGNOSTICS';

/** The "and N more" line after `shown` diagnostics of `file`, placed where the first omitted one was. */
export function moreDiagnostics(
  file: string,
  at: { readonly line: number; readonly column: number },
  omitted: number,
  severity: Severity,
  shown: number = MAX_DIAGNOSTICS_PER_FILE,
): Diagnostic {
  return {
    file,
    line: at.line,
    column: at.column,
    severity,
    code: MORE_DIAGNOSTICS,
    path: '',
    message: `and ${omitted} more ${omitted === 1 ? 'problem' : 'problems'} in this file, not shown (at most ${shown} per file): fix the ones above and validate again`,
  };
}

/** Keep the first `max` diagnostics of each file (in sorted order) and say how many more there are. */
export function capPerFile(
  diags: readonly Diagnostic[],
  max: number = MAX_DIAGNOSTICS_PER_FILE,
): Diagnostic[] {
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of sortDiagnostics(diags)) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
  const out: Diagnostic[] = [];
  for (const [file, list] of byFile) {
    const real = list.filter((d) => d.code !== MORE_DIAGNOSTICS);
    if (real.length <= max) {
      out.push(...list);
      continue;
    }
    const omitted = real.slice(max);
    const severity = omitted.some((d) => d.severity === 'error') ? 'error' : 'warning';
    out.push(...real.slice(0, max), moreDiagnostics(file, omitted[0], omitted.length, severity, max));
  }
  return sortDiagnostics(out);
}
