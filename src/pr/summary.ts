/**
 * The review summary of a plan run (`summary.md`, and the sticky pull-request comment): pure, from
 * the per-stack results, deterministic (ordered by customer id, no timestamps, no durations).
 *
 * Reading order is the reviewer's:
 * 1. an offline plan says so on the very first line (it cannot see what is deployed);
 * 2. what gets destroyed on purpose (decommissions);
 * 3. the totals, per customer kind (new, changed, decommissioned, removed);
 * 4. every destructive change to connectivity, loud, before the table, so that a 200-row table can
 *    never push one below the fold; then refusals;
 * 5. the table of customers with something to do (customers without changes are one collapsed line);
 * 6. per customer, a collapsible list of its resource changes (warnings first, then address, action
 *    and the attributes that change, before → after, sensitive values masked), bounded so that the
 *    summary fits a GitHub comment; the rest points at the plan artifact;
 * 7. failures with terraform's error in a collapsible block.
 *
 * Every value that comes from a customer file or a plan is escaped (src/pr/markdown.ts).
 */
import type { StackPlanResult } from '../plan/types';
import type { DestructiveChange } from './destructive';
import { htmlCode, mdCode, mdCodeBlock, mdText } from './markdown';
import { resourceSections } from './summary-changes';
import { classify, plural, type Kind, type Row } from './summary-rows';

export interface SummaryOptions {
  /** Heading of the summary. @default 'linkforge plan' */
  readonly title?: string;
  /**
   * Bytes (UTF-8) the per-customer resource lists may take together. Customers whose list does
   * not fit any more get a pointer to their plan files instead, so the summary stays within one
   * GitHub comment (65,536 characters) for any realistic pull request; a fleet-wide run still
   * fits in a few parts (src/pr/comment.ts splits).
   * @default DEFAULT_DETAIL_BUDGET (src/pr/summary-changes.ts)
   */
  readonly detailBudget?: number;
  /** Name of the CI artifact holding the plan files, for pointers. @default 'plans' */
  readonly artifactName?: string;
}

/** Longest error text kept in a failure's collapsible block. */
const MAX_ERROR_CHARS = 4000;
/** The summary's first line for an offline run: it must never pass for a real review. */
const OFFLINE_NOTICE =
  '⚠ OFFLINE PLAN: planned against empty throw-away state without AWS credentials, so nothing ' +
  'deployed can be seen: every customer looks new, and removals, replacements and drift do not ' +
  'show. Plan with credentials before relying on this review.';

export function renderSummary(results: readonly StackPlanResult[], opts: SummaryOptions = {}): string {
  const sorted = [...results].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const rows = sorted.map(classify);
  const out: string[] = [];

  const offline = rows.some((r) => r.result.offline);
  const first: string[] = [];
  if (offline) first.push(OFFLINE_NOTICE);
  for (const r of rows.filter((row) => row.result.decommission)) first.push(decommissionLine(r));
  // One paragraph of warning lines (a line break each), so the very first line is the loudest.
  if (first.length > 0) out.push(first.join('  \n'));
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
        .map((r) => `- ${mdCode(r.result.id)}: ${mdText(oneParagraph(r.result.error ?? 'refused'))}`)
        .join('\n'),
    );
  }

  const listed = rows.filter((r) => r.kind !== 'no-changes');
  if (listed.length > 0) out.push(table(listed));
  const unchanged = rows.filter((r) => r.kind === 'no-changes');
  if (unchanged.length > 0) out.push(unchangedBlock(unchanged));

  const withChanges = rows.filter((r) => r.changes.length > 0);
  if (withChanges.length > 0) {
    out.push('### Resource changes');
    out.push(...resourceSections(withChanges, opts));
  }

  const failed = rows.filter((r) => r.result.status === 'failed');
  if (failed.length > 0) {
    out.push('### ❌ Failed');
    for (const r of failed) out.push(failureBlock(r.result));
  }
  const interrupted = rows.filter((r) => r.result.status === 'interrupted');
  if (interrupted.length > 0) {
    out.push('### ⏹ Interrupted');
    out.push(
      interrupted
        .map((r) => `- ${mdCode(r.result.id)}: ${mdText(oneParagraph(r.result.error ?? 'interrupted'))}`)
        .join('\n'),
    );
  }
  return out.join('\n\n') + '\n';
}

function decommissionLine(r: Row): string {
  const id = mdCode(r.result.id);
  if (r.kind === 'failed')
    return `⚠ ${id} will be DESTROYED (decommission: true), but its destroy plan failed: see below.`;
  if (r.kind === 'refused' || r.kind === 'interrupted')
    return `⚠ ${id} is marked for decommissioning (decommission: true) but was not planned: see below.`;
  if (r.result.offline) {
    return (
      `⚠ ${id} is marked for decommissioning (decommission: true), but this plan is offline: ` +
      'what its stack still holds cannot be seen, so nothing can be concluded about what will be ' +
      'destroyed or whether its file may be deleted.'
    );
  }
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
  const count = (k: Kind) => rows.filter((r) => r.kind === k).length;
  const kinds = (
    [
      ['new', 'new'],
      ['changed', 'changed'],
      ['planned-offline', 'new or changed (offline: cannot tell)'],
      ['decommissioned', 'decommissioned'],
      ['removed', 'removed'],
      ['no-changes', 'without changes'],
    ] as const
  )
    .filter(([k]) => count(k) > 0)
    .map(([k, label]) => `${count(k)} ${label}`);
  const parts = [
    `**${plural(planned.length, 'customer')} planned**` +
      (kinds.length > 0 ? ` (${kinds.join(', ')})` : '') +
      `: ${sum.add} to add, ${sum.change} to change, ${sum.destroy} to destroy.`,
  ];
  const destructive = rows.reduce((n, r) => n + r.destructive.length, 0);
  if (destructive > 0) parts.push(`**${plural(destructive, 'destructive change')} to connectivity.**`);
  if (count('refused') > 0) parts.push(`**${count('refused')} refused.**`);
  if (count('failed') > 0) parts.push(`**${count('failed')} failed.**`);
  if (count('interrupted') > 0)
    parts.push(`**${count('interrupted')} interrupted: this run was stopped before they were planned.**`);
  return parts.join(' ');
}

function destructiveBlock(result: StackPlanResult, d: DestructiveChange): string {
  if (d.kind === 'new-request') {
    return [
      '> [!CAUTION]',
      `> ${mdCode(result.id)}: ${mdCode(d.address)} is a **NEW PEERING REQUEST: the customer must accept again** (${d.reason}).`,
      `> ${d.consequence}`,
    ].join('\n');
  }
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
    `> ${mdCode(result.id)}: ${mdCode(d.address)} will be **${what}**${why}.`,
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
      `| ${mdCode(r.result.id)} | ${r.result.connectivityType ? mdCode(r.result.connectivityType) : '—'} | ${status(r)} | ${n(c?.add)} | ${n(c?.change)} | ${n(c?.destroy)} |`,
    );
  }
  return lines.join('\n');
}

/** The word for each kind: the console (src/plan/report.ts) uses the same ones. */
function status(r: Row): string {
  switch (r.kind) {
    case 'failed':
      return '❌ failed';
    case 'refused':
      return '⛔ refused';
    case 'interrupted':
      return '⏹ interrupted';
    case 'removed':
      return 'removed (no resources left)';
    case 'decommissioned':
      return r.result.offline ? '⚠ decommissioned (offline: cannot see state)' : '⚠ decommissioned (destroy)';
    case 'no-changes':
      return 'no changes';
    case 'planned-offline':
      return r.destructive.length > 0 ? '⛔ destructive' : 'new or changed (offline)';
    default:
      return r.destructive.length > 0 ? `⛔ ${r.kind}, destructive` : r.kind;
  }
}

function unchangedBlock(rows: readonly Row[]): string {
  const label = `${plural(rows.length, 'customer')} with no changes`;
  return [
    `<details><summary>${label}</summary>`,
    '',
    rows.map((r) => mdCode(r.result.id)).join(', '),
    '',
    '</details>',
  ].join('\n');
}

function failureBlock(result: StackPlanResult): string {
  const text = cleanError(result.error ?? 'failed without an error message');
  const first = text.split('\n')[0];
  const headline = first.length > 120 ? `${first.slice(0, 117)}...` : first;
  return [
    `<details><summary><b>${htmlCode(result.id)}</b>: ${htmlCode(headline)}</summary>`,
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
