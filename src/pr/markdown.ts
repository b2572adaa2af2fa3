/**
 * Escaping for everything that reaches Markdown (summary.md, the sticky pull-request comment, the
 * job summary, the drift issue, handoff documents) from a customer file or a plan. Such values are
 * untrusted: a `deviceName` or a tag value must never become a link, an image, an HTML element, an
 * @mention, an issue reference, a heading or a table cell break in a comment the bot posts.
 *
 * GitHub renders in two passes: GitHub-flavoured Markdown (where a backslash escapes any ASCII
 * punctuation), then filters over the resulting text that turn `@user` into a mention (which
 * notifies), `#12` into an issue link and `:tada:` into an emoji. A backslash does not survive the
 * first pass, so it cannot stop the second: `\@user` still mentions (github/markup#1168). After
 * `@`, `#` and `:` we therefore also insert a ZERO WIDTH SPACE, which those filters do not match
 * across and which renders as nothing. Untrusted values never go into an HTML block either (there
 * Markdown escapes do not apply): renderers keep them in Markdown paragraphs and code.
 */

/** Control characters other than tab and newline, and the Unicode bidi overrides. */
const CONTROL =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Characters with inline meaning in GitHub-flavoured Markdown (emphasis, strikethrough, code,
 * links, images, HTML, entities, table cells, math) or to GitHub's text filters (`@`, `#`, `:`).
 * `-`, `+`, `.` and `=` only mean something at the start of a line: see LINE_START.
 */
const MARKDOWN_SPECIAL = /[\\`*_{}[\]()<>#!|~&$^:@]/g;

/** Characters GitHub's post-Markdown filters act on: mentions, issue references, emoji. */
const FILTER_TRIGGERS = /\\([@#:])/g;
const ZWSP = '\u200b';

/**
 * A value placed at the start of a line could open a list (`- `, `+ `, `1. `, `1) `), a setext
 * heading underline (`===`, `---`) or a thematic break: its first such character is escaped.
 */
const LINE_START = /^([-+=]|\d+[.)])/;

/**
 * `www.` starts a GFM extended autolink even without a scheme; escaping its dot stops that (the
 * `:` of `https://` is escaped anyway).
 */
const WWW_DOT = /(www)\./gi;

/** Control characters as visible `\uXXXX` text, so they can neither hide text nor reorder it. */
function visibleControls(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function oneLine(text: string): string {
  return text.replace(/\r\n|\r|\n|\u2028|\u2029/g, ' ');
}

/**
 * Untrusted text as literal Markdown text, on one line: every inline Markdown/HTML metacharacter
 * is backslash-escaped, `@`, `#` and `:` are also followed by a zero-width space (see above),
 * newlines and tabs become spaces, surrounding whitespace is dropped and control characters become
 * visible `\uXXXX` escapes.
 */
export function mdText(text: string): string {
  // Leading whitespace could indent a line into a code block, trailing spaces make a hard line
  // break, and a tab counts as up to four spaces: none of them shows in rendered text anyway.
  return visibleControls(oneLine(text).replace(/\t/g, ' ').trim())
    .replace(MARKDOWN_SPECIAL, (c) => `\\${c}`)
    .replace(FILTER_TRIGGERS, (_m, c: string) => `\\${c}${ZWSP}`)
    .replace(WWW_DOT, (_m, w: string) => `${w}\\.`)
    .replace(LINE_START, (lead: string) =>
      /^\d/.test(lead) ? `${lead.slice(0, -1)}\\${lead.slice(-1)}` : `\\${lead}`,
    );
}

/**
 * Untrusted text as an inline code span: backticks inside cannot close it (the fence is longer
 * than any run of backticks in the text), pipes are escaped so the span is safe inside a table
 * cell, newlines become spaces and control characters become visible escapes. GitHub's mention,
 * reference and emoji filters skip code, so nothing else needs escaping.
 */
export function mdCode(text: string): string {
  // A backslash right before a pipe would escape the pipe's escape in a GFM table row: a zero-width
  // space keeps them apart.
  const flat = visibleControls(oneLine(text))
    .replace(/\\(?=\|)/g, '\\\u200b')
    .replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat === '' ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/**
 * Untrusted multi-line text (a Terraform error, a plan excerpt) as a fenced code block: the fence
 * is longer than any run of backticks in the text, so the text cannot close it.
 */
export function mdCodeBlock(text: string, info = ''): string {
  const body = visibleControls(text.replace(/\r\n|\r/g, '\n'));
  const longest = Math.max(2, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${info}\n${body}\n${fence}`;
}

/**
 * Untrusted text inside an HTML element (a `<summary>` line), where Markdown escapes do not apply:
 * HTML-escaped, on one line, with visible control characters, and in a `<code>` element, which
 * GitHub's mention, reference and emoji filters skip (an entity such as `&#64;` does not stop them).
 */
export function htmlCode(text: string): string {
  const escaped = visibleControls(oneLine(text))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
  return `<code>${escaped}</code>`;
}
