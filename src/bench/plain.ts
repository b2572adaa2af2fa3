/**
 * The plain cdktf figures derived from measured ones instead of being run (see derivePlain).
 */
import { formatSeconds } from './stats';
import type { FigureId, Measurement } from './types';

/**
 * Plain cdktf figures that are not run separately:
 * - validate and synth-one repeat its synth-all (it has no separate validation, and always
 *   synthesizes every stack);
 * - plan-all-jobs2 repeats plan-all-jobs1 (no safe parallel `cdktf diff`);
 * - plan-all at sizes where the loop of `cdktf diff` was not run is extrapolated as
 *   N × the measured single `cdktf diff` at the same size.
 */
export function derivePlain(measured: readonly Measurement[]): Measurement[] {
  const out: Measurement[] = [];
  const get = (figure: FigureId, size: number, list: readonly Measurement[] = measured) =>
    list.find((m) => m.tool === 'plain-cdktf' && m.figure === figure && m.size === size);
  const sizes = [...new Set(measured.map((m) => m.size))].sort((a, b) => a - b);
  const sameAs = (figure: FigureId, source: Measurement, note: string): Measurement => ({
    ...source,
    figure,
    kind: 'same-as',
    sameAs: source.figure,
    note,
  });

  // How good the extrapolation is where both exist: say so next to it.
  const checks = sizes
    .map((size) => ({ size, real: get('plan-all-jobs1', size), one: get('pr-path', size) }))
    .filter((c) => c.real && !c.real.failed && c.one && !c.one.failed)
    .map(
      (c) =>
        `at ${c.size}: measured ${formatSeconds((c.real as Measurement).medianMs)}, estimate ` +
        `${formatSeconds(c.size * (c.one as Measurement).medianMs)}`,
    );

  for (const size of sizes) {
    const synth = get('synth-all', size);
    if (synth) {
      out.push(sameAs('validate', synth, 'plain cdktf: validation = its synthesis (no separate step).'));
      out.push(sameAs('synth-one', synth, 'plain cdktf: `cdktf synth` always synthesizes every stack.'));
    }
    let planAll = get('plan-all-jobs1', size);
    const one = get('pr-path', size);
    if (!planAll && one && !one.failed) {
      planAll = {
        figure: 'plan-all-jobs1',
        tool: 'plain-cdktf',
        size,
        kind: 'extrapolated',
        runs: [],
        medianMs: size * one.medianMs,
        // The loop runs one `cdktf diff` at a time: its peak is one diff's peak.
        peakRssKib: one.peakRssKib,
        note:
          'plain cdktf plan of every stack, where marked extrapolated: N × the measured `cdktf diff` of one stack ' +
          'at the same fleet size (each `cdktf diff` synthesizes the whole app again, then inits and plans ' +
          'its stack), not run because it takes hours at large N' +
          (checks.length > 0 ? `; checked against the real loop ${checks.join('; ')}.` : '.'),
      };
      out.push(planAll);
    }
    if (planAll) {
      out.push({
        ...sameAs(
          'plan-all-jobs2',
          planAll,
          'plain cdktf: `cdktf diff` cannot run two stacks side by side (shared cdktf.out).',
        ),
        kind: planAll.kind === 'extrapolated' ? 'extrapolated' : 'same-as',
      });
    }
  }
  return out;
}
