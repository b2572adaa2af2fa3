import { tunnelInsideCidrs } from '../../../src/config/rules/tunnel-inside-cidrs';
import { only, run, vpn } from './helpers';

const inside = (a: string, b: string) => vpn({ tunnelOptions: { insideCidrs: [a, b] } });
const path = (i: number) => ['connectivity', 'tunnelOptions', 'insideCidrs', i];

describe('TUNNEL_INSIDE_CIDR', () => {
  it('accepts two distinct usable /30s', () => {
    expect(run(tunnelInsideCidrs, inside('169.254.10.0/30', '169.254.10.4/30'))).toEqual([]);
    expect(run(tunnelInsideCidrs, inside('169.254.6.0/30', '169.254.169.248/30'))).toEqual([]);
    expect(run(tunnelInsideCidrs, vpn())).toEqual([]);
  });

  it.each([
    '169.254.0.0/30',
    '169.254.1.0/30',
    '169.254.2.0/30',
    '169.254.3.0/30',
    '169.254.4.0/30',
    '169.254.5.0/30',
    '169.254.169.252/30',
  ])('rejects the reserved %s and suggests a free /30', (reserved) => {
    const f = only(run(tunnelInsideCidrs, inside('169.254.10.0/30', reserved)));
    expect(f).toMatchObject({ code: 'TUNNEL_INSIDE_CIDR', severity: 'error', path: path(1) });
    expect(f.message).toMatch(new RegExp(`^${reserved.replace(/\./g, '\\.')} is reserved by AWS`));
    // Suggested from 169.254.10.0, skipping the other tunnel's /30.
    expect(f.message).toContain('e.g. 169.254.10.4/30');
  });

  it('accepts /30s next to the reserved ones (the list is exact, not a /21)', () => {
    expect(run(tunnelInsideCidrs, inside('169.254.0.4/30', '169.254.5.4/30'))).toEqual([]);
  });

  it('rejects a wrong size, a range outside link-local, and a repeat', () => {
    const size = only(run(tunnelInsideCidrs, inside('169.254.10.0/29', '169.254.20.0/30')));
    expect(size.path).toEqual(path(0));
    expect(size.message).toMatch(/^169\.254\.10\.0\/29 is a \/29; expected a \/30 in 169\.254\.0\.0\/16/);

    const outside = only(run(tunnelInsideCidrs, inside('169.254.10.0/30', '10.0.0.0/30')));
    expect(outside.message).toMatch(/^10\.0\.0\.0\/30 is outside 169\.254\.0\.0\/16/);

    const repeat = only(run(tunnelInsideCidrs, inside('169.254.6.0/30', '169.254.6.0/30')));
    expect(repeat.path).toEqual(path(1));
    expect(repeat.message).toContain('repeats connectivity.tunnelOptions.insideCidrs[0]');
    // The suggestion avoids the other tunnel's /30.
    expect(repeat.message).toContain('e.g. 169.254.10.0/30');
    const taken = only(run(tunnelInsideCidrs, inside('169.254.10.0/30', '169.254.10.0/30')));
    expect(taken.message).toContain('e.g. 169.254.10.4/30');
  });
});
