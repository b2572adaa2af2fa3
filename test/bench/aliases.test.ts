/**
 * The `validate-aliases` figure: its files are what the issue names (about 1 MiB, built from
 * aliases) and each is refused for the reason the report claims; the report and its target row.
 * Times are never asserted here: `npm run bench -- --figures validate-aliases` measures them.
 */
import { aliasCases, renderAliases, type AliasMeasurement } from '../../src/bench/aliases';
import { renderTargets } from '../../src/bench/targets';
import { checkSources } from '../../src/config/load';
import { DEFAULT_SETTINGS } from '../../src/config/settings';
import { MAX_FILE_BYTES } from '../../src/config/yaml-guards';
import { results } from './fixtures';

describe('alias cases', () => {
  const cases = aliasCases();
  const firstCode = (text: string) =>
    checkSources([{ path: 'customers/globex-inc-0001.yaml', text }], DEFAULT_SETTINGS).diagnostics[0]?.code;

  it('the 1 MiB cases fill the file to just under the size limit; the same text on every call', () => {
    for (const id of ['one-alias-long-list', 'alias-per-value']) {
      const c = cases.find((x) => x.id === id)!;
      const bytes = Buffer.byteLength(c.text);
      expect(bytes).toBeLessThanOrEqual(MAX_FILE_BYTES);
      expect(bytes).toBeGreaterThan(MAX_FILE_BYTES - 2048);
      expect(c.text).toMatch(/\*[pv]\b/);
    }
    expect(aliasCases()).toEqual(cases);
  });

  it('each is refused for the reason the report gives', () => {
    expect(cases.map((c) => [c.id, firstCode(c.text)])).toEqual([
      ['one-alias-long-list', 'YAML_TOO_COMPLEX'],
      ['alias-per-value', 'YAML_TOO_COMPLEX'],
      ['alias-bomb', 'YAML_ALIAS_LIMIT'],
      // Under every limit: parsed, expanded and checked value by value.
      ['largest-validated', 'INVALID_PORT'],
    ]);
  });
});

describe('alias report', () => {
  const m = (id: string, medianMs: number, extra: Partial<AliasMeasurement> = {}): AliasMeasurement => ({
    id,
    title: `case ${id}`,
    bytes: 1024 * 1024 - 1024,
    firstCode: 'YAML_TOO_COMPLEX',
    diagnostics: 1,
    medianMs,
    cpuMs: medianMs / 2,
    peakRssKib: 80 * 1024,
    inProcessMs: 20,
    inProcessCpuMs: 18,
    ...extra,
  });

  it('a row per case, and the target on the slowest', () => {
    const aliases = { runs: 3, cases: [m('a', 420), m('b', 640)] };
    expect(renderAliases(aliases).join('\n')).toContain(
      '| case b | 1023 KiB | `YAML_TOO_COMPLEX` (1) | 0.640 s (n=3) | 0.320 s | 80 MiB | 0.020 s (0.018 s) |',
    );
    const target = renderTargets({ ...results([]), aliases }).find((l) => l.includes('YAML aliases'));
    expect(target).toBe(
      '| validation of a 1 MiB customer file built from YAML aliases < 1 s | 0.640 s at worst (CPU 0.320 s) | ✅ pass |',
    );
  });

  it('fails the target when the slowest case is over a second or did not exit 1', () => {
    const slow = renderTargets({ ...results([]), aliases: { runs: 1, cases: [m('a', 1200)] } });
    expect(slow.find((l) => l.includes('YAML aliases'))).toContain('❌ FAIL');
    const crashed = renderTargets({
      ...results([]),
      aliases: { runs: 1, cases: [m('a', 100, { failed: 'exit 2, expected 1 (an invalid file)' })] },
    });
    expect(crashed.find((l) => l.includes('YAML aliases'))).toContain('failed (exit 2');
  });
});
