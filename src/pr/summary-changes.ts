/**
 * The per-customer resource lists of the review summary: one collapsible section per customer with
 * changes, each change with the attributes it changes (before → after, sensitive values masked),
 * within a byte budget so that the summary fits a GitHub comment.
 */
import { applyMask, REDACTED } from '../plan/redact';
import type { TerraformResourceChange } from '../plan/types';
import { formatPath } from '../text/field-path';
import { htmlCode, mdCode } from './markdown';
import { plural, type Row } from './summary-rows';

/** Default room for the resource lists: the rest of a comment is left for the header and table. */
export const DEFAULT_DETAIL_BUDGET = 40_000;

/**
 * Attributes never quoted whatever the plan's sensitivity masks say (a hand-made or older plan may
 * carry none): pre-shared keys and anything named like a secret.
 */
const SECRET_NAME = /preshared_key|secret|password|private_key|token|credential/i;

/** Longest rendering of one attribute value before it is cut (lists of blocks can be long). */
const MAX_VALUE_CHARS = 160;

/**
 * One collapsible section per customer with changes, within the byte budget: the customers with
 * warnings first (they matter most when the budget runs out), then by id. Customers beyond the
 * budget are named in one closing line that points at their plan files.
 */
export function resourceSections(
  rows: readonly Row[],
  opts: { readonly detailBudget?: number; readonly artifactName?: string },
): string[] {
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

interface ChangedAttribute {
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
function changedAttributes(rc: TerraformResourceChange): ChangedAttribute[] {
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
