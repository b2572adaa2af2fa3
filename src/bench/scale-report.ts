/**
 * The report's scale-out section (figures run by scale.ts), with the targets.
 */
import { FLEET_SHARDS, FLEET_SIZE, type OverheadCase, type ScaleResults } from './scale';
import { formatSeconds } from './stats';

/** The targets. */
const MAX_UNCHANGED_OVERHEAD = 1.15;
const MAX_MERGE_MS = 1000;
const MAX_FLEET_MS = 10 * 60_000;

/** The report's scale-out section (Markdown lines). Pure. */
export function renderScale(s: ScaleResults): string[] {
  const lines: string[] = ['### Scale-out: per-stack overhead, one shard, merge (issue 13)', ''];
  const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : '—');
  const pass = (ok: boolean) => (ok ? '✅' : '❌');
  if (s.overhead) {
    const { changed, unchanged } = s.overhead;
    const tfCell = (c: OverheadCase) =>
      Object.entries(c.linkforgeTerraform)
        .map(([cmd, ms]) => `${cmd} ${formatSeconds(ms)}`)
        .join(', ');
    lines.push(
      `Per-stack overhead: \`linkforge plan --offline ID\` (whole command: Node start-up, validation of the fleet of 20, synthesis of the stack, environment checks, Terraform) against bare \`terraform init && terraform plan\` of the same synthesized stack with the same CLI configuration and plugin cache; medians of ${changed.runs} interleaved run(s).`,
      '',
      "| stack | linkforge | bare init + plan | ratio | bare show -json | ratio to bare init + plan + show | linkforge's terraform commands |",
      '|---|---:|---:|---:|---:|---:|---|',
      `| with changes (new customer) | ${formatSeconds(changed.linkforgeMs)} | ${formatSeconds(changed.bareMs)} | ${ratio(changed.linkforgeMs, changed.bareMs)} | ${formatSeconds(changed.bareShowMs)} | ${ratio(changed.linkforgeMs, changed.bareMs + changed.bareShowMs)} | ${tfCell(changed)} |`,
      `| without changes (decommissioned, empty state) | ${formatSeconds(unchanged.linkforgeMs)} | ${formatSeconds(unchanged.bareMs)} | ${ratio(unchanged.linkforgeMs, unchanged.bareMs)} | — | — | ${tfCell(unchanged)} |`,
      '',
      `${pass(unchanged.linkforgeMs <= MAX_UNCHANGED_OVERHEAD * unchanged.bareMs)} unchanged stack ≤ ${MAX_UNCHANGED_OVERHEAD}× bare init + plan: ${ratio(unchanged.linkforgeMs, unchanged.bareMs)}.`,
      '',
    );
  }
  if (s.shard) {
    lines.push(
      `One shard planned here: \`linkforge plan --offline --shard 1/${s.shard.shards}\` of a ${s.shard.fleet}-customer fleet: ${s.shard.stacks} stacks in ${formatSeconds(s.shard.wallMs)} (--jobs ${s.shard.jobs}); validating all ${s.shard.fleet} files, every runner's fixed cost: ${formatSeconds(s.shard.fixedMs)}.`,
      '',
    );
  }
  if (s.summarize) {
    lines.push(
      `\`linkforge summarize\` of ${s.summarize.results} results in ${FLEET_SHARDS} shard directories: ${formatSeconds(s.summarize.cliMs)} (whole command; the merge alone, in process: ${formatSeconds(s.summarize.inProcessMs)}). ${pass(s.summarize.cliMs < MAX_MERGE_MS)} < ${formatSeconds(MAX_MERGE_MS)}.`,
      '',
    );
  }
  if (s.model) {
    lines.push(
      `**MODEL, not a measurement:** the whole ${s.shard?.fleet ?? FLEET_SIZE}-customer fleet on N runners like this machine, all at once = fixed cost + ceil(fleet / N) × the per-stack time of the measured shard + one summarize. Runner start-up, checkout and \`npm ci\` are not included.`,
      '',
      '| runners | stacks per runner | modelled wall time |',
      '|---:|---:|---:|',
      ...s.model.map((p) => `| ${p.runners} | ${p.stacksPerRunner} | ${formatSeconds(p.wallMs)} |`),
      '',
    );
    const at20 = s.model.find((p) => p.runners === 20);
    if (at20)
      lines.push(
        `${pass(at20.wallMs < MAX_FLEET_MS)} modelled ${FLEET_SIZE} customers on 20 runners < 10 min: ${formatSeconds(at20.wallMs)}.`,
        '',
      );
  }
  return lines;
}
