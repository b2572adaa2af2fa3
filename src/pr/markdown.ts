/**
 * Escaping for everything that reaches Markdown (summary.md, the sticky pull-request comment, the
 * job summary, the drift issue, handoff documents) from a customer file or a plan. Such values are
 * untrusted: a `deviceName` or a tag value must never become a link, an image, an HTML element, an
 * @mention, a heading or a table cell break in a comment the bot posts.
 */

/** Control characters other than tab and newline, and the Unicode bidi overrides. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Characters with meaning in GitHub-flavoured Markdown (inline and at line start). */
const MARKDOWN_SPECIAL = /[\\`*_{}[\]()<>#+\-.!|~@:&"'=$^]/g;

function visible(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Untrusted text as literal Markdown text, on one line: every Markdown/HTML metacharacter is
 * backslash-escaped (GitHub renders `\@` as `@` without notifying, `\<` as `<` without a tag),
 * newlines become spaces and control characters become visible `\uXXXX` escapes.
 */
export function mdText(text: string): string {
  return visible(text.replace(/\r\n|\r|\n/g, ' ')).replace(MARKDOWN_SPECIAL, (c) => `\\${c}`);
}

/**
 * Untrusted text as an inline code span: backticks inside cannot close it (the fence is longer
 * than any run of backticks in the text), pipes are escaped so the span is safe inside a table
 * cell, newlines become spaces and control characters become visible escapes.
 */
export function mdCode(text: string): string {
  const flat = visible(text.replace(/\r\n|\r|\n/g, ' ')).replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat === '' ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/**
 * Untrusted multi-line text (a Terraform error, a plan excerpt) as a fenced code block: the fence
 * is longer than any run of backticks or tildes in the text, so the text cannot close it.
 */
export function mdCodeBlock(text: string, info = ''): string {
  const body = visible(text.replace(/\r\n|\r/g, '\n'));
  const longest = Math.max(2, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${info}\n${body}\n${fence}`;
}
