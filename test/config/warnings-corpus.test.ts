/**
 * Warning fixtures: every file in test/fixtures/warnings is valid (no error, the customer loads)
 * and produces exactly one warning, the one its first line declares (`# expect: CODE LINE:COL`).
 */
import * as fs from 'fs';
import * as path from 'path';
import { checkSources } from '../../src/config/load';
import { DEFAULT_SETTINGS } from '../../src/config/settings';

const DIR = path.join(__dirname, '..', 'fixtures', 'warnings');
const EXPECT = /^# expect: ([A-Z0-9_]+) (\d+):(\d+)\s*$/;
const names = fs
  .readdirSync(DIR)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();

describe('warning fixtures', () => {
  it('has a fixture for each warning code', () => {
    const codes = new Set(
      names.map((n) => EXPECT.exec(fs.readFileSync(path.join(DIR, n), 'utf8').split('\n')[0])?.[1]),
    );
    for (const code of [
      'DNS_RESOLUTION_PENDING',
      'CGW_IP_DOCUMENTATION',
      'SINGLE_TUNNEL',
      'PORT_RANGE_OVERLAP',
      'ROUTE_PUBLIC',
      'VPN_EGRESS_DEFAULT',
      'QUOTA_SECURITY_GROUP_RULES',
      'QUOTA_ROUTES',
    ]) {
      expect(codes).toContain(code);
    }
  });

  it.each(names)('%s gives exactly the declared warning and no error', (name) => {
    const text = fs.readFileSync(path.join(DIR, name), 'utf8');
    const match = EXPECT.exec(text.split('\n')[0]);
    expect(match).not.toBeNull();
    const [, code, line, column] = match!;
    const file = `test/fixtures/warnings/${name}`;
    const { customers, diagnostics } = checkSources([{ path: file, text }], DEFAULT_SETTINGS);
    expect(diagnostics.map((d) => [d.severity, d.code, d.line, d.column])).toEqual([
      ['warning', code, Number(line), Number(column)],
    ]);
    expect(customers.map((c) => c.file)).toEqual([file]);
  });
});
