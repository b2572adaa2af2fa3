/**
 * Property: whatever a customer file or a plan holds, it renders as text, never as markup. Hostile
 * values (Markdown, HTML, @mentions, issue references, links, images, control characters, bidi
 * overrides, fences, table pipes) are fed through every renderer whose output reaches GitHub: the
 * plan summary (summary.md, the job summary, the sticky comment, the drift issue), the comment
 * parts, and the annotations and log lines of `validate`.
 *
 * The Markdown is parsed with commonmark.js (the CommonMark reference parser). A rendering with
 * hostile values must contain no more block or inline markup of any kind than the same rendering
 * with plain values, no HTML other than the renderer's own, and no text that GitHub's filters would
 * turn into a mention, an issue link, an emoji or an autolink. GFM tables are checked on the text:
 * every row keeps its cell count.
 */
import { Parser, type Node } from 'commonmark';
import * as fc from 'fast-check';
import { escapeData, formatGithub, formatText, type Diagnostic } from '../../src/config/diagnostics';
import { splitForComments } from '../../src/pr/comment';
import { mdCode, mdCodeBlock, mdText } from '../../src/pr/markdown';
import { renderSummary } from '../../src/pr/summary';
import type { StackPlanResult, TerraformPlanJson } from '../../src/plan/types';

const SNIPPETS = [
  '**LGTM, safe to merge**',
  '[click](https://evil.example)',
  '![i](https://evil.example/i.png)',
  '<img src=x onerror=alert(1)>',
  '<details>',
  '</details>',
  '<!--',
  '-->',
  '<a href="https://evil.example">',
  '@octocat',
  '@org/team',
  'a@b.example',
  '#1',
  'owner/repo#12',
  ':tada:',
  'https://evil.example',
  'www.evil.example',
  '`',
  '```',
  '~~~',
  '~~gone~~',
  '_em_',
  '$x$',
  '|',
  '\\',
  '&lt;',
  '&#64;',
  '\n',
  '\r\n',
  '\r',
  '\n\n',
  '\u2028',
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\u202e',
  '\u2066',
  '> [!CAUTION]',
  '# heading',
  '- item',
  '+ item',
  '1. item',
  '1) item',
  '---',
  '===',
  '[ref]: https://evil.example',
  '    indented',
  '  ',
  '\t',
];

const hostile = fc
  .array(fc.oneof(fc.constantFrom(...SNIPPETS), fc.string({ maxLength: 6 })), { minLength: 1, maxLength: 6 })
  .map((parts) => parts.join(''));

/** Node types that are markup: none may be added by a value. */
const MARKUP = [
  'block_quote',
  'code_block',
  'emph',
  'heading',
  'html_block',
  'html_inline',
  'image',
  'item',
  'linebreak',
  'link',
  'list',
  'paragraph',
  'softbreak',
  'strong',
  'thematic_break',
];

interface Shape {
  readonly counts: Map<string, number>;
  readonly html: Set<string>;
  /** Text nodes outside code and links, as GitHub's filters see them. */
  readonly text: string[];
}

function shape(markdown: string): Shape {
  const counts = new Map<string, number>();
  const html = new Set<string>();
  const text: string[] = [];
  const walker = new Parser().parse(markdown).walker();
  let inLink = 0;
  for (let step = walker.next(); step; step = walker.next()) {
    const node: Node = step.node;
    if (node.type === 'link' || node.type === 'image') inLink += step.entering ? 1 : -1;
    if (!step.entering) continue;
    if (MARKUP.includes(node.type)) counts.set(node.type, (counts.get(node.type) ?? 0) + 1);
    // Untrusted values inside an HTML element are HTML-escaped `<code>` (htmlCode): compared without them.
    if (node.type === 'html_block' || node.type === 'html_inline')
      html.add((node.literal ?? '').replace(/<code>[^<>]*<\/code>/g, '<code></code>'));
    if (node.type === 'text' && inLink === 0) text.push(node.literal ?? '');
  }
  return { counts, html, text };
}

/** What GitHub turns into links after Markdown: mentions, references, emoji, GFM autolinks. */
const FILTERED = [/@[A-Za-z0-9]/, /#\d/, /:[a-z0-9_+-]+:/, /https?:\/\//i, /www\./i];

function expectNoAddedMarkup(plain: string, rendered: string): void {
  const base = shape(plain);
  const got = shape(rendered);
  // A value may remove template markup (an empty id leaves `****`), never add any.
  for (const type of MARKUP)
    expect([type, Math.min(got.counts.get(type) ?? 0, base.counts.get(type) ?? 0)]).toEqual([
      type,
      got.counts.get(type) ?? 0,
    ]);
  for (const h of got.html) expect(base.html).toContain(h);
  for (const t of got.text) for (const re of FILTERED) expect([t, re.test(t)]).toEqual([t, false]);
  expectPrintable(rendered);
}

function expectPrintable(s: string): void {
  // eslint-disable-next-line no-control-regex
  expect(s).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
}

/** GFM table rows: the number of cell separators (unescaped pipes) never changes. */
function expectTableIntact(markdown: string): void {
  const lines = markdown.split('\n');
  const header = lines.findIndex((l) => l.startsWith('| customer |'));
  const rows: string[] = [];
  for (let i = header; i >= 0 && i < lines.length && lines[i].startsWith('|'); i++) rows.push(lines[i]);
  // GitHub's table extension (cmark-gfm) splits a row on every `|` that is not directly preceded by a
  // backslash, before any inline parsing: `\\|` is a backslash and an escaped pipe, not an escaped
  // backslash and a cell break (CommonMark's backslash pairs do not apply at that stage).
  const pipes = (l: string) => (l.match(/(?<!\\)\|/g) ?? []).length;
  for (const row of rows) expect([row, pipes(row)]).toEqual([row, 7]);
}

interface Values {
  readonly failedId: string;
  readonly error: string;
  readonly refusedId: string;
  readonly refusal: string;
  readonly destroyedId: string;
  readonly address: string;
  readonly before: string;
  readonly after: string;
  readonly forcingPath: string;
  readonly unchangedId: string;
  readonly type: string;
}

function replacement(
  address: string,
  before: string,
  after: string,
  replacePath?: string,
): TerraformPlanJson {
  return {
    resource_changes: [
      {
        address,
        type: 'aws_customer_gateway',
        name: 'customer_gateway',
        change: {
          actions: ['delete', 'create'],
          before: { device_name: before, bgp_asn: '65010' },
          after: { device_name: after, bgp_asn: '65010' },
          ...(replacePath !== undefined ? { replace_paths: [[replacePath]] } : {}),
        },
      },
      {
        address: `${address}.destroyed`,
        type: 'aws_vpn_connection',
        name: 'vpn',
        change: { actions: ['delete'], before: {}, after: null },
        action_reason: 'delete_because_no_resource_config',
      },
    ],
  };
}

function results(v: Values): StackPlanResult[] {
  const type = v.type as StackPlanResult['connectivityType'];
  return [
    {
      id: v.failedId,
      connectivityType: type,
      decommission: true,
      status: 'failed',
      error: v.error,
      durationMs: 0,
    },
    { id: v.refusedId, decommission: false, status: 'refused', error: v.refusal, durationMs: 0 },
    {
      id: v.destroyedId,
      connectivityType: type,
      decommission: false,
      status: 'planned',
      plan: replacement(v.address, v.before, v.after),
      durationMs: 0,
    },
    {
      id: `${v.destroyedId}2`,
      connectivityType: type,
      decommission: true,
      status: 'planned',
      plan: replacement(v.address, v.before, v.after, v.forcingPath),
      durationMs: 0,
    },
    {
      id: v.unchangedId,
      connectivityType: type,
      decommission: false,
      status: 'planned',
      plan: {},
      durationMs: 0,
    },
  ];
}

const PLAIN: Values = {
  failedId: 'f',
  error: 'e',
  refusedId: 'r',
  refusal: 'r',
  destroyedId: 'd',
  address: 'a',
  before: 'b',
  after: 'c',
  forcingPath: 'p',
  unchangedId: 'u',
  type: 't',
};

const values: fc.Arbitrary<Values> = fc.record({
  failedId: hostile,
  error: hostile,
  refusedId: hostile,
  refusal: hostile,
  destroyedId: hostile,
  address: hostile,
  before: hostile,
  after: hostile,
  forcingPath: hostile,
  unchangedId: hostile,
  type: hostile,
});

describe('every renderer escapes untrusted values', () => {
  it('the plan summary (summary.md, job summary, comment, drift issue) gains no markup', () => {
    const plain = renderSummary(results(PLAIN));
    fc.assert(
      fc.property(values, (v) => {
        const md = renderSummary(results(v));
        expectNoAddedMarkup(plain, md);
        expectTableIntact(md);
      }),
      { numRuns: 100 },
    );
  });

  it('each part of a split comment gains no markup and no mention', () => {
    fc.assert(
      fc.property(values, (v) => {
        const md = renderSummary(results({ ...v, error: v.error.repeat(40) }));
        const parts = splitForComments(md, { limit: 2048 });
        for (const part of parts) {
          const s = shape(part);
          const own =
            /^(<!-- linkforge:plan-summary -->|<details( open)?><summary>([^<>]|<\/?(b|code)>)*<\/summary>|<\/details>)$/;
          for (const h of s.html) for (const l of h.split('\n').filter(Boolean)) expect(l).toMatch(own);
          for (const t of s.text) for (const re of FILTERED) expect([t, re.test(t)]).toEqual([t, false]);
          expectPrintable(part);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('mdText, mdCode and mdCodeBlock add no markup in a paragraph, a table cell or a block quote', () => {
    fc.assert(
      fc.property(hostile, (h) => {
        for (const wrap of [
          (s: string) => `x ${s} y`,
          (s: string) => `${s}, z`,
          (s: string) => `> **x**: ${s}.`,
        ]) {
          expectNoAddedMarkup(wrap(mdText('v')), wrap(mdText(h)));
          expectNoAddedMarkup(wrap(mdCode('v')), wrap(mdCode(h)));
        }
        expectNoAddedMarkup(`a\n\n${mdCodeBlock('v')}\n\nb`, `a\n\n${mdCodeBlock(h)}\n\nb`);
        expectTableIntact(`| ${mdText(h)} | ${mdCode(h)} | c | d | e | f |`);
      }),
      { numRuns: 200 },
    );
  });

  const diagnostic = (file: string, path: string, message: string, code = 'CODE'): Diagnostic => ({
    file,
    line: 3,
    column: 7,
    severity: 'error',
    code,
    path,
    message,
  });

  it('GitHub annotations: one workflow command per diagnostic, properties and message round-trip', () => {
    const unescape = (s: string) =>
      s.replace(/%(25|0D|0A|3A|2C)/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    fc.assert(
      fc.property(hostile, hostile, hostile, hostile, (file, path, message, code) => {
        const line = formatGithub(diagnostic(file, path, message, code));
        expect(line).not.toMatch(/[\r\n]/);
        const m = /^::error ([^:]*)::(.*)$/.exec(line);
        expect(m).not.toBeNull();
        const props = m![1].split(',');
        expect(props.map((p) => p.split('=')[0])).toEqual(['file', 'line', 'col', 'title']);
        // Control characters other than CR/LF are shown as \uXXXX, everything else round-trips.
        const shown = (s: string) =>
          escapeData(s).replace(/%(25|0D|0A)/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
        expect(unescape(props[0].slice('file='.length))).toBe(shown(file));
        expect(unescape(props[3].slice('title='.length))).toBe(shown(code));
        expect(unescape(m![2])).toBe(shown(`${path ? `${path} ` : ''}${message}`));
        expectPrintable(line);
      }),
      { numRuns: 200 },
    );
  });

  it('text diagnostics (terminal and CI logs): one line, printable, never a workflow command', () => {
    fc.assert(
      fc.property(hostile, hostile, hostile, (file, path, message) => {
        const line = formatText(diagnostic(file, path, message));
        expect(line).not.toMatch(/[\r\n]/);
        expect(line.startsWith('::')).toBe(false);
        expectPrintable(line);
      }),
      { numRuns: 200 },
    );
  });

  // The case from the issue: a deviceName quoted into the CAUTION block.
  it('regression: a deviceName with mentions, links, an image and "LGTM" stays text in the CAUTION block', () => {
    const name = '@octocat [docs](https://evil.example) <img src=x> **LGTM, safe to merge**';
    const md = renderSummary(results({ ...PLAIN, before: 'router-1', after: name }));
    const caution = md.split('\n').find((l) => l.startsWith('> `d`:'))!;
    expect(caution).toContain(
      'forced by `device_name` (`"router-1" → "@octocat [docs](https://evil.example) <img src=x> **LGTM, safe to merge**"`)',
    );
    expectNoAddedMarkup(renderSummary(results(PLAIN)), md);
  });
});
