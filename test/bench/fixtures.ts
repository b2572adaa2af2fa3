/** Synthetic benchmark results for the renderer tests: fixed numbers, never timed. */
import type { BenchResults, FigureId, Measurement, Tool } from '../../src/bench/types';

export function measured(
  figure: FigureId,
  tool: Tool,
  size: number,
  ms: number[],
  rssKib: number,
): Measurement {
  const runs = ms.map((wallMs) => ({
    wallMs,
    peakRssKib: rssKib,
    steps: [{ label: figure, command: 'x', exitCode: 0, wallMs, maxRssKib: rssKib, treeRssKib: rssKib - 1 }],
  }));
  const sorted = [...ms].sort((a, b) => a - b);
  return {
    figure,
    tool,
    size,
    kind: 'measured',
    runs,
    medianMs: sorted[Math.floor(sorted.length / 2)],
    peakRssKib: rssKib,
  };
}

export function results(measurements: Measurement[], sizes = [10, 1000]): BenchResults {
  return {
    version: 1,
    date: '2025-01-02T03:04:05.678Z',
    machine: {
      cpuModel: 'Test CPU',
      cores: 2,
      memoryGib: 24,
      os: 'Linux 6 x64',
      node: 'v20.0.0',
      terraform: '1.11.4',
      cdktf: '0.21.0',
    },
    options: {
      sizes,
      planSizes: [10],
      plainPlanSizes: [10],
      runs: 3,
      planRuns: 1,
      seed: 1,
      skipPlain: false,
    },
    measurements,
  };
}
