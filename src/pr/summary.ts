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
import { countChanges, type ChangeCounts } from '../terraform/plan-counts';
import { applyMask, REDACTED } from '../terraform/redact';
import { destructiveChanges, type DestructiveChange } from './destructive';
import { formatPath } from '../text/field-path';
import { htmlCode, mdCode, mdCodeBlock, mdText } from './markdown';
import type { StackPlanResult, TerraformResourceChange } from './types';

export interface SummaryOptions {
  /** Heading of the summary. @default 'linkforge plan' */
  readonly title?: string;
  /**
   * Bytes (UTF-8) the per-customer resource lists may take together. Customers whose list does
   * not fit any more get a pointer to their plan files instead, so the summary stays within one
   * GitHub comment (65,536 characters) for any realistic pull request; a fleet-wide run still
   * fits in a few parts (src/pr/comment.ts splits).
   * @default DEFAULT_DETAIL_BUDGET
   */
  readonly detailBudget?: number;
  /** Name of the CI artifact holding the plan files, for pointers. @default 'plans' */
  readonly artifactName?: string;
}

/** Default room for the resource lists: the rest of a comment is left for the header and table. */
export const DEFAULT_DETAIL_BUDGET = 40_000;

/** Longest error text kept in a failure's collapsible block. */
const MAX_ERROR_CHARS = 4000;
/**
 * Attributes never quoted whatever the plan's sensitivity masks say (a hand-made or older plan may
 * carry none): pre-shared keys and anything named like a secret.
 */
const SECRET_NAME = /preshared_key|secret|password|private_key|token|credential/i;

/** Longest rendering of one attribute value before it is cut (lists of blocks can be long). */
const MAX_VALUE_CHARS = 160;

/** The summary's first line for an offline run: it must never pass for a real review. */
export const OFFLINE_NOTICE =
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

/**
 * What a customer is in this run. `new`: every planned change creates (nothing deployed yet);
 * `changed`: something deployed is updated, replaced or destroyed; offline plans cannot tell the
 * two apart (their state is empty), so they are `planned-offline`.
 */
type Kind =
  | 'new'
  | 'changed'
  | 'planned-offline'
  | 'decommissioned'
  | 'no-changes'
  | 'removed'
  | 'failed'
  | 'refused'
  | 'interrupted';

interface Row {
  readonly result: StackPlanResult;
  readonly kind: Kind;
  readonly counts?: ChangeCounts;
  readonly destructive: readonly DestructiveChange[];
  /** Resource changes other than no-ops and reads, warnings first. */
  readonly changes: readonly TerraformResourceChange[];
}

function classify(result: StackPlanResult): Row {
  const none = { destructive: [], changes: [] };
  if (result.status === 'failed') return { result, kind: 'failed', ...none };
  if (result.status === 'refused') return { result, kind: 'refused', ...none };
  if (result.status === 'interrupted') return { result, kind: 'interrupted', ...none };
  // A planned result without a connectivity type is a removed customer file whose stack holds no
  // resources any more (see removed.ts): nothing to plan, and worth a row of its own.
  if (result.connectivityType === undefined && !result.plan) return { result, kind: 'removed', ...none };
  const counts = countChanges(result.plan);
  const destructive = destructiveChanges(result.plan);
  const changes = orderChanges(
    (result.plan?.resource_changes ?? []).filter((rc) => rc.change.actions.some(isChange)),
    destructive,
  );
  let kind: Kind;
  if (result.decommission) kind = 'decommissioned';
  else if (changes.length === 0) kind = 'no-changes';
  else if (result.offline) kind = 'planned-offline';
  else {
    const deployed = (result.plan?.resource_changes ?? []).some(
      (rc) => !rc.change.actions.includes('create'),
    );
    kind = deployed || changes.some((rc) => rc.change.actions.includes('delete')) ? 'changed' : 'new';
  }
  return { result, kind, counts, destructive, changes };
}

function isChange(action: string): boolean {
  return action === 'create' || action === 'update' || action === 'delete';
}

/** Warnings first (destructive to connectivity), then other replacements and deletions, updates, creations. */
function orderChanges(
  changes: readonly TerraformResourceChange[],
  destructive: readonly DestructiveChange[],
): TerraformResourceChange[] {
  const loud = new Set(destructive.map((d) => d.address));
  const rank = (rc: TerraformResourceChange) => {
    if (loud.has(rc.address)) return 0;
    const a = rc.change.actions;
    if (a.includes('delete')) return 1;
    if (a.includes('update')) return 2;
    return 3;
  };
  return [...changes].sort(
    (a, b) => rank(a) - rank(b) || (a.address < b.address ? -1 : a.address > b.address ? 1 : 0),
  );
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

/** The word for each kind: the console (src/cli/plan.ts) uses the same ones. */
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

/**
 * One collapsible section per customer with changes, within the byte budget: the customers with
 * warnings first (they matter most when the budget runs out), then by id. Customers beyond the
 * budget are named in one closing line that points at their plan files.
 */
function resourceSections(rows: readonly Row[], opts: SummaryOptions): string[] {
  const budget = opts.detailBudget ?? DEFAULT_DETAIL_BUDGET;
  const artifact = opts.artifactName ?? 'plans';
  const ordered = [...rows].sort(
    (a, b) =>
      Number(b.destructive.length > 0) - Number(a.destructive.length > 0) ||
      (a.result.id < b.result.id ? -1 : a.result.id > b.result.id ? 1 : 0),
  );
  const sections: string[] = [];
  const left: Row[] = [];
  let used = 0;
  for (const r of ordered) {
    const section = resourceSection(r, artifact);
    const size = Buffer.byteLength(section, 'utf8');
    if (left.length === 0 && used + size <= budget) {
      sections.push(section);
      used += size;
    } else {
      left.push(r);
    }
  }
  if (left.length > 0) {
    const ids = left
      .map((r) => r.result.id)
      .sort()
      .map((id) => mdCode(id))
      .join(', ');
    sections.push(
      `_Resource lists of ${plural(left.length, 'more customer')} do not fit in this comment: ` +
        `see ${mdCode(`plans/<id>/plan.txt`)} (readable plan) and ${mdCode('plans/<id>/plan.json')} ` +
        `in the ${mdCode(artifact)} artifact of this run, or ${mdCode('cdktf.out/plans/<id>/')} locally: ${ids}._`,
    );
  }
  return sections;
}

function resourceSection(r: Row, artifact: string): string {
  const c = r.counts ?? { add: 0, change: 0, destroy: 0 };
  const label = r.kind === 'planned-offline' ? 'new or changed, offline' : r.kind;
  const lines = [
    `<details><summary><b>${htmlCode(r.result.id)}</b> (${label}): ${c.add} to add, ${c.change} to change, ${c.destroy} to destroy</summary>`,
    '',
  ];
  if (r.destructive.length > 0) {
    lines.push(
      `⛔ ${plural(r.destructive.length, 'destructive change')} to connectivity (above): ` +
        r.destructive.map((d) => mdCode(d.address)).join(', '),
      '',
    );
  }
  for (const rc of r.changes) {
    const loud = r.destructive.some((d) => d.address === rc.address);
    lines.push(`- ${loud ? '⛔ ' : ''}${mdCode(rc.address)} **${actionWord(rc)}**`);
    for (const a of changedAttributes(rc)) lines.push(`  - ${mdCode(a.path)}: ${a.before} → ${a.after}`);
  }
  const dir = r.result.planJsonFile?.replace(/\/plan\.json$/, '');
  if (dir) {
    lines.push(
      '',
      `Readable plan: ${mdCode(`${dir}/plan.txt`)} (JSON: ${mdCode(`${dir}/plan.json`)}; ` +
        `both in the ${mdCode(artifact)} artifact in CI).`,
    );
  }
  lines.push('', '</details>');
  return lines.join('\n');
}

function actionWord(rc: TerraformResourceChange): string {
  const a = rc.change.actions;
  if (a.includes('create') && a.includes('delete')) return 'replace';
  if (a.includes('delete')) return 'destroy';
  if (a.includes('update')) return 'update';
  return 'create';
}

export interface ChangedAttribute {
  /** HCL-style path: `ingress`, `tags.name`. */
  readonly path: string;
  /** Markdown, already escaped. */
  readonly before: string;
  readonly after: string;
}

/**
 * The top-level attributes an update or replacement changes, with values before → after: unknown
 * values read "(known after apply)", sensitive ones "(sensitive)" (masked here too, whatever the
 * caller did), "" → null (the provider normalising an unset argument) is left out. Creations and
 * destructions list nothing: every attribute would "change".
 */
export function changedAttributes(rc: TerraformResourceChange): ChangedAttribute[] {
  const a = rc.change.actions;
  if (!a.includes('update') && !(a.includes('create') && a.includes('delete'))) return [];
  // Compared unmasked (a changed sensitive value is still a change), shown masked.
  const before = asRecord(rc.change.before);
  const after = asRecord(rc.change.after);
  const shownBefore = asRecord(applyMask(rc.change.before, rc.change.before_sensitive));
  const shownAfter = asRecord(applyMask(rc.change.after, rc.change.after_sensitive));
  const unknown = asRecord(rc.change.after_unknown);
  // A replacement makes every computed attribute unknown or unset: only the attributes that force
  // it, and those whose new value is known, say anything.
  const replace = a.includes('create') && a.includes('delete');
  const forcing = new Set((rc.change.replace_paths ?? []).map((p) => String(p[0])));
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after), ...Object.keys(unknown)])].sort();
  const out: ChangedAttribute[] = [];
  for (const k of keys) {
    const isUnknown = unknown[k] === true || (containsTrue(unknown[k]) && !(k in after));
    if (isUnknown) {
      if (replace && !forcing.has(k)) continue;
      if (isEmpty(before[k]) || k === 'id' || k === 'arn') continue;
      out.push({ path: formatPath([k]), before: value(shownBefore[k]), after: '_(known after apply)_' });
      continue;
    }
    if (isEmpty(before[k]) && isEmpty(after[k])) continue;
    if (JSON.stringify(before[k]) === JSON.stringify(after[k])) continue;
    if (replace && isEmpty(after[k]) && !forcing.has(k)) continue;
    if (SECRET_NAME.test(k)) {
      out.push({ path: formatPath([k]), before: SENSITIVE, after: SENSITIVE });
      continue;
    }
    out.push({ path: formatPath([k]), before: value(shownBefore[k]), after: value(shownAfter[k]) });
  }
  return out;
}

const SENSITIVE = '_(sensitive)_';

function value(v: unknown): string {
  if (v === undefined || v === null) return '_null_';
  if (v === REDACTED || containsRedacted(v)) return SENSITIVE;
  let text = JSON.stringify(v);
  if (text.length > MAX_VALUE_CHARS) text = `${text.slice(0, MAX_VALUE_CHARS - 1)}…`;
  return mdCode(text);
}

function containsRedacted(v: unknown): boolean {
  if (v === REDACTED) return true;
  if (v && typeof v === 'object') return Object.values(v as object).some(containsRedacted);
  return false;
}

function containsTrue(v: unknown): boolean {
  if (v === true) return true;
  if (v && typeof v === 'object') return Object.values(v as object).some(containsTrue);
  return false;
}

function asRecord(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function isEmpty(v: unknown): boolean {
  return (
    v === null ||
    v === undefined ||
    v === '' ||
    (Array.isArray(v) && v.length === 0) ||
    (typeof v === 'object' && v !== null && Object.keys(v).length === 0)
  );
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

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
