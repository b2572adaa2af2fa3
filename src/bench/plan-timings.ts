/**
 * Terraform's share of linkforge's plan figures, from the per-stack plan logs.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { TerraformBreakdown } from './types';

/**
 * Where linkforge's plan time goes: the mean time per stack of each terraform command, read from the
 * per-stack logs `plan` keeps (`cdktf.out/plans/<id>/terraform.log`, one `$ terraform <cmd> … # exit
 * N, 1.2s` line per command). Undefined when there are none (not a plan figure) or the format
 * changed: it explains the figures, it is not one.
 */
export function terraformBreakdown(repoDir: string): TerraformBreakdown | undefined {
  const plans = path.join(repoDir, 'cdktf.out', 'plans');
  if (!fs.existsSync(plans)) return undefined;
  const totals = new Map<string, { ms: number; n: number }>();
  let stacks = 0;
  for (const id of fs.readdirSync(plans).sort()) {
    const log = path.join(plans, id, 'terraform.log');
    if (!fs.existsSync(log)) continue;
    stacks++;
    for (const [cmd, ms] of parseTerraformLog(fs.readFileSync(log, 'utf8'))) {
      const t = totals.get(cmd) ?? { ms: 0, n: 0 };
      totals.set(cmd, { ms: t.ms + ms, n: t.n + 1 });
    }
  }
  if (stacks === 0 || totals.size === 0) return undefined;
  const commands: Record<string, number> = {};
  for (const [cmd, t] of totals) commands[cmd] = Math.round(t.ms / t.n);
  return { stacks, commands };
}

/** `[command, ms]` for each `$ terraform <command> … # exit N, 1.2s` line of a plan log. */
export function parseTerraformLog(text: string): [string, number][] {
  const out: [string, number][] = [];
  for (const m of text.matchAll(/^\$ terraform ([a-z]+)\b.*# exit -?[0-9]+, ([0-9.]+)s$/gm)) {
    out.push([m[1], Math.round(Number(m[2]) * 1000)]);
  }
  return out;
}
