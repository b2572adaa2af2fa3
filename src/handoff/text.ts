/**
 * The handoff document's text model: sentences made of trusted text (written by linkforge) and
 * untrusted values (from a customer file, the stack's state or AWS), kept apart until the edge, so
 * each renderer escapes values its own way (Markdown code span, Mermaid entity, shell quoting) and
 * never trusts a value because a validator checked it.
 */

/** Trusted text (a string) or an untrusted value. */
export type Inline = string | { readonly value: string };
/** One sentence or line: its pieces in order. */
export type Sentence = readonly Inline[];

/** An untrusted value. */
export function v(value: string | number): Inline {
  return { value: String(value) };
}

/** A sentence as plain text (JSON output, logs): values unquoted. */
export function plain(s: Sentence): string {
  return s.map((p) => (typeof p === 'string' ? p : p.value)).join('');
}

/**
 * A shell word that the POSIX shell reads back as exactly `value`: bare when it holds only
 * characters with no meaning to the shell, else single-quoted (a `'` inside closes, escapes and
 * reopens). Commands in the document are copied into terminals: a value must never become code.
 */
export function shellWord(value: string): string {
  if (/^[A-Za-z0-9_./:=,@+-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A shell command from trusted words and untrusted values (quoted). */
export function shell(...parts: Inline[]): string {
  return parts.map((p) => (typeof p === 'string' ? p : shellWord(p.value))).join('');
}
