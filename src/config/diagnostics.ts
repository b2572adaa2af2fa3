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

/** `file:line:col: error CODE: path message` — the contract's text format. */
export function formatText(d: Diagnostic): string {
  const subject = d.path ? `${d.path} ` : '';
  return `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${subject}${d.message}`;
}

/** GitHub Actions workflow command, shown as an annotation on the pull request's diff. */
export function formatGithub(d: Diagnostic): string {
  const props = `file=${escapeProperty(d.file)},line=${d.line},col=${d.column},title=${escapeProperty(d.code)}`;
  const subject = d.path ? `${d.path} ` : '';
  return `::${d.severity} ${props}::${escapeData(subject + d.message)}`;
}

/** Machine-readable list (stable key order). */
export function formatJson(diags: readonly Diagnostic[]): string {
  return (
    JSON.stringify(
      diags.map((d) => ({
        file: d.file,
        line: d.line,
        column: d.column,
        severity: d.severity,
        code: d.code,
        path: d.path,
        message: d.message,
      })),
      null,
      2,
    ) + '\n'
  );
}

// https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
