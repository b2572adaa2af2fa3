/**
 * The status report as text (a terminal), Markdown (a job summary: every value escaped) or JSON
 * (tools). The same facts in each.
 */
import { mdCode, mdText } from '../pr/markdown';
import type { Health, LinkStatus } from './link-status';
import type { FleetObservation } from './observe';

export interface StatusReport {
  readonly checkedAt: string;
  readonly links: readonly LinkStatus[];
  readonly fleet: FleetObservation;
}

const MARK: Record<Health, string> = {
  healthy: 'ok',
  waiting: 'WAITING',
  action: 'ACTION',
  unknown: 'UNKNOWN',
};

export function counts(links: readonly LinkStatus[]): Record<Health, number> {
  const c: Record<Health, number> = { healthy: 0, waiting: 0, action: 0, unknown: 0 };
  for (const l of links) c[l.health]++;
  return c;
}

function totals(r: StatusReport): string {
  const c = counts(r.links);
  const failed = r.fleet.regions.filter((x) => x.error !== undefined).length;
  return (
    `${r.links.length} link(s): ${c.healthy} healthy, ${c.waiting} waiting, ${c.action} need action, ${c.unknown} unknown; ` +
    `${r.fleet.regions.length} region(s) asked${failed > 0 ? `, ${failed} failed` : ''}, ${r.fleet.calls} AWS call(s)`
  );
}

export function renderStatusText(r: StatusReport): string {
  const rows = r.links.map((l) => [MARK[l.health], l.id, l.type, l.region, l.state]);
  const head = ['', 'ID', 'TYPE', 'REGION', 'STATE'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const out = [line(head), ...rows.map(line)];
  const todo = r.links.filter((l) => l.actions.length > 0);
  if (todo.length > 0) {
    out.push('', 'To do:');
    for (const l of todo) for (const a of l.actions) out.push(`  ${l.id}: ${a}`);
  }
  for (const reg of r.fleet.regions) if (reg.error) out.push(`region ${reg.region} failed: ${reg.error}`);
  out.push('', totals(r));
  return `${out.join('\n')}\n`;
}

export function renderStatusMarkdown(r: StatusReport): string {
  const c = counts(r.links);
  const healthy = c.healthy === r.links.length;
  const out = [
    `## linkforge status: ${healthy ? 'all links healthy' : `${r.links.length - c.healthy} link(s) need attention`}`,
    '',
    `Checked ${mdText(r.checkedAt)}. ${mdText(totals(r))}.`,
    '',
    '| | customer | type | region | state | to do |',
    '| --- | --- | --- | --- | --- | --- |',
    ...r.links.map(
      (l) =>
        `| ${MARK[l.health]} | ${mdCode(l.id)} | ${l.type} | ${mdCode(l.region)} | ${mdText(l.state)} | ${l.actions.map(mdText).join('<br>')} |`,
    ),
  ];
  const failed = r.fleet.regions.filter((x) => x.error !== undefined);
  if (failed.length > 0) {
    out.push(
      '',
      '### Regions that could not be asked',
      '',
      ...failed.map((x) => `- ${mdCode(x.region)}: ${mdText(x.error ?? '')}`),
    );
  }
  return `${out.join('\n')}\n`;
}

export function renderStatusJson(r: StatusReport): string {
  const c = counts(r.links);
  return `${JSON.stringify(
    {
      checkedAt: r.checkedAt,
      healthy: c.healthy === r.links.length,
      counts: c,
      calls: r.fleet.calls,
      regions: r.fleet.regions.map((x) => ({
        region: x.region,
        ok: x.error === undefined,
        ...(x.error ? { error: x.error } : {}),
      })),
      links: r.links,
    },
    null,
    2,
  )}\n`;
}
