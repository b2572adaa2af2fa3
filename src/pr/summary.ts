/**
 * The review summary of a plan run (`summary.md`, and the sticky pull-request comment): pure, from
 * the per-stack results, deterministic (ordered by customer id, no timestamps, no durations).
 *
 * Reading order is the reviewer's: what gets destroyed on purpose (decommissions) on the very first
 * lines, then totals, then every destructive change to connectivity, loud, before the table, so
 * that a 200-row table can never push one below the fold; then refusals, the table of customers
 * with something to do (customers without changes are one collapsed line), and failures with
 * terraform's error in a collapsible block.
 *
 * Every value from a customer file or a plan (ids, addresses, attribute names and values, errors)
 * is untrusted and goes through src/pr/markdown.ts; none is ever placed inside an HTML element.
 */
import { countChanges, type ChangeCounts } from '../terraform/plan-counts';
import { destructiveChanges, type DestructiveChange } from './destructive';
import { mdCode, mdCodeBlock, mdText } from './markdown';
import type { StackPlanResult } from './types';

export interface SummaryOptions {
  /** Heading of the summary. @default 'linkforge plan' */
  readonly title?: string;
}

/** Longest error text kept in a failure's collapsible block. */
const MAX_ERROR_CHARS = 4000;

export function renderSummary(results: readonly StackPlanResult[], opts: SummaryOptions = {}): string {
  const sorted = [...results].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const rows = sorted.map(classify);
  const out: string[] = [];

  for (const r of rows.filter((row) => row.result.decommission)) out.push(decommissionLine(r));
  out.push(`## ${opts.title ?? 'linkforge plan'}`);
  out.push(totalsLine(rows));

  const destructive = rows.filter((r) => r.destructive.length > 0);
  if (destructive.length > 0) {
    out.push('### ⛔ Destructive changes to connectivity');
    for (const r of destructive) out.push(...r.destructive.map((d) => destructiveBlock(r.result, d)));
  }

  const refused = rows.filter((r) => r.result.status === 'refused');
  if (refused.length > 0) {
    out.push('### ⛔ Refused');
    out.push(
      refused
        .map((r) => `- **${mdText(r.result.id)}**: ${mdText(oneParagraph(r.result.error ?? 'refused'))}`)
        .join('\n'),
    );
  }

  const listed = rows.filter((r) => r.kind !== 'no-changes');
  if (listed.length > 0) out.push(table(listed));
  const unchanged = rows.filter((r) => r.kind === 'no-changes');
  if (unchanged.length > 0) out.push(unchangedBlock(unchanged));

  const failed = rows.filter((r) => r.result.status === 'failed');
  if (failed.length > 0) {
    out.push('### ❌ Failed');
    for (const r of failed) out.push(failureBlock(r.result));
  }
  return out.join('\n\n') + '\n';
}

type Kind = 'changes' | 'no-changes' | 'removed' | 'failed' | 'refused';

interface Row {
  readonly result: StackPlanResult;
  readonly kind: Kind;
  readonly counts?: ChangeCounts;
  readonly destructive: readonly DestructiveChange[];
}

function classify(result: StackPlanResult): Row {
  if (result.status === 'failed') return { result, kind: 'failed', destructive: [] };
  if (result.status === 'refused') return { result, kind: 'refused', destructive: [] };
  // A planned result without a connectivity type is a removed customer file whose stack holds no
  // resources any more (see removed.ts): nothing to plan, and worth a row of its own.
  if (result.connectivityType === undefined && !result.plan)
    return { result, kind: 'removed', destructive: [] };
  const counts = countChanges(result.plan);
  const any = counts.add + counts.change + counts.destroy > 0;
  return {
    result,
    kind: any || result.decommission ? 'changes' : 'no-changes',
    counts,
    destructive: destructiveChanges(result.plan),
  };
}

function decommissionLine(r: Row): string {
  const id = mdText(r.result.id);
  if (r.kind === 'failed')
    return `⚠ ${id} will be DESTROYED (decommission: true), but its destroy plan failed: see below.`;
  if (r.kind === 'refused')
    return `⚠ ${id} is marked for decommissioning (decommission: true) but was not planned: see below.`;
  const destroy = r.counts?.destroy ?? 0;
  if (destroy === 0) {
    return `⚠ ${id} is decommissioned (decommission: true): nothing left to destroy, its file can now be deleted.`;
  }
  return `⚠ ${id} will be DESTROYED (decommission: true): ${plural(destroy, 'resource')} to destroy.`;
}

function totalsLine(rows: readonly Row[]): string {
  if (rows.length === 0) return 'No customers to plan.';
  const planned = rows.filter((r) => r.counts !== undefined);
  const sum = planned.reduce(
    (t, r) => ({
      add: t.add + r.counts!.add,
      change: t.change + r.counts!.change,
      destroy: t.destroy + r.counts!.destroy,
    }),
    { add: 0, change: 0, destroy: 0 },
  );
  const parts = [
    `**${plural(planned.length, 'customer')} planned**: ${sum.add} to add, ${sum.change} to change, ${sum.destroy} to destroy.`,
  ];
  const count = (k: Kind) => rows.filter((r) => r.kind === k).length;
  const destructive = rows.reduce((n, r) => n + r.destructive.length, 0);
  if (destructive > 0) parts.push(`**${plural(destructive, 'destructive change')} to connectivity.**`);
  if (count('refused') > 0) parts.push(`**${count('refused')} refused.**`);
  if (count('failed') > 0) parts.push(`**${count('failed')} failed.**`);
  if (count('removed') > 0)
    parts.push(`${plural(count('removed'), 'removed customer')} with no resources left.`);
  return parts.join(' ');
}

function destructiveBlock(result: StackPlanResult, d: DestructiveChange): string {
  const what = d.kind === 'replace' ? 'REPLACED' : 'DESTROYED';
  const forced = d.forcedBy
    .map((a) => `${mdCode(a.path)}${a.values ? ` (${mdCode(a.values)})` : ''}`)
    .join(', ');
  const why =
    d.kind === 'replace'
      ? forced
        ? `, forced by ${forced}`
        : d.reason
          ? ` because ${d.reason}`
          : ''
      : result.decommission
        ? ' (decommission: true)'
        : d.reason
          ? ` because ${d.reason}`
          : '';
  return [
    '> [!CAUTION]',
    `> **${mdText(result.id)}**: ${mdCode(d.address)} will be **${what}**${why}.`,
    `> ${d.consequence}`,
  ].join('\n');
}

function table(rows: readonly Row[]): string {
  const lines = [
    '| customer | connectivity | status | to add | to change | to destroy |',
    '| --- | --- | --- | ---: | ---: | ---: |',
  ];
  for (const r of rows) {
    const c = r.counts;
    const n = (v: number | undefined) => (v === undefined ? '–' : String(v));
    lines.push(
      `| ${mdText(r.result.id)} | ${r.result.connectivityType ? mdText(r.result.connectivityType) : '—'} | ${status(r)} | ${n(c?.add)} | ${n(c?.change)} | ${n(c?.destroy)} |`,
    );
  }
  return lines.join('\n');
}

function status(r: Row): string {
  switch (r.kind) {
    case 'failed':
      return '❌ failed';
    case 'refused':
      return '⛔ refused';
    case 'removed':
      return 'removed (no resources left)';
    default:
      if (r.result.decommission) return '⚠ destroy (decommission)';
      if (r.destructive.length > 0) return '⛔ destructive';
      return r.kind === 'changes' ? 'changes' : 'no changes';
  }
}

function unchangedBlock(rows: readonly Row[]): string {
  const label = `${plural(rows.length, 'customer')} with no changes`;
  return [
    `<details><summary>${label}</summary>`,
    '',
    rows.map((r) => mdText(r.result.id)).join(', '),
    '',
    '</details>',
  ].join('\n');
}

function failureBlock(result: StackPlanResult): string {
  const text = cleanError(result.error ?? 'failed without an error message');
  const first = text.split('\n')[0];
  const headline = first.length > 120 ? `${first.slice(0, 117)}...` : first;
  // The headline stays in Markdown, outside the HTML element: Markdown escapes do not apply inside
  // an HTML block, and GitHub's mention filter does run there.
  return [
    `**${mdText(result.id)}**: ${mdText(headline)}`,
    '',
    "<details><summary>terraform's output</summary>",
    '',
    mdCodeBlock(text, 'text'),
    '',
    '</details>',
  ].join('\n');
}

/** Terraform's error without colour codes, bounded in length. */
function cleanError(s: string): string {
  // eslint-disable-next-line no-control-regex
  const plain = s.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '').trim();
  return plain.length > MAX_ERROR_CHARS ? `${plain.slice(0, MAX_ERROR_CHARS - 3)}...` : plain;
}

function oneParagraph(s: string): string {
  return cleanError(s).replace(/\s*\n\s*/g, ' ');
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
